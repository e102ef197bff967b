"""A pytest plugin loaded into the nbval runs coursetool starts (``-p coursetool.nbval_plugin``).

- stderr is not compared: warnings and kernel messages differ between machines;
- each finished cell adds a line to the file named by COURSETOOL_PROGRESS_FILE, which the
  parent process counts to draw its progress bar.
"""

import os


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
