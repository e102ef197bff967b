"""The course itself: exercises/ is in sync with solutions/, and `coursetool validate` passes
(course/ reproduces under strict nbval, solutions pass their tests, untouched exercises fail)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def coursetool(*args):
    return subprocess.run([sys.executable, "-m", "coursetool", *args], cwd=ROOT, capture_output=True, text=True)


def test_exercises_are_released_from_the_current_solutions():
    result = coursetool("release", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_course_validates():
    result = coursetool("validate", "--jobs", "2", "--timeout", "120")
    assert result.returncode == 0, result.stderr[-5000:]
