"""Sources stage: read a .bib file from disk into text, refusing what is not UTF-8 text.

Network sources (Zotero, URLs) live elsewhere so that ``pubgen build`` never imports
requests.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pubgen.errors import InputError, PubgenError
from pubgen.hashing import blake2b
from pubgen.model import Diagnostic, Location

# A personal list is kilobytes and the largest real bibliographies tens of megabytes;
# past this a file is more likely a mistake (or hostile) than a bibliography.
MAX_BIB_BYTES = 256 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


_PIECE_BYTES = 1 << 20


class BibFile:
    """A .bib file read a megabyte at a time, so a huge one never sits in memory whole.

    ``pieces()`` yields its text with line endings normalised to ``\\n``; what is repaired
    without loss (a UTF-8 byte order mark) lands in ``diagnostics``, what cannot be read
    as UTF-8 text raises InputError, which takes the whole file out. With ``hashed``, once
    every piece is read, ``content_hash`` is the hash of exactly the bytes they came from
    (for the unchanged-rebuild stamp: a file saved again during the build cannot pass for
    read); it stays "" otherwise.
    """

    def __init__(self, path: str, hashed: bool = False) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.hashed = hashed
        self.content_hash = ""

    def _error(self, line: int, message: str) -> InputError:
        return InputError([Diagnostic(Location(self.path, line), message)])

    def pieces(self) -> Iterator[str]:
        try:
            size = Path(self.path).stat().st_size
            if size > MAX_BIB_BYTES:
                raise PubgenError(
                    f"{self.path}: file is {size} bytes, more than the {MAX_BIB_BYTES} allowed"
                )
            with open(self.path, "rb") as stream:
                yield from self._decoded(stream)
        except OSError as exc:
            raise PubgenError(f"{self.path}: cannot read: {exc.strerror or exc}") from None

    def _decoded(self, stream: BinaryIO) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        line = 1  # of the first byte of ``data``
        held = ""  # a final "\r" waits: the next piece may start with its "\n"
        data = stream.read(max(_PIECE_BYTES, 4))  # every byte order mark, whole
        digest = blake2b(data) if self.hashed else None
        for bom, encoding in _OTHER_BOMS:
            if data.startswith(bom):
                raise self._error(1, f"file is {encoding}; re-export it as UTF-8")
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
            message = "byte order mark removed"
            self.diagnostics.append(Diagnostic(Location(self.path, 1), message, severity="warning"))
        while True:
            last = not data
            nul = data.find(b"\x00")
            if nul >= 0:
                message = "file contains NUL bytes: not a text file (UTF-16 or binary?)"
                raise self._error(line + data.count(b"\n", 0, nul), message)
            try:
                text = held + decoder.decode(data, final=last)
            except UnicodeDecodeError as exc:
                # exc.start counts from the bytes the decoder still held back (at most 3).
                bad = max(exc.start - (len(exc.object) - len(data)), 0)
                message = (
                    f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); "
                    "re-export the file as UTF-8"
                )
                raise self._error(line + data.count(b"\n", 0, bad), message) from None
            line += data.count(b"\n")
            held = "\r" if text.endswith("\r") and not last else ""
            # Normalised so that line numbers and values are the same on every OS.
            text = text[: len(text) - len(held)]
            if "\r" in text:  # the test alone is ~10x faster than a replace that finds none
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if text:
                yield text
            if last:
                if digest is not None:
                    self.content_hash = digest.hexdigest()
                return
            data = stream.read(_PIECE_BYTES)
            if digest is not None:
                digest.update(data)


def read_bib(path: str) -> tuple[str, list[Diagnostic]]:
    """The whole text of a .bib file, with warnings for what was repaired without loss."""
    source = BibFile(path)
    return "".join(source.pieces()), source.diagnostics
