"""See why a row is missing: one page of a document with the tables, column roles and actions
the extractor found on it, drawn over the page (PDF) and told in words (every format).

This only calls the readers and the extractor (``read_document``, ``recognise_metadata``,
``read_action_tables``, ``extract_actions``) and reports what they returned; it decides
nothing itself. Coordinates in the page model are PDF points from the top-left corner, so
they are scaled to the rendered image's pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .extract.action_record import ExtractedAction
from .extract.action_tables import TableReading, read_action_tables
from .extract.actions import extract_actions
from .extract.metadata import recognise_metadata
from .ingest.errors import IngestError
from .ingest.model import BBox, Page, ReadDocument, Table, union_box
from .ingest.read import read_document
from .wording import squash

DEFAULT_RESOLUTION = 120  # dots per inch of the drawing

# Colours of the drawing (RGB); the legend on the image names each one.
ACTION_COLOUR = (230, 0, 160)  # magenta: nothing else on the page is drawn in it
METHOD_COLOURS = {"ruled": (0, 90, 230), "aligned": (240, 120, 0), "markup": (120, 120, 120)}
HEADER_SHADE = (255, 215, 0, 110)  # translucent yellow
ROLE_COLOUR = (0, 130, 60)
NO_ROLE_COLOUR = (210, 0, 0)
SECTION_COLOUR = (120, 40, 180)

METHOD_WORDS = {
    "ruled": "found by its ruling lines",
    "aligned": "found by the alignment of its text (it has no ruling lines)",
    "markup": "a table in the file's markup (a Word, web or text table)",
}
KIND_WORDS = {"pdf": "PDF", "docx": "Word document", "html": "web page", "text": "text file"}
ONE_PAGE_KINDS = ("docx", "html")  # read as one page whatever their length
TEXT_PREVIEW = 60
NO_ACTION_TABLE_HINT = (
    "this table was not read as an action table: no column header was recognised as the "
    "action column (an action table needs a header row with a column such as 'Action' and one "
    "such as 'Lead', 'Target date', 'RAG' or 'Progress update')"
)


class ShowError(Exception):
    """A page that cannot be shown; ``str()`` is one line naming the file and what to do."""


@dataclass
class ColumnReport:
    index: int  # 0-based
    role: str | None  # the role the action extractor gave it; None: not recognised
    header: str  # the text of its header rows ("" when it has none)


@dataclass
class TableReport:
    number: int  # 1-based, in the page's order
    table: Table
    reading: TableReading
    columns: list[ColumnReport]
    continued: bool  # read with the columns of the action table before it (no header of its own)
    actions: list[int] = field(default_factory=list)  # numbers of the page's actions it gave
    hints: list[str] = field(default_factory=list)

    @property
    def is_action_table(self) -> bool:
        return bool(self.reading.roles)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.table.rows), max((len(row) for row in self.table.rows), default=0)


@dataclass
class PageReport:
    """What the extractor found on one page, and where the drawing of it was written."""

    path: Path
    file_kind: str
    page: Page
    page_count: int
    doc_date: str | None
    doc_date_basis: str | None
    tables: list[TableReport]
    actions: list[ExtractedAction]  # on this page, in reading order; numbered from 1
    image: Path | None = None
    notes: list[str] = field(default_factory=list)


def default_out(path: Path, page: int) -> Path:
    """``<file stem>-page<N>.png`` in the current directory."""
    return Path(f"{path.stem}-page{page}.png")


def show_page(
    path: Path,
    page: int,
    out: Path | None = None,
    *,
    resolution: int = DEFAULT_RESOLUTION,
    password: str | None = None,
    ocr: bool = True,
) -> PageReport:
    """Read ``path``, extract its actions, and report what was found on page ``page``
    (1-based). A PDF page is also drawn to ``out`` (default :func:`default_out`)."""
    try:
        document = read_document(path, password=password, ocr=ocr)
    except IngestError as error:
        raise ShowError(f"{path}: {error}") from None
    except IsADirectoryError:
        raise ShowError(f"{path}: this is a folder; give one file") from None
    except PermissionError:
        raise ShowError(f"{path}: permission denied; check you can open the file") from None
    chosen = _page(document, page, path)
    metadata = recognise_metadata(document)
    readings = read_action_tables(document, metadata.doc_date)
    actions = [
        action for action in extract_actions(document, metadata.doc_date) if action.page == page
    ]
    report = PageReport(
        path=path,
        file_kind=document.file_kind,
        page=chosen,
        page_count=len(document.pages),
        doc_date=metadata.doc_date,
        doc_date_basis=metadata.doc_date_basis,
        tables=_table_reports(readings, chosen, actions),
        actions=actions,
        notes=list(document.warnings),
    )
    if document.file_kind != "pdf":
        kind = KIND_WORDS.get(document.file_kind, document.file_kind)
        report.notes.append(
            f"Drawing is PDF-only: a {kind} has no page geometry, so no image was written; "
            "what was found is listed below."
        )
        return report
    report.image = out or default_out(path, page)
    image, words = render_page(path, page, resolution=resolution, password=password)
    try:
        draw_page(image, report, words).save(report.image, format="PNG")
    except OSError as error:
        raise ShowError(
            f"{report.image}: cannot write the drawing there ({error.strerror or error}); "
            "choose another file with --out"
        ) from None
    return report


def _page(document: ReadDocument, number: int, path: Path) -> Page:
    count = len(document.pages)
    for page in document.pages:
        if page.number == number:
            return page
    pages = f"{count} page" + ("" if count == 1 else "s")
    why = ""
    if document.file_kind in ONE_PAGE_KINDS:
        why = f" (a {KIND_WORDS[document.file_kind]} is read as one page)"
    choose = "use --page 1" if count == 1 else f"choose --page from 1 to {count}"
    raise ShowError(f"{path}: there is no page {number}: it has {pages}{why}; {choose}")


# --- what was found ----------------------------------------------------------------------


def _table_reports(
    readings: list[TableReading], page: Page, actions: list[ExtractedAction]
) -> list[TableReport]:
    on_page = [reading for reading in readings if reading.table.page == page.number]
    reports = []
    for number, reading in enumerate(on_page, start=1):
        table = reading.table
        columns = max((len(row) for row in table.rows), default=0)
        headers = table.rows[: reading.header_rows]
        report = TableReport(
            number=number,
            table=table,
            reading=reading,
            columns=[
                ColumnReport(
                    index,
                    reading.roles.get(index),
                    " / ".join(
                        text
                        for row in headers
                        if index < len(row) and row[index] and (text := squash(row[index].text))
                    ),
                )
                for index in range(columns)
            ],
            continued=bool(reading.roles) and reading.header_rows == 0,
        )
        report.actions = [
            position
            for position, action in enumerate(actions, start=1)
            if action.source == "table" and _centre_inside(action.bbox, table.bbox)
        ]
        report.hints = _hints(report, has_geometry=table.bbox is not None)
        reports.append(report)
    return reports


def _hints(report: TableReport, has_geometry: bool) -> list[str]:
    if not report.is_action_table:
        first = next((row for row in report.table.rows if any(cell for cell in row)), [])
        texts = [squash(cell.text) if cell else "" for cell in first]
        return [NO_ACTION_TABLE_HINT, f"its first row reads: {' | '.join(texts)[:200]}"]
    hints = []
    if report.continued:
        hints.append(
            "it has no header of its own: it was read as the continuation of the action table "
            "before it (same number of columns), with that table's column roles"
        )
    unnamed = [str(column.index + 1) for column in report.columns if column.role is None]
    if unnamed:
        hints.append(
            f"column(s) {', '.join(unnamed)} got no role (?): their text is not kept in any "
            "field of the actions"
        )
    if has_geometry and not report.actions:
        hints.append(
            "no row of this table became an action on this page (its rows are empty, headers, "
            "section rows, or the rest of a row from the page before)"
        )
    return hints


def _centre_inside(box: BBox | None, outer: BBox | None) -> bool:
    if not box or not outer:
        return False
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3]


# --- in words ----------------------------------------------------------------------------


def format_report(report: PageReport) -> str:
    """The summary a person reads: each table on the page and each action found on it."""
    page = report.page
    kind = KIND_WORDS.get(report.file_kind, report.file_kind)
    size = f", {page.width:.0f} x {page.height:.0f} pt" if page.width and page.height else ""
    layer = f", text: {page.text_layer}" if report.file_kind == "pdf" else ""
    if page.ocr_confidence is not None:
        layer += f" (OCR confidence {page.ocr_confidence:.0f})"
    lines = [
        f"{report.path.name}: page {page.number} of {report.page_count} ({kind}{layer}{size})",
        f"Document date: {report.doc_date or 'not recognised'}"
        + (f" (from the {report.doc_date_basis})" if report.doc_date_basis else "")
        + " - due dates are read against it",
    ]
    lines += [f"Note: {note}" for note in report.notes]
    lines.append("")
    if not report.tables:
        lines.append("No table was found on this page.")
        if report.file_kind == "pdf":
            lines.append(
                "  If the page shows a table, neither ruling lines nor columns of aligned text "
                "were recognised, so its rows cannot become actions."
            )
    for table in report.tables:
        lines += _table_lines(table, len(report.tables))
        lines.append("")
    lines += _action_lines(report.actions)
    if report.image:
        lines += [
            "",
            f"Drawing: {report.image} (tables outlined by how they were found, header rows "
            "shaded, column roles above the columns, actions in magenta boxes numbered as above)",
        ]
    return "\n".join(lines)


def _table_lines(table: TableReport, tables: int) -> list[str]:
    rows, columns = table.shape
    how = METHOD_WORDS.get(table.table.method, table.table.method)
    heading = f"Table {table.number} of {tables}: {how}; {rows} rows x {columns} columns"
    if table.is_action_table:
        count = table.reading.header_rows
        heading += f"; {count} header row" + ("" if count == 1 else "s")
    lines = [heading]
    if table.is_action_table:
        found = len(table.actions)
        given = f"; {found} action(s) on this page came from it" if table.table.bbox else ""
        lines.append(f"  Read as an action table{given}.")
        width = max((len(column.role or "?") for column in table.columns), default=4)
        lines.append(f"  {'column':<7} {'role':<{width}}  header")
        for column in table.columns:
            heading = column.header or ("(header on an earlier page)" if table.continued else "-")
            lines.append(f"  {column.index + 1:<7} {column.role or '?':<{width}}  {heading}")
    lines += [f"  Hint: {hint}" for hint in table.hints]
    return lines


def _action_lines(actions: list[ExtractedAction]) -> list[str]:
    if not actions:
        return ["No action was found on this page."]
    lines = [f"Actions on this page ({len(actions)}):"]
    for number, action in enumerate(actions, start=1):
        text = squash(action.text)
        preview = text if len(text) <= TEXT_PREVIEW else text[: TEXT_PREVIEW - 1] + "…"
        origin = "" if action.source == "table" else " (from a list in the text)"
        lines.append(f"  [{number}] {action.ref or '(no ref)'}  {preview}{origin}")
        due = action.due_date or "-"
        if action.due_raw and action.due_raw != action.due_date:
            due += f" ({action.due_raw})"
        status = action.status or "-"
        if action.status_raw:
            status += f" ({action.status_raw})"
        lines.append(f"      lead: {action.lead or '-'} | due: {due} | status: {status}")
        lines.append(f"      section: {action.section or '-'}")
    return lines


# --- drawn -------------------------------------------------------------------------------


Word = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom in PDF points


def render_page(
    path: Path, page: int, *, resolution: int, password: str | None = None
) -> tuple[object, list[Word]]:
    """The page as a PIL image, and its words with their boxes (none on a scan).

    pdfplumber renders it (in the coordinates the readers used), or PDFium straight from the
    file when pdfplumber cannot find the page (a PDF read from PDFium's repair of a broken
    page index)."""
    import pdfplumber
    import pypdfium2

    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            if len(pdf.pages) >= page:
                found = pdf.pages[page - 1]
                words = [
                    (word["text"], word["x0"], word["top"], word["x1"], word["bottom"])
                    for word in found.extract_words()
                ]
                return found.to_image(resolution=resolution).original.convert("RGB"), words
    except Exception:  # damaged structure: PDFium's repair reads it below
        pass
    pdf = pypdfium2.PdfDocument(str(path), password=password)
    try:
        return pdf[page - 1].render(scale=resolution / 72).to_pil().convert("RGB"), []
    finally:
        pdf.close()


def draw_page(image, report: PageReport, words: list[Word] = ()):
    """``image`` (the rendered page) with the tables, roles, sections and actions drawn;
    ``words`` place the role labels of tables whose cells have no box of their own."""
    return _Drawing(image, report, list(words)).draw()


class _Drawing:
    def __init__(self, image, report: PageReport, words: list[Word]):
        from PIL import ImageDraw

        self.report, self.words = report, words
        self.image = image.convert("RGBA")
        self.overlay = _blank(self.image)
        self.shade = ImageDraw.Draw(self.overlay)  # translucent fills; also measures text
        page = report.page
        self.sx = self.image.width / (page.width or self.image.width)
        self.sy = self.image.height / (page.height or self.image.height)
        self.font = _font(max(10, round(self.sx * 7.5)))
        self.line = max(1, round(self.sx * 0.6))

    def draw(self):
        from PIL import Image, ImageDraw

        for table in self.report.tables:
            self._shade_headers(table)
        self.image = Image.alpha_composite(self.image, self.overlay)
        self.pen = ImageDraw.Draw(self.image)
        sections = {action.section for action in self.report.actions if action.section}
        for table in self.report.tables:
            self._table(table, sections)
        for number, action in enumerate(self.report.actions, start=1):
            self._action(number, action)
        self._legend()
        return self.image.convert("RGB")

    def box(self, bbox: BBox) -> tuple[int, int, int, int]:
        return (
            round(bbox[0] * self.sx),
            round(bbox[1] * self.sy),
            round(bbox[2] * self.sx),
            round(bbox[3] * self.sy),
        )

    def _shade_headers(self, table: TableReport) -> None:
        for row in table.table.rows[: table.reading.header_rows]:
            box = union_box([cell.bbox for cell in row if cell and cell.bbox])
            if box:  # shaded, and outlined in the same yellow where the header is dark
                self.shade.rectangle(self.box(box), fill=HEADER_SHADE)
                self.shade.rectangle(self.box(box), outline=HEADER_SHADE[:3], width=self.line * 2)

    def _table(self, table: TableReport, sections: set[str]) -> None:
        colour = METHOD_COLOURS.get(table.table.method, METHOD_COLOURS["markup"])
        for row in table.table.rows:
            for cell in row:
                if cell and cell.bbox:
                    self.pen.rectangle(self.box(cell.bbox), outline=colour, width=self.line)
        if not table.table.bbox:
            return
        left, top, right, bottom = self.box(table.table.bbox)
        for row in table.table.rows:  # row boundaries, across the whole table
            box = union_box([cell.bbox for cell in row if cell and cell.bbox])
            if box:
                y = self.box(box)[1]
                self.pen.line([(left, y), (right, y)], fill=colour, width=self.line * 2)
                if _is_section_row(row, sections):
                    self._tag("section", (right, y), SECTION_COLOUR, align="right")
        self.pen.rectangle((left, top, right, bottom), outline=colour, width=self.line * 3)
        rows, columns = table.shape
        what = "action table" if table.is_action_table else "not an action table"
        title = f"table {table.number}: {table.table.method}, {rows}x{columns}, {what}"
        self._tag(title, (right, bottom + 2), colour, align="right")
        y = top - self._text_height() - 2
        lefts = _column_lefts(table.table, self.words)
        if all(left is None for left in lefts):  # a scan's unruled table: one line of roles
            roles = " | ".join(column.role or "?" for column in table.columns)
            self._tag(f"columns: {roles}", (left, y), ROLE_COLOUR)
            return
        for column, x0 in zip(table.columns, lefts, strict=True):
            if x0 is not None:
                colour = ROLE_COLOUR if column.role else NO_ROLE_COLOUR
                self._tag(column.role or "?", (round(x0 * self.sx), y), colour)

    def _action(self, number: int, action: ExtractedAction) -> None:
        if not action.bbox:
            return
        left, top, right, bottom = self.box(action.bbox)
        width = max(2, self.line * 2)
        # Drawn inward from the box's edge, so the whole outline lies inside the action's box.
        self.pen.rectangle((left, top, right, bottom), outline=ACTION_COLOUR, width=width)
        label = f"{number}"
        text_width = self._text_width(label) + 6
        x = left - text_width - 2 if left - text_width - 2 >= 0 else left + width + 1
        self._tag(label, (x, top + 1), ACTION_COLOUR, filled=True)

    def _legend(self) -> None:
        from PIL import ImageDraw

        methods = {table.table.method for table in self.report.tables} | {"ruled", "aligned"}
        entries = [
            (METHOD_COLOURS[method], f"{method} table", "outline")
            for method in ("ruled", "aligned", "markup")
            if method in methods
        ]
        entries += [
            (HEADER_SHADE, "header rows", "fill"),
            (ROLE_COLOUR, "column role", "solid"),
            (NO_ROLE_COLOUR, "? no role", "solid"),
            (SECTION_COLOUR, "section row", "solid"),
            (ACTION_COLOUR, "action (numbered as printed)", "outline"),
        ]
        height = self._text_height() + 4
        swatch = height - 4
        widths = [self._text_width(text) + swatch + 14 for _, text, _ in entries]
        block = (max(widths) + 4, height * len(entries) + 8)
        strip = (sum(widths) + 8, height + 8)
        x, y, columns = self._emptiest_place(block, strip)
        size = strip if columns else block
        legend = _blank(self.image)
        pen = ImageDraw.Draw(legend)
        pen.rectangle((x, y, x + size[0], y + size[1]), fill=(255, 255, 255, 225), outline="black")
        self.image.alpha_composite(legend)
        self.pen = ImageDraw.Draw(self.image)  # the composite is a new image
        left, top = x + 4, y + 4
        for (colour, text, style), width in zip(entries, widths, strict=True):
            square = (left, top + 2, left + swatch, top + 2 + swatch)
            if style == "outline":
                self.pen.rectangle(square, outline=colour, width=2)
            else:
                self.pen.rectangle(square, fill=colour[:3], outline=(0, 0, 0))
            self.pen.text((left + swatch + 5, top), text, fill=(0, 0, 0), font=self.font)
            if columns:
                left += width
            else:
                top += height

    def _emptiest_place(
        self, block: tuple[int, int], strip: tuple[int, int]
    ) -> tuple[int, int, bool]:
        """Where the legend covers least of the page's text and tables: a block in a
        corner or a one-line strip along the top or bottom edge. Returns x, y and whether
        it is the strip."""
        margin = 2
        boxes = [self.box(line.bbox) for line in self.report.page.lines if line.bbox]
        boxes += [self.box(t.table.bbox) for t in self.report.tables if t.table.bbox]
        boxes += [self.box(a.bbox) for a in self.report.actions if a.bbox]
        right, bottom = self.image.width - margin, self.image.height - margin
        places = [
            (right - block[0], margin, block, False),
            (right - block[0], bottom - block[1], block, False),
            (margin, bottom - block[1], block, False),
            (margin, margin, block, False),
        ]
        if strip[0] <= self.image.width - 2 * margin:
            places += [
                (right - strip[0], bottom - strip[1], strip, True),
                (right - strip[0], margin, strip, True),
            ]

        def covered(place) -> int:
            x, y, (width, height), _ = place
            return sum(
                max(0, min(x + width, b[2]) - max(x, b[0]))
                * max(0, min(y + height, b[3]) - max(y, b[1]))
                for b in boxes
            )

        x, y, _, is_strip = min(places, key=covered)
        return x, y, is_strip

    def _tag(
        self,
        text: str,
        at: tuple[int, int],
        colour,
        align: str = "left",
        filled: bool = False,
    ) -> None:
        """A small label on a white (or coloured) ground, kept on the image."""
        width, height = self._text_width(text) + 6, self._text_height() + 2
        x, y = at
        if align == "right":
            x -= width
        x = min(max(0, x), self.image.width - width)
        y = min(max(0, y), self.image.height - height)
        ground = colour if filled else (255, 255, 255)
        self.pen.rectangle((x, y, x + width, y + height), fill=ground, outline=colour)
        ink = (255, 255, 255) if filled else colour
        self.pen.text((x + 3, y + 1), text, fill=ink, font=self.font)

    def _text_width(self, text: str) -> int:
        left, _, right, _ = self.shade.textbbox((0, 0), text, font=self.font)
        return right - left

    def _text_height(self) -> int:
        _, top, _, bottom = self.shade.textbbox((0, 0), "Ag?", font=self.font)
        return bottom - top + 2


def _blank(image):
    from PIL import Image

    return Image.new("RGBA", image.size, (0, 0, 0, 0))


def _font(size: int):
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow before 10.1 has one bitmap size
        return ImageFont.load_default()


def _column_lefts(table: Table, words: list[Word]) -> list[float | None]:
    """Each column's left edge: from its cells' boxes where cells have boxes of their own
    (ruled and markup tables), else (an unruled table, whose cells carry their row's box)
    from where the first word of a cell sits on the page, column by column left to right."""
    columns = max((len(row) for row in table.rows), default=0)
    lefts: list[float | None] = [None] * columns
    for row in table.rows:
        boxes = [cell.bbox for cell in row if cell and cell.bbox]
        if len(set(boxes)) < 2:
            continue  # one box, or every cell has the row's: it says nothing about columns
        for index, cell in enumerate(row):
            if cell and cell.bbox:
                current = lefts[index]
                lefts[index] = cell.bbox[0] if current is None else min(current, cell.bbox[0])
    if any(left is not None for left in lefts) or not words:
        return lefts
    for row in table.rows:
        box = union_box([cell.bbox for cell in row if cell and cell.bbox])
        if not box:
            continue
        in_row = sorted(
            (word for word in words if box[1] - 1 <= (word[2] + word[4]) / 2 <= box[3] + 1),
            key=lambda word: word[1],
        )
        after = box[0] - 1
        for index, cell in enumerate(row):
            first = cell.text.split()[0] if cell and cell.text.split() else None
            if first is None:
                continue
            word = next((w for w in in_row if w[0] == first and w[1] >= after), None)
            if word is None:
                break  # out of step: the next row may do better
            after = word[3]
            if lefts[index] is None:
                lefts[index] = word[1]
        if all(left is not None for left in lefts):
            break
    return lefts


def _is_section_row(row, sections: set[str]) -> bool:
    """A row spanning the table with one text (how the extractor takes a section row), or a
    row whose text is the section of an action on the page."""
    filled = [cell for cell in row if cell and cell.text.strip()]
    if not filled:
        return False
    spanning = len(filled) == 1 and row[0] is filled[0] and all(cell is None for cell in row[1:])
    return spanning or squash(" ".join(cell.text for cell in filled)) in sections
