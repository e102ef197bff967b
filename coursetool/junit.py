"""Read nbval's results from pytest's JUnit XML, and turn a failure into a reason a student reads.

nbval makes one test per code cell, named ``Cell N`` (N counts code cells from 0 in nbval
0.11.0; tests/test_coursetool_nbval.py proves it, because the next release counts from 1).
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from .tamper_guard import TAMPER_ERROR

CELL_NAME = re.compile(r"^Cell (\d+)$")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# Lines of an IPython traceback that show code, not the exception: "----> 3 x", "      2 y",
# "Cell In[4], line 2", 'File /path:3, in f()'.
TRACEBACK_CODE_LINE = re.compile(r"^(-*> ?\d+ |\s+\d+ |Cell In\[\d*\]|File |\s*\^+\s*$)")
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?:: ?(.*))?$")


@dataclass
class CellResult:
    """The outcome of one notebook cell: "passed", "failed" or "skipped", and nbval's report."""

    outcome: str
    text: str = ""


def read_junit(path):
    """Return {(notebook path as pytest wrote it, code-cell number): CellResult} from a JUnit XML file."""
    results = {}
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        match = CELL_NAME.match(case.get("name", ""))
        if not match or case.get("file") is None:
            continue
        outcome, text = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome, text = "failed", (child.text or child.get("message") or "")
                break
            if child.tag == "skipped":
                outcome, text = "skipped", (child.get("message") or child.text or "")
        results[(Path(case.get("file")).as_posix(), int(match.group(1)))] = CellResult(outcome, text)
    return results


def exception_of(report):
    """The (exception name, message) at the end of an IPython traceback inside an nbval report."""
    lines = ANSI_ESCAPE.sub("", report).rstrip().splitlines()
    last_code = max((i for i, line in enumerate(lines) if TRACEBACK_CODE_LINE.match(line)), default=None)
    if last_code is None:
        return None, ""
    tail = "\n".join(lines[last_code + 1:]).strip()
    match = EXCEPTION_LINE.match(tail.splitlines()[0]) if tail else None
    if not match:
        return None, tail
    name = match.group(1).rsplit(".", 1)[-1]
    message = "\n".join([match.group(2) or ""] + tail.splitlines()[1:]).strip()
    return name, message


def explain(result, timeout):
    """Return (status, reason) for a graded cell's result, the reason written for the student.

    status is one of passed, failed, timeout, crashed, tampered.
    """
    if result is None:
        return "crashed", "the test did not run (the grading run stopped before reaching it)"
    if result.outcome == "passed":
        return "passed", ""
    text = ANSI_ESCAPE.sub("", result.text)
    if result.outcome == "skipped":
        return "timeout", "not run: an earlier cell exceeded the time limit"
    if any(sign in text for sign in ("Kernel died", "Kernel dead on test start", "exceeded waiting for output",
                                     "Failed to interrupt kernel")):
        return "crashed", "the notebook's Python process died (os._exit, a crash or running out of memory)"
    if re.search(r"Timeout of [\d.]+ seconds exceeded", text):
        return "timeout", f"the cell ran longer than the {timeout:g} s time limit and was stopped"
    if "Cell outputs differ" in text:
        return "tampered", ("the test did not run to its end: an error was swallowed or the cell "
                            "was altered while it ran")
    name, message = exception_of(text)
    if name == TAMPER_ERROR:
        return "tampered", message
    if name == "AssertionError":
        return "failed", message or "an assertion failed (the test gives no message)"
    if name:
        return "failed", f"{name}: {message}" if message else name
    return "failed", "the test cell failed: " + text.strip().splitlines()[0][:200] if text.strip() else "the test cell failed"
