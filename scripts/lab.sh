#!/bin/sh
# Start JupyterLab from the project's environment on its notebooks (`make lab` runs this).
#
# The notebooks name the project's kernel (`narrative`, installed into .venv by `make install`),
# so they open with it without a question. Extra arguments go to `jupyter lab`, e.g.
#   scripts/lab.sh --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port=8890
# NOTEBOOK_DIR serves another folder of notebooks (the tests serve a copy).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec "$root/.venv/bin/jupyter" lab --notebook-dir="${NOTEBOOK_DIR:-$root/notebooks}" "$@"
