"""The Datasette side, through Datasette's own test client: canned queries on a database built
from the demo documents, links to source pages, and extracted text shown inert."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import urllib.request
from pathlib import Path

import pytest
from datasette.app import Datasette

from plandrift.serve import METADATA_FILE, metadata_for
from samples.northdene import dashboard
from samples.northdene.letter import LETTER_FILE

from checks import planted_slippage
from conftest import run_cli, serving

# The monitoring visit says again, in other words, what the sample letter said of supervision.
REPEATED_SUPERVISION = "Supervision of social workers that is regular, reflective and challenging."


@pytest.fixture(scope="module")
def served(samples, tmp_path_factory):
    documents, truth = samples
    folder = tmp_path_factory.mktemp("served")
    hostile = folder / "extra" / "hostile-update.html"
    hostile.parent.mkdir()
    hostile.write_text(
        "<html><body><main><h1>Improvement update <script>alert(1)</script></h1>"
        "<h2>Next steps</h2><ul><li>AD CSC to review &lt;script&gt;alert('x')&lt;/script&gt; by 1 March 2025.</li></ul>"
        "</main></body></html>",
        encoding="utf-8",
    )
    (hostile.parent / "monitoring-visit.html").write_text(
        "<html><head><title>Monitoring visit to Northdene County Council children's services</title></head>"
        "<body><main><h1>Monitoring visit to Northdene County Council children's services</h1>"
        "<p>Inspection dates: 2 June 2025</p><p>Lead inspector: His Majesty's Inspector</p>"
        "<h2>What needs to improve?</h2><ul><li>The response to children who go missing from home and care.</li>"
        f"<li>{REPEATED_SUPERVISION}</li></ul></main></body></html>",
        encoding="utf-8",
    )
    db_path = folder / "plandrift.db"
    assert run_cli("ingest", documents, hostile.parent, "--db", db_path).exit_code == 0
    return Datasette([str(db_path)], metadata=metadata_for(db_path)), truth


async def _rows(datasette: Datasette, path: str) -> list[dict]:
    response = await datasette.client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def _month(target: str) -> tuple[int, int] | None:
    """(year, month) of a sample plan's target date as printed, None for Ongoing, Monthly."""
    if match := re.search(r"(\d{1,2})/(\d{2})/(\d{2,4})$", target):
        return int(match[3]) % 100 + 2000, int(match[2])
    if match := re.search(r"([A-Z][a-z]{2})[a-z]* (\d{4})$", target):
        return int(match[2]), MONTHS.index(match[1]) + 1
    return None


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


