"""Links a page may show: http(s) only, percent-encoded so that no output format reads them.

Every URL pubgen prints passes through ``safe_url``. What comes out holds only
``A-Z a-z 0-9 - . _ ~ : / ? # @ ! & = + , ; %``: no quote, bracket, brace, parenthesis,
space, backslash or non-ASCII character is left for HTML, Markdown, Liquid or TeX to act
on, and the scheme is http or https, so ``javascript:`` or ``data:`` cannot get through.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from pubgen.lazyre import LazyRegex

_HOST = LazyRegex(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
_BAD_PERCENT = LazyRegex(r"%(?![0-9A-Fa-f]{2})")
_PATH_SAFE = "/:@!&=+,;%"
_QUERY_SAFE = _PATH_SAFE + "?"
DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_SAFE = "/:@!&=+,;"
# A DOI that quote() returns unchanged (nearly all): what it always keeps, and _DOI_SAFE.
_DOI_KEPT = re.compile("[A-Za-z0-9_.~" + re.escape(_DOI_SAFE) + "-]+")


# A URL that safe_url would return unchanged: lower-case http(s), a plain host with labels
# of at most 63 characters (what the idna codec accepts), no port or user, and path, query
# and fragment already made of characters quote() keeps and well-formed %XX escapes. Most
# DOI, arXiv and PDF links are this; tests/test_urls.py checks the two paths agree.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_KEPT = r"(?:[A-Za-z0-9_.~/:@!&=+,;-]|%[0-9A-Fa-f]{2})"
_CANONICAL = re.compile(
    rf"https?://{_LABEL}(?:\.{_LABEL})*(?:/{_KEPT}*)?(?:\?(?:{_KEPT}|\?)+)?(?:#(?:{_KEPT}|\?)+)?"
)


def _encode(part: str, safe: str) -> str:
    # An existing %XX stays as written; a lone % is a literal percent sign.
    return quote(_BAD_PERCENT.compiled.sub("%25", part), safe=safe)


def _host(hostname: str) -> str:
    try:
        ascii_host = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    return ascii_host if _HOST.compiled.fullmatch(ascii_host) else ""


def safe_url(text: str) -> str:
    """``text`` as a canonical http(s) URL, or "" when it is not one.

    Refused: another scheme, no host, a user name or password in front of the host (a
    phishing trick: ``https://doi.org@evil.example``), an IP-literal or malformed host.
    """
    text = text.strip()
    if _CANONICAL.fullmatch(text):
        return text
    return _rebuild(text)


def _rebuild(text: str) -> str:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return ""
    host = _host(parts.hostname or "")
    if not host:
        return ""
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _encode(parts.path, _PATH_SAFE),
            _encode(parts.query, _QUERY_SAFE),
            _encode(parts.fragment, _QUERY_SAFE),
        )
    )


def doi_url(doi: str) -> str:
    """The resolver link of a DOI (``10.NNNN/...``), or "" when it is not a DOI."""
    if not DOI.fullmatch(doi):
        return ""
    # A DOI may hold ?, # or %: they are part of the name, not of the URL's syntax.
    kept = doi if _DOI_KEPT.fullmatch(doi) else quote(doi, safe=_DOI_SAFE)
    return safe_url("https://doi.org/" + kept)


def arxiv_url(arxiv_id: str) -> str:
    return safe_url("https://arxiv.org/abs/" + arxiv_id) if arxiv_id else ""
