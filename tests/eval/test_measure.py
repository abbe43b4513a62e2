"""Percentiles are values that were measured (nearest rank)."""

from eval.measure import percentile


def test_percentile_by_nearest_rank():
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 95) == 5.0
    assert percentile(values, 0) == 1.0


def test_no_values_no_percentile():
    assert percentile([], 50) is None
