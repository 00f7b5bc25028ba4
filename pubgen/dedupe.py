"""Dedupe stage: a preprint and its published version show once, as the published one.

Users keep both in Zotero (the arXiv version came first); a list that shows the same
work twice looks padded. Versions are recognised by a shared DOI, arXiv id or title
(letters and digits only). The hidden preprint is reported, never dropped silently, and
``merge: false`` on either paper (or ``merge_preprints: false``) keeps both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pubgen.model import Diagnostic, Publication


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def versions(publications: Sequence[Publication]) -> list[list[int]]:
    """Sets (of two or more indices) of publications that are versions of one work."""
    parent = list(range(len(publications)))
    joined: set[int] = set()  # every index in a set, so that only those are gathered
    # One dict per kind of identity, keyed by its plain value: no tuple made per identity
    # of every publication, a loop that runs in the serial part of a big build.
    by_doi: dict[str, int] = {}
    by_arxiv: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for index, pub in enumerate(publications):
        for seen, identity in (
            (by_doi, pub.doi.casefold()),
            (by_arxiv, pub.arxiv),
            (by_title, pub.title_key),
        ):
            if identity:
                first = seen.setdefault(identity, index)
                if first != index:
                    parent[_find(parent, index)] = _find(parent, first)
                    joined.update((first, index))
    sets: dict[int, list[int]] = defaultdict(list)
    for index in sorted(joined):
        sets[_find(parent, index)].append(index)
    return list(sets.values())


def merge_versions(
    publications: Sequence[Publication], enabled: bool = True
) -> tuple[list[Publication], list[Diagnostic]]:
    if not enabled:
        return list(publications), []
    hidden: dict[int, Diagnostic] = {}
    for members in versions(publications):
        published = [i for i in members if publications[i].type != "preprint"]
        if not published or not all(publications[i].merge for i in members):
            continue
        shown = publications[min(published, key=lambda i: publications[i].order)]
        for index in members:
            pub = publications[index]
            if pub.type == "preprint":
                message = f"preprint shown once, as its published version {shown.key}"
                hidden[index] = Diagnostic(pub.location, message, pub.key, "warning", True)
    kept = [pub for index, pub in enumerate(publications) if index not in hidden]
    return kept, [hidden[index] for index in sorted(hidden)]
