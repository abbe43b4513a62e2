"""Chat turns and feedback, stored with personal data masked."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.masking import mask_pii
from api.store.models import Conversation, Feedback, Message
from assistant.schema import Answer


class UnknownAnswer(LookupError):
    pass


def record_turn(db: Session, question: str, answer: Answer) -> int:
    """Store the question and the answer (both masked) in the answer's session; the answer's id."""
    if db.get(Conversation, answer.session) is None:
        db.add(Conversation(id=answer.session))
    db.add(
        Message(
            conversation_id=answer.session,
            role="user",
            text=mask_pii(question),
            language=answer.language,
        )
    )
    reply = Message(
        conversation_id=answer.session,
        role="assistant",
        text=mask_pii(answer.text),
        language=answer.language,
        status=answer.status,
        intent=answer.intent,
        procedure_code=answer.citations[0].code if answer.citations else None,
    )
    db.add(reply)
    db.commit()
    return reply.id


def add_feedback(db: Session, answer_id: int, rating: int, comment: str = "") -> int:
    message = db.get(Message, answer_id)
    if message is None or message.role != "assistant":
        raise UnknownAnswer(f"no answer with id {answer_id}")
    feedback = Feedback(message_id=answer_id, rating=rating, comment=mask_pii(comment))
    db.add(feedback)
    db.commit()
    return feedback.id


def history(db: Session, session: str) -> list[Message]:
    return list(db.scalars(select(Message).where(Message.conversation_id == session).order_by(Message.id)))
