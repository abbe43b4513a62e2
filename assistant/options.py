"""The candidates as a citizen sees them: a procedure published once per level ("… (thực hiện tại cấp
tỉnh)", "… (cấp trung ương)") is one option, its levels' reranker probabilities summed. The decision
(clarify between options) and the handoff model (how sure the best option is) both read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.rerank import name_words
from assistant.retrieve import Candidate
from knowledge.schema import Procedure
from knowledge.text import nfc

_QUALIFIER = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Option:
    """One procedure as a citizen sees it: its level variants merged, their probabilities summed."""

    procedure: Procedure  # the best-ranked of its level variants
    base: tuple[str, ...]  # the name without its level qualifier
    words: frozenset[str]  # folded name words (assistant.rerank.name_words)
    probability: float


def options(candidates: list[Candidate], merge_levels: bool = True) -> list[Option]:
    """The candidates, most probable first, with level variants merged (unless ``merge_levels`` is off)."""
    merged: dict[object, Option] = {}
    for position, c in enumerate(candidates):
        base = _base_name(c.procedure.name)
        key = base if merge_levels else position
        held = merged.get(key)
        probability = (held.probability if held else 0.0) + c.score
        merged[key] = Option(
            held.procedure if held else c.procedure, base, name_words(c.procedure), probability
        )
    return sorted(merged.values(), key=lambda o: -o.probability)


def _base_name(name: str) -> tuple[str, ...]:
    """The name's words with their marks, without bracketed qualifiers: equal for level variants only
    ("cấp lại" and "cấp … lái" fold to the same words, so folded words cannot tell)."""
    tokens = _WORD.findall(_QUALIFIER.sub(" ", nfc(name)).lower())
    return tuple(tokens[2:] if tokens[:2] == ["thủ", "tục"] else tokens)
