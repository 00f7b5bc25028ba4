"""Render stage: groups -> text through Jinja2 templates, escaped for the output format.

Templates are looked up through a precedence list of loaders: the site's own template
folders first, then the defaults packaged with pubgen, so a site can replace any
template by name; ``pubgen/NAME`` always names the packaged one, so a site's template can
``{% extends "pubgen/html.html.j2" %}`` its own namesake. Every ``{{ value }}`` passes
through the format's escaper (Jinja2's ``finalize``), so a user's template cannot forget
to escape BibTeX text; a value that is already output-ready is marked with ``|safe``.
JSON is not a template: it is ``json.dumps`` of a fixed schema (pubgen.jsonout).
"""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import replace
from types import CodeType
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
import jinja2.bccache
import jinja2.compiler
import jinja2.nodes
from jinja2.runtime import Context
from markupsafe import Markup

from pubgen import compiled
from pubgen.bibtex import clean_bibtex
from pubgen.config import Config, Marker
from pubgen.errors import PubgenError
from pubgen.escape import escape_html, escape_markdown
from pubgen.group import Group
from pubgen.model import Author, Publication
from pubgen.outputs import Output

if TYPE_CHECKING:
    from pubgen.items import WorkerItems

__all__ = ["escape_markdown", "render"]

Item = TypeVar("Item")

TEMPLATES = {"markdown": "markdown.md.j2", "html": "html.html.j2", "latex": "latex.tex.j2"}
STANDALONE = {"html": "html-standalone.html.j2", "latex": "latex-standalone.tex.j2"}


def escaper(fmt: str) -> Callable[[str], str]:
    """The escaper of a format; pubgen.texescape is imported only for LaTeX."""
    if fmt == "latex":
        from pubgen.texescape import escape_latex

        return escape_latex
    return escape_html if fmt == "html" else escape_markdown


def _url_filter(fmt: str) -> Callable[[str], Any]:
    # URLs come from pubgen.urls, safe as they are in Markdown; in HTML the attribute
    # escaper still turns & into &amp;, and TeX needs \% and \#.
    if fmt == "latex":
        from pubgen.texescape import latex_url

        return lambda url: Markup(latex_url(url))
    return str if fmt == "html" else Markup


# Marker symbols pdflatex can print, in the order a CV conventionally uses them, for
# markers whose symbol it cannot (emoji): (LaTeX, the character it prints).
_LATEX_MARKS = (("\\dag", "†"), ("\\ddag", "‡"), ("\\S", "§"), ("\\P", "¶"), ("\\|", "‖"))


# Values up to this long are escaped once per render: names, venues, years, labels and
# awards repeat down a list; titles and BibTeX blocks rarely do and would only take memory.
_CACHED_LENGTH = 100


def _finalizer(escape: Callable[[str], str]) -> Callable[[Any], Markup]:
    # With autoescape on, Jinja2 applies finalize first and then leaves Markup alone, so
    # returning Markup here swaps HTML escaping for the format's own; macro output and
    # |safe values are Markup already and pass through once, never escaped twice.
    done: dict[str, Markup] = {}

    def finalize(value: Any) -> Markup:
        if type(value) is str:  # not a Markup, which is a str too
            escaped = done.get(value)
            if escaped is None:
                escaped = Markup(escape(value))
                if len(value) <= _CACHED_LENGTH:
                    done[value] = escaped
            return escaped
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


def separated(items: Iterable[Item], separator: str) -> Iterator[tuple[str, Item]]:
    """Each item with the text to print before it: "" before the first, ``separator``
    before the others. A plain loop in a template, where ``loop.first`` would cost a
    LoopContext and two Python calls an item (authors: ~5% of rendering a list)."""
    return zip(itertools.chain(("",), itertools.repeat(separator)), items, strict=False)


def html_text(text: str) -> Markup:
    """Text for a raw HTML block inside Markdown: escaped, and on one line (``&#10;``)."""
    return Markup(escape_html(text).replace("\n", "&#10;"))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the rest of the process, so a run that renders several
    outputs (or a test session) compiles each template once per format, not per output
    (~7 ms each). In memory only. Jinja2 keys each by name and file and checks the source's
    checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self.compiled.get(bucket.key, ("", None))
        if code is not None and checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self.compiled[bucket.key] = (bucket.checksum, bucket.code)


