"""What fitting the helpdesk's models (``motcua eval rerank``, ``motcua eval handoff``) shares: the
command-line options, the source file of each question, and the ways the fits are tested.

Three estimates, from most to least optimistic: k-fold over questions (a question's paraphrase twin
may sit in the training folds), k-fold over needs (every question of one file asking for the same
codes in one fold), and leave one file out (fit on the other files, test on this one: how the model
does on a new hand's writing, the estimate that decides).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Hashable, Sequence

import numpy as np

SEED = 7  # the same folds in every run
# The files' id prefixes (eval/questions/README.md); the plain "<lang>-NNNN" ids are helpdesk.jsonl's
_PREFIXES = {"fr": "fresh", "f2": "fresh2", "f3": "fresh3", "ho": "heldout", "faq": "portal-faq"}
LANGUAGES = ("vi", "en", "th")
NOT_HELD_OUT = object()  # out_of_fold's result for a row that no split tests


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from eval.retrieval import add_questions_argument

    add_questions_argument(parser)
    parser.add_argument("--folds", type=_folds, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--write", action="store_true", help="fit on every question and write the model")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def _folds(text: str) -> int:
    if not text.isdigit() or int(text) < 2:
        raise argparse.ArgumentTypeError("must be a whole number, at least 2")
    return int(text)


def source_of(item: dict) -> str:
    """The question file a row comes from, read from its id (``fr-vi-0001`` is fresh.jsonl's)."""
    if item.get("slice") == "portal-faq":
        return "portal-faq"
    prefix = str(item.get("id", "")).split("-", 1)[0]
    if prefix in LANGUAGES:
        return "helpdesk"
    return _PREFIXES.get(prefix, prefix or "?")


def need_of(item: dict) -> Hashable:
    """Rows of one file asking for the same codes are one need (paraphrases, unaccented twins, the
    same need in another language); an out-of-scope row is its own."""
    codes = item.get("codes") or ()
    return (source_of(item), frozenset(codes)) if codes else (source_of(item), item.get("id"))


def source_weights(items: Sequence[dict]) -> np.ndarray:
    """Row weights under which every source file weighs the same in a fit (mean 1)."""
    sources = [source_of(item) for item in items]
    counts = {source: sources.count(source) for source in set(sources)}
    weights = np.asarray([1.0 / counts[source] for source in sources])
    return weights * len(weights) / weights.sum()


def standardization(matrix: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale of each feature column (scale 1 for a constant column)."""
    mean = np.average(matrix, axis=0, weights=weights)
    scale = np.sqrt(np.average((matrix - mean) ** 2, axis=0, weights=weights))
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fold_numbers(count: int, folds: int, groups: Sequence[Hashable] | None = None) -> np.ndarray:
    """The fold of each of ``count`` items: the groups (each item its own by default) in a fixed
    shuffle, the largest first, each dealt to the fold with the fewest items so far."""
    keys = list(groups) if groups is not None else list(range(count))
    members: dict[Hashable, list[int]] = {}
    for i, key in enumerate(keys):
        members.setdefault(key, []).append(i)
    order = list(members)
    random.Random(SEED).shuffle(order)
    order.sort(key=lambda key: -len(members[key]))  # stable: the shuffle orders groups of one size
    sizes = [0] * folds
    numbers = np.empty(count, dtype=int)
    for key in order:
        fold = sizes.index(min(sizes))
        numbers[members[key]] = fold
        sizes[fold] += len(members[key])
    return numbers


def splits(items: Sequence[dict], scheme: str, folds: int) -> list[tuple[str, np.ndarray]]:
    """Named test masks of one estimate: ``rows`` or ``needs`` (k-fold over questions or needs), or
    ``files`` (each question file held out in turn; the portal FAQ is only ever trained on)."""
    if scheme == "files":  # none when one file holds every row: nothing would be left to fit on
        sources = np.asarray([source_of(item) for item in items])
        held = [(name, sources == name) for name in dict.fromkeys(sources) if name != "portal-faq"]
        return [(name, test) for name, test in held if not test.all()]
    groups = [need_of(item) for item in items] if scheme == "needs" else None
    fold_of = fold_numbers(len(items), folds, groups)
    return [(str(fold), fold_of == fold) for fold in range(folds)]


def out_of_fold(
    items: Sequence[dict], scheme: str, folds: int, fit_and_score: Callable[[np.ndarray, np.ndarray], list]
) -> list:
    """Each row's held-out result: ``fit_and_score(train_mask, test_mask)`` returns the results of the
    test rows, in order; rows never held out (the FAQ under ``files``) get ``NOT_HELD_OUT``."""
    results: list = [NOT_HELD_OUT] * len(items)
    for _, test in splits(items, scheme, folds):
        for i, value in zip(np.flatnonzero(test), fit_and_score(~test, test), strict=True):
            results[i] = value
    return results


def breakdown(items: Sequence[dict], results: Sequence, summarize: Callable[[list[int]], dict]) -> dict:
    """``summarize(row numbers)`` of the held-out rows overall, per source file and per language slice
    (rows ``NOT_HELD_OUT`` skipped)."""
    from eval.retrieval import slice_of

    kept = [i for i, result in enumerate(results) if result is not NOT_HELD_OUT]

    def by(key: Callable[[dict], str]) -> dict:
        names = sorted({key(items[i]) for i in kept})
        return {name: summarize([i for i in kept if key(items[i]) == name]) for name in names}

    return {"all": summarize(kept), "files": by(source_of), "languages": by(slice_of)}
