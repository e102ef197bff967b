"""Fixtures for the browser tests: a JupyterLab server on a temporary copy of the repository,
Debian's Chromium driven by Playwright, and numbered screenshots that failures point to.

Without Chromium or Playwright the tests skip with a message naming ``make e2e-setup``; with
``E2E_REQUIRED=1`` in the environment (CI sets it) they fail instead, so CI cannot skip them
silently.
"""
import contextlib
import os
import shutil
from pathlib import Path

import pytest

from lab_server import LabServer, copy_repository

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu",
    # This machine's network is closed: without these, Chromium keeps trying Google's hosts.
    "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
ACTION_TIMEOUT = 60   # seconds for one click or wait, unless the call gives its own


def _missing_browser():
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}"
    return None


@pytest.fixture(scope="session")
def chromium():
    """Path of the Chromium executable; skips (or fails under E2E_REQUIRED=1) without one."""
    reason = _missing_browser()
    if reason:
        message = f"browser tests need Chromium and Playwright: {reason} (run `make e2e-setup`)"
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts():
    """tests/e2e/artifacts/, emptied of the previous run's screenshots and logs."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.log")]:
        old.unlink()
    return ARTIFACTS


@pytest.fixture(scope="module")
def lab_server(chromium, artifacts, tmp_path_factory):
    """A running ``jupyter lab`` on a copy of the repository; stopped however the tests end."""
    workdir = tmp_path_factory.mktemp("jupyterlab")
    root = copy_repository(REPO, workdir / "repo")
    with LabServer(root, workdir / "home", artifacts / "jupyter-server.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser_context(chromium, tmp_path_factory):
    """A headless Chromium with a fresh user-data dir."""
    from playwright.sync_api import sync_playwright

    user_data = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data), executable_path=chromium, headless=True, args=CHROMIUM_FLAGS,
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
