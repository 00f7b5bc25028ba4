"""Escaping tables: what each output format gets for hostile text and URLs.

What the escaped text then does in the real clients is tested in test_jekyll.py,
test_chromium.py and test_pdflatex.py; these tables pin the exact bytes.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from pubgen.escape import clean_text, escape_html, escape_markdown, html_steps, markdown_steps
from pubgen.render import _finalizer, escaper
from pubgen.texescape import escape_latex, latex_chars, latex_url
from pubgen.urls import arxiv_url, doi_url, safe_url

MARKDOWN = [
    ("plain text, no change", "plain text, no change"),
    ("*emph* _x_ `c` [l](u) #h |t| \\", "\\*emph\\* \\_x\\_ \\`c\\` \\[l\\](u) \\#h \\|t\\| \\\\"),
    ("<script>a & b</script>", "&lt;script&gt;a &amp; b&lt;/script&gt;"),
    (
        "{{ site.title }} {% include x %}",
        "&#123;&#123; site.title &#125;&#125; &#123;&#37; include x &#37;&#125;",
    ),
    (
        "{::nomarkdown} {: .c} $$x$$ ~~s~~ ^1^",
        "&#123;::nomarkdown&#125; &#123;: .c&#125; &#36;&#36;x&#36;&#36; &#126;&#126;s&#126;&#126; &#94;1&#94;",
    ),
    ("\"double\" 'single'", "&quot;double&quot; &#39;single&#39;"),
    ("<!-- pubgen:end -->", "&lt;!\\-\\- pubgen:end \\-\\-&gt;"),
    (
        "a -- b --- c ... d ++e== f-g a.b",
        "a \\-\\- b \\-\\-\\- c \\.\\.\\. d \\+\\+e\\=\\= f-g a.b",
    ),
    ("- dash", "\\- dash"),
    ("+ plus", "\\+ plus"),
    ("= equals", "\\= equals"),
    ("1. one", "1\\. one"),
    ("2024) year", "2024\\) year"),
    ("line\nbreak\r\nand\u2028more\x0bvt", "line break and more vt"),
    (
        "bell\x07 and nul\x00 and csi\x9b gone; nel\x85breaks",
        "bell and nul and csi gone; nel breaks",
    ),
    (
        "RTL \u202eevil\u202c zero\u200bwidth 张三 🚀",
        "RTL \u202eevil\u202c zero\u200bwidth 张三 🚀",
    ),
    # An override left open is closed at the end of the value; closed ones stay as they are.
    ("open \u202eRLO and \u2067RLI", "open \u202eRLO and \u2067RLI\u2069\u202c"),
    ("\u202aa\u202b\u202cb\u202c", "\u202aa\u202b\u202cb\u202c"),
]
HTML = [
    ("plain", "plain"),
    ('<img src=x onerror="a()">', "&lt;img src=x onerror=&#34;a()&#34;&gt;"),
    (
        "'single' & {{ liquid }} {% tag %}",
        "&#39;single&#39; &amp; &#123;&#123; liquid &#125;&#125; &#123;% tag %&#125;",
    ),
    ("pre\nlines\r\nstay\rput\x00\x07", "pre\nlines\nstay\nput"),
    ("open \u202eRLO", "open \u202eRLO\u202c"),
]
LATEX = [
    ("plain text", "plain text"),
    (
        "\\ { } $ & # ^ _ % ~",
        "\\textbackslash{} \\{ \\} \\$ \\& \\# \\textasciicircum{} \\_ \\% \\textasciitilde{}",
    ),
    ("\\input{/etc/passwd}", "\\textbackslash{}input\\{/etc/passwd\\}"),
    ("\\write18{id}", "\\textbackslash{}write18\\{id\\}"),
    ("^^5c^^M", "\\textasciicircum{}\\textasciicircum{}5c\\textasciicircum{}\\textasciicircum{}M"),
    (
        '< > | " ` [x]',
        "\\textless{} \\textgreater{} \\textbar{} \\textquotedbl{} \\textasciigrave{} {[}x{]}",
    ),
    ("a -- b --- c '' d ,, e", "a -{}- b -{}-{}- c '{}' d ,{}, e"),
    ("Müller Łukasz Dvořák ß é ñ – — “q” € † …", "Müller Łukasz Dvořák ß é ñ – — “q” € † …"),
    (
        "α-divergence, O(n²), ≤ ∞ −1",
        "\\ensuremath{\\alpha}-divergence, O(n²), \\ensuremath{\\leq} \\ensuremath{\\infty} \\ensuremath{-}1",
    ),
    ("x⁴ H₂O ℝ", "x\\textsuperscript{4} H\\textsubscript{2}O R"),
    ("q\u0303 e\u0361", "\\~{q} e\\pubgenchar{0361}{\u0361}"),
    (
        "张三 🚀 Ж",
        "\\pubgenchar{5F20}{张}\\pubgenchar{4E09}{三} \\pubgenchar{1F680}{🚀} \\pubgenchar{0416}{Ж}",
    ),
    ("RTL \u202eevil\u202c zero\u200bwidth \ufeffbom", "RTL evil zerowidth bom"),
    ("thin\u2009space, no\xa0break", "thin\\,space, no\xa0break"),
    ("two\nlines\x07", "two lines"),
]
URLS = [
    ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"),
    ("HTTP://Example.ORG", "http://example.org"),
    ("  https://example.org/x  ", "https://example.org/x"),
    ('https://ex.org/a b/(c)?q="<x>"#{f}', "https://ex.org/a%20b/%28c%29?q=%22%3Cx%3E%22#%7Bf%7D"),
    ("https://ex.org/100%/%41", "https://ex.org/100%25/%41"),
    ("https://ex.org/\\x'*$", "https://ex.org/%5Cx%27%2A%24"),
    ("https://münchen.de/ä", "https://xn--mnchen-3ya.de/%C3%A4"),
    ("https://ex.org:8080/", "https://ex.org:8080/"),
    ("javascript:alert(1)", ""),
    ("JavaScript:alert(1)", ""),
    (" javascript:alert(1)", ""),
    ("data:text/html;base64,PHNjcmlwdD4=", ""),
    ("vbscript:msgbox", ""),
    ("file:///etc/passwd", ""),
    ("//example.org/x", ""),
    ("paper.pdf", ""),
    ("https://doi.org@evil.example/", ""),
    ("https://user:pw@example.org/", ""),
    ("http://[::1]/", ""),
    ("https://ex ample.org/", ""),
    ("https://ex.org:port/", ""),
    ("https:///path", ""),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(("text", "expected"), HTML)
def test_escape_html(text: str, expected: str) -> None:
    assert escape_html(text) == expected


@pytest.mark.parametrize(("text", "expected"), LATEX)
def test_escape_latex(text: str, expected: str) -> None:
    assert escape_latex(text) == expected


@pytest.mark.parametrize(("url", "expected"), URLS)
def test_safe_url(url: str, expected: str) -> None:
    assert safe_url(url) == expected
    assert safe_url(expected) == expected  # canonical: a second pass changes nothing


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.1145/3669940.3707272", "https://doi.org/10.1145/3669940.3707272"),
        (
            "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
            "https://doi.org/10.1002/%28SICI%291097-4571%28199806%2949:8%3C693::AID-ASI4%3E3.0.CO;2-O",
        ),
        ("10.1000/a#b?c%d", "https://doi.org/10.1000/a%23b%3Fc%25d"),
        ("10.1000/x\"onmouseover='a'", "https://doi.org/10.1000/x%22onmouseover=%27a%27"),
        ("11.1000/x", ""),
        ("10.12/x", ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_doi_url(doi: str, expected: str) -> None:
    assert doi_url(doi) == expected


def test_arxiv_and_latex_urls() -> None:
    assert arxiv_url("2401.17644") == "https://arxiv.org/abs/2401.17644"
    assert arxiv_url("hep-th/9901001") == "https://arxiv.org/abs/hep-th/9901001"
    assert arxiv_url("") == ""
    assert latex_url("https://ex.org/a%20b?x=1&y_z=~#f") == "https://ex.org/a\\%20b?x=1&y_z=~\\#f"


# Every character some step of some escaper acts on, and plain ones around them.
TRICKY = (
    "\\`*_[]#|&<>{}%$~^\"'-.+=,!?)(:;/@ 019aZ\t\n\v\f\r\x00\x07\x1b\x7f\x85\x9b"
    "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"
    "\xa0\u2009éñ\u0301\u0303\u0361α≤−²ℝŁ张🚀\u0660\u0661"
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=12))
def test_shortcuts_give_the_bytes_of_every_step(text: str) -> None:
    # Text with nothing to escape is returned as it is, ASCII LaTeX by one substitution:
    # each shortcut must give exactly what running every step gives.
    assert escape_markdown(text) == markdown_steps(text)
    assert escape_html(text) == html_steps(text)
    assert escape_latex(text) == latex_chars(clean_text(text))


@pytest.mark.parametrize("fmt", ["markdown", "html", "latex"])
@pytest.mark.parametrize(
    "value",
    [
        *(text for text, _ in MARKDOWN + HTML + LATEX),
        "x" * 100 + "<{&}>",  # longer than what the finalizer keeps
        "x" * 99 + "\u202e",
        2024,
        None,
    ],
)
def test_finalizer_cache_gives_the_escaper_bytes(fmt: str, value: object) -> None:
    escape = escaper(fmt)
    finalize = _finalizer(escape)
    expected = escape(str(value))
    # The first call escapes, the second may come from the cache: both the same bytes.
    assert [finalize(value), finalize(value)] == [expected, expected]
    assert all(type(finalize(value)) is Markup for _ in range(2))
    assert finalize(Markup(value)) == str(value)  # ready-to-print values pass as they are
