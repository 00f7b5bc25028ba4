"""Marker lines: splicing keeps every byte outside them; init adds them without loss."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen.errors import PubgenError
from pubgen.markers import add_markers, splice

S, E = "<!-- pubgen:start -->", "<!-- pubgen:end -->"
FENCE = f"```html\n{S}\n{E}\n```\n"


@pytest.mark.parametrize(
    ("page", "block", "expected"),
    [
        (f"a\n{S}\nold\n{E}\nb\n", "NEW\n", f"a\n{S}\nNEW\n{E}\nb\n"),
        (f"{S}\n{E}\n", "", f"{S}\n{E}\n"),
        (f"{S}\nold\n{E}\n", "", f"{S}\n{E}\n"),
        (f"{S}\r\n{E}\r\n", "a\r\nb", f"{S}\r\na\r\nb\r\n{E}\r\n"),
        (f"x\u2028y\n{S}\n{E}\nz\u2029", "N\n", f"x\u2028y\n{S}\nN\n{E}\nz\u2029"),
        (FENCE + f"{S}\n{E}\n", "N\n", FENCE + f"{S}\nN\n{E}\n"),
        (
            f"~~~~\n{S}\n~~~\n{E}\n~~~~\n{S}\n{E}\n",
            "N\n",
            f"~~~~\n{S}\n~~~\n{E}\n~~~~\n{S}\nN\n{E}\n",
        ),
        (f"``` a`b\n{S}\n{E}\n", "N\n", f"``` a`b\n{S}\nN\n{E}\n"),
    ],
    ids=[
        "lf",
        "empty-list",
        "emptied",
        "crlf-block",
        "unicode-breaks",
        "fenced-decoy",
        "long-fence",
        "not-a-fence",
    ],
)
def test_splice(page: str, block: str, expected: str) -> None:
    assert splice(page, block, "p.md") == expected


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "no markers\n",
            "p.md: needs exactly one <!-- pubgen:start --> line and one <!-- pubgen:end --> line, found 0 start and 0 end markers (pubgen init --page p.md adds them)",
        ),
        (f"{S}\n{S}\n{E}\n", "found 2 start and 1 end markers (lines 1, 2, 3)"),
        (f"{E}\n{S}\n", "p.md:1: <!-- pubgen:end --> comes before <!-- pubgen:start -->"),
        (f"text {S}\n{E}\n", "found 0 start and 1 end markers (lines 2)"),
        (FENCE, "found 0 start and 0 end markers; 2 inside fenced code blocks do not count"),
        (f"```\n{S}\n{E}\n", "2 inside fenced code blocks do not count"),
        (f"a\r{S}\r{E}\r", "found 0 start and 0 end markers"),
    ],
    ids=[
        "none",
        "two-starts",
        "reversed",
        "not-own-line",
        "only-fenced",
        "unclosed-fence",
        "cr-only",
    ],
)
def test_splice_refuses_bad_markers(page: str, message: str) -> None:
    with pytest.raises(PubgenError) as info:
        splice(page, "NEW\n", "p.md")
    assert message in str(info.value)


_CHAR = st.characters(codec="utf-8", exclude_characters="\n`~")
_ENDING = st.sampled_from(["\n", "\r\n"])
_LINES = st.lists(st.tuples(st.text(_CHAR, max_size=12), _ENDING), max_size=5)


def _join(lines: list[tuple[str, str]]) -> str:
    return "".join(text + ending for text, ending in lines)


@settings(max_examples=300)
@given(
    before=_LINES,
    old=_LINES,
    after=_LINES,
    tail=st.text(_CHAR, max_size=8),
    start_nl=_ENDING,
    end_nl=st.sampled_from(["", "\n", "\r\n"]),
    block=st.text(st.characters(codec="utf-8", exclude_characters="\r")),
)
def test_splice_keeps_every_byte_outside_the_markers(
    before: list[tuple[str, str]],
    old: list[tuple[str, str]],
    after: list[tuple[str, str]],
    tail: str,
    start_nl: str,
    end_nl: str,
    block: str,
) -> None:
    head = _join(before) + S + start_nl
    rest = E + end_nl + (_join(after) + tail if end_nl else "")
    page = head + _join(old) + rest
    spliced = splice(page, block, "p.md")
    body = block.replace("\n", start_nl)
    if body and not body.endswith(start_nl):
        body += start_nl
    assert spliced == head + body + rest
    assert splice(spliced, block, "p.md") == spliced


H = "# Publications"


@pytest.mark.parametrize(
    ("page", "after", "expected"),
    [
        ("", None, f"{S}\n{E}\n"),
        ("intro", None, f"intro\n\n{S}\n{E}\n"),
        ("\ufeffa\r\nb\r\n", None, f"\ufeffa\r\nb\r\n\r\n{S}\r\n{E}\r\n"),
        ("a\n\n", None, f"a\n\n{S}\n{E}\n"),
        (f"---\nt: 1\n---\n{H}\nold list\n", H, f"---\nt: 1\n---\n{H}\n\n{S}\n{E}\n\nold list\n"),
        (f"{H}\r\n\r\nx\r\n", "Publications", f"{H}\r\n\r\n{S}\r\n{E}\r\n\r\nx\r\n"),
        ("## Publications ##  \nx", "Publications", f"## Publications ##  \n\n{S}\n{E}\n\nx"),
        (
            "Publications\n============\nx\n",
            "Publications",
            f"Publications\n============\n\n{S}\n{E}\n\nx\n",
        ),
        (f"a\n{S}\nlist\n{E}\nb\n", None, f"a\nb\n\n{S}\n{E}\n"),
        (f"{S}\n{S}\n{H}\n", H, f"{H}\n\n{S}\n{E}\n"),
        (FENCE + H, H, FENCE + f"{H}\n\n{S}\n{E}\n"),
    ],
    ids=[
        "empty",
        "no-final-newline",
        "bom-crlf",
        "blank-end",
        "after-heading",
        "heading-text",
        "closed-atx",
        "setext",
        "moved",
        "broken-replaced",
        "fence-kept",
    ],
)
def test_add_markers(page: str, after: str | None, expected: str) -> None:
    assert add_markers(page, after, "p.md") == expected


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "# Other\n",
            "p.md: needs exactly one line '# Publications' to put the markers after, found 0",
        ),
        (f"{H}\n{H}\n", "found 2 (lines 1, 2)"),
        (f"```\n{H}\n```\n", "found 0"),
    ],
)
def test_add_markers_needs_one_heading(page: str, message: str) -> None:
    with pytest.raises(PubgenError) as info:
        add_markers(page, H, "p.md")
    assert message in str(info.value)
