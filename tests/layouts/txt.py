"""A layout as plain text: title lines, then tab-separated table lines with the header row
once and section headings as lines of their own (or labelled blocks)."""

from __future__ import annotations

from pathlib import Path

from .cells import plain, status_text, table_lines
from .model import Layout
from .pdf import block_lines, block_title


def _cell(layout: Layout, line, role: str) -> str:
    row = line.row
    if line.kind == "step":
        return {"ref": line.ref, "action": line.text}.get(role, "")
    if role == "group":
        return line.group.path[0] if line.first_in_group else ""
    if role in ("status", "tick"):
        return status_text(layout, row)
    if role == "lead" and line.lead_rows == 0:
        return ""
    if role == "action" and layout.substeps in ("letters", "bullets"):
        return " ".join([row.text, *(f"{s.label} {s.text}" for s in row.steps)])
    return plain(row, role)


def lines(layout: Layout) -> list[str]:
    out = [layout.council, layout.title, layout.date_line, "", layout.intro, ""]
    grouping = layout.factors["grouping"]
    if grouping == "blocks":
        previous: tuple[str, ...] = ()
        for group in layout.groups:
            for depth, heading in enumerate(group.path):
                if previous[: depth + 1] != group.path[: depth + 1]:
                    out += [heading, ""]
            if group.outcome:
                out += [f"Outcome: {group.outcome}", ""]
            previous = group.path
            for row in group.rows:
                prefix, text = block_title(layout, row)
                out.append(f"{prefix} {text}")
                out += [f"{step.label} {step.text}" for step in row.steps]
                out += [
                    f"{label}: {value}" for label, value in block_lines(layout, row, markup=False)
                ]
                out.append("")
        return out
    roles = [column.role for column in layout.columns]
    out.append("\t".join(column.word for column in layout.columns))
    for group in layout.groups:
        if grouping == "headings":
            out.append(group.path[0])
        for line in table_lines(layout, (group,)):
            if line.kind in ("band", "sub_band", "outcome"):
                out.append(line.text)
            else:
                out.append("\t".join(_cell(layout, line, role) for role in roles))
    return out


def summary_lines(layout: Layout) -> list[str]:
    """The status summary: a heading line, then tab-separated rows or bulleted lines."""
    summary = layout.summary
    out = [summary.heading]
    if summary.intro:
        out.append(summary.intro)
    if summary.kind == "bullets":
        out += [f"• {text}" for text in summary.bullets]
    else:
        out += ["\t".join(row) for row in (summary.header, *summary.rows)]
    return ["", *out, ""]


def render_txt(layout: Layout, path: Path) -> Path:
    body = lines(layout)
    if layout.summary is not None:
        if layout.summary.place == "before":
            at = body.index(layout.intro) + 2
            body = body[:at] + summary_lines(layout) + body[at:]
        else:
            body += summary_lines(layout)
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path
