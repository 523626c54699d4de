"""Name the English children's-services authority a document is about.

The authorities, their spellings and the trusts that act for them are reference data in
``patterns/authorities.json``; how much each mention counts is in
``patterns/organisations.json``. Every spelling is one key in a dictionary of token
sequences, so a document is read once, left to right, taking the longest name at each word
("North Northamptonshire" before "Northamptonshire"), however many authorities there are.

Reports name other authorities too (statistical neighbours, partners in practice), so a
mention counts by where it stands (title, letterhead, headings far above body text) and by
how surely it names a council (a full council name above a bare place; "York" or "Hull"
alone hardly at all unless a council word stands beside it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ..ingest.model import Line, ReadDocument
from .patterns import load_patterns

_TOKEN = re.compile(r"[^\W_]+(?:['’‘ʼ][^\W_]+)*|&")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_SAME_LINE_GAP = re.compile(r"[ \t-]*")  # words in one name: spaces or a hyphen between


@dataclass(frozen=True, slots=True)
class Authority:
    """One local authority with children's-services responsibility (or one abolished)."""

    name: str  # canonical: the council's official name
    place: str
    kind: str  # county | unitary | metropolitan | london | other
    code: str | None = None  # ONS/GSS code
    spellings: tuple[str, ...] = ()  # every other form it resolves from
    ambiguous: tuple[str, ...] = ()  # bare places that count only with support
    abolished: str | None = None  # the year it went
    succeeded_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrganisationMatch:
    """The authority a document is about, and the evidence a person can check."""

    authority: Authority
    printed: str  # the spelling as the document prints it
    basis: str  # where the deciding mention stood: title, letterhead, inspection of, ...


@dataclass(frozen=True, slots=True)
class _Form:
    """One way of printing a name, and what it names (a trust may act for several)."""

    targets: tuple[Authority, ...]
    kind: str  # full | place | trust
    ambiguous: bool = False
    capitals: tuple[bool, ...] = ()  # per word: an abbreviation that must stay in capitals


@dataclass(frozen=True, slots=True)
class _Token:
    norm: str
    text: str
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class _Mention:
    form: _Form
    start: int
    end: int
    printed: str
    zone: str
    basis: str  # the zone, or "inspection of" after an inspection phrase
    supported: bool  # a bare place with a council word beside it, or alone on a line


@dataclass
class _Tally:
    prominent: float = 0.0
    plain: float = 0.0
    count: int = 0
    best: tuple[float, str, str] | None = None  # weight, printed, basis

    def add(self, weight: float, prominent: bool, printed: str, basis: str) -> None:
        if prominent:
            self.prominent += weight
        else:
            self.plain += weight
        self.count += 1
        if self.best is None or weight > self.best[0]:
            self.best = (weight, printed, basis)


@dataclass(frozen=True, slots=True)
class _Block:
    """Lines read as one run of words (a page, or the embedded title), each with its zone."""

    text: str
    zones: list[str]
    line_starts: list[int]


@cache
def _rules() -> dict:
    return load_patterns("organisations")


@lru_cache(maxsize=65536)
def _normalise(word: str) -> str:
    """One word as the dictionary holds it: no case, no apostrophe or possessive."""
    word = word.casefold().translate(_APOSTROPHES)
    word = word.removesuffix("'s").replace("'", "")
    return _rules()["token_aliases"].get(word, word)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_normalise(match.group()) for match in _TOKEN.finditer(text))


@cache
def authorities() -> tuple[Authority, ...]:
    """Every authority in ``patterns/authorities.json``, current and abolished."""
    entries = load_patterns("authorities")["authorities"]
    current_places = {entry["place"] for entry in entries if "abolished" not in entry}
    found = []
    for entry in entries:
        spellings = list(entry.get("spellings", {}))
        if "abolished" not in entry:
            spellings += [entry["place"], f"{entry['place']} Council"]
        elif entry["place"] not in current_places:
            spellings.append(entry["place"])
        found.append(
            Authority(
                name=entry["name"],
                place=entry["place"],
                kind=entry["kind"],
                code=entry.get("code"),
                spellings=tuple(dict.fromkeys(s for s in spellings if s != entry["name"])),
                ambiguous=tuple(entry.get("ambiguous", ())),
                abolished=entry.get("abolished"),
                succeeded_by=tuple(entry.get("succeeded_by", ())),
            )
        )
    return tuple(found)


