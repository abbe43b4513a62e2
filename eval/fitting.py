"""What fitting the helpdesk's models (``motcua eval rerank``, ``motcua eval handoff``) shares: the
command-line options and the cross-validation folds."""

from __future__ import annotations

import argparse
import random

import numpy as np

SEED = 7  # the same folds in every run


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


def standardization(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale of each feature column (scale 1 for a constant column)."""
    mean, scale = matrix.mean(axis=0), matrix.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fold_numbers(count: int, folds: int) -> np.ndarray:
    """The fold of each of ``count`` items: a fixed shuffle dealt round-robin into ``folds``."""
    order = list(range(count))
    random.Random(SEED).shuffle(order)
    numbers = np.empty(count, dtype=int)
    numbers[order] = np.arange(count) % folds
    return numbers
