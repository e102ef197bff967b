"""Which Chromium the browser tests drive, with which flags, and what to do when it is absent.

Playwright's own browser download does not work on our machines: the tests use Debian's
Chromium (``apt-get install chromium``, done by ``make e2e-setup``).
"""
import os

import pytest

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu",
    # The network here is closed: without these, Chromium keeps trying to reach Google's hosts.
    "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]


def missing_browser():
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}"
    return None


def require_browser():
    """Skip the calling test module when Chromium or Playwright is missing.

    With ``E2E_REQUIRED=1`` in the environment (CI sets it) this fails instead, so that a
    broken setup cannot pass as a skip.
    """
    reason = missing_browser()
    if reason is None:
        return
    message = f"browser tests need Chromium and Playwright: {reason} (run `make e2e-setup`)"
    if os.environ.get("E2E_REQUIRED") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)
