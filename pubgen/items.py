"""A long list rendered on two cores: a forked worker renders the earlier half of the items.

Rendering is one template call, but most of its time is the ``item`` block, once per
publication. The worker, forked with the template and the publications in hand, renders
the page with the items of the earlier half only and sends their texts back; this
process meanwhile renders the page with the later half's items and a placeholder for
each earlier one, then puts the worker's texts in the placeholders' places. Neither
process waits for the other until both have walked the whole page once.

The page is the one a single process renders as long as an item's text depends only on
its own context (its publication, its loop, its group), which holds for pubgen's
packaged templates: render.py shares only those, never a site's template, whose item
block could carry state from one item to the next (a ``namespace`` counter,
``loop.changed``). If anything goes wrong on either side (a template error, a worker
that died, a placeholder count that does not add up), this process renders the page
again on its own, so that the page, or the first error, is exactly what one process
gives.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import Template
from jinja2.runtime import Context

if TYPE_CHECKING:
    from pubgen.workers import Worker

Block = Callable[[Context], Iterator[str]]


class _Items:
    """The ``item`` block as the page calls it: the items numbered in ``mine`` rendered,
    each other one replaced by ``placeholder`` (or by nothing: the worker's pass)."""

    def __init__(self, block: Block, mine: range, placeholder: str = "") -> None:
        self.block = block
        self.mine = mine
        self.placeholder = placeholder
        self.rendered: list[str] = []
        self.count = 0
        self.placeholders = 0

    def __call__(self, context: Context) -> Iterator[str]:
        # A generator, as Jinja2's compiled code expects of a block (it closes it).
        index = self.count
        self.count += 1
        if index in self.mine:
            text = "".join(self.block(context))
            self.rendered.append(text)
            yield text
        elif self.placeholder:
            self.placeholders += 1
            yield self.placeholder


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
    """``template.render(**variables)``, the earlier half of its ``count`` items rendered
    by a forked worker. The template must have an ``item`` block, called once an item;
    ``count`` only decides who renders what (an item past it is rendered here)."""
    from pubgen.workers import start_workers, worker_signals

    block = template.blocks["item"]
    half = count // 2
    earlier = _Items(block, range(half))

    def render_earlier(_: object) -> list[str]:
        _with_items(template, variables, earlier)
        return earlier.rendered

    started: list[Worker] = []
    done = False
    try:
        try:
            start_workers(1, render_earlier, worker_signals, started)
        except OSError:  # no process left to fork: one process renders it all
            return template.render(**variables)
        # NUL never reaches a page (every escaper drops control characters), and the
        # random part never comes from an input; the counts are checked all the same.
        later = _Items(block, range(half, sys.maxsize), f"\0pubgen-item-{os.urandom(8).hex()}\0")
        try:
            started[0].send(None)
            text = _with_items(template, variables, later)
            texts: list[str] = started[0].take()
            done = True
        except Exception:  # a template error here, or a worker that failed or died
            # Which item fails first, here or there, is for one process's render to say.
            return template.render(**variables)
        pieces = text.split(later.placeholder)
        if later.placeholders != len(texts) or len(pieces) != len(texts) + 1:
            return template.render(**variables)
        return "".join(itertools.chain.from_iterable(zip(pieces, [*texts, ""], strict=True)))
    finally:
        for worker in started:
            worker.stop(now=not done)
