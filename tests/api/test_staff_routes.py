"""Staff and admin routes: sign-in and roles, scans to an extraction job to a draft, staff edits with
history, change of form, approve and export (JSON and PDF), the audit trail, users, analytics."""

from __future__ import annotations

from service_support import PASSWORD, sign_in, wait_for_job

from api.scan_jobs import ScanPipeline
from api.store.models import Scan
from ocr.load import ScanError


def failing_extract(name: str, data: bytes) -> list:
    raise ScanError(f"{name}: no identity document found")


def upload(client, headers, files, form="TK01"):
    data = {"form": form} if form else {}
    return client.post("/api/scans", headers=headers, files=[("files", f) for f in files], data=data)


def a_draft(client, headers, id_card) -> tuple[int, int]:
    accepted = upload(client, headers, [("card.jpg", id_card[0], "image/jpeg")])
    assert accepted.status_code == 202, accepted.text
    job = wait_for_job(client, headers, accepted.json()["job"]["id"])
    assert job["status"] == "done", job
    return job["result"]["draft"], accepted.json()["scans"][0]


def test_staff_and_admin_routes_need_sign_in_and_the_right_role(client, staff, admin):
    for method, path in [
        ("get", "/api/drafts"),
        ("get", "/api/drafts/1"),
        ("post", "/api/scans"),
        ("get", "/api/jobs/x"),
        ("get", "/api/analytics"),
        ("get", "/api/users"),
    ]:
        assert getattr(client, method)(path).status_code == 401, path
    assert client.get("/api/drafts", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert client.get("/api/drafts", headers=staff).status_code == 200
    assert client.get("/api/analytics", headers=staff).status_code == 403
    assert client.get("/api/users", headers=staff).status_code == 403
    assert client.get("/api/analytics", headers=admin).status_code == 200
    assert client.get("/api/drafts", headers=admin).status_code == 200  # admins may do what staff do


def test_sign_in_sets_a_strict_httponly_cookie_and_sign_out_ends_it(client, staff):
    response = client.post("/api/auth/login", json={"username": "lan", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "motcua_session=" in cookie
    assert client.get("/api/auth/me").json() == {"username": "lan", "role": "staff"}
    assert client.post("/api/auth/logout").status_code == 204
    client.cookies.clear()
    assert client.get("/api/auth/me", headers={"Cookie": cookie.split(";")[0]}).status_code == 401


def test_wrong_passwords_are_refused_and_sign_in_is_rate_limited(make_client):
    client = make_client(login_rate_per_minute=1)
    sign_in(client, "lan", "staff")
    codes = [
        client.post("/api/auth/login", json={"username": "lan", "password": "guess number x"}).status_code
        for _ in range(6)
    ]
    assert codes[0] == 401 and codes[-1] == 429


def test_scans_become_a_draft_that_staff_correct_approve_and_export(client, staff, admin, id_card):
    draft_id, scan_id = a_draft(client, staff, id_card)
    draft = client.get(f"/api/drafts/{draft_id}", headers=staff).json()
    assert draft["status"] == "review" and draft["form"] == "TK01"
    assert draft["documents"][0]["file"] == f"scan-{scan_id}"  # never the uploaded file's name
    assert draft["scans"] == [scan_id]
    name = draft["fields"]["1"]
    assert name["value"] and 0 <= name["confidence"] <= 1 and name["source"]

    edited = client.patch(f"/api/drafts/{draft_id}", headers=staff, json={"fields": {"7": "0912345678"}})
    assert edited.status_code == 200
    assert edited.json()["fields"]["7"] == {
        "value": "0912345678",
        "confidence": 1.0,
        "source": "staff",
        "agreed": True,
        "edited_by": "lan",
    }
    history = client.get(f"/api/drafts/{draft_id}/history", headers=staff).json()
    assert [(h["field"], h["old"], h["new"], h["by"]) for h in history] == [("7", None, "0912345678", "lan")]

    assert client.get(f"/api/drafts/{draft_id}/export.json", headers=staff).status_code == 409
    approved = client.post(f"/api/drafts/{draft_id}/approve", headers=staff).json()
    assert approved["status"] == "approved" and approved["decided_by"] == "lan"
    assert (
        client.patch(f"/api/drafts/{draft_id}", headers=staff, json={"fields": {"7": "x"}}).status_code == 409
    )
    exported = client.get(f"/api/drafts/{draft_id}/export.json", headers=staff).json()
    assert exported["fields"]["7"] == "0912345678" and exported["fields"]["1"] == name["value"]
    pdf = client.get(f"/api/drafts/{draft_id}/export.pdf", headers=staff)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    assert client.get(f"/api/scans/{scan_id}", headers=staff).content == id_card[0]
    trail = client.get("/api/audit", headers=admin).json()
    actions = {(e["action"], e["object_id"]) for e in trail}
    for action in ("draft.read", "draft.edit", "draft.history", "draft.approve", "draft.export"):
        assert (action, str(draft_id)) in actions, action
    assert ("scan.upload", str(scan_id)) in actions and ("scan.read", str(scan_id)) in actions
    assert not any("0912345678" in e["detail"] for e in trail)


def test_the_stored_scan_is_not_the_image(client, staff, id_card):
    _, scan_id = a_draft(client, staff, id_card)
    with client.app.state.services.sessions() as db:
        stored = db.get(Scan, scan_id).content
    assert stored != id_card[0] and id_card[0][:64] not in stored and len(stored) > len(id_card[0])


def test_changing_the_form_refills_the_draft_and_keeps_staff_values(client, staff, id_card):
    draft_id, _ = a_draft(client, staff, id_card)
    client.patch(f"/api/drafts/{draft_id}", headers=staff, json={"fields": {"1": "TRẦN THỊ BÌNH"}})
    forms = client.get("/api/forms", headers=staff).json()["forms"]
    other = next(f for f in forms if f != "TK01")
    changed = client.patch(f"/api/drafts/{draft_id}", headers=staff, json={"form": other}).json()
    assert changed["form"] == other
    if "1" in changed["fields"]:
        assert changed["fields"]["1"]["value"] == "TRẦN THỊ BÌNH"
    unknown = client.patch(f"/api/drafts/{draft_id}", headers=staff, json={"form": "ZZ99"})
    assert unknown.status_code == 422 and "unknown form" in unknown.json()["detail"]


def test_scans_without_a_form_open_a_draft_to_choose_one(client, staff, id_card):
    accepted = upload(client, staff, [("a.jpg", id_card[0], "image/jpeg")], form=None)
    job = wait_for_job(client, staff, accepted.json()["job"]["id"])
    draft = client.get(f"/api/drafts/{job['result']['draft']}", headers=staff).json()
    assert draft["form"] is None and draft["fields"] == {} and draft["documents"]
    assert client.post(f"/api/drafts/{draft['id']}/approve", headers=staff).status_code == 409
    chosen = client.patch(f"/api/drafts/{draft['id']}", headers=staff, json={"form": "TK01"}).json()
    assert chosen["form"] == "TK01" and chosen["fields"]


def test_a_job_that_fails_says_why(make_client, pipeline, id_card):
    broken = ScanPipeline(failing_extract, pipeline.prefill, pipeline.forms, pipeline.scan_error)
    client = make_client(inject={"pipeline": broken})
    staff = sign_in(client, "lan", "staff")
    accepted = upload(client, staff, [("a.jpg", id_card[0], "image/jpeg")])
    job = wait_for_job(client, staff, accepted.json()["job"]["id"])
    assert job["status"] == "failed" and "no identity document found" in job["error"]


def test_rejecting_a_draft_records_the_reason(client, staff, id_card):
    draft_id, _ = a_draft(client, staff, id_card)
    rejected = client.post(f"/api/drafts/{draft_id}/reject", headers=staff, json={"reason": "ảnh mờ"}).json()
    assert rejected["status"] == "rejected" and rejected["reason"] == "ảnh mờ"
    assert client.get("/api/drafts?status=rejected", headers=staff).json()[0]["id"] == draft_id


def test_admins_manage_users(client, admin):
    created = client.post("/api/users", headers=admin, json={"username": "hoa", "password": PASSWORD})
    assert created.status_code == 201 and created.json()["role"] == "staff"
    assert (
        client.post("/api/users", headers=admin, json={"username": "hoa", "password": PASSWORD}).status_code
        == 409
    )
    assert (
        client.post("/api/users", headers=admin, json={"username": "x", "password": "short"}).status_code
        == 422
    )
    hoa = client.post("/api/auth/login", json={"username": "hoa", "password": PASSWORD}).json()["token"]
    client.cookies.clear()
    disabled = client.patch("/api/users/hoa", headers=admin, json={"active": False})
    assert disabled.json()["active"] is False
    assert client.get("/api/drafts", headers={"Authorization": f"Bearer {hoa}"}).status_code == 401
    assert client.patch("/api/users/nobody", headers=admin, json={"active": False}).status_code == 404
    assert {u["username"] for u in client.get("/api/users", headers=admin).json()} == {"minh", "hoa"}


def test_analytics_after_some_chats(client, admin):
    answer_id = client.post("/api/chat", json={"message": "lệ phí cấp hộ chiếu phổ thông"}).json()[
        "answer_id"
    ]
    client.post("/api/chat", json={"message": "xyzzy qwerty"})
    client.post("/api/feedback", json={"answer_id": answer_id, "rating": 4})
    figures = client.get("/api/analytics", headers=admin).json()
    assert figures["questions"] == 2 and sum(figures["languages"].values()) == 2
    assert figures["ratings"]["4"] == 1 and figures["satisfaction"] == 1.0
    assert 0 <= figures["handoff_rate"] <= 1


def test_the_service_purges_expired_scans_when_it_starts(make_client, tmp_path):
    import time
    from datetime import timedelta

    from service_support import KEY

    from api.crypto import Cipher
    from api.store import scans
    from api.store.db import make_engine, migrate, session_factory
    from api.store.models import utcnow

    engine = make_engine(f"sqlite:///{tmp_path / 'motcua.db'}")
    migrate(engine)
    with session_factory(engine)() as db:
        (old,) = scans.save(db, Cipher(KEY.encode()), [scans.Upload("image/jpeg", b"old scan")], None)
        db.get(Scan, old).created_at = utcnow() - timedelta(days=31)
        db.commit()
    engine.dispose()
    client = make_client(retention_days=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with client.app.state.services.sessions() as db:
            if db.get(Scan, old).content is None:
                break
        time.sleep(0.1)
    with client.app.state.services.sessions() as db:
        assert db.get(Scan, old).content is None and db.get(Scan, old).purged_at is not None
