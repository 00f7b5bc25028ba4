"""The block splitter gives what bibtexparser gives, only faster and with true line numbers.

The reference is bibtexparser v2 splitting the whole text at once (``_bibtexparser`` with
nothing appended), which is what pubgen did before the fast scanner existed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen import blocks, split
from pubgen.errors import InputError
from pubgen.sources import read_bib, text_of
from tests.conftest import corpus_files
from tests.test_properties import bibtexish

_BIBTEXPARSER = split._bibtexparser


class Counted(NamedTuple):
    """An entry with the lines of its fields counted, which blocks.Entry does on demand."""

    entry_type: str
    key: str
    fields: tuple[blocks.Field, ...]
    line: int
    field_lines: tuple[int, ...]


Found = Counted | blocks.String | blocks.Between | blocks.Failed


def _counted(found: Iterable[blocks.Block]) -> list[Found]:
    return [
        Counted(*block[:4], block.field_lines()) if isinstance(block, blocks.Entry) else block
        for block in found
    ]


def _split(text: str) -> list[Found]:
    return _counted(split.split(text))


def _reference(text: str) -> list[Found]:
    return _counted(_BIBTEXPARSER(split.blank_comment_lines(text), "", 1))


def _without_lines(found: list[Found]) -> list[object]:
    return [
        (block.entry_type, block.key, block.fields)
        if isinstance(block, Counted)
        else block._replace(line=0)
        for block in found
    ]


def _handed_over(text: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pieces the fast scanner left to bibtexparser."""
    pieces: list[str] = []

    def spy(piece: str, opening: str, line: int) -> list[blocks.Block]:
        pieces.append(piece)
        return list(_BIBTEXPARSER(piece, opening, line))

    monkeypatch.setattr(split, "_bibtexparser", spy)
    return pieces


def _checked_lines(text: str, found: list[Found]) -> None:
    """Each entry's line holds its "@", each field's line its name."""
    lines = text.split("\n")
    for block in found:
        if isinstance(block, Counted):
            assert "@" in lines[block.line - 1], block
            for (name, _), line in zip(block.fields, block.field_lines, strict=True):
                assert name in lines[line - 1], (block.key, name, line)


@pytest.mark.parametrize("name", corpus_files())
def test_same_blocks_as_bibtexparser_on_the_corpus(corpus: Path, name: str) -> None:
    path = corpus / name
    try:
        text, _ = read_bib(str(path))
    except InputError:
        return  # not UTF-8 (tests/golden/malformed.txt): never split
    found = _split(text)
    reference = _reference(text)
    assert _without_lines(found) == _without_lines(reference)
    # bibtexparser does not count a newline that follows a backslash; there its lines drift.
    if "\\\n" in text or "\\\r\n" in text:
        _checked_lines(text, found)
    else:
        assert found == reference


REGULAR = """@string{ acm = "ACM" # { Press} }
@article{a,
  title = {A {{Nested {Title}}}, with \\{escaped\\} braces},
  author = "Quoted, Ann and {Braced}, Bob and Schr\\"odinger, Erwin",
  publisher = acm # { } # "x",
  pages = {1--2},
  note = {missing comma} year = 2020,
}
stray text between
@comment{ anything {nested} }
@misc{ b ,note={50\\%},}"""


