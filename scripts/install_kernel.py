"""Install the project's Jupyter kernel, ``narrative``, into the virtual environment.

``make install`` runs it. The notebooks name this kernel in their metadata, so
JupyterLab and papermill started from ``.venv`` open them with the project's
Python without asking. The kernel logs errors only: its start-up warning that
local traffic is not encrypted says nothing a user of papermill could act on
(papermill offers no way to encrypt it), and it was printed on every run.

Usage: ``.venv/bin/python scripts/install_kernel.py``
"""

from __future__ import annotations

import sys
import tempfile

from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager

NAME = "narrative"
DISPLAY_NAME = "narrative (.venv)"
#: Passed to the kernel after its connection file.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def main() -> int:
    """Write the kernel spec into ``<sys.prefix>/share/jupyter/kernels/narrative``."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_kernel_spec(
            f"{folder}/{NAME}",
            overrides={"display_name": DISPLAY_NAME},
            extra_arguments=KERNEL_ARGUMENTS,
            # As `ipykernel install` does: the debugger needs modules that are not frozen.
            python_arguments=["-Xfrozen_modules=off"],
        )
        KernelSpecManager().install_kernel_spec(path, NAME, prefix=sys.prefix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
