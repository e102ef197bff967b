"""`coursetool release`: solution notebook -> exercise notebook, and the conventions it enforces."""

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursetool.notebook import ConventionError, dumps_notebook, read_notebook, source_of
from coursetool.release import make_exercise, release

MASTER = Path(__file__).parent / "fixtures" / "coursetool" / "solutions" / "01_demo.ipynb"


def by_id(nb):
    return {cell["id"]: cell for cell in nb["cells"]}


def test_solution_regions_become_stubs_that_name_their_task():
    exercise = by_id(make_exercise(read_notebook(MASTER), MASTER.name))
    square = source_of(exercise["solution-square"])
    assert square == ('def square(x):\n    """Return x squared, elementwise."""\n'
                      "    # YOUR CODE HERE\n    raise NotImplementedError('Exercise 01.1')")
    assert "Exercise 01.3" in source_of(exercise["solution-cube"])
    assert "BEGIN SOLUTION" not in json.dumps(exercise)


def test_hidden_tests_are_stripped_and_visible_tests_kept():
    master = by_id(read_notebook(MASTER))
    exercise = by_id(make_exercise(read_notebook(MASTER), MASTER.name))
    assert "square(3.0)" in source_of(master["test-square"])
    assert "square(3.0)" not in source_of(exercise["test-square"])
    assert "HIDDEN" not in source_of(exercise["test-square"])
    assert source_of(exercise["test-square"]).startswith("np.testing.assert_allclose(square([1.0, 2.0])")
    assert exercise["test-square"]["metadata"] == {"grade": True, "grade_id": "square", "points": 2}


def test_outputs_are_cleared_and_bytes_are_deterministic():
    master = read_notebook(MASTER)
    ran = copy.deepcopy(master)
    for cell in ran["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 7
            cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": "noise\n"}]
    first = dumps_notebook(make_exercise(master, MASTER.name))
    assert first == dumps_notebook(make_exercise(ran, MASTER.name))
    exercise = json.loads(first)
    assert all(c["outputs"] == [] and c["execution_count"] is None
               for c in exercise["cells"] if c["cell_type"] == "code")


def test_release_check_names_stale_missing_and_orphan_files(tmp_path):
    shutil.copytree(MASTER.parent, tmp_path / "solutions")
    assert release(tmp_path, check=True) == ["exercises/01_demo.ipynb is missing; run `coursetool release`"]
    assert release(tmp_path) == []
    written = (tmp_path / "exercises" / "01_demo.ipynb").read_bytes()
    assert release(tmp_path, check=True) == []
    release(tmp_path)
    assert (tmp_path / "exercises" / "01_demo.ipynb").read_bytes() == written
    (tmp_path / "exercises" / "01_demo.ipynb").write_text(written.decode().replace("square", "sqr"))
    (tmp_path / "exercises" / "99_old.ipynb").write_text("{}")
    problems = release(tmp_path, check=True)
    assert problems == ["exercises/01_demo.ipynb is out of date; run `coursetool release`",
                        "exercises/99_old.ipynb has no solutions/99_old.ipynb"]


def test_cli_release_check_exits_nonzero_when_out_of_date(tmp_path):
    shutil.copytree(MASTER.parent, tmp_path / "solutions")
    command = [sys.executable, "-m", "coursetool", "release", "--root", str(tmp_path)]
    stale = subprocess.run(command + ["--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "exercises/01_demo.ipynb is missing" in stale.stderr
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert subprocess.run(command + ["--check"], capture_output=True).returncode == 0


def broken(edit):
    nb = read_notebook(MASTER)
    edit(by_id(nb))
    return nb


@pytest.mark.parametrize("edit, message", [
    (lambda c: c["test-mean"]["metadata"].update(grade_id="square"), "used twice"),
    (lambda c: c["test-mean"]["metadata"].update(points=0), "positive 'points'"),
    (lambda c: c["solution-mean"].update(source=["### BEGIN SOLUTION\n", "x = 1\n"]), "without '### END SOLUTION'"),
    (lambda c: c["solution-mean"].update(source=["### BEGIN HIDDEN TESTS\n", "### END HIDDEN TESTS\n"]),
     "hidden tests outside a graded cell"),
    (lambda c: c["test-mean"].update(source=["### BEGIN SOLUTION\n", "### END SOLUTION\n"]), "contains a solution"),
    (lambda c: c["test-mean"].update(source=["%%time\n", "assert True\n"]), "cell magic"),
])
def test_convention_errors_name_the_cell(edit, message):
    with pytest.raises(ConventionError, match=message) as error:
        make_exercise(broken(edit), MASTER.name)
    assert "01_demo.ipynb, cell" in str(error.value)
