"""Reading a .bib a piece at a time gives the same text, warnings and errors as reading it
whole, wherever the pieces are cut (a CRLF, a multi-byte character, a bad byte)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from pubgen import readahead, sources
from pubgen.errors import InputError
from pubgen.hashing import file_hash

CASES = [
    (b"@misc{a,\r\n  title = {x},\r\n}\r\n", "@misc{a,\n  title = {x},\n}\n", ""),
    (b"old\rmac\rlines\r", "old\nmac\nlines\n", ""),
    (b"\xef\xbb\xbf@misc{a, title = {\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xa7}}", None, ""),
    (b"line1\nline2\n\xff\xfeoops", "", "f.bib:3: not valid UTF-8 (byte 0xff)"),
    (b"a\nb\nc\nd\xe2\x82", "", "f.bib:4: not valid UTF-8 (byte 0xe2)"),
    (b"a\n\nb\x00c", "", "f.bib:3: file contains NUL bytes"),
    (b"\xff\xfea\x00", "", "f.bib:1: file is UTF-16"),
    # The first problem in the file is the one reported, on its line as the text counts it.
    (b"a\n\xff\nb\x00", "", "f.bib:2: not valid UTF-8 (byte 0xff)"),
    (b"a\x00\n\xff", "", "f.bib:1: file contains NUL bytes"),
    (b"a\xe2\x00", "", "f.bib:1: not valid UTF-8 (byte 0xe2)"),
    (b"a\rb\r\nc\r\xff", "", "f.bib:4: not valid UTF-8 (byte 0xff)"),
]


def _read(path: Path) -> tuple[str, list[str], str]:
    """(text, warnings, content hash) or ("", [error], "")."""
    source = sources.BibFile(str(path), hashed=True)
    try:
        text = "".join(source.pieces())
    except InputError as exc:
        return "", [str(d) for d in exc.diagnostics], source.content_hash
    return text, [str(d) for d in source.diagnostics], source.content_hash


@pytest.mark.parametrize(("data", "text", "error"), CASES)
@pytest.mark.parametrize("piece_bytes", [1, 2, 3, 5, 1 << 20])
@pytest.mark.parametrize("ahead", [False, True], ids=["read", "read ahead"])
def test_pieces_read_like_the_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    text: str | None,
    error: str,
    piece_bytes: int,
    ahead: bool,
) -> None:
    path = tmp_path / "f.bib"
    path.write_bytes(data)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sources, "_PIECE_BYTES", piece_bytes)
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", (0, len(data)))
    with readahead.reading_ahead(["f.bib"] if ahead else [], hashed=True):
        assert ("f.bib" in readahead._ahead) == ahead
        got, messages, content_hash = _read(Path("f.bib"))
        assert not readahead._ahead  # taken
    # The stamp's hash, taken as the bytes are read: of all of them, byte order mark and
    # CRLFs included, once all are read (a file that is not text is refused when its
    # chunk is decoded: after that, here); none when they were refused at the start.
    assert content_hash == ("" if "UTF-16" in error else file_hash("f.bib"))
    unhashed = sources.BibFile("f.bib")  # pubgen check, PUBGEN_NO_CACHE: no stamp to write
    with contextlib.suppress(InputError):
        "".join(unhashed.pieces())
    assert unhashed.content_hash == ""
    if error:
        assert got == "" and len(messages) == 1 and messages[0].startswith(error), messages
    elif text is None:  # the byte order mark goes, with a warning; the rest stays
        assert got == data[3:].decode("utf-8")
        assert messages == ["f.bib:1: byte order mark removed"]
    else:
        assert (got, messages) == (text, [])
