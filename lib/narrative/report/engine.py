"""papermill's engine, saving the executed notebook when it starts and ends only.

papermill saves the notebook it executes before and after every cell, so that
it can be watched as it runs: about 450 saves for a default report's 14
notebooks, each validating and writing the whole notebook while the kernel
waits for the next cell (a second of the report). The report shows a notebook
only once it has run, so :class:`FinalSaveEngine` saves it when execution
starts and when it ends. papermill's engine saves at the end in a ``finally``,
so a notebook whose kernel died still keeps every output up to the failure.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, papermill_engines

#: The name to pass as papermill's ``engine_name``.
ENGINE = "narrative"


class FinalSaveEngine(NBClientEngine):
    """papermill's nbclient engine without the saves around each cell."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        """Execute the cells with the execution manager's ``save`` turned off meanwhile."""
        nb_man.save = lambda **_: None
        try:
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        finally:
            del nb_man.save  # papermill's own again, for the save when execution ends


papermill_engines.register(ENGINE, FinalSaveEngine)