class _PackagedLoader(jinja2.PackageLoader):
    """pubgen's own templates, with the code compiled in advance where it is current."""

    def __init__(self) -> None:
        super().__init__("pubgen", "templates")

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, _, uptodate = self.get_source(environment, name)
        code = compiled.code(name, source)
        if code is None:
            return super().load(environment, name, globals)
        return environment.template_class.from_code(environment, code, globals or {}, uptodate)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja2's code generator, but ``{{ value }}`` compiles to ``finalize(value)`` alone.

    With autoescape on, Jinja2 writes ``escape(finalize(value))``. pubgen's finalize
    already returns the value escaped for the format, as Markup, on which markupsafe's
    ``escape`` (pure Python since MarkupSafe 3) only makes a copy: three more Python calls
    for every value printed, ~20% of rendering a list (5,000 entries in one process, best
    of 9: Markdown 135 -> 109 ms, HTML 352 -> 281 ms, LaTeX 183 -> 142 ms). Where the
    template turns autoescape off or makes it depend on a value, Jinja2's code stays.
    """

    def _output_child_pre(
        self,
        node: jinja2.nodes.Expr,
        frame: jinja2.compiler.Frame,
        finalize: jinja2.compiler.CodeGenerator._FinalizeInfo,
    ) -> None:
        context = frame.eval_ctx
        if context.autoescape and not context.volatile and finalize.src:
            # "(" where Jinja2 writes "escape(": its closing parentheses stay as they are.
            self.write("(" + finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def visit_Block(self, node: jinja2.nodes.Block, frame: jinja2.compiler.Frame) -> None:
        """A scoped block called in a loop or a macro (as the item blocks are) goes through
        ``_Environment.scoped_block``; other block calls stay Jinja2's code."""
        if not node.scoped or frame.toplevel or node.required or self.environment.is_async:
            super().visit_Block(node, frame)
            return
        call = (
            f"environment.scoped_block(context.blocks[{node.name!r}][0], "
            f"{self.get_context_ref()}, {node.name!r}, {self.dump_local_context(frame)})"
        )
        if frame.buffer is None:
            self.writeline(f"yield from {call}", node)
        else:
            self.writeline(f"{frame.buffer}.extend({call})", node)


# Answers a scoped block call from its local names alone, or None: call the block.
ScopedAnswer = Callable[[Mapping[str, Any]], Iterable[str] | None]


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # Block name -> what scoped_block asks first (pubgen.items' placeholders).
        self.scoped_answers: dict[str, ScopedAnswer] = {}

    def scoped_block(
        self,
        block: Callable[[Context], Iterator[str]],
        context: Context,
        name: str,
        names: dict[str, Any],
    ) -> Iterable[str]:
        """What Jinja2 compiles a scoped block call to, ``block(context.derived(names))``,
        unless the answer set for ``name`` gives the text from ``names`` alone: making the
        derived context (~1.8 us) was half the cost of an item a read worker rendered
        (5,000 entries: the page walk 51 -> 46 ms)."""
        answer = self.scoped_answers.get(name)
        if answer is not None:
            text = answer(names)
            if text is not None:
                return text
        return block(context.derived(names))


def answer_first(env: jinja2.Environment, name: str, answer: ScopedAnswer | None) -> bool:
    """Have ``env`` ask ``answer`` before each call of the scoped block ``name`` (None: no
    longer). False for an environment ``make_environment`` did not make: its compiled
    code calls blocks as Jinja2's does, and asks nothing."""
    if not isinstance(env, _Environment):
        return False
    if answer is None:
        env.scoped_answers.pop(name, None)
    else:
        env.scoped_answers[name] = answer
    return True


class _PackagedEnvironment(_Environment):
    """The environment when only pubgen's own templates render (no site folder).

    Those read only attributes that exist (record fields, properties, a loop's), so
    ``x.y`` is Python's getattr: the fallbacks Jinja2 keeps for a site's templates (to
    ``x["y"]``, then to an undefined value) cost a Python call per lookup, ~40 of them an
    item (5,000 entries rendered in one process, best of 7, twice: Markdown 151-152 ->
    140 ms, HTML 383-386 -> 371-373 ms). A missing attribute is still a template error.
    """

    getattr = staticmethod(builtins.getattr)  # type: ignore[assignment]


# Per format: the code Jinja2 generates may depend on the environment it compiled in.
_COMPILED: dict[str, _CompiledTemplates] = {}


def make_environment(
    template_dirs: Sequence[str], output: Output, max_authors: int = 0
) -> jinja2.Environment:
    packaged = _PackagedLoader()
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"pubgen": packaged})]
    loaders.extend(jinja2.FileSystemLoader(d) for d in template_dirs)
    loaders.append(packaged)
    environment = _PackagedEnvironment if not template_dirs else _Environment
    env = environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        finalize=_finalizer(escaper(output.format)),
        keep_trailing_newline=True,
        autoescape=True,
        bytecode_cache=_COMPILED.setdefault(output.format, _CompiledTemplates()),
    )
    env.filters["end_sentence"] = end_sentence
    # A paper's own max_authors (overrides.yaml) wins over the global one.
    env.filters["shown_authors"] = lambda pub: shown_authors(
        pub.authors, max_authors if pub.max_authors is None else pub.max_authors
    )
    env.filters["url"] = _url_filter(output.format)
    env.filters["bibtex"] = lambda pub: clean_bibtex(pub, output.abstract)
    env.filters["htmltext"] = html_text
    env.filters["separated"] = separated
    return env


