"""``python -m narrative`` is the same as the ``narrative`` command."""

from __future__ import annotations

from narrative.cli import main

raise SystemExit(main())
