"""The SQLite store: schema migrations and the writer of extracted documents."""
