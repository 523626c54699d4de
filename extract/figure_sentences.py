"""Figures stated in a sentence: each number marked by the span ruler's patterns
(``patterns/phrases.jsonl``) as a percentage, a rate per 10,000, an FTE, a counted noun ("12
families"), "N of M" ("5 of 9 posts"), or a number after a linking word or a label ("this
was 34", "Complete: 12"), with what it measures, its period and its series.

- Not figures: numbers in dates, age bands, durations and distances ("within 45 working
  days", "20 miles"), references ("Section 47", "action 3.2"), years and year spans,
  telephone numbers and the whole of "N of M" (the NOT_FIGURE spans and the lists in
  ``patterns/indicators.json``).
- The name: what follows "N% of", the counted thing and what is said of it ("12 actions are
  complete" -> actions complete), a label before a colon, or the words before the figure in
  its clause less the linking words ("The average caseload in the assessment teams was 21"
  -> average caseload in the assessment teams). A figure given for England or statistical
  neighbours is a comparator.
- The period: a month or date the sentence names beside the figure ("in May" is the last
  May on or before the document's date), else the document's month.
- The series: "target" where the words before the figure set one ("target 90%", "no more
  than 18", "below 20%"), else "actual".
"""

from __future__ import annotations

import re
from functools import cache

from ..wording import STOP_WORDS, full_year
from .dates import MONTH_NAMES, MONTHS, find_dates
from .indicator_record import ExtractedIndicator, number_value
from .nlp import SPANS_KEY, pipeline
from .patterns import load_patterns, load_phrases

NUMBER = re.compile(r"(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")
AGE_BAND = re.compile(r"\b(1\d|2[0-5])\s*[-–]\s*(1\d|2[0-5])\b")
_MONTH_IN_TEXT = re.compile(
    rf"\b(?P<month>{MONTH_NAMES})\b\.?(?:\s+'?(?P<year>\d{{4}}|\d{{2}})\b(?![/:]))?", re.I
)
# What may stand between a figure and its month without being another figure: a bracket
# ("46% (215/468) of ..."), "per 10,000", a duration or distance ("within 72 hours").
_NOT_BETWEEN = re.compile(
    r"\([^)]*\)|per 10,?000|\b\d+(?:\.\d+)?\s+(?:working\s+|calendar\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?|miles?)\b",
    re.I,
)
_MONTH_RANGE = re.compile(rf"\b(?:{MONTH_NAMES})\b\.?\s+(?:to|-|–|and)\s+(?:{MONTH_NAMES})\b", re.I)
# A bullet or an item's number ("1.", "(2)", "4.1 More children ..."), not a figure that
# opens a sentence ("12 actions are complete", "20.7 children").
_MARKER = re.compile(
    r"^\s*(?:[•·▪◼●○◦‣\-–*]|\(cid:\d+\)|\(?\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+(?=\s+[A-Z]))\s+"
)

# The most specific reading of each number first: "85%" over "averaging 85".
_PRIORITY = {
    "FIGURE_PCT": 0,
    "FIGURE_RATE": 0,
    "FIGURE_FTE": 0,
    "FIGURE_OF": 1,
    "FIGURE_COUNT": 1,
    "FIGURE_NOUN": 2,
    "FIGURE_BRACKET": 3,
    "FIGURE_LINKED": 4,
}
_UNIT_OF = {"FIGURE_PCT": "%", "FIGURE_RATE": "per_10000", "FIGURE_FTE": "fte"}
_COUNTED = ("FIGURE_COUNT", "FIGURE_OF", "FIGURE_NOUN")


