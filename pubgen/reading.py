"""Read one .bib into entries ready to list, on a second core when it is large.

Parsing and the per-entry stages (pubgen.prepare) are most of a big build, and each
entry's work is its own but for two things: @string macros, which later entries read,
and duplicate keys, which depend on every entry before. So the text goes in chunks
(``split.chunks``) to worker processes and to this process in turn:

- a chunk that holds ``@string`` is read here, so a chunk sent away carries a copy of
  the macros exactly as they stand before it;
- results are taken in text order, and only there, by ``parse.Keeper``, are keys checked.

What comes out, entries and diagnostics in their order, is what one process gives
(tests/test_reading.py compares the two on the corpus). Parallel reading needs ``fork``
(Linux), so that workers start with this process's modules and no re-import.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections import deque
from typing import TYPE_CHECKING, NamedTuple

from pubgen import handover
from pubgen.errors import PubgenError
from pubgen.model import Diagnostic
from pubgen.parse import Event, Keeper, Parsed, Reader
from pubgen.prepare import EntryStages
from pubgen.sources import BibFile
from pubgen.split import CHUNK_CHARS, Chunk, chunks

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Small enough that the processes finish close together, large enough that handing a
# chunk over (~0.1 ms) is noise beside reading it (~35 ms).
PARALLEL_CHUNK_CHARS = 500_000
# Workers start only for a file of this many chunks or more: starting one costs ~20 ms
# of this process's time, and below ~2 MB that is what it saves (bench/, 2 cores: 1,000
# entries, 1.5 MB, 0.33 s either way; 2,000 entries, 3 MB, 0.49 -> 0.45 s).
MIN_CHUNKS = 4
# Any spelling split or bibtexparser could read as an @string block (both test the
# lower-cased "@word" for this prefix); a false alarm only keeps a chunk here.
_STRING = re.compile(r"@string", re.IGNORECASE)
# Chunks each worker may have queued: one it reads, one waiting, so it never idles.
_QUEUED = 2


class _Task(NamedTuple):
    path: str
    file_index: int
    macros: dict[str, str]
    chunk: Chunk
    stages: EntryStages


def _prepared(events: list[Event], stages: EntryStages) -> list[Event]:
    for index, event in enumerate(events):
        if isinstance(event, Parsed):
            publication, later, after_papers = stages.run(event.publication)
            events[index] = Parsed(publication, event.problems, later, after_papers)
    return events


def _read_apart(task: _Task) -> list[Event]:
    """In the worker: one chunk without @string, read with the macros that precede it."""
    reader = Reader(task.path, task.file_index, task.macros)
    return _prepared(reader.read(task.chunk), task.stages)


def usable_cores() -> int:
    if sys.platform != "linux":
        return 1  # no fork: a worker would have to import pubgen afresh (and spawn re-runs it)
    return len(os.sched_getaffinity(0))


# Signals that end a build: held back while workers start (see _Workers.submit).
_ENDING = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def _start_worker() -> None:
    handover.start_worker()
    # The worker inherits cli's handlers, which would raise in it; this process handles
    # Ctrl-C and SIGTERM and then ends the worker, which needs no clean-up of its own.
    # It starts with those signals held back, and takes them only once this is set.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _ENDING)


class _Workers:
    """``count`` processes, started when the first chunk they could take comes.

    concurrent.futures rather than multiprocessing.Pool: when a worker dies (the kernel's
    OOM killer, a stray kill) its pool stops with an error; a Pool would replace the
    worker, lose its chunk and wait for it forever.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self.executor: ProcessPoolExecutor | None = None
        self.queued: deque[Future[list[Event]]] = deque()

    def submit(self, task: _Task) -> Future[list[Event]]:
        if self.executor is None:
            import multiprocessing  # only for files big enough to share
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork")
            self.executor = ProcessPoolExecutor(
                self.count, mp_context=context, initializer=_start_worker
            )
            # The workers are forked at the first submit. A signal that ended the build
            # then would leave workers that no one ends: held back until they are ours.
            held = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
            try:
                result = self.executor.submit(_read_apart, task)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
        else:
            result = self.executor.submit(_read_apart, task)
        self.queued.append(result)
        return result

    def busy(self) -> bool:
        while self.queued and self.queued[0].done():
            self.queued.popleft()
        return len(self.queued) >= _QUEUED * self.count

    def close(self) -> None:
        # Every result was taken, or an error is on its way up: a worker still reading
        # finishes its chunk (~50 ms), the rest are cancelled.
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _result(pending: Future[list[Event]]) -> list[Event]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pending.result()
    except BrokenProcessPool:
        raise PubgenError(
            "pubgen: a worker process ended before its chunk was read "
            "(out of memory?); nothing written. `-j 1` reads in one process."
        ) from None


def read_entries(
    path: str, file_index: int, stages: EntryStages, jobs: int
) -> tuple[list[Parsed], list[Diagnostic]]:
    """The entries of one .bib that are kept, through ``stages``; then every problem of
    the file and its parsing, in order.

    ``jobs`` is how many processes may read (1: this one only); workers start only for
    a file of MIN_CHUNKS chunks or more.
    """
    if jobs > 1 and _size(path) < MIN_CHUNKS * PARALLEL_CHUNK_CHARS:
        jobs = 1
    source = BibFile(path)
    reader = Reader(path, file_index)
    keeper = Keeper()
    macros = dict(reader.macros)  # what a chunk sent away gets; never changed once sent
    size = PARALLEL_CHUNK_CHARS if jobs > 1 else CHUNK_CHARS
    pending: deque[list[Event] | Future[list[Event]]] = deque()
    workers = _Workers(jobs - 1)
    # The executor's thread in this process hands chunks out and unpickles what comes back;
    # at the default 5 ms before a busy thread yields, the workers wait on them (5k:
    # 420 ms to read at 5 ms, ~385 ms at 0.2 ms).
    switch_interval = sys.getswitchinterval()
    if jobs > 1:
        sys.setswitchinterval(min(switch_interval, 0.0002))
    try:
        for chunk in chunks(source.pieces(), size):
            # The last chunk (no block after it) is read here: nothing would run beside it.
            has_string = jobs > 1 and _STRING.search(chunk.text) is not None
            if jobs > 1 and chunk.next_start and not has_string and not workers.busy():
                task = _Task(path, file_index, macros, chunk, stages)
                pending.append(workers.submit(task))
                continue
            pending.append(_prepared(reader.read(chunk), stages))
            if has_string:
                macros = dict(reader.macros)
            _take_ready(pending, keeper)
        _take_ready(pending, keeper, wait=True)
    finally:
        sys.setswitchinterval(switch_interval)
        workers.close()
        handover.forget_received()
    return keeper.kept, [*source.diagnostics, *keeper.diagnostics]


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # BibFile reports it


def _take_ready(
    pending: deque[list[Event] | Future[list[Event]]], keeper: Keeper, wait: bool = False
) -> None:
    """Hand the keeper every result at the front of the queue that is there (or all)."""
    while pending:
        first = pending[0]
        if isinstance(first, list):
            keeper.take(first)
        elif wait or first.done():
            keeper.take(_result(first))
        else:
            return
        pending.popleft()
