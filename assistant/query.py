"""The question as retrieval sees it: normalized, its language, marks restored, everyday words expanded.

``understand`` chains the language engineer's stages (normalize -> language -> diacritics -> intent)
with the lexicon; every later stage reads the resulting ``Query``.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.diacritics import DiacriticRestorer
from assistant.intent import detect_intent
from assistant.language import detect_language
from assistant.lexicon import Lexicon, spell_out, words
from assistant.normalize import normalize
from assistant.schema import Intent, Language
from knowledge.text import has_vietnamese_marks

# The most words of a question that are embedded: the embedding time grows with the tokens, and the
# head of a long narrative question holds what it asks. Cross-validated reranker R@1 with no cap / 32 /
# 28 / 24 / 20 words: 0.904 / 0.904 / 0.908 / 0.912 / 0.905 (held-out 0.728 / 0.728 / 0.733 / 0.728 /
# 0.717); 5% of the tuning set's questions are longer than 24 words. Thai, written without spaces
# between words, is rarely cut.
DENSE_WORDS = 24


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
        """The question as embedded: marks restored, a long one cut to its first ``DENSE_WORDS`` words."""
        said = self.restored.split()
        return " ".join(said[:DENSE_WORDS]) if len(said) > DENSE_WORDS else self.restored

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
