"""Benchmarks: ``python -m tests.benchmarks.run [--quick] [--only NAME ...]`` (see run.py)."""