@cache
def _rules() -> dict:
    """The vocabulary of figures in sentences (patterns/indicators.json), compiled once."""
    patterns = load_patterns("indicators")
    names = patterns["prose_names"]
    return {
        "leading_words": re.compile(names["leading_words"], re.I),
        "vague_names": frozenset(names["vague_names"]),
        "comparator": re.compile(names["comparator"], re.I),
        "band_words": re.compile(names["band_words"], re.I),
        "clause_breaks": frozenset(names["clause_breaks"]),
        "name_ends": frozenset(names["name_ends"]),
        "when_words": frozenset(names["when_words"]),
        "subject_links": frozenset(names["subject_links"]),
        "auxiliaries": frozenset(names["auxiliaries"]),
        "opening_time": re.compile(names["opening_time"], re.I),
        "time_words": frozenset(patterns["time_words"]),
        "reference_words": frozenset(patterns["reference_words"]),
        "target_cue": re.compile(patterns["target_cue"], re.I),
    }


def sentence_figures(
    text: str,
    page: int,
    doc_date: str | None,
    *,
    counts_any_noun: bool = False,
    undated: str | None = None,
) -> list[ExtractedIndicator]:
    """Every figure in *text* (one paragraph or cell). With *counts_any_noun*, a number
    before any noun counts it ("3 mentors"), as in an action plan's measure and progress
    cells; elsewhere only the nouns the patterns list are counted. A figure whose sentence
    names no month or date is given the period *undated* (the document's month, where the
    document speaks for its date)."""
    text = _MARKER.sub("", text)
    doc = pipeline()(text)
    labels = set(_PRIORITY) - (set() if counts_any_noun else {"FIGURE_NOUN"})
    blocked = {
        token.i
        for span in doc.spans[SPANS_KEY]
        if span.label_ == "NOT_FIGURE"
        for token in span
        if token.like_num
    }
    found: list[ExtractedIndicator] = []
    for sentence in doc.sents:
        found += _figures_in(doc, sentence, page, doc_date, labels, blocked, undated)
    return found


def _figures_in(
    doc,
    sentence,
    page: int,
    doc_date: str | None,
    labels: set[str],
    blocked: set[int],
    undated: str | None,
) -> list[ExtractedIndicator]:
    dates = [(date.start, date.end) for date in find_dates(sentence.text)]
    bands = [match.span() for match in AGE_BAND.finditer(sentence.text)]
    band = AGE_BAND.search(sentence.text)
    spans = [
        span for span in doc.spans[SPANS_KEY] if span.label_ in labels and span.sent == sentence
    ]
    spans.sort(key=lambda span: (_number_token(span).i, _PRIORITY[span.label_]))
    taken = set(blocked)
    taken |= {span[2].i for span in spans if span.label_ == "FIGURE_RATE"}  # the 10,000
    units = {_number_token(span).i: _UNIT_OF.get(span.label_, "count") for span in reversed(spans)}
    rules = _rules()
    found: list[ExtractedIndicator] = []
    previous_name = None
    for span in spans:
        number = _number_token(span)
        if number.i in taken or not NUMBER.fullmatch(number.text):
            continue
        taken.add(number.i)
        if span.label_ == "FIGURE_OF":
            taken.add(span[-1].i)  # the whole of "N of M" is no figure of its own
        start = number.idx - sentence.start_char
        end = (span[-1] if span.label_ == "FIGURE_OF" else number).idx - sentence.start_char
        end += len(span[-1].text if span.label_ == "FIGURE_OF" else number.text)
        value = number_value(number.text)
        following = doc[number.i + 1].lower_ if number.i + 1 < len(doc) else ""
        preceding = doc[number.i - 1].lower_ if number.i > 0 else ""
        if (
            any(a <= start < b for a, b in dates + bands)
            or following in rules["time_words"]
            or following == "-"
            or preceding == "per"
            or preceding in rules["reference_words"]  # "Section 47", "Tier 3"
            or (preceding == ":" and doc[max(number.i - 2, 0)].lower_ in rules["reference_words"])
            or _is_year(value)
        ):
            continue
        unit = units[number.i]
        if span.label_ == "FIGURE_LINKED" and span[0].lower_ == "from":
            unit = units.get(span[3].i, unit)  # "from 483 to 464 per 10,000"
        cue = _target_cue(doc, sentence, number)
        name, series = _figure_name(doc, span, number, sentence, cue)
        if cue is not None and series == "actual":
            series = "target"
        if series in ("actual", "target") and (
            not name or name.lower() in rules["vague_names"] or span.label_ == "FIGURE_BRACKET"
        ):
            name = previous_name or _first_clause(doc, sentence) or name
        if not name:
            continue
        if series == "actual":
            previous_name = name
        found.append(
            ExtractedIndicator(
                page=page,
                name=name,
                value=value,
                unit=unit,
                value_raw=span.text if span.label_ in _UNIT_OF else number.text,
                period=_sentence_period(sentence.text, start, end, doc_date, undated),
                series=series,
                breakdown=f"{band.group(1)}-{band.group(2)}" if band else None,
                context=sentence.text.strip(),
                source="prose",
            )
        )
    return found


