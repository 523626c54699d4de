"""The spaCy pipeline for the text-level parts of extraction: a blank English pipeline
with rules only (no model to download), its phrases kept as data in
``patterns/phrases.jsonl``.

Components: a tokenizer that also splits on "/" (leads are written "SW/PA/ FPs/ TMs"),
the sentencizer (updates are split into sentences), and a span ruler marking due-date
cues ("by", "w/b", "deadline"), cues that a date reports something already done
("issued", "commenced") and status phrases that open an update ("Complete", "Not yet
due"). spaCy is imported on first use only: it is the slowest import plandrift has.
"""

from __future__ import annotations

from functools import cache

from .patterns import load_phrases

SPANS_KEY = "phrases"


@cache
def pipeline():
    """The shared pipeline (built once per process)."""
    import spacy
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, r"/"]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, r"/"]).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*nlp.Defaults.infixes, r"(?<=[A-Za-z])/(?=[A-Za-z])", r"(?<=\d)%(?=-\d)", r"(?<=%)-(?=\d)"]
    ).finditer
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe(
        "span_ruler", config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER"}
    )
    ruler.add_patterns(list(load_phrases()))
    return nlp


def split_leads(lead: str) -> list[str]:
    """The people or roles in a lead cell, as printed: "SW/PA/ FPs/ TMs" -> SW, PA, FPs, TMs.

    Separators are "/", ",", ";", "&", "+" and "and"; words between them stay together
    ("AD CSC", "Head of Service"), and a line break inside the cell is only wrapping.
    """
    separators = {"/", ",", ";", "&", "+", "and"}
    names: list[str] = []
    current = ""
    for token in pipeline().tokenizer(" ".join(lead.split())):
        if token.lower_ in separators:
            names.append(current.strip())
            current = ""
        else:
            current += token.text_with_ws
    names.append(current.strip())
    return [name for name in names if name and any(char.isalnum() for char in name)]
