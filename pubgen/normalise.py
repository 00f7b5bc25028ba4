"""Normalise stage: raw fields -> typed, decoded attributes of a Publication.

Only the fields a list shows are LaTeX-decoded (title, venue, names); identifiers (url,
doi, eprint) are taken verbatim. Abstracts, files and keywords are never decoded, which
is most of the text in a real Zotero export.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pubgen.dates import parse_date, parse_month, parse_year_field
from pubgen.latex import decode
from pubgen.model import Diagnostic, Publication, replace
from pubgen.names import parse_authors

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?"
_ARXIV_IN_TEXT = re.compile(rf"(?:arxiv[:.\s]*|abs/|arxiv\.org/(?:abs|pdf)/){_ARXIV_ID}", re.I)
# Compiled once: an f-string pattern given to re.search goes through re's cache per call.
_ARXIV_EPRINT = re.compile(_ARXIV_ID, re.IGNORECASE)
_ARXIV_PREFIX = re.compile(r"^arxiv:\s*", re.IGNORECASE)
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.{_ARXIV_ID}", re.IGNORECASE)
_ARXIV_FIELDS = ("journal", "journaltitle", "volume", "number", "note", "howpublished", "url")
_HTTP = re.compile(r"https?://", re.IGNORECASE)
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "eventtitle")
# Exactly the characters str.isalnum() rejects (tests/test_overrides.py checks every code
# point): one regex pass instead of a Python-level test per character of every title.
_NOT_ALNUM = re.compile(r"[\W_]+")


def title_key(title: str) -> str:
    """A decoded title reduced to its letters and digits: one work under any capitalisation."""
    return _NOT_ALNUM.sub("", title.casefold())


def _year_month(pub: Publication) -> tuple[int | None, int | None, str]:
    """(year, month, problem) from ``year``/``month``, else from biblatex ``date``."""
    fields = pub.fields
    year_field = fields.get("year", "").strip()
    date_field = fields.get("date", "").strip()
    date = parse_date(fields["date"]) if date_field else None
    month_field = fields.get("month", "").strip()
    month = parse_month(month_field) if month_field else None
    if year_field:
        year = parse_year_field(year_field)
        if year is None:
            return None, None, f"year is not a year: {year_field!r}"
        if month is None and date is not None and date[0] == year:
            month = date[1]
        return year, month, ""
    if date_field:
        if date is None:
            return None, None, f"date is not a date: {date_field!r}"
        return date[0], date[1] or month, ""
    return None, None, ""


def _doi(value: str) -> str:
    value = _DOI_PREFIX.sub("", value.strip())
    return value if _DOI.fullmatch(value) else ""


def arxiv_id(pub: Publication) -> str:
    """The bare arXiv id ("2401.17644") of an entry, from whichever field holds it."""
    fields = pub.fields
    eprint = fields.get("eprint", "").strip()
    if eprint:
        archive = (fields.get("archiveprefix") or fields.get("eprinttype", "")).strip().casefold()
        found = _ARXIV_EPRINT.fullmatch(_ARXIV_PREFIX.sub("", eprint))
        # An eprint without archiveprefix is arXiv only if it looks like a new-style id.
        if found and (archive == "arxiv" or (not archive and "." in found.group(1))):
            return found.group(1)
    for name in _ARXIV_FIELDS:
        value = fields.get(name)
        found = _ARXIV_IN_TEXT.search(value) if value else None
        if found:
            return found.group(1)
    found = _ARXIV_DOI.search(fields.get("doi", ""))
    return found.group(1) if found else ""


def normalise(
    pub: Publication, name_markers: Mapping[str, str] | None = None
) -> tuple[Publication, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def report(message: str, severity: str = "error") -> None:
        diagnostics.append(Diagnostic(pub.location, message, pub.key, severity))

    # The fields read directly, not through pub.get: ~15 lookups an entry.
    fields = pub.fields
    unknown: list[str] = []
    title = decode(fields.get("title", ""))
    unknown.extend(title.unknown)
    venue_raw = next((value for name in _VENUE_FIELDS if (value := fields.get(name))), "")
    venue = decode(venue_raw)
    unknown.extend(venue.unknown)
    names = fields.get("author") or fields.get("editor", "")
    authors, commands = parse_authors(names, name_markers)
    unknown.extend(commands)
    for command in dict.fromkeys(unknown):
        report(f"unknown LaTeX command {command} kept as text", "warning")

    year, month, problem = _year_month(pub)
    if problem:
        report(problem)
    elif year is None:
        report("no year: listed as undated", "warning")
    if not title.text:
        report("no title", "warning")

    doi_field = fields.get("doi", "")
    doi = _doi(doi_field)
    if doi_field and not doi:
        report(f"doi is not a DOI (10.NNNN/...): {doi_field.strip()!r}", "warning")
    url = fields.get("url", "").strip()
    if url and not _HTTP.match(url):
        report(f"url is not an http(s) link, not shown: {url!r}", "warning")
        url = ""
    return (
        replace(
            pub,
            title=title.text,
            title_key=title_key(title.text),
            authors=authors,
            year=year,
            month=month,
            venue_name=venue.text,
            doi=doi,
            arxiv=arxiv_id(pub),
            url=url,
        ),
        diagnostics,
    )
