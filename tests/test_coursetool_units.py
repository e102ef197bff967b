"""Small parts of the grader, without running a kernel: assembly, failure reasons, gradebook, merge."""

import json
from pathlib import Path

import pytest

from coursetool.assemble import assemble
from coursetool.gradebook import Row, format_points, gradebook_text, read_gradebook, write_gradebook
from coursetool.junit import CellResult, exception_of, explain
from coursetool.merge import merge
from coursetool.notebook import NotebookError, read_notebook, source_lines, source_of
from coursetool.release import make_exercise
from coursetool.tamper_guard import TAMPER_ERROR

MASTER = Path(__file__).parent / "fixtures" / "coursetool" / "solutions" / "01_demo.ipynb"


def notebooks():
    master = read_notebook(MASTER)
    return master, make_exercise(master, MASTER.name)


def code_sources(assembled):
    return [source_of(c) for c in assembled.notebook["cells"] if c["cell_type"] == "code"]


def test_assembly_restores_tests_keeps_extras_and_notes_deletions():
    master, exercise = notebooks()
    student = json.loads(json.dumps(exercise))
    cells = {c["id"]: c for c in student["cells"]}
    cells["test-mean"]["source"] = source_lines("assert True")
    cells["solution-square"]["source"] = source_lines("def square(x):\n    return x * x")
    student["cells"].remove(cells["test-cube"])
    student["cells"].remove(cells["solution-mean"])
    student["cells"].insert(2, {"cell_type": "code", "id": "mine", "metadata": {}, "outputs": [],
                                "execution_count": None, "source": ["helper = 42"]})

    built = assemble(master, exercise, student, "TOKEN", "_guard")

    kinds = [(role.kind, role.grade_id) for role in built.roles]
    assert kinds == [("setup", None), ("student", None), ("student", None), ("student", None),
                     ("graded", "square"), ("student", None), ("graded", "mean"), ("student", None),
                     ("graded", "cube")]
    sources = code_sources(built)
    assert sources[2] == "helper = 42"  # the student's own cell, after the cell it followed
    assert sources[3] == "def square(x):\n    return x * x"
    assert "square(3.0) == 9.0" in sources[4]  # hidden test restored
    assert "assert mean_of([1, 2, 3]) == 2" in sources[6]  # edited test restored
    assert "NotImplementedError('Exercise 01.2')" in sources[5]  # deleted answer -> stub
    for source in (sources[4], sources[6], sources[8]):
        assert source.startswith("# NBVAL_CHECK_OUTPUT\n_guard()\n")
        assert source.endswith("_guard()\nprint('TOKEN:" + source.split("TOKEN:")[1].split("'")[0] + "')\n")
    graded = [c for c in built.notebook["cells"] if c["cell_type"] == "code" and c["execution_count"] == 1]
    assert [c["outputs"][0]["text"] for c in graded] == ["TOKEN:square\n", "TOKEN:mean\n", "TOKEN:cube\n"]
    assert len({c["id"] for c in built.notebook["cells"]}) == len(built.notebook["cells"])
    assert any("`mean` was edited" in note for note in built.notes)
    assert any("`cube` was missing" in note for note in built.notes)
    assert any("answer cell" in note for note in built.notes)


def test_assembly_matches_by_position_when_no_ids_match():
    master, exercise = notebooks()
    student = json.loads(json.dumps(exercise))
    for number, cell in enumerate(student["cells"]):
        cell["id"] = f"renamed-{number}"
    next(c for c in student["cells"] if "def mean_of" in source_of(c))["source"] = ["def mean_of(v):\n", "    return 2"]
    built = assemble(master, exercise, student, "T", "_g")
    assert "def mean_of(v):\n    return 2" in code_sources(built)
    assert any("matched by position" in note for note in built.notes)


TRACEBACK = """Notebook cell execution failed
Cell 4: Cell execution caused an exception

Input:
assert f(2) == 4, "f(2) should be 4"

Traceback:

---------------------------------------------------------------------------
AssertionError                            Traceback (most recent call last)
Cell In[1], line 1
----> 1 assert f(2) == 4, "f(2) should be 4"

AssertionError: f(2) should be 4
got 5
"""


def test_failure_reasons_are_the_assertion_message_not_the_traceback():
    assert exception_of(TRACEBACK) == ("AssertionError", "f(2) should be 4\ngot 5")
    assert explain(CellResult("failed", TRACEBACK), 10) == ("failed", "f(2) should be 4\ngot 5")
    bare = TRACEBACK.replace("AssertionError: f(2) should be 4\ngot 5", "AssertionError")
    assert explain(CellResult("failed", bare), 10)[1] == "an assertion failed (the test gives no message)"
    tampered = TRACEBACK.replace("AssertionError: f(2) should be 4", f"{TAMPER_ERROR}: numpy.allclose replaced")
    assert explain(CellResult("failed", tampered), 10)[0] == "tampered"
    assert explain(CellResult("failed", "Cell 3: Timeout of 7 seconds exceeded executing cell"), 7) == (
        "timeout", "the cell ran longer than the 7 s time limit and was stopped")
    assert explain(CellResult("failed", "pytest plugin exception: Kernel died while executing the cell"), 7)[0] == "crashed"
    assert explain(CellResult("failed", "Cell 2: Cell outputs differ\n..."), 7)[0] == "tampered"
    assert explain(CellResult("passed"), 7) == ("passed", "")
    assert explain(None, 7)[0] == "crashed"


def test_gradebook_round_trips_and_writes_atomically(tmp_path):
    rows = [Row("ann", "01_a.ipynb", "t1", 1.5, 2, "failed", 'said "no",\nthen stopped'),
            Row("ann", "01_a.ipynb", "t2", 3, 3, "passed", "")]
    write_gradebook(rows, tmp_path / "gradebook.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.csv"]
    back = read_gradebook(tmp_path / "gradebook.csv")
    assert back[0].reason == 'said "no", / then stopped' and back[0].points == 1.5
    assert gradebook_text(back) == (tmp_path / "gradebook.csv").read_text()
    assert (format_points(2.0), format_points(0.25)) == ("2", "0.25")


def test_merge_refuses_a_student_graded_twice(tmp_path):
    row = Row("ann", "01_a.ipynb", "t1", 1, 1, "passed", "")
    for name in ("a", "b"):
        write_gradebook([row], tmp_path / name / "gradebook.csv")
    with pytest.raises(ValueError, match="'ann' is in both"):
        merge([tmp_path / "a", tmp_path / "b"], tmp_path / "out")


@pytest.mark.parametrize("text, reason", [
    ("{", "not valid JSON"), ("[]", "not a notebook"), ('{"cells": [], "nbformat": 3}', "nbformat 3"),
    ('{"cells": [{"cell_type": "widget"}], "nbformat": 4}', "cell 0 is not a valid notebook cell"),
])
def test_unreadable_notebooks_get_a_clear_reason(tmp_path, text, reason):
    path = tmp_path / "01_a.ipynb"
    path.write_text(text)
    with pytest.raises(NotebookError, match=reason):
        read_notebook(path)
