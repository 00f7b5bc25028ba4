"""overrides.yaml: everything BibTeX cannot say, read strictly and with line numbers.

The file format is documented in README.md ("overrides.yaml reference"); every key read
here is listed there, and any other key is an error naming its line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pubgen import yamlread as y
from pubgen.errors import InputError, PubgenError
from pubgen.model import LINK_KINDS, VENUE_TYPES, Diagnostic, Location
from pubgen.outputs import FORMATS as FORMATS  # re-exported: it lived here first
from pubgen.outputs import Output, parse_outputs
from pubgen.urls import safe_url

DEFAULT_MARKERS = (("equal", "*"), ("corresponding", "📧"), ("lead", "💡"))
DEFAULT_LABELS = {
    "equal": "equal contribution",
    "corresponding": "corresponding author",
    "lead": "project lead",
}
DEFAULT_HEADINGS = {
    "conference": "Conference Papers",
    "journal": "Journal Articles",
    "workshop": "Workshop Papers",
    "preprint": "Preprints",
    "thesis": "Theses",
    "book": "Books and Chapters",
    "other": "Other",
}
GROUP_LEVELS = ("year", "type")


@dataclass(frozen=True)
class Marker:
    """How one author role is shown: its symbol and the legend's label for it."""

    role: str
    symbol: str
    label: str
    # The marker as raw LaTeX for the latex format ("" = pubgen picks one; see render.py).
    latex: str = ""


@dataclass(frozen=True)
class NameRef:
    """An author named in overrides.yaml: by spelling, or by 1-based position."""

    text: str
    position: int | None
    line: int


@dataclass(frozen=True)
class PaperOverride:
    """One entry of ``papers:``: what overrides.yaml says about one paper."""

    key: str
    line: int
    # (role, authors) in the order written: that order is the order markers print in.
    roles: tuple[tuple[str, tuple[NameRef, ...]], ...] = ()
    awards: tuple[str, ...] = ()
    venue: str = ""
    type: str = ""
    selected: bool = False
    # Identity hints: when a re-export renames the key, the override still finds its paper.
    doi: str = ""
    arxiv: str = ""
    title: str = ""
    merge: bool = True  # False: keep this paper apart from its preprint/published twin
    style: str = ""  # free word for templates (e.g. "badge"); pubgen itself ignores it
    max_authors: int | None = None  # this paper's author limit; None: the global one
    # (link kind, checked http(s) URL) in the order written; replaces the .bib's link.
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Grouping:
    """``group:``: how the list is split into headed groups."""

    by: tuple[str, ...] = ("type",)
    # (venue type, heading) in display order; types that share a heading share a group.
    headings: tuple[tuple[str, str], ...] = tuple(DEFAULT_HEADINGS.items())
    heading_level: int = 2
    undated: str = "Undated"
    # Years up to this one share one group, headed e.g. "2020 and earlier" (0: no such group).
    earliest: int = 0
    earlier: str = "{year} and earlier"
    # Venue types whose group is not split by the levels after "type" (al-folio's Preprints).
    flat: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """Everything overrides.yaml says; the defaults are what a missing file means."""

    path: str = ""
    owner_names: tuple[str, ...] = ()
    markers: tuple[Marker, ...] = tuple(
        Marker(role, symbol, DEFAULT_LABELS[role]) for role, symbol in DEFAULT_MARKERS
    )
    legend: bool = True
    # Symbols typed into BibTeX names ("Einstein*†") -> role; None: names.DEFAULT_NAME_MARKERS.
    name_markers: dict[str, str] | None = None
    max_authors: int = 0  # 0: show every author
    merge_preprints: bool = True
    grouping: Grouping = field(default_factory=Grouping)
    venues: dict[str, str] = field(default_factory=dict)
    papers: tuple[PaperOverride, ...] = ()
    outputs: tuple[Output, ...] = ()
    bib: tuple[str, ...] = ("refs.bib",)  # relative to this file's folder

    @property
    def bib_paths(self) -> tuple[str, ...]:
        base = os.path.dirname(self.path)
        return tuple(os.path.join(base, name) for name in self.bib)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(marker.role for marker in self.markers)


def _owner(node: yaml.Node) -> dict[str, object]:
    names: list[str] = []
    for key, _, value in y.items(node, "owner"):
        if key != "names":
            raise y.YamlError(y.line(value), f"unknown key {key!r} in owner (expected: names)")
        names = y.strings(value, "owner.names")
    return {"owner_names": tuple(names)}


