"""The one fact about nbval 0.11.0 the grader depends on: test ``Cell N`` is the N-th code cell,
counting from 0 and skipping markdown. The next nbval release counts from 1; this test fails
then, instead of the grader silently crediting the wrong cells."""

import json

from coursetool.junit import read_junit
from coursetool.nbval_run import run_nbval


def test_nbval_numbers_code_cells_from_zero(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# title"]},
            {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": None,
             "source": ["x = 1"]},
            {"cell_type": "markdown", "id": "n", "metadata": {}, "source": ["text"]},
            {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [], "execution_count": None,
             "source": ["assert x == 2, 'x is not 2'"]},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    run = run_nbval([tmp_path / "nb.ipynb"], rootdir=tmp_path, workdir=tmp_path / "run", lax=True,
                    timeout=30, config_file=tmp_path / "pytest.ini", show_progress=False)
    results = read_junit(run.junit_path)
    assert sorted(results) == [("nb.ipynb", 0), ("nb.ipynb", 1)]
    assert results[("nb.ipynb", 0)].outcome == "passed"
    assert results[("nb.ipynb", 1)].outcome == "failed"
    assert "AssertionError: x is not 2" in results[("nb.ipynb", 1)].text
    assert "\x1b[" not in results[("nb.ipynb", 1)].text  # no colour codes: IPYTHONDIR profile works
