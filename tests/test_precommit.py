"""The hook, run by the real pre-commit in a real git repository.

pre-commit installs the hook's environment from a git copy of this checkout with pip
(PyPI must be reachable); ``PRE_COMMIT_HOME`` points into a temp folder, and the git
configuration is a temp file, so nothing of the user's is read or written.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from pubgen.cli import main
from pubgen.init import REPO_PLACEHOLDER, REV_PLACEHOLDER
from tests.conftest import REPO, need_path, need_program

S, E = "<!-- pubgen:start -->", "<!-- pubgen:end -->"
BIB = "@article{a2020, title={A Title}, author={Doe, Jane and Roe, Rick}, journal={Nature}, year=2020}\n"
NEW_PAPER = "@inproceedings{b2024, title={Later}, author={Doe, Jane}, booktitle={Advances in Neural Information Processing Systems}, year=2024}\n"
L = "## Journal Articles\n\n* **J. Doe**, R. Roe. A Title. In Nature 2020.\n"
L2 = "## Conference Papers\n\n* **J. Doe**. Later. In NeurIPS 2024.\n\n" + L
# pip may build and download; these bound each pre-commit call (a cold install included).
TIMEOUT = 900


@dataclass(frozen=True)
class HookRepo:
    path: Path
    rev: str
    env: dict[str, str]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = _run(["git", *args], cwd, env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HookRepo]:
    """A one-commit git copy of what pip installs from this checkout, and a clean env."""
    need_program("git", "the pre-commit tests run git")
    if importlib.util.find_spec("pre_commit") is None:
        need_path(Path("<the pre_commit module>"), "pip install '.[test]' installs pre-commit")
    base = tmp_path_factory.mktemp("hook")
    gitconfig = base / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test\n\temail = test@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
    )
    # Nothing from a surrounding git hook (GIT_DIR, GIT_INDEX_FILE) or checkout leaks in.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("PYTHONPATH", None)
    env.update(
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        # The same identity for a git older than 2.32, which ignores GIT_CONFIG_GLOBAL.
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        PRE_COMMIT_HOME=str(base / "cache"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_DEFAULT_TIMEOUT="60",
    )
    src = base / "pubgen"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "pubgen", src / "pubgen", ignore=shutil.ignore_patterns("__pycache__"))
    _git(src, env, "init", "-q")
    _git(src, env, "add", "-A")
    _git(src, env, "commit", "-q", "-m", "pubgen")
    yield HookRepo(src, _git(src, env, "rev-parse", "HEAD").strip(), env)


def _pre_commit(site: Path, hook: HookRepo, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], site, hook.env)


def _site(tmp_path: Path, hook: HookRepo, page: bytes) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "refs.bib").write_text(BIB, encoding="utf-8")
    (site / "index.md").write_bytes(page)
    _git(site, hook.env, "init", "-q")
    return site


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_hook_rebuilds_then_passes_then_commits(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    hook_repo: HookRepo,
    nl: str,
) -> None:
    head = f"\ufeff---{nl}title: About{nl}---{nl}# Me{nl}{nl}# Publications{nl}"
    tail = f"{nl}Contact: me at example dot org"
    site = _site(tmp_path, hook_repo, (head + tail).encode())

    # pubgen init writes overrides.yaml and the markers, and prints the config entry.
    monkeypatch.chdir(site)
    assert main(["init", "--page", "index.md", "--after", "# Publications"]) == 0
    snippet = capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    config = snippet.replace(REPO_PLACEHOLDER, str(hook_repo.path))
    (site / ".pre-commit-config.yaml").write_text(config.replace(REV_PLACEHOLDER, hook_repo.rev))
    _git(site, hook_repo.env, "add", "-A")

    def page(body: str) -> bytes:
        spliced = f"{nl}{S}{nl}{body.replace(chr(10), nl)}{E}{nl}"
        return (head + spliced + tail).encode()

    assert (site / "index.md").read_bytes() == page("")
    first = _pre_commit(site, hook_repo, "try-repo", str(hook_repo.path), "pubgen", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "rebuilt index.md" in first.stdout
    assert (site / "index.md").read_bytes() == page(L)
    second = _pre_commit(site, hook_repo, "try-repo", str(hook_repo.path), "pubgen", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert (site / "index.md").read_bytes() == page(L)

    # The installed hook: a commit passes; after a bib change it is stopped once.
    installed = _pre_commit(site, hook_repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(site, hook_repo.env, "add", "-A")
    _git(site, hook_repo.env, "commit", "-q", "-m", "site")
    with (site / "refs.bib").open("a", encoding="utf-8") as handle:
        handle.write(NEW_PAPER)
    stopped = _run(["git", "commit", "-q", "-am", "new paper"], site, hook_repo.env)
    assert stopped.returncode != 0
    assert "files were modified by this hook" in stopped.stdout + stopped.stderr
    assert (site / "index.md").read_bytes() == page(L2)
    _git(site, hook_repo.env, "add", "-A")
    _git(site, hook_repo.env, "commit", "-q", "-m", "new paper")
    assert _git(site, hook_repo.env, "status", "--porcelain") == ""
    committed = subprocess.run(
        ["git", "show", "HEAD:index.md"],
        cwd=site,
        env=hook_repo.env,
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert committed.stdout == page(L2)


def test_hook_reports_a_page_without_markers(tmp_path: Path, hook_repo: HookRepo) -> None:
    original = b"# Me\r\n\r\nno markers here\r\n"
    site = _site(tmp_path, hook_repo, original)
    (site / "overrides.yaml").write_text("outputs:\n  - page: index.md\n")
    _git(site, hook_repo.env, "add", "-A")
    result = _pre_commit(site, hook_repo, "try-repo", str(hook_repo.path), "pubgen", "--all-files")
    assert result.returncode == 1
    assert "- exit code: 2" in result.stdout
    assert (
        "index.md: needs exactly one <!-- pubgen:start --> line and one <!-- pubgen:end --> "
        "line, found 0 start and 0 end markers (pubgen init --page index.md adds them)"
    ) in result.stdout
    assert (site / "index.md").read_bytes() == original


def test_the_manifest_is_valid_for_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is None:
        need_path(Path("<the pre_commit module>"), "pip install '.[test]' installs pre-commit")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("refs.bib", True),
        ("_bibliography/papers.bib", True),
        ("overrides.yaml", True),
        ("site/overrides.yaml", True),
        ("templates/markdown.md.j2", True),
        ("site/templates/item.j2", True),
        ("_pages/about.md", False),
        ("my-overrides.yaml", False),
        ("refs.bib.orig", False),
        ("mytemplates/x", False),
    ],
)
def test_the_hook_runs_for_bib_overrides_and_templates(path: str, runs: bool) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {
        k: hook[k] for k in ("id", "entry", "language", "pass_filenames", "require_serial")
    } == {
        "id": "pubgen",
        "entry": "pubgen build",
        "language": "python",
        "pass_filenames": False,
        "require_serial": True,
    }
    assert bool(re.search(hook["files"], path)) == runs
