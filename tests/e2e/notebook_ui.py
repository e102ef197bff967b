"""What a student does in JupyterLab, as Playwright calls: open a notebook, use the menus, run
cells, type into a cell, and read what the page shows.

Cells are addressed by their index in the .ipynb file: JupyterLab 4's default windowing mode
("contentVisibility") keeps every cell in the page, in file order.
"""
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Seconds, generous for a loaded 2-core machine but bounded.
LAB_LOAD_TIMEOUT = 120
KERNEL_TIMEOUT = 120
RUN_TIMEOUT = 150

STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
EXECUTED_PROMPT = re.compile(r"^\[\d+\]:$")

# In the page: the prompts of all code cells, e.g. ["[1]:", "[*]:", "[ ]:"].
_CODE_PROMPTS_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell')]
        .map(cell => (cell.querySelector('.jp-InputPrompt') || {textContent: ''}).textContent.trim())
"""
# In the page: true once the kernel is idle and no cell waits or runs.
_RUN_FINISHED_JS = """
() => {
  const indicator = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell .jp-InputPrompt')];
  return indicator !== null && indicator.dataset.status === 'idle'
         && prompts.every(prompt => prompt.textContent.trim() !== '[*]:');
}
"""


def solution_text(source):
    """A solution cell's code as the student writes it: without the BEGIN/END SOLUTION lines."""
    lines = source.splitlines()
    kept = [line for line in lines
            if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
    return "\n".join(kept)


class NotebookUI:
    """One notebook open in a JupyterLab page."""

    def __init__(self, page):
        self.page = page

    # -- opening ------------------------------------------------------------------------------
    def open(self, server, path, workspace, cell_count):
        """Open path (relative to the server's root) in a fresh lab workspace of its own, and
        wait until its cell_count cells are on the page and its kernel is idle."""
        self.page.goto(server.url(f"lab/workspaces/{workspace}/tree/{path}"),
                       timeout=LAB_LOAD_TIMEOUT * 1000)
        # The notebook fills in gradually: a placeholder cell first, then the file's cells.
        self.page.wait_for_function(
            "(count) => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell').length === count",
            arg=cell_count, timeout=LAB_LOAD_TIMEOUT * 1000, polling=250)
        panels = self.page.locator(".jp-NotebookPanel").count()
        assert panels == 1, f"expected only {path} open in workspace {workspace}, found {panels} notebooks"
        self.wait_for_kernel_idle()

    def wait_for_kernel_idle(self):
        """Wait until the notebook has a kernel (not "No Kernel") and that kernel is idle."""
        self.page.wait_for_function(
            """() => {
                const name = document.querySelector('.jp-NotebookPanel .jp-KernelName');
                const indicator = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
                return name !== null && indicator !== null && name.textContent.trim() !== 'No Kernel'
                       && indicator.dataset.status === 'idle';
            }""", timeout=KERNEL_TIMEOUT * 1000, polling=250)

    # -- menus and keys -------------------------------------------------------------------------
    def menu(self, menu_title, item_label):
        """Click a main-menu entry by the labels a student reads, e.g. menu("Run", "Run All Cells")."""
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(f"^{re.escape(menu_title)}$")).click()
        label = self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item_label)}$"))
        self.page.locator(".lm-Menu-item", has=label).filter(visible=True).click()

    def clear_all_outputs(self):
        """Edit > Clear Outputs of All Cells: stored outputs and execution counts disappear."""
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            f"() => ({_CODE_PROMPTS_JS})().every(prompt => prompt === '[ ]:' || prompt === '')")

    def run_all_cells(self):
        """Run > Run All Cells, then wait until every cell has run (or the run stopped)."""
        self._run_and_wait(lambda: self.menu("Run", "Run All Cells"))

    def run_all_above(self, index):
        """Select cell index, then Run > Run All Above Selected Cell, and wait for the run."""
        self.select(index)
        self._run_and_wait(lambda: self.menu("Run", "Run All Above Selected Cell"))

    def _run_and_wait(self, start):
        # First see some prompt change ([*] or a new count), so that the idle kernel seen
        # before the run has begun is not taken for the end of the run.
        before = self.code_prompts()
        start()
        self.page.wait_for_function(
            f"(before) => JSON.stringify(({_CODE_PROMPTS_JS})()) !== JSON.stringify(before)",
            arg=before, timeout=RUN_TIMEOUT * 1000, polling=100)
        self.wait_for_run_to_finish()

    def wait_for_run_to_finish(self):
        """Wait until the kernel is idle and no cell shows [*]."""
        self.page.wait_for_function(_RUN_FINISHED_JS, timeout=RUN_TIMEOUT * 1000, polling=250)

    def run_cell(self, index):
        """Select cell index (command mode) and press Shift+Enter, as a student runs one cell."""
        before = self.prompt(index)
        self.select(index)
        self.page.keyboard.press("Shift+Enter")
        # Shift+Enter marks the cell [*] at once; wait for a new count, then for idle.
        self.page.wait_for_function(
            """([index, before]) => {
                const cell = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[index];
                const prompt = cell.querySelector('.jp-InputPrompt').textContent.trim();
                return /^\\[\\d+\\]:$/.test(prompt) && prompt !== before;
            }""", arg=[index, before], timeout=RUN_TIMEOUT * 1000, polling=250)
        self.wait_for_run_to_finish()

    # -- cells ----------------------------------------------------------------------------------
    def cell(self, index):
        return self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(index)

    def cell_count(self):
        return self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").count()

    def select(self, index):
        """Make cell index the active cell, in command mode (a click on its prompt)."""
        cell = self.cell(index)
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputPrompt").click()

    def prompt(self, index):
        """The cell's execution prompt as shown, e.g. "[3]:", "[*]:" or "[ ]:"."""
        return self.cell(index).locator(".jp-InputPrompt").inner_text().strip()

    def code_prompts(self):
        """Prompts of all code cells, in order."""
        return self.page.evaluate(_CODE_PROMPTS_JS)

    def code_cells_not_run(self):
        """Prompts of the code cells that show no execution count."""
        return [prompt for prompt in self.code_prompts() if not EXECUTED_PROMPT.match(prompt)]

    def replace_cell_text(self, index, text):
        """Click into the cell's editor, select everything, and type text in its place.

        The text goes in as one insertion (like a paste), so the editor's auto-indent and
        bracket closing, which react to single key presses, do not alter it.
        """
        editor = self.cell(index).locator(".cm-content")
        editor.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.insert_text(text)

    def cell_text(self, index):
        """The code shown in the cell's editor."""
        return "\n".join(self.cell(index).locator(".cm-line").all_inner_texts())

    # -- what the outputs show -------------------------------------------------------------------
    def error_outputs(self, index=None):
        """[(cell index, text)] of the tracebacks and widget errors shown (in one cell or all)."""
        found = self.page.evaluate(
            """(stderrSelector) => {
                const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')];
                const errors = [];
                cells.forEach((cell, index) => {
                    for (const output of cell.querySelectorAll(stderrSelector))
                        if (output.textContent.includes('Traceback')) errors.push([index, output.textContent]);
                    for (const output of cell.querySelectorAll('.jp-OutputArea-output'))
                        if (output.textContent.includes('Error displaying widget')) errors.push([index, output.textContent]);
                });
                return errors;
            }""", STDERR_OUTPUT)
        return [(cell, text) for cell, text in found if index is None or cell == index]

    def rendered_images(self, index, timeout=30):
        """Sizes (width, height) of the decoded PNG images in the cell's output area; waits up
        to timeout seconds for at least one, and returns [] if none comes."""
        images_js = """(cell) => [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="image/png"] img')]
                        .filter(img => img.complete && img.naturalWidth > 0)
                        .map(img => [img.naturalWidth, img.naturalHeight])"""
        cell = self.cell(index).element_handle()
        try:
            self.page.wait_for_function(f"(cell) => ({images_js})(cell).length > 0", arg=cell,
                                        timeout=timeout * 1000, polling=250)
        except PlaywrightTimeoutError:
            return []
        return self.page.evaluate(images_js, cell)


def describe_errors(errors, lines=12):
    """The errors as text for a failure message: cell index and the end of each traceback."""
    parts = []
    for index, text in errors:
        tail = "\n".join(text.strip().splitlines()[-lines:])
        parts.append(f"cell {index}:\n{tail}")
    return "\n\n".join(parts)
