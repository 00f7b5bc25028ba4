"""Items rendered by the read workers (pubgen.items) give the page one process renders."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import jinja2
import jinja2.meta
import jinja2.nodes
import pytest

from pubgen import items, reading, render, workers
from pubgen.cli import main
from pubgen.config import Config
from pubgen.outputs import Output
from pubgen.render import TEMPLATES, make_environment
from tests.conftest import REPO, child_pids, ended_within

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked")

_OUTPUT = Output("markdown")
SEED = ["--bib", str(REPO / "refs.bib"), "--overrides", str(REPO / "overrides.yaml")]


class Taken:
    """What each page took from the workers: (format, rendered with their items?)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pages: list[tuple[str, bool]] = []
        self.items = 0
        render_page = items.WorkerItems.render_page

        def recording(
            self_: items.WorkerItems, template: Any, variables: Any, output: Output
        ) -> Any:
            before = self_.taken
            text = render_page(self_, template, variables, output)
            self.pages.append((output.format, text is not None))
            self.items += self_.taken - before
            return text

        monkeypatch.setattr(items.WorkerItems, "render_page", recording)


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Taken:
    """Even a small .bib is read by a worker: in 20 chunks, of which it takes several."""
    size = (REPO / "refs.bib").stat().st_size
    monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", size // 20)
    return Taken(monkeypatch)


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize(
    ("args", "with_items"),
    [
        (["--format", "markdown"], True),
        (["--format", "markdown", "--links", "--bibtex"], True),
        (["--format", "markdown", "--abstract", "--bibtex", "--select", "selected"], True),
        (["--format", "html"], True),
        (["--format", "latex"], True),
        # The standalone page includes the list, whose items its render cannot reach.
        (["--format", "html", "--standalone"], False),
    ],
)
@pytest.mark.parametrize("bib", ["refs.bib", "corpus"])
def test_worker_items_give_the_page_one_process_renders(
    taken: Taken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    args: list[str],
    with_items: bool,
    bib: str,
) -> None:
    # The seed's overrides.yaml changes some papers (roles, awards), and merges a preprint
    # into its published version: those are rendered here, not by the worker.
    inputs = SEED
    if bib == "corpus":  # an al-folio site's list: LaTeX, math, markers typed into names
        path = corpus / "homepages" / "alfolio_ningding97_papers.bib"
        inputs = ["--bib", str(path)]
        monkeypatch.setattr(reading, "PARALLEL_CHUNK_CHARS", path.stat().st_size // 20)
    assert main(["build", *inputs, "--lenient", "-j", "1", "-o", "-", *args]) == 0
    alone = capsys.readouterr()
    assert taken.pages == []
    assert main(["build", *inputs, "--lenient", "-j", "2", "-o", "-", *args]) == 0
    assert capsys.readouterr() == alone
    fmt = args[1]
    assert taken.pages == ([(fmt, True)] if with_items else [])
    # How many depends on timing (the seed's overrides change most of its papers), but
    # a worker always gets the first chunk.
    assert taken.items >= (1 if with_items and "selected" not in args else 0)
    assert _no_child_left()


def test_every_output_of_a_build_takes_its_own_items(
    taken: Taken, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several outputs, rendered in their order, with a limit on authors; the JSON one
    takes no items, and an output that goes to two files is rendered once."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_bytes((REPO / "refs.bib").read_bytes())
    overrides = (REPO / "overrides.yaml").read_text(encoding="utf-8").split("outputs:")[0]
    outputs = [("a.md", "markdown"), ("b.json", "json"), ("c.tex", "latex"), ("d.md", "markdown")]
    listed = "".join(f"  - {{file: {name}, format: {fmt}}}\n" for name, fmt in outputs)
    text = f"{overrides}max_authors: 3\noutputs:\n{listed}"
    (tmp_path / "overrides.yaml").write_text(text, encoding="utf-8")
    assert main(["build", "-j", "1"]) == 1
    alone = {name: (tmp_path / name).read_bytes() for name, _ in outputs}
    for name, _ in outputs:
        (tmp_path / name).unlink()
    assert main(["build", "-j", "2"]) == 1
    assert {name: (tmp_path / name).read_bytes() for name, _ in outputs} == alone
    assert taken.pages == [("markdown", True), ("latex", True)]
    assert _no_child_left()


def test_a_file_over_the_limit_keeps_its_items_here(
    taken: Taken, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "ITEM_FILE_BYTES", (REPO / "refs.bib").stat().st_size - 1)
    assert main(["build", *SEED, "-j", "2", "-o", "-"]) == 0
    assert taken.pages == [("markdown", False)]


def _read_from_outside(source: str) -> tuple[set[str], set[str]]:
    """The names the ``item`` block of a template reads from outside itself, and the
    macros the template defines at its top (which every item shares)."""
    env = make_environment((), _OUTPUT)  # with pubgen's filters
    tree = env.parse(source)
    (block,) = [node for node in tree.find_all(jinja2.nodes.Block) if node.name == "item"]
    body = jinja2.nodes.Template(block.body).set_environment(env)
    macros = {node.name for node in tree.body if isinstance(node, jinja2.nodes.Macro)}
    return jinja2.meta.find_undeclared_variables(body), macros  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(TEMPLATES.values()))
def test_a_packaged_item_reads_only_its_publication_and_what_the_page_shares(name: str) -> None:
    """What makes an item rendered on its own the one the page prints: not its loop, its
    group, the other publications or the legend (items.py)."""
    source = (REPO / "pubgen" / "templates" / name).read_text(encoding="utf-8")
    names, macros = _read_from_outside(source)
    assert names <= {"pub", "options", "markers", *macros}


@pytest.mark.parametrize(
    ("block", "names"),
    [
        ("{{ loop.index }}. {{ pub }}", {"loop", "pub"}),
        ("{% for a in pub.authors %}{{ loop.index }}{{ a }}{% endfor %}", {"pub"}),
        ("{% set n = group.name %}{{ n }}", {"group"}),
    ],
)
def test_the_check_sees_what_an_item_reads(block: str, names: set[str]) -> None:
    source = (
        f"{{% for pub in pubs %}}{{% block item scoped %}}{block}{{% endblock %}}{{% endfor %}}"
    )
    assert _read_from_outside(source) == (names, set())


# A page in the shape of pubgen's own: items in groups, in a scoped block.
PAGE = """\
{%- for group in groups %}[{{ group.name }}]
{% for pub in group.pubs %}{% block item scoped %}{{ pub | check }}
{% endblock %}{% endfor %}{% endfor -%}
"""
_GROUPS = {"groups": [{"name": "a", "pubs": ["p0", "p1", "p2"]}, {"name": "b", "pubs": ["p3"]}]}


def _template(
    bad: str = "", environment: type[jinja2.Environment] = render._Environment
) -> jinja2.Template:
    """The page, compiled as pubgen compiles it: its scoped block calls ask the
    placeholders first (render.scoped_block)."""

    def check(value: str) -> str:
        if value == bad:
            raise ValueError(f"item {value} is bad")
        return value

    env = environment(loader=jinja2.DictLoader({"page": PAGE}))
    env.filters["check"] = check
    return env.get_template("page")


@contextlib.contextmanager
def _worker_items(
    texts: list[str] | Exception, pubs: list[str], started: list[workers.Worker] | None = None
) -> Iterator[items.WorkerItems]:
    """A real worker (into ``started``) whose items are ``texts`` (or that fails with
    it), for ``pubs``."""

    def run(task: object) -> list[str]:
        if isinstance(texts, Exception):
            raise texts
        return texts

    started = [] if started is None else started
    workers.start_workers(1, run, workers.worker_signals, started)
    with items.WorkerItems(Config(), (_OUTPUT,)) as worker_items:
        worker_items.start(started[0])
        worker_items.adopt(started[0], pubs)  # type: ignore[arg-type]
        yield worker_items


# The worker renders p1 and p3 (its own texts say so); this process the rest.
_THEIRS = ["p1", "p3"]


@pytest.mark.parametrize(
    ("texts", "bad", "page"),
    [
        (["<p1>\n", "<p3>\n"], "", "[a]\np0\n<p1>\np2\n[b]\n<p3>\n"),
        # The worker failed: this process renders every item.
        (RuntimeError("worker"), "", "[a]\np0\np1\np2\n[b]\np3\n"),
        # Fewer texts than placeholders: one process again.
        (["<p1>\n"], "", "[a]\np0\np1\np2\n[b]\np3\n"),
    ],
    ids=["both", "worker failed", "too few texts"],
)
def test_the_page_takes_the_workers_texts_or_is_rendered_here(
    texts: list[str] | Exception, bad: str, page: str
) -> None:
    template = _template(bad)
    with _worker_items(texts, _THEIRS) as worker_items:
        text = worker_items.render_page(template, _GROUPS, _OUTPUT)
        assert (text or template.render(**_GROUPS)) == page
        if isinstance(texts, Exception) or len(texts) < len(_THEIRS):
            assert text is None
            # Out of step with its worker now: no later page takes its items.
            assert worker_items.render_page(template, _GROUPS, _OUTPUT) is None


def test_an_environment_pubgen_did_not_make_takes_no_items() -> None:
    """Its compiled code calls the item block as Jinja2's does, asking no placeholder."""
    with _worker_items(["<p1>\n", "<p3>\n"], _THEIRS) as worker_items:
        assert worker_items.render_page(_template("", jinja2.Environment), _GROUPS, _OUTPUT) is None
        assert worker_items.taken == 0


def test_a_worker_is_ended_once_every_text_it_owes_is_taken() -> None:
    """Ended then, not at close: the kernel frees it while the page is finished here."""
    started: list[workers.Worker] = []
    with _worker_items(["<p1>\n", "<p3>\n"], _THEIRS, started) as worker_items:
        assert worker_items.render_page(_template(), _GROUPS, _OUTPUT) is not None
        assert ended_within(10, [started[0].pid])
    assert _no_child_left()


@pytest.mark.parametrize("bad", ["p0", "p1"], ids=["this process's item", "the worker's item"])
def test_an_error_in_any_item_is_the_one_one_process_raises(bad: str) -> None:
    template = _template(bad)
    with _worker_items(["<p1>\n", "<p3>\n"], _THEIRS) as worker_items:
        # An error here gives no page; the worker's texts hide its item's error, which
        # the page rendered in one process (the caller's fallback) raises.
        if bad == "p0":
            assert worker_items.render_page(template, _GROUPS, _OUTPUT) is None
        with pytest.raises(ValueError, match=f"item {bad} is bad"):
            template.render(**_GROUPS)


def test_a_placeholder_printed_by_an_item_here_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "urandom", lambda size: b"\1" * size)
    placeholder = "\0pubgen-item-" + "01" * 8 + "\0"
    template = _template()
    groups = {"groups": [{"name": "a", "pubs": ["p0", "p1", placeholder]}]}
    with _worker_items(["<p1>\n"], ["p1"]) as worker_items:
        assert worker_items.render_page(template, groups, _OUTPUT) is None


