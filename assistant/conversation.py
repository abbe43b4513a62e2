"""Conversation memory: which procedures are in play in a session, and how a reply refers to them.

A session remembers the procedure answered about (follow-ups such as "còn lệ phí?" or "how long does
it take?" are answered about it) or the options of a clarification (then "2", "cái thứ hai", "the
provincial one", "ที่สอง" picks one). The store sits behind a tiny interface (``get``/``put``) so the
API can keep sessions elsewhere; the default keeps them in memory, least recently used first out,
each expiring after a time to live.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.schema import Candidate, Intent
from knowledge.schema import Procedure
from knowledge.text import fold


@dataclass(frozen=True)
class SessionState:
    codes: tuple[str, ...]  # the procedure answered about, or the options of a clarification
    clarifying: bool  # the last reply asked which of ``codes`` is meant
    intent: Intent  # what the citizen asked about in the question that brought these procedures
    candidates: tuple[Candidate, ...] = field(default=())  # the ranking behind them


class SessionStore(Protocol):
    def get(self, session: str) -> SessionState | None: ...

    def put(self, session: str, state: SessionState) -> None: ...


class MemorySessionStore:
    """In-process sessions: at most ``max_sessions``, each forgotten ``ttl_seconds`` after its last use."""

    def __init__(self, max_sessions: int = 10_000, ttl_seconds: float = 1800.0, clock=time.monotonic):
        self._items: OrderedDict[str, tuple[float, SessionState]] = OrderedDict()
        self._max = max_sessions
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()

    def get(self, session: str) -> SessionState | None:
        with self._lock:
            item = self._items.get(session)
            if item is None:
                return None
            stamp, state = item
            if self._clock() - stamp > self._ttl:
                del self._items[session]
                return None
            self._items[session] = (self._clock(), state)
            self._items.move_to_end(session)
            return state

    def put(self, session: str, state: SessionState) -> None:
        with self._lock:
            self._items[session] = (self._clock(), state)
            self._items.move_to_end(session)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


# -- picking an option after a clarification ---------------------------------------------------------

MAX_PICK_WORDS = 8  # a longer reply is a new question, not a choice

# ordinal words -> option number (-1: the last one); matched on folded text (Thai as substrings)
_ORDINALS: dict[str, int] = {
    "thu nhat": 1, "dau tien": 1, "cai dau": 1, "so mot": 1, "thu hai": 2, "so hai": 2,
    "thu ba": 3, "so ba": 3, "thu tu": 4, "so bon": 4, "cuoi": -1, "cuoi cung": -1,
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1,
    "แรก": 1, "ที่หนึ่ง": 1, "ที่สอง": 2, "ที่สาม": 3, "ที่สี่": 4, "สุดท้าย": -1,
}  # fmt: skip

# words of English and Thai replies -> the folded Vietnamese words that set variants apart
_QUALIFIERS: dict[str, str] = {
    "provincial": "tinh", "province": "tinh", "central": "trung uong", "national": "trung uong",
    "ministry": "bo", "commune": "xa", "ward": "xa", "district": "huyen", "foreign": "nuoc ngoai",
    "foreigner": "nuoc ngoai", "abroad": "nuoc ngoai", "border": "bien gioi", "mobile": "luu dong",
    "household": "ho kinh doanh", "company": "doanh nghiep", "enterprise": "doanh nghiep",
    "จังหวัด": "tinh", "ส่วนกลาง": "trung uong", "ตำบล": "xa", "ต่างชาติ": "nuoc ngoai",
    "ต่างประเทศ": "nuoc ngoai", "ชายแดน": "bien gioi",
}  # fmt: skip

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"(?<![\d.])([1-9])(?![\d.])")


def pick_option(reply: str, options: Sequence[Procedure]) -> Procedure | None:
    """The option a short reply designates by number, ordinal or distinguishing words; else None."""
    folded = fold(reply)
    if len(folded.split()) > MAX_PICK_WORDS or not options:
        return None
    padded = " " + " ".join(_WORD.findall(folded)) + " "
    number = _NUMBER.search(folded)
    if number and 1 <= int(number.group(1)) <= len(options):
        return options[int(number.group(1)) - 1]
    for word, position in sorted(_ORDINALS.items(), key=lambda item: -len(item[0])):
        found = f" {word} " in padded or (not word.isascii() and word in reply)
        if found and position <= len(options):
            return options[position - 1] if position > 0 else options[-1]
    return _by_distinguishing_words(padded, reply, options)


def _by_distinguishing_words(padded: str, reply: str, options: Sequence[Procedure]) -> Procedure | None:
    mapped = padded
    for word, vietnamese in _QUALIFIERS.items():
        if f" {word} " in padded or (not word.isascii() and word in reply):
            mapped += f"{vietnamese} "
    names = [set(fold(p.name).replace("(", " ").replace(")", " ").replace(",", " ").split()) for p in options]
    scores = []
    for i, name in enumerate(names):
        others = set().union(*(n for j, n in enumerate(names) if j != i))
        own = name - others
        scores.append(sum(1 for word in own if f" {word} " in mapped))
    best = max(scores)
    if best == 0 or scores.count(best) > 1:
        return None
    return options[scores.index(best)]
