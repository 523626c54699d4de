"""Extractors: turn pages into records (document metadata, actions, ...). Pure functions."""
