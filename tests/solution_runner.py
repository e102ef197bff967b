"""Run a solution notebook in-process, optionally with wrong code swapped into its solution
regions: what tests/test_exercises_part*.py use to check that graded cells catch mistakes."""
import json
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

import minigrad

SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"
NOTEBOOKS = {path.name[:2]: path.name for path in sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))}
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def replace_regions(source, first_region, replacements):
    """Swap the bodies of solution regions (numbered across the notebook) for replacement code.

    Returns the new source and the number of regions this cell holds.
    """
    out, region, inside = [], first_region, False
    for line in source.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            inside = region in replacements
            out.append(line)
            if inside:
                indent = line[: len(line) - len(line.lstrip())]
                out.append(textwrap.indent(textwrap.dedent(replacements[region]).strip("\n") + "\n", indent))
            continue
        if stripped == END:
            inside = False
            region += 1
        if not inside:
            out.append(line)
    return "".join(out), region - first_region


def code_cells(number):
    """The code cells of solutions/<number>_*.ipynb."""
    notebook = json.loads((SOLUTIONS / NOTEBOOKS[number]).read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def run_solution(number, replacements=None, only=None):
    """Execute a solution notebook's code cells; return {grade_id: exception or None}.

    With ``only``, the run stops after the graded cell ``only`` (later cells cannot change it).
    """
    namespace, results, region = {"__name__": f"solution_{number}"}, {}, 0
    for index, cell in enumerate(code_cells(number)):
        source, regions = replace_regions("".join(cell["source"]), region, replacements or {})
        region += regions
        grade_id = cell.get("metadata", {}).get("grade_id")
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")  # wrong answers may overflow; only pass/fail matters
                exec(compile(source, f"{NOTEBOOKS[number]} cell {index}", "exec"), namespace)
        except Exception as error:  # a failing cell is a result here, not a crash of the test
            if grade_id is None:
                raise
            results[grade_id] = error
        else:
            if grade_id is not None:
                results[grade_id] = None
        if grade_id is not None and grade_id == only:
            break
    return results


@pytest.fixture(autouse=True)
def grad_mode_restored():
    """A failing cell may leave recording off: never let it leak into the next test."""
    yield
    minigrad.set_grad_enabled(True)
