"""Stage 3 of the helpdesk: put the marks back on Vietnamese typed without them.

"lam lai can cuoc bi mat" -> "làm lại căn cước bị mất". Every unaccented syllable has a few accented
forms ("mat" -> mất, mặt, mát, mạt ...); a trigram language model over accented syllables, trained on
the catalogue's own text plus a short list of everyday citizen phrases, scores each sequence of forms
and Viterbi search picks the best. Words typed with marks, numbers, codes and foreign words are kept as
typed (and serve as context); phone abbreviations ("ko", "dc", "cccd") are expanded.

Only call ``restore`` on text detected as Vietnamese: English words that happen to be syllables
("can", "the") would be given marks too.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from assistant.language import DATA_DIR, abbreviations, is_vietnamese_syllable
from knowledge.text import fold, has_vietnamese_marks

if TYPE_CHECKING:
    from knowledge.schema import Procedure

log = logging.getLogger(__name__)

MODEL_VERSION = 1  # bump when training or the stored format changes: old caches are then ignored
PHRASES_FILE = DATA_DIR / "diacritics_phrases.txt"
PHRASE_WEIGHT = 5  # a citizen phrase counts as often as this many catalogue sentences
DISCOUNT = 0.75  # absolute discount of every n-gram order
MAX_FORMS = 8  # accented forms kept per bare syllable, most frequent first ...
MIN_FORM_SHARE = 0.003  # ... unless rarer than this: typos and unaccented slips of the catalogue
MIN_FORM_COUNT = 2  # ... or met fewer times: a form seen once is mostly a typo ("tưi" for "tui")
UNMARKED_RUN = 3  # this many words without a single mark are not Vietnamese written properly
MIN_TRIGRAM_COUNT = 2  # trigrams seen once are dropped: they barely help and double the size

BOS, EOS, NUM, UNK = 0, 1, 2, 3
_SPECIAL = ("<s>", "</s>", "<num>", "<unk>")
_PIECES = re.compile(r"\w+|[^\w\s]+|\s+")
_PUNCTUATION = re.compile(r"[^\w\s]+")
_UNSEEN = math.log(1e-7)


@dataclass(frozen=True)
class _Token:
    """One word of the input: what was typed, and the syllable ids it may stand for."""

    text: str
    choices: tuple[int, ...]
    restorable: bool  # an unaccented syllable whose marks the model chooses


class DiacriticRestorer:
    """Trigram model over accented syllables, with the forms each bare syllable may take.

    N-grams are keyed by one integer (ids combined in base ``len(vocabulary)``), which keeps the
    tables small to pickle and quick to look up.
    """

    def __init__(
        self,
        vocabulary: list[str],
        forms: dict[str, tuple[int, ...]],
        unigrams: list[float],
        bigrams: dict[int, float],
        bigram_backoff: list[float],
        trigrams: dict[int, float],
        trigram_backoff: dict[int, float],
    ):
        self.vocabulary = vocabulary
        self.forms = forms
        self._ids = {word: index for index, word in enumerate(vocabulary)}
        self._unigrams = unigrams
        self._bigrams = bigrams
        self._bigram_backoff = bigram_backoff
        self._trigrams = trigrams
        self._trigram_backoff = trigram_backoff

    # -- building ---------------------------------------------------------------------------------

    @classmethod
    def load(cls) -> DiacriticRestorer:
        """The restorer for the bundled catalogue: read from the build cache, trained there if absent."""
        from knowledge.catalogue import default_catalogue
        from knowledge.paths import build_dir, build_lock

        catalogue = default_catalogue()
        settings = (
            MODEL_VERSION,
            PHRASE_WEIGHT,
            DISCOUNT,
            MAX_FORMS,
            MIN_FORM_SHARE,
            MIN_FORM_COUNT,
            UNMARKED_RUN,
            MIN_TRIGRAM_COUNT,
        )
        key = hashlib.sha256(f"{settings}:{catalogue.fingerprint}:".encode() + PHRASES_FILE.read_bytes())
        path = build_dir() / f"diacritics-{key.hexdigest()[:16]}.pkl"
        with build_lock(path):  # parallel test workers and the service start together: train once
            try:
                with path.open("rb") as handle:
                    restorer = pickle.load(handle)
                if isinstance(restorer, cls):
                    return restorer
            except FileNotFoundError:
                pass
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError) as exc:
                log.warning("diacritic restorer cache %s is unreadable (%s): training again", path, exc)
            log.info("training the diacritic restorer on %d procedures -> %s", len(catalogue), path)
            restorer = cls.train(catalogue_sentences(catalogue))
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(restorer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(path)
            for stale in path.parent.glob("diacritics-*.pkl"):  # tables of an older catalogue or settings
                if stale != path:
                    stale.unlink(missing_ok=True)
            return restorer

    @classmethod
    def train(cls, sentences: Iterable[str], phrases: Iterable[str] | None = None) -> DiacriticRestorer:
        """Count syllable n-grams in accented text and turn them into smoothed log probabilities.

        ``phrases`` defaults to the committed citizen phrases; each counts ``PHRASE_WEIGHT`` times.
        """
        counts = _NgramCounts()
        for sentence in sentences:
            counts.add(sentence, 1)
        citizen: set[int] = set()
        for phrase in citizen_phrases() if phrases is None else phrases:
            citizen.update(counts.add(phrase, PHRASE_WEIGHT))
        vocabulary = counts.vocabulary()
        by_bare: dict[str, Counter[int]] = defaultdict(Counter)
        for index, count in counts.unigrams.items():
            by_bare[fold(vocabulary[index])][index] = count
        forms = {
            bare: found for bare, spellings in by_bare.items() if (found := _likely_forms(spellings, citizen))
        }
        return cls(vocabulary, forms, *_kneser_ney(len(vocabulary), counts.bigrams, counts.trigrams))

    # -- restoring --------------------------------------------------------------------------------

    def restore(self, text: str, expand_abbreviations: bool = True) -> str:
        """The text with marks on its unaccented Vietnamese syllables and abbreviations spelled out."""
        out: list[str] = []
        segment: list[_Token] = []
        previous = ""
        for piece in _PIECES.findall(text):
            if piece.isspace():
                if segment:
                    segment.append(_Token(piece, (), False))
                else:
                    out.append(piece)
                continue
            if piece[0].isalnum() or piece[0] == "_":
                # after a number a letter is a unit ("50 k" is 50,000 dong), not an abbreviation
                expand = expand_abbreviations and not previous.isdigit()
                segment.extend(self._tokens(piece, expand))
            else:  # punctuation ends a stretch of words
                out.append(self._decode(segment))
                segment = []
                out.append(piece)
            previous = piece
        out.append(self._decode(segment))
        return "".join(out)

    def _tokens(self, word: str, expand_abbreviations: bool) -> Iterator[_Token]:
        lower = word.lower()
        expansion = abbreviations().get(lower) if expand_abbreviations else None
        if expansion is not None:
            for i, part in enumerate(expansion.split(" ")):
                if i:
                    yield _Token(" ", (), False)
                yield _Token(part, (self._ids.get(part.lower(), UNK),), False)
        elif any(char.isdigit() for char in word):
            yield _Token(word, (NUM if word.isdigit() else UNK,), False)
        elif has_vietnamese_marks(lower) or not lower.isascii():
            yield _Token(word, (self._ids.get(lower, UNK),), False)
        elif (choices := self.forms.get(lower)) is not None:
            yield _Token(word, choices, True)
        else:
            yield _Token(word, (UNK,), False)

    def _decode(self, tokens: list[_Token]) -> str:
        """Viterbi over the words of one stretch; spaces are carried through unchanged."""
        words = [t for t in tokens if t.choices]
        if not any(t.restorable for t in words):
            return "".join(t.text for t in tokens)
        # state (previous id, current id) -> (log probability, chosen ids so far)
        states: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(BOS, BOS): (0.0, ())}
        for token in words:
            following: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
            for (u, v), (score, path) in states.items():
                for w in token.choices:
                    total = score + self._log_prob(u, v, w)
                    best = following.get((v, w))
                    if best is None or total > best[0]:
                        following[v, w] = (total, (*path, w))
            states = following
        _, best_path = max(
            ((score + self._log_prob(u, v, EOS), path) for (u, v), (score, path) in states.items()),
            key=lambda item: item[0],
        )
        chosen = iter(best_path)
        out = []
        for token in tokens:
            if not token.choices:
                out.append(token.text)
            elif token.restorable:
                out.append(_with_case_of(token.text, self.vocabulary[next(chosen)]))
            else:
                next(chosen)
                out.append(token.text)
        return "".join(out)

    def _log_prob(self, u: int, v: int, w: int) -> float:
        size = len(self.vocabulary)
        context = u * size + v
        found = self._trigrams.get(context * size + w)
        if found is not None:
            return found
        backoff = self._trigram_backoff.get(context, 0.0)
        found = self._bigrams.get(v * size + w)
        if found is not None:
            return backoff + found
        return backoff + self._bigram_backoff[v] + self._unigrams[w]


@cache
def default_restorer() -> DiacriticRestorer:
    """The restorer for the bundled catalogue, loaded once per process."""
    return DiacriticRestorer.load()


def citizen_phrases() -> list[str]:
    lines = PHRASES_FILE.read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def catalogue_sentences(catalogue: Iterable[Procedure]) -> Iterator[str]:
    """Every piece of running Vietnamese text of the procedures: the restorer's training material."""
    for procedure in catalogue:
        yield from procedure_text(procedure)


