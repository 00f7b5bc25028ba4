"""Overrides stage: owner flags, per-paper roles, awards, venue and type from overrides.yaml.

The owner is found by identity (``names.name_key``), never by printed form: "Zichen Tang"
and "Zhenheng Tang" both print as "Z. Tang", and only the owner may be bolded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pubgen.config import Config, NameRef, PaperOverride
from pubgen.model import Author, Diagnostic, Location, Publication
from pubgen.names import compatible, name_key, parse_author


class _Unresolved(Exception):
    pass


def _resolve(ref: NameRef, authors: Sequence[Author]) -> int:
    """Index of the author ``ref`` names; exact spellings win over initials."""
    if ref.position is not None:
        if 1 <= ref.position <= len(authors):
            return ref.position - 1
        raise _Unresolved(f"author position {ref.position} is out of range (1-{len(authors)})")
    spec, _ = parse_author(ref.text)
    people = [i for i, author in enumerate(authors) if not author.is_others]
    exact = [i for i in people if name_key(authors[i]) == name_key(spec)]
    found = exact or [i for i in people if compatible(spec, authors[i])]
    if len(found) == 1:
        return found[0]
    if not found:
        return_list = ", ".join(authors[i].full for i in people)
        raise _Unresolved(f"{ref.text!r} matches no author (authors: {return_list})")
    where = ", ".join(str(i + 1) for i in found)
    raise _Unresolved(
        f"{ref.text!r} matches more than one author (positions {where}): "
        "write the full name or the position"
    )


def _apply_paper(
    pub: Publication, paper: PaperOverride, path: str
) -> tuple[Publication, list[Diagnostic]]:
    diagnostics = []
    roles: list[list[str]] = [list(author.roles) for author in pub.authors]
    for role, refs in paper.roles:
        for ref in refs:
            try:
                index = _resolve(ref, pub.authors)
            except _Unresolved as exc:
                diagnostics.append(Diagnostic(Location(path, ref.line), f"{role}: {exc}", pub.key))
                continue
            if role not in roles[index]:
                roles[index].append(role)
    authors = tuple(
        replace(author, roles=tuple(author_roles))
        for author, author_roles in zip(pub.authors, roles, strict=True)
    )
    return (
        replace(
            pub,
            authors=authors,
            awards=pub.awards + paper.awards,
            venue_override=paper.venue or pub.venue_override,
            type_override=paper.type or pub.type_override,
            selected=paper.selected or pub.selected,
        ),
        diagnostics,
    )


def apply_overrides(
    publications: Sequence[Publication], config: Config
) -> tuple[list[Publication], list[Diagnostic]]:
    owner_keys = {name_key(parse_author(name)[0]) for name in config.owner_names}
    papers = {paper.key: paper for paper in config.papers}
    diagnostics: list[Diagnostic] = []
    result = []
    found: set[str] = set()
    for pub in publications:
        authors = tuple(
            replace(author, is_owner=not author.is_others and name_key(author) in owner_keys)
            for author in pub.authors
        )
        pub = replace(pub, authors=authors)
        paper = papers.get(pub.key)
        if paper is not None:
            found.add(pub.key)
            pub, problems = _apply_paper(pub, paper, config.path)
            diagnostics.extend(problems)
        result.append(pub)
    for paper in config.papers:
        if paper.key not in found:
            diagnostics.append(
                Diagnostic(
                    Location(config.path, paper.line),
                    "override matches no entry in the .bib files",
                    paper.key,
                    "warning",
                )
            )
    return result, diagnostics
