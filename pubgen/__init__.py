"""pubgen: an academic publication list from refs.bib + overrides.yaml."""

from __future__ import annotations

__version__ = "0.1.0"
