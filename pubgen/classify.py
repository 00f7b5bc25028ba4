"""Classify stage: the venue type ("conference", "journal", ...) and the short venue.

The type comes from the BibTeX entry type *and* the venue text, because real exports lie:
Google Scholar writes NeurIPS papers as ``@article{journal = {Advances in Neural
Information Processing Systems}}`` and many homepages write ``@article{journal = {ICLR}}``,
while arXiv preprints arrive as ``@article``, ``@misc``, ``@online`` or ``@unpublished``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from pubgen.latex import decode
from pubgen.lazyre import LazyRegex
from pubgen.model import Publication, replace
from pubgen.venues import CONFERENCE, JOURNAL, Venue, folded, match, track

_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "eventtitle")
_PROCEEDINGS = frozenset({"inproceedings", "conference", "proceedings"})
_LOOSE = frozenset({"misc", "online", "electronic", "www", "unpublished", "techreport", "report"})
_THESES = frozenset({"phdthesis", "mastersthesis", "thesis"})
_BOOKS = frozenset({"book", "inbook", "mvbook", "bookinbook", "collection", "mvcollection"})

_WORKSHOP = re.compile(
    r"\bworkshops?\b|\bwksp\b|\bw/s\b|\b(?:cvpr|iccv|eccv|wacv|icdm|icde|icpp|ipdps)w\b",
    re.IGNORECASE,
)
_CONFERENCE_WORDS = LazyRegex(r"\bproceedings\b|\bconference\b", re.IGNORECASE)
# Preprint servers, most specific first: "PsyArXiv" must not read as arXiv.
_SERVERS = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("bioRxiv", r"\bbiorxiv\b"),
        ("medRxiv", r"\bmedrxiv\b"),
        ("ChemRxiv", r"\bchemrxiv\b"),
        ("PsyArXiv", r"\bpsyarxiv\b"),
        ("SocArXiv", r"\bsocarxiv\b"),
        ("EarthArXiv", r"\beartharxiv\b"),
        ("engrXiv", r"\bengrxiv\b"),
        ("TechRxiv", r"\btechrxiv\b"),
        ("SSRN", r"\bssrn\b"),
        ("Research Square", r"\bresearch ?square\b"),
        ("Preprints.org", r"\bpreprints org\b"),
        ("HAL", r"^hal\b|\bhal science\b|\bhal archives\b"),
        ("arXiv", r"\barxiv\b|\bcorr\b"),
    )
)
_PREPRINT_WORD = re.compile(r"\bpreprints?\b")
_LINK = re.compile(r"https?:|www\.|\\url", re.IGNORECASE)
_REPOSITORIES = re.compile(r"^(?:github|gitlab|zenodo|figshare|hugging ?face)$", re.IGNORECASE)
# A conference name that gives its acronym: "... Computing Conference (HPEC)", ACM's
# "MobileHCI '11: Proceedings of ..." or dblp's "..., ISMIR 2011, Miami, Florida, USA".
_ACRONYM = LazyRegex(
    r"\(\s*([A-Za-z][\w&/@-]*[A-Z][\w&/@-]*)(?:[\s'\u2019]*\d{2,4})?\s*\)$"
    r"|^([A-Za-z][\w-]*[A-Z][\w-]*)\s?['\u2019]\s?\d{2}\s?:"
    r"|,\s*([A-Z][\w-]*[A-Z][\w-]*)(?:\s+\d{4}\s*(?:,|$)|\s*$)"
)
# Capitals that follow a comma in dblp names without being the venue's acronym.
_NOT_ACRONYMS = frozenset({"USA", "UAE", "PRC", "IEEE", "ACM", "SIAM", "USENIX", "LNCS", "CD-ROM"})


@lru_cache(maxsize=8192)
def _plain(raw: str) -> str:
    """Decoded text of a field normalise leaves as LaTeX (school, publisher, eventtitle)."""
    return decode(raw).text if raw else ""


@lru_cache(maxsize=8192)  # asked of the same venue, publisher and eprinttype values
def _server(text: str) -> str:
    folded_text = folded(text)
    return next((name for name, pattern in _SERVERS if pattern.search(folded_text)), "")


def _venue_text(pub: Publication, names: tuple[str, ...] = _VENUE_FIELDS) -> str:
    """The decoded venue name, or the first venue field when normalise left it empty."""
    return pub.venue_name or _plain(next((pub.get(n) for n in names if pub.get(n)), ""))


@lru_cache(maxsize=8192)
def _says_workshop(text: str) -> bool:
    return _WORKSHOP.search(text) is not None


def _is_workshop(pub: Publication, text: str) -> bool:
    texts = (text, _plain(pub.get("booktitle")), _plain(pub.get("eventtitle")))
    if not any(_says_workshop(part) for part in texts):
        return False
    venue = match(text, frozenset({CONFERENCE}))
    return not (venue and venue.workshop_in_name)  # "Workshop on Quality of Service"


def _is_preprint(pub: Publication) -> bool:
    if pub.get("pubstate").strip().casefold() == "prepublished" or pub.arxiv:
        return True
    fields = ("publisher", "howpublished", "archiveprefix", "eprinttype", "institution")
    return bool(_server(_venue_text(pub))) or any(_server(pub.get(name)) for name in fields)


def venue_type(pub: Publication) -> str:
    """One of ``model.VENUE_TYPES``; ``pub.type_override`` wins when non-empty."""
    if pub.type_override:
        return pub.type_override
    kind = pub.entry_type
    if kind in _PROCEEDINGS:
        text = _venue_text(pub, ("booktitle", "eventtitle"))
        if _server(text) or _PREPRINT_WORD.fullmatch(text.strip().casefold()):
            return "preprint"  # booktitle = {Preprint}
        return "workshop" if _is_workshop(pub, text) else "conference"
    if kind == "article":
        text = _venue_text(pub, ("journal", "journaltitle"))
        prepublished = pub.get("pubstate").strip().casefold() == "prepublished"
        if prepublished or _server(text) or _PREPRINT_WORD.search(text.casefold()):
            return "preprint"
        if not text:
            return "preprint" if pub.arxiv else "journal"
        if _LINK.search(text) or _REPOSITORIES.match(text.strip()):
            return "other"  # journal = {GitHub} / {https://...}: not a journal
        if _is_workshop(pub, text):
            return "workshop"
        # Conference papers exported as @article (Google Scholar's NeurIPS, "journal={ICLR}").
        return "conference" if match(text, frozenset({CONFERENCE})) else "journal"
    if kind in _LOOSE:
        return "preprint" if _is_preprint(pub) else "other"
    if kind in _THESES:
        return "thesis"
    if kind == "incollection":
        text = _venue_text(pub, ("booktitle",))
        if _is_workshop(pub, text):
            return "workshop"
        if _CONFERENCE_WORDS.compiled.search(text) or match(text, frozenset({CONFERENCE})):
            return "conference"  # LNCS: "Computer Vision - ECCV 2020: 16th European Conference"
        return "book"
    return "book" if kind in _BOOKS else "other"


def _with_year(name: str, year: int | None) -> str:
    """``name year``, unless the name already says the year ("WORDS 2007", "NeurIPS'24")."""
    if year is None or not name:
        return name
    if str(year) in name or re.search(rf"['\u2019]{year % 100:02d}\b", name):
        return name
    return f"{name} {year}"


def _table(pub: Publication, text: str, kinds: frozenset[str]) -> tuple[Venue, str] | None:
    """The table venue for the venue name, else for biblatex/ACM side fields ("KDD '19")."""
    for candidate in (text, _plain(pub.get("eventtitle")), _plain(pub.get("series"))):
        venue = match(candidate, kinds) if candidate else None
        if venue:
            return venue, candidate
    return None


def _fallback(text: str, vtype: str, year: int | None) -> str:
    name = text.strip(" ,;:")
    if vtype in {"conference", "workshop"}:
        for found in _ACRONYM.compiled.finditer(name.rstrip(".")):
            acronym = next(group for group in found.groups() if group)
            if acronym not in _NOT_ACRONYMS and len(acronym) > 2:
                return _with_year(acronym, year)  # "... Extreme Computing (HPEC)" -> "HPEC"
    return _with_year(name, year)


def _thesis(pub: Publication) -> str:
    kind = (pub.entry_type + " " + pub.get("type")).casefold()
    if re.search(r"master|mathesis|\bm\.?\s?sc|\bma\b", kind):
        label = "Master's thesis"
    elif re.search(r"bachelor|bathesis", kind):
        label = "Bachelor's thesis"
    elif re.search(r"phd|doctor|dissertation", kind) or pub.entry_type == "phdthesis":
        label = "PhD thesis"
    else:
        label = _plain(pub.get("type")) or "Thesis"
    school = _plain(pub.get("school") or pub.get("institution"))
    return _with_year(f"{label}, {school}" if school else label, pub.year)


def user_abbreviation(name: str, user_venues: Mapping[str, str]) -> str | None:
    """The user's short name (overrides.yaml ``venues:``) for a venue, spaces and case aside."""
    wanted = " ".join(name.split()).casefold()
    return _user_table(tuple(user_venues.items())).get(wanted) if wanted else None


