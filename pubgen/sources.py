"""Sources stage: read a .bib file from disk into text, refusing what is not UTF-8 text.

Network sources (Zotero, URLs) live elsewhere so that ``pubgen build`` never imports
requests.
"""

from __future__ import annotations

from pathlib import Path

from pubgen.errors import InputError, PubgenError
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


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_bib(path: str) -> tuple[str, list[Diagnostic]]:
    """The text of a .bib file, with warnings for what was repaired without loss."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BIB_BYTES:
            raise PubgenError(
                f"{path}: file is {size} bytes, more than the {MAX_BIB_BYTES} allowed"
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PubgenError(f"{path}: cannot read: {exc.strerror or exc}") from None

    diagnostics: list[Diagnostic] = []
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise InputError(
                [Diagnostic(Location(path, 1), f"file is {encoding}; re-export it as UTF-8")]
            )
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        diagnostics.append(
            Diagnostic(Location(path, 1), "byte order mark removed", severity="warning")
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            [
                Diagnostic(
                    Location(path, _line_of(data, nul)),
                    "file contains NUL bytes: not a text file (UTF-16 or binary?)",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Diagnostic(
                    Location(path, _line_of(data, exc.start)),
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-export the file as UTF-8",
                )
            ]
        ) from None
    # Normalise line endings so that line numbers and values are the same on every OS.
    return text.replace("\r\n", "\n").replace("\r", "\n"), diagnostics
