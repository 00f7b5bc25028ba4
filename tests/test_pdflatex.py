"""The LaTeX output compiled by Debian's pdflatex with shell escape off: the bundled list
and the hostile bib, as a whole document and as the fragment a CV \\inputs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pubgen.cli import main
from tests.conftest import REPO, need_program
from tests.hostile import ARGS, read

SEED_ARGS = ["--bib", str(REPO / "refs.bib"), "--overrides", str(REPO / "overrides.yaml")]
# A CV that \inputs the fragment; no hyperref, so the fragment's \href fallback is used.
CV = (
    "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
    "\\begin{document}\n\\section*{Publications}\n\\input{pubs.tex}\n\\end{document}\n"
)
# If a title's \input{pubgen-secret} ran, the log would say so.
SECRET = "\\message{PUBGEN-SECRET-READ}\n"


def pdflatex(folder: Path, name: str) -> str:
    program = need_program("pdflatex", "the LaTeX output is compiled by real pdflatex")
    result = subprocess.run(
        [program, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", name],
        cwd=folder,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=180,
        check=False,
    )
    log = (folder / name).with_suffix(".log").read_text(encoding="latin-1")
    assert result.returncode == 0, log[-3000:]
    assert (folder / name).with_suffix(".pdf").stat().st_size > 1000
    return log


@pytest.mark.parametrize("bib", ["seed", "hostile"])
@pytest.mark.parametrize("standalone", [True, False], ids=["standalone", "fragment"])
def test_latex_compiles_without_shell_escape(tmp_path: Path, bib: str, standalone: bool) -> None:
    args = ["build", *(SEED_ARGS if bib == "seed" else ARGS), "--format", "latex"]
    (tmp_path / "pubgen-secret.tex").write_text(SECRET, encoding="utf-8")
    if standalone:
        assert main([*args, "--standalone", "-o", str(tmp_path / "pubs.tex")]) == 1
        log = pdflatex(tmp_path, "pubs.tex")
    else:
        assert main([*args, "-o", str(tmp_path / "pubs.tex")]) == 1
        (tmp_path / "cv.tex").write_text(CV, encoding="utf-8")
        log = pdflatex(tmp_path, "cv.tex")
    assert "PUBGEN-SECRET-READ" not in log
    assert "(/etc/passwd" not in log  # TeX logs every file it opens as "(path"
    assert "Missing character" not in log
    assert "Unicode character" not in log


def test_the_secret_would_be_read_if_it_were_not_escaped(tmp_path: Path) -> None:
    """The control: a raw \\input of the secret file does show in the log."""
    (tmp_path / "pubgen-secret.tex").write_text(SECRET, encoding="utf-8")
    (tmp_path / "pubs.tex").write_text("\\input{pubgen-secret}\n", encoding="utf-8")
    (tmp_path / "cv.tex").write_text(CV, encoding="utf-8")
    assert "PUBGEN-SECRET-READ" in pdflatex(tmp_path, "cv.tex")


def test_hostile_latex_is_escaped(tmp_path: Path) -> None:
    assert main(["build", *ARGS, "--format", "latex", "-o", str(tmp_path / "pubs.tex")]) == 1
    tex = read(tmp_path / "pubs.tex")
    body = tex.split("\\begin{itemize}", 1)[1]
    assert "\\input" not in body.replace("\\textbackslash{}input", "")
    assert "^^" not in body
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in body
    assert "\\pubgenchar{5F20}{张}" in body  # CJK: printed by XeLaTeX, [U+5F20] by pdflatex
    assert "\\ensuremath{\\alpha}" in body
