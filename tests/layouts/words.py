"""Column header words for each column role, as English council plans print them.

Each entry is ``(word, where it was seen)``.  Sources named by file are in ``../shared``:
``seed 000`` is ``seeds/000_cf442e6b01ab3d34.txt`` (Devon "Improvement in the time of
Covid" grid: "Actions | Lead | ... | RAG 05/05 | Performance Measure | Progress update
21/05/2020"); ``kcc App B`` is ``corpus/kcc_24-00115 - Appendix B - KCC ICS priorities
measures.pdf`` ("What we have committed to | Led by | Timescale | Measure | Shared Outcome",
and "Objectively Verifiable Indicators | Timescale | Progress"); ``kcc QPR`` is
``corpus/kcc_QPR Q3 Cabinet appendix 1.pdf`` ("RAG rating"); ``halton SEND`` is
``corpus/ofsted-send-halton_area send full inspection - 26 january 2024.pdf`` ("Responsible
body"); ``seed 003`` is the Devon performance report ("Intended outcomes"); ``fixture`` is the
hand-made ``tests/fixtures/plan_fixtures.py`` ref_owner_rag table, itself copied from seed 001
(Devon board report).  "common" means common in council improvement-plan templates (general
knowledge, not seen in the shared files).

The ``HELD_OUT`` words are plausible headers that real plans use but that an extractor tuned on
the words above may not know; a layout that draws one records ``unknown_header=yes``.
"""

from __future__ import annotations

KNOWN: dict[str, tuple[tuple[str, str], ...]] = {
    "action": (
        ("Action", "fixture ref_owner_rag (seed 001)"),
        ("Actions", "seed 000 header 'Actions | Lead'"),
        ("Task", "common"),
        ("Activity", "common"),
        ("Key actions", "common"),
        ("What we will do", "common"),
        ("Improvement activity", "common"),
        ("Milestone", "common"),
        ("Deliverable", "common"),
        ("What we have committed to", "kcc App B"),
        ("Action required", "common"),
        ("Actions to be taken", "common"),
    ),
    "lead": (
        ("Lead", "seed 000 header 'Actions | Lead'"),
        ("Owner", "fixture ref_owner_rag (seed 001)"),
        ("Responsible officer", "common"),
        ("Lead officer", "common"),
        ("Accountable lead", "common"),
        ("By whom", "common"),
        ("Who", "common"),
        ("Led by", "kcc App B"),
        ("Responsible body", "halton SEND"),
        ("Lead manager", "common"),
    ),
    "due": (
        ("Target date", "fixture ref_owner_rag (seed 001)"),
        ("Deadline", "common"),
        ("Timescale", "kcc App B"),
        ("Completion date", "common"),
        ("By when", "common"),
        ("Due date", "common"),
        ("End date", "common"),
        ("Target completion", "common"),
        ("Timescales", "common"),
    ),
    "status": (
        ("RAG", "seed 000 'RAG 05/05'; fixture ref_owner_rag"),
        ("BRAG", "common"),
        ("RAG rating", "kcc QPR"),
        ("Status", "common"),
        ("Rating", "common"),
        ("Progress RAG", "common"),
        ("Current RAG", "common"),
        ("RAG status", "common"),
    ),
    "update": (
        ("Progress", "kcc App B 'Objectively Verifiable Indicators | Timescale | Progress'"),
        ("Update", "common"),
        ("Progress update", "seed 000 'Progress update 21/05/2020'"),
        ("Comments", "common"),
        ("Commentary", "common"),
        ("Evidence of impact", "common"),
        ("Progress to date", "common"),
        ("Progress / evidence of impact", "fixture ref_owner_rag (seed 001)"),
    ),
    "measure": (
        ("Measure of success", "common"),
        ("Performance Measure", "seed 000"),
        ("Measure", "kcc App B"),
        ("Success measure", "common"),
        ("How will we know?", "common"),
    ),
    "outcome": (
        ("Outcome", "common"),
        ("Intended outcome", "seed 003 'Intended outcomes'"),
        ("Shared Outcome", "kcc App B"),
        ("Expected outcome", "common"),
    ),
    "ref": (
        ("Ref", "fixture ref_owner_rag (seed 001)"),
        ("Ref.", "common"),
        ("No.", "common"),
        ("Action no.", "common"),
        ("#", "common"),
    ),
    "start": (
        ("Start date", "common"),
        ("Start", "common"),
        ("Date started", "common"),
    ),
    "original": (
        ("Original target date", "common"),
        ("Original deadline", "common"),
        ("Original timescale", "common"),
    ),
    "revised": (
        ("Revised target date", "common"),
        ("Revised deadline", "common"),
        ("Revised timescale", "common"),
    ),
    "last_update": (
        ("Date of last update", "common"),
        ("Last updated", "common"),
        ("Date updated", "common"),
    ),
    "theme": (
        ("Theme", "common"),
        ("Strategic theme", "common"),
        ("Link to Ofsted finding", "common"),
    ),
    # the merged first column of grouping=merged_column
    "group": (
        ("Theme", "common"),
        ("Priority", "common"),
        ("Priority area", "common"),
        ("Improvement priority", "common"),
        ("Area for improvement", "common; Ofsted 'areas for improvement' wording"),
    ),
    # the column of status=tick
    "tick": (
        ("Complete", "common"),
        ("Done", "common"),
        ("Completed", "common"),
        ("Achieved", "common"),
    ),
}

HELD_OUT: dict[str, tuple[str, ...]] = {
    "action": ("Intervention", "Key task", "Planned activity"),
    "lead": ("Named lead", "SRO", "Accountable manager"),
    "due": ("Delivery date", "Expected by", "Milestone date"),
    "status": ("RAG (B/R/A/G)", "Delivery confidence", "Assessment"),
    "update": ("Latest position", "Narrative", "Position statement"),
}

# Labels of the "blocks" grouping (Word reports write "Lead officer: ..." lines).
BLOCK_LABELS: dict[str, tuple[str, ...]] = {
    "lead": ("Lead officer", "Lead", "Responsible officer", "Owner", "Led by"),
    "due": ("Target date", "Timescale", "Deadline", "By when", "Due date"),
    "status": ("RAG rating", "RAG", "Status", "Current RAG"),
    "update": ("Progress", "Update", "Progress to date", "Commentary"),
    "measure": ("Measure of success", "Success measure"),
    "outcome": ("Intended outcome", "Outcome"),
    "start": ("Start date",),
    "original": ("Original target date",),
    "revised": ("Revised target date",),
    "last_update": ("Date of last update", "Last updated"),
    "theme": ("Theme",),
    "tick": ("Complete", "Done"),
}
