"""Fixtures for the browser tests: a JupyterLab server on a temporary copy of the repository,
Debian's Chromium driven by Playwright, and numbered screenshots that failures point to.

Without Chromium or Playwright, test_jupyterlab.py skips itself (see e2e_browser.py) before
any of these fixtures runs.
"""
import contextlib
from pathlib import Path

import pytest

from e2e_browser import CHROMIUM, CHROMIUM_FLAGS
from lab_server import LabServer, copy_repository

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ACTION_TIMEOUT = 30   # seconds for one click or wait, unless the call gives its own


@pytest.fixture(scope="session")
def artifacts():
    """tests/e2e/artifacts/, emptied of the previous run's screenshots and logs."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.log")]:
        old.unlink()
    return ARTIFACTS


@pytest.fixture(scope="module")
def lab_server(artifacts, tmp_path_factory):
    """A running ``jupyter lab`` on a copy of the repository; stopped however the tests end."""
    workdir = tmp_path_factory.mktemp("jupyterlab")
    root = copy_repository(REPO, workdir / "repo")
    with LabServer(root, workdir / "home", artifacts / "jupyter-server.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """A headless Chromium with a fresh user-data dir."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ACTION_TIMEOUT * 1000)
    user_data = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(ACTION_TIMEOUT * 1000)
        try:
            yield context
        finally:
            context.close()


class Screenshots:
    """Numbered screenshots of one test's steps; a failing step names them in its message."""

    def __init__(self, page, folder, prefix, server_log):
        self.page = page
        self.folder = folder
        self.prefix = prefix
        self.server_log = server_log
        self.taken = []
        self.console_errors = []
        page.on("console", lambda message: message.type == "error"
                and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def take(self, name):
        path = self.folder / f"{self.prefix}-{len(self.taken) + 1:02d}-{name}.png"
        try:
            self.page.screenshot(path=str(path), full_page=True)
        except Exception as error:   # a crashed page must not hide the original failure
            return f"{path.name} (not taken: {error})"
        self.taken.append(path)
        return path

    @contextlib.contextmanager
    def step(self, name):
        """Run one step; screenshot it after, or on failure fail with the screenshots' paths."""
        try:
            yield
        except Exception as error:
            shot = self.take(f"{name}-FAILED")
            earlier = "".join(f"\n  {path}" for path in self.taken[:-1])
            console = "".join(f"\n  {text[:300]}" for text in self.console_errors[-5:])
            raise AssertionError(
                f"step '{name}' failed: {error}\n"
                f"screenshot: {shot}\n"
                f"earlier screenshots:{earlier or ' none'}\n"
                f"server log: {self.server_log}\n"
                f"browser console errors:{console or ' none'}") from error
        self.take(name)


@pytest.fixture
def page(browser_context):
    """A new browser tab, closed after the test."""
    tab = browser_context.new_page()
    yield tab
    tab.close()


@pytest.fixture
def screenshots(page, artifacts, lab_server, request):
    return Screenshots(page, artifacts, request.node.name, lab_server.log_path)
