"""Items rendered by a read worker: each entry's ``item`` block, where the entry was read.

A big .bib is read by this process and a forked worker (pubgen.reading). Once the worker
has read its last chunk it would sit idle while this process takes the last results,
applies the ``papers:`` overrides, merges versions, imports Jinja2 and renders the page.
Instead it renders the ``item`` block of every entry it read, for each output the build
will write, and this process renders the page with a placeholder for each of those items,
then puts the worker's texts in their places.

The page is the one a single process renders as long as an item's text depends only on
its publication and on what every item of the page shares (options, markers, the
template's macros): never on its loop, its group or another item. pubgen's packaged
templates are so (tests/test_items.py checks the names their item blocks read); a site's
templates are never rendered this way. An entry a later stage changed (an override, a
preprint merged into its published version) is a new record, not the one the worker has,
and is rendered here. Any failure (a template error on either side, a dead worker, a
placeholder count that does not add up) renders the page again in one process, so that
the page, or its first error, is exactly what one process gives.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pubgen.config import Config
from pubgen.model import Publication
from pubgen.outputs import Output

if TYPE_CHECKING:
    from jinja2 import Template

    from pubgen.workers import Worker

# In a read worker: every entry it read, in the order it sent them.
_kept: list[Publication] = []


def keep(pubs: Sequence[Publication]) -> None:
    """In a read worker: remember the entries just read, to render their items later."""
    _kept.extend(pubs)


class RenderTask(NamedTuple):
    """What a read worker is sent once its chunks are done: an output to render items of."""

    config: Config
    output: Output


def render_kept(task: RenderTask) -> list[str]:
    """In a read worker: the item text of every entry it kept, in order."""
    from pubgen.render import item_texts  # Jinja2: only once the reading is done

    return item_texts(_kept, task.config, task.output)


class _Source(NamedTuple):
    worker: Worker
    pubs: list[Publication]  # this process's copies of the worker's entries, in its order
    texts: dict[Output, list[str]]  # taken so far, by output


class WorkerItems:
    """The item texts read workers render for ``outputs``, to be asked for in that order
    (none: nothing is rendered ahead).

    Made before the read, given each worker once its file is read (``adopt``), and
    closed once the outputs are rendered, which stops those workers.
    """

    def __init__(self, config: Config, outputs: Sequence[Output]) -> None:
        self.config = config
        self.outputs = tuple(outputs)
        self._sources: list[_Source] = []
        # id of a worker's entry in this process -> (its source, its position there); the
        # sources keep every such entry alive, so no id is reused while this is in use.
        self._owned: dict[int, tuple[int, int]] = {}
        self.taken = 0  # items that pages took from the workers

    def start(self, worker: Worker) -> None:
        """Ask ``worker``, sent its last chunk, for the items of every output planned."""
        for output in self.outputs:
            worker.send(RenderTask(self.config, output))

    def adopt(self, worker: Worker, pubs: list[Publication]) -> None:
        """Take over ``worker`` (read to its end, ``start``-ed), whose entries arrived
        here as ``pubs``; ``close`` stops it."""
        index = len(self._sources)
        self._sources.append(_Source(worker, pubs, {}))
        for position, pub in enumerate(pubs):
            self._owned[id(pub)] = (index, position)

    def render_page(
        self, template: Template, variables: Mapping[str, Any], output: Output
    ) -> str | None:
        """``template.render(**variables)`` with the workers' items in it; None when that
        cannot be had exactly (the caller renders the page in one process)."""
        if output not in self.outputs or not self._sources:
            return None
        from pubgen.render import answer_first

        placeholder = f"\0pubgen-item-{os.urandom(8).hex()}\0"
        # NUL never reaches a page (every escaper drops control characters), and the
        # random part never comes from an input; the counts are checked all the same.
        theirs: list[tuple[int, int]] = []

        def placed(names: Mapping[str, Any]) -> tuple[str] | None:
            """The placeholder of a worker's entry, noted in ``theirs``; None for others."""
            where = self._owned.get(id(names.get("pub")))
            if where is None:
                return None
            theirs.append(where)
            return (placeholder,)

        # The packaged templates call the item block scoped, in their loop: asked first,
        # this answers for a worker's entry (render.scoped_block).
        env = template.environment
        if not answer_first(env, "item", placed):
            return None  # an environment make_environment did not make: it cannot ask
        try:
            page = template.render(**variables)
            texts = self._texts(output, theirs)
        except Exception:  # a template error here, or a worker that failed or died
            # A worker's results may be out of step now: no later page takes any.
            self.close()
            return None
        finally:
            answer_first(env, "item", None)
        pieces = page.split(placeholder)
        if len(pieces) != len(texts) + 1:
            return None
        self.taken += len(texts)
        return "".join(itertools.chain.from_iterable(zip(pieces, [*texts, ""], strict=True)))

    def _texts(self, output: Output, where: list[tuple[int, int]]) -> list[str]:
        for source in self._sources:
            # Results come in the order asked for: those of outputs not rendered are skipped.
            for planned in self.outputs[len(source.texts) : self.outputs.index(output) + 1]:
                source.texts[planned] = source.worker.take()
            if len(source.texts) == len(self.outputs):
                source.worker.kill()  # nothing left for it to do; close() waits for it
        texts = [self._sources[index].texts[output] for index in range(len(self._sources))]
        return [texts[index][position] for index, position in where]

    def __enter__(self) -> WorkerItems:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker adopted; items not yet taken are not waited for."""
        for source in self._sources:
            source.worker.stop(now=True)
        self._sources.clear()
        self._owned.clear()
