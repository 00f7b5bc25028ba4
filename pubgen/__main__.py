from __future__ import annotations

from pubgen.cli import entry_point

raise SystemExit(entry_point())
