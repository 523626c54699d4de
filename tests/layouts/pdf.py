"""Born-digital PDF of a layout, drawn with reportlab (deterministic: ``invariant=1``).

Status glyphs are ZapfDingbats: reportlab wants the Unicode character ("●", "✔", "■"),
which it writes as the font's codes "l", "4" and "n"; an ASCII "l" would come out as "n"."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from samples.drawing.pdf import (
    FRAME_PAD,
    HELVETICA,
    TIMES,
    Fonts,
    build_pdf,
    content_width,
    escape,
)

from .model import Group, Layout, Row

PAGE_SIZES = {"a4_portrait": A4, "a4_landscape": landscape(A4), "a3_landscape": landscape(A3)}
PAD = 3.0
HEAD_FILL = colors.HexColor("#D9E2F3")
BAND_FILL = colors.HexColor("#E7EEF7")
SUB_FILL = colors.HexColor("#F2F2F2")
ZEBRA = colors.HexColor("#EDEDED")
# Relative widths of the columns (each at least as wide as its longest word).
WEIGHTS = {
    "action": 3.2, "update": 3.0, "measure": 1.8, "outcome": 1.8, "lead": 1.4, "group": 1.2,
    "theme": 1.0, "due": 0.9, "original": 0.9, "revised": 0.9, "start": 0.9, "last_update": 0.9,
    "status": 0.7, "tick": 0.6, "ref": 0.45,
}  # fmt: skip


@dataclass(frozen=True)
class Geometry:
    """Where a layout's content goes: page size, margins and the table's column bounds."""

    pagesize: tuple[float, float]
    margins: tuple[float, float, float, float]  # left, right, top, bottom
    widths: tuple[float, ...]

    def column_box(self, index: int) -> tuple[float, float]:
        x0 = self.margins[0] + FRAME_PAD + sum(self.widths[:index])
        return x0, x0 + self.widths[index]


def fonts(layout: Layout) -> Fonts:
    return TIMES if layout.factors["font"] == "times" else HELVETICA


def geometry(layout: Layout) -> Geometry:
    pagesize = PAGE_SIZES[layout.factors["page"]]
    running = layout.factors["decorations"] in ("running", "both")
    margins = (15 * mm, 15 * mm, (24 if running else 16) * mm, (18 if running else 14) * mm)
    avail = content_width(pagesize, margins)
    size = float(layout.factors["size"])
    font = fonts(layout)
    need = []
    for column in layout.columns:
        words = [*column.word.split(), *_column_words(layout, column.role)]
        longest = max(stringWidth(w, font.bold, size) for w in words) if words else 0
        floor = {"action": 0.2, "update": 0.12, "measure": 0.08, "outcome": 0.08}.get(
            column.role, 0
        )
        need.append(max(longest + 2 * PAD + 2, floor * avail))
    weights = [WEIGHTS[c.role] for c in layout.columns]
    widths = [avail * w / sum(weights) for w in weights]
    # Give narrow columns what they need, taken from the columns with room to spare.
    for _ in range(5):
        short = [i for i, w in enumerate(widths) if w < need[i]]
        if not short:
            break
        deficit = sum(need[i] - widths[i] for i in short)
        for i in short:
            widths[i] = need[i]
        spare = [i for i in range(len(widths)) if i not in short and widths[i] > need[i]]
        room = sum(widths[i] - need[i] for i in spare)
        if room <= 0:
            break
        for i in spare:
            widths[i] -= deficit * (widths[i] - need[i]) / room
    scale = min(1.0, avail / sum(widths))
    return Geometry(pagesize, margins, tuple(w * scale for w in widths))


def _column_words(layout: Layout, role: str) -> list[str]:
    out: list[str] = []
    for group in layout.groups:
        if role == "group":
            out += " ".join(group.path).split()
        for row in group.rows:
            out += str(_plain_cell(row, role)).split()
            if role == "ref":
                out += [step.label for step in row.steps]
            if role == "action":
                out += row.text.split() + [w for step in row.steps for w in step.text.split()]
    return out


def _plain_cell(row: Row, role: str) -> str:
    return {
        "ref": row.ref or "", "lead": row.lead, "due": row.due, "original": row.due,
        "revised": row.revised, "start": row.start, "last_update": row.last_update,
        "measure": row.measure, "update": row.update, "outcome": row.outcome, "theme": row.theme,
        "status": row.status_word, "tick": "", "action": "", "group": "",
    }[role]  # fmt: skip


# ----------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    centred: ParagraphStyle
    head: ParagraphStyle
    band: ParagraphStyle
    sub_band: ParagraphStyle
    outcome: ParagraphStyle
    step: ParagraphStyle
    title: ParagraphStyle
    council: ParagraphStyle
    subtitle: ParagraphStyle
    intro: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    block: ParagraphStyle
    block_head: ParagraphStyle


def styles(layout: Layout) -> Styles:
    font = fonts(layout)
    size = float(layout.factors["size"])
    long = layout.factors["rows"] == "long"
    body = ParagraphStyle(
        f"body{size}", fontName=font.regular, fontSize=size, leading=size * 1.2,
        allowOrphans=int(long), allowWidows=1,
    )  # fmt: skip
    plain_head = layout.factors["header"] == "plain"
    head = ParagraphStyle("head", parent=body, fontName=font.regular if plain_head else font.bold)
    band = ParagraphStyle("band", parent=body, fontName=font.bold, fontSize=size + 1,
                          leading=(size + 1) * 1.2)  # fmt: skip
    return Styles(
        body=body,
        centred=ParagraphStyle("centred", parent=body, alignment=TA_CENTER),
        head=head,
        band=band,
        sub_band=ParagraphStyle("sub", parent=body, fontName=font.bold),
        outcome=ParagraphStyle("outcome", parent=body, fontName=font.italic),
        step=ParagraphStyle(
            "step",
            parent=body,
            leftIndent=12,
            bulletIndent=2,
            bulletFontName=font.regular,
            bulletFontSize=size,
        ),
        title=ParagraphStyle("title", fontName=font.bold, fontSize=16, leading=20, spaceAfter=4),
        council=ParagraphStyle(
            "council", fontName=font.bold, fontSize=12, leading=15, spaceAfter=4
        ),
        subtitle=ParagraphStyle(
            "subtitle", fontName=font.bold, fontSize=10.5, leading=13, spaceAfter=6
        ),
        intro=ParagraphStyle(
            "intro", fontName=font.regular, fontSize=9.5, leading=12.5, spaceAfter=8
        ),
        h1=ParagraphStyle(
            "h1",
            fontName=font.bold,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h2=ParagraphStyle(
            "h2",
            fontName=font.bold,
            fontSize=10.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        block=ParagraphStyle("block", parent=body, spaceAfter=1),
        block_head=ParagraphStyle(
            "blockhead",
            parent=body,
            fontName=font.bold,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
    )


# --------------------------------------------------------------------- merged group column


class GroupMark(Flowable):
    """The merged first-column cell of grouping=merged_column, as a marker in every row of
    the group: it draws nothing itself; :class:`GroupTable` prints the group's text once,
    vertically centred, over each run of its rows on a page (so once per page)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        _, self.height = Paragraph(escape(self.text), self.style).wrap(aw, 10_000)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return [GroupMark(self.text, self.style), GroupMark(self.text, self.style)]

    def draw(self) -> None:
        pass


