"""The clean BibTeX of one entry, for a page's "BibTeX" block and the JSON data file.

A Zotero or Better BibTeX export carries fields a reader should never be handed: ``file``
(local paths), ``abstract`` (long, and copyrighted), ``urldate``, ``langid``, ``keywords``,
``groups``, ``timestamp``, ``annotation``... Only the bibliographic fields below are kept,
in this order, whatever the order in the .bib, so a re-export never changes the block.
"""

from __future__ import annotations

import re

from pubgen.dates import MONTH_MACROS
from pubgen.model import Publication

FIELD_ORDER = (
    "author",
    "editor",
    "title",
    "subtitle",
    "booktitle",
    "journal",
    "journaltitle",
    "series",
    "edition",
    "volume",
    "number",
    "issue",
    "chapter",
    "pages",
    "eid",
    "year",
    "month",
    "date",
    "publisher",
    "organization",
    "institution",
    "school",
    "address",
    "location",
    "howpublished",
    "type",
    "note",
    "doi",
    "eprint",
    "archiveprefix",
    "eprinttype",
    "primaryclass",
    "eprintclass",
    "isbn",
    "issn",
    "url",
)

_BRACES = re.compile("[{}]")


def _balanced(value: str) -> bool:
    if "}" not in value:  # most values: no brace to count
        return "{" not in value
    depth = 0
    for brace in _BRACES.findall(value):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _value(name: str, value: str, pub: Publication) -> str:
    if name == "month" and pub.month is not None:
        return MONTH_MACROS[pub.month - 1]  # the standard macro: jan, feb, ...
    if name == "year" and value.isdigit():
        return value
    return "{" + value + "}"


def clean_bibtex(pub: Publication, abstract: bool = False) -> str:
    """``@type{key, field = {value}, ...}`` with one field per line, or "" for no fields."""
    names = (*FIELD_ORDER, "abstract") if abstract else FIELD_ORDER
    lines = []
    for name in names:
        # The url only when it is a link normalise accepted (http or https).
        raw = pub.url if name == "url" else pub.fields.get(name)
        if not raw:
            continue
        # Whitespace means nothing to BibTeX; one line per field keeps the block tidy.
        value = " ".join(raw.split())
        # An unbalanced brace would end the entry early for every BibTeX reader.
        if value and _balanced(value):
            lines.append(f"  {name} = {_value(name, value, pub)}")
    body = ",\n".join(lines)
    return f"@{pub.entry_type}{{{pub.key},\n{body}\n}}" if lines else ""
