"""The course as a student uses it: JupyterLab in a real (headless) browser.

Widgets that work in a unit test can still fail to show in JupyterLab (no widget manager,
mismatched ipywidgets), and a notebook can pass nbval yet look broken in the browser. These
tests click through the UI and check what is on the screen.
"""
import json
import re

import pytest

from notebook_ui import NotebookUI, describe_errors, solution_text

COURSE_NOTEBOOK = "course/03_computation_graph.ipynb"
EXERCISE = "02_requires_grad_and_backward.ipynb"

pytestmark = pytest.mark.slow


def read_cells(root, path):
    """The cells of a notebook file, as the server's copy of the repository has them."""
    return json.loads((root / path).read_text())["cells"]


def source(cell):
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def first_code_cell(cells, pattern):
    """Index of the first code cell whose source matches the regex pattern."""
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code" and re.search(pattern, source(cell), re.MULTILINE):
            return index
    raise AssertionError(f"no code cell matches {pattern!r}")


def test_course_notebook_runs_and_its_widgets_respond(lab_server, page, screenshots):
    cells = read_cells(lab_server.root_dir, COURSE_NOTEBOOK)
    graph_cell = first_code_cell(cells, r"^\s*draw_graph\(")
    stepper_cell = first_code_cell(cells, r"BackwardStepper\(")
    notebook = NotebookUI(page)

    with screenshots.step("open"):
        notebook.open(lab_server, COURSE_NOTEBOOK, workspace="e2e-course", cell_count=len(cells))

    with screenshots.step("run-all"):
        notebook.clear_all_outputs()
        notebook.run_all_cells()
        errors = notebook.error_outputs()
        assert not errors, "cells show errors after Run All Cells:\n" + describe_errors(errors)
        not_run = [prompt for prompt in notebook.code_prompts() if not re.match(r"^\[\d+\]:$", prompt)]
        assert not not_run, f"{len(not_run)} code cells did not run: prompts {not_run}"

    with screenshots.step("draw-graph"):
        notebook.cell(graph_cell).scroll_into_view_if_needed()
        images = notebook.rendered_images(graph_cell)
        assert images and all(width > 0 and height > 0 for width, height in images), \
            f"cell {graph_cell} (draw_graph) shows no rendered <img> in its output area: {images}"

    stepper = notebook.cell(stepper_cell)
    # By text, not by accessible name: the button's icon adds a glyph to its name.
    step_button = stepper.locator("button", has_text=re.compile("^Step$"))
    info = stepper.locator(".widget-html-content")
    picture = stepper.locator("img.widget-image")
    with screenshots.step("stepper-shown"):
        step_button.scroll_into_view_if_needed()
        step_button.wait_for()
        before_text, before_picture = info.inner_text(), picture.get_attribute("src")
        assert "Step 0" in before_text, f"the stepper should start at step 0, shows: {before_text!r}"

    def click_step(previous_text):
        step_button.click()
        page.wait_for_function("([element, old]) => element.innerText !== old",
                               arg=[info.element_handle(), previous_text])
        return info.inner_text()

    with screenshots.step("stepper-after-one-step"):
        first_text = click_step(before_text)
        assert "Step 1" in first_text, f"after one click the stepper should show step 1: {first_text!r}"
        assert picture.get_attribute("src") != before_picture, "the graph picture did not change"
        first_node = stepper.locator(".widget-html-content code").first.inner_text()

    with screenshots.step("stepper-after-two-steps"):
        second_text = click_step(first_text)
        assert "Step 2" in second_text, f"after two clicks the stepper should show step 2: {second_text!r}"
        second_node = stepper.locator(".widget-html-content code").first.inner_text()
        assert second_node != first_node, \
            f"the node the engine runs should change from step 1 to step 2, both show {first_node!r}"


def test_exercise_answer_passes_its_graded_cell(lab_server, page, screenshots):
    solution_cells = read_cells(lab_server.root_dir, f"solutions/{EXERCISE}")
    exercise_cells = read_cells(lab_server.root_dir, f"exercises/{EXERCISE}")
    answer_cell = first_code_cell(solution_cells, r"^\s*### BEGIN SOLUTION")
    graded_cell = next(index for index in range(answer_cell + 1, len(exercise_cells))
                       if exercise_cells[index]["metadata"].get("grade"))
    answer = solution_text(source(solution_cells[answer_cell]))
    assert "NotImplementedError" in source(exercise_cells[answer_cell]), \
        f"exercises/{EXERCISE} cell {answer_cell} should be the stub matching the solution"
    notebook = NotebookUI(page)

    with screenshots.step("open"):
        notebook.open(lab_server, f"exercises/{EXERCISE}", workspace="e2e-exercise",
                      cell_count=len(exercise_cells))

    with screenshots.step("graded-cell-fails-on-the-stub"):
        notebook.select(graded_cell)
        notebook.menu("Run", "Run All Above Selected Cell")
        notebook.wait_for_run_to_finish()
        notebook.run_cell(graded_cell)
        errors = notebook.error_outputs(graded_cell)
        assert errors and "NotImplementedError" in errors[0][1], \
            f"before an answer, graded cell {graded_cell} should fail with NotImplementedError; shows {errors}"

    with screenshots.step("answer-typed"):
        notebook.replace_cell_text(answer_cell, answer)
        shown = notebook.cell_text(answer_cell)
        assert shown.strip() == answer.strip(), f"the editor shows:\n{shown}\ninstead of the answer:\n{answer}"
        notebook.run_cell(answer_cell)
        assert not notebook.error_outputs(answer_cell), describe_errors(notebook.error_outputs(answer_cell))

    with screenshots.step("graded-cell-passes"):
        notebook.run_cell(graded_cell)
        notebook.cell(graded_cell).scroll_into_view_if_needed()
        errors = notebook.error_outputs(graded_cell)
        assert not errors, "the graded cell fails with the solution's answer:\n" + describe_errors(errors)