async def test_every_canned_query_gives_the_rows_the_samples_plant(served):
    """Each canned query, with empty filters where it has them, against what the sample
    generator planted (its truth file and data) and the two extra pages the fixture adds."""
    datasette, truth = served
    queries = json.loads(METADATA_FILE.read_text())["databases"]["plandrift"]["queries"]
    dates = {name: document["doc_date"] for name, document in truth["documents"].items()}
    plans = sorted(truth["plan_actions"], key=dates.get)

    async def run(name: str, **params: str) -> list[dict]:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return await _rows(datasette, f"/plandrift/{name}.json?_shape=array&{query}")

    checked = set()

    checked.add("slipped_actions")
    rows = await run("slipped_actions", plan="", from_date="", to_date="")
    expected = planted_slippage(truth)
    assert len(expected) >= 15
    assert {(row["version"], row["kind"], row["ref"]) for row in rows} == expected
    assert len(rows) == len(expected)

    checked.add("action_history")
    first = truth["plan_actions"][plans[0]][0]  # followed through every version it is in
    ids = await _document_ids(datasette)
    (found,) = await _rows(
        datasette,
        f"/plandrift/actions.json?_shape=array&document_id={ids[plans[0]]}&ref={first['ref']}",
    )
    rows = await run("action_history", thread_id=str(found["thread_id"]))
    assert [(row["version"], row["ref"]) for row in rows] == [
        (dates[plan], row["ref"])
        for plan in plans
        for row in truth["plan_actions"][plan]
        if row["action_id"] == first["action_id"]
    ]

    checked.add("overdue_actions")
    rows = await run("overdue_actions", before="2025-06-01")  # a month's start: no day needed
    latest = truth["plan_actions"][plans[-1]]
    expected = {
        row["ref"]
        for row in latest
        if row["rag"] != "Blue" and (_month(row["target"]) or (9999, 1)) < (2025, 6)
    }
    assert len(expected) >= 5
    assert {(row["version"], row["ref"]) for row in rows} == {
        (dates[plans[-1]], ref) for ref in expected
    }

    checked.add("uncovered_recommendations")
    rows = await run("uncovered_recommendations")
    # The sample letter's findings all have actions; the fixture's later visit has none.
    assert [row["finding"] for row in rows] == [
        "The response to children who go missing from home and care."
    ]

    checked.add("indicator_with_comparators")
    rows = await run("indicator_with_comparators", indicator="referrals")
    printed = [item for item in dashboard.INDICATORS if "referrals" in item.name.lower()]
    assert len(printed) == 2
    periods = [
        f"20{month[-2:]}-{MONTHS.index(month[:3]) + 1:02d}" for month in dashboard.DASH_MONTHS
    ]
    assert {
        (row["name_as_printed"], row["period"], row["actual"])
        for row in rows
        if row["period"] in periods
    } == {
        (item.name, period, float(value.rstrip("%")))
        for item in printed
        for period, value in zip(periods, item.months, strict=True)
    }
    assert {
        (row["name_as_printed"], row["england_average"])
        for row in rows
        if row["england_average"] is not None
    } == {(item.name, float(item.england.rstrip("%"))) for item in printed}

    checked.add("documents_with_counts")
    rows = await run("documents_with_counts")
    counts = {row["id"]: row for row in rows}
    assert len(rows) == len(truth["documents"]) + 2  # and the fixture's two web pages
    for plan in plans:
        assert counts[ids[plan]]["actions"] == len(truth["plan_actions"][plan]), plan
    for name, items in truth["recommendations"].items():
        assert counts[ids[name]]["recommendations"] == len(items), name

    checked.add("repeated_findings")
    rows = await run("repeated_findings", authority="")
    letter = LETTER_FILE
    supervision = [text for text in truth["recommendations"][letter] if "supervision" in text]
    assert [
        (row["authority"], row["earlier_report"], row["later_report"], row["later_finding"])
        for row in rows
    ] == [("Northdene County Council", dates[letter], "2025-06-02", REPEATED_SUPERVISION)]
    assert [rows[0]["earlier_finding"]] == supervision
    assert rows[0]["earlier_page"].startswith("/-/source/") and 0.32 <= rows[0]["confidence"] <= 1
    assert await run("repeated_findings", authority="Leeds") == []

    checked.add("papers_at_a_meeting")
    # The samples hold no meeting pack (no agenda): no meeting, so no papers at one. Its rows
    # are checked on meeting packs in test_meetings.py::test_papers_at_a_meeting_canned_query.
    assert await run("papers_at_a_meeting", meeting="") == []

    assert checked == set(queries)  # a new canned query needs its expected rows here


async def _document_ids(datasette: Datasette) -> dict[str, int]:
    documents = await _rows(datasette, "/plandrift/documents.json?_shape=array&_size=max")
    return {document["file_name"]: document["id"] for document in documents}


# Tables that grow with every version ingested: a canned query must reach their rows
# through an index (bench/serving.py measures what a full scan costs at a million rows).
GROWING_TABLES = {"actions", "indicators", "action_changes", "action_links", "pages"}


def test_canned_queries_reach_growing_tables_through_indexes(served):
    datasette, _ = served
    queries = json.loads(METADATA_FILE.read_text())["databases"]["plandrift"]["queries"]
    connection = sqlite3.connect(datasette.databases["plandrift"].path)
    params = {"plan": "x", "from_date": "", "to_date": "", "thread_id": "1", "before": "2025-06-30",
              "indicator": "x", "meeting": "x", "authority": "x"}  # fmt: skip
    for name, query in queries.items():
        aliases = dict(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?!ON\b)(\w+))?", query["sql"]))
        aliases = {alias or table: table for table, alias in aliases.items()}
        used = {key: value for key, value in params.items() if f":{key}" in query["sql"]}
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {query['sql']}", used)]
        scanned = {
            aliases.get(match.group(1), match.group(1))
            for line in plan
            if (match := re.match(r"SCAN (\w+)", line))
        }
        assert not scanned & GROWING_TABLES, (name, plan)


async def test_slipped_actions_query(served):
    datasette, _ = served
    rows = await _rows(
        datasette,
        "/plandrift/slipped_actions.json?_shape=array&plan=northdene&from_date=2025-01-01&to_date=2025-02-28",
    )
    assert rows and {row["version"] for row in rows} == {"2025-02-26"}  # v1 -> v2 only
    assert {"due_date_moved", "status_worsened", "dropped", "stalled"} <= {
        row["kind"] for row in rows
    }
    assert any(row["detail"] == "due 17/02/2025 -> 10/03/2025" for row in rows)


async def test_action_history_query(served):
    datasette, _ = served
    thread = (
        await _rows(
            datasette,
            "/plandrift/actions.json?_shape=array&text__contains=Court+Progression&_size=1",
        )
    )[0]["thread_id"]
    rows = await _rows(datasette, f"/plandrift/action_history.json?_shape=array&thread_id={thread}")
    assert [row["version"] for row in rows] == ["2025-01-15", "2025-02-26", "2025-04-09"]
    assert "reworded" in rows[-1]["changes"] and "completed" in rows[-1]["changes"]