def procedure_text(procedure: Procedure) -> Iterator[str]:
    """The Vietnamese text of one procedure record, field by field."""
    yield procedure.name
    yield procedure.field
    yield procedure.topic
    yield procedure.conditions
    yield from procedure.applicants
    yield from procedure.steps
    yield from procedure.results
    agencies = procedure.agencies
    yield from (*agencies.executing, *agencies.authority, *agencies.coordinating, agencies.receiving_address)
    for document in procedure.documents:
        yield document.name
        yield document.case
    for channel in procedure.channels:
        yield channel.description
        yield channel.time.text
        yield from (fee.description for fee in channel.fees)
    yield from (case.name for case in procedure.sub_cases)
    yield from (basis.title for basis in procedure.legal_basis)


class _NgramCounts:
    """Syllable, bigram and trigram counts of training text, syllables numbered as they come."""

    def __init__(self):
        self.ids: dict[str, int] = {name: index for index, name in enumerate(_SPECIAL)}
        self._word_ids: dict[str, int] = {}  # lower-cased word as written -> id, NUM or UNK
        self.unigrams: Counter[int] = Counter()
        self.bigrams: Counter[tuple[int, int]] = Counter()
        self.trigrams: Counter[tuple[int, int, int]] = Counter()

    def add(self, text: str, weight: int) -> list[int]:
        """Count the n-grams of each run of words between punctuation marks; the syllable ids seen.

        Runs of words without any mark are skipped: the catalogue has file names and English typed
        bare ("TK de nghi cap GP"), which would teach that "cap" may stay "cap".
        """
        seen: list[int] = []
        for run in _PUNCTUATION.split(text.lower()):
            words = run.split()
            if not words or (len(words) >= UNMARKED_RUN and not has_vietnamese_marks(run)):
                continue  # nothing to learn, or a file name or code typed without marks
            sequence = [BOS, BOS, *(self._id(word) for word in words), EOS]
            syllables = [index for index in sequence[2:-1] if index > UNK]
            seen.extend(syllables)
            if weight == 1:  # Counter.update is several times faster than counting one by one
                self.unigrams.update(syllables)
                self.bigrams.update(zip(sequence[1:], sequence[2:], strict=False))
                self.trigrams.update(zip(sequence, sequence[1:], sequence[2:], strict=False))
            else:
                for index in syllables:
                    self.unigrams[index] += weight
                for bigram in zip(sequence[1:], sequence[2:], strict=False):
                    self.bigrams[bigram] += weight
                for trigram in zip(sequence, sequence[1:], sequence[2:], strict=False):
                    self.trigrams[trigram] += weight
        return seen

    def vocabulary(self) -> list[str]:
        return sorted(self.ids, key=self.ids.__getitem__)

    def _id(self, word: str) -> int:
        index = self._word_ids.get(word)
        if index is None:
            if word.isdigit():
                index = NUM
            elif is_vietnamese_syllable(word):
                index = self.ids.setdefault(word, len(self.ids))
            else:
                index = UNK
            self._word_ids[word] = index
        return index


