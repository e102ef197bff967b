"""Build the notebook that is actually run for grading: the master's tests, the student's code.

A student's notebook cannot be trusted as it is (a test cell may be deleted or edited), so the
grader rebuilds it from the master (solution) notebook:

- every graded cell comes from the master, hidden tests included, wrapped by the tamper guard
  and ending with the run's canary (see tamper_guard.py);
- every other code cell comes from the student, matched by cell id (Jupyter keeps ids when a
  notebook is edited) or, if none of the ids match, by position;
- a student's extra code cells are kept, right after the cell they followed;
- a cell the student deleted is restored: the exercise stub for a solution cell (so its
  tests fail), the master's code otherwise; each deletion is noted for the feedback.
"""

from dataclasses import dataclass, field

from .notebook import cell_id, code_cells, grade_id, has_solution, is_graded, source_lines, source_of
from .tamper_guard import canary_line, graded_cell_source, setup_cell_source


@dataclass
class CellRole:
    """What one code cell of an assembled notebook is, for reading nbval's results."""

    kind: str  # "setup", "student" or "graded"
    label: str  # how the feedback names it
    grade_id: str = None


@dataclass
class Assembled:
    """An assembled notebook, the role of each of its code cells, and notes for the feedback."""

    notebook: dict
    roles: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def _match_student_cells(master, student):
    """Map master code-cell index -> student cell, and master index -> extra student cells after it.

    Extra cells that come before every matched cell are filed under index -1.
    """
    master_ids = {cell_id(cell, index): index for index, cell in enumerate(master["cells"])
                  if cell.get("cell_type") == "code"}
    student_code = [(cell_id(cell, index), cell) for index, cell in enumerate(student["cells"])
                    if cell.get("cell_type") == "code"]
    by_id = any(cid in master_ids for cid, _ in student_code)
    matched, extras = {}, {}
    if by_id:
        anchor = -1
        for cid, cell in student_code:
            index = master_ids.get(cid)
            if index is not None and index not in matched:
                matched[index] = cell
                anchor = index
            else:
                extras.setdefault(anchor, []).append(cell)
    else:
        master_code = [index for index, cell in enumerate(master["cells"]) if cell.get("cell_type") == "code"]
        for position, (_, cell) in enumerate(student_code):
            if position < len(master_code):
                matched[master_code[position]] = cell
            else:
                extras.setdefault(master_code[-1] if master_code else -1, []).append(cell)
    return matched, extras, by_id


def _code_cell(source, outputs=None, execution_count=None):
    return {
        "cell_type": "code",
        "execution_count": execution_count,
        "metadata": {},
        "outputs": outputs or [],
        "source": source_lines(source),
    }


def assemble(master, exercise, student, token, guard_name, protected_modules=()):
    """Return the Assembled notebook that grades `student` against `master`.

    exercise is the released copy of master (its stubs replace deleted solution cells); token
    is this run's canary; guard_name the (random) name of the guard function.
    """
    matched, extras, by_id = _match_student_cells(master, student)
    result = Assembled(notebook={
        "cells": [],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    })
    if not by_id and code_cells(student):
        result.notes.append("Your notebook's cells did not match the exercise's cell ids, so "
                            "cells were matched by position.")

    def add(cell, role):
        result.notebook["cells"].append(cell)
        result.roles.append(role)

    def add_extras(anchor):
        for cell in extras.get(anchor, []):
            add(_code_cell(source_of(cell)), CellRole("student", "one of your own extra cells"))

    add(_code_cell(setup_cell_source(guard_name, protected_modules)), CellRole("setup", "grading setup"))
    add_extras(-1)
    exercise_cells = exercise["cells"]
    for index, cell in enumerate(master["cells"]):
        if cell.get("cell_type") != "code":
            result.notebook["cells"].append({"cell_type": "markdown", "metadata": {},
                                             "source": source_lines(source_of(cell))})
            continue
        if is_graded(cell):
            gid = grade_id(cell)
            student_cell = matched.get(index)
            if student_cell is None:
                result.notes.append(f"Test cell `{gid}` was missing from your notebook; it was restored.")
            elif source_of(student_cell) != source_of(exercise_cells[index]):
                result.notes.append(f"Test cell `{gid}` was edited in your notebook; the original was used.")
            canary = {"name": "stdout", "output_type": "stream", "text": canary_line(token, gid) + "\n"}
            source = graded_cell_source(source_of(cell), guard_name, token, gid)
            add(_code_cell(source, [canary], execution_count=1), CellRole("graded", f"test `{gid}`", gid))
        else:
            label = f"code cell {index + 1} of the exercise"
            student_cell = matched.get(index)
            if student_cell is not None:
                add(_code_cell(source_of(student_cell)), CellRole("student", label))
            elif has_solution(cell):
                result.notes.append(f"Your answer cell ({label}) was missing; the empty exercise cell was used.")
                add(_code_cell(source_of(exercise_cells[index])), CellRole("student", label))
            else:
                result.notes.append(f"The exercise's {label} was missing from your notebook; it was restored.")
                add(_code_cell(source_of(cell)), CellRole("student", label))
        add_extras(index)
    for number, cell in enumerate(result.notebook["cells"]):
        cell["id"] = f"graded-{number}"
    return result
