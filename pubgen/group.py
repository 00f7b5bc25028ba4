"""Group stage: nest publications by the levels overrides.yaml asks for, then sort.

Within a group the newest come first (year, then month); ties are broken by title and
then citation key, so the order never depends on the order of entries in the .bib
(a Zotero re-export may reorder them) nor on a dict's or set's iteration order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pubgen.config import Grouping
from pubgen.model import Publication


@dataclass(frozen=True)
class Group:
    """One heading of the list and what is under it: papers, or groups one level down."""

    heading: str  # "" when this group has no heading line
    level: int  # heading level: 2 for "##"
    publications: tuple[Publication, ...] = ()  # filled at the last level only
    subgroups: tuple[Group, ...] = ()


def sort_key(pub: Publication) -> tuple[bool, int, int, str, str]:
    return (pub.year is None, -(pub.year or 0), -(pub.month or 0), pub.title.casefold(), pub.key)


def _by_type(
    pubs: Sequence[Publication], grouping: Grouping
) -> list[tuple[str, list[Publication]]]:
    heading_of = dict(grouping.headings)
    groups: dict[str, list[Publication]] = {heading: [] for _, heading in grouping.headings}
    for pub in pubs:
        groups[heading_of[pub.type]].append(pub)
    return list(groups.items())


def _by_year(
    pubs: Sequence[Publication], grouping: Grouping
) -> list[tuple[str, list[Publication]]]:
    def heading(year: int) -> str:
        if grouping.earliest and year <= grouping.earliest:
            return grouping.earlier.format(year=grouping.earliest)
        return str(year)

    # pubs arrive sorted newest first, so the headings come in display order.
    groups: dict[str, list[Publication]] = {}
    for pub in pubs:
        if pub.year is not None:
            groups.setdefault(heading(pub.year), []).append(pub)
    groups.setdefault(grouping.undated, []).extend(pub for pub in pubs if pub.year is None)
    return list(groups.items())


_LEVELS = {"type": _by_type, "year": _by_year}


def group(pubs: Sequence[Publication], grouping: Grouping) -> tuple[Group, ...]:
    """The nested groups; empty groups are left out."""
    return _group(sorted(pubs, key=sort_key), grouping.by, grouping, grouping.heading_level)


def _group(
    pubs: Sequence[Publication], levels: Sequence[str], grouping: Grouping, level: int
) -> tuple[Group, ...]:
    if not levels:
        return (Group("", level, tuple(pubs)),) if pubs else ()
    result = []
    for heading, members in _LEVELS[levels[0]](pubs, grouping):
        if not members:
            continue
        flat = levels[0] == "type" and all(pub.type in grouping.flat for pub in members)
        if len(levels) == 1 or flat:
            result.append(Group(heading, level, tuple(members)))
        else:
            # A level without a heading does not push the next level's headings deeper.
            inner = _group(members, levels[1:], grouping, level + 1 if heading else level)
            result.append(Group(heading, level, subgroups=inner))
    return tuple(result)
