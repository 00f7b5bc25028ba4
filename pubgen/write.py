"""Write stage: splice between page markers, and write files atomically.

Writing and ``--check`` share everything up to ``Change``; only ``apply`` writes. Pages
are handled as text decoded from UTF-8 with their own line endings, BOM and final
newline, so everything outside the markers is given back byte for byte.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pubgen.errors import PubgenError

START = "<!-- pubgen:start -->"
END = "<!-- pubgen:end -->"
_LINES = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True)
class Change:
    """What one output would become; ``old`` is None for a file that does not exist."""

    path: str
    old: str | None
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                (self.old or "").splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=self.path,
                tofile=self.path,
            )
        )


def read_text(path: str) -> str | None:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PubgenError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        # newline="" semantics: \r\n stays \r\n, a BOM stays as U+FEFF.
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PubgenError(f"{path}: not valid UTF-8 at byte {exc.start}") from None


def splice(page: str, block: str, path: str) -> str:
    """``page`` with the lines between its two marker lines replaced by ``block``."""
    # Lines end at \n only: str.splitlines would also split at U+2028 and friends.
    lines = _LINES.findall(page)
    # Spaces, \r and a BOM around a marker still make it a marker line.
    bare = [line.strip(" \t\r\n\ufeff") for line in lines]
    starts = [i for i, line in enumerate(bare) if line == START]
    ends = [i for i, line in enumerate(bare) if line == END]
    if len(starts) != 1 or len(ends) != 1:
        found = f"{len(starts)} start and {len(ends)} end markers"
        raise PubgenError(
            f"{path}: needs exactly one {START} line and one {END} line, found {found}"
            " (pubgen init can add them)"
        )
    start, end = starts[0], ends[0]
    if end < start:
        raise PubgenError(f"{path}:{end + 1}: {END} comes before {START}")
    start_line = lines[start]
    newline = "\r\n" if start_line.endswith("\r\n") else "\n"
    body = block.replace("\n", newline) if block else ""
    if body and not body.endswith(newline):
        body += newline
    return "".join(lines[: start + 1]) + body + "".join(lines[end:])


def plan(path: str, content: str, page: bool) -> Change:
    old = read_text(path)
    if page:
        if old is None:
            raise PubgenError(f"{path}: page does not exist (pubgen init can create it)")
        return Change(path, old, splice(old, content, path))
    return Change(path, old, content)


def apply(change: Change) -> None:
    """Write ``change`` atomically: a temp file beside the target, fsync, os.replace."""
    target = os.path.realpath(change.path)  # write through a symlink, keep the link
    if read_text(target) != change.old:
        raise PubgenError(f"{change.path}: changed on disk while pubgen ran; nothing written")
    directory = os.path.dirname(target) or "."
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".pubgen-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(change.new.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
