"""A long list rendered on two cores: a forked worker renders the later half of the items.

Rendering is one template call, but most of its time is the ``item`` block, once per
publication (5,000 entries: ~150 ms of ~175). The worker, forked with the template and
the publications in hand, renders the page with the items of the later half only and
sends their text back; this process renders the earlier half meanwhile, then puts the
worker's text in place of the later items. The page is the one a single process renders
as long as an item's text depends only on its own context (its publication, its loop,
its group), which holds for pubgen's packaged templates: render.py shares only those,
never a site's template, whose item block could carry state from one item to the next
(a ``namespace`` counter, ``loop.changed``). If the worker fails, this process renders
the rest itself, and a template error comes out as it would from one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import Template
from jinja2.runtime import Context

if TYPE_CHECKING:
    from pubgen.workers import Worker

Block = Callable[[Context], Iterator[str]]


class _Items:
    """The ``item`` block as the page calls it: the items numbered in ``mine`` rendered,
    the later ones taken from ``later()`` (None: rendered here too), the earlier ones
    skipped when ``later`` is None (the worker's pass, which leaves them to this process)."""

    def __init__(
        self, block: Block, mine: range, later: Callable[[], list[str] | None] | None
    ) -> None:
        self.block = block
        self.mine = mine
        self.later = later
        self.rendered: list[str] = []
        self.count = 0

    def __call__(self, context: Context) -> Iterator[str]:
        # A generator, as Jinja2's compiled code expects of a block (it closes it).
        index = self.count
        self.count += 1
        if index in self.mine:
            text = "".join(self.block(context))
            self.rendered.append(text)
            yield text
            return
        if self.later is None:
            return
        texts = self.later()
        offset = index - self.mine.stop
        if texts is not None and 0 <= offset < len(texts):
            yield texts[offset]
        else:
            yield from self.block(context)


class _FromWorker:
    """The worker's texts of the later half, taken when the page first needs one."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.taken = False
        self.texts: list[str] | None = None

    def __call__(self) -> list[str] | None:
        from pubgen.workers import WorkerDied

        if not self.taken:
            self.taken = True
            try:
                self.texts = self.worker.take()
            except (WorkerDied, RuntimeError):
                self.texts = None  # rendered here, where an error is reported as it should
        return self.texts


def _with_items(template: Template, variables: Mapping[str, Any], items: _Items) -> str:
    """What ``Template.render`` does, with ``items`` as the item block."""
    context = template.new_context(dict(variables))
    # Kept behind the hook, so that a block's super() still finds the block it extends.
    context.blocks["item"] = [items, *context.blocks["item"]]
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        template.environment.handle_exception()


def render_shared(template: Template, variables: Mapping[str, Any], count: int) -> str:
    """``template.render(**variables)``, the later half of its ``count`` items rendered by
    a forked worker. The template must have an ``item`` block, called once an item."""
    from pubgen.workers import start_workers, worker_signals

    block = template.blocks["item"]
    half = count // 2
    later = _Items(block, range(half, count), later=None)

    def render_later(_: object) -> list[str]:
        _with_items(template, variables, later)
        return later.rendered

    started: list[Worker] = []
    done = False
    try:
        try:
            start_workers(1, render_later, worker_signals, started)
        except OSError:  # no process left to fork: one process renders it all
            return template.render(**variables)
        from_worker = _FromWorker(started[0])
        started[0].send(None)
        text = _with_items(template, variables, _Items(block, range(half), from_worker))
        done = from_worker.taken  # else the worker may still be rendering: no need to wait
        return text
    finally:
        for worker in started:
            worker.stop(now=not done)
