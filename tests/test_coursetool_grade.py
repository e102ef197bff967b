"""Grading end to end on a numpy-only fixture: a zoo of honest and tampering students, and sharding.

The fixture (tests/fixtures/coursetool/solutions/01_demo.ipynb) has three tasks, each with a
solution cell and a graded test cell: square (2 points, with a hidden test), mean (1 point)
and cube (3 points, checked with numpy.testing). Each test is ONE grade run (kernels are slow
to start), then checks every row.
"""

import copy
import csv
from pathlib import Path

import pytest

from coursetool.notebook import read_notebook, source_lines, write_notebook
from coursetool.release import make_exercise
from coursetool.grade import grade, parse_shard, select_shard
from coursetool.merge import merge

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "coursetool"
MASTER_DIR = FIXTURE_DIR / "solutions"
NOTEBOOK = "01_demo.ipynb"
POINTS = {"square": 2, "mean": 1, "cube": 3}


def master():
    """The fixture's master (solution) notebook."""
    return read_notebook(MASTER_DIR / NOTEBOOK)


def exercise():
    """The untouched student copy, as `coursetool release` makes it."""
    return make_exercise(master(), NOTEBOOK)


def cell(nb, cell_id):
    """The cell with this id."""
    return next(c for c in nb["cells"] if c.get("id") == cell_id)


def set_source(nb, cell_id, text):
    """Replace the source of the cell with this id."""
    cell(nb, cell_id)["source"] = source_lines(text)


def solved():
    """The exercise with every solution cell filled in from the master (what a good student hands in)."""
    nb = exercise()
    for cell_id in ("solution-square", "solution-mean", "solution-cube"):
        cell(nb, cell_id)["source"] = copy.deepcopy(cell(master(), cell_id)["source"])
    return nb


def insert_after(nb, cell_id, text, new_id):
    """Add a student's own code cell after the cell with this id."""
    index = nb["cells"].index(cell(nb, cell_id))
    nb["cells"].insert(index + 1, {"cell_type": "code", "execution_count": None, "id": new_id,
                                   "metadata": {}, "outputs": [], "source": source_lines(text)})


def delete(nb, cell_id):
    """Remove the cell with this id."""
    nb["cells"].remove(cell(nb, cell_id))


def hand_in(submissions, student, nb):
    """Write a student's notebook (a dict) to submissions/<student>/01_demo.ipynb."""
    write_notebook(nb, submissions / student / NOTEBOOK)


def hand_in_text(submissions, student, text):
    """Write raw text as a student's notebook file (for corrupt submissions)."""
    path = submissions / student / NOTEBOOK
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def noisy_solved():
    """A correct notebook with a foreign kernelspec, megabytes of stored output and debug prints."""
    nb = solved()
    nb["metadata"]["kernelspec"] = {"name": "julia-1.10", "display_name": "Julia 1.10", "language": "julia"}
    set_source(nb, "solution-square",
               'def square(x):\n    print("debug: squaring", x)\n    return np.asarray(x, dtype=float) ** 2')
    big = {"name": "stdout", "output_type": "stream", "text": "x" * 3_000_000}
    cell(nb, "imports")["outputs"] = [big]
    insert_after(nb, "imports", 'print("y" * 2_000_000)', "student-huge-print")
    return nb


