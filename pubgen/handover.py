"""How a worker's entries come back to the main process: pickled, each author sent once.

Pickling is what a worker does between chunks, and unpickling is the part of its results
the main process waits for, so both are kept short:

- A frozen dataclass with slots pickles as a state set attribute by attribute in Python;
  as the arguments of its constructor it unpickles ~1.5x faster.
- A publication goes as one call with plain values: its location, links and authors
  inside it rather than a pickler callback and a rebuilding call for each (~10% of the
  time both ways: 5,000 entries, 4.3 -> 3.8 ms a chunk to pickle, 5.4 -> 4.9 to unpickle).
- One process gives every entry that names "Ana Núñez" the same Author (pubgen.names
  caches them); pickled chunk by chunk, each chunk would bring its own copies (+34 MB in
  the main process at 50,000 entries). A worker sends each Author once, then its number.
"""

from __future__ import annotations

import copyreg
import os
from collections.abc import Callable
from typing import Any

from pubgen.model import (
    Author,
    Diagnostic,
    Link,
    Location,
    Publication,
    field_positions,
    field_values,
)

# In a worker (after start_worker): id(author) -> number, for the authors already sent,
# which _sent_authors keeps alive so that no id is reused.
_sent: dict[int, int] | None = None
_sent_authors: list[Author] = []
_pid = 0
# In the main process: worker pid -> the authors it sent, numbered from 0 in the order sent
# (results are unpickled in the order each worker pickled them).
_received: dict[int, list[Author]] = {}

_AT = field_positions(Publication)
_LOCATION, _AUTHORS, _LINKS = _AT["location"], _AT["authors"], _AT["links"]
# An author in a publication's pickle: its number if sent before, else its field values.
AuthorRef = int | tuple[Any, ...]


def start_worker() -> None:
    global _sent, _pid
    _sent, _pid = {}, os.getpid()


def forget_received() -> None:
    """Drop the main process's table once a file's workers are done (pids get reused)."""
    _received.clear()


def _reduce_publication(pub: Publication) -> tuple[Callable[..., Publication], tuple[Any, ...]]:
    sent = _sent
    if sent is None:  # not a worker: a plain copy
        return Publication, field_values(pub)
    values = list(field_values(pub))
    values[_LOCATION] = (pub.location.file, pub.location.line)
    # Inline, not a call per author: ~6 an entry, most of them sent for the first time.
    refs: list[AuthorRef] = []
    for author in pub.authors:
        number = sent.get(id(author))
        if number is None:
            sent[id(author)] = len(_sent_authors)
            _sent_authors.append(author)
            refs.append(field_values(author))
        else:
            refs.append(number)
    values[_AUTHORS] = tuple(refs)
    values[_LINKS] = tuple([(link.kind, link.url) for link in pub.links])
    return _publication, (_pid, values)


def _publication(pid: int, values: list[Any]) -> Publication:
    values[_LOCATION] = Location(*values[_LOCATION])
    received = _received.setdefault(pid, [])
    authors = []
    for ref in values[_AUTHORS]:
        if type(ref) is int:
            authors.append(received[ref])
        else:  # sent for the first time: the next number
            author = Author(*ref)
            received.append(author)
            authors.append(author)
    values[_AUTHORS] = tuple(authors)
    values[_LINKS] = tuple([Link(kind, url) for kind, url in values[_LINKS]])
    return Publication(*values)


def _by_fields(record: Any) -> tuple[type[Any], tuple[Any, ...]]:
    return type(record), field_values(record)


for _cls in (Location, Link, Diagnostic, Author):
    copyreg.pickle(_cls, _by_fields)
copyreg.pickle(Publication, _reduce_publication)
