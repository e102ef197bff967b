"""`coursetool grade`: grade every student's notebooks against the master notebooks.

``SUBMISSIONS_DIR/<student>/NN_name.ipynb`` is rebuilt from ``solutions/NN_name.ipynb``
(assemble.py), all rebuilt notebooks run in ONE ``pytest --nbval-lax`` session (nbval_run.py),
and the JUnit XML becomes ``gradebook.csv`` and ``feedback/<student>.md`` (gradebook.py).
A notebook that is missing, corrupt, loops forever or kills its kernel only costs its own rows.
``--shard K/N`` grades every N-th student starting at the K-th (in name order), so a batch
system can run the N shards anywhere and ``coursetool merge`` joins them.
"""

import json
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble
from .gradebook import Row, feedback_text, one_line, write_feedback, write_gradebook
from .junit import explain, read_junit
from .nbval_run import run_nbval
from .notebook import (NotebookError, check_conventions, graded_cells, grade_id, points,
                       read_notebook, write_atomically, write_notebook)
from .release import make_exercise
from .tamper_guard import sanitize_rules

MAX_DETAIL = 2000


@dataclass
class Master:
    """A solution notebook as the grader uses it."""

    name: str
    notebook: dict
    exercise: dict

    @property
    def protected_modules(self):
        """Modules this notebook's tests rely on, from metadata ``coursetool.protect``."""
        return self.notebook.get("metadata", {}).get("coursetool", {}).get("protect", [])


@dataclass
class Job:
    """One student's notebook, rebuilt and waiting for its results."""

    student: str
    master: Master
    path: str  # relative to the run's root, as pytest reports it
    roles: list
    notes: list


def parse_shard(text):
    """Parse ``"K/N"`` into (K, N) with 1 <= K <= N."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard must look like K/N, got {text!r}") from None
    if not 1 <= k <= n:
        raise ValueError(f"--shard {text}: need 1 <= K <= N")
    return k, n


def select_shard(students, shard):
    """The students of shard (K, N): every N-th name in sorted order, starting at the K-th."""
    students = sorted(students)
    if shard is None:
        return students
    k, n = shard
    return students[k - 1 :: n]


def find_students(submissions_dir):
    """Names of the student folders in submissions_dir (hidden folders ignored)."""
    return sorted(p.name for p in Path(submissions_dir).iterdir() if p.is_dir() and not p.name.startswith("."))


def load_masters(master_dir, names=None):
    """Load and check the master notebooks (all of master_dir, or only `names`)."""
    masters = []
    for path in sorted(Path(master_dir).glob("*.ipynb")):
        if names and path.name not in names and path.stem not in names:
            continue
        notebook = read_notebook(path)
        check_conventions(notebook, path.name)
        masters.append(Master(path.name, notebook, make_exercise(notebook, path.name)))
    if not masters:
        raise ValueError(f"no master notebooks found in {master_dir}")
    return masters


def _rows_without_run(student, master, status, reason):
    return [Row(student, master.name, grade_id(cell), 0, points(cell), status, reason)
            for cell in graded_cells(master.notebook)]


def _rows_from_results(job, results, timeout, details):
    rows = []
    kernel_died = False
    for number, role in enumerate(job.roles):
        result = results.get((job.path, number))
        status, reason = explain(result, timeout)
        if kernel_died and status != "passed":
            # nbval marks the cells after a lost kernel as "expected to fail" (skipped).
            status, reason = "crashed", "not run: the notebook's Python process died in an earlier cell"
        kernel_died = kernel_died or status == "crashed"
        if role.kind == "graded":
            cell = next(c for c in graded_cells(job.master.notebook) if grade_id(c) == role.grade_id)
            earned = points(cell) if status == "passed" else 0
            rows.append(Row(job.student, job.master.name, role.grade_id, earned, points(cell), status, reason))
            if status != "passed":
                details[(job.master.name, role.grade_id)] = reason[:MAX_DETAIL]
        elif status != "passed" and result is not None:
            job.notes.append(f"{role.label[0].upper()}{role.label[1:]} failed: {one_line(reason, 200)}")
    return rows


def grade(submissions_dir, out_dir, *, master_dir="solutions", jobs=1, timeout=60, shard=None,
          notebooks=None, show_progress=True, keep_workdir=False):
    """Grade SUBMISSIONS_DIR/<student>/NN_name.ipynb against master_dir; write OUT_DIR; return the rows.

    shard is None or (K, N). The gradebook and feedback are written atomically, so an
    interrupted grading never leaves a half-written gradebook behind.
    """
    out_dir = Path(out_dir)
    masters = load_masters(master_dir, notebooks)
    students = select_shard(find_students(submissions_dir), shard)
    token = secrets.token_hex(16)
    guard_name = f"_coursetool_guard_{secrets.token_hex(6)}"
    workdir = Path(tempfile.mkdtemp(prefix="coursetool-grade-"))
    try:
        rows_by_key, jobs_to_run, notes = {}, [], {}
        for number, student in enumerate(students):
            for master in masters:
                notes[(student, master.name)] = []
                try:
                    submitted = read_notebook(Path(submissions_dir) / student / master.name)
                except NotebookError as err:
                    status = "missing" if "not found" in str(err) else "invalid"
                    rows_by_key[(student, master.name)] = _rows_without_run(student, master, status, str(err))
                    notes[(student, master.name)].append(f"Not graded: {err}.")
                    continue
                built = assemble(master.notebook, master.exercise, submitted, token, guard_name,
                                 master.protected_modules)
                relative = f"nb/s{number:05d}/{master.name}"
                write_notebook(built.notebook, workdir / relative)
                notes[(student, master.name)] = built.notes
                jobs_to_run.append(Job(student, master, relative, built.roles, built.notes))

        results, run = {}, None
        if jobs_to_run:
            sanitize = workdir / "sanitize.cfg"
            sanitize.write_text(sanitize_rules(token), encoding="utf-8")
            config = workdir / "pytest.ini"
            config.write_text("[pytest]\n", encoding="utf-8")
            run = run_nbval([workdir / job.path for job in jobs_to_run], rootdir=workdir,
                            workdir=workdir / "run", lax=True, jobs=jobs, timeout=timeout,
                            sanitize_file=sanitize, config_file=config,
                            total_cells=sum(len(job.roles) for job in jobs_to_run),
                            show_progress=show_progress)
            if run.junit_path.is_file():
                results = read_junit(run.junit_path)

        details = {}
        for job in jobs_to_run:
            rows_by_key[(job.student, job.master.name)] = _rows_from_results(job, results, timeout, details.setdefault(job.student, {}))
        rows = [row for student in students for master in masters for row in rows_by_key[(student, master.name)]]

        write_gradebook(rows, out_dir / "gradebook.csv")
        for student in students:
            mine = [row for row in rows if row.student == student]
            student_notes = {master.name: notes[(student, master.name)] for master in masters}
            write_feedback(out_dir, student, feedback_text(student, mine, details.get(student, {}), student_notes))
        write_atomically(out_dir / "run.json", json.dumps({
            "shard": list(shard) if shard else None,
            "students": students,
            "notebooks": [master.name for master in masters],
            "interrupted": bool(run and run.interrupted),
        }, indent=1) + "\n")
        if run is not None and not run.junit_path.is_file():
            raise RuntimeError("the nbval run produced no results:\n" + run.output[-3000:])
        return rows
    finally:
        if keep_workdir:
            print(f"coursetool: graded notebooks kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
