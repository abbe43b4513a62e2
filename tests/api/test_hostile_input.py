"""Odd and hostile values get a 4xx or are stored safely, on SQLite and on PostgreSQL (whose text
cannot hold NUL characters and whose INTEGER keys stop at 2**31 - 1) — never a 500."""

from __future__ import annotations

from service_support import PASSWORD, sign_in

from api.store.models import Feedback, Message


def test_nul_characters_and_out_of_range_ids(make_client, db_url):
    client = make_client(database_url=db_url)
    staff = sign_in(client, "lan", "staff")
    answer = client.post("/api/chat", json={"message": "lệ phí\x00 hộ chiếu 0912345678"})
    assert answer.status_code in (200, 422)
    if answer.status_code == 200:
        feedback = {"answer_id": answer.json()["answer_id"], "rating": 4, "comment": "tốt\x00 lắm"}
        assert client.post("/api/feedback", json=feedback).status_code == 201
        with client.app.state.services.sessions() as db:
            assert db.query(Feedback).one().comment == "tốt lắm"
            assert "\x00" not in db.query(Message).filter_by(role="user").one().text
    assert client.get("/api/drafts", params={"status": "\x00"}, headers=staff).status_code == 400
    assert client.get(f"/api/drafts/{2**40}", headers=staff).status_code == 422
    assert client.get(f"/api/scans/{2**63}", headers=staff).status_code == 422
    assert client.post("/api/feedback", json={"answer_id": 2**40, "rating": 3}).status_code == 422
    assert (
        client.post("/api/auth/login", json={"username": "a\x00b", "password": PASSWORD}).status_code == 422
    )
    assert client.get("/api/procedures/" + "9" * 200).status_code == 422
    assert client.get("/api/jobs/" + "x" * 100, headers=staff).status_code == 422
