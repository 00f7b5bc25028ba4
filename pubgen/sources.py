"""Sources stage: read a .bib file from disk into text, refusing what is not UTF-8 text.

Network sources (Zotero, URLs) live elsewhere so that ``pubgen build`` never imports
requests.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

from pubgen import readahead
from pubgen.errors import InputError, PubgenError
from pubgen.hashing import blake2b
from pubgen.model import Diagnostic, Location
from pubgen.split import CHUNK_CHARS, Chunk, RawChunk, blank_comment_lines, byte_chunks, line_breaks

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
    """A .bib file read a megabyte at a time, so a huge one never sits in memory whole
    (but for one read ahead while the build started: pubgen.readahead, up to 32 MB).

    ``chunks(size)`` cuts its bytes into runs of whole blocks (pubgen.split.byte_chunks),
    which ``decode`` turns into text in whichever process reads them; ``pieces()`` is that
    text in turn. A UTF-8 byte order mark is removed with a warning in ``diagnostics``;
    another byte order mark raises InputError at once, and so does ``decode`` for bytes
    that are not UTF-8 text: the whole file is out. With ``hashed``, once every byte is
    read, ``content_hash`` is the hash of exactly those bytes (for the unchanged-rebuild
    stamp: a file saved again during the build cannot pass for read); else it stays "".
    """

    def __init__(self, path: str, hashed: bool = False) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.hashed = hashed
        self.content_hash = ""

    def chunks(self, size: int) -> Iterator[RawChunk]:
        return byte_chunks(self._bytes(), size)

    def pieces(self) -> Iterator[str]:
        """The file's text, line endings normalised to ``\\n``, a chunk at a time."""
        for raw in self.chunks(CHUNK_CHARS):
            if text := text_of(self.path, raw):
                yield text

    def _bytes(self) -> Iterator[bytes]:
        whole = readahead.take(self.path)
        if whole is not None:
            data, digest = whole
            yield from self._checked(_pieces(io.BytesIO(data).read), digest)
            return
        try:
            size = Path(self.path).stat().st_size
            if size > MAX_BIB_BYTES:
                raise PubgenError(
                    f"{self.path}: file is {size} bytes, more than the {MAX_BIB_BYTES} allowed"
                )
            with open(self.path, "rb") as stream:
                yield from self._checked(_pieces(stream.read), "")
        except OSError as exc:
            raise PubgenError(f"{self.path}: cannot read: {exc.strerror or exc}") from None

    def _checked(self, pieces: Iterator[bytes], known_hash: str) -> Iterator[bytes]:
        """``pieces`` (the file's bytes in turn) without a UTF-8 byte order mark, hashed
        into ``content_hash`` at their end (with ``hashed``) unless ``known_hash``."""
        data = next(pieces, b"")
        digest = blake2b(data) if self.hashed and not known_hash else None
        for bom, encoding in _OTHER_BOMS:
            if data.startswith(bom):
                raise _refused(self.path, 1, f"file is {encoding}; re-export it as UTF-8")
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
            message = "byte order mark removed"
            self.diagnostics.append(Diagnostic(Location(self.path, 1), message, severity="warning"))
        while data:
            yield data
            data = next(pieces, b"")
            if digest is not None:
                digest.update(data)
        if digest is not None:
            self.content_hash = digest.hexdigest()
        elif self.hashed:
            self.content_hash = known_hash


def _pieces(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """What ``read`` gives, a piece at a time, the first holding every byte order mark."""
    data = read(max(_PIECE_BYTES, 4))
    while data:
        yield data
        data = read(_PIECE_BYTES)


def _refused(path: str, line: int, message: str) -> InputError:
    return InputError([Diagnostic(Location(path, line), message)])


def text_of(path: str, raw: RawChunk) -> str:
    """The text of ``raw``, line endings normalised to ``\\n`` so that line numbers and
    values are the same on every OS; InputError at its first byte that is not text."""
    data = raw.data
    nul = data.find(b"\x00")
    if nul >= 0:  # reported unless a byte before it is not UTF-8
        data = data[:nul]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.first_line + line_breaks(data[: exc.start])
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-export the file as UTF-8"
        raise _refused(path, line, message) from None
    if nul >= 0:
        message = "file contains NUL bytes: not a text file (UTF-16 or binary?)"
        raise _refused(path, raw.first_line + line_breaks(data), message)
    if "\r" in text:  # the test alone is ~10x faster than a replace that finds none
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(path: str, raw: RawChunk) -> Chunk:
    """``raw`` as the parser reads it (pubgen.parse): its text, comment lines blanked."""
    return Chunk(blank_comment_lines(text_of(path, raw)), raw.first_line, raw.next_start)


def read_bib(path: str) -> tuple[str, list[Diagnostic]]:
    """The whole text of a .bib file, with warnings for what was repaired without loss."""
    source = BibFile(path)
    return "".join(source.pieces()), source.diagnostics
