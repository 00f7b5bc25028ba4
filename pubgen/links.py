"""Links stage: every http(s) link of a publication, from its BibTeX fields and overrides.

From the .bib: ``doi`` -> https://doi.org/..., the arXiv id -> https://arxiv.org/abs/...,
``pdf`` and ``url``, and the fields al-folio sites use (``code``, ``slides``, ``video``,
``poster``, ``website``). A ``url`` that only repeats the arXiv or DOI link is left out,
and one ending in ``.pdf`` is the PDF. ``links:`` in overrides.yaml replaces a link of
the same kind. A field that is not an http(s) link (a local path, ``javascript:``,
``data:``) is dropped with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from pubgen.config import Config
from pubgen.model import LINK_KINDS, Diagnostic, Link, Publication
from pubgen.urls import arxiv_url, doi_url, safe_url

# BibTeX field -> link kind. ``url`` is read from Publication.url (normalise checked it).
_FIELDS = {
    "pdf": "pdf",
    "code": "code",
    "slides": "slides",
    "video": "video",
    "poster": "poster",
    "website": "project",
}


def _url_kind(url: str, pub: Publication) -> str:
    """What the BibTeX ``url`` is: "" when it repeats the arXiv or DOI link."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if pub.arxiv and host.endswith("arxiv.org") and pub.arxiv in parts.path:
        return ""
    if pub.doi and host in ("doi.org", "dx.doi.org"):
        return ""
    return "pdf" if parts.path.lower().endswith(".pdf") else "url"


def _bib_links(pub: Publication) -> tuple[dict[str, str], list[Diagnostic]]:
    found: dict[str, str] = {}
    problems = []
    fields = pub.fields
    for name, kind in _FIELDS.items():
        raw = fields.get(name)  # most entries have none of these
        if raw is None or not (raw := raw.strip()):
            continue
        url = safe_url(raw)
        if url:
            found.setdefault(kind, url)
        else:
            message = f"{name} is not an http(s) link, not shown: {raw!r}"
            problems.append(Diagnostic(pub.location, message, pub.key, "warning"))
    if pub.url:
        url = safe_url(pub.url)
        if not url:  # normalise checked the scheme; this is a host pubgen refuses
            message = f"url is not a usable http(s) link, not shown: {pub.url!r}"
            problems.append(Diagnostic(pub.location, message, pub.key, "warning"))
        elif kind := _url_kind(url, pub):
            found.setdefault(kind, url)
    if pub.doi:
        found["doi"] = doi_url(pub.doi)
    if pub.arxiv:
        found["arxiv"] = arxiv_url(pub.arxiv)
    return found, problems


# citation key -> the (kind, url) pairs of its ``links:`` in overrides.yaml
LinkOverrides = Mapping[str, tuple[tuple[str, str], ...]]


def link_overrides(config: Config) -> LinkOverrides:
    return {paper.key: paper.links for paper in config.papers if paper.links}


def links_of(
    pub: Publication, overrides: LinkOverrides
) -> tuple[tuple[Link, ...], list[Diagnostic]]:
    """The links of ``pub`` in LINK_KINDS order, and the warnings about fields that are
    not links."""
    found, problems = _bib_links(pub)
    found.update(overrides.get(pub.key, ()))
    return tuple(Link(kind, found[kind]) for kind in LINK_KINDS if found.get(kind)), problems
