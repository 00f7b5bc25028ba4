"""Escapers: BibTeX text -> text an output format shows literally, and acts on never.

BibTeX fields are hostile data. Markdown pages are read by three parsers in turn: Liquid
(Jekyll) or Hugo's shortcodes first, then kramdown or a CommonMark parser, then a browser,
so the Markdown escaper must defeat all of them at once; what kramdown does with each
character was checked with a real Jekyll build (tests/test_clients.py).
"""

from __future__ import annotations

import re

from markupsafe import escape

from pubgen.lazyre import LazyRegex

# Line and paragraph breaks become spaces (a break inside a value could start a new
# Markdown block: a list, a heading, a forged page marker). Other control characters carry
# no text, are invalid in HTML and XML, and stop TeX: they are dropped.
_BREAKS = LazyRegex("[\t\n\v\f\r\x85\u2028\u2029]+")
_CONTROLS = LazyRegex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNCLEAN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # what either of the two acts on


# Right-to-left overrides, embeddings and isolates -> the character that ends each.
_BIDI_OPENERS = dict.fromkeys("\u202a\u202b\u202d\u202e", "\u202c") | dict.fromkeys(
    "\u2066\u2067\u2068", "\u2069"
)
_BIDI_OPENER = re.compile("[" + "".join(_BIDI_OPENERS) + "]")


def close_bidi(text: str) -> str:
    """``text`` with every bidirectional override it opens closed at its end, so that a
    stray U+202E in a title cannot reverse the venue or the links printed after it."""
    if not _BIDI_OPENER.search(text):  # nearly every value: one scan in C, no loop
        return text
    open_: list[str] = []
    for char in text:
        if char in _BIDI_OPENERS:
            open_.append(_BIDI_OPENERS[char])
        elif open_ and char == open_[-1]:
            open_.pop()
    return text + "".join(reversed(open_))


def clean_text(text: str) -> str:
    """One line of text: breaks are spaces, other control characters are gone, and
    bidirectional overrides end where the text ends."""
    if _UNCLEAN.search(text):
        text = _CONTROLS.compiled.sub("", _BREAKS.compiled.sub(" ", text))
    return close_bidi(text)


# Backslash escapes that kramdown and CommonMark both honour, and entities for what
# Liquid and Hugo shortcodes ({{ }}, {% %}), raw HTML (<, &), kramdown math ($$), kramdown
# extensions and attribute lists ({::}, {:), smart quotes (" ') or a superscript (^) would
# otherwise act on. kramdown does not honour \^, so ^ is an entity too.
_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "|": "\\|",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "%": "&#37;",
    "$": "&#36;",
    "~": "&#126;",
    "^": "&#94;",
    '"': "&quot;",
    "'": "&#39;",
}
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(_MARKDOWN_ESCAPES)) + "]")
# kramdown turns -- and --- into dashes and ... into an ellipsis (so a forged
# "<!-- pubgen:end -->" would not even read as written); Hugo's extensions read ++ and ==.
_RUNS = re.compile(r"([-.+=])\1+")
# At the start of a line these would open a list item or a setext heading; a value starts
# a line only in a site's own template, but then it must not become one.
_LINE_START = re.compile(r"[-+=]|\d+[.)]")


# Anything the four steps of escape_markdown would act on: text without a match (most
# names, venues and years) is returned as it is after one search instead of four passes.
_MARKDOWN_WORK = re.compile(
    "|".join(
        (
            _MARKDOWN_SPECIAL.pattern,
            _UNCLEAN.pattern,
            _BIDI_OPENER.pattern,
            r"(?P<run>[-.+=])(?P=run)",  # _RUNS
            f"^(?:{_LINE_START.pattern})",
        )
    )
)


def escape_markdown(text: str) -> str:
    """Text that kramdown, CommonMark, Liquid and Hugo all show literally, on one line."""
    return markdown_steps(text) if _MARKDOWN_WORK.search(text) else text


def markdown_steps(text: str) -> str:
    """escape_markdown without the shortcut: every step, whatever the text."""
    text = _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ESCAPES[m.group()], clean_text(text))
    text = _RUNS.sub(lambda m: "".join("\\" + char for char in m.group()), text)
    start = _LINE_START.match(text)
    if start:
        text = text[: start.end() - 1] + "\\" + text[start.end() - 1 :]
    return text


_HTML_CONTROLS = LazyRegex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r\n?")
# What escape_html acts on: controls and \r, markupsafe's & < > " ', braces, bidi openers.
_HTML_WORK = LazyRegex(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\r&<>\"'{}" + "".join(_BIDI_OPENERS) + "]"
)


def escape_html(text: str) -> str:
    """HTML text or attribute value; braces as entities so Liquid leaves a spliced page alone.

    Line breaks stay (they matter inside ``<pre>``); a page splices HTML as one block.
    """
    return html_steps(text) if _HTML_WORK.compiled.search(text) else text


def html_steps(text: str) -> str:
    """escape_html without the shortcut: every step, whatever the text."""
    text = _HTML_CONTROLS.compiled.sub(lambda m: "\n" if m.group().startswith("\r") else "", text)
    return str(escape(close_bidi(text))).replace("{", "&#123;").replace("}", "&#125;")
