"""The kernel client of the report's notebooks: ready as soon as the kernel answers.

papermill (through nbclient) makes a client for every notebook and waits until
it is ready. jupyter_client's wait then reads the output channel until it has
been silent for 0.2 s, once per notebook: 2.8 s of a default report's 14
notebooks spent waiting. nbclient reads only the messages of its own requests,
so messages published before them need not be drained. Nor does it start a
heartbeat (see :meth:`ReadyClient.start_channels`).
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient


class ReadyClient(AsyncKernelClient):
    """An asynchronous kernel client whose :meth:`wait_for_ready` skips the final drain.

    It starts no heartbeat either (:meth:`start_channels`).
    """

    def start_channels(
        self,
        shell: bool = True,
        iopub: bool = True,
        stdin: bool = True,
        hb: bool = False,
        control: bool = True,
    ) -> None:
        """Start the channels, never the heartbeat (``hb`` is ignored).

        The client's kernel manager says whether the kernel lives (its process), so
        the heartbeat is not needed, and jupyter_client's heartbeat thread has a race:
        stopped before its thread has begun (a loaded machine, a short notebook), it
        runs on, opening a socket per turn without waiting, until ZeroMQ refuses
        ("Too many open files") and a traceback ends the report's output (seen once
        in a sweep of 78 corpora).
        """
        super().start_channels(shell=shell, iopub=iopub, stdin=stdin, hb=False, control=control)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel answers ``kernel_info`` and the output channel is subscribed.

        Args:
            timeout: Seconds before giving up; no limit when ``None``.

        Raises:
            RuntimeError: The kernel died or did not answer in time.
        """
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    # A message on the output channel (the kernel's busy status for this
                    # request): it is subscribed, so no output of a cell can be missed.
                    await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