def latex_markers(markers: Sequence[Marker]) -> tuple[Marker, ...]:
    """Markers whose symbol is LaTeX: the user's ``latex:``, the symbol when pdflatex can
    print it, else the next of † ‡ § ¶ ‖ that no other marker uses."""
    spare = iter(mark for mark, char in _LATEX_MARKS if all(m.symbol != char for m in markers))
    result = []
    for marker in markers:
        symbol = marker.latex or escaper("latex")(marker.symbol)
        if not marker.latex and ("\\pubgenchar" in symbol or not symbol.strip()):
            symbol = next(spare, symbol)
        result.append(replace(marker, symbol=Markup(symbol)))
    return tuple(result)


def _flatten(groups: Sequence[Group]) -> list[Publication]:
    result: list[Publication] = []
    for group in groups:
        result.extend(group.publications)
        result.extend(_flatten(group.subgroups))
    return result


def _variables(
    groups: Sequence[Group], publications: Sequence[Publication], config: Config, output: Output
) -> dict[str, Any]:
    """What a list template renders from."""
    markers = latex_markers(config.markers) if output.format == "latex" else config.markers
    used = _roles_used(publications, {marker.role for marker in markers}) if config.legend else ()
    return {
        "groups": groups,
        "publications": publications,
        "markers": {marker.role: marker for marker in markers},
        "legend": [marker for marker in markers if marker.role in used],
        "config": config,
        "options": output,
    }


def _roles_used(publications: Iterable[Publication], roles: set[str]) -> set[str]:
    """Which of ``roles`` some author of ``publications`` has. The legend needs no more:
    the scan ends once all are found (5,000 entries: at the 680th, ~2 ms sooner)."""
    used: set[str] = set()
    for pub in publications:
        for author in pub.authors:
            used.update(author.roles)
        if used >= roles:
            break
    return used


def item_texts(pubs: Sequence[Publication], config: Config, output: Output) -> list[str]:
    """The ``item`` block of pubgen's own template for ``output``, rendered for each of
    ``pubs`` on its own (pubgen.items): what the page prints for each, as long as the
    block reads nothing but its publication and the page's options, markers and macros."""
    env = make_environment((), output, config.max_authors)
    template = env.get_template(TEMPLATES[output.format])
    context = template.new_context(_variables((), (), config, output))
    # The page's own code first, with no groups: it defines the macros an item calls.
    env.concat(template.root_render_func(context))
    block = template.blocks["item"]
    return ["".join(block(context.derived({"pub": pub}))) for pub in pubs]


def render(
    groups: Sequence[Group],
    config: Config,
    output: Output,
    template_dirs: Sequence[str] = (),
    items: WorkerItems | None = None,
) -> str:
    """The text of ``output``; ``items``: the texts of items that a read worker rendered,
    which only pubgen's own templates take."""
    publications = _flatten(groups)
    variables = _variables(groups, publications, config, output)
    if output.format == "json":
        from pubgen.jsonout import render_json

        return render_json(groups, publications, config, output, variables["legend"])
    name = (STANDALONE if output.standalone else TEMPLATES)[output.format]
    env = make_environment(template_dirs, output, config.max_authors)
    try:
        template = env.get_template(name)
        text = None
        if items is not None and output in items.outputs and "item" in template.blocks:
            text = items.render_page(template, variables, output)
        if text is None:
            text = template.render(**variables)
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        line = getattr(exc, "lineno", None)
        raise PubgenError(f"{where}:{line or 1}: template error: {exc}") from None
    except RecursionError:
        raise PubgenError(
            f"{name}: template error: a template extends or includes itself"
            f' (a site\'s {name} extends the packaged one as "pubgen/{name}")'
        ) from None
    except Exception as exc:  # a site's template is user input: never a traceback
        raise PubgenError(f"{name}: template error: {type(exc).__name__}: {exc}") from None
    return _ending_once(text)


def _ending_once(text: str) -> str:
    """``text`` ending in exactly one newline ("" when blank): templates are easier to
    write when blank lines may trail. A page is megabytes at 50,000 entries, so it is
    copied once at most (strip, rstrip and + took 2-4 ms of a 5,000-entry build)."""
    if not text or text.isspace():
        return ""
    end = len(text)
    while text[end - 1] == "\n":
        end -= 1
    return text[: end + 1] if end < len(text) else text + "\n"