def _number_token(span):
    return span[1] if span.label_ in ("FIGURE_LINKED", "FIGURE_BRACKET") else span[0]


def _target_cue(doc, sentence, number) -> int | None:
    """Where the words that make the figure a target begin ("target of", "no more than",
    "below"), when they stand right before it; None when they do not."""
    before = doc[sentence.start : number.i].text_with_ws if number.i > sentence.start else ""
    match = _rules()["target_cue"].search(before)
    if not match:
        return None
    offset = doc[sentence.start].idx + match.start()
    return next(
        (token.i for token in doc[sentence.start : number.i] if token.idx >= offset), number.i
    )


def _figure_name(doc, span, number, sentence, cue: int | None) -> tuple[str | None, str]:
    """What the figure measures, and its series (see the module's docstring)."""
    rules = _rules()
    end = cue if cue is not None else number.i  # the words before the figure stop at a cue
    if span.label_ in _COUNTED:
        subject = _linked_subject(doc, sentence, end, cue is not None)
        if subject:
            return subject, "actual"
        label = _label_before(doc, sentence, number)
        counted = span[-1].i + 1 if span.label_ == "FIGURE_OF" else number.i + 1
        noun = _words_after(doc, counted, sentence.end, keep_links=False)
        if span.label_ == "FIGURE_COUNT" and not noun:
            noun = " ".join(token.text for token in span[1:])
        if label:
            return _clean_name(f"{label} {noun}".strip()), "actual"
        if noun:
            return _clean_name(noun), "actual"
    after = list(doc[span.end : sentence.end][:12])
    if span.label_ == "FIGURE_FTE" or (span.label_ == "FIGURE_PCT" and after):
        start = span.end
        if after and after[0].text == "(":  # "96% (700/727) of relevant cases"
            close = next((t.i for t in after if t.text == ")"), None)
            start = close + 1 if close is not None else start
        if start < sentence.end and (
            doc[start].lower_ == "of" or (doc[start].text.isupper() and doc[start].is_alpha)
        ):
            first = start + 1 if doc[start].lower_ == "of" else start
            words = _words_after(doc, first, sentence.end, keep_links=False)
            if words:
                return _clean_name(words), "actual"
        elif span.label_ == "FIGURE_FTE":
            words = _words_after(doc, span.end, sentence.end, keep_links=False)
            if words:
                return _clean_name(words), "actual"
    label = _label_before(doc, sentence, number) if cue is None else None
    if label and _clean_name(label):  # "Audit grades: 70%", "Rate of referrals: 412 per 10,000"
        return _clean_name(label), "actual"
    words = _words_before(doc, sentence, end)
    text = " ".join(token.text for token in words[-12:]).replace(" - ", "-")
    comparator = rules["comparator"].search(text)
    if comparator:
        return None, "england_average" if comparator.group("england") else "statistical_neighbours"
    return _clean_name(text), "actual"


