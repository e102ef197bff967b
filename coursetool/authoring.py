"""Writing notebooks as Python scripts (``course/_build``, ``solutions/_build``).

A build script lists its cells with ``md``/``code``/``graded`` and calls ``write_notebook``;
the cell ids are numbered, so rebuilding an unchanged script gives the same file. Course
notebooks are then executed in place to store their outputs; solutions are released with
``coursetool release``.
"""
import nbformat

_KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def md(text):
    """A markdown cell (surrounding blank lines removed)."""
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text):
    """A code cell (surrounding blank lines removed)."""
    return nbformat.v4.new_code_cell(text.strip())


def graded(grade_id, points, text):
    """A graded test cell: tests only, prints nothing (see solutions/README.md)."""
    cell = code(text)
    cell.metadata.update({"grade": True, "grade_id": grade_id, "points": points})
    return cell


def write_notebook(cells, path, id_prefix="cell", metadata=None):
    """Write ``cells`` to ``path`` as a notebook without outputs, with ids ``<prefix>-NN``."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.update(metadata or {})
    notebook.metadata["kernelspec"] = dict(_KERNELSPEC)
    notebook.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(cells):
        cell["id"] = f"{id_prefix}-{index:02d}"
    notebook.cells = cells
    nbformat.write(notebook, path)
