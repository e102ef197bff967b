"""6. The course itself: wall time of ``coursetool validate`` and of grading submissions.

coursetool runs as a subprocess (``python -m coursetool ...``) from the repository root, with
the project's environment (``.venv``, which has nbval) when there is one. Anything that fails
is reported as "not available" with the reason, never as a crash of the benchmark.
"""
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .results import Row, Section, not_measured

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = 20
TIMEOUT = 1800  # seconds for one coursetool command


def course_python():
    """The interpreter to run coursetool with: the project's .venv if present, else this one."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def run_coursetool(*args):
    """Run ``python -m coursetool ARGS`` in the repository; (seconds, None) or (None, why)."""
    start = time.perf_counter()
    try:
        done = subprocess.run([course_python(), "-m", "coursetool", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"not available: timed out after {TIMEOUT} s"
    except OSError as err:
        return None, f"not available: {err}"
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        # coursetool ends stdout with its verdict ("3 problem(s)"); argparse errors go to stderr.
        last = (done.stdout.strip() or done.stderr.strip() or "no output").splitlines()[-1]
        return None, f"not available: exit {done.returncode}: {last.strip()[:120]}"
    return seconds, None


def make_submissions(directory, students):
    """``directory/student01/NN_name.ipynb``...: every student hands in the solved notebooks."""
    notebooks = sorted((ROOT / "solutions").glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError("no notebooks in solutions/")
    for number in range(1, students + 1):
        student = Path(directory) / f"student{number:02d}"
        student.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy(notebook, student / notebook.name)
    return len(notebooks)


def _grade(students):
    """Seconds to grade ``students`` submissions with ``--jobs 2`` (or None and why)."""
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        try:
            make_submissions(Path(tmp) / "submissions", students)
        except FileNotFoundError as err:
            return None, f"not available: {err}"
        return run_coursetool("grade", str(Path(tmp) / "submissions"), "--out",
                              str(Path(tmp) / "out"), "--jobs", "2")


def _row(case, measured):
    seconds, why = measured
    if seconds is None:
        return not_measured(case, "coursetool", why)
    return Row(case, "coursetool", seconds)


def run(settings):
    """Time validate, then grading one submission (the baseline) and many with --jobs 2."""
    section = Section("course", "6. Course: coursetool wall time")
    section.rows.append(_row("coursetool validate", run_coursetool("validate")))
    many = 2 if settings.quick else SUBMISSIONS
    one = _row("grade 1 submission, --jobs 2", _grade(1))
    section.rows.append(one)
    many_row = _row(f"grade {many} submissions, --jobs 2", _grade(many))
    section.rows.append(many_row.compared_to(one) if one.value is not None else many_row)
    section.notes.append(f"each submission is a copy of solutions/*.ipynb; a ratio of {many}x "
                         f"to 1 submission means time linear in submissions, less means the "
                         "start-up (kernels, pytest) is shared")
    return section