async def test_overdue_and_uncovered_queries(served):
    datasette, _ = served
    overdue = await _rows(
        datasette, "/plandrift/overdue_actions.json?_shape=array&before=2025-06-01"
    )
    assert overdue and all(
        row["version"] == "2025-04-09" and row["status"] != "complete" for row in overdue
    )
    assert all(row["due_date"] < "2025-06-01" for row in overdue)
    uncovered = await _rows(datasette, "/plandrift/uncovered_recommendations.json?_shape=array")
    # The sample letter's findings all have actions; the later visit's one finding has none.
    assert [row["finding"] for row in uncovered] == [
        "The response to children who go missing from home and care."
    ]


async def test_documents_with_counts_query(served):
    datasette, _ = served
    rows = {
        row["id"]: row
        for row in await _rows(datasette, "/plandrift/documents_with_counts.json?_shape=array")
    }
    documents = await _rows(datasette, "/plandrift/documents.json?_shape=array&_size=max")
    assert set(rows) == {document["id"] for document in documents}
    by_name = {document["file_name"]: rows[document["id"]] for document in documents}
    assert by_name["northdene-improvement-plan-2025-01-15.pdf"]["actions"] == 24
    assert by_name["northdene-focused-visit-letter-2024-11-12.pdf"]["recommendations"] == 6
    assert by_name["northdene-performance-report-2025-01.pdf"]["indicators"] > 100


async def test_indicator_with_comparators_query(served):
    datasette, _ = served
    rows = await _rows(
        datasette, "/plandrift/indicator_with_comparators.json?_shape=array&indicator=referrals"
    )
    assert rows and any(row["england_average"] is not None for row in rows)
    assert any(row["actual"] is not None and row["period"] == "2024-12" for row in rows)


