"""The question as retrieval sees it: normalized, its language, marks restored, everyday words expanded.

``understand`` chains the language engineer's stages (normalize -> language -> diacritics -> intent)
with the lexicon; every later stage reads the resulting ``Query``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.diacritics import DiacriticRestorer
from assistant.intent import detect_intent
from assistant.language import detect_language
from assistant.lexicon import Lexicon, spell_out, words
from assistant.normalize import normalize
from assistant.schema import Intent, Language
from knowledge.text import has_vietnamese_marks

# The most words of a question that are embedded: the embedding time grows with the tokens, and the
# head of a long narrative question holds what it asks. Before stories were embedded by their closing
# clauses (below), cross-validated reranker R@1 with no cap / 32 / 28 / 24 / 20 words was 0.904 / 0.904 /
# 0.908 / 0.912 / 0.905. With them (session 6 tuning sets, 1,292 in-scope questions, reranker R@1 by
# 5-fold CV over rows / over needs / leaving a file out), 24 words: 0.868 / 0.867 / 0.839, fresh 0.763 /
# 0.768 / 0.758, fresh2 0.702 / 0.707 / 0.707; 20 words: 0.872 / 0.869 / 0.842, fresh 0.773 / 0.778 /
# 0.768, fresh2 0.712 / 0.712 / 0.721 (R@5 0.977 / 0.978 / 0.977 -> 0.975 / 0.978 / 0.973), a story 34
# -> 32 tokens on average; 22 words: 0.872 / 0.870 / 0.840 (R@5 0.978 / 0.978 / 0.975). Thai, written
# without spaces between words, is rarely cut.
DENSE_WORDS = 20
# A question of at least ASK_FROM characters that has several clauses is a story: the need often sits
# in its closing clauses, which the head cut above drops. It is embedded as its first words (at least
# STORY_HEAD, up to DENSE_WORDS less the closing clauses' words), " … ", then its closing clauses of at
# least ASK_CHARS characters (``Query.dense_ask``): one text. Session 5 (then tuning set, 5-fold CV
# R@1/R@5; blind fresh2 R@1/R@5): head cut alone 0.883/0.979, 0.639/0.875; this 0.886/0.978,
# 0.649/0.880. Session 6 (CV over rows, 20 words, before the reranker read stories' closing clauses): a
# head of at least 4 / 6 / 8 / 10 words 0.853 / 0.855 / 0.855 / 0.851; with 6, closing clauses of at
# least 30 / 40 / 50 / 60 characters 0.851 / 0.855 / 0.851 / 0.851.
#
# A second vector for the closing clauses alone no longer gains (session 6, CV over rows R@1; that
# reranker, 24 words: 0.850): besides this text, the nearer of the two 0.848, their sum 0.844, a third
# RRF list 0.849; summed with the first 24 words' vector (session 5's second vector, 0.902 on its tuning
# set) 0.852, its p95 latency x1.37. Two vectors of today's tokens in all (head and closing clauses
# apart; a batch of two costs what one text of their tokens costs) lose: 0.842-0.844. With the story
# reranker, 20 words and a 6-word head: the nearer of the two 0.854 against 0.859 for this text alone.
ASK_FROM = 100
ASK_CHARS = 40
STORY_HEAD = 8
# Where a clause ends: punctuation, or a conjunction that opens the next clause (Vietnamese, English;
# Thai separates its phrases with spaces).
_CLAUSE_BREAK = re.compile(
    r"[.?!,;:…]+\s*|\s+(?=(?:nhưng|mà|vì|nên|rồi|giờ|bây giờ|nay|and|but|so|because|now)\s)",
    re.IGNORECASE,
)
_THAI_BREAK = re.compile(r"\s+")


@dataclass(frozen=True)
class Query:
    text: str  # the normalized question
    language: Language
    intent: Intent
    restored: str  # Vietnamese typed without marks, with its marks restored; otherwise ``text``
    terms: tuple[str, ...]  # catalogue wording the question's everyday phrases map to
    clues: tuple[int, ...] = ()  # for each term, the length of the longest phrase that found it

    def lexical_words(self, stopwords: frozenset[str]) -> list[str]:
        """Folded topic words of a Vietnamese question (question words removed); none for en/th."""
        if self.language != "vi":
            return []
        padded = " " + " ".join(words(spell_out(self.text))) + " "
        for phrase in sorted((s for s in stopwords if " " in s), key=len, reverse=True):
            padded = padded.replace(f" {phrase} ", " ")
        return [w for w in padded.split() if w not in stopwords]

    @property
    def dense_question(self) -> str:
        """The question as embedded: marks restored, a long one cut to its first ``DENSE_WORDS`` words, a
        story's middle left out (its head, " … ", its closing clauses)."""
        ask = self.dense_ask
        if ask:
            head = self.restored.strip()[: -len(ask)].split()
            return " ".join(head[: max(STORY_HEAD, DENSE_WORDS - len(ask.split()))]) + " … " + ask
        said = self.restored.split()
        return " ".join(said[:DENSE_WORDS]) if len(said) > DENSE_WORDS else self.restored

    @property
    def dense_ask(self) -> str | None:
        """The closing clauses of a story, the shortest run of them holding at least ``ASK_CHARS``
        characters; None for a question shorter than ``ASK_FROM`` or of one clause."""
        text = self.restored.strip()
        if len(text) < ASK_FROM:
            return None
        breaks = (_THAI_BREAK if self.language == "th" else _CLAUSE_BREAK).finditer(text.rstrip(".?!… "))
        starts = [m.end() for m in breaks]
        for start in reversed(starts):
            tail = text[start:].strip()
            if len(tail) >= ASK_CHARS:
                return tail if len(tail) < len(text) - ASK_CHARS // 2 else None
        return None

    @property
    def dense_terms(self) -> list[str]:
        """The catalogue terms whose vectors shift the question's (assistant.dense.QueryEncoder).

        A term whose words another term already holds ("thẻ căn cước" beside "cấp lại thẻ căn cước")
        is left out: it would count that meaning twice.
        """
        return _unsubsumed(self.terms)


def _unsubsumed(terms: tuple[str, ...]) -> list[str]:
    held = [set(words(term)) for term in terms]
    return [
        term
        for i, term in enumerate(terms)
        if not any(j != i and held[i] <= held[j] and (held[i] != held[j] or j < i) for j in range(len(terms)))
    ]


def understand(question: str, restorer: DiacriticRestorer, lexicon: Lexicon) -> Query:
    """Raise ``QuestionTooLong`` / ``EmptyQuestion`` (assistant.normalize) for unusable input."""
    text = normalize(question)
    language = detect_language(text)
    restored = text
    if language == "vi" and not has_vietnamese_marks(text):
        restored = restorer.restore(text)
    matches = lexicon.matches(text, language)
    return Query(
        text=text,
        language=language,
        intent=detect_intent(text, language),
        restored=restored,
        terms=tuple(matches),
        clues=tuple(matches.values()),
    )
