"""The JSON data file (schema ``pubgen/1``) for themes that read ``_data/``.

Not a template: ``json.dumps`` of the records below, with sorted keys and two-space
indent, so the same inputs give byte-identical output. The schema is documented in
README.md ("Output formats"); a change that removes or renames a key bumps the version,
adding a key does not. Values are plain text, unescaped: a theme must escape them for its
page (in Liquid, ``{{ pub.title | escape }}``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from pubgen.bibtex import clean_bibtex
from pubgen.config import Config, Marker
from pubgen.group import Group
from pubgen.model import Author, Publication
from pubgen.outputs import Output

SCHEMA = "pubgen/1"


def _author(author: Author) -> dict[str, object]:
    return {
        "first": author.first,
        "von": author.von,
        "last": author.last,
        "jr": author.jr,
        "full": author.full,
        "short": author.short,
        "is_owner": author.is_owner,
        "is_others": author.is_others,
        "roles": list(author.roles),
    }


def _publication(pub: Publication, output: Output) -> dict[str, object]:
    links = pub.links if output.show_links else ()
    return {
        "key": pub.key,
        "entry_type": pub.entry_type,
        "type": pub.type,
        "title": pub.title,
        "authors": [_author(author) for author in pub.authors],
        "year": pub.year,
        "month": pub.month,
        "venue": pub.venue,
        "venue_name": pub.venue_name,
        "awards": list(pub.awards),
        "selected": pub.selected,
        "doi": pub.doi,
        "arxiv": pub.arxiv,
        "links": [{"kind": link.kind, "label": link.label, "url": link.url} for link in links],
        "bibtex": clean_bibtex(pub, output.abstract) if output.show_bibtex else "",
    }


def _group(group: Group) -> dict[str, object]:
    return {
        "heading": group.heading,
        "level": group.level,
        "publications": [pub.key for pub in group.publications],
        "groups": [_group(sub) for sub in group.subgroups],
    }


def _marker(marker: Marker) -> dict[str, str]:
    return {"role": marker.role, "symbol": marker.symbol, "label": marker.label}


def render_json(
    groups: Sequence[Group],
    publications: Sequence[Publication],
    config: Config,
    output: Output,
    legend: Sequence[Marker],
) -> str:
    data = {
        "schema": SCHEMA,
        "markers": [_marker(marker) for marker in config.markers],
        "legend": [marker.role for marker in legend],
        "groups": [_group(group) for group in groups],
        "publications": [_publication(pub, output) for pub in publications],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