@cache
def _lexicon() -> tuple[dict[tuple[str, ...], _Form], dict[str, tuple[int, ...]]]:
    """Every spelling as a token sequence, and the lengths to try after each first word."""
    data = load_patterns("authorities")
    by_name = {authority.name: authority for authority in authorities()}
    lexicon: dict[tuple[str, ...], _Form] = {}

    def add(spelling: str, form: _Form) -> None:
        key = _words(spelling)
        capitals = tuple(word.isupper() and len(word) > 1 for word in _TOKEN.findall(spelling))
        known = lexicon.setdefault(key, _Form(form.targets, form.kind, form.ambiguous, capitals))
        if known.targets != form.targets:
            raise ValueError(f"{spelling!r} names both {known.targets} and {form.targets}")

    for entry, authority in zip(data["authorities"], authorities(), strict=True):
        reasons = entry.get("spellings", {})
        add(authority.name, _Form((authority,), "full"))
        for spelling in authority.spellings:
            is_place = spelling == authority.place or reasons.get(spelling) == "short"
            ambiguous = spelling in authority.ambiguous
            add(spelling, _Form((authority,), "place" if is_place else "full", ambiguous))
    for trust in data["trusts"]:
        targets = tuple(by_name[name] for name in trust["acts_for"])
        for spelling in [trust["name"], *trust.get("spellings", {})]:
            add(spelling, _Form(targets, "trust"))
    lengths: dict[str, set[int]] = {}
    for key in lexicon:
        lengths.setdefault(key[0], set()).add(len(key))
    return lexicon, {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}


@cache
def _phrases(name: str) -> dict[int, frozenset[tuple[str, ...]]]:
    """The phrases of one rule, by length in words."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for phrase in _rules()[name]:
        words = _words(phrase)
        by_length.setdefault(len(words), set()).add(words)
    return {length: frozenset(found) for length, found in by_length.items()}


def resolve_organisation(document: ReadDocument) -> OrganisationMatch | None:
    """The authority ``document`` is about, or None when it names none clearly enough, or
    when its letterhead is another body's (a parish, town or district council)."""
    rules = _rules()
    tallies: dict[Authority, _Tally] = {}
    shared: list[tuple[_Mention, float, bool, str]] = []  # trusts acting for several
    top_named = outside = False
    for block in _blocks(document):
        mentions = list(_mentions(block))
        for mention in mentions:
            weight = rules["zones"][mention.zone] * _form_weight(mention.form, mention.supported)
            prominent = mention.zone in rules["prominent_zones"]
            basis = "most named" if not prominent else mention.basis
            top_named |= mention.zone in ("title", "letterhead")
            if len(mention.form.targets) > 1:
                shared.append((mention, weight, prominent, basis))
                continue
            tally = tallies.setdefault(mention.form.targets[0], _Tally())
            tally.add(weight, prominent, mention.printed, basis)
        outside |= _names_another_issuer(block, mentions)
    if outside and not top_named:
        return None
    for mention, weight, prominent, basis in shared:
        for target in mention.form.targets:
            if target in tallies:  # supports a council already named; never names one alone
                tallies[target].add(weight, prominent, mention.printed, basis)
    return _decide(tallies)


def _decide(tallies: dict[Authority, _Tally]) -> OrganisationMatch | None:
    """The clear leader by prominent score plus capped plain score, then by mentions."""
    rules = _rules()

    def key(tally: _Tally) -> tuple[float, int]:
        return round(tally.prominent + min(tally.plain, rules["plain_cap"]), 6), tally.count

    ranked = sorted(tallies.items(), key=lambda item: key(item[1]), reverse=True)
    if not ranked or key(ranked[0][1])[0] < rules["min_score"]:
        return None
    if len(ranked) > 1 and key(ranked[0][1]) == key(ranked[1][1]):
        return None
    authority, tally = ranked[0]
    assert tally.best is not None
    _, printed, basis = tally.best
    return OrganisationMatch(authority, printed, basis)


def _form_weight(form: _Form, supported: bool) -> float:
    weights = _rules()["forms"]
    if form.kind != "place":
        return weights[form.kind]
    if supported:
        return weights["supported place"]
    return weights["ambiguous place"] if form.ambiguous else weights["place"]