def test_regular_blocks_never_reach_bibtexparser(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = _handed_over(REGULAR, monkeypatch)
    assert _split(REGULAR) == _reference(REGULAR)
    assert pieces == []


@pytest.mark.parametrize(
    "block",
    [
        '@article{a, title = "a {"} b"}',  # a literal quote inside quotes
        "@article{a, title = {unclosed}\n",
        "@article(a, title = {round})",
        "@article{a, title = {x\n  @misc{b, title = {y}}",  # a block start inside a value
        "@article{a@b, title = {x}}",
        "@{a, title = {x}}",
        "@misc{nofields}",
        "@article{a, title}",
        "@article{a, ti\\tle = {x}}",
        "@string(x = {y})",
        "@article{a, title = " + "{" * 12 + "deep" + "}" * 12 + "}",
    ],
)
def test_irregular_blocks_go_to_bibtexparser_with_the_same_result(
    block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = f"@misc{{before, title = {{x}}}}\n{block}\n@misc{{after, title = {{y}}}}\n"
    pieces = _handed_over(text, monkeypatch)
    assert _split(text) == _reference(text)
    assert pieces and pieces[0].startswith(block[:5])


def test_pieces_of_a_big_file_give_the_same_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (REGULAR + "\n@article{c, title = {z}\n") * 40
    whole = _split(text)
    monkeypatch.setattr(split, "CHUNK_CHARS", 100)
    assert _split(text) == whole == _reference(text)


@settings(max_examples=300, deadline=None)
@given(bibtexish)
def test_any_text_splits_as_bibtexparser_splits_it(text: str) -> None:
    found = _split(text)
    reference = _reference(text)
    if "\\\n" in text or "\\\r" in text:
        assert _without_lines(found) == _without_lines(reference)
    else:
        assert found == reference


def _cut_checked(data: bytes, size: int, read: int) -> None:
    """``byte_chunks`` cuts ``data`` (read ``read`` bytes at a time) only where ``chunks``
    may cut its text, and reading the chunks one by one gives the blocks of the whole text,
    on their lines."""
    try:
        whole = text_of("f.bib", split.RawChunk(data, 1, ""))
    except InputError:
        return  # refused whole or in chunks alike (tests/test_reading.py)
    raws = list(split.byte_chunks([data[i : i + read] for i in range(0, len(data), read)], size))
    # The cuts do not depend on where the file's reads end.
    assert raws == list(split.byte_chunks([data], size))
    texts = [text_of("f.bib", raw) for raw in raws]
    assert "".join(texts) == whole
    at = 0
    line = 1
    for raw, text in zip(raws, texts, strict=True):
        assert raw.first_line == line
        at += len(text)
        line += text.count("\n")
        if raw.next_start:  # a line-start block as the text's own pattern finds it
            found = split._LINE_BLOCK_START.match(whole, whole.rindex("\n", 0, at))
            assert found is not None and found.start(1) == at, (raw, whole[at - 20 : at + 20])
            assert found.group(1) == raw.next_start
    by_chunk = [
        block
        for raw, text in zip(raws, texts, strict=True)
        for block in split.split_chunk(
            split.Chunk(split.blank_comment_lines(text), raw.first_line, raw.next_start)
        )
    ]
    assert _counted(by_chunk) == _split(whole)


@pytest.mark.parametrize("name", corpus_files())
def test_byte_chunks_cut_the_corpus_where_its_text_may_be_cut(corpus: Path, name: str) -> None:
    _cut_checked((corpus / name).read_bytes(), 20_000, 65_537)


@settings(max_examples=300, deadline=None)
# Line ends as files have them, and blanks that begin a line or only look as if they did.
@given(bibtexish, st.sampled_from(["\n", "\r\n", "\r", "\n\u00a0", "\n\f", " ", "\u2028"]))
def test_byte_chunks_cut_any_text_where_it_may_be_cut(text: str, newline: str) -> None:
    data = text.replace("\n", newline).encode("utf-8", "surrogatepass")
    for size in (1, 40):
        _cut_checked(data, size, 3)


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"", 0),
        (b"no line end", 0),
        (b"a\nb\n", 2),
        (b"a\r\nb\r\n", 2),
        (b"a\rb\r", 2),
        (b"a\r\n\rb\n\r", 4),
        (b"\r", 1),
        (b"\n\r\n\r", 3),
    ],
)
def test_line_breaks_count_the_lines_decoded_text_has(data: bytes, lines: int) -> None:
    assert split.line_breaks(data) == lines
    assert split.line_breaks(data) == text_of("f.bib", split.RawChunk(data, 1, "")).count("\n")
