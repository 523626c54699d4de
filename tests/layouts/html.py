"""A layout as an HTML page: <table> with rowspan/colspan merges, fills as bgcolor or
background-color, <h2>/<h3> section headings, or labelled blocks."""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

from .cells import plain, status_text, table_lines
from .model import Layout
from .pdf import block_lines, block_title

BORDERS = {
    "grid": "border-collapse:collapse;border:1px solid #000",
    "horizontal": "border-collapse:collapse;border-top:2px solid #000",
    "box": "border-collapse:collapse;border:2px solid #000",
    "none": "border-collapse:collapse",
    "zebra": "border-collapse:collapse",
}
CELL = {
    "grid": "border:1px solid #000;",
    "horizontal": "border-bottom:1px solid #999;",
}


class Page:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        rng = random.Random(f"plandrift-html-{layout.seed}")
        self.bgcolor_attr = rng.random() < 0.5  # bgcolor="..." or style="background-color:..."
        self.parts: list[str] = []

    def td(
        self, html: str, *, style: str = "", attrs: str = "", bg: str | None = None, tag: str = "td"
    ) -> str:
        f = self.layout.factors
        css = CELL.get(f["ruling"], "")
        css += "vertical-align:middle;" if f["rows"] == "vcentred" else "vertical-align:top;"
        css += style
        if bg and self.bgcolor_attr:
            attrs += f' bgcolor="#{bg}"'
        elif bg:
            css += f"background-color:#{bg};"
        return f'<{tag}{attrs} style="{css}">{html}</{tag}>'

    def header(self) -> str:
        f = self.layout.factors
        cells = []
        for column in self.layout.columns:
            words = column.word.split()
            if f["header"] == "wrapped" and len(words) > 1:
                cut = (len(words) + 1) // 2
                text = escape(" ".join(words[:cut])) + "<br>" + escape(" ".join(words[cut:]))
            else:
                text = escape(column.word)
            if f["header"] == "plain":
                cells.append(self.td(text))
            else:
                cells.append(self.td(text, bg="D9E2F3", tag="th"))
        return "<thead><tr>" + "".join(cells) + "</tr></thead>"

    def table(self, groups) -> str:
        layout = self.layout
        f = layout.factors
        n = len(layout.columns)
        rows = []
        body_index = 0
        for line in table_lines(layout, groups):
            if line.kind in ("band", "sub_band", "outcome"):
                text = escape(line.text)
                text = f"<em>{text}</em>" if line.kind == "outcome" else f"<strong>{text}</strong>"
                fill = None if f["ruling"] == "none" else "E7EEF7"
                rows.append("<tr>" + self.td(text, attrs=f' colspan="{n}"', bg=fill) + "</tr>")
                continue
            body_index += 1
            zebra = "EDEDED" if f["ruling"] == "zebra" and body_index % 2 == 0 else None
            cells = []
            for column in layout.columns:
                role = column.role
                if role == "group":
                    if line.group_size:
                        cells.append(self.td(escape(line.group.path[0]), style="vertical-align:middle;font-weight:bold",
                                             attrs=f' rowspan="{line.group_size}"'))  # fmt: skip
                    continue
                if role == "lead" and line.kind == "row" and line.lead_rows != 1:
                    if line.lead_rows > 1:
                        cells.append(
                            self.td(escape(line.row.lead), attrs=f' rowspan="{line.lead_rows}"')
                        )
                    continue
                if role == "lead" and line.kind == "step" and line.lead_rows == 0:
                    continue
                cells.append(self.cell(line, role, zebra))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (
            f'<table style="{BORDERS[f["ruling"]]}">{self.header()}<tbody>'
            + "\n".join(rows)
            + "</tbody></table>"
        )

    def cell(self, line, role: str, zebra: str | None) -> str:
        layout = self.layout
        row = line.row
        if line.kind == "step":
            text = {"ref": line.ref, "action": line.text}.get(role, "")
            return self.td(escape(text), bg=zebra)
        if role in ("status", "tick"):
            text = escape(status_text(layout, row))
            if layout.factors["status"] == "glyph":
                text = f'<span style="color:#{row.fill}">{text}</span>'
            fill = row.fill if layout.factors["status"] in ("fill", "word_fill") else zebra
            return self.td(text, style="text-align:center;", bg=fill)
        if role == "action" and layout.substeps in ("letters", "bullets") and row.steps:
            if layout.substeps == "bullets":
                items = "".join(f"<li>{escape(s.text)}</li>" for s in row.steps)
                return self.td(f"{escape(row.text)}<ul>{items}</ul>", bg=zebra)
            steps = "".join(f"<br>{escape(s.label)} {escape(s.text)}" for s in row.steps)
            return self.td(escape(row.text) + steps, bg=zebra)
        return self.td(escape(plain(row, role)), bg=zebra)

    def blocks(self) -> str:
        layout = self.layout
        out = []
        previous: tuple[str, ...] = ()
        for group in layout.groups:
            for depth, heading in enumerate(group.path):
                if previous[: depth + 1] != group.path[: depth + 1]:
                    tag = "h2" if depth == 0 else "h3"
                    out.append(f"<{tag}>{escape(heading)}</{tag}>")
            if group.outcome:
                out.append(f"<p><em>Outcome: {escape(group.outcome)}</em></p>")
            previous = group.path
            for row in group.rows:
                prefix, text = block_title(layout, row)
                out.append(f"<p><strong>{escape(prefix)}</strong> {escape(text)}</p>")
                if row.steps:
                    if layout.substeps == "bullets":
                        out.append(
                            "<ul>"
                            + "".join(f"<li>{escape(s.text)}</li>" for s in row.steps)
                            + "</ul>"
                        )
                    else:
                        out += [f"<p>{escape(s.label)} {escape(s.text)}</p>" for s in row.steps]
                for label, value in block_lines(layout, row, markup=False):
                    if layout.factors["status"] in ("glyph", "fill", "word_fill") and value in (
                        row.status_word or "\0", "●", "■"
                    ):  # fmt: skip
                        value = f'<span style="background-color:#{row.fill}">{escape(value)}</span>'
                        out.append(f"<p><strong>{escape(label)}:</strong> {value}</p>")
                    else:
                        out.append(f"<p><strong>{escape(label)}:</strong> {escape(value)}</p>")
        return "\n".join(out)


