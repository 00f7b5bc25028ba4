"""Overrides stage: owner flags, per-paper roles, awards, venue and type from overrides.yaml.

The owner is found by identity (``names.name_key``), never by printed form: "Zichen Tang"
and "Zhenheng Tang" both print as "Z. Tang", and only the owner may be bolded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pubgen.config import Config, NameRef, PaperOverride
from pubgen.latex import decode
from pubgen.model import Author, Diagnostic, Location, Publication, replace
from pubgen.names import compatible, family_key, name_key, parse_author
from pubgen.normalise import title_key


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
        # Roles are only ever added: an author without a new one is kept, not copied.
        replace(author, roles=tuple(author_roles))
        if len(author_roles) > len(author.roles)
        else author
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
            merge=paper.merge and pub.merge,
            style=paper.style or pub.style,
            max_authors=pub.max_authors if paper.max_authors is None else paper.max_authors,
        ),
        diagnostics,
    )


def _identities(pub: Publication) -> dict[str, str]:
    return {"doi": pub.doi.casefold(), "arxiv": pub.arxiv, "title": pub.title_key}


def _hints(paper: PaperOverride) -> dict[str, str]:
    # The hint is what the user copied from the .bib, LaTeX and all; pub.title is decoded.
    title = title_key(decode(paper.title).text)
    return {"doi": paper.doi.casefold(), "arxiv": paper.arxiv, "title": title}


def _match_papers(
    publications: Sequence[Publication], config: Config
) -> tuple[dict[int, PaperOverride], list[Diagnostic]]:
    """Which override applies to which publication: by key, else by DOI, arXiv id, title.

    A re-export may rename citation keys; an override that carries an identity hint
    still finds its paper, with a warning naming the new key so the user can update it.
    """
    index_of_key = {pub.key: i for i, pub in enumerate(publications)}
    matched: dict[int, PaperOverride] = {}
    diagnostics = []
    unmatched = []
    for paper in config.papers:
        if paper.key in index_of_key:
            matched[index_of_key[paper.key]] = paper
        else:
            unmatched.append(paper)
    # (kind, value) -> entries, in order; built only when an override's key is gone.
    holders: dict[tuple[str, str], list[int]] = {}
    for i, pub in enumerate(publications if unmatched else ()):
        for identity in _identities(pub).items():
            if identity[1]:
                holders.setdefault(identity, []).append(i)
    for paper in unmatched:
        where = Location(config.path, paper.line)
        found = None
        for kind, hint in _hints(paper).items():
            held = holders.get((kind, hint), []) if hint else []
            candidates = [i for i in held if i not in matched]
            if len(candidates) == 1:
                found = candidates[0], kind
                break
        if found is None:
            diagnostics.append(
                Diagnostic(
                    where, "override matches no entry in the .bib files", paper.key, "warning"
                )
            )
            continue
        index, kind = found
        matched[index] = paper
        new_key = publications[index].key
        diagnostics.append(
            Diagnostic(
                where,
                f"override applied to {new_key} (same {kind}): the citation key changed",
                paper.key,
                "warning",
            )
        )
    return matched, diagnostics


@dataclass(frozen=True, eq=False)
class Owner:
    """Who the owner is: identities (``names.name_key``) and, to rule most authors out
    cheaply, their family names."""

    keys: frozenset[tuple[str, str]]
    families: frozenset[str]


def owner_of(config: Config) -> Owner:
    keys = frozenset(name_key(parse_author(name)[0]) for name in config.owner_names)
    return Owner(keys, frozenset(family for family, _ in keys))


def mark_owner(pub: Publication, owner: Owner) -> Publication:
    """``pub`` with the owner's authors flagged; an entry without the owner is not copied."""
    authors = owner_marked(pub.authors, owner)
    return pub if authors is pub.authors else replace(pub, authors=authors)


def owner_marked(authors: tuple[Author, ...], owner: Owner) -> tuple[Author, ...]:
    """``authors`` with the owner's flagged: the same tuple when the owner is not there."""
    if not owner.families:
        return authors  # no owner: not a name to fold (a 6,315-entry file: ~17 ms)
    owner_at = [
        i
        for i, a in enumerate(authors)
        if not a.is_others and family_key(a) in owner.families and name_key(a) in owner.keys
    ]
    if not owner_at:  # most papers of a big bibliography are not the owner's
        return authors
    return tuple(
        replace(author, is_owner=True) if i in owner_at else author
        for i, author in enumerate(authors)
    )


def apply_paper_overrides(
    publications: Sequence[Publication], config: Config
) -> tuple[list[Publication], list[Diagnostic]]:
    """``papers:`` applied to the entries they name (the owner is marked per entry, before).

    Only the publications an override names are replaced; the others are the same objects.
    """
    matched, diagnostics = _match_papers(publications, config)
    result = list(publications)
    for index, paper in sorted(matched.items()):
        result[index], problems = _apply_paper(result[index], paper, config.path)
        diagnostics.extend(problems)
    return result, diagnostics
