"""Read one .bib into entries ready to list, on a second core when it is large.

Parsing and the per-entry stages (pubgen.prepare) are most of a big build, and each
entry's work is its own but for two things: @string macros, which later entries read,
and duplicate keys, which depend on every entry before. So the file goes in chunks of its
bytes (``split.byte_chunks``), each decoded where it is read, to worker processes and to
this process in turn:

- a chunk that holds ``@string`` is read here, so a chunk sent away carries a copy of
  the macros exactly as they stand before it;
- results are taken in text order, and only there, by ``parse.Keeper``, are keys checked;
  so is a chunk that is not UTF-8 text, so that the first such in the file is reported.

What comes out, entries and diagnostics in their order, is what one process gives
(tests/test_reading.py compares the two on the corpus). Parallel reading needs ``fork``
(Linux), so that workers start with this process's modules and no re-import.
"""

from __future__ import annotations

import os
import re
import sys
from collections import deque
from typing import TYPE_CHECKING, NamedTuple

from pubgen import readahead
from pubgen.errors import InputError, PubgenError
from pubgen.items import RenderTask, WorkerItems, keep, render_kept
from pubgen.model import Diagnostic, Publication
from pubgen.parse import Event, Keeper, Parsed, Reader
from pubgen.prepare import EntryStages
from pubgen.sources import BibFile, decode
from pubgen.split import CHUNK_CHARS, RawChunk

if TYPE_CHECKING:
    from pubgen.workers import Worker  # imported for files big enough to share (3 ms)

# Chunks that go to workers hold at most this much: small enough that the processes
# finish close together, large enough that handing one over (~5 ms to pickle and move
# what it gives back) is small beside reading it (~40 ms)...
PARALLEL_CHUNK_CHARS = 500_000
# ...and a smaller file is cut in this many, of at least a quarter of that.
PARALLEL_CHUNKS = 6
# A file of fewer than this many of the smallest chunks is read by this process alone.
# bench/, 2 cores, -j 1 -> -j 2: 500 entries (760 KB) 0.190 -> 0.179 s, 1,000 entries
# 0.267 -> 0.234 s, 2,000 entries 0.414 -> 0.341 s.
MIN_CHUNKS = 4
# A file up to this size is read by workers that go on to render the items of the
# entries they read (pubgen.items), keeping those entries to the end of the build.
# Larger, that memory weighs more than the time: at 50,000 entries (76 MB) the worker's
# own memory went from 41 to 170 MB, for 4.30 -> 4.06 s (bench/processes.py).
ITEM_FILE_BYTES = 32_000_000
# Any spelling split or bibtexparser could read as an @string block (both test the
# lower-cased "@word" for this prefix, and no character but its own letters lower-cases
# to one of them alone, so the bytes tell); a false alarm only keeps a chunk here.
_STRING = re.compile(rb"@string", re.IGNORECASE)
# Chunks a worker may have in hand: it reads one while the others wait, so that it never
# idles until this process hands out more, after its own chunk (~40 ms).
_QUEUED = 3


class _Task(NamedTuple):
    path: str
    file_index: int
    macros: dict[str, str]
    chunk: RawChunk
    stages: EntryStages
    keep: bool  # the worker keeps the entries, to render their items (pubgen.items)


def _publications(events: list[Event]) -> list[Publication]:
    return [event.publication for event in events if isinstance(event, Parsed)]


def _prepared(events: list[Event], stages: EntryStages) -> list[Event]:
    for index, event in enumerate(events):
        if isinstance(event, Parsed):
            publication, later, after_papers = stages.run(event.publication)
            events[index] = Parsed(publication, event.problems, later, after_papers)
    return events


def _read_apart(task: _Task | RenderTask) -> list[Event] | list[str] | InputError:
    """In the worker: one chunk without @string, read with the macros that precede it (or
    the error that refuses its bytes); or, once the chunks are done, the items of the
    entries it kept."""
    if isinstance(task, RenderTask):
        return render_kept(task)
    try:
        chunk = decode(task.path, task.chunk)
    except InputError as exc:
        return exc  # raised in this process's place (_result), once it is the first
    reader = Reader(task.path, task.file_index, task.macros)
    events = _prepared(reader.read(chunk), task.stages)
    if task.keep:
        keep(_publications(events))
    return events


# Workers are forked, so that they start with this process's modules and no re-import;
# elsewhere (spawn) a worker would import pubgen afresh and re-run the command.
CAN_FORK = sys.platform == "linux"


def _start_worker() -> None:
    from pubgen import handover
    from pubgen.workers import worker_signals

    handover.start_worker()
    worker_signals()


class _Workers:
    """``count`` processes, all forked when the first chunk they could take comes."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.started: list[Worker] = []

    def submit(self, task: _Task) -> Worker:
        """Send ``task`` to the least busy worker, which is returned: the chunk's events
        are that worker's next result not yet taken (results come in the order sent)."""
        if not self.started:
            self._start()
        from pubgen.workers import WorkerDied

        worker = min(self.started, key=lambda worker: worker.in_hand)
        try:
            worker.send(task)
        except WorkerDied:
            raise _died() from None
        return worker

    def _start(self) -> None:
        from pubgen import handover  # noqa: F401  (its picklers, set up before the fork)
        from pubgen.workers import start_workers

        readahead.settle()  # no thread runs when a worker is forked
        try:
            start_workers(self.count, _read_apart, _start_worker, self.started)
        except OSError as exc:  # no memory or no process left to fork
            raise PubgenError(
                f"pubgen: cannot start a worker process ({exc.strerror}); "
                "`-j 1` reads in one process."
            ) from None

    def ready_for(self, later: float) -> bool:
        """Should the next chunk go to a worker, with about ``later`` chunks after it?

        Yes while the least busy worker has fewer than _QUEUED in hand, and no more than
        this process has left to read after it: sent, that chunk would end later than
        this process's last one.
        """
        if not self.count:
            return False
        if not self.started:
            return True
        in_hand = min(worker.in_hand for worker in self.started)
        return in_hand < _QUEUED and in_hand <= later

    def render_items(self, items: WorkerItems) -> None:
        """Ask every worker for the items of the entries it read."""
        from pubgen.workers import WorkerDied

        for worker in self.started:
            try:
                items.start(worker)
            except WorkerDied:
                raise _died() from None

    def hand_over(self, items: WorkerItems, theirs: dict[Worker, list[Publication]]) -> None:
        """Let ``items`` stop the workers, once it has their items."""
        from pubgen import handover

        for worker in self.started:
            items.adopt(worker, theirs.get(worker, []))
        self.started = []
        handover.forget_received()  # what they send from now on holds no Author

    def close(self, now: bool) -> None:
        for worker in self.started:
            worker.stop(now)
        if self.started:
            from pubgen import handover

            handover.forget_received()


