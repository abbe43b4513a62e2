"""The admin dashboard's figures, computed from stored (masked) chat turns and feedback."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.store.db import as_utc
from api.store.models import Feedback, Message, utcnow

MAX_HANDOFFS_SCANNED = 2000  # the most recent ones, to keep the dashboard fast


class Unanswered(BaseModel):
    text: str  # masked question
    count: int


class Analytics(BaseModel):
    days: int
    questions: int
    questions_per_day: dict[str, int]  # ISO date -> questions asked that day
    languages: dict[str, int]
    statuses: dict[str, int]  # answer | clarify | handoff
    top_procedures: list[tuple[str, int]]  # cited procedure code, answers citing it
    handoff_rate: float
    unanswered: list[Unanswered]  # most frequent questions handed off to staff
    ratings: dict[int, int]  # 1..5 -> count
    satisfaction: float | None  # share of ratings 4 or 5; None without ratings


def compute(db: Session, days: int = 30, top: int = 10) -> Analytics:
    since = utcnow() - timedelta(days=days)
    turns = db.execute(
        select(Message.role, Message.created_at, Message.language, Message.status, Message.procedure_code)
        .where(Message.created_at >= since)
        .order_by(Message.id)
    ).all()
    per_day: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    procedures: Counter[str] = Counter()
    for role, created, language, status, code in turns:
        if role == "user":
            per_day[as_utc(created).date().isoformat()] += 1
            continue
        languages[language or "unknown"] += 1
        statuses[status or "unknown"] += 1
        if code:
            procedures[code] += 1
    answers = sum(statuses.values())
    ratings = Counter(db.scalars(select(Feedback.rating).where(Feedback.created_at >= since)))
    rated = sum(ratings.values())
    return Analytics(
        days=days,
        questions=sum(per_day.values()),
        questions_per_day=dict(sorted(per_day.items())),
        languages=dict(languages.most_common()),
        statuses=dict(statuses.most_common()),
        top_procedures=procedures.most_common(top),
        handoff_rate=statuses["handoff"] / answers if answers else 0.0,
        unanswered=_unanswered(db, since, top),
        ratings={r: ratings.get(r, 0) for r in range(1, 6)},
        satisfaction=(ratings[4] + ratings[5]) / rated if rated else None,
    )


def _unanswered(db: Session, since, top: int) -> list[Unanswered]:
    """The most frequent questions whose answer was a handoff (the user turn just before it)."""
    handoffs = db.execute(
        select(Message.conversation_id, Message.id)
        .where(Message.role == "assistant", Message.status == "handoff", Message.created_at >= since)
        .order_by(Message.id.desc())
        .limit(MAX_HANDOFFS_SCANNED)
    ).all()
    counts: Counter[str] = Counter()
    for conversation, answer_id in handoffs:
        question = db.scalar(
            select(Message.text)
            .where(Message.conversation_id == conversation, Message.role == "user", Message.id < answer_id)
            .order_by(Message.id.desc())
            .limit(1)
        )
        if question:
            counts[question.strip().lower()] += 1
    return [Unanswered(text=t, count=n) for t, n in counts.most_common(top)]
