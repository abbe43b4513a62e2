"""Stage 4 of the helpdesk: what the citizen wants to know about the procedure.

Phrase rules in Vietnamese (matched on folded text, so typed with or without marks), English and
Thai, from ``data/intent_keywords.tsv``, plus a few grammatical patterns with gaps ("có phải ... không"
asks whether one must, "cần ... gì" which papers). A phrase weighs more the more surely it names what is
asked: 3 for question phrases ("mất bao lâu", "how much"), 1 for topic words ("hồ sơ", "phí"). Where
matches overlap the longer one wins ("how much time" is time, not fee); the intent with the highest
total wins, ties going to the earlier intent in ``PRIORITY``. Phrases of every language are tried
whatever the detected language, because citizens mix them ("nộp online ở đâu", "passport bao nhiêu
tiền").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import get_args

from assistant.schema import Intent
from knowledge.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
PRIORITY: tuple[Intent, ...] = ("documents", "fee", "time", "form", "where", "online", "eligibility", "steps")

# Patterns over folded text whose words may stand apart. Only the marker is the match (the rest is a
# lookahead), so the words in between still count for their own intents ("có phải nộp lệ phí không").
_NEGATION = r"(?:khong|ko|k|hok|hay khong)"
PATTERNS: tuple[tuple[Intent, int, str], ...] = (
    ("eligibility", 2, r"\bco (?:phai|can|duoc|the)\b(?=(?:\s+\w+){1,12}?\s+" + _NEGATION + r"\b)"),
    ("documents", 3, r"\bcan\b(?=(?:\s+(?!lam\b|thu\b|dieu\b)\w+){1,3}?\s+(?:gi|j)\b)"),
    ("form", 3, r"\b[a-z]{2,4}\d{2}[a-z]?\b"),  # form codes printed on templates: TK01, CT01, HK02
)

# Words that carry no topic of their own: a question made only of these and intent phrases is a
# follow-up about the procedure already in play ("còn lệ phí?", "how long does it take?").
_FILLER_WORDS = (
    "còn thì sao vậy thế nữa nhé nhỉ ạ à ơi và với cho hỏi xin em anh chị tôi mình cái đó này kia "
    "là có không ko k được dc mất hết phải cần nộp làm bên nó gì j nào đâu "
    "and what about how is are it does do the a an for that this there any its also then please i "
    "me my need to of on in can get will would should much"
)
FOLLOWUP_FILLERS: frozenset[str] = frozenset(fold(word) for word in _FILLER_WORDS.split())
_THAI_FILLERS = (
    "แล้ว",
    "ล่ะ",
    "ครับ",
    "ค่ะ",
    "คะ",
    "ละ",
    "ได้ไหม",
    "ไหม",
    "ไหน",
    "อะไร",
    "บ้าง",
    "สมัคร",
    "ยื่น",
    "ทำ",
)
_THAI = re.compile(r"[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class _Rule:
    intent: Intent
    weight: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Match:
    intent: Intent
    weight: int
    start: int
    end: int


def detect_intent(text: str, language: str) -> Intent:
    """The intent of a normalized question; ``general`` when no rule speaks.

    ``language`` is the detected language; the rules of every language are tried anyway (see above).
    """
    scores = dict.fromkeys(PRIORITY, 0)
    for match in _matches(_prepare(text)):
        scores[match.intent] += match.weight
    best = max(PRIORITY, key=lambda intent: (scores[intent], -PRIORITY.index(intent)))
    return best if scores[best] > 0 else "general"


def is_bare_followup(text: str, language: str) -> bool:
    """True when the question names an intent and nothing else: a follow-up about the procedure in play."""
    prepared = _prepare(text)
    matches = _matches(prepared)
    if not matches:
        return False
    rest = list(prepared)
    for match in matches:
        rest[match.start : match.end] = " " * (match.end - match.start)
    rest_text = "".join(rest)
    for filler in _THAI_FILLERS:
        rest_text = rest_text.replace(filler, " ")
    return all(word in FOLLOWUP_FILLERS for word in re.findall(r"\w+", rest_text))


@cache
def intent_keywords() -> dict[Intent, tuple[str, ...]]:
    """Every phrase of each intent, as written in the data file (for the conversation layer and tests)."""
    phrases: dict[Intent, list[str]] = {intent: [] for intent in get_args(Intent)}
    for intent, _weight, phrase in _keyword_rows():
        phrases[intent].append(phrase)
    return {intent: tuple(found) for intent, found in phrases.items()}


def _prepare(text: str) -> str:
    """Folded Latin text; Thai is only lower-cased, since folding would drop its tone marks."""
    if _THAI.search(text):
        return " ".join(word.lower() if _THAI.search(word) else fold(word) for word in text.split())
    return fold(text)


def _matches(prepared: str) -> list[_Match]:
    """Non-overlapping rule matches, longest first."""
    found = [
        _Match(rule.intent, rule.weight, *match.span())
        for rule in _rules()
        for match in rule.pattern.finditer(prepared)
    ]
    found.sort(key=lambda m: m.start - m.end)
    taken: list[_Match] = []
    for match in found:
        if all(match.end <= t.start or match.start >= t.end for t in taken):
            taken.append(match)
    return taken


@cache
def _rules() -> tuple[_Rule, ...]:
    rules = [_Rule(intent, weight, re.compile(pattern)) for intent, weight, pattern in PATTERNS]
    rules += [_Rule(intent, weight, _phrase_pattern(phrase)) for intent, weight, phrase in _keyword_rows()]
    return tuple(rules)


def _keyword_rows() -> list[tuple[Intent, int, str]]:
    rows = []
    for line in (DATA_DIR / "intent_keywords.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            intent, weight, phrase = line.split("\t")
            if intent not in PRIORITY:
                raise ValueError(f"intent_keywords.tsv: unknown intent {intent!r}")
            rows.append((intent, int(weight), phrase))
    return rows


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    if _THAI.search(phrase):  # Thai is written without spaces between words
        return re.compile(re.escape(phrase))
    return re.compile(r"\b" + r"\s+".join(re.escape(word) for word in fold(phrase).split()) + r"\b")