async def test_rows_link_to_their_source_page(served):
    datasette, _ = served
    plan = (
        await _rows(datasette, "/plandrift/documents.json?_shape=array&doc_type=improvement_plan")
    )[0]
    action = (
        await _rows(datasette, f"/plandrift/actions.json?_shape=array&document_id={plan['id']}")
    )[-1]
    assert action["page_link"] == f"/-/source/{action['document_id']}#page={action['page']}"
    page = await datasette.client.get(f"/plandrift/actions/{action['id']}")
    assert (
        f'<a href="/-/source/{action["document_id"]}#page={action["page"]}">page {action["page"]}</a>'
        in page.text
    )
    pdf = await datasette.client.get(f"/-/source/{action['document_id']}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    missing = await datasette.client.get("/-/source/99999")
    assert missing.status_code == 404


async def test_extracted_html_is_shown_inert(served):
    datasette, _ = served
    rows = await _rows(datasette, "/plandrift/actions.json?_shape=array&text__contains=alert")
    assert rows
    page = await datasette.client.get(f"/plandrift/actions/{rows[0]['id']}")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text
    document = (
        await _rows(
            datasette, "/plandrift/documents.json?_shape=array&file_name=hostile-update.html"
        )
    )[0]
    source = await datasette.client.get(f"/-/source/{document['id']}")
    assert source.headers["content-type"].startswith("text/plain")


def test_serve_answers_on_loopback_and_immutable_copy(samples, tmp_path):
    """plandrift serve for real: a live database, then a frozen copy with counts."""
    documents, _ = samples
    db_path = tmp_path / "live.db"
    run_cli("ingest", documents, "--db", db_path)
    for extra in ([], ["--immutable"]):
        with serving(db_path, *extra) as base:
            url = f"{base}/live/documents.json?_shape=array"
            assert len(json.loads(urllib.request.urlopen(url, timeout=5).read())) == 8
        # Stopping plandrift (SIGTERM) stops Datasette with it: nothing is left serving.
        time.sleep(0.5)
        with pytest.raises(OSError):
            urllib.request.urlopen(url, timeout=5)


async def test_dashboard_charts_run(served):
    datasette, _ = served
    page = await datasette.client.get("/-/dashboards/plandrift")
    assert page.status_code == 200
    assert "Actions by status in each version" in page.text
    dashboard = metadata_for(Path("plandrift.db"))["plugins"]["datasette-dashboards"]["plandrift"]
    for name, chart in dashboard["charts"].items():
        sql = chart["query"].replace("[[", "/*").replace("]]", "*/")  # optional filters left out
        response = await datasette.client.get(
            "/plandrift.json", params={"sql": sql, "_shape": "array"}
        )
        assert response.status_code == 200 and response.json(), name


async def test_served_database_refuses_writes(served):
    datasette, _ = served
    response = await datasette.client.get(
        "/plandrift.json", params={"sql": "DELETE FROM documents"}
    )
    assert response.status_code == 400
    assert (await _rows(datasette, "/plandrift/documents.json?_shape=array")) != []


async def test_login_keeps_everything_private_until_signed_in(served, monkeypatch):
    from datasette_auth_passwords.utils import hash_password

    datasette, _ = served
    monkeypatch.setenv("PLANDRIFT_PASSWORD_HASH", hash_password("board-secret"))
    db_path = Path(datasette.databases["plandrift"].path)
    private = Datasette([str(db_path)], metadata=metadata_for(db_path, login="auditor"))
    for path in ("/plandrift/actions", "/plandrift/slipped_actions.json", "/-/source/1"):
        assert (await private.client.get(path)).status_code == 403, path

    form = await private.client.get("/-/login")
    token = form.cookies["ds_csrftoken"]
    attempts = {}
    for password in ("guess", "board-secret"):
        attempts[password] = await private.client.post(
            "/-/login",
            data={"username": "auditor", "password": password, "csrftoken": token},
            cookies={"ds_csrftoken": token},
        )
    assert "ds_actor" not in attempts["guess"].cookies
    actor = attempts["board-secret"].cookies["ds_actor"]
    signed_in = await private.client.get("/plandrift/actions", cookies={"ds_actor": actor})
    assert signed_in.status_code == 200


async def test_rows_name_their_document_by_authority_date_and_kind(served):
    """A finding's document shows as "Northdene County Council · 2024-11-12 · focused visit",
    not a generic inspection title, and findings facet by authority and document date and
    by one spelling of each list heading."""
    datasette, _ = served
    findings = await datasette.client.get(
        "/plandrift/recommendations.json",
        params={"kind": "finding", "_labels": "on", "_facet": ["organisation", "doc_date"]},
    )
    assert findings.status_code == 200
    body = findings.json()
    labels = {row["document_id"]["label"] for row in body["rows"]}
    assert "Northdene County Council · 2024-11-12 · focused visit" in labels
    assert "Northdene County Council · 2025-06-02 · monitoring visit" in labels
    facets = body["facet_results"]
    assert {item["value"] for item in facets["organisation"]["results"]} == {
        "Northdene County Council"
    }
    assert {item["value"] for item in facets["doc_date"]["results"]} >= {
        "2024-11-12",
        "2025-06-02",
    }
    headings = await _rows(
        datasette, "/plandrift/recommendations.json?_shape=array&kind=finding&_size=max"
    )
    assert "What needs to improve" in {row["source"] for row in headings}
    assert "What needs to improve?" in {row["source_as_printed"] for row in headings}


async def test_default_facets_of_the_big_tables_are_counted_as_rows_are_written(served, tmp_path):
    """The actions and indicators pages open with their facets read from the counts the
    database keeps (facet_counts); those counts are what counting the rows gives, on the
    unfiltered page, after a filter, and after documents are re-extracted."""
    datasette, _ = served
    db_path = Path(datasette.databases["plandrift"].path)
    with sqlite3.connect(db_path) as connection:
        wanted = {
            (table, column): dict(
                connection.execute(
                    f"SELECT {column}, count(*) FROM {table} WHERE {column} IS NOT NULL "
                    f"GROUP BY {column}"
                ).fetchall()
            )
            for table, column in [
                ("actions", "status"),
                ("actions", "organisation"),
                ("indicators", "series"),
                ("indicators", "organisation"),
            ]
        }
    assert all(wanted.values())
    for (table, column), counts in wanted.items():
        body = (await datasette.client.get(f"/plandrift/{table}.json")).json()
        facet = body["facet_results"][column]
        assert facet["type"] == "counted"
        assert {item["value"]: item["count"] for item in facet["results"]} == counts
    status, count = max(wanted["actions", "status"].items(), key=lambda item: item[1])
    body = (await datasette.client.get("/plandrift/actions.json", params={"status": status})).json()
    assert sum(item["count"] for item in body["facet_results"]["organisation"]["results"]) == count

    copy = tmp_path / "copy.db"
    with sqlite3.connect(db_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    documents = [row[0] for row in sqlite3.connect(copy).execute("SELECT path FROM sources")]
    assert run_cli("ingest", *documents, "--db", copy, "--force").exit_code == 0
    with sqlite3.connect(copy) as connection:
        kept = connection.execute(
            "SELECT table_name, column_name, value, count FROM facet_counts ORDER BY 1, 2, 3"
        ).fetchall()
    assert kept == sorted(
        (table, column, value, count)
        for (table, column), counts in wanted.items()
        for value, count in counts.items()
    )
