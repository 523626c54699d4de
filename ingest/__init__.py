"""Readers: turn a file's bytes into pages of text with positions. Pure: no database, no CLI."""