def _markers(node: yaml.Node) -> dict[str, object]:
    markers = []
    for role, _, value in y.items(node, "markers"):
        if isinstance(value, yaml.MappingNode):
            spec = {key: y.string(v, f"markers.{role}.{key}") for key, _, v in y.items(value, role)}
            unknown = set(spec) - {"symbol", "label", "latex"}
            if unknown or "symbol" not in spec:
                raise y.YamlError(y.line(value), f"markers.{role} takes symbol, label and latex")
            markers.append(
                Marker(
                    role,
                    spec["symbol"],
                    spec.get("label", DEFAULT_LABELS.get(role, role)),
                    spec.get("latex", ""),
                )
            )
        else:
            markers.append(
                Marker(role, y.string(value, f"markers.{role}"), DEFAULT_LABELS.get(role, role))
            )
    return {"markers": tuple(markers)}


def _grouping(node: yaml.Node) -> dict[str, object]:
    values: dict[str, object] = {}
    for key, _, value in y.items(node, "group"):
        if key == "by":
            levels = y.strings(value, "group.by")
            bad = [level for level in levels if level not in GROUP_LEVELS]
            if bad or len(set(levels)) != len(levels):
                raise y.YamlError(
                    y.line(value), f"group.by takes distinct levels from {GROUP_LEVELS}"
                )
            values["by"] = tuple(levels)
        elif key == "headings":
            headings = {}
            for vtype, key_node, heading in y.items(value, "group.headings"):
                if vtype not in VENUE_TYPES:
                    raise y.YamlError(
                        y.line(key_node),
                        f"unknown venue type {vtype!r} (one of {', '.join(VENUE_TYPES)})",
                    )
                headings[vtype] = (
                    "" if y.is_null(heading) else y.string(heading, f"heading of {vtype}")
                )
            # Types the user did not list keep their default heading, after the listed ones.
            rest = {t: h for t, h in DEFAULT_HEADINGS.items() if t not in headings}
            values["headings"] = tuple({**headings, **rest}.items())
        elif key == "heading_level":
            values["heading_level"] = y.integer(value, "group.heading_level")
        elif key == "undated":
            values["undated"] = y.string(value, "group.undated")
        elif key == "earliest":
            values["earliest"] = y.integer(value, "group.earliest")
        elif key == "earlier":
            values["earlier"] = y.string(value, "group.earlier")
        elif key == "flat":
            flat = y.strings(value, "group.flat")
            unknown = [vtype for vtype in flat if vtype not in VENUE_TYPES]
            if unknown:
                raise y.YamlError(y.line(value), f"unknown venue type {unknown[0]!r} in group.flat")
            values["flat"] = tuple(flat)
        else:
            raise y.YamlError(y.line(value), f"unknown key {key!r} in group")
    return {"grouping": Grouping(**values)}  # type: ignore[arg-type]


_PAPER_KEYS = (
    "awards",
    "venue",
    "type",
    "selected",
    "doi",
    "arxiv",
    "title",
    "merge",
    "style",
    "links",
    "max_authors",
)


def _paper(key: str, line: int, node: yaml.Node, roles: tuple[str, ...]) -> PaperOverride:
    values: dict[str, object] = {"key": key, "line": line}
    paper_roles = []
    for name, key_node, value in y.items(node, f"papers.{key}"):
        if name in roles:
            refs = []
            for item in y.sequence(value):
                text = y.string(item, f"an author in {name}")
                plain_number = y.is_plain(item) and text.isdigit()
                refs.append(NameRef(text, int(text) if plain_number else None, y.line(item)))
            paper_roles.append((name, tuple(refs)))
        elif name == "awards":
            values["awards"] = tuple(y.strings(value, "awards"))
        elif name == "venue":
            values["venue"] = y.string(value, "venue")
        elif name == "type":
            vtype = y.string(value, "type")
            if vtype not in VENUE_TYPES:
                raise y.YamlError(
                    y.line(value), f"unknown venue type {vtype!r} (one of {', '.join(VENUE_TYPES)})"
                )
            values["type"] = vtype
        elif name == "selected":
            values["selected"] = y.boolean(value, "selected")
        elif name in {"doi", "arxiv", "title"}:
            values[name] = y.string(value, name)
        elif name == "merge":
            values["merge"] = y.boolean(value, "merge")
        elif name == "style":
            values["style"] = y.string(value, "style")
        elif name == "max_authors" or name == "max_authors":
            values["max_authors"] = y.integer(value, "max_authors")
        elif name == "links":
            values["links"] = _links(value, key)
        else:
            known = ", ".join((*roles, *_PAPER_KEYS))
            raise y.YamlError(
                y.line(key_node), f"unknown key {name!r} in papers.{key} (expected: {known})"
            )
    values["roles"] = tuple(paper_roles)
    return PaperOverride(**values)  # type: ignore[arg-type]


