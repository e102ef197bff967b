"""Reading, writing and inspecting notebooks, and the course's cell conventions.

A notebook is handled as the plain JSON dict Jupyter writes (nbformat 4), so that what we
write is byte-for-byte predictable. The conventions (see solutions/README.md):

- solution code lies between ``### BEGIN SOLUTION`` and ``### END SOLUTION``;
- a graded test cell has metadata ``{"grade": true, "grade_id": "...", "points": N}``;
- hidden tests lie between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` inside a
  graded cell.
"""

import json
import os
import re
from pathlib import Path

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"

# Notebooks larger than this are not read: a student's notebook full of printed output
# must not exhaust the grader's memory.
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024

NOTEBOOK_NAME = re.compile(r"^(\d+)_\w+\.ipynb$")


class NotebookError(Exception):
    """A file that cannot be used as a notebook, with a reason a person can act on."""


class ConventionError(Exception):
    """A master notebook that breaks the course conventions (the message names the cell)."""


def read_notebook(path):
    """Load a notebook file as a dict, raising NotebookError with a clear reason if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise NotebookError(f"{path.name} not found")
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise NotebookError(f"{path.name} is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise NotebookError(f"{path.name} is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise NotebookError(f"{path.name} is not valid JSON ({err.msg}, line {err.lineno})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotebookError(f"{path.name} is JSON but not a notebook (no list of cells)")
    if nb.get("nbformat") != 4:
        raise NotebookError(f"{path.name} has nbformat {nb.get('nbformat')!r}; need 4")
    for index, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise NotebookError(f"{path.name}: cell {index} is not a valid notebook cell")
    return nb


def dumps_notebook(nb):
    """Serialize a notebook the way Jupyter does (sorted keys, one-space indent), deterministically."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_atomically(path, text):
    """Write text to path through a temporary file and a rename, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_notebook(nb, path):
    """Write a notebook dict to path atomically."""
    write_atomically(path, dumps_notebook(nb))


def source_of(cell):
    """A cell's source as one string (Jupyter stores it as a string or a list of lines)."""
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(source)
    return source


def source_lines(text):
    """Split source text into Jupyter's list-of-lines form (each line keeps its newline)."""
    return text.splitlines(keepends=True)


def code_cells(nb):
    """The code cells of a notebook, in order."""
    return [cell for cell in nb["cells"] if cell.get("cell_type") == "code"]


def cell_id(cell, index):
    """The cell's nbformat id, or a stable stand-in built from its position for older notebooks."""
    return cell.get("id") or f"cell-{index}"


def is_graded(cell):
    """True for a graded test cell (metadata ``grade: true``)."""
    return cell.get("cell_type") == "code" and cell.get("metadata", {}).get("grade") is True


def grade_id(cell):
    """The grade_id of a graded cell."""
    return cell["metadata"]["grade_id"]


def points(cell):
    """The points a graded cell is worth."""
    return cell["metadata"]["points"]


def has_solution(cell):
    """True for a code cell that contains a solution region."""
    return cell.get("cell_type") == "code" and any(
        line.strip() == BEGIN_SOLUTION or line.strip().startswith(BEGIN_SOLUTION + " ")
        for line in source_of(cell).splitlines()
    )


def graded_cells(nb):
    """The graded cells of a notebook, in order."""
    return [cell for cell in nb["cells"] if is_graded(cell)]


def notebook_number(path):
    """The lesson number of ``NN_name.ipynb`` as a string ("01"), or None."""
    match = NOTEBOOK_NAME.match(Path(path).name)
    return match.group(1) if match else None


def marked_regions(text, begin, end, where):
    """Yield (begin_line, end_line) index pairs of the regions between begin and end markers.

    Raises ConventionError for a marker without its partner or a nested region.
    """
    start = None
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped == begin or stripped.startswith(begin + " "):
            if start is not None:
                raise ConventionError(f"{where}: '{begin}' inside another region (line {number + 1})")
            start = number
        elif stripped == end:
            if start is None:
                raise ConventionError(f"{where}: '{end}' without '{begin}' (line {number + 1})")
            yield start, number
            start = None
    if start is not None:
        raise ConventionError(f"{where}: '{begin}' without '{end}' (line {start + 1})")


def check_conventions(nb, name):
    """Raise ConventionError if a master notebook breaks the course conventions.

    Checks: markers are balanced, graded cells have a unique grade_id and positive points,
    hidden tests only sit in graded cells, solutions never do, and graded cells are plain
    Python (the grader adds lines before and after them, which a cell magic would not allow).
    """
    seen = set()
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") != "code":
            continue
        where = f"{name}, cell {index}"
        text = source_of(cell)
        solutions = list(marked_regions(text, BEGIN_SOLUTION, END_SOLUTION, where))
        hidden = list(marked_regions(text, BEGIN_HIDDEN, END_HIDDEN, where))
        metadata = cell.get("metadata", {})
        if not is_graded(cell):
            if hidden:
                raise ConventionError(f"{where}: hidden tests outside a graded cell")
            if "grade_id" in metadata or "points" in metadata:
                raise ConventionError(f"{where}: has grade_id/points but not 'grade': true")
            continue
        gid = metadata.get("grade_id")
        if not isinstance(gid, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", gid):
            raise ConventionError(f"{where}: graded cell needs a grade_id made of letters, digits, '_.-'")
        if gid in seen:
            raise ConventionError(f"{where}: grade_id {gid!r} is used twice")
        seen.add(gid)
        score = metadata.get("points")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or score <= 0:
            raise ConventionError(f"{where}: graded cell {gid!r} needs positive 'points'")
        if solutions:
            raise ConventionError(f"{where}: graded cell {gid!r} contains a solution region")
        if text.lstrip().startswith("%%"):
            raise ConventionError(f"{where}: graded cell {gid!r} starts with a cell magic")
