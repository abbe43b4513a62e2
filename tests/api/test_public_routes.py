"""Public routes: health, OpenAPI, the catalogue, chat (stored masked) and feedback, rate limits and
the security headers, over the real catalogue and helpdesk."""

from __future__ import annotations

from fastapi.testclient import TestClient
from service_support import KEY

from api.store.models import Message


def test_health_reports_database_catalogue_and_helpdesk(client, catalogue):
    body = client.get("/healthz").json()
    assert body["database"] == "ok" and body["helpdesk"] == "ready" and body["status"] == "ok"
    assert body["procedures"] == len(catalogue.procedures) == 2642
    assert body["catalogue_fingerprint"] == catalogue.fingerprint


def test_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/healthz",
        "/api/chat",
        "/api/procedures",
        "/api/procedures/{code}",
        "/api/feedback",
        "/api/scans",
        "/api/drafts/{draft_id}",
        "/api/analytics",
        "/api/users",
    ):
        assert path in paths


def test_a_procedure_by_code_and_an_unknown_code(client):
    body = client.get("/api/procedures/1.001456").json()
    assert body["code"] == "1.001456" and "hộ chiếu" in body["name"].lower()
    assert {c["channel"] for c in body["channels"]} == {"direct", "online", "postal"}
    missing = client.get("/api/procedures/9.999999")
    assert missing.status_code == 404 and "unknown procedure code" in missing.json()["detail"]


def test_search_procedures_without_diacritics(client):
    body = client.get("/api/procedures", params={"q": "cap ho chieu pho thong"}).json()
    assert body["count"] > 0
    assert all("chieu" in p["name"].lower().replace("ế", "e") for p in body["procedures"][:3])
    assert "1.001456" in [p["code"] for p in body["procedures"]]
    assert (
        client.get("/api/procedures", params={"q": "1.001456"}).json()["procedures"][0]["code"] == "1.001456"
    )
    assert client.get("/api/procedures", params={"q": "?!"}).json()["count"] == 0
    assert client.get("/api/procedures", params={"limit": 5}).json()["count"] == 5


def test_chat_answers_keeps_the_session_and_stores_the_question_masked(client, catalogue):
    first = client.post("/api/chat", json={"message": "Lệ phí cấp hộ chiếu phổ thông? SĐT tôi 0912345678"})
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["status"] in {"answer", "clarify", "handoff"} and answer["answer_id"] > 0
    assert all(c["code"] in catalogue for c in answer["citations"])
    second = client.post("/api/chat", json={"message": "Mất bao lâu?", "session": answer["session"]}).json()
    assert second["session"] == answer["session"]
    with client.app.state.services.sessions() as db:
        texts = [m.text for m in db.query(Message).filter_by(conversation_id=answer["session"], role="user")]
    assert texts[0].endswith("SĐT tôi [phone]") and len(texts) == 2


def test_an_overlong_question_is_a_clear_422(client):
    response = client.post("/api/chat", json={"message": "hộ chiếu " * 6000})
    assert response.status_code == 422
    assert "characters" in response.json()["detail"]


def test_chat_rejects_a_bad_session_id(client):
    assert client.post("/api/chat", json={"message": "hộ chiếu", "session": "../../etc"}).status_code == 422


def test_feedback_rates_an_answer(client):
    answer_id = client.post("/api/chat", json={"message": "lệ phí hộ chiếu"}).json()["answer_id"]
    created = client.post("/api/feedback", json={"answer_id": answer_id, "rating": 5, "comment": "nhanh"})
    assert created.status_code == 201 and created.json()["id"] > 0
    assert client.post("/api/feedback", json={"answer_id": answer_id, "rating": 6}).status_code == 422
    assert client.post("/api/feedback", json={"answer_id": 10**9, "rating": 3}).status_code == 404


def test_chat_is_503_until_the_helpdesk_is_ready(make_client):
    client = make_client(inject={"helpdesk": None})  # load_helpdesk=False in tests: it never loads
    assert client.get("/healthz").json()["helpdesk"] == "unavailable"
    response = client.post("/api/chat", json={"message": "hộ chiếu"})
    assert response.status_code == 503 and "unavailable" in response.json()["detail"]


def test_public_routes_are_rate_limited_per_client(make_client):
    client = make_client(rate_per_minute=60, rate_burst=3)
    codes = [client.get("/api/procedures/1.001456").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    limited = client.get("/api/procedures/1.001456")
    assert int(limited.headers["retry-after"]) >= 1
    assert client.get("/healthz").status_code == 200  # health probes are not limited


def test_security_headers_and_no_store_on_api(client):
    response = client.get("/api/procedures/1.001456")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["cache-control"] == "no-store"


def test_cors_allows_only_the_listed_widget_origins(make_client):
    client: TestClient = make_client(cors_origins=["https://dichvucong.tinh.gov.vn"])
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = client.options("/api/chat", headers={"Origin": "https://dichvucong.tinh.gov.vn", **preflight})
    assert allowed.headers.get("access-control-allow-origin") == "https://dichvucong.tinh.gov.vn"
    refused = client.options("/api/chat", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers
    assert "https://dichvucong.tinh.gov.vn" in client.get("/healthz").headers["content-security-policy"]


def test_production_mode_refuses_to_start_without_a_key(tmp_path):
    import pytest

    from api.settings import ConfigError, Settings

    with pytest.raises(ConfigError, match="MOTCUA_SECRET_KEY"):
        Settings(development=False, data_dir=tmp_path).encryption_key()
    assert Settings(development=False, data_dir=tmp_path, secret_key=KEY).encryption_key() == KEY.encode()


def test_development_mode_makes_a_private_local_key_once(tmp_path):
    from api.settings import Settings

    settings = Settings(development=True, data_dir=tmp_path)
    key = settings.encryption_key()
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
    assert settings.encryption_key() == key