def _links(node: yaml.Node, key: str) -> tuple[tuple[str, str], ...]:
    links = []
    for kind, key_node, value in y.items(node, f"papers.{key}.links"):
        if kind not in LINK_KINDS:
            raise y.YamlError(
                y.line(key_node), f"unknown link kind {kind!r} (one of {', '.join(LINK_KINDS)})"
            )
        url = safe_url(y.string(value, f"links.{kind}"))
        if not url:
            raise y.YamlError(
                y.line(value), f"links.{kind} must be an http:// or https:// link: {value.value!r}"
            )
        links.append((kind, url))
    return tuple(links)


def _venues(node: yaml.Node) -> dict[str, object]:
    return {
        "venues": {
            name: y.string(value, f"venues.{name}") for name, _, value in y.items(node, "venues")
        }
    }


def _bib(node: yaml.Node) -> dict[str, object]:
    names = y.strings(node, "bib")
    if not names:
        raise y.YamlError(y.line(node), "bib needs at least one file")
    return {"bib": tuple(names)}


def _legend(node: yaml.Node) -> dict[str, object]:
    return {"legend": y.boolean(node, "legend")}


def _name_markers(node: yaml.Node) -> dict[str, object]:
    table = {
        symbol: y.string(role, f"name_markers.{symbol}")
        for symbol, _, role in y.items(node, "name_markers")
    }
    return {"name_markers": table}


def _max_authors(node: yaml.Node) -> dict[str, object]:
    return {"max_authors": y.integer(node, "max_authors")}


def _merge_preprints(node: yaml.Node) -> dict[str, object]:
    return {"merge_preprints": y.boolean(node, "merge_preprints")}


_SECTIONS: dict[str, Callable[[yaml.Node], dict[str, object]]] = {
    "bib": _bib,
    "owner": _owner,
    "markers": _markers,
    "legend": _legend,
    "name_markers": _name_markers,
    "max_authors": _max_authors,
    "merge_preprints": _merge_preprints,
    "group": _grouping,
    "venues": _venues,
    "outputs": parse_outputs,
}


def parse_config(text: str, path: str) -> Config:
    """Read overrides.yaml text; every problem is reported, each with its line."""
    problems: list[Diagnostic] = []

    def problem(line: int, message: str) -> None:
        problems.append(Diagnostic(Location(path, line), message))

    try:
        root = y.compose(text)
    except y.YamlError as exc:
        raise InputError([Diagnostic(Location(path, exc.line), exc.message)]) from None
    if root is None:
        return Config(path=path)
    values: dict[str, object] = {"path": path}
    papers_node = None
    try:
        sections = list(y.items(root, "overrides.yaml"))
    except y.YamlError as exc:
        raise InputError([Diagnostic(Location(path, exc.line), exc.message)]) from None
    for key, key_node, value in sections:
        if key == "papers":
            papers_node = value
        elif key in _SECTIONS:
            try:
                values.update(_SECTIONS[key](value))
            except y.YamlError as exc:
                problem(exc.line, exc.message)
        else:
            problem(
                y.line(key_node),
                f"unknown key {key!r} (expected: {', '.join([*_SECTIONS, 'papers'])})",
            )
    config = Config(**values)  # type: ignore[arg-type]
    for symbol, role in (config.name_markers or {}).items():
        if role not in config.roles:
            line = next(y.line(k) for name, k, _ in sections if name == "name_markers")
            problem(
                line, f"name_markers: {symbol!r} maps to {role!r}, which markers does not define"
            )
    papers = []
    if papers_node is not None and not y.is_null(papers_node):
        try:
            entries = list(y.items(papers_node, "papers"))
        except y.YamlError as exc:
            entries = []
            problem(exc.line, exc.message)
        for key, key_node, value in entries:
            try:
                papers.append(_paper(key, y.line(key_node), value, config.roles))
            except y.YamlError as exc:
                problem(exc.line, exc.message)
    if problems:
        raise InputError(problems)
    return Config(**{**values, "papers": tuple(papers)})  # type: ignore[arg-type]


def load_config(path: str) -> Config:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PubgenError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PubgenError(f"{path}: cannot read: {exc}") from None
    return parse_config(text, path)
