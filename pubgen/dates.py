"""Years and months from BibTeX ``year``/``month`` and biblatex/EDTF ``date`` fields."""

from __future__ import annotations

import re

from pubgen.lazyre import LazyRegex

# BibTeX's month macros, in order; also what pubgen writes back in a BibTeX block.
MONTH_MACROS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTHS = {name: number for number, name in enumerate(MONTH_MACROS, 1)}
# A year, or a range of years of which the first counts: 1982, 1982--1983, 1982-83, 1982/83.
_YEAR_FIELD = re.compile(r"(\d{4})(?:\s*(?:-{1,2}|\u2013|/)\s*\d{2,4})?")
# EDTF (biblatex's date): 2024, 2024-05, 2024-05-17T20:26:06Z, -0876, y-51234, 199u, 19XX,
# with ? ~ % qualifiers; a range A/B counts from A, an open range ../B from B.
_EDTF = LazyRegex(
    r"(y-?\d+|-?\d{4}|\d{2,3}[uX]{1,2})"
    r"(?:-(\d{2}|[uX]{2})(?:-(?:\d{2}|[uX]{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def parse_month(value: str) -> int | None:
    """1-12 from "5", "05", "May", "may", "May." or a month macro's expansion; else None."""
    value = value.strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3])


def parse_year_field(value: str) -> int | None:
    match = _YEAR_FIELD.fullmatch(value.strip())
    return int(match.group(1)) if match else None


def parse_date(value: str) -> tuple[int, int | None] | None:
    """(year, month or None) of an EDTF/ISO date, or None when it is not a date."""
    text = re.sub(r"[?~%]", "", value.strip())
    start, _, end = text.partition("/")
    if start in {"", "..", "unknown"}:
        start = end
    match = _EDTF.compiled.fullmatch(start)
    if not match:
        return None
    year_text = re.sub(r"[uX]", "0", match.group(1).lstrip("y"))
    month = match.group(2)
    # Months 21-24 are EDTF seasons; "uu" is an unknown month.
    number = int(month) if month and month.isdigit() else None
    return int(year_text), number if number and 1 <= number <= 12 else None