def _blocks(document: ReadDocument) -> Iterator[_Block]:
    """The embedded title, then each page, with every line's zone."""
    if document.embedded_title:
        yield _Block(document.embedded_title, ["embedded title"], [0])
    body_size = _body_size(document)
    for index, page in enumerate(document.pages):
        lines = [line for line in page.lines if line.text.strip()]
        zones = _zones(lines, body_size, first_page=index == 0)
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += len(line.text) + 1
        yield _Block("".join(f"{line.text}\n" for line in lines), zones, starts)


def _body_size(document: ReadDocument) -> float | None:
    """The font size that carries the most text on the first pages."""
    sizes: Counter[float] = Counter()
    for page in document.pages[:3]:
        for line in page.lines:
            if line.size:
                sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _zones(lines: list[Line], body_size: float | None, first_page: bool) -> list[str]:
    """Title (large type on page 1), letterhead, heading, and the plain rest (first page or
    body). The letterhead is what stands above the end of the title near the top of page 1;
    without large type, the first line and the short lines after it before any running
    text."""
    rules = _rules()
    large = [
        line.heading_level == 1
        or bool(line.size and body_size and line.size >= rules["title_size_ratio"] * body_size)
        for line in lines
    ]
    zones = [
        "heading" if big or line.heading_level is not None else "body"
        for line, big in zip(lines, large, strict=True)
    ]
    if not first_page:
        return zones
    zones = ["first page" if zone == "body" else zone for zone in zones]
    top = min(len(lines), rules["letterhead_lines"])
    if any(large[:top]):
        top = max(number for number in range(top) if large[number]) + 1
    else:
        top = next((n for n in range(1, top) if _running_text(lines[n].text)), top)
    for number in range(top):
        zones[number] = "title" if large[number] else "letterhead"
    for number in range(top, len(lines)):
        if large[number]:
            zones[number] = "title"
    return zones


def _running_text(text: str) -> bool:
    """A line of prose or a sentence, which ends a letterhead."""
    return len(text.split()) >= _rules()["running_text_words"] or text.rstrip()[-1:] in ".!?"


@dataclass(frozen=True, slots=True)
class _Run:
    """A block's words, with their normal forms and the text they were read from."""

    text: str
    tokens: list[_Token]
    norms: list[str]
    word_a_line: bool  # most lines hold one word: a rotated or one-column page

    @classmethod
    def of(cls, block: _Block) -> _Run:
        tokens, line = [], 0
        for match in _TOKEN.finditer(block.text):
            while (
                line + 1 < len(block.line_starts) and match.start() >= block.line_starts[line + 1]
            ):
                line += 1
            tokens.append(_Token(_normalise(match.group()), match.group(), *match.span(), line))
        per_line = Counter(token.line for token in tokens)
        word_a_line = sum(1 for count in per_line.values() if count == 1) * 2 > len(per_line)
        return cls(block.text, tokens, [token.norm for token in tokens], word_a_line)

    def line_initial(self, index: int) -> bool:
        return index == 0 or self.tokens[index - 1].line != self.tokens[index].line

    def line_final(self, index: int) -> bool:
        return (
            index + 1 == len(self.tokens) or self.tokens[index + 1].line != self.tokens[index].line
        )

    def phrase_before(self, index: int, name: str) -> bool:
        return any(
            index >= length and tuple(self.norms[index - length : index]) in phrases
            for length, phrases in _phrases(name).items()
        )

    def phrase_after(self, index: int, name: str) -> bool:
        return any(
            tuple(self.norms[index + 1 : index + 1 + length]) in phrases
            for length, phrases in _phrases(name).items()
        )

    def glued(self, inside: int, outside: int) -> _Token | None:
        """The capitalised word at ``outside`` when only a space or hyphen parts it from the
        name's word at ``inside``, or a line break on a page that runs one word a line (a
        rotated table: "New" above "Hampshire")."""
        if not 0 <= outside < len(self.tokens):
            return None
        left, right = sorted((inside, outside))
        gap = self.text[self.tokens[left].end : self.tokens[right].start]
        if self.tokens[left].line != self.tokens[right].line:
            if not (self.word_a_line and gap.strip(" \t") == "\n"):
                return None
        elif not _SAME_LINE_GAP.fullmatch(gap):
            return None
        return self.tokens[outside] if self.tokens[outside].text[:1].isupper() else None


