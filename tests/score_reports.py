"""Extraction scores collected during a test run and printed at its end (see conftest)."""

REPORTS: list[tuple[str, str]] = []  # (title, text)
