"""Cross-validation folds of the helpdesk's fitted models."""

from __future__ import annotations

import numpy as np

from eval.fitting import fold_numbers


def test_folds_are_balanced_shuffled_and_the_same_every_run():
    folds = fold_numbers(23, 5)
    assert sorted(np.bincount(folds).tolist()) == [4, 4, 5, 5, 5]
    assert folds.tolist() != [i % 5 for i in range(23)]  # not simply the file's order
    assert folds.tolist() == fold_numbers(23, 5).tolist()