def _dies(task: object) -> NoReturn:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("not reached")


def test_a_worker_dead_before_its_items_leaves_the_page_to_this_process(
    taken: Taken, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its entries are here, its items never come: the page is rendered here alone."""
    assert main(["build", *SEED, "-j", "1", "-o", "-"]) == 0
    alone = capsys.readouterr()
    monkeypatch.setattr(reading, "render_kept", _dies)
    assert main(["build", *SEED, "-j", "2", "-o", "-"]) == 0
    assert capsys.readouterr() == alone
    assert taken.pages == [("markdown", False)]
    assert _no_child_left()


# Stops a build while its worker renders items.
_STALL = """
import sys, time
from pubgen import items, reading
from pubgen.cli import main
reading.PARALLEL_CHUNK_CHARS = 300
def slow(task):
    print("rendering", flush=True)
    time.sleep(600)
items.render_kept = slow
reading.render_kept = slow
sys.exit(main(["build", "-j", "2", "-o", "out.md"]))
"""


def test_a_build_stopped_while_its_worker_renders_ends_the_worker(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_bytes((REPO / "refs.bib").read_bytes())
    child = subprocess.Popen(
        [sys.executable, "-c", _STALL],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), "PUBGEN_NO_CACHE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "rendering\n"
        worker = child_pids(child.pid)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=60) == 128 + signal.SIGTERM
        assert ended_within(10, worker)
    finally:
        child.kill()
        child.wait()
    assert child.stderr is not None
    assert "Traceback" not in child.stderr.read()
    assert not (tmp_path / "out.md").exists()


def test_only_the_last_file_s_workers_render_items(
    taken: Taken, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers are forked before any thread runs (workers.py): a worker kept for its
    items, with its thread, would still run while the next file's are forked."""
    forks: list[int] = []
    threads: list[int] = []
    start_workers = workers.start_workers

    def counting(*args: Any) -> None:
        forks.append(1)
        threads.append(threading.active_count())
        start_workers(*args)

    monkeypatch.setattr(workers, "start_workers", counting)
    bibs = ["--bib", str(REPO / "refs.bib"), "--bib", str(REPO / "refs.bib")]
    args = [*bibs, "--overrides", str(REPO / "overrides.yaml"), "--lenient", "-o", "-"]
    assert main(["build", *args, "-j", "1"]) == 0
    alone = capsys.readouterr()
    assert main(["build", *args, "-j", "2"]) == 0
    assert capsys.readouterr() == alone
    assert len(forks) == 2
    assert threads == [threading.active_count()] * 2
    assert taken.pages == [("markdown", True)]
    assert _no_child_left()
