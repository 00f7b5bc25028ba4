"""A site's own templates: they replace the packaged ones by name, extend them through
``pubgen/NAME``, and their mistakes are one-line errors, never a traceback."""

from __future__ import annotations

from pathlib import Path

import jinja2.compiler
import pytest
from markupsafe import Markup

from pubgen import compiled, render
from pubgen.cli import main
from pubgen.model import Author, Location, Publication
from pubgen.outputs import Output
from pubgen.render import make_environment

BIB = """\
@inproceedings{a2024,
  title = {A <b>Bold</b> Title}, author = {Tang, Zhenheng and Chu, Xiaowen},
  booktitle = {ICML}, year = 2024, doi = {10.1000/a}
}
"""
OVERRIDES = "owner: {names: [Zhenheng Tang]}\npapers:\n  a2024: {corresponding: [Xiaowen Chu]}\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(OVERRIDES, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("fmt", "name", "template", "expected"),
    [
        (
            "html",
            "html.html.j2",
            '{% extends "pubgen/html.html.j2" %}\n'
            '{% block item %}<li class="mine">{{ pub.title }} ({{ pub.year }})</li>{% endblock %}',
            '<li class="mine">A &lt;b&gt;Bold&lt;/b&gt; Title (2024)</li>',
        ),
        (
            "html",
            "html.html.j2",
            '{% extends "pubgen/html.html.j2" %}{% block legend %}<p>Mine</p>{% endblock %}',
            '><p>Mine</p>\n<h2 class="pubgen-heading">Conference Papers</h2>',
        ),
        (
            "latex",
            "latex.tex.j2",
            '{% extends "pubgen/latex.tex.j2" %}\n'
            "{% block item %}\\item[{{ pub.year }}] {{ pub.title }}{% endblock %}",
            "\\item[2024] A \\textless{}b\\textgreater{}Bold\\textless{}/b\\textgreater{} Title\n",
        ),
        (
            "latex",
            "latex.tex.j2",
            '{% extends "pubgen/latex.tex.j2" %}{% block preamble %}{% endblock %}',
            "The \\textsuperscript{\\dag} represents corresponding author.",
        ),
        (
            "markdown",
            "markdown.md.j2",
            "{% for p in publications %}{{ p.key }}{% endfor %}",
            "a2024\n",
        ),
        (
            # Jinja2's own lookup in a site's templates: an attribute that is not there
            # is undefined (pubgen's templates, alone, use Python's getattr).
            "markdown",
            "markdown.md.j2",
            "{% for p in publications %}{{ p.nickname is defined }} {{ p.fields.year }}{% endfor %}",
            "False 2024\n",
        ),
        (
            # separated: what to print before each item ("" before the first), escaped.
            "markdown",
            "markdown.md.j2",
            '{% for sep, a in publications[0].authors | separated(" <&> ") %}'
            "{{ sep }}{{ a.short }}{% endfor %}|{% for sep, x in [] | separated(',') %}x{% endfor %}",
            "Z. Tang &lt;&amp;&gt; X. Chu|\n",
        ),
    ],
)
def test_site_template_overrides_and_extends(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    name: str,
    template: str,
    expected: str,
) -> None:
    (site / "templates" / name).write_text(template, encoding="utf-8")
    assert main(["build", "-o", "-", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert expected in out
    if fmt != "markdown":  # the standalone page includes the site's fragment by name
        assert main(["build", "-o", "page", "--format", fmt, "--standalone"]) == 1
        assert expected in (site / "page").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("template", "out"),
    [
        ("{{ publications[0].key }}", "a2024\n"),
        ("{{ publications[0].key }}\n", "a2024\n"),
        ("{{ publications[0].key }}\n\n\n", "a2024\n"),
        ("{{ publications[0].key }} \n \n\n", "a2024 \n \n"),  # only newlines go
        ("\n\n{{ publications[0].key }}", "\n\na2024\n"),  # leading ones stay
        ("", ""),
        (" \n\t\n", ""),  # a blank page is empty, not a newline
    ],
)
def test_a_page_ends_in_exactly_one_newline(
    site: Path, capsys: pytest.CaptureFixture[str], template: str, out: str
) -> None:
    (site / "templates" / "markdown.md.j2").write_text(template, encoding="utf-8")
    assert main(["build", "-o", "-"]) == 0
    assert capsys.readouterr().out == out


def test_templates_option_is_searched_first(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "templates" / "html.html.j2").write_text("site\n", encoding="utf-8")
    (site / "mine").mkdir()
    (site / "mine" / "html.html.j2").write_text("option\n", encoding="utf-8")
    assert main(["build", "-o", "-", "--format", "html", "--templates", "mine"]) == 0
    assert capsys.readouterr().out == "option\n"


def test_an_edited_template_is_compiled_again(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Compiled templates are kept for the process (render.py): never once edited."""
    template = site / "templates" / "markdown.md.j2"
    outputs = []
    for text in ("first {{ publications | length }}\n", "second\n", "first 1\n"):
        template.write_text(text, encoding="utf-8")
        assert main(["build", "-o", "-"]) == 0
        outputs.append(capsys.readouterr().out)
    template.unlink()  # back to the packaged template, compiled once above or now
    for _ in range(2):
        assert main(["build", "-o", "-"]) == 0
        outputs.append(capsys.readouterr().out)
    packaged = (
        "The 📧 represents corresponding author.\n\n## Conference Papers\n\n"
        "* **Z. Tang**, X. Chu📧. A &lt;b&gt;Bold&lt;/b&gt; Title. In ICML 2024.\n"
    )
    assert outputs == ["first 1\n", "second\n", "first 1\n", packaged, packaged]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            '{% extends "html.html.j2" %}',
            'html.html.j2: template error: a template extends or includes itself (a site\'s html.html.j2 extends the packaged one as "pubgen/html.html.j2")',
        ),
        ("line one\n{% for x in %}\n", "html.html.j2:2: template error: "),
        ("{{ publications[0].titel }}", "html.html.j2:1: template error: "),
        ("{{ 1 + publications[0].title }}", "html.html.j2: template error: TypeError: "),
    ],
)
def test_template_mistakes_are_errors(
    site: Path, capsys: pytest.CaptureFixture[str], template: str, message: str
) -> None:
    (site / "templates" / "html.html.j2").write_text(template, encoding="utf-8")
    assert main(["build", "-o", "-", "--format", "html"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_templates_compiled_in_advance_are_current() -> None:
    """pubgen/templates/compiled/ is what ``python -m pubgen.compiled`` writes now, and
    render uses it for each packaged template until that template changes."""
    expected = compiled.generate(make_environment([], Output("markdown")))
    # One compiled copy serves every format: their environments differ only in functions
    # the generated code looks up when it runs (finalize, filters).
    for fmt in ("html", "latex"):
        assert compiled.generate(make_environment([], Output(fmt))) == expected
    folder = Path(compiled.FOLDER)
    written = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.*")}
    assert written == expected, "templates changed: run python -m pubgen.compiled"
    sources = {p.name: p.read_text(encoding="utf-8") for p in Path(compiled.TEMPLATES).glob("*.j2")}
    assert len(sources) == 5
    assert all(compiled.code(name, text) is not None for name, text in sources.items())
    assert all(compiled.code(name, text + " ") is None for name, text in sources.items())


@pytest.mark.parametrize(
    "source",
    [
        "{{ x }}|{{ m }}|{{ x | safe }}|{{ 3 }}|{{ none }}|{{ x ~ m }}",
        "{{ [x, m] | join(', ') }}|{{ x | upper }}|{{ x if flag else m }}",
        "{% macro f(v) %}[{{ v }}]{% endmacro %}{{ f(x) }}|{{ f(m) }}",
        "{% macro f() %}({{ caller() }}){% endmacro %}{% call f() %}{{ x }}{% endcall %}",
        "{% set t %}{{ x }}{% endset %}{{ t }}|{% set u = x %}{{ u }}",
        "{% autoescape false %}{{ x }}|{{ m }}{% endautoescape %}",
        "{% autoescape flag %}{{ x }}|{{ m }}{% endautoescape %}",
        "{% for v in [x, m] %}{{ loop.index }}{{ v }}{% endfor %}",
        # Scoped blocks in a loop and in a macro's loop (as the item blocks are called).
        "{% for v in [x, m] %}{% block b scoped %}{{ loop.index }}{{ v }}{% endblock %}"
        "{% endfor %}",
        "{% macro f(v) %}{% for w in [v, x] %}{% block c scoped %}[{{ w }}{{ v }}]"
        "{% endblock %}{% endfor %}{% endmacro %}{{ f(x) }}|{{ f(m) }}",
    ],
)
@pytest.mark.parametrize("fmt", ["markdown", "html", "latex"])
@pytest.mark.parametrize("site_dirs", [[], ["no-such-folder"]])
def test_values_print_as_jinja2_would_print_them(
    source: str, fmt: str, site_dirs: list[str]
) -> None:
    """pubgen compiles ``{{ value }}`` without Jinja2's escape() around its finalize
    (render._CodeGenerator): every way a value reaches the output prints the same."""
    env = make_environment(site_dirs, Output(fmt))
    ours = env.from_string(source)
    env.code_generator_class = jinja2.compiler.CodeGenerator
    jinja2s = env.from_string(source)
    values = {"x": "<a & b> {x} $%", "m": Markup("<i>"), "flag": False}
    assert ours.render(values) == jinja2s.render(values)
    # ...which are not the same code:
    assert "escape(environment.finalize(" in env.compile("{{ x }}", raw=True)
    del env.code_generator_class
    assert "escape(environment.finalize(" not in env.compile("{{ x }}", raw=True)


def test_a_scoped_block_call_asks_the_answer_set_for_it_first() -> None:
    """render.scoped_block: what pubgen.items' placeholders go through."""
    env = make_environment([], Output("markdown"))
    source = "{% for v in vs %}{% block b scoped %}<{{ v }}>{% endblock %}{% endfor %}"
    assert "environment.scoped_block(" in env.compile(source, raw=True)
    page = env.from_string(source)
    render.answer_first(env, "b", lambda names: ("!",) if names["v"] == "2" else None)
    render.answer_first(env, "other", lambda names: ("?",))
    assert page.render(vs=["1", "2", "3"]) == "<1>!<3>"
    render.answer_first(env, "b", None)
    assert page.render(vs=["1", "2", "3"]) == "<1><2><3>"


def _pub(*roles: tuple[str, ...]) -> Publication:
    authors = tuple(Author("A", f"B{i}", roles=r) for i, r in enumerate(roles))
    return Publication("k", "misc", {}, Location("f.bib", 1), authors=authors)


@pytest.mark.parametrize(
    ("pubs", "roles", "used"),
    [
        ([], {"equal"}, set()),
        ([_pub((), ("equal",))], {"equal", "lead"}, {"equal"}),
        ([_pub(("equal", "lead")), _pub(("corresponding",))], {"equal", "lead"}, {"equal", "lead"}),
        ([_pub(("lead",)), _pub(("equal",))], {"equal", "lead"}, {"equal", "lead"}),
        ([_pub(("x",)), _pub(("equal",))], {"equal"}, {"x", "equal"}),
    ],
)
def test_the_legend_knows_the_roles_in_use(
    pubs: list[Publication], roles: set[str], used: set[str]
) -> None:
    found = render._roles_used(pubs, roles)
    assert found & roles == used & roles
    assert found <= used
