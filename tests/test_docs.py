"""Documentation is part of the product: every command is in the README with an example,
and every table and column people can query is described in datasette_metadata.json."""

from __future__ import annotations

import json
import re

import pytest

from plandrift.cli import cli
from plandrift.serve import METADATA_DATABASE_KEY, METADATA_FILE
from plandrift.store.schema import open_database

from conftest import REPO_ROOT, run_cli

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
METADATA = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"plandrift {command}\b", README), (
        f"README.md does not show `plandrift {command}`"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"plandrift {command}" in result.output.split("Example:")[1]


def _queryable_tables(db) -> dict[str, list[str]]:
    """Tables and views people query: everything but the full-text index's own tables."""
    tables = {
        table: list(db[table].columns_dict)
        for table in db.table_names()
        if not re.search(r"_fts(_data|_idx|_docsize|_config)?$", table)
    }
    return tables | {view: list(db.view(view).columns_dict) for view in db.view_names()}


def test_every_table_and_column_is_described():
    db = open_database(":memory:")
    described = METADATA["databases"][METADATA_DATABASE_KEY]["tables"]
    for table, columns in _queryable_tables(db).items():
        assert table in described, f"{table} has no entry in datasette_metadata.json"
        assert described[table].get("description"), f"{table} has no description"
        missing = set(columns) - set(described[table].get("columns", {}))
        assert not missing, f"{table}: columns without a description: {sorted(missing)}"


def test_metadata_names_only_real_tables_and_columns():
    db = open_database(":memory:")
    tables = _queryable_tables(db)
    for table, entry in METADATA["databases"][METADATA_DATABASE_KEY]["tables"].items():
        assert table in tables, (
            f"datasette_metadata.json describes a table that does not exist: {table}"
        )
        extra = set(entry.get("columns", {})) - set(tables[table])
        assert not extra, f"{table}: described columns that do not exist: {sorted(extra)}"
        for facet in entry.get("facets", []):  # "status", or {"counted": "status"}
            assert (facet if isinstance(facet, str) else next(iter(facet.values()))) in tables[
                table
            ]


def test_readme_states_the_two_setup_commands_and_ci_runs_the_test_one():
    assert "make demo" in README
    assert "make test" in README
    ci = (REPO_ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci == "PLANDRIFT_REQUIRE_SHARED=1 make test", "CI runs the README's test command"
    assert "PLANDRIFT_REQUIRE_SHARED=1 make test" in README