def _words_before(doc, sentence, end: int) -> list:
    """The words of the clause that ends at token *end*, less the linking words it ends
    with."""
    rules = _rules()
    words = []
    for token in reversed(doc[sentence.start : end]):
        next_text = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        joined = token.like_num and (
            next_text == "-" or next_text in rules["time_words"]
        )  # "within 12 months"
        in_band = token.like_num and AGE_BAND.search(doc[max(token.i - 2, 0) : token.i + 3].text)
        if (token.is_punct and token.text not in ("-", "/", "'", "’")) or (
            token.like_num and not joined and not in_band
        ):
            break
        if token.lower_ in rules["clause_breaks"]:
            break
        words.insert(0, token)
    while words and _is_link(doc, words[-1]):
        words.pop()
    return words


def _linked_subject(doc, sentence, end: int, cued: bool) -> str | None:
    """The subject of "X was 21 children", "Caseloads averaged 21", "Average caseload no
    more than 18 children": the words before a linking word or a target's cue that stands
    right before the figure."""
    if end <= sentence.start or not (cued or doc[end - 1].lower_ in _rules()["subject_links"]):
        return None
    name = _clean_name(" ".join(token.text for token in _words_before(doc, sentence, end)))
    if not name or name.lower() in _rules()["vague_names"]:
        return None
    return name


def _label_before(doc, sentence, number) -> str | None:
    """The label of "Complete: 12" or "Green – 9 actions": the words before a colon or
    dash that stands right before the figure."""
    mark = doc[number.i - 1].text if number.i > sentence.start else ""
    if mark not in (":", "–", "-", "—", "):"):  # spaCy keeps "):" as one token
        return None
    words = [")"] if mark == "):" else []
    for token in reversed(doc[sentence.start : number.i - 1]):
        if token.like_num or (token.is_punct and token.text not in "()-–'’/"):
            break
        words.insert(0, token.text)
    return " ".join(words).replace("( ", "(").replace(" )", ")") or None


def _words_after(doc, start: int, end: int, *, keep_links: bool) -> str:
    """The words from *start* to the end of the clause: what is counted and what is said of
    it ("families were supported by the team in May" -> families supported by the team),
    less the linking words, a month and what follows it."""
    rules = _rules()
    words: list[str] = []
    said = None  # where what is said of the counted thing begins (after "are", "were")
    for token in doc[start:end]:
        month = _MONTH_IN_TEXT.fullmatch(token.text) and token.text[:1].isupper()
        following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if token.like_num and following in rules["time_words"]:  # "within 72 hours"
            words.append(token.text)
            continue
        if month and not words:  # "24% of December referrals": the month qualifies them
            continue
        if token.text in ("-", "/", "'", "’") and words and not doc[token.i - 1].whitespace_:
            words.append(token.text)  # inside a word: "re-referrals", "children's"
            continue
        if month or token.like_num:  # a time phrase ends the name: "at the end of May"
            while words and words[-1].lower() in rules["when_words"]:
                words.pop()
        if (
            month
            or token.is_punct
            or token.like_num
            or token.lower_ in rules["clause_breaks"]
            or token.lower_ in rules["name_ends"]
        ):
            break
        if not keep_links and token.lower_ in rules["auxiliaries"]:
            said = len(words) if said is None else said
            continue
        words.append(token.text)
    if said is not None and len(words) - said > _SAID_WORDS:
        words = words[:said]  # a long clause after the verb says more than what is counted
    while words and (words[-1].lower() in STOP_WORDS or _is_link_word(words[-1])):
        words.pop()
    return re.sub(r" ?([-/'’]) ?", r"\1", " ".join(words[:12]))


_SAID_WORDS = 8  # at most this many words after "are"/"were" belong to a counted name


def _first_clause(doc, sentence) -> str | None:
    """The sentence's opening words up to its first comma, as a subject for its figures
    ("The timeliness of single assessments improved again, with 93% ...")."""
    words = []
    for token in doc[sentence.start : sentence.end]:
        if token.is_punct or token.like_num or token.lower_ in _rules()["clause_breaks"]:
            break
        words.append(token)
    while words and _is_link(doc, words[-1]):
        words.pop()
    return _clean_name(" ".join(token.text for token in words))