def _result(worker: Worker) -> list[Event]:
    from pubgen.workers import WorkerDied

    try:
        events: list[Event] | InputError = worker.take()
    except WorkerDied:
        raise _died() from None
    if isinstance(events, InputError):
        raise events
    return events


def _died() -> PubgenError:
    return PubgenError(
        "pubgen: a worker process ended before its chunk was read "
        "(out of memory?); nothing written. `-j 1` reads in one process."
    )


class FileRead(NamedTuple):
    """What ``read_entries`` gives for one .bib."""

    entries: list[Parsed]  # the entries kept, through the stages
    problems: list[Diagnostic]  # every problem of the file and its parsing, in order
    content_hash: str  # of the bytes read, when asked for (pubgen.sources.BibFile)


def read_entries(
    path: str,
    file_index: int,
    stages: EntryStages,
    jobs: int,
    hashed: bool = False,
    items: WorkerItems | None = None,
) -> FileRead:
    """The entries of one .bib that are kept, through ``stages``, and its problems.

    ``jobs`` is how many processes may read (1: this one only); workers start only for
    a file of MIN_CHUNKS of the smallest chunks or more (500 KB). With ``items``, the
    workers of a file up to ITEM_FILE_BYTES go on to render the items of the entries
    they read, and ``items`` takes them over.
    """
    file_size = _size(path)
    smallest = PARALLEL_CHUNK_CHARS // 4
    if jobs > 1 and file_size < MIN_CHUNKS * smallest:
        jobs = 1
    source = BibFile(path, hashed)
    reader = Reader(path, file_index)
    keeper = Keeper()
    macros = dict(reader.macros)  # what a chunk sent away gets; never changed once sent
    size = CHUNK_CHARS
    if jobs > 1:
        size = max(smallest, min(PARALLEL_CHUNK_CHARS, file_size // PARALLEL_CHUNKS))
    # In text order: the events of a chunk read here, or the worker whose next result
    # not yet taken is that chunk's.
    pending: deque[list[Event] | Worker] = deque()
    workers = _Workers(jobs - 1)
    if not (items and items.outputs and jobs > 1 and file_size <= ITEM_FILE_BYTES):
        items = None  # this file's workers render no items
    # Each worker's entries as they arrive here, when the workers render their items.
    theirs: dict[Worker, list[Publication]] | None = None if items is None else {}
    done = False
    read = 0  # bytes of the file in chunks so far
    try:
        for chunk in source.chunks(size):
            read += len(chunk.data)
            # Chunks still to come, so that the processes finish together. The last chunk
            # is read here, always.
            later = (file_size - read) / size
            has_string = jobs > 1 and _STRING.search(chunk.data) is not None
            if jobs > 1 and chunk.next_start and not has_string and workers.ready_for(later):
                task = _Task(path, file_index, macros, chunk, stages, theirs is not None)
                pending.append(workers.submit(task))
                continue
            if items is not None and not chunk.next_start:
                workers.render_items(items)  # they have had their last chunk
            try:
                own = decode(path, chunk)
            except InputError:
                # A worker may have an earlier chunk that is not text either: the
                # first in the file is the one reported.
                _take_ready(pending, keeper, theirs, wait=True)
                raise
            pending.append(_prepared(reader.read(own), stages))
            if has_string:
                macros = dict(reader.macros)
            _take_ready(pending, keeper, theirs)
        if items is not None and pending:
            # This process has read its share and waits for a worker's last chunks: the
            # page will need Jinja2 (~18 ms to import), which it imports meanwhile.
            import pubgen.render  # noqa: F401
        _take_ready(pending, keeper, theirs, wait=True)
        done = True
    finally:
        if done and items is not None and theirs is not None:
            workers.hand_over(items, theirs)
        # Every result is taken, or an error or a signal is on its way up: then a worker
        # still reading has nothing left to give.
        workers.close(now=not done)
    return FileRead(keeper.kept, [*source.diagnostics, *keeper.diagnostics], source.content_hash)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # BibFile reports it


def _take_ready(
    pending: deque[list[Event] | Worker],
    keeper: Keeper,
    theirs: dict[Worker, list[Publication]] | None,
    wait: bool = False,
) -> None:
    """Hand the keeper every result at the front of the queue that is there (or all),
    noting a worker's entries in ``theirs`` (when it keeps them)."""
    while pending:
        first = pending[0]
        if isinstance(first, list):
            keeper.take(first)
        elif wait or first.ready():
            events = _result(first)
            if theirs is not None:
                theirs.setdefault(first, []).extend(_publications(events))
            keeper.take(events)
        else:
            return
        pending.popleft()
