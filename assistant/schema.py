"""The answer object (see contracts.md): what every channel — CLI, chat API, widget, kiosk — receives."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Status = Literal["answer", "clarify", "handoff"]
Language = Literal["vi", "en", "th"]
Intent = Literal["documents", "fee", "time", "where", "online", "steps", "eligibility", "form", "general"]


class Citation(BaseModel):
    code: str
    name: str
    url: str


class Candidate(BaseModel):
    code: str
    name: str
    score: float


class Answer(BaseModel):
    status: Status
    language: Language
    intent: Intent
    text: str
    citations: list[Citation] = []
    candidates: list[Candidate] = []
    session: str
