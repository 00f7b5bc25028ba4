"""Normalise stage: raw fields -> typed, decoded attributes of a Publication.

Only the fields a list shows are LaTeX-decoded (title, venue, names); identifiers (url,
doi, eprint) are taken verbatim. Abstracts, files and keywords are never decoded, which
is most of the text in a real Zotero export.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pubgen.latex import decode
from pubgen.model import Diagnostic, Publication
from pubgen.names import parse_authors

_MONTHS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
_YEAR = re.compile(r"\d{4}")
# biblatex/EDTF date: 2024, 2024-05, 2024-05-17, 2019?, 2019~, 2015-06-22/2015-06-26
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?"
_ARXIV_IN_TEXT = re.compile(rf"(?:arxiv[:.\s]*|abs/|arxiv\.org/(?:abs|pdf)/){_ARXIV_ID}", re.I)
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "eventtitle")


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3])


def _year_month(pub: Publication) -> tuple[int | None, int | None, str]:
    """(year, month, problem) from ``year``/``month`` or biblatex ``date``."""
    year_field = pub.get("year").strip()
    date_field = pub.get("date").strip()
    if year_field:
        if not _YEAR.fullmatch(year_field):
            return None, None, f"year is not a year: {year_field!r}"
        month_field = pub.get("month").strip()
        month = _month(month_field) if month_field else None
        if month is None and date_field:
            match = _DATE.match(date_field)
            month = int(match.group(2)) if match and match.group(2) else None
        return int(year_field), month, ""
    if date_field:
        match = _DATE.match(date_field)
        if not match:
            return None, None, f"date is not a date: {date_field!r}"
        month = int(match.group(2)) if match.group(2) else _month(pub.get("month") or "x")
        return int(match.group(1)), month if month and 1 <= month <= 12 else None, ""
    return None, None, ""


def _doi(value: str) -> str:
    value = _DOI_PREFIX.sub("", value.strip())
    return value if _DOI.fullmatch(value) else ""


def arxiv_id(pub: Publication) -> str:
    """The bare arXiv id ("2401.17644") of an entry, from whichever field holds it."""
    archive = (pub.get("archiveprefix") or pub.get("eprinttype")).strip().casefold()
    eprint = re.sub(r"^arxiv:\s*", "", pub.get("eprint").strip(), flags=re.IGNORECASE)
    found = re.fullmatch(_ARXIV_ID, eprint, re.IGNORECASE)
    # An eprint without archiveprefix is arXiv only if it looks like a new-style id.
    if found and (archive == "arxiv" or (not archive and "." in found.group(1))):
        return found.group(1)
    for name in ("journal", "journaltitle", "volume", "number", "note", "howpublished", "url"):
        found = _ARXIV_IN_TEXT.search(pub.get(name))
        if found:
            return found.group(1)
    found = re.search(rf"10\.48550/arxiv\.{_ARXIV_ID}", pub.get("doi"), re.IGNORECASE)
    return found.group(1) if found else ""


def normalise(pub: Publication) -> tuple[Publication, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def report(message: str, severity: str = "error") -> None:
        diagnostics.append(Diagnostic(pub.location, message, pub.key, severity))

    unknown: list[str] = []
    title = decode(pub.get("title"))
    unknown.extend(title.unknown)
    venue_raw = next((pub.get(name) for name in _VENUE_FIELDS if pub.get(name)), "")
    venue = decode(venue_raw)
    unknown.extend(venue.unknown)
    authors, commands = parse_authors(pub.get("author") or pub.get("editor"))
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

    doi_field = pub.get("doi")
    doi = _doi(doi_field)
    if doi_field and not doi:
        report(f"doi is not a DOI (10.NNNN/...): {doi_field.strip()!r}", "warning")
    url = pub.get("url").strip()
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        report(f"url is not an http(s) link, not shown: {url!r}", "warning")
        url = ""
    return (
        replace(
            pub,
            title=title.text,
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
