"""Render stage: groups -> text through Jinja2 templates, escaped for the output format.

Templates are looked up through a precedence list of loaders: the site's own template
folders first, then the defaults packaged with pubgen, so a site can replace any
template by name or ``{% extends %}`` the packaged one. Every ``{{ value }}`` passes
through the format's escaper (Jinja2's ``finalize``), so a user's template cannot forget
to escape BibTeX text; a value that is already output-ready is marked with ``|safe``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from pubgen.config import Config, Marker
from pubgen.errors import PubgenError
from pubgen.group import Group
from pubgen.model import Author, Publication

TEMPLATES = {"markdown": "markdown.md.j2"}

# Backslash escapes that kramdown and CommonMark both honour, and entities for what
# Liquid ({{ }}, {% %}), raw HTML (<, &) or kramdown math ($$) would otherwise act on.
_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "|": "\\|",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "%": "&#37;",
    "$": "&#36;",
    "~": "&#126;",
}
# A line break inside a value could start a new Markdown block (a list, a heading, a
# forged page marker); kramdown and CommonMark both end lines at \n and \r.
_LINE_BREAK = re.compile(r"[\r\n]+")
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(_MARKDOWN_ESCAPES)) + "]")


def escape_markdown(text: str) -> str:
    """Text that kramdown, CommonMark and Liquid all show literally, on one line."""
    return _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ESCAPES[m.group()], _LINE_BREAK.sub(" ", text))


def _finalizer(escape: Callable[[str], str]) -> Callable[[Any], Markup]:
    # With autoescape on, Jinja2 applies finalize first and then leaves Markup alone, so
    # returning Markup here swaps HTML escaping for the format's own; macro output and
    # |safe values are Markup already and pass through once, never escaped twice.
    def finalize(value: Any) -> Markup:
        if isinstance(value, Markup):
            return value
        return Markup(escape(str(value)))

    return finalize


def end_sentence(text: str) -> str:
    """``text`` with a closing full stop unless it already ends a sentence."""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!" else text + "."


_ET_AL = Author(first="", last="", is_others=True)


def shown_authors(authors: Sequence[Author], limit: int) -> tuple[Author | None, ...]:
    """At most ``limit`` authors then "et al.", never hiding the owner.

    With the owner past the limit: the first ``limit - 1``, a gap (None), the owner, and
    "et al." unless the owner is the last author. ``limit`` 0 shows everyone.
    """
    people = [author for author in authors if not author.is_others]
    if limit <= 0 or len(people) <= limit:
        return tuple(authors)
    owner = next((i for i, author in enumerate(people) if author.is_owner), None)
    if owner is None or owner < limit:
        return (*people[:limit], _ET_AL)
    tail = () if owner == len(people) - 1 else (_ET_AL,)
    return (*people[: limit - 1], None, people[owner], *tail)


def make_environment(
    template_dirs: Sequence[str], fmt: str, max_authors: int = 0
) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(d) for d in template_dirs]
    loaders.append(jinja2.PackageLoader("pubgen", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        finalize=_finalizer(escape_markdown),
        keep_trailing_newline=True,
        autoescape=True,
    )
    env.filters["end_sentence"] = end_sentence
    env.filters["shown_authors"] = lambda authors, limit=max_authors: shown_authors(authors, limit)
    return env


def _flatten(groups: Sequence[Group]) -> list[Publication]:
    result: list[Publication] = []
    for group in groups:
        result.extend(group.publications)
        result.extend(_flatten(group.subgroups))
    return result


def render(
    groups: Sequence[Group], config: Config, fmt: str, template_dirs: Sequence[str] = ()
) -> str:
    publications = _flatten(groups)
    used = {role for pub in publications for author in pub.authors for role in author.roles}
    markers: dict[str, Marker] = {marker.role: marker for marker in config.markers}
    legend = [marker for marker in config.markers if marker.role in used] if config.legend else []
    env = make_environment(template_dirs, fmt, config.max_authors)
    try:
        template = env.get_template(TEMPLATES[fmt])
        text = template.render(
            groups=groups,
            publications=publications,
            markers=markers,
            legend=legend,
            config=config,
        )
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or TEMPLATES[fmt]
        line = getattr(exc, "lineno", None)
        raise PubgenError(f"{where}:{line or 1}: template error: {exc}") from None
    # Templates are easier to write when blank lines may trail; the output ends once.
    return text.rstrip("\n") + "\n" if text.strip() else ""
