"""A real browser (Debian's headless Chromium) against plandrift serve on 127.0.0.1.

`make test` installs Chromium where it can (as root, through apt); elsewhere these tests are
skipped with a reason, except in CI, where a missing browser is a failure.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from plandrift.serve import metadata_for

from checks import planted_slippage
from conftest import REPO_ROOT, run_cli, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO_ROOT / "test-artifacts"

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError(
            "Chromium is missing in CI: make test installs it with apt-get install chromium"
        )
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


def _chromium(tmp_path: Path, *arguments: str) -> str:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", *arguments,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"Chromium exited {result.returncode}: {result.stderr[-2000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def server(samples, tmp_path_factory):
    documents, truth = samples
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "papers" / "hostile.html"
    hostile.parent.mkdir()
    hostile.write_text(
        "<html><body><main><h1>Update</h1><h2>Next steps</h2><ul>"
        "<li>AD CSC to check &lt;script&gt;document.title='pwned'&lt;/script&gt; by 1 March 2025.</li>"
        "</ul></main></body></html>",
        encoding="utf-8",
    )
    db_path = folder / "plandrift.db"
    result = run_cli("ingest", documents, hostile.parent, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(truth['documents']) + 1} ingested, 0 unchanged, 0 failed"
    with serving(db_path) as base:
        yield base, folder


def test_slipped_actions_in_the_browser_and_the_link_to_the_page(server):
    base, folder = server
    dom = _chromium(
        folder, "--dump-dom", f"{base}/plandrift/slipped_actions?plan=northdene&from_date=&to_date="
    )
    assert "due 17/02/2025 -&gt; 10/03/2025" in dom or "due 17/02/2025 -> 10/03/2025" in dom
    assert "status_worsened" in dom and "stalled" in dom
    links = re.findall(r'href="(/-/source/\d+#page=\d+)"', dom)
    assert links
    with urllib.request.urlopen(base + links[0].split("#")[0], timeout=10) as response:
        assert response.headers["content-type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"


def test_extracted_script_stays_text_in_the_browser(server):
    base, folder = server
    dom = _chromium(folder, "--dump-dom", f"{base}/plandrift/actions?text__contains=pwned")
    assert "&lt;script&gt;document.title" in dom
    assert "<title>pwned</title>" not in dom


def test_dashboard_charts_in_the_browser(server, samples):
    """The dashboard as Chromium renders it: each chart's title, the two metrics counted from
    what the samples plant, and the status chart drawn as SVG with one bar per plan version;
    then a screenshot of it (kept in test-artifacts/ for a person to look at)."""
    base, folder = server
    _, truth = samples
    window = ("--window-size=1280,1500", "--virtual-time-budget=8000")
    dom = _chromium(folder, *window, "--dump-dom", f"{base}/-/dashboards/plandrift")
    dashboard = metadata_for(Path("plandrift.db"))["plugins"]["datasette-dashboards"]["plandrift"]
    for chart in dashboard["charts"].values():
        assert html.escape(chart["title"], quote=False) in dom, chart["title"]
    latest = max(truth["plan_actions"], key=lambda plan: truth["documents"][plan]["doc_date"])
    open_actions = sum(row["rag"] != "Blue" for row in truth["plan_actions"][latest])
    for chart, metric in (
        ("slipped", f"{len(planted_slippage(truth))} changes"),
        ("open-actions", f"{open_actions} actions"),
    ):
        assert re.search(rf'id="chart-{chart}".*?>\s*{metric}\s*<', dom, re.S), metric
    status_chart = re.search(r'id="chart-actions-by-status".*?</svg>', dom, re.S)
    assert status_chart, "the status chart was not drawn"
    versions = {truth["documents"][plan]["doc_date"] for plan in truth["plan_actions"]}
    assert versions <= set(re.findall(r">(\d{4}-\d{2}-\d{2})</text>", status_chart[0]))

    ARTIFACTS.mkdir(exist_ok=True)
    picture = ARTIFACTS / "dashboard.png"
    picture.unlink(missing_ok=True)
    _chromium(folder, *window, f"--screenshot={picture}", f"{base}/-/dashboards/plandrift")
    assert picture.exists() and picture.stat().st_size > 20_000  # a rendered page, not a blank one
