from __future__ import annotations

from pubgen.cli import main

raise SystemExit(main())