def _mentions(block: _Block) -> Iterator[_Mention]:
    """Every name printed in ``block``, taking the longest at each word."""
    lexicon, lengths = _lexicon()
    run = _Run.of(block)
    index, name_end = 0, -2
    while index < len(run.tokens):
        for length in lengths.get(run.norms[index], ()):
            form = lexicon.get(tuple(run.norms[index : index + length]))
            if form is None or index + length > len(run.tokens):
                continue
            last = index + length - 1
            zone = block.zones[run.tokens[index].line]
            if _accepted(form, run, index, last, zone, follows_name=name_end == index - 1):
                start, end = run.tokens[index].start, run.tokens[last].end
                inspection = run.phrase_before(index, "inspection_before")
                yield _Mention(
                    form,
                    start,
                    end,
                    " ".join(block.text[start:end].split()),
                    zone,
                    "inspection of" if inspection else zone,
                    _supported(run, index, last, zone),
                )
            index = name_end = last
            break
        index += 1


def _accepted(form: _Form, run: _Run, first: int, last: int, zone: str, follows_name: bool) -> bool:
    """Printed as a name, not a word ("reading"), and not part of another name ("New York",
    "Kent Police"); a bare place may lead a title line ("Leeds Improvement Plan"), and may
    follow another name in a list or table column."""
    words = run.tokens[first : last + 1]
    if not words[0].text[:1].isupper():
        return False
    if any(
        caps and not word.text.isupper() for caps, word in zip(form.capitals, words, strict=True)
    ):
        return False
    if form.kind == "full":
        return True
    rules = _rules()
    before = None if follows_name else run.glued(first, first - 1)
    if before and _logo(run, first, zone) and words[0].text.isupper():
        return True
    if before and before.norm not in rules["joiners"] and before.norm not in rules["compass"]:
        return False
    after = run.glued(last, last + 1)
    if not after or after.norm in rules["joiners"]:
        return True
    if run.line_initial(first) and zone in ("title", "letterhead"):
        return True
    return run.phrase_after(last, "support_after")


def _logo(run: _Run, first: int, zone: str) -> bool:
    """A logo's words read in a line: the council's kind in small type, then the place in
    capitals ("City Council LEEDS"), at the top of the first page."""
    return zone in ("title", "letterhead") and run.phrase_before(first, "logo_before")


def _supported(run: _Run, first: int, last: int, zone: str) -> bool:
    """A council word beside the place, or the place alone on a title, letterhead or heading
    line, or leading a title before capitalised words ("Leeds Improvement Plan", not
    "Reading the plan")."""
    if run.phrase_before(first, "support_before") or run.phrase_after(last, "support_after"):
        return True
    if _logo(run, first, zone):
        return True
    if zone not in ("title", "letterhead", "heading") or not run.line_initial(first):
        return False
    if run.line_final(last):
        return True
    return zone != "heading" and run.tokens[last + 1].text[:1].isupper()


@cache
def _other_issuers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(regex) for regex in _rules()["other_issuers"])


def _names_another_issuer(block: _Block, mentions: list[_Mention]) -> bool:
    """A title or letterhead line names a council that is not a children's-services
    authority (a parish, town or district council): the document is that body's."""
    for number, zone in enumerate(block.zones):
        if zone not in ("title", "letterhead"):
            continue
        start = block.line_starts[number]
        end = block.line_starts[number + 1] if number + 1 < len(block.zones) else len(block.text)
        line = block.text[start:end]
        line = line.title() if line.isupper() else line
        for pattern in _other_issuers():
            for match in pattern.finditer(line):
                left, right = start + match.start(), start + match.end()
                if not any(m.start < right and left < m.end for m in mentions):
                    return True
    return False


def only_names_an_authority(text: str, other_words: frozenset[str]) -> bool:
    """A line made of an authority's name and otherwise only ``other_words`` (letterhead
    words such as "council", "children's services"): a banner, never a title."""
    lexicon, lengths = _lexicon()
    words = _words(text)
    named, index = False, 0
    while index < len(words):
        length = next(
            (n for n in lengths.get(words[index], ()) if words[index : index + n] in lexicon), 0
        )
        if length:
            named, index = True, index + length
        elif words[index] in other_words:
            index += 1
        else:
            return False
    return named
