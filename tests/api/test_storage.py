"""The store, on SQLite and on PostgreSQL: masking before storage, encryption at rest, edit history,
audit, retention purge, accounts and sessions, analytics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from service_support import KEY
from sqlalchemy import inspect, select, update

from api.crypto import Cipher, DecryptionError
from api.security import AuthError, authenticate, sign_in
from api.store import analytics, audit, conversations, drafts, scans, users
from api.store.db import migrate
from api.store.models import AuditEntry, Draft, DraftEdit, Message, Scan, utcnow
from assistant.schema import Answer, Citation
from ocr.schema import Document, ExtractedField, FilledItem, PrefilledForm

cipher = Cipher(KEY.encode())
NAME = "NGUYỄN VĂN AN"


def answer(
    session: str, status: str = "answer", code: str | None = "1.001456", language: str = "vi"
) -> Answer:
    citations = [Citation(code=code, name="Cấp hộ chiếu", url="https://dichvucong.gov.vn/x")] if code else []
    return Answer(
        status=status,
        language=language,
        intent="fee",
        text="Lệ phí 200.000 đồng",
        citations=citations,
        session=session,
    )


def a_draft(db) -> int:
    document = Document(
        file="scan-1",
        document_type="cccd_2021_front",
        fields={"full_name": ExtractedField(value=NAME, confidence=0.9, source="ocr")},
    )
    form = PrefilledForm(
        form="TK01",
        fields={
            "1": FilledItem(value=NAME, confidence=0.9, source="cccd_2021_front.full_name/ocr", agreed=True)
        },
        missing=["7"],
    )
    draft = drafts.create(db, cipher, [document], form, job_id=None)
    db.commit()
    return draft.id


@pytest.fixture
def clerk(sessions) -> int:
    with sessions() as db:
        return users.add_user(db, "lan", "correct horse battery", "staff").id


def test_migrations_create_every_table_and_rerun_harmlessly(sessions):
    engine = sessions.kw["bind"]
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    expected = {"users", "auth_tokens", "conversations", "messages", "feedback", "jobs", "drafts"}
    assert expected | {"draft_edits", "scans", "audit_log", "alembic_version"} <= tables


def test_chat_turns_are_stored_with_phone_id_and_email_masked(sessions):
    question = "CCCD 001090123456, sđt 0912 345 678, email an.nguyen@gmail.com: lệ phí hộ chiếu?"
    with sessions() as db:
        conversations.record_turn(db, question, answer("s1"))
        stored = [m.text for m in conversations.history(db, "s1")]
    assert stored[0] == "CCCD [id], sđt [phone], email [email]: lệ phí hộ chiếu?"
    assert stored[1] == "Lệ phí 200.000 đồng"


def test_feedback_is_tied_to_an_answer(sessions):
    with sessions() as db:
        answer_id = conversations.record_turn(db, "phí hộ chiếu", answer("s2"))
        conversations.add_feedback(db, answer_id, 5, "gọi tôi 0987654321")
        question_id = db.scalar(select(Message.id).where(Message.role == "user"))
        with pytest.raises(conversations.UnknownAnswer):
            conversations.add_feedback(db, question_id, 4)


def test_scans_are_encrypted_at_rest_and_staff_reads_are_audited(sessions, clerk):
    image = b"\xff\xd8\xff\xe0" + b"JPEG bytes of an ID card" * 50
    with sessions() as db:
        (scan_id,) = scans.save(db, cipher, [scans.Upload("image/jpeg", image)], clerk)
        db.commit()
        stored = db.scalar(select(Scan.content).where(Scan.id == scan_id))
        assert image not in stored and b"ID card" not in stored
        assert scans.load(db, cipher, scan_id, user_id=clerk).data == image
        actions = [e.action for e in audit.entries(db)]
    assert actions[:2] == ["scan.read", "scan.upload"]
    with pytest.raises(DecryptionError):
        Cipher(Fernet.generate_key()).decrypt(stored)  # another center's key opens nothing


def test_staff_edits_are_kept_with_who_when_old_and_new_and_audited(sessions, clerk):
    with sessions() as db:
        draft_id = a_draft(db)
        view = drafts.edit(db, cipher, draft_id, clerk, {"1": "NGUYỄN VĂN ÂN", "7": "0912345678"})
        assert view.fields["1"].value == "NGUYỄN VĂN ÂN" and view.fields["1"].edited_by == "lan"
        assert view.fields["1"].source == "staff" and "7" not in view.missing
        history = drafts.history(db, cipher, draft_id, clerk)
        stored = db.scalar(select(Draft.content).where(Draft.id == draft_id))
        edit_values = db.execute(select(DraftEdit.old_value, DraftEdit.new_value)).all()
        actions = [(e.action, e.detail) for e in audit.entries(db, object_type="draft")]
    assert [(h.field, h.old, h.new, h.by) for h in history] == [
        ("1", NAME, "NGUYỄN VĂN ÂN", "lan"),
        ("7", None, "0912345678", "lan"),
    ]
    assert all(h.at is not None for h in history)
    assert NAME.encode() not in stored and "NGUYỄN".encode() not in stored
    assert all(b"0912345678" not in old + new for old, new in edit_values)
    assert ("draft.edit", "field=1") in actions and ("draft.edit", "field=7") in actions
    assert actions[0] == ("draft.history", "")


def test_an_approved_draft_is_frozen_and_exports_its_values(sessions, clerk):
    with sessions() as db:
        draft_id = a_draft(db)
        with pytest.raises(drafts.DraftStateError):
            drafts.export(db, cipher, draft_id, clerk)
        drafts.decide(db, cipher, draft_id, clerk, approve=True)
        with pytest.raises(drafts.DraftStateError, match="approved"):
            drafts.edit(db, cipher, draft_id, clerk, {"1": "X"})
        exported = drafts.export(db, cipher, draft_id, clerk)
    assert exported["form"] == "TK01" and exported["fields"] == {"1": NAME}
    assert exported["approved_by"] == "lan" and exported["approved_at"]


def test_retention_purge_erases_old_scans_and_drafts_only(sessions, clerk):
    with sessions() as db:
        old_scan, new_scan = scans.save(
            db, cipher, [scans.Upload("image/png", b"old"), scans.Upload("image/png", b"new")], clerk
        )
        old_draft, new_draft = a_draft(db), a_draft(db)
        drafts.edit(db, cipher, old_draft, clerk, {"1": "X"})
        long_ago = utcnow() - timedelta(days=31)
        db.execute(update(Scan).where(Scan.id == old_scan).values(created_at=long_ago))
        db.execute(update(Draft).where(Draft.id == old_draft).values(created_at=long_ago))
        db.commit()
        report = scans.purge(db, retention_days=30)
        assert (report.scans, report.drafts) == (1, 1)
        with pytest.raises(scans.ScanNotFound, match="retention"):
            scans.load(db, cipher, old_scan, clerk)
        assert scans.load(db, cipher, new_scan, clerk).data == b"new"
        assert drafts.read(db, cipher, old_draft, clerk).status == "purged"
        assert drafts.read(db, cipher, old_draft, clerk).fields == {}
        assert drafts.read(db, cipher, new_draft, clerk).fields["1"].value == NAME
        assert db.scalar(select(DraftEdit.new_value).where(DraftEdit.draft_id == old_draft)) == b""
        assert db.scalar(select(AuditEntry.action).where(AuditEntry.action == "retention.purge"))
        assert scans.purge(db, retention_days=30) == scans.PurgeReport(0, 0)


def test_sign_in_checks_argon2_hashes_and_password_changes_revoke_sessions(sessions, clerk):
    with sessions() as db:
        stored_hash = users.get_user(db, "lan").password_hash
        assert stored_hash.startswith("$argon2id$") and "correct" not in stored_hash
        with pytest.raises(AuthError):
            sign_in(db, "lan", "wrong password!", hours=1)
        token, who, _ = sign_in(db, "lan", "correct horse battery", hours=1)
        assert authenticate(db, token) == who and who.role == "staff"
        users.update_user(db, "lan", password="another good password")
        with pytest.raises(AuthError):
            authenticate(db, token)
        token, _, _ = sign_in(db, "lan", "another good password", hours=1)
        users.update_user(db, "lan", active=False)
        with pytest.raises(AuthError):
            authenticate(db, token)


def test_user_rules(sessions, clerk):
    with sessions() as db:
        with pytest.raises(users.UserExists):
            users.add_user(db, "lan", "correct horse battery", "staff")
        with pytest.raises(users.UserError, match="at least"):
            users.add_user(db, "hoa", "short", "staff")
        with pytest.raises(users.UserError, match="role"):
            users.add_user(db, "hoa", "correct horse battery", "root")
        with pytest.raises(users.UnknownUser):
            users.update_user(db, "nobody", active=False)


def test_an_expired_session_is_refused(sessions, clerk):
    with sessions() as db:
        token, _, _ = sign_in(db, "lan", "correct horse battery", hours=-1)
        with pytest.raises(AuthError, match="expired"):
            authenticate(db, token)


def test_analytics_counts_questions_languages_procedures_handoffs_and_ratings(sessions):
    with sessions() as db:
        first = conversations.record_turn(db, "phí hộ chiếu?", answer("a"))
        conversations.record_turn(db, "passport fee?", answer("b", language="en"))
        conversations.record_turn(db, "mua xe máy ở đâu rẻ", answer("c", status="handoff", code=None))
        conversations.record_turn(db, "Mua xe máy ở đâu rẻ", answer("d", status="handoff", code=None))
        conversations.add_feedback(db, first, 5)
        conversations.add_feedback(db, first, 2)
        figures = analytics.compute(db, days=7)
    assert figures.questions == 4 and sum(figures.questions_per_day.values()) == 4
    assert figures.languages == {"vi": 3, "en": 1}
    assert figures.top_procedures == [("1.001456", 2)]
    assert figures.handoff_rate == 0.5
    assert [(u.text, u.count) for u in figures.unanswered] == [("mua xe máy ở đâu rẻ", 2)]
    assert figures.ratings == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1} and figures.satisfaction == 0.5
