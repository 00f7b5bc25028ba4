"""The two marker lines of a page: find them, splice a list between them, add them.

A page is handled as text split at ``\\n`` only, each line keeping its own ending, so
everything outside the markers (LF or CRLF, a BOM, front matter, a missing final
newline) is given back byte for byte. Marker lines inside a fenced code block are text,
not markers: a page may show the markers in an example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pubgen.errors import PubgenError

START = "<!-- pubgen:start -->"
END = "<!-- pubgen:end -->"
_LINES = re.compile(r"[^\n]*\n|[^\n]+$")
# CommonMark fences: up to 3 spaces, then 3+ backticks (no backtick in the info string)
# or 3+ tildes. A fence closes with the same character, at least as many times.
_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def split_lines(text: str) -> list[str]:
    """Lines with their endings; str.splitlines would also split at U+2028 and friends."""
    return _LINES.findall(text)


def bare(line: str) -> str:
    """A line without its ending, surrounding blanks and a BOM."""
    return line.strip(" \t\r\n\ufeff")


@dataclass(frozen=True)
class Markers:
    """0-based line numbers of the marker lines outside code fences."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    fenced: int  # marker lines inside fenced code blocks, ignored

    @property
    def found(self) -> bool:
        return bool(self.starts or self.ends)

    @property
    def pair(self) -> tuple[int, int] | None:
        """(start, end) when there is exactly one of each, in that order."""
        if len(self.starts) == 1 and len(self.ends) == 1 and self.starts[0] < self.ends[0]:
            return self.starts[0], self.ends[0]
        return None


def outside_fences(lines: list[str]) -> list[bool]:
    """For each line: is it outside every fenced code block (fence lines count as inside)?"""
    result = []
    fence = ""
    for line in lines:
        text = line.rstrip("\r\n").lstrip("\ufeff")
        match = _FENCE.match(text)
        if not fence:
            if match:
                fence = match.group(1)
            result.append(not match)
            continue
        result.append(False)
        closing = match.group(1) if match else ""
        rest = text[match.end() :] if match else "x"
        if closing[:1] == fence[0] and len(closing) >= len(fence) and not rest.strip():
            fence = ""
    return result


def find_markers(lines: list[str]) -> Markers:
    outside = outside_fences(lines)
    starts, ends, fenced = [], [], 0
    for index, line in enumerate(lines):
        text = bare(line)
        if text not in (START, END):
            continue
        if not outside[index]:
            fenced += 1
        elif text == START:
            starts.append(index)
        else:
            ends.append(index)
    return Markers(tuple(starts), tuple(ends), fenced)


def describe(markers: Markers, path: str) -> str:
    """Why ``markers`` is not one start line followed by one end line."""
    if len(markers.starts) == 1 and len(markers.ends) == 1:
        return f"{path}:{markers.ends[0] + 1}: {END} comes before {START}"
    found = f"found {len(markers.starts)} start and {len(markers.ends)} end markers"
    where = ", ".join(str(i + 1) for i in sorted(markers.starts + markers.ends))
    message = f"{path}: needs exactly one {START} line and one {END} line, {found}"
    if where:
        message += f" (lines {where})"
    if markers.fenced:
        message += f"; {markers.fenced} inside fenced code blocks do not count"
    if not markers.found:
        message += f" (pubgen init --page {path} adds them)"
    return message


def newline_of(lines: list[str]) -> str:
    """The page's line ending: that of its first line, LF for a page of one line."""
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def splice(page: str, block: str, path: str) -> str:
    """``page`` with the lines between its two marker lines replaced by ``block``."""
    lines = split_lines(page)
    pair = find_markers(lines).pair
    if pair is None:
        raise PubgenError(describe(find_markers(lines), path))
    start, end = pair
    # The list takes the start marker's line ending, so a CRLF page stays CRLF.
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    body = block.replace("\r\n", "\n").replace("\n", newline)
    if body and not body.endswith(newline):
        body += newline
    return "".join(lines[: start + 1]) + body + "".join(lines[end:])


def _heading_end(lines: list[str], heading: str, path: str) -> int:
    """Index of the last line of the one heading (ATX or setext) whose text is ``heading``."""
    wanted = heading.strip()
    outside = outside_fences(lines)
    found = []
    for index, line in enumerate(lines):
        text = bare(line)
        atx = _ATX.match(text)
        if outside[index] and wanted in (text, atx.group(1) if atx else None):
            found.append(index)
    if len(found) != 1:
        where = f" (lines {', '.join(str(i + 1) for i in found)})" if found else ""
        raise PubgenError(
            f"{path}: needs exactly one line {wanted!r} to put the markers after, "
            f"found {len(found)}{where}"
        )
    index = found[0]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    setext = not _ATX.match(bare(lines[index])) and _SETEXT.match(following.rstrip("\r\n"))
    return index + 1 if setext else index


def add_markers(page: str, after: str | None, path: str) -> str:
    """``page`` with an empty marker pair after the heading ``after``, or at the end.

    Any marker lines already there (and a list between a valid pair) are removed first;
    the caller decides whether that is allowed.
    """
    lines = split_lines(page)
    markers = find_markers(lines)
    drop = set(markers.starts + markers.ends)
    if markers.pair:
        drop |= set(range(markers.pair[0], markers.pair[1] + 1))
    lines = [line for index, line in enumerate(lines) if index not in drop]
    nl = newline_of(lines)
    at = len(lines) if after is None else _heading_end(lines, after, path) + 1
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += nl  # the markers go on lines of their own
    before_blank = at == 0 or not bare(lines[at - 1])
    after_blank = at == len(lines) or not bare(lines[at])
    block = ([] if before_blank else [nl]) + [START + nl, END + nl] + ([] if after_blank else [nl])
    return "".join(lines[:at] + block + lines[at:])
