"""Reading a .bib with worker processes gives exactly what one process gives.

Entries, their problems and the order of every diagnostic must not depend on how many
processes read, nor on where the chunks were cut.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pubgen import reading
from pubgen.cli import main
from pubgen.config import parse_config
from pubgen.errors import InputError
from pubgen.prepare import EntryStages
from tests.conftest import REPO, child_pids, corpus_files, zombie_or_gone

Read = reading.FileRead | str

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="parallel reading needs fork")


# Every per-entry stage has something to do: typed-in markers, an owner, a link override
# and a venue name (keys and venues that the corpus has).
_STAGES = EntryStages.of(
    parse_config(
        "owner: {names: [Zhenheng Tang, Yoshua Bengio]}\n"
        "markers: {equal: '*'}\n"
        "name_markers: {'*': equal}\n"
        "venues: {'Neural Information Processing Systems': NeurIPS}\n"
        "papers:\n  tang2023fusionai:\n    links: {code: 'https://example.org/code'}\n",
        "o.yaml",
    )
)


def _read(path: Path, jobs: int) -> Read:
    try:
        return reading.read_entries(str(path), 0, _STAGES, jobs)
    except InputError as exc:
        return str(exc)


def _submissions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the chunks handed to workers (one item each)."""
    sent: list[int] = []
    submit = reading._Workers.submit

    def counting(self: reading._Workers, task: reading._Task) -> object:
        sent.append(1)
        return submit(self, task)

    monkeypatch.setattr(reading._Workers, "submit", counting)
    return sent


@pytest.mark.parametrize("name", corpus_files())
def test_two_processes_read_the_corpus_as_one_does(
    corpus: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = corpus / name
    alone = _read(path, 1)
    # About 20 chunks a file, so that workers get some and cuts fall everywhere.
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", max(1500, path.stat().st_size // 20))
    sent = _submissions(monkeypatch)
    assert _read(path, 2) == alone
    # A chunk with an @string is read in the main process; without any, workers share.
    if not isinstance(alone, str) and path.stat().st_size > 10_000:
        assert sent or b"@string" in path.read_bytes().lower(), "no chunk went to a worker"


def _entry(key: str, title: str = "{T}") -> str:
    return f"@article{{{key},\n  title = {title},\n  year = 2020,\n}}\n"


# @string blocks in the middle, used before and after they are defined, redefined;
# duplicate keys far apart; broken blocks and stray text between chunks.
MIXED = "".join(
    [
        "@string{venue = {First}}\n",
        *(_entry(f"a{i}", "venue") for i in range(30)),
        _entry("early", "later"),  # used before its @string: undefined here
        "@string{later = {Later}}\n@string{venue = {Second}}\n",
        *(_entry(f"b{i}", "venue # { } # later") for i in range(30)),
        _entry("A3"),  # duplicate of a3, case-folded
        "@article{broken, title = {unclosed\n",
        "@misc{stray}\nsome text @notanentry here\n",
        *(_entry(f"c{i}", "{C}") for i in range(30)),
        _entry("b7"),
        "@STRING{last = {x}}\n",
        *(_entry(f"d{i}", "last") for i in range(10)),
    ]
)


@pytest.mark.parametrize("chunk", [60, 200, 700])
@pytest.mark.parametrize(
    ("first", "later"), [(b"\xff", b"\x00"), (b"\x00", b"\xe9"), (b"\xe2\x82", b"\xff")]
)
def test_the_first_bytes_that_are_not_text_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, first: bytes, later: bytes
) -> None:
    # Each chunk is decoded by the process that reads it; whichever does, the file is
    # refused for its first problem, as one process refuses it.
    entries = [_entry(f"e{i}").encode() for i in range(60)]
    entries[25] = entries[25].replace(b"{T}", b"{T" + first + b"}")
    entries[45] = entries[45].replace(b"{T}", b"{T" + later + b"}")
    path = tmp_path / "bad.bib"
    path.write_bytes(b"".join(entries))
    alone = _read(path, 1)
    assert isinstance(alone, str) and alone.startswith(f"{path}:102: "), alone
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", chunk)
    sent = _submissions(monkeypatch)
    assert _read(path, 2) == alone
    assert sent