def _clean_name(text: str) -> str | None:
    rules = _rules()
    text = rules["band_words"].sub("", text)
    text = _MONTH_IN_TEXT.sub("", text)
    text = rules["leading_words"].sub("", " ".join(text.split()))
    text = re.sub(
        r"^(?:(?:the|our|a|an|in|for|on|of)\s+)+|(?:\s+(?:in|of|for|at|on|the|is|was|has|have))+$",
        "",
        text,
        flags=re.I,
    )
    if not re.search(r"[A-Za-z]{2}", text) or text.lower() in STOP_WORDS:
        return None
    return text


@cache
def _link_words() -> frozenset[str]:
    """The one-word LINK phrases (patterns/phrases.jsonl)."""
    return frozenset(
        word
        for rule in load_phrases()
        if rule["label"] == "LINK" and len(rule["pattern"]) == 1
        for word in rule["pattern"][0]["LOWER"]["IN"]
    )


def _is_link_word(word: str) -> bool:
    """A linking word on its own ("than", "been"), outside any sentence."""
    return word.lower() in _link_words()


def _is_link(doc, token) -> bool:
    return (
        any(
            span.label_ == "LINK" and span.start <= token.i < span.end
            for span in doc.spans[SPANS_KEY]
        )
        or token.lower_ in STOP_WORDS
    )


def _sentence_period(
    sentence: str, start: int, end: int, doc_date: str | None, undated: str | None
) -> str | None:
    """The month a figure is given for: the first month or date named after it in its
    clause ("46 in March 19"), else the nearest before it in its clause ("in June 2023 was
    23", "Dip sample on 12/03/2024 found 78%"), else one that the sentence opens with ("At the
    end of January, 87% of ..."), else *undated*."""
    named = _named_months(sentence, doc_date)

    def apart(between: str) -> bool:  # another clause or another figure in between
        return bool(re.search(r"[,;](?!\d)|\d", _NOT_BETWEEN.sub("", between)))

    after = [m for m in named if m[0] >= end and not apart(sentence[end : m[0]])]
    before = [m for m in named if m[1] <= start and not apart(sentence[m[1] : start])]
    opening_time = _rules()["opening_time"]
    opening = [m for m in named if m[1] <= start and opening_time.match(sentence[: m[0]])]
    match = (after[:1] or before[-1:] or opening[:1] or [None])[0]
    return undated if match is None else match[2]


def _named_months(sentence: str, doc_date: str | None) -> list[tuple[int, int, str | None]]:
    """(start, end, YYYY-MM) of each date and month the sentence names, in order; a
    month without its year is the last such month on or before the document's date, and
    a span of months ("April to June") is no one month (None)."""
    found = [
        (date.start, date.end, date.iso[:7])
        for date in find_dates(sentence)
        if not _MONTH_RANGE.search(sentence[max(0, date.start - 12) : date.end + 14])
    ]
    for match in _MONTH_IN_TEXT.finditer(sentence):
        if any(a <= match.start() < b for a, b, _ in found) or match.group("month") == "may":
            continue  # inside a date; "may" the verb
        if _MONTH_RANGE.search(sentence[max(0, match.start() - 12) : match.end() + 14]):
            found.append((match.start(), match.end(), None))
            continue
        month = MONTHS[match.group("month").lower()]
        year = match.group("year")
        if year:
            number = full_year(year)
        elif doc_date and len(doc_date) >= 7:
            number = int(doc_date[:4]) - (1 if month > int(doc_date[5:7]) else 0)
        else:
            found.append((match.start(), match.end(), None))
            continue
        found.append((match.start(), match.end(), f"{number:04d}-{month:02d}"))
    return sorted(found)


def _is_year(value: float) -> bool:
    return isinstance(value, int) and 1900 <= value <= 2100