def summary_html(layout: Layout) -> str:
    """The status summary: a heading, then a table of counts or a bulleted list."""
    summary = layout.summary
    out = [f"<h3>{escape(summary.heading)}</h3>"]
    if summary.intro:
        out.append(f"<p>{escape(summary.intro)}</p>")
    if summary.kind == "bullets":
        out.append("<ul>" + "".join(f"<li>{escape(t)}</li>" for t in summary.bullets) + "</ul>")
        return "\n".join(out)
    ruling = summary.ruling
    cell = CELL.get(ruling, "")
    head = "".join(f'<th style="{cell}">{escape(text)}</th>' for text in summary.header)
    rows = "".join(
        "<tr>" + "".join(f'<td style="{cell}">{escape(text)}</td>' for text in row) + "</tr>"
        for row in summary.rows
    )
    out.append(
        f'<table style="{BORDERS[ruling]}"><thead><tr>{head}</tr></thead><tbody>{rows}'
        "</tbody></table>"
    )
    return "\n".join(out)


def render_html(layout: Layout, path: Path) -> Path:
    page = Page(layout)
    f = layout.factors
    initials = "".join(w[0] for w in layout.council.split() if w[0].isupper())[:3]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(layout.title)} – {escape(layout.council)}</title>",
        f"<style>body{{font-family:{'Times New Roman,serif' if f['font'] == 'times' else 'Arial,sans-serif'};"
        f"font-size:{f['size']}pt}} td,th{{padding:3px;text-align:left}}</style>",
        "</head><body>",
    ]
    if f["decorations"] in ("logo", "both"):
        parts.append(
            f'<div class="logo" style="float:right;background:#1F4E79;color:#fff;padding:8px">{initials}</div>'
        )
    parts += [
        f"<p><strong>{escape(layout.council)}</strong></p>",
        f"<h1>{escape(layout.title)}</h1>",
        f"<p><strong>{escape(layout.date_line)}</strong></p>",
        f"<p>{escape(layout.intro)}</p>",
    ]
    if layout.summary is not None and layout.summary.place == "before":
        parts.append(summary_html(layout))
    if f["grouping"] == "blocks":
        parts.append(page.blocks())
    elif f["grouping"] == "headings":
        for group in layout.groups:
            parts.append(f"<h2>{escape(group.path[0])}</h2>")
            parts.append(page.table((group,)))
    else:
        parts.append(page.table(None))
    if layout.summary is not None and layout.summary.place == "after":
        parts.append(summary_html(layout))
    if f["decorations"] in ("running", "both"):
        parts.append(f"<footer><p>{escape(layout.council)} – {escape(layout.title)}</p></footer>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path