@pytest.mark.parametrize("jobs", [2, 3])
@pytest.mark.parametrize("chunk", [60, 200, 700, 1000])
def test_macros_and_duplicates_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, chunk: int
) -> None:
    path = tmp_path / "mixed.bib"
    path.write_text(MIXED, encoding="utf-8")
    alone = _read(path, 1)
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", chunk)
    sent = _submissions(monkeypatch)
    assert _read(path, jobs) == alone
    assert sent
    assert not isinstance(alone, str)
    kept, diagnostics, _ = alone
    titles = {entry.publication.key: entry.publication.title for entry in kept}
    assert (titles["a1"], titles["b1"], titles["d1"], titles["early"]) == (
        "First",
        "Second Later",
        "x",
        "later",
    )
    assert [str(d) for d in diagnostics] == [
        f"{path}:123: [early] field `title` uses undefined macro `later`",
        f"{path}:127: @string venue redefined (first on line 1); the later value is used",
        f"{path}:248: [A3] duplicate citation key (first defined on line 14)",
        f"{path}:252: [broken] entry could not be parsed: "
        "Unexpected block start: `@misc`. Was still looking for field-value closing `}`",
        f"{path}:375: [b7] duplicate citation key (first defined on line 156)",
    ]
    assert [str(d) for entry in kept for d in entry.later] == [
        f"{path}:253: [stray] no year: listed as undated",
        f"{path}:253: [stray] no title",
    ]


def test_workers_send_each_author_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries naming the same people share their Author records, as in one process."""
    authors = "N{\\'u}{\\~n}ez, Ana and Smith, John and Lee, Kim"
    path = tmp_path / "same.bib"
    path.write_text(
        "".join(_entry(f"k{i}", f"{{T}},\n  author = {{{authors}}}") for i in range(400))
    )
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", 300)
    distinct = {}
    for jobs in (1, 2):
        read = _read(path, jobs)
        assert not isinstance(read, str)
        found = {id(author) for entry in read[0] for author in entry.publication.authors}
        distinct[jobs] = len(found)
    assert distinct == {1: 3, 2: 6}  # one copy in each process, not one per chunk


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_output_does_not_depend_on_jobs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    jobs: str,
) -> None:
    (tmp_path / "refs.bib").write_text(MIXED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", 300)
    assert main(["build", "--lenient", "-j", "1", "-o", "one.md"]) == 1
    one = capsys.readouterr().err
    assert main(["build", "--lenient", "-j", jobs, "-o", "many.md"]) == 1
    assert capsys.readouterr().err == one.replace("one.md", "many.md")
    assert (tmp_path / "many.md").read_bytes() == (tmp_path / "one.md").read_bytes()


@pytest.mark.parametrize("value", ["0", "-1", "two", "²"])
def test_jobs_must_be_a_positive_whole_number(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "-j", value])
    assert exit_info.value.code == 2
    assert "argument -j/--jobs:" in capsys.readouterr().err


# Stops in the middle of a parallel read: the worker is running when SIGTERM comes.
_STALL = """
import sys, time
from pubgen import parse, reading
from pubgen.cli import main
from pubgen.config import parse_config
reading.PARALLEL_CHUNK_CHARS = 500
read = parse.Reader.read
def slow(self, chunk):
    time.sleep(0.05)
    return read(self, chunk)
parse.Reader.read = slow
sys.exit(main(["build", "-j", "2", "-o", "out.md"]))
"""


def _stalled_build(folder: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """A parallel build of MIXED running in ``folder``, and its workers once there are any."""
    (folder / "refs.bib").write_text(MIXED, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", _STALL],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(REPO), "PUBGEN_NO_CACHE": "1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (workers := child_pids(child.pid)):
        if time.monotonic() > deadline or child.poll() is not None:
            child.kill()
            pytest.fail("no worker started")
        time.sleep(0.01)
    return child, workers


def _end(child: subprocess.Popen[str], workers: list[int]) -> None:
    """Whatever a test left running: the build, and any worker (it holds the build's
    stderr open, so reading that would wait for it)."""
    child.kill()
    child.wait(timeout=60)
    for pid in workers:
        if not zombie_or_gone(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_parallel_build_ends_its_worker_quietly(tmp_path: Path, signum: int) -> None:
    child, workers = _stalled_build(tmp_path)
    try:
        child.send_signal(signum)
        assert child.wait(timeout=60) == 128 + signum
        # The build ends its workers before it exits: none is left behind.
        left = [pid for pid in workers if not zombie_or_gone(pid)]
    finally:
        _end(child, workers)
    assert left == []
    assert child.stderr is not None
    err = child.stderr.read()
    name = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
    assert err.splitlines()[-1].startswith(f"pubgen: {name}; no file is left half-written")
    assert "Traceback" not in err
    assert not (tmp_path / "out.md").exists()


def test_a_killed_worker_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """The kernel's OOM killer may end a worker: the build stops, it does not wait forever."""
    child, workers = _stalled_build(tmp_path)
    try:
        os.kill(workers[0], signal.SIGKILL)
        _, err = child.communicate(timeout=60)
    finally:
        _end(child, workers)
    assert child.returncode == 2
    assert err.splitlines()[-1] == (
        "pubgen: a worker process ended before its chunk was read (out of memory?); "
        "nothing written. `-j 1` reads in one process."
    )
    assert not (tmp_path / "out.md").exists()
