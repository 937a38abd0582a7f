"""Run the ``narrative`` command with another folder of notebooks (for fault tests).

``python tests/support/run_cli.py NOTEBOOKS_DIR report --corpus ...``: as
``narrative report``, but the report runs the notebooks of NOTEBOOKS_DIR, so a
test can give it notebooks that kill their kernel or exhaust memory.
"""

from __future__ import annotations

import sys
from pathlib import Path

from narrative import config

if __name__ == "__main__":
    config.NOTEBOOKS_DIR = Path(sys.argv[1])
    from narrative.cli import main

    sys.exit(main(sys.argv[2:]))
