"""How a worker's entries come back to the main process: pickled, each author sent once.

Unpickling is the part of a worker's results the main process waits for, so what it
unpickles is kept small:

- A frozen dataclass with slots pickles as a state set attribute by attribute in Python;
  as the arguments of its constructor it unpickles ~1.5x faster.
- One process gives every entry that names "Ana Núñez" the same Author (pubgen.names
  caches them); pickled chunk by chunk, each chunk would bring its own copies (+34 MB in
  the main process at 50,000 entries). A worker sends each Author once, then its number.
"""

from __future__ import annotations

import copyreg
import os
from collections.abc import Callable
from typing import Any

from pubgen.model import Author, Diagnostic, Link, Location, Publication, field_values

# In a worker (after start_worker): id(author) -> number, for the authors already sent,
# which _sent_authors keeps alive so that no id is reused.
_sent: dict[int, int] | None = None
_sent_authors: list[Author] = []
_pid = 0
# In the main process: (worker pid, number) -> the author that worker sent.
_received: dict[tuple[int, int], Author] = {}


def start_worker() -> None:
    global _sent, _pid
    _sent, _pid = {}, os.getpid()


def forget_received() -> None:
    """Drop the main process's table once a file's workers are done (pids get reused)."""
    _received.clear()


def _new_author(pid: int, number: int, values: tuple[Any, ...]) -> Author:
    author = _received[pid, number] = Author(*values)
    return author


def _known_author(pid: int, number: int) -> Author:
    return _received[pid, number]


def _reduce_author(author: Author) -> tuple[Callable[..., Author], tuple[Any, ...]]:
    if _sent is None:  # not a worker: a plain copy
        return Author, field_values(author)
    number = _sent.get(id(author))
    if number is not None:
        return _known_author, (_pid, number)
    number = _sent[id(author)] = len(_sent_authors)
    _sent_authors.append(author)
    return _new_author, (_pid, number, field_values(author))


def _by_fields(record: Any) -> tuple[type[Any], tuple[Any, ...]]:
    return type(record), field_values(record)


for _cls in (Publication, Location, Link, Diagnostic):
    copyreg.pickle(_cls, _by_fields)
copyreg.pickle(Author, _reduce_author)
