"""A pytest plugin loaded into the nbval runs coursetool starts (``-p coursetool.nbval_plugin``).

- stderr is not compared: warnings and kernel messages differ between machines;
- each finished cell adds a line to the file named by COURSETOOL_PROGRESS_FILE, which the
  parent process counts to draw its progress bar;
- a kernel that dies in a cell (``os._exit``, a segfault, the OOM killer) fails that cell at
  once: nbval 0.11.0 would wait for the whole cell timeout, then 5 s more.
"""

import os
import time
from queue import Empty

from nbval.kernel import RunningKernel

KERNEL_POLL_SECONDS = 0.5


class KernelDied(RuntimeError):
    """The notebook's kernel process exited while a cell was running."""


_nbval_await_reply = RunningKernel.await_reply


def _await_reply_or_kernel_death(self, msg_id, timeout=None):
    """nbval's await_reply, waiting in short steps and giving up as soon as the kernel is gone."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        step = KERNEL_POLL_SECONDS if deadline is None else max(0.0, min(KERNEL_POLL_SECONDS, deadline - time.monotonic()))
        try:
            return _nbval_await_reply(self, msg_id, timeout=step)
        except Empty:
            if not self.is_alive():
                raise KernelDied("Kernel died while executing the cell") from None
            if deadline is not None and time.monotonic() >= deadline:
                raise


RunningKernel.await_reply = _await_reply_or_kernel_death


def pytest_collectstart(collector):
    """Leave stderr out of nbval's output comparison."""
    if type(collector).__name__ == "IPyNbFile" and "stderr" not in collector.skip_compare:
        collector.skip_compare = collector.skip_compare + ("stderr",)


def pytest_runtest_logreport(report):
    """Count one finished cell (in the main process only: xdist forwards workers' reports to it)."""
    progress_file = os.environ.get("COURSETOOL_PROGRESS_FILE")
    if report.when == "teardown" and progress_file and not os.environ.get("PYTEST_XDIST_WORKER"):
        with open(progress_file, "a", encoding="utf-8") as handle:
            handle.write(".\n")