def read_rows(path):
    """The gradebook as {(student, grade_id): row dict}, checking each row appears once."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table = {(row["student"], row["grade_id"]): row for row in rows}
    assert len(table) == len(rows), "a (student, test) pair appears twice in the gradebook"
    return table


def build_zoo(submissions):
    """Hand in one notebook per way of (not) doing the work; return {student: {grade_id: status}}."""
    expected = {}

    hand_in(submissions, "solved", solved())
    expected["solved"] = dict(square="passed", mean="passed", cube="passed")

    hand_in(submissions, "solved_noisy", noisy_solved())
    expected["solved_noisy"] = dict(square="passed", mean="passed", cube="passed")

    hand_in(submissions, "untouched", exercise())
    expected["untouched"] = dict(square="failed", mean="failed", cube="failed")

    nb = exercise()
    delete(nb, "test-square")
    hand_in(submissions, "deleted_test", nb)
    expected["deleted_test"] = dict(square="failed", mean="failed", cube="failed")

    nb = solved()
    set_source(nb, "solution-square", "def square(x):\n    return np.asarray(x, dtype=float)")
    set_source(nb, "test-square", "assert True")
    hand_in(submissions, "edited_assert", nb)
    expected["edited_assert"] = dict(square="failed", mean="passed", cube="passed")

    nb = solved()
    set_source(nb, "solution-cube", "def cube(x):\n    return x")
    insert_after(nb, "test-square", "np.testing.assert_array_equal = lambda *args, **kwargs: None", "patch")
    hand_in(submissions, "numpy_patch", nb)
    expected["numpy_patch"] = dict(square="passed", mean="tampered", cube="tampered")

    nb = exercise()
    insert_after(nb, "imports", "import sys\nsys.excepthook = lambda *args: None", "hook")
    hand_in(submissions, "excepthook", nb)
    expected["excepthook"] = dict(square="failed", mean="failed", cube="failed")  # IPython ignores it

    nb = exercise()
    insert_after(nb, "imports", "get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)", "swallow")
    hand_in(submissions, "custom_exc", nb)
    expected["custom_exc"] = dict(square="tampered", mean="tampered", cube="tampered")

    nb = solved()
    set_source(nb, "solution-mean", "def mean_of(values):\n    while True:\n        pass")
    hand_in(submissions, "infinite_loop", nb)
    expected["infinite_loop"] = dict(square="passed", mean="timeout", cube="passed")

    nb = solved()
    insert_after(nb, "test-square", "import os\nos._exit(0)", "exit")
    hand_in(submissions, "os_exit", nb)
    expected["os_exit"] = dict(square="passed", mean="crashed", cube="crashed")

    hand_in_text(submissions, "corrupt_json", '{"cells": [')
    expected["corrupt_json"] = dict(square="invalid", mean="invalid", cube="invalid")

    hand_in_text(submissions, "not_a_notebook", "[1, 2, 3]")
    expected["not_a_notebook"] = dict(square="invalid", mean="invalid", cube="invalid")

    (submissions / "missing").mkdir(parents=True)
    expected["missing"] = dict(square="missing", mean="missing", cube="missing")
    return expected


@pytest.mark.slow
def test_tamper_zoo_every_row(tmp_path):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    expected = build_zoo(submissions)

    grade(submissions, out, master_dir=MASTER_DIR, jobs=2, timeout=10, show_progress=False)

    table = read_rows(out / "gradebook.csv")
    assert len(table) == 3 * len(expected)
    for student, statuses in expected.items():
        for grade_id, status in statuses.items():
            row = table[(student, grade_id)]
            assert row["status"] == status, (student, grade_id, row)
            assert row["max_points"] == str(POINTS[grade_id])
            assert row["points"] == (str(POINTS[grade_id]) if status == "passed" else "0"), row
            assert (row["reason"] == "") == (status == "passed"), row
    # The reasons say what was expected, not a traceback.
    assert "square([1, 2]) should be [1, 4]" in table[("edited_assert", "square")]["reason"]
    assert table[("untouched", "mean")]["reason"] == "NotImplementedError: Exercise 01.2"
    assert "numpy.testing.assert_array_equal" in table[("numpy_patch", "cube")]["reason"]
    assert "not valid JSON" in table[("corrupt_json", "square")]["reason"]
    feedback = (out / "feedback" / "deleted_test.md").read_text(encoding="utf-8")
    assert "Test cell `square` was missing" in feedback
    assert "NotImplementedError: Exercise 01.1" in feedback
    assert sorted(p.name for p in (out / "feedback").iterdir()) == sorted(f"{s}.md" for s in expected)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], "temporary files left behind"


@pytest.mark.slow
def test_shards_merge_to_the_same_gradebook_as_one_run(tmp_path):
    submissions = tmp_path / "submissions"
    hand_in(submissions, "ann", solved())
    hand_in(submissions, "bob", exercise())
    hand_in_text(submissions, "cid", "not json")
    (submissions / "dee").mkdir()

    grade(submissions, tmp_path / "all", master_dir=MASTER_DIR, jobs=2, timeout=20, show_progress=False)
    for k in (1, 2):
        grade(submissions, tmp_path / f"shard{k}", master_dir=MASTER_DIR, jobs=1, timeout=20,
              shard=(k, 2), show_progress=False)
    merge([tmp_path / "shard2", tmp_path / "shard1"], tmp_path / "merged")

    one_run = (tmp_path / "all" / "gradebook.csv").read_text(encoding="utf-8")
    assert (tmp_path / "merged" / "gradebook.csv").read_text(encoding="utf-8") == one_run
    assert "ann,01_demo.ipynb,cube,3,3,passed," in one_run
    for feedback in (tmp_path / "all" / "feedback").iterdir():
        assert (tmp_path / "merged" / "feedback" / feedback.name).read_text() == feedback.read_text()
    with pytest.raises(ValueError, match="missing shard"):
        merge([tmp_path / "shard1"], tmp_path / "incomplete")


def test_shards_split_students_deterministically():
    students = ["eve", "ann", "dan", "bob", "cid"]
    shards = [select_shard(students, (k, 3)) for k in (1, 2, 3)]
    assert sorted(sum(shards, [])) == sorted(students)
    assert shards == [select_shard(list(reversed(students)), (k, 3)) for k in (1, 2, 3)]
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/2", "3/2", "1-2", "x/2"):
        with pytest.raises(ValueError):
            parse_shard(bad)