def _likely_forms(spellings: Counter[int], citizen: set[int]) -> tuple[int, ...]:
    """The forms a bare syllable may stand for, most frequent first: the common ones and the citizens'.

    A syllable whose every form is a rare slip gets none and is left as typed.
    """
    floor = max(MIN_FORM_SHARE * sum(spellings.values()), MIN_FORM_COUNT)
    common = [index for index, count in spellings.most_common(MAX_FORMS) if count >= floor]
    return (*common, *(index for index in spellings if index in citizen and index not in common))


def _kneser_ney(size: int, bigram_counts: Counter, trigram_counts: Counter):
    """Log probabilities by interpolated absolute discounting over Kneser-Ney unigrams.

    Unigrams are continuation shares (in how many contexts a syllable follows), as in Kneser-Ney;
    bigrams and trigrams are discounted counts interpolated with the order below. Stored the ARPA way:
    the seen n-grams with their full estimate, and a back-off weight per context for the unseen.
    """
    continuation = Counter(w for (_v, w) in bigram_counts)
    total_continuation = sum(continuation.values())
    unigrams = [_UNSEEN] * size
    for w, count in continuation.items():
        unigrams[w] = math.log(count / total_continuation)

    context_counts: Counter[int] = Counter()
    context_types: Counter[int] = Counter()
    for (v, _w), count in bigram_counts.items():
        context_counts[v] += count
        context_types[v] += 1
    bigram_backoff = [0.0] * size
    for v, count in context_counts.items():
        bigram_backoff[v] = math.log(DISCOUNT * context_types[v] / count)
    bigrams: dict[int, float] = {}
    for (v, w), count in bigram_counts.items():
        lower = math.exp(bigram_backoff[v] + unigrams[w])
        bigrams[v * size + w] = math.log((count - DISCOUNT) / context_counts[v] + lower)

    pair_counts: Counter[int] = Counter()
    pair_types: Counter[int] = Counter()
    for (u, v, _w), count in trigram_counts.items():
        pair_counts[u * size + v] += count
        pair_types[u * size + v] += 1
    trigram_backoff = {
        context: math.log(DISCOUNT * pair_types[context] / count) for context, count in pair_counts.items()
    }
    trigrams: dict[int, float] = {}
    for (u, v, w), count in trigram_counts.items():
        if count < MIN_TRIGRAM_COUNT:
            continue
        context = u * size + v
        lower_order = bigrams.get(v * size + w, bigram_backoff[v] + unigrams[w])
        estimate = (count - DISCOUNT) / pair_counts[context] + math.exp(
            trigram_backoff[context] + lower_order
        )
        trigrams[context * size + w] = math.log(estimate)
    return unigrams, bigrams, bigram_backoff, trigrams, trigram_backoff


def _with_case_of(typed: str, restored: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return restored.upper()
    if typed[:1].isupper():
        return restored[:1].upper() + restored[1:]
    return restored
