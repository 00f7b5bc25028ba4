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
from typing import Any

from jinja2 import Template
from jinja2.runtime import Context

Block = Callable[[Context], Iterator[str]]


class _Items:
    """The ``item`` block as the page calls it: renders the items numbered in ``mine``,
    gives the text in ``given`` for the others, renders any other item too unless
    ``skip_others`` (in the worker, which leaves the earlier half to this process)."""

    def __init__(self, block: Block, mine: range, skip_others: bool) -> None:
        self.block = block
        self.mine = mine
        self.skip_others = skip_others
        self.given: Callable[[], list[str] | None] = lambda: None
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
        given = None if self.skip_others else self.given()
        offset = index - self.mine.stop
        if given is not None and 0 <= offset < len(given):
            yield given[offset]
        elif not self.skip_others:
            yield from self.block(context)


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
    from pubgen.workers import Worker, WorkerDied, start_workers, worker_signals

    blocks = template.blocks
    half = count // 2
    later = _Items(blocks["item"], range(half, count), skip_others=True)

    def render_later(_: object) -> list[str]:
        _with_items(template, variables, later)
        return later.rendered

    started: list[Worker] = []
    done = False
    try:
        start_workers(1, render_later, worker_signals, started)
        (worker,) = started
        worker.send(None)
        earlier = _Items(blocks["item"], range(half), skip_others=False)
        taken: list[list[str] | None] = []

        def given() -> list[str] | None:
            if not taken:  # the first item of the later half: wait for them, once
                try:
                    taken.append(worker.take())
                except (WorkerDied, RuntimeError):
                    taken.append(None)  # rendered here, where an error is reported
            return taken[0]

        earlier.given = given
        text = _with_items(template, variables, earlier)
        done = bool(taken)  # else the worker may still be rendering: nothing to wait for
        return text
    finally:
        for worker in started:
            worker.stop(now=not done)
