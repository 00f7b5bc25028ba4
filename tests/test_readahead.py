"""A .bib read ahead while the build starts is the file as it was read, hashed so."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from pubgen import readahead, reading, sources, workers
from pubgen.cli import main
from pubgen.config import Config
from pubgen.errors import PubgenError
from pubgen.hashing import blake2b, file_hash
from pubgen.prepare import EntryStages


@pytest.mark.parametrize(("size", "taken"), [(99, False), (100, True), (200, True), (201, False)])
def test_only_a_file_in_the_window_is_read_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, taken: bool
) -> None:
    path = tmp_path / "f.bib"
    path.write_bytes(b"%" * size)
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", (100, 200))
    with readahead.reading_ahead([str(path)], hashed=True):
        readahead.settle()
        path.write_bytes(b"@misc{changed, title={x}}")  # saved again after it was read
        source = sources.BibFile(str(path), hashed=True)
        text = "".join(source.pieces())
        assert not readahead._ahead  # taken, or given up
    # Read ahead: the bytes read then, and their hash; else what is there now.
    if taken:
        assert (text, source.content_hash) == ("%" * size, blake2b(b"%" * size).hexdigest())
    else:
        assert (text, source.content_hash) == ("@misc{changed, title={x}}", file_hash(str(path)))


def test_several_files_a_missing_one_or_one_never_read_leave_no_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", (0, 1 << 20))
    before = set(threading.enumerate())
    with readahead.reading_ahead(["a.bib", "b.bib"], hashed=True):
        assert not readahead._ahead  # a thread left reading would be forked with a worker
    absent = str(tmp_path / "absent.bib")
    with readahead.reading_ahead([absent], hashed=True), pytest.raises(PubgenError) as raised:
        assert not readahead._ahead
        "".join(sources.BibFile(absent).pieces())
    assert str(raised.value).startswith(f"{absent}: cannot read")
    never_read = tmp_path / "never-read.bib"
    never_read.write_bytes(b"@misc{k, title={T}}\n")
    read = readahead._Ahead._read

    def slowly(ahead: readahead._Ahead, path: str, hashed: bool) -> None:
        time.sleep(0.2)  # still reading when the build ends
        read(ahead, path, hashed)

    monkeypatch.setattr(readahead._Ahead, "_read", slowly)
    with readahead.reading_ahead([str(never_read)], hashed=True):
        assert str(never_read) in readahead._ahead  # read ahead, never taken
    assert not readahead._ahead
    assert set(threading.enumerate()) <= before


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["build", "--bib", "a.bib", "-o", "x.md"], ["a.bib"]),
        (["build", "--bib=a.bib", "--bib", "b.bib"], ["a.bib", "b.bib"]),
        (["build", "-o", "x.md"], []),
        (["build", "--bib"], []),
        (["build", "--", "--bib", "a.bib"], []),
    ],
)
def test_the_files_a_build_names_are_found(arguments: list[str], named: list[str]) -> None:
    assert readahead.named_bibs(arguments) == named


def test_a_build_takes_the_file_it_read_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", (0, 1 << 20))
    (tmp_path / "a.bib").write_text("@misc{k, title={Read ahead}, year=2020}\n")
    taken: list[str] = []
    original = readahead.take

    def noted(path: str) -> tuple[bytes, str] | None:
        whole = original(path)
        if whole is not None:
            taken.append(path)
        return whole

    monkeypatch.setattr(readahead, "take", noted)
    before = set(threading.enumerate())
    assert main(["build", "--bib", "a.bib", "-o", "-"]) == 0
    assert "Read ahead" in capsys.readouterr().out
    assert taken == ["a.bib"]
    assert set(threading.enumerate()) <= before


def test_no_thread_reads_ahead_when_a_worker_is_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reading.py settles the read-ahead first: a forked worker would hold a copy of a
    running thread (and of any lock it held) that never runs."""
    slow = tmp_path / "slow.bib"
    slow.write_bytes(b"%")
    read = readahead._Ahead._read

    def slowly(ahead: readahead._Ahead, path: str, hashed: bool) -> None:
        time.sleep(0.3)
        read(ahead, path, hashed)

    monkeypatch.setattr(readahead._Ahead, "_read", slowly)
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", (0, 1 << 20))
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", 300)
    reading_at_fork: list[bool] = []
    start_workers = workers.start_workers

    def noting(*args: Any) -> None:
        reading_at_fork.extend(a._thread.is_alive() for a in readahead._ahead.values())
        start_workers(*args)

    monkeypatch.setattr(workers, "start_workers", noting)
    bib = tmp_path / "refs.bib"
    bib.write_text("".join(f"@misc{{k{i}, title={{T}}, year=2020}}\n" for i in range(50)))
    with readahead.reading_ahead([str(slow)], hashed=False):
        entries = reading.read_entries(str(bib), 0, EntryStages.of(Config()), jobs=2).entries
    assert len(entries) == 50
    assert reading_at_fork == [False]
