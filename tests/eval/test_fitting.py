"""Cross-validation folds of the helpdesk's fitted models, and the files and needs they respect."""

from __future__ import annotations

import numpy as np

from eval.fitting import (
    NOT_HELD_OUT,
    fold_numbers,
    need_of,
    out_of_fold,
    source_of,
    source_weights,
    splits,
)


def row(id_: str, *codes: str) -> dict:
    return {"id": id_, "codes": list(codes), "expect": "answer" if codes else "handoff"}


def test_folds_are_balanced_shuffled_and_the_same_every_run():
    folds = fold_numbers(23, 5)
    assert sorted(np.bincount(folds).tolist()) == [4, 4, 5, 5, 5]
    assert folds.tolist() != [i % 5 for i in range(23)]  # not simply the file's order
    assert folds.tolist() == fold_numbers(23, 5).tolist()


def test_a_row_names_its_file_by_its_id_prefix():
    assert source_of(row("vi-0001")) == "helpdesk"
    assert source_of(row("fr-en-0002")) == "fresh"
    assert source_of(row("f2-th-0010")) == "fresh2"
    assert source_of({"id": "faq-001", "slice": "portal-faq"}) == "portal-faq"


def test_paraphrases_of_one_need_in_one_file_share_a_fold():
    items = [row(f"vi-{i:04d}", f"1.{i % 7:06d}") for i in range(70)]  # 7 needs asked 10 times each
    items += [row(f"vi-{i:04d}") for i in range(70, 90)]  # out of scope: each row its own
    groups = [need_of(item) for item in items]
    folds = fold_numbers(len(items), 5, groups)
    for need in set(groups):
        assert len({int(folds[i]) for i, g in enumerate(groups) if g == need}) == 1
    # two folds take two needs each; the lone rows fill the other three as evenly as they can
    assert sorted(np.bincount(folds).tolist()) == [16, 17, 17, 20, 20]
    # the same codes asked in another file are another hand's writing: not the same need
    assert need_of(row("vi-0001", "1.1")) != need_of(row("fr-vi-0001", "1.1"))


def test_leaving_one_file_out_tests_each_tuning_file_once_and_never_the_faq():
    items = [row("vi-0001", "1"), row("fr-vi-0001", "1"), row("f2-vi-0001", "2")]
    items.append({"id": "faq-001", "slice": "portal-faq", "codes": ["3"]})
    held = out_of_fold(items, "files", 5, lambda train, test: [int(train.sum())] * int(test.sum()))
    assert held == [3, 3, 3, NOT_HELD_OUT]  # each file fitted on the other two and the FAQ
    assert [name for name, _ in splits(items, "files", 5)] == ["helpdesk", "fresh", "fresh2"]
    # one file alone leaves nothing to fit on: no row is held out rather than a fit on nothing
    assert splits(items[:1] * 3, "files", 5) == []


def test_source_weights_make_every_file_weigh_the_same():
    items = [row("vi-0001", "1")] * 6 + [row("fr-vi-0001", "1")] * 2
    weights = source_weights(items)
    assert np.isclose(weights[:6].sum(), weights[6:].sum())
    assert np.isclose(weights.mean(), 1.0)
