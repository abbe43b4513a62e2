"""Evaluation sets, measurements and benchmarks."""
