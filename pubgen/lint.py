"""What ``pubgen check`` finds beyond what a build reports: things a careful author fixes.

A build already reports parse problems and stale or ambiguous overrides; these checks
look at the list as a whole: papers the owner is not on, missing venues, venues with no
short name, and works that appear twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from pubgen.classify import user_abbreviation
from pubgen.config import Config
from pubgen.dedupe import versions
from pubgen.model import Diagnostic, Publication
from pubgen.venues import match

# Journals are often printed in full ("Water Research"); a proceedings title rarely is.
_SHORTENED_TYPES = frozenset({"conference", "workshop"})


def _warning(pub: Publication, message: str) -> Diagnostic:
    return Diagnostic(pub.location, message, pub.key, "warning")


def _venue_known(pub: Publication, config: Config) -> bool:
    if pub.venue_override or user_abbreviation(pub.venue_name, config.venues) is not None:
        return True
    return match(pub.venue_name) is not None


def lint(publications: Sequence[Publication], config: Config) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for pub in publications:
        if config.owner_names and not any(author.is_owner for author in pub.authors):
            problems.append(_warning(pub, "the owner is not among the authors"))
        if not pub.venue:
            problems.append(_warning(pub, "no venue: nothing is printed after the title"))
        elif pub.type in _SHORTENED_TYPES and pub.venue_name and not _venue_known(pub, config):
            problems.append(
                _warning(pub, f"no short name for venue {pub.venue_name!r}: add it under venues:")
            )
    for members in versions(publications):
        first = publications[members[0]]
        for index in members[1:]:
            problems.append(_warning(publications[index], f"likely the same work as {first.key}"))
    return problems
