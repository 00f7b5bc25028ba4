from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pubgen.cli import COMMANDS, _parser, main
from tests.conftest import REPO, run_python

BIB = """\
@inproceedings{tang2024a,
  title = {{FuseFL}: One-Shot Federated Learning},
  author = {Tang, Zhenheng and Tang, Zichen and Chu, Xiaowen},
  booktitle = {Advances in Neural Information Processing Systems},
  year = 2024,
  month = dec
}

@misc{tang2023b,
  title = {A Preprint},
  author = {Tang, Zichen and Tang, Zhenheng},
  year = 2023,
  eprint = {2303.01778},
  archiveprefix = {arXiv}
}
"""
OVERRIDES = """\
owner:
  names: [Zhenheng Tang]
papers:
  tang2024a:
    corresponding: [Xiaowen Chu]
    awards: [Oral]
"""
EXPECTED = """\
The 📧 represents corresponding author.

## Conference Papers

* **Z. Tang**, Z. Tang, X. Chu📧. FuseFL: One-Shot Federated Learning. In NeurIPS 2024 (<strong>Oral</strong>).

## Preprints

* Z. Tang, **Z. Tang**. A Preprint. arXiv preprint arXiv:2303.01778.
"""
PAGE = "---\r\ntitle: me\r\n---\r\n# Papers\r\n<!-- pubgen:start -->\r\nold\r\n<!-- pubgen:end -->\r\ntail"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(OVERRIDES, encoding="utf-8")
    (tmp_path / "index.md").write_bytes(PAGE.encode())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_stdout_is_the_list_and_only_the_owner_is_bold(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-o", "-"]) == 0
    first = capsys.readouterr()
    assert first.out == EXPECTED
    assert first.err == ""
    assert main(["build", "-o", "-"]) == 0
    assert capsys.readouterr().out == first.out


def test_page_is_rebuilt_then_up_to_date(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site / "index.md"
    assert main(["build", "--page", "index.md", "--check"]) == 1
    assert page.read_bytes() == PAGE.encode()
    assert "would rebuild index.md" in capsys.readouterr().err

    assert main(["build", "--page", "index.md"]) == 1
    body = EXPECTED.replace("\n", "\r\n")
    assert page.read_bytes() == PAGE.replace("old\r\n", body).encode()

    stamp = page.stat().st_mtime_ns
    assert main(["build", "--page", "index.md"]) == 0
    assert main(["build", "--page", "index.md", "--check"]) == 0
    assert page.stat().st_mtime_ns == stamp


def test_diff_prints_what_would_change(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--page", "index.md", "--diff"]) == 1
    assert (site / "index.md").read_bytes() == PAGE.encode()  # --diff never writes
    out = capsys.readouterr().out
    assert out.startswith("--- index.md\n+++ index.md\n")
    assert "-old\r\n" in out
    assert "+* **Z. Tang**, Z. Tang, X. Chu📧." in out


def test_outputs_from_overrides(site: Path) -> None:
    with (site / "overrides.yaml").open("a") as handle:
        handle.write("outputs:\n  - page: index.md\n  - file: out/list.md\n")
    (site / "out").mkdir()
    assert main(["build"]) == 1
    assert (site / "out" / "list.md").read_text(encoding="utf-8") == EXPECTED
    assert "<!-- pubgen:start -->\r\n**Z. Tang**" not in (site / "index.md").read_text()
    assert main(["build", "--check"]) == 0


@pytest.mark.parametrize(
    ("bib", "message"),
    [
        (
            BIB + "@article{tang2024a, title={again}, year=2020}\n",
            "refs.bib:16: [tang2024a] duplicate citation key (first defined on line 1)",
        ),
        (
            BIB.replace("year = 2023", "year = {in press}"),
            "refs.bib:9: [tang2023b] year is not a year: 'in press'",
        ),
        (
            BIB.replace("month = dec\n}", "month = dec\n"),
            "refs.bib:1: [tang2024a] entry could not be parsed: Unexpected block start",
        ),
    ],
)
def test_input_errors_exit_2_and_write_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], bib: str, message: str
) -> None:
    (site / "refs.bib").write_text(bib, encoding="utf-8")
    assert main(["build", "--page", "index.md"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert err.endswith("nothing written\n")
    assert (site / "index.md").read_bytes() == PAGE.encode()


def test_lenient_renders_the_rest(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "refs.bib").write_text(BIB.replace("year = 2023", "year = {2023a}"), encoding="utf-8")
    assert main(["build", "-o", "-", "--lenient"]) == 0
    captured = capsys.readouterr()
    assert "refs.bib:9: [tang2023b] warning: year is not a year: '2023a'" in captured.err
    assert "* Z. Tang, **Z. Tang**. A Preprint. arXiv preprint arXiv:2303.01778." in captured.out


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (
            ["build", "--page", "index.md"],
            {"index.md": "no markers\n"},
            "index.md: needs exactly one <!-- pubgen:start --> line",
        ),
        (["build", "--page", "missing.md"], {}, "missing.md: page does not exist"),
        (["build", "-o", "-", "--bib", "nope.bib"], {}, "nope.bib: cannot read: No such file"),
        (
            ["build", "-o", "-"],
            {"overrides.yaml": "papers:\n  tang2024a:\n    leader: [x]\n"},
            "overrides.yaml:3: unknown key 'leader' in papers.tang2024a",
        ),
        (
            ["build", "-o", "-"],
            {
                "overrides.yaml": "owner: {names: [Zhenheng Tang]}\npapers:\n  tang2024a:\n    equal: [Z. Tang]\n"
            },
            "overrides.yaml:4: [tang2024a] equal: 'Z. Tang' matches more than one author",
        ),
        (
            ["build", "-o", "-"],
            {"refs.bib": "\ufeff@misc{a, title={x}, year=2020}\n\x00"},
            "refs.bib:2: file contains NUL bytes",
        ),
        (
            ["build", "-o", "-"],
            {"refs.bib": "@misc{a, title={x}}".encode("utf-16")},
            "refs.bib:1: file is UTF-16; re-export it as UTF-8",
        ),
        (
            ["build", "-o", "-"],
            {"refs.bib": "@misc{a, title={caf\xe9}}".encode("latin-1")},
            "refs.bib:1: not valid UTF-8 (byte 0xe9)",
        ),
    ],
)
def test_errors_are_one_line_each(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    files: dict[str, str | bytes],
    message: str,
) -> None:
    for name, text in files.items():
        (site / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["build", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "1  a file was rewritten, or would be with --check" in out
    assert "<!-- pubgen:start -->" in out


@pytest.mark.parametrize(
    "argv", [[command, *rest] for command in COMMANDS for rest in (["--help"], ["--bogus"])]
)
def test_a_command_parses_as_among_all_commands(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """main builds only the named command's parser; its help, errors and exit codes are
    what the parser of every command gives."""
    with pytest.raises(SystemExit) as everything:
        _parser().parse_args(argv)
    expected = (everything.value.code, *capsys.readouterr())
    with pytest.raises(SystemExit) as alone:
        main(argv)
    assert (alone.value.code, *capsys.readouterr()) == expected


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    "package",
    [
        "requests",  # only `pubgen sync` talks to the network
        "bibtexparser",  # only for blocks the fast splitter hands over (pubgen/split.py)
        "pybtex",  # only for names with braces, commands or a von part (pubgen/nameparts.py)
        "pubgen.workers",  # only for a .bib of 500 KB or more (pubgen/reading.py)
        "multiprocessing",  # pubgen.workers forks without it
        "pubgen.markers",  # only --page and outputs with page: splice between the markers
    ],
)
def test_build_of_the_bundled_list_never_imports(site: Path, package: str) -> None:
    code = (
        "import sys; from pubgen.cli import main; rc = main(['build', '-o', '-']); "
        "sys.stderr.write(repr(sorted(m for m in sys.modules "
        f"if m == {package!r} or m.startswith({package + '.'!r}))))"
    )
    result = run_python(code, site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "[]"


@pytest.mark.parametrize("argv", [["build", "-o", "-"], ["build", "--format", "nonsense"]])
def test_main_gives_back_the_garbage_collector_as_it_was(site: Path, argv: list[str]) -> None:
    """main turns the cyclic GC off for its own run only (run as the process, without
    argv, it leaves it off): a program or test that calls main keeps its collector."""
    assert gc.isenabled()
    with contextlib.suppress(SystemExit):  # argparse exits on a usage error
        main(argv)
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("argv", "stdout", "code", "written"),
    [
        (["-o", "-"], subprocess.PIPE, 0, EXPECTED),
        (["-o", "list.md"], subprocess.PIPE, 1, EXPECTED),
        # A warning on stderr must come out too: the process ends without Python's shutdown.
        (["-o", "list.md", "--bib", "extra.bib", "--bib", "refs.bib"], subprocess.PIPE, 1, ""),
        # stdout closed before the list is written (``| head``): quietly, as if by SIGPIPE.
        (["-o", "-"], "closed", 141, ""),
    ],
)
def test_python_dash_m(
    site: Path, argv: list[str], stdout: int | str, code: int, written: str
) -> None:
    """The process entry point (main without argv, which ends the process itself) loses
    no output and never shows a traceback."""
    (site / "extra.bib").write_text(
        "@misc{x, title = {T}, author = {Doe, Jane}}\n", encoding="utf-8"
    )
    env_path = f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    process = subprocess.Popen(
        [sys.executable, "-m", "pubgen", "build", *argv],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": env_path, "PUBGEN_NO_CACHE": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    if stdout == "closed":
        process.stdout.close()
        out = ""
    else:
        out = process.stdout.read()
    err = process.stderr.read()
    assert process.wait(timeout=60) == code
    if "extra.bib" in argv:
        assert err == "extra.bib:1: [x] warning: no year: listed as undated\nrebuilt list.md\n"
        assert "FuseFL" in (site / "list.md").read_text(encoding="utf-8")
    elif stdout == "closed":
        assert err == ""
    else:
        assert (out or (site / "list.md").read_text(encoding="utf-8")) == written
        assert err == ("rebuilt list.md\n" if code else "")


def test_the_wheel_ships_its_templates(tmp_path: Path) -> None:
    """``pip install .`` must work from any folder: the templates travel in the wheel."""
    target = tmp_path / "site"
    install = _run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--target",
        str(target),
        str(REPO),
        cwd=tmp_path,
    )
    assert install.returncode == 0, install.stderr
    assert (target / "pubgen" / "templates" / "markdown.md.j2").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pubgen",
            "build",
            "-o",
            "-",
            "--bib",
            str(REPO / "refs.bib"),
            "--overrides",
            str(REPO / "overrides.yaml"),
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (REPO / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")


LONG = """\
@article{long, title = {T}, journal = {Nature}, year = 2020,
  author = {A, Aa and B, Bb and C, Cc and D, Dd and Tang, Zhenheng and F, Ff}}
"""


@pytest.mark.parametrize(
    ("limit", "authors"),
    [
        (0, "A. A, B. B, C. C, D. D, **Z. Tang**, F. F."),
        (6, "A. A, B. B, C. C, D. D, **Z. Tang**, F. F."),
        (5, "A. A, B. B, C. C, D. D, **Z. Tang**, et al."),
        (3, "A. A, B. B, …, **Z. Tang**, et al."),
        (1, "…, **Z. Tang**, et al."),
    ],
)
def test_max_authors_never_hides_the_owner(
    site: Path, capsys: pytest.CaptureFixture[str], limit: int, authors: str
) -> None:
    (site / "refs.bib").write_text(LONG, encoding="utf-8")
    (site / "overrides.yaml").write_text(
        f"owner: {{names: [Zhenheng Tang]}}\nmax_authors: {limit}\n"
    )
    assert main(["build", "-o", "-"]) == 0
    assert f"* {authors} T. In Nature 2020." in capsys.readouterr().out


def test_max_authors_with_the_owner_last(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "refs.bib").write_text(LONG.replace(" and F, Ff", ""), encoding="utf-8")
    (site / "overrides.yaml").write_text("owner: {names: [Zhenheng Tang]}\nmax_authors: 2\n")
    assert main(["build", "-o", "-"]) == 0
    assert "* A. A, …, **Z. Tang**. T. In Nature 2020." in capsys.readouterr().out


def test_output_to_a_device_writes_through_it(site: Path) -> None:
    """-o /dev/null must never replace the device with a regular file."""
    assert main(["build", "-o", os.devnull]) == 0
    assert not Path(os.devnull).is_file()
    fifo = site / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert main(["build", "-o", str(fifo)]) == 0
    out, _ = reader.communicate(timeout=30)
    assert out.decode() == EXPECTED
    assert not fifo.is_file()


@pytest.mark.parametrize(
    ("fmt", "authors"),
    [
        ("markdown", "* A. A, …, **Z. Tang**, et al. T. In Nature 2020."),
        (
            "html",
            '"pubgen-authors">A. A, …, <strong class="pubgen-owner">Z. Tang</strong>, et al.<',
        ),
        ("latex", "\\item A. A, \\ldots{}, \\textbf{Z. Tang}, et~al. T."),
    ],
)
def test_a_papers_own_max_authors_wins_in_every_format(
    site: Path, capsys: pytest.CaptureFixture[str], fmt: str, authors: str
) -> None:
    (site / "refs.bib").write_text(LONG, encoding="utf-8")
    (site / "overrides.yaml").write_text(
        "owner: {names: [Zhenheng Tang]}\nmax_authors: 0\npapers:\n  long:\n    max_authors: 2\n"
    )
    assert main(["build", "-o", "-", "--format", fmt]) == 0
    assert authors in capsys.readouterr().out


def test_a_key_in_two_files_is_reported_with_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.bib").write_text("@misc{k, title={A}, year=2020}\n", encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n@misc{K, title={B}, year=2021}\n", encoding="utf-8")
    assert main(["build", "--bib", "a.bib", "--bib", "b.bib", "-o", "-"]) == 2
    assert "b.bib:2: [K] duplicate citation key (also in a.bib:1)" in capsys.readouterr().err
