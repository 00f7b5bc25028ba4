"""Split BibTeX text into blocks: a fast scanner for well-formed blocks, bibtexparser for the rest.

bibtexparser v2's splitter walks the text mark by mark in Python (~0.1 ms per entry). Most
blocks of a real export are regular: ``@type{key,`` then ``name = value`` pairs, values
in balanced braces or plain quotes. For those the block is found here with a few regex
matches, and the result is what bibtexparser would give (tests/test_split.py compares
the two on the whole corpus and on generated fragments). Anything else, from an unclosed
value to a ``(``-delimited entry, goes to bibtexparser itself, so that its recovery and
its error messages stay exactly what they were.

Handing bibtexparser only a piece of the text is exact when the piece starts at a block
and ends just before a block start that begins a line: bibtexparser aborts any open block
at such a line, so what comes after never changes what comes before. The piece gets that
next block's opening (``@article{``) appended, so that an unfinished block fails with the
same message as in the whole file; the stub block that makes is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import AnyStr, NamedTuple

from pubgen.blocks import Between, Block, Entry, Lines, String
from pubgen.lazyre import LazyRegex

# A block start anywhere in text between blocks, as bibtexparser defines it.
_BLOCK_START = re.compile(r"@\w*[ \t]*(?=[{(])")
# One at the start of a line: where bibtexparser aborts any unfinished block.
_LINE_BLOCK_START = re.compile(r"\n[^\S\n]*(@\w*[ \t]*[{(])")
# The same in a file's bytes, before they are decoded, in ASCII: each cut it finds is one
# _LINE_BLOCK_START finds in the decoded text ("\r\n" decodes to "\n"); one with a
# non-ASCII space or letter it misses only makes a chunk longer.
_LINE_BLOCK_START_BYTES = re.compile(rb"\n[ \t\f\v]*(@[A-Za-z0-9_]*[ \t]*[{(])")
_COMMENT_LINE = LazyRegex(r"^[ \t]*%[^\n]*", re.MULTILINE)
_COMMENT_AFTER_NEWLINE = re.compile(r"\n[ \t]*%")


# A brace, quote or comma right after a backslash is text to bibtexparser, not a delimiter.
_TEXT = r"[^{}\\]++|\\[{}]?"


def _braced(depth: int) -> str:
    # Balanced braces up to ``depth`` levels; possessive, so a failure never backtracks.
    inner = r"(?:" + _TEXT + r")*+"
    for _ in range(depth):
        inner = r"(?:" + _TEXT + r"|\{" + inner + r"\})*+"
    return r"\{" + inner + r"\}"


# Deeper values are rare ("{\\'{\\i}}" inside "{{...}}" is 4) and go to bibtexparser; each
# level makes the patterns longer to compile at every start.
_BRACED = _braced(5)
# A quoted value. Braces do not count inside it; a '{"}' there is a literal quote to
# bibtexparser, which is left to it.
_QUOTED = r'"(?:[^"\\{]++|\\"?|\{(?!"\}))*+"'
# Text between a field name and the "," or "}" that ends the field: plain runs, braced
# and quoted values, "#" joins.
_VALUE = r'(?:[^{}",\\]++|\\[{}",]?|' + _BRACED + "|" + _QUOTED + r")*+"
# The rest of an @string, @comment or @preamble: braces count, quotes do not.
_BODY = LazyRegex(r"(?:" + _TEXT + "|" + _BRACED + r")*+\}")
# A citation key or field name ("@" and "\" in one go to bibtexparser), up to its "," or "=".
_NAME = r'([^{}",=@\\]*)'
_KEY = re.compile(_NAME + ",")
_FIELD = re.compile(_NAME + "=(" + _VALUE + r")(?:,|(?=\}))")
# What ends an entry after its fields; a trailing comma is allowed, a name without a
# value is not.
_CLOSING = re.compile(r"\s*+\}")
_STRING_NAME = LazyRegex(_NAME + "=")
CHUNK_CHARS = 1_000_000


def blank_comment_lines(text: str) -> str:
    """Lines that start with ``%`` emptied, keeping line numbers.

    BibTeX itself has no comments, but biber, Zotero and JabRef treat such lines as
    comments, and users comment out whole entries that way (``%@article{...``), which
    would otherwise parse as live entries.
    """
    # The search for "\n" then "%" is several times faster than the line-anchored one.
    if not (_COMMENT_AFTER_NEWLINE.search(text) or text.lstrip(" \t").startswith("%")):
        return text
    return _COMMENT_LINE.compiled.sub("", text)


class Chunk(NamedTuple):
    """A run of whole blocks, comment lines blanked, ending before a line-start block."""

    text: str
    first_line: int
    next_start: str  # the opening ("@article{") of the block after it; "" at the end


def _cuts(
    pieces: Iterable[AnyStr], size: int, line_start: re.Pattern[AnyStr]
) -> Iterator[tuple[AnyStr, AnyStr]]:
    """``pieces`` joined and cut in runs of at least ``size``, each ending before a block
    start that begins a line (``line_start``'s group 1), with that block's opening; the
    last run with an empty one. Where a cut falls never depends on where a piece ends."""
    buffer = line_start.pattern[:0]  # empty, and str or bytes as the pattern is
    for piece in pieces:
        buffer += piece
        start = 0
        while found := line_start.search(buffer, start + size):
            yield buffer[start : found.start(1)], found.group(1)
            start = found.start(1)
        buffer = buffer[start:]
    yield buffer, buffer[:0]


def chunks(text: str | Iterable[str], size: int) -> Iterator[Chunk]:
    """``text`` (or its pieces in turn) in chunks of about ``size`` characters.

    Each chunk ends before a block start that begins a line, so splitting the chunks one
    by one gives the blocks of the whole text, and memory stays flat on huge files.
    """
    line = 1
    for chunk, opening in _cuts(
        (text,) if isinstance(text, str) else text, size, _LINE_BLOCK_START
    ):
        yield Chunk(blank_comment_lines(chunk), line, opening)
        line += chunk.count("\n")


class RawChunk(NamedTuple):
    """A chunk of a file's bytes as ``byte_chunks`` cuts it, to be decoded on its own
    (pubgen.sources.decode) by whichever process reads it."""

    data: bytes
    first_line: int
    next_start: str  # as in Chunk


def byte_chunks(pieces: Iterable[bytes], size: int) -> Iterator[RawChunk]:
    """What ``chunks`` does, on a file's bytes in turn: each cut is before a block start
    that begins a line, at ASCII text, so that no character or CRLF is cut in two."""
    line = 1
    for data, opening in _cuts(pieces, size, _LINE_BLOCK_START_BYTES):
        yield RawChunk(data, line, opening.decode("ascii"))
        line += line_breaks(data)


def line_breaks(data: bytes) -> int:
    """The lines ``data`` ends, as its decoded text counts them: LF, CRLF and CR."""
    # Counted in bytes: ~10x faster than in the decoded text. Most files have no CR, and
    # looking for one is ~10x faster than counting CR and CRLF (7.5 MB: 7.4 ms).
    lf = data.count(b"\n")
    if b"\r" not in data:
        return lf
    return lf + data.count(b"\r") - data.count(b"\r\n")


def split(text: str | Iterable[str]) -> Iterator[Block]:
    """Every block of ``text`` (or of its pieces in turn), with 1-based line numbers."""
    for chunk in chunks(text, CHUNK_CHARS):
        yield from split_chunk(chunk)


def split_chunk(chunk: Chunk) -> Iterator[Block]:
    """The blocks of one chunk, with their line numbers in the whole text."""
    text, first_line, next_start = chunk
    lines = Lines(text, first_line)
    pos = 0
    while True:
        found = _BLOCK_START.search(text, pos)
        end = found.start() if found else len(text)
        between = text[pos:end]
        if between and not between.isspace():
            stripped = between.strip()
            lead = between.index(stripped[0])
            yield Between(stripped, lines.at(pos + lead))
        if found is None:
            return
        line = lines.at(found.start())
        block = _block(text, found, line)
        if block is not None:
            parsed, pos = block
            if parsed is not None:
                yield parsed
            continue
        after = _LINE_BLOCK_START.search(text, found.start())
        cut, opening = (after.start(1), after.group(1)) if after else (len(text), next_start)
        yield from _bibtexparser(text[found.start() : cut], opening, line)
        pos = cut


def _block(text: str, start: re.Match[str], line: int) -> tuple[Entry | String | None, int] | None:
    """(block, end) of a regular block at ``start``; None for bibtexparser to do."""
    opening = start.end()
    if text[opening] != "{":
        return None
    kind = start.group().lower()
    if kind.startswith(("@comment", "@preamble")):
        body = _BODY.compiled.match(text, opening + 1)
        result: tuple[Entry | String | None, int] | None = (None, body.end()) if body else None
    elif kind.startswith("@string"):
        result = _string(text, opening, line)
    elif kind[1:].strip():
        result = _entry(text, kind[1:].strip(), opening, line)
    else:
        return None
    if result is None:
        return None
    # bibtexparser ends a block at any line that starts a new one, even inside a value.
    if _LINE_BLOCK_START.search(text, opening, result[1]):
        return None
    return result


def _string(text: str, opening: int, line: int) -> tuple[String, int] | None:
    name = _STRING_NAME.compiled.match(text, opening + 1)
    if name is None:
        return None
    body = _BODY.compiled.match(text, name.end())
    if body is None:
        return None
    return String(
        name.group(1).strip(), text[name.end() : body.end() - 1].strip(), line
    ), body.end()


def _entry(text: str, entry_type: str, opening: int, line: int) -> tuple[Entry, int] | None:
    key = _KEY.match(text, opening + 1)
    if key is None:
        return None
    # Fields one after another, then the closing brace: what ``(?:_FIELD)*+\s*+\}`` would
    # match, read in one pass.
    pos = key.end()
    fields = []
    while found := _FIELD.match(text, pos):
        name, value = found.groups()
        fields.append((name.strip(), value.strip()))
        pos = found.end()
    closing = _CLOSING.match(text, pos)
    if closing is None:
        return None
    field_lines = functools.partial(_field_lines, text, opening, key.end(), line)
    return Entry(entry_type, key.group(1).strip(), tuple(fields), line, field_lines), closing.end()


def _field_lines(text: str, opening: int, start: int, line: int) -> tuple[int, ...]:
    """The line of each field of the entry ``_entry`` read at ``opening`` (on ``line``),
    its fields starting at ``start``: the key's last line plus the newlines of the names
    and values before the field's "="."""
    field_line = line + text.count("\n", opening, start)
    lines = []
    while found := _FIELD.match(text, start):
        name, value = found.groups()
        field_line += name.count("\n")
        lines.append(field_line)
        field_line += value.count("\n")
        start = found.end()
    return tuple(lines)


def _bibtexparser(piece: str, opening: str, first_line: int) -> Iterator[Block]:
    from pubgen.bibsplit import split_piece  # imports bibtexparser: only when it is needed

    return split_piece(piece, opening, first_line)
