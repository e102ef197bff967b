"""`coursetool release`: make the student copy of each solution notebook.

``solutions/NN_name.ipynb`` is the single source of truth; ``exercises/NN_name.ipynb`` is
generated from it: solution regions become a stub that raises, hidden tests disappear,
outputs are cleared. The same solution always gives the same bytes, so CI can check that the
committed exercises are in sync (``release --check``).
"""

import copy
from pathlib import Path

from .notebook import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    cell_id,
    check_conventions,
    dumps_notebook,
    marked_regions,
    notebook_number,
    read_notebook,
    source_lines,
    source_of,
    write_atomically,
)

# Notebook metadata worth keeping in the student copy; the rest (widget state, ...) is noise.
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info", "coursetool")
# Cell metadata that only records how the author's session ran.
DROPPED_CELL_METADATA = ("execution", "collapsed", "scrolled", "jupyter")


def stub_solutions(text, first_task, number, where):
    """Replace every solution region in text by ``# YOUR CODE HERE`` and a raise naming the task.

    Tasks are numbered across the notebook (``Exercise 01.1``, ``01.2``, ...); first_task is
    the number of tasks in earlier cells. Text after ``### BEGIN SOLUTION`` on the marker line,
    if any, names the task instead. Returns (new_text, number_of_regions).
    """
    lines = text.splitlines(keepends=True)
    regions = list(marked_regions(text, BEGIN_SOLUTION, END_SOLUTION, where))
    stubs = []
    for task, (begin, end) in enumerate(regions, start=first_task + 1):
        marker = lines[begin]
        indent = marker[: len(marker) - len(marker.lstrip())]
        title = marker.strip()[len(BEGIN_SOLUTION):].strip()
        if not title:
            title = f"Exercise {number}.{task}" if number else f"Exercise {task}"
        newline = "\n" if lines[end].endswith("\n") else ""
        stubs.append([f"{indent}# YOUR CODE HERE\n", f"{indent}raise NotImplementedError({title!r}){newline}"])
    # Replace from the last region up so earlier line numbers stay valid.
    for (begin, end), stub in reversed(list(zip(regions, stubs))):
        lines[begin : end + 1] = stub
    return "".join(lines), len(regions)


def strip_hidden_tests(text, where):
    """Remove the hidden-test regions (markers included) from a graded cell's source."""
    lines = text.splitlines(keepends=True)
    for begin, end in reversed(list(marked_regions(text, BEGIN_HIDDEN, END_HIDDEN, where))):
        del lines[begin : end + 1]
    stripped = "".join(lines)
    return stripped if text.endswith("\n") else stripped.rstrip("\n")


def make_exercise(solution_nb, name):
    """Return the student copy of a solution notebook (a new dict; the input is not changed)."""
    check_conventions(solution_nb, name)
    number = notebook_number(name)
    exercise = {
        "cells": [],
        "metadata": {
            key: copy.deepcopy(value)
            for key, value in solution_nb.get("metadata", {}).items()
            if key in KEPT_NOTEBOOK_METADATA
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    tasks = 0
    for index, cell in enumerate(solution_nb["cells"]):
        where = f"{name}, cell {index}"
        text = source_of(cell)
        metadata = {
            key: copy.deepcopy(value)
            for key, value in cell.get("metadata", {}).items()
            if key not in DROPPED_CELL_METADATA
        }
        new_cell = {"cell_type": cell["cell_type"], "id": cell_id(cell, index), "metadata": metadata}
        if cell["cell_type"] == "code":
            text, regions = stub_solutions(text, tasks, number, where)
            tasks += regions
            if metadata.get("grade") is True:
                text = strip_hidden_tests(text, where)
            new_cell.update(execution_count=None, outputs=[])
        elif "attachments" in cell:
            new_cell["attachments"] = copy.deepcopy(cell["attachments"])
        new_cell["source"] = source_lines(text)
        exercise["cells"].append(new_cell)
    return exercise


def release(root, check=False):
    """Write ``exercises/NN_name.ipynb`` for every ``solutions/NN_name.ipynb`` under root.

    With check=True nothing is written; returns the list of problems (out-of-date, missing or
    orphaned exercise files) instead, empty when the exercises are in sync.
    """
    root = Path(root)
    solutions_dir, exercises_dir = root / "solutions", root / "exercises"
    problems = []
    expected = set()
    for solution_path in sorted(solutions_dir.glob("*.ipynb")):
        exercise_path = exercises_dir / solution_path.name
        expected.add(exercise_path.name)
        text = dumps_notebook(make_exercise(read_notebook(solution_path), solution_path.name))
        current = exercise_path.read_text(encoding="utf-8") if exercise_path.is_file() else None
        if current == text:
            continue
        relative = exercise_path.relative_to(root)
        if check:
            state = "is missing" if current is None else "is out of date"
            problems.append(f"{relative} {state}; run `coursetool release`")
        else:
            write_atomically(exercise_path, text)
    if check and exercises_dir.is_dir():
        for orphan in sorted(exercises_dir.glob("*.ipynb")):
            if orphan.name not in expected:
                problems.append(f"{orphan.relative_to(root)} has no solutions/{orphan.name}")
    return problems