def _mark(value) -> GroupMark | None:
    if isinstance(value, list | tuple) and value:
        value = value[0]
    return value if isinstance(value, GroupMark) else None


class GroupTable(Table):
    def draw(self) -> None:
        super().draw()
        runs: list[tuple[int, int, GroupMark]] = []
        for r, row in enumerate(self._cellvalues):
            mark = _mark(row[0])
            if mark is None:
                continue
            if runs and runs[-1][1] == r - 1 and runs[-1][2].text == mark.text:
                runs[-1] = (runs[-1][0], r, runs[-1][2])
            else:
                runs.append((r, r, mark))
        x0, x1 = self._colpositions[0], self._colpositions[1]
        for first, last, mark in runs:
            top, bottom = self._rowpositions[first], self._rowpositions[last + 1]
            paragraph = Paragraph(escape(mark.text), mark.style)
            _, height = paragraph.wrap(x1 - x0 - 2 * PAD, 10_000)
            paragraph.drawOn(self.canv, x0 + PAD, (top + bottom) / 2 - height / 2)


# ------------------------------------------------------------------------------- tables


def _hex(value: str) -> colors.Color:
    return colors.HexColor(f"#{value}")


class TableBuilder:
    """Rows, cells and style commands of one table, grown row by row."""

    def __init__(self, layout: Layout, st: Styles, geo: Geometry) -> None:
        self.layout, self.st, self.geo = layout, st, geo
        self.data: list[list] = []
        self.cmds: list[tuple] = []
        self.bands: list[int] = []
        self.group_ends: list[int] = []
        self.head_rows = 0
        self.ncols = len(layout.columns)

    def header(self) -> None:
        wrapped = self.layout.factors["header"] == "wrapped"
        cells = []
        for column in self.layout.columns:
            words = column.word.split()
            if wrapped and len(words) > 1:
                cut = (len(words) + 1) // 2
                text = escape(" ".join(words[:cut])) + "<br/>" + escape(" ".join(words[cut:]))
            else:
                text = escape(column.word)
            cells.append(Paragraph(text, self.st.head))
        self.data.append(cells)
        self.head_rows = 1

    def band(self, text: str, style: ParagraphStyle, fill: colors.Color) -> None:
        r = len(self.data)
        self.data.append([Paragraph(escape(text), style)] + [""] * (self.ncols - 1))
        self.cmds.append(("SPAN", (0, r), (-1, r)))
        if self.layout.factors["ruling"] != "none":
            self.cmds.append(("BACKGROUND", (0, r), (-1, r), fill))
        self.bands.append(r)

    def action(self, row: Row, group: Group) -> tuple[int, int]:
        """The row (and its numbered sub-step rows); returns the first and last row index."""
        first = len(self.data)
        self.data.append([self.cell(row, column.role, group) for column in self.layout.columns])
        self.status_fill(row, first)
        for step in row.steps if self.layout.substeps == "numbered_rows" else ():
            cells = []
            for column in self.layout.columns:
                if column.role == "ref":
                    cells.append(Paragraph(escape(step.ref or ""), self.st.body))
                elif column.role == "action":
                    cells.append(Paragraph(escape(step.text), self.st.body))
                elif column.role == "group":
                    cells.append(GroupMark(group.path[0], self.st.sub_band))
                else:
                    cells.append(Paragraph("", self.st.body))
            self.data.append(cells)
        return first, len(self.data) - 1

    def status_fill(self, row: Row, r: int) -> None:
        level = self.layout.factors["status"]
        if level in ("fill", "word_fill") and row.fill:
            c = next(i for i, col in enumerate(self.layout.columns) if col.role == "status")
            self.cmds.append(("BACKGROUND", (c, r), (c, r), _hex(row.fill)))

    def cell(self, row: Row, role: str, group: Group):
        st = self.st
        if role == "group":
            return GroupMark(group.path[0], st.sub_band)
        if role == "action":
            main = Paragraph(escape(row.text), st.body)
            if self.layout.substeps in ("letters", "bullets") and row.steps:
                return [main] + [
                    Paragraph(escape(step.text), st.step, bulletText=step.label)
                    for step in row.steps
                ]
            return main
        if role == "status":
            level = self.layout.factors["status"]
            if level == "glyph":
                dot = f'<font name="ZapfDingbats" color="#{row.fill}">●</font>'
                return Paragraph(dot, st.centred)
            return Paragraph(escape(row.status_word), st.centred)
        if role == "tick":
            tick = '<font name="ZapfDingbats">✔</font>' if row.status == "complete" else ""
            return Paragraph(tick, st.centred)
        if role == "lead" and row.lead_span == 0:
            return Paragraph("", st.body)
        return Paragraph(escape(_plain_cell(row, role)), st.body)

    def merge_lead(self, first: int, last: int) -> None:
        c = next(i for i, col in enumerate(self.layout.columns) if col.role == "lead")
        self.cmds.append(("SPAN", (c, first), (c, last)))
        self.cmds.append(("VALIGN", (c, first), (c, last), "MIDDLE"))

    def table(self) -> Table:
        f = self.layout.factors
        n = len(self.data)
        cmds: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if f["rows"] == "vcentred" else "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ]
        grouped = f["grouping"] == "merged_column"
        first_col = 1 if grouped else 0
        ruling = f["ruling"]
        if self.head_rows and f["header"] != "plain":
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
        if ruling == "zebra":
            cmds.append(("ROWBACKGROUNDS", (first_col, self.head_rows), (-1, -1),
                         [colors.white, ZEBRA]))  # fmt: skip
        if ruling == "grid":
            cmds += [("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                     ("INNERGRID", (first_col, 0), (-1, -1), 0.5, colors.black)]  # fmt: skip
            if grouped:
                cmds.append(("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black))
        elif ruling == "horizontal":
            cmds += [("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                     ("LINEBELOW", (first_col, 0), (-1, -1), 0.4, colors.grey)]  # fmt: skip
        elif ruling == "box":
            cmds.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
        if grouped and ruling in ("grid", "horizontal"):
            width, colour = (0.5, colors.black) if ruling == "grid" else (0.4, colors.grey)
            for r in {0, *self.group_ends, n - 1}:
                cmds.append(("LINEBELOW", (0, r), (0, r), width, colour))
        cmds += self.cmds
        table_class = GroupTable if grouped else Table
        repeat = 0 if f["header"] == "once" or not self.head_rows else 1
        table = table_class(
            self.data, colWidths=list(self.geo.widths), repeatRows=repeat, hAlign="LEFT",
            splitByRow=int(f["rows"] != "long"), splitInRow=int(f["rows"] == "long"),
            spaceBefore=2, spaceAfter=6,
        )  # fmt: skip
        table.setStyle(TableStyle(cmds))
        return table


def _tables(layout: Layout, st: Styles, geo: Geometry) -> list[Flowable]:
    grouping = layout.factors["grouping"]
    story: list[Flowable] = []
    builder = TableBuilder(layout, st, geo)
    builder.header()
    previous: tuple[str, ...] = ()
    for group in layout.groups:
        if grouping == "headings":
            if len(builder.data) > builder.head_rows:
                story.append(builder.table())
                builder = TableBuilder(layout, st, geo)
                builder.header()
            story.append(Paragraph(escape(group.path[0]), st.h2))
        elif grouping in ("band", "substeps"):
            builder.band(group.path[0], st.band, BAND_FILL)
        elif grouping == "nested":
            if group.path[0] != previous[:1] and (not previous or group.path[0] != previous[0]):
                builder.band(group.path[0], st.band, BAND_FILL)
            builder.band(group.path[1], st.sub_band, SUB_FILL)
        elif grouping == "recommendations":
            builder.band(group.path[0], st.band, BAND_FILL)
            builder.band(f"Outcome: {group.outcome}", st.outcome, SUB_FILL)
        previous = group.path
        span_start: tuple[int, int] | None = None
        for row in group.rows:
            first, last = builder.action(row, group)
            if row.lead_span > 1:
                span_start = (first, row.lead_span)
                remaining = row.lead_span
            if span_start is not None:
                remaining -= 1
                if remaining == 0:
                    builder.merge_lead(span_start[0], last)
                    span_start = None
        builder.group_ends.append(len(builder.data) - 1)
    story.append(builder.table())
    return story


# ------------------------------------------------------------------------------- blocks


def block_status(layout: Layout, row: Row, markup: bool = True) -> str | None:
    """The text after a block's status label (None: no status line)."""
    level = layout.factors["status"]
    if level == "none":
        return None
    if level == "tick":
        if row.status != "complete":
            return None
        return '<font name="ZapfDingbats">✔</font>' if markup else "✓"
    if level == "glyph":
        return f'<font name="ZapfDingbats" color="#{row.fill}">●</font>' if markup else "●"
    if level == "fill":
        return f'<font name="ZapfDingbats" color="#{row.fill}">■</font>' if markup else "■"
    if level == "word_fill" and markup:
        return f'<span backColor="#{row.fill}">&nbsp;{escape(row.status_word)}&nbsp;</span>'
    return escape(row.status_word) if markup else row.status_word


def block_lines(layout: Layout, row: Row, *, markup: bool) -> list[tuple[str, str]]:
    """The labelled lines of one block as (label, value) in the layout's order."""
    lines = []
    for role in layout.block_order:
        label = layout.block_labels.get(role, role)
        if role == "status" or role == "tick":
            value = block_status(layout, row, markup)
            label = layout.block_labels["tick" if role == "tick" else "status"]
        else:
            value = _plain_cell(row, role)
            value = escape(value) if markup else value
        if value:
            lines.append((label, value))
    return lines


def block_title(layout: Layout, row: Row) -> tuple[str, str]:
    """(label, text) of a block's first line: "Action 1.2:" + text."""
    label = layout.block_ref_label
    if row.ref:
        prefix = f"{label} {row.ref}:" if label else f"{row.ref}"
    else:
        prefix = f"{label or 'Action'}:"
    return prefix, row.text


def _blocks(layout: Layout, st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    previous: tuple[str, ...] = ()
    for group in layout.groups:
        for depth, heading in enumerate(group.path):
            if previous[: depth + 1] != group.path[: depth + 1]:
                story.append(Paragraph(escape(heading), st.h1 if depth == 0 else st.h2))
        if group.outcome:
            story.append(Paragraph(f"<i>Outcome: {escape(group.outcome)}</i>", st.block))
        previous = group.path
        for row in group.rows:
            prefix, text = block_title(layout, row)
            parts = [Paragraph(f"<b>{escape(prefix)}</b> {escape(text)}", st.block_head)]
            for step in row.steps:
                parts.append(Paragraph(escape(step.text), st.step, bulletText=step.label))
            for label, value in block_lines(layout, row, markup=True):
                parts.append(Paragraph(f"<b>{escape(label)}:</b> {value}", st.block))
            story.extend(parts)
    return story


# --------------------------------------------------------------------------------- page


def _decorate(layout: Layout, geo: Geometry, total: int):
    decorations = layout.factors["decorations"]
    font = fonts(layout)
    initials = "".join(word[0] for word in layout.council.split() if word[0].isupper())[:3]

    def draw(canvas, doc) -> None:
        width, height = geo.pagesize
        canvas.saveState()
        if decorations in ("logo", "both") and doc.page == 1:
            x, y = width - 15 * mm - 22 * mm, height - 8 * mm - 14 * mm
            canvas.setFillColor(colors.HexColor("#1F4E79"))
            if layout.seed % 2:
                canvas.circle(x + 11 * mm, y + 7 * mm, 7 * mm, stroke=0, fill=1)
            else:
                canvas.roundRect(x, y, 22 * mm, 14 * mm, 3 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
            canvas.setFont(font.bold, 11)
            canvas.drawCentredString(x + 11 * mm, y + 5.5 * mm, initials)
        if decorations in ("running", "both"):
            canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
            canvas.setFont(font.regular, 7.5)
            canvas.drawString(15 * mm, height - 10 * mm, f"{layout.council} – {layout.title}")
            canvas.drawRightString(width - 15 * mm, 8 * mm, f"Page {doc.page} of {total}")
        canvas.restoreState()

    return draw


def _summary(layout: Layout, st: Styles, geo: Geometry) -> list[Flowable]:
    """The status summary: a heading, then a table of counts or a bulleted list."""
    summary = layout.summary
    out: list[Flowable] = [Paragraph(escape(summary.heading), st.h1)]
    if summary.intro:
        out.append(Paragraph(escape(summary.intro), st.block))
    if summary.kind == "bullets":
        out += [Paragraph(escape(text), st.step, bulletText="•") for text in summary.bullets]
        return [KeepTogether(out), Spacer(1, 6)]
    avail = sum(geo.widths)
    font, size = fonts(layout), float(layout.factors["size"])
    words = [word for text in summary.header[1:] for word in text.split()]
    least = max(stringWidth(word, font.bold, size) for word in words) + 2 * PAD + 2
    rest = max(least, min((avail * 0.6) / (len(summary.header) - 1), 30 * mm))
    first = min(avail - rest * (len(summary.header) - 1), 90 * mm)
    data = [[Paragraph(escape(text), st.head) for text in summary.header]]
    data += [
        [Paragraph(escape(row[0]), st.body)] + [Paragraph(escape(c), st.centred) for c in row[1:]]
        for row in summary.rows
    ]
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    ruling = summary.ruling
    if ruling in ("grid", "zebra"):
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif ruling == "horizontal":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey))
    elif ruling == "box":
        cmds.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
    if layout.factors["header"] != "plain":
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
    table = Table(data, colWidths=[first] + [rest] * (len(summary.header) - 1), hAlign="LEFT",
                  spaceBefore=2, spaceAfter=8)  # fmt: skip
    table.setStyle(TableStyle(cmds))
    return [KeepTogether([*out, table])]


def story(layout: Layout) -> list[Flowable]:
    st = styles(layout)
    geo = geometry(layout)
    out: list[Flowable] = [
        Paragraph(escape(layout.council), st.council),
        Paragraph(escape(layout.title), st.title),
        Paragraph(escape(layout.date_line), st.subtitle),
        Paragraph(escape(layout.intro), st.intro),
        Spacer(1, 4),
    ]
    summary = layout.summary
    if summary is not None and summary.place == "before":
        out += _summary(layout, st, geo)
    if layout.factors["grouping"] == "blocks":
        out += _blocks(layout, st)
    else:
        out += _tables(layout, st, geo)
    if summary is not None and summary.place == "after":
        out += _summary(layout, st, geo)
    return out


def render_pdf(layout: Layout, target: Path | io.BytesIO) -> int:
    """Draw *layout* as a PDF; returns the page count."""
    geo = geometry(layout)

    def build(out, total: int) -> int:
        return build_pdf(
            out, story(layout), pagesize=geo.pagesize, margins=geo.margins,
            title=layout.title, subject=f"plandrift layout {layout.seed}",
            on_page=_decorate(layout, geo, total),
        )  # fmt: skip

    pages = build(io.BytesIO(), 0)
    return build(target, pages)


__all__ = ["Geometry", "KeepTogether", "geometry", "render_pdf"]
