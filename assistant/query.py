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
# 0.908 / 0.912 / 0.905. With them, on the session-6 tuning sets (1,292 in-scope questions, 5-fold CV
# R@1), 32 / 24 / 22 / 20 / 18 / 16 words: 0.847 / 0.850 / 0.852 / 0.855 / 0.854 / 0.849 (R@5 0.963-0.967).
# Thai, written without spaces between words, is rarely cut.
DENSE_WORDS = 20
# A question of at least ASK_FROM characters that has several clauses is a story: the need often sits
# in its closing clauses, which the head cut above drops. It is embedded as its first words (at least
# STORY_HEAD, up to DENSE_WORDS less the closing clauses' words), " … ", then its closing clauses of at
# least ASK_CHARS characters (``Query.dense_ask``): one text. Session 5 (then tuning set, 5-fold CV
# R@1/R@5; blind fresh2 R@1/R@5): head cut alone 0.883/0.979, 0.639/0.875; this 0.886/0.978,
# 0.649/0.880. Session 6 tuning sets, 20-word cap, a head of at least 4 / 6 / 8 / 10 words: CV R@1
# 0.853 / 0.855 / 0.855 / 0.851; 24 words and 8 (session 5's) 0.850. 6 and 20 against 8 and 24: fresh
# 0.732 -> 0.747, fresh2 0.654 -> 0.659, R@5 0.966 both, a story 34 -> 31 tokens on average.
#
# A second vector for the closing clauses alone no longer gains on the session-6 tuning sets (CV R@1;
# 24 words, 8): besides this text, taking the nearer of the two 0.848, their sum 0.844, a third RRF list
# 0.849; summed with the first 24 words' vector (session 5's second vector) 0.852 at 1.5 times the
# tokens; with 20 words, 6, nearer of the two 0.853, third RRF list 0.854. Two vectors of today's tokens
# in all (head and closing clauses apart; a batch of two costs what one text of their tokens costs)
# lose: 0.842-0.844.
ASK_FROM = 100
ASK_CHARS = 40
STORY_HEAD = 6
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
