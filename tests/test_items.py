"""A list rendered on two cores (pubgen.items) is the page one process renders."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import jinja2
import pytest

from pubgen import items, render, workers
from pubgen.cli import main
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the worker is forked")

SEED = ["--bib", str(REPO / "refs.bib"), "--overrides", str(REPO / "overrides.yaml")]


def _shares(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every list from two items up is shared; returns the item counts of those shared."""
    monkeypatch.setattr(render, "SHARE_ITEMS", range(2, 10**6))
    shared: list[int] = []
    original = items.render_shared

    def counting(template: jinja2.Template, variables: Any, count: int) -> str:
        shared.append(count)
        return original(template, variables, count)

    monkeypatch.setattr(items, "render_shared", counting)
    return shared


@pytest.mark.parametrize(
    ("args", "shared"),
    [
        (["--format", "markdown"], True),
        (["--format", "markdown", "--links", "--bibtex"], True),
        (["--format", "html"], True),
        (["--format", "latex"], True),
        # The standalone pages include the fragment, whose items the page cannot reach:
        # rendered by one process.
        (["--format", "html", "--standalone"], False),
    ],
)
@pytest.mark.parametrize("bib", ["refs.bib", "corpus"])
def test_two_processes_render_the_page_one_does(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    args: list[str],
    shared: bool,
    bib: str,
) -> None:
    inputs = SEED
    if bib == "corpus":  # an al-folio site's list: LaTeX, math, markers typed into names
        inputs = ["--bib", str(corpus / "homepages" / "alfolio_42Shawn_papers.bib")]
    assert main(["build", *inputs, "--lenient", "-j", "1", "-o", "-", *args]) == 0
    alone = capsys.readouterr()
    counts = _shares(monkeypatch)
    assert main(["build", *inputs, "--lenient", "-j", "2", "-o", "-", *args]) == 0
    assert capsys.readouterr() == alone
    assert bool(counts) == shared


PAGE = """\
{%- for group in groups %}[{{ group.name }}]
{% for pub in group.pubs %}{% block item scoped %}{{ loop.index }}/{{ group.name }}:{{ pub | check }}{% if loop.last %}!{% endif %}
{% endblock %}{% endfor %}{% endfor -%}
"""


# A template that extends the page and wraps its item block: super() must still reach it.
WRAPPED = '{% extends "page" %}{% block item %}<{{ super() | trim }}>\n{% endblock %}'


def _fails_at(bad: int, name: str = "page") -> jinja2.Template:
    def check(value: int) -> int:
        if value == bad:
            raise ValueError(f"item {value} is bad")
        return value

    env = jinja2.Environment(loader=jinja2.DictLoader({"page": PAGE, "wrapped": WRAPPED}))
    env.filters["check"] = check
    return env.get_template(name)


_GROUPS = {"groups": [{"name": "a", "pubs": range(7)}, {"name": "b", "pubs": range(7, 12)}]}


@pytest.mark.parametrize("name", ["page", "wrapped"])
@pytest.mark.parametrize("count", [12, 2, 5, 40], ids=["exact", "fewer", "odd", "more"])
def test_a_wrong_count_of_items_still_gives_the_page(count: int, name: str) -> None:
    """The count only decides who renders what: any item neither side has is rendered."""
    template = _fails_at(-1, name)
    assert items.render_shared(template, _GROUPS, count) == template.render(**_GROUPS)
    if name == "wrapped":
        assert "<1/a:0>" in template.render(**_GROUPS)


@pytest.mark.parametrize("bad", [3, 9], ids=["this process's half", "the worker's half"])
def test_an_error_in_any_item_is_raised_as_one_process_raises_it(bad: int) -> None:
    template = _fails_at(bad)
    with pytest.raises(ValueError, match=f"item {bad} is bad"):
        template.render(**_GROUPS)
    with pytest.raises(ValueError, match=f"item {bad} is bad"):
        items.render_shared(template, _GROUPS, 12)


def test_a_placeholder_in_this_process_half_still_gives_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The texts of the earlier half go where this process put placeholders: an item of
    its own half that prints the placeholder (here made to be known) must not take one."""
    monkeypatch.setattr(os, "urandom", lambda size: b"\1" * size)
    placeholder = "\0pubgen-item-" + "01" * 8 + "\0"
    template = _fails_at(-1)
    groups = {"groups": [{"name": "a", "pubs": ["w", "x", placeholder, "z"]}]}
    page = template.render(**groups)
    assert page.count(placeholder) == 1
    assert items.render_shared(template, groups, 4) == page


def test_a_worker_dead_before_its_task_leaves_the_page_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker dead before its task is sent: this process renders the page on its own."""
    forked: list[int] = []
    start_workers = workers.start_workers

    def start_and_kill(*args: Any) -> None:
        start_workers(*args)
        for worker in args[-1]:
            forked.append(worker.pid)
            os.kill(worker.pid, signal.SIGKILL)
            # Dead (its end of the task pipe closed) but not reaped: stop() reaps it.
            os.waitid(os.P_PID, worker.pid, os.WEXITED | os.WNOWAIT)

    monkeypatch.setattr(workers, "start_workers", start_and_kill)
    template = _fails_at(-1)
    assert items.render_shared(template, _GROUPS, 12) == template.render(**_GROUPS)
    assert len(forked) == 1
