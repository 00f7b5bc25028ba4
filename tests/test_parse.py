from __future__ import annotations

import re
from pathlib import Path

import pytest

from pubgen import split
from pubgen.parse import parse_bib
from pubgen.values import MalformedValue, evaluate


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("{Plain}", "Plain"),
        ('"Quoted {Braces}"', "Quoted {Braces}"),
        ("2024", "2024"),
        ("dec", "December"),
        ("DEC", "December"),
        ('foo # " and " # {bar}', "Foo and bar"),
        ('{a#b} # "c#d"', "a#bc#d"),
        ("{}", ""),
        ("", ""),
        ('"a {"} b"', 'a {"} b'),
        ("{a}#{b}", "ab"),
        ("{{Nested {Braces}} here}", "{Nested {Braces}} here"),
        ("{" * 7 + "deep" + "}" * 7, "{" * 6 + "deep" + "}" * 6),  # deeper than _ONE_GROUP
        ("{a} # {b{c}d}", "ab{c}d"),
    ],
)
def test_evaluate(raw: str, expected: str) -> None:
    macros = {"foo": "Foo", "dec": "December"}
    assert evaluate(raw, macros) == expected


def test_hash_inside_braces_and_quotes_is_text() -> None:
    assert evaluate('{x # y} # "u # v" # z', {"z": "Z"}) == "x # yu # vZ"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{Mendeley}\nfile = {x}", "text after the value: `file = {x}` (a missing comma?)"),
        ("2020\n  author = {A}", "text after the value: `author = {A}` (a missing comma?)"),
        ("{a} #", "value ends with `#`"),
        ("{a}{b}", "text after the value: `{b}` (a missing comma?)"),
        ("{a}}", "text after the value: `}` (a missing comma?)"),
        ("{unclosed", "unbalanced { in value"),
        ('"unclosed', 'unbalanced " in value'),
        ("= x", "unexpected `= x` in value"),
    ],
)
def test_malformed_values(raw: str, message: str) -> None:
    with pytest.raises(MalformedValue, match=re.escape(message)):
        evaluate(raw, {})


def _messages(text: str) -> list[str]:
    return [str(d) for d in parse_bib(text, "t.bib")[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "@article{a, title={x}}\n@article{A, title={y}}\n",
            ["t.bib:2: [A] duplicate citation key (first defined on line 1)"],
        ),
        (
            "@article{a,\n  year = 2020,\n  year = 2021\n}\n",
            ["t.bib:3: [a] duplicate field `year`: the first one is used"],
        ),
        (
            "@article{a,\n  TITLE = {x},\n  TiTlE = {y}\n}\n",
            ["t.bib:3: [a] duplicate field `title`: the first one is used"],
        ),
        (
            "@string{v = {1}}\n@string{V = {2}}\n",
            ["t.bib:2: @string V redefined (first on line 1); the later value is used"],
        ),
        (
            "% @article{old, title={commented out}}\n%@misc{x,\n%  title={y}}\n",
            [],
        ),
        (
            "@article{a, title = {" + "{" * 65 + "x" + "}" * 65 + "}}\n",
            ["t.bib:1: [a] field `title` nests braces deeper than 64"],
        ),
        (
            "@article{a, tilte = {x}, bdsk-url-1 = {u}, url2 = {v}, author+an = {1=x}}\n",
            ["t.bib:1: [a] unknown field ignored: tilte"],
        ),
        (
            "@article{a,\n  title = foo # {x}\n}\n",
            ["t.bib:2: [a] field `title` uses undefined macro `foo`"],
        ),
        (
            "@string{jmlr = {JMLR}}\n@article{a, journal = jmlr}\n",
            [],
        ),
        (
            "@article{a, title={unclosed}\n@article{b, title={ok}}\n",
            [
                "t.bib:1: [a] entry could not be parsed: Unexpected block start: `@article`. "
                "Was still looking for field-value closing `,` or `}`"
            ],
        ),
        (
            "@article{a, % note\n  title = {x}}\n",
            ["t.bib:2: [a] not a field name: `% note title`"],
        ),
        (  # field lines are counted only for a problem: past multi-line values, in order
            "@article{a,\n  title = {x},\n  note = {two\nlines},\n  year = 20 20,\n"
            "  title = {y},\n  journal = foo\n}\n",
            [
                "t.bib:5: [a] field `year`: text after the value: `20` (a missing comma?)",
                "t.bib:6: [a] duplicate field `title`: the first one is used",
                "t.bib:7: [a] field `journal` uses undefined macro `foo`",
            ],
        ),
        (
            "@article{\n  a\n  ,\n\n  title = {x},\n  title = {y}}\n",
            ["t.bib:6: [a] duplicate field `title`: the first one is used"],
        ),
        (  # the same from bibtexparser, which reads "(" entries
            "@article(a,\n  title = {x},\n  note = {two\nlines},\n  title = {y})\n",
            ["t.bib:5: [a] duplicate field `title`: the first one is used"],
        ),
        (
            "@article{a, title = {x}, title = {y},\n  year = 2020, % oops\n  note = {z}}\n",
            [
                "t.bib:1: [a] duplicate field `title`: the first one is used",
                "t.bib:3: [a] not a field name: `% oops note`",
            ],
        ),
        ("@comment{x}\n@preamble{{\\newcommand{\\x}{}}}\n% text\n", []),
    ],
)
def test_parse_diagnostics(text: str, expected: list[str]) -> None:
    assert _messages(text) == expected


def test_parse_keeps_order_and_lines() -> None:
    text = '% header\n\n@Article{b,\n title = {B}}\n@misc{a, title = "A"}\n'
    pubs, diagnostics = parse_bib(text, "x.bib", file_index=3)
    assert diagnostics == []
    assert [(p.key, p.entry_type, p.location.line, p.order) for p in pubs] == [
        ("b", "article", 3, (3, 3)),
        ("a", "misc", 5, (3, 5)),
    ]
    assert pubs[0].fields == {"title": "B"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "@article{a, title={" + "{" * 5000 + "}" * 5000 + "}}\n",
            ["h.bib:1: [a] field `title` nests braces deeper than 64"],
        ),
        (
            "@article{a, title={" + "x" * 1_000_001 + "}}\n",
            ["h.bib:1: [a] field `title` is 1000003 characters, more than the 1000000 allowed"],
        ),
        (
            "@article{a, title={" + "x" * 100_000 + "\n",
            ["h.bib:1: [a] entry could not be parsed: Unexpectedly reached end of file."],
        ),
        ("@article{a, title = " + " # ".join(["{a}"] * 10_000) + "}\n", []),
        ("@article{a, title={" + "x@y " * 50_000 + "}}\n", []),
    ],
    ids=["deep-braces", "huge-field", "unclosed", "many-hashes", "many-at-signs"],
)
def test_hostile_inputs_are_reported_not_fatal(text: str, expected: list[str]) -> None:
    """Limits keep a hostile file from hanging pubgen (speed itself is bench/'s business)."""
    assert [str(d) for d in parse_bib(text, "h.bib")[1]] == expected


def test_parsing_in_chunks_changes_nothing(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big files are parsed a piece at a time; where the cuts fall must not show."""
    path = corpus / "malformed" / "bbt-import_entries-discarded-1018.bib"
    text = path.read_text(encoding="utf-8")
    whole = parse_bib(text, "x.bib")
    monkeypatch.setattr(split, "CHUNK_CHARS", 300)
    assert parse_bib(text, "x.bib") == whole
    assert len(whole[0]) > 900 and len(whole[1]) > 100
