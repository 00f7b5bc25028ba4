"""The HTML of the hostile bib opened in headless Debian Chromium: the DOM after the page ran
shows the owner in <strong> and every payload as text; no payload ran."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

from pubgen.cli import main
from tests.conftest import need_program
from tests.hostile import ARGS, Page, missing_texts, read, visible_texts

# No network, no first-run work, nothing kept: the page is a local file without resources.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
]
# A page without pubgen's Content-Security-Policy, so that a payload that got through the
# escaping would run: the fragment alone is tested here, the standalone page below.
BARE = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bare</title></head><body>{}'


def _chromium(page: Path, profile: Path, *action: str) -> subprocess.CompletedProcess[str]:
    browser = need_program("chromium", "the HTML test opens the page in a real browser")
    return subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *action, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def dump_dom(page: Path, profile: Path) -> str:
    result = _chromium(page, profile, "--dump-dom")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), result.stderr
    return result.stdout


def _title(dom: str) -> str:
    return dom.split("<title>", 1)[1].split("</title>", 1)[0]


def test_harness_sees_a_payload_that_runs(tmp_path: Path) -> None:
    """The control: unescaped, the payload does change the DOM this test reads."""
    page = tmp_path / "control.html"
    script = '<script>document.title="PWNED"; document.body.dataset.pwned=1</script>'
    page.write_text(BARE.format(script), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert _title(dom) == "PWNED"
    assert 'data-pwned="1"' in dom


@pytest.mark.parametrize("standalone", [False, True], ids=["fragment", "standalone"])
def test_hostile_html_runs_nothing_and_shows_everything(tmp_path: Path, standalone: bool) -> None:
    page = tmp_path / "pubs.html"
    args = ["build", *ARGS, "--format", "html", "-o", str(page)]
    assert main(args + (["--standalone"] if standalone else [])) == 1
    if not standalone:
        page.write_text(BARE.format(read(page)), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert _title(dom) == ("Publications" if standalone else "bare")
    assert "data-pwned" not in dom  # the text says dataset.pwned; only a run writes this
    parsed = Page(dom)
    assert parsed.problems() == []
    assert missing_texts(parsed, visible_texts(bibtex=True)) == []
    assert '<strong class="pubgen-owner">Z. Tang</strong>' in dom


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_of_the_seed_page_on_a_phone(tmp_path: Path) -> None:
    """A phone-sized screenshot of the bundled list (tests/golden/seed.html); a reviewer
    looks at it (it is kept under /tmp for that); the test checks it was drawn."""
    page = tmp_path / "seed.html"
    golden = Path(__file__).parent / "golden" / "seed.html"
    page.write_text(read(golden), encoding="utf-8")
    shot = tmp_path / "seed.png"
    result = _chromium(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=412,915")
    assert result.returncode == 0, result.stderr
    assert _png_size(shot) == (412, 915)
