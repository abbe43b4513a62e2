"""Text helpers every package uses."""

from knowledge.text import clean, edit_distance, fold


def test_fold_strips_every_mark_and_maps_d_bar():
    assert fold("Đăng ký KẾT HÔN") == "dang ky ket hon"


def test_clean_composes_and_folds_white_space():
    decomposed = "Đa\u0306ng  ky\u0301\n"
    assert clean(decomposed) == "Đăng ký"


def test_edit_distance_counts_single_character_edits():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("same", "same") == 0
