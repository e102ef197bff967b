"""The course as a student uses it: JupyterLab in a real (headless) browser.

Widgets that work in a unit test can still fail to show in JupyterLab (no widget manager,
mismatched ipywidgets), and a notebook can pass nbval yet look broken in the browser. These
tests click through the UI and check what is on the screen.
"""
import json
import re

import pytest

from e2e_browser import require_browser

require_browser()   # before importing Playwright, which may be missing

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, expect  # noqa: E402

from notebook_ui import NotebookUI, describe_errors, solution_text  # noqa: E402

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
        not_run = notebook.code_cells_not_run()
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
        try:
            step_button.wait_for()
        except PlaywrightTimeoutError:
            # Without JupyterLab's widget manager the output falls back to the widget's repr.
            shown = stepper.locator(".jp-OutputArea-output").all_inner_texts()
            raise AssertionError(f"cell {stepper_cell} shows no widget, only {shown}: is the widget "
                                 "manager (jupyterlab_widgets) installed and enabled?") from None
        info.scroll_into_view_if_needed()
        expect(info, "the stepper should start at step 0").to_contain_text("Step 0 of")
        picture_before = picture.get_attribute("src")

    with screenshots.step("stepper-after-one-step"):
        step_button.click()
        expect(info, "one click on Step should show step 1").to_contain_text("Step 1 of")
        expect(picture, "the graph picture should change").not_to_have_attribute("src", picture_before)
        first_node = info.locator("code").first.inner_text()

    with screenshots.step("stepper-after-two-steps"):
        step_button.click()
        expect(info, "a second click on Step should show step 2").to_contain_text("Step 2 of")
        second_node = info.locator("code").first.inner_text()
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
        notebook.run_all_above(graded_cell)
        notebook.run_cell(graded_cell)
        setup_errors = [error for error in notebook.error_outputs() if error[0] != graded_cell]
        assert not setup_errors, "cells above the graded cell fail:\n" + describe_errors(setup_errors)
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
