"""Stage 1 of the helpdesk: turn what a citizen typed into one clean line of text.

Unicode NFC (phones send decomposed tone marks), URLs, e-mail addresses, HTML tags, emoji and control
characters removed, runs of repeated punctuation shortened, white space folded. Letters of every
script, digits and ordinary punctuation are kept as they are, case included.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.text import clean

MAX_QUESTION_CHARS = 2000
RAW_LIMIT_FACTOR = 10  # text this many times over the cap cannot clean down to a question


class QuestionTooLong(ValueError):
    """The question is longer than the helpdesk accepts."""


class EmptyQuestion(ValueError):
    """Nothing is left of the question once noise is removed."""


_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_REPEATED_PUNCTUATION = re.compile(r"([?!.,;:\-_*~=#])\1{2,}")
# Pictographs are category So, line breaks and tabs Cc; skin-tone modifiers (Sk) and variation
# selectors (Mn) are listed by hand since those categories also hold real letters and accents.
_DROPPED_CATEGORIES = {"So", "Cc", "Co", "Cs", "Cn"}
_EMOJI_PARTS = {chr(c) for c in range(0xFE00, 0xFE10)} | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def normalize(text: str) -> str:
    """The question as one clean NFC line, or ``QuestionTooLong`` / ``EmptyQuestion``.

    The length cap applies to the cleaned question, so a short question wrapped in a long link is
    accepted, while a pasted page of text is refused with the limit in the message.
    """
    if not isinstance(text, str):
        raise TypeError(f"a question is text, not {type(text).__name__}")
    if len(text) > RAW_LIMIT_FACTOR * MAX_QUESTION_CHARS:  # refused before any work on it
        raise _too_long(len(text))
    text = unicodedata.normalize("NFC", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = "".join(_keep_or_space(char) for char in text)
    text = _REPEATED_PUNCTUATION.sub(r"\1", text)
    text = clean(text)
    if len(text) > MAX_QUESTION_CHARS:
        raise _too_long(len(text))
    if not any(char.isalnum() for char in text):
        raise EmptyQuestion("the question is empty once links, emoji and symbols are removed")
    return text


def _too_long(length: int) -> QuestionTooLong:
    return QuestionTooLong(
        f"the question has {length:,} characters; the helpdesk accepts at most "
        f"{MAX_QUESTION_CHARS:,}: please ask about one procedure in a few sentences"
    )


def _keep_or_space(char: str) -> str:
    if char in _EMOJI_PARTS:
        return ""
    category = unicodedata.category(char)
    if category == "Cf":  # zero-width joiners and marks inside a word: the word stays whole
        return ""
    return " " if category in _DROPPED_CATEGORIES else char
