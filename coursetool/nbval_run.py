"""Run ``pytest --nbval`` over notebooks in a subprocess, the same way for grading and validating.

Every run: the same Python as coursetool (``sys.executable -m pytest``), the kernel in that
Python (``--nbval-current-env``, so a notebook's kernelspec does not matter), a per-cell time
limit, an isolated IPYTHONDIR whose profile turns colours off (readable tracebacks), no pytest
cache, JUnit XML for the results, pytest-xdist with ``--dist loadscope`` so each notebook keeps
one kernel, and a watchdog that interrupts the whole run if it outlives any sensible bound.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .progress import ProgressBar

IPYTHON_PROFILE = "c.InteractiveShell.colors = 'NoColor'\n"
# Seconds nbval itself may add per cell (it waits 5 s for output after a timeout) and for
# starting a kernel; used only for the watchdog's generous upper bound.
CELL_SLACK = 10
KERNEL_START = 60


@dataclass
class NbvalRun:
    """What a finished run left behind: pytest's exit code, its output, and the JUnit XML path."""

    returncode: int
    output: str
    junit_path: Path
    interrupted: bool = False


def _environment(workdir, progress_file):
    env = dict(os.environ)
    ipython_dir = workdir / "ipython"
    profile = ipython_dir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    for config in ("ipython_config.py", "ipython_kernel_config.py"):
        (profile / config).write_text(IPYTHON_PROFILE, encoding="utf-8")
    runtime = workdir / "jupyter-runtime"
    runtime.mkdir(exist_ok=True)
    here = Path(__file__).resolve().parent
    paths = [str(here / "_import_stubs"), str(here.parent), env.get("PYTHONPATH")]
    env.update(
        IPYTHONDIR=str(ipython_dir),
        JUPYTER_RUNTIME_DIR=str(runtime),
        JUPYTER_PLATFORM_DIRS="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        COURSETOOL_PROGRESS_FILE=str(progress_file),
        PYTHONPATH=os.pathsep.join(filter(None, paths)),
    )
    # Kernels should draw figures the way Jupyter does (inline backend), even when the caller
    # exported MPLBACKEND=Agg for its own plots: otherwise stored figures "disappear".
    env.pop("MPLBACKEND", None)
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


def run_nbval(notebooks, *, rootdir, workdir, lax, jobs=1, timeout=60, sanitize_file=None,
              config_file=None, progress_label="cells", total_cells=None, show_progress=True):
    """Run nbval over `notebooks` (paths) and return an NbvalRun.

    lax=True is ``--nbval-lax`` (only cells marked ``# NBVAL_CHECK_OUTPUT`` compare outputs);
    lax=False is strict ``--nbval``. config_file, if given, replaces the project's pytest
    configuration (the grader uses an empty one so nothing of the project leaks in).
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    junit_path = workdir / "junit.xml"
    progress_file = workdir / "progress.log"
    progress_file.write_text("", encoding="utf-8")
    command = [
        sys.executable, "-m", "pytest",
        "--nbval-lax" if lax else "--nbval",
        "--nbval-current-env",
        f"--nbval-cell-timeout={timeout}",
        "-p", "no:cacheprovider",
        "-p", "coursetool.nbval_plugin",
        "--color=no",
        "-q",
        f"--junitxml={junit_path}",
        "-o", "junit_family=xunit1",  # xunit1 records each test's file path
        f"--rootdir={rootdir}",
    ]
    if config_file is not None:
        command += ["-c", str(config_file)]
    if sanitize_file is not None:
        command += [f"--nbval-sanitize-with={sanitize_file}"]
    if jobs > 1:
        command += ["-n", str(jobs), "--dist", "loadscope"]
    command += [str(path) for path in notebooks]

    total = total_cells if total_cells is not None else 0
    deadline = time.monotonic() + KERNEL_START + (total * (timeout + CELL_SLACK) + KERNEL_START * len(notebooks)) / max(jobs, 1)
    bar = ProgressBar(total, progress_label) if show_progress and total else None
    interrupted = False
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as output:
        process = subprocess.Popen(command, cwd=rootdir, env=_environment(workdir, progress_file),
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        while process.poll() is None:
            if bar:
                bar.update(progress_file.read_text(encoding="utf-8").count("\n"))
            if time.monotonic() > deadline and not interrupted:
                # SIGINT lets pytest finish cleanly and still write the JUnit XML of what ran.
                interrupted = True
                os.killpg(process.pid, signal.SIGINT)
                deadline = time.monotonic() + 30
            elif time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
            time.sleep(0.2)
        if bar:
            bar.update(progress_file.read_text(encoding="utf-8").count("\n"))
            bar.close()
        output.seek(0)
        text = output.read()
    return NbvalRun(process.returncode, text, junit_path, interrupted)
