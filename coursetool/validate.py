"""`coursetool validate`: prove the course's notebooks are what they claim to be.

1. ``course/``: strict ``pytest --nbval`` with ``course/nbval_sanitize.cfg`` (and
   ``course/conftest.py``): every stored output must reproduce. A code cell saved without
   running it is reported too, because nbval would silently skip comparing it.
2. ``solutions/``: graded exactly as a student would be (lax nbval, canaries, guard):
   every graded cell must pass.
3. the *untouched* exercise (``coursetool release`` of each solution), graded the same way,
   must fail every graded cell that comes after a solution region: a test that passes
   without any work gives free points.
"""

import tempfile
from pathlib import Path

from .grade import grade
from .junit import explain, read_junit
from .nbval_run import run_nbval
from .notebook import code_cells, grade_id, has_solution, is_graded, read_notebook, write_notebook
from .release import make_exercise


def unrun_cells(notebook):
    """Numbers (from 0) of code cells saved without an execution count, which nbval never compares."""
    return [number for number, cell in enumerate(code_cells(notebook))
            if cell.get("execution_count") is None and "NBVAL_SKIP" not in "".join(cell.get("source", ""))]


def check_course(root, jobs=2, timeout=120, show_progress=False):
    """Problems found by running strict nbval over course/*.ipynb (empty list when all is well)."""
    root = Path(root)
    notebooks = sorted((root / "course").glob("*.ipynb"))
    problems = []
    for path in notebooks:
        unrun = unrun_cells(read_notebook(path))
        if unrun:
            problems.append(f"course/{path.name}: {len(unrun)} code cell(s) saved without being run, so nbval "
                            f"checks nothing there (Cell {', '.join(map(str, unrun[:10]))}"
                            f"{' ...' if len(unrun) > 10 else ''}); execute the notebook and save it")
    if not notebooks:
        return problems
    sanitize = root / "course" / "nbval_sanitize.cfg"
    with tempfile.TemporaryDirectory(prefix="coursetool-validate-") as workdir:
        run = run_nbval(notebooks, rootdir=root, workdir=workdir, lax=False, jobs=jobs, timeout=timeout,
                        sanitize_file=sanitize if sanitize.is_file() else None,
                        total_cells=sum(len(code_cells(read_notebook(p))) for p in notebooks),
                        show_progress=show_progress)
        if not run.junit_path.is_file():
            return problems + ["course/: nbval produced no results:\n" + run.output[-3000:]]
        results = read_junit(run.junit_path)
    for path in notebooks:
        relative = path.relative_to(root).as_posix()
        for number in range(len(code_cells(read_notebook(path)))):
            result = results.get((relative, number))
            if result is None:
                problems.append(f"{relative} Cell {number}: no result")
            elif result.outcome == "failed":
                _, reason = explain(result, timeout)
                if "outputs differ" in result.text:
                    reason = "stored output does not reproduce:\n" + result.text.split("Cell outputs differ", 1)[-1].strip()[:1500]
                problems.append(f"{relative} Cell {number}: {reason}")
    return problems


def check_exercises(root, jobs=2, timeout=120, show_progress=False):
    """Problems found by grading each solution (must pass) and its untouched exercise (must fail)."""
    root = Path(root)
    solutions = sorted((root / "solutions").glob("*.ipynb"))
    if not solutions:
        return []
    problems = []
    with tempfile.TemporaryDirectory(prefix="coursetool-validate-") as workdir:
        submissions = Path(workdir) / "submissions"
        for path in solutions:
            notebook = read_notebook(path)
            write_notebook(notebook, submissions / "solved" / path.name)
            write_notebook(make_exercise(notebook, path.name), submissions / "untouched" / path.name)
        rows = grade(submissions, Path(workdir) / "out", master_dir=root / "solutions", jobs=jobs,
                     timeout=timeout, show_progress=show_progress)
    must_fail = {}
    for path in solutions:
        after_solution = False
        for cell in read_notebook(path)["cells"]:
            after_solution = after_solution or has_solution(cell)
            if is_graded(cell):
                must_fail[(path.name, grade_id(cell))] = after_solution
    for row in rows:
        where = f"solutions/{row.notebook} `{row.grade_id}`"
        if row.student == "solved" and row.status != "passed":
            problems.append(f"{where}: the solution fails its own test ({row.status}: {row.reason})")
        if row.student == "untouched" and row.status == "passed" and must_fail[(row.notebook, row.grade_id)]:
            problems.append(f"{where}: passes on the untouched exercise (free points)")
    return problems


def validate(root, jobs=2, timeout=120, show_progress=False):
    """Run every check on the course under root; return the list of problems (empty = valid)."""
    return (check_course(root, jobs, timeout, show_progress)
            + check_exercises(root, jobs, timeout, show_progress))