@lru_cache(maxsize=8)  # one table per overrides.yaml, not one pass over it per paper
def _user_table(user_venues: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for full, abbr in user_venues:
        table.setdefault(" ".join(full.split()).casefold(), abbr)  # the first one wins
    return table


def short_venue(pub: Publication, vtype: str, user_venues: Mapping[str, str]) -> str:
    """The venue as a list prints it: "NeurIPS 2024", "arXiv preprint arXiv:2401.17644"."""
    if pub.venue_override:
        return pub.venue_override
    text = _venue_text(pub)
    abbr = user_abbreviation(text, user_venues)
    if abbr is not None:
        return _with_year(abbr, pub.year)
    year = f" {pub.year}" if pub.year is not None else ""
    if vtype in {"conference", "journal"}:
        found = _table(pub, text, frozenset({CONFERENCE, JOURNAL}))
        if found:
            label = track(found[0], found[1])
            return f"{found[0].abbr}{year}" + (f" {label}" if label else "")
        return _fallback(text, vtype, pub.year)
    if vtype == "workshop":
        found = _table(pub, text, frozenset({CONFERENCE}))
        return f"{found[0].abbr} Workshop{year}" if found else _fallback(text, vtype, pub.year)
    if pub.arxiv and (vtype == "preprint" or not text):
        # Also for a preprint the user files elsewhere (type: other): its venue is arXiv.
        return f"arXiv preprint arXiv:{pub.arxiv}"
    if vtype == "preprint":
        fields = (text, pub.get("publisher"), pub.get("howpublished"), pub.get("eprinttype"))
        server = next((_server(value) for value in fields if _server(value)), "")
        return _with_year(server or "Preprint", pub.year)
    if vtype == "thesis":
        return _thesis(pub)
    if vtype == "book":
        book = text if pub.entry_type != "book" else ""
        parts = (book, _plain(pub.get("publisher")))
        return _with_year(", ".join(part for part in parts if part), pub.year)
    for name in ("howpublished", "publisher", "institution", "organization"):
        value = _plain(pub.get(name))
        if value and not _LINK.search(pub.get(name)):
            return _with_year(value, pub.year)
    return _with_year(text, pub.year) if text and not _LINK.search(text) else ""


def classification(pub: Publication, user_venues: Mapping[str, str]) -> tuple[str, str]:
    """(type, short venue) of pub; pub.type_override / pub.venue_override win."""
    vtype = venue_type(pub)
    return vtype, short_venue(pub, vtype, user_venues)


def classify(pub: Publication, user_venues: Mapping[str, str]) -> Publication:
    """Return pub with .type and .venue set; pub.type_override / pub.venue_override win."""
    vtype, venue = classification(pub, user_venues)
    return replace(pub, type=vtype, venue=venue)
