"""Smoke tests of benchmarks/: the suite runs and writes well-formed results.

No timing is asserted here (the benchmark itself judges the targets); what is checked is the
structure of results.json, that every MLP step computes the same update as the hand-written
numpy step, and that a failing coursetool is reported, not raised.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import cases_course, cases_mlp, report
from benchmarks.results import Row, Section, ratio_target
from benchmarks.units import format_value

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ["ops", "tiny", "mlp", "chain", "memory"]  # course runs notebooks: too slow here
ROW_KEYS = {"case", "library", "value", "unit", "baseline", "baseline_value", "note", "ratio"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", ",".join(SECTIONS),
         "--json", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(path.read_text())


def test_quick_run_writes_every_selected_section(quick_run):
    _, data = quick_run
    assert [s["name"] for s in data["sections"]] == SECTIONS
    assert data["meta"]["quick"] is True
    assert {"python", "numpy", "torch", "micrograd", "openblas_core"} <= set(data["meta"])


def test_every_row_has_a_value_or_says_why(quick_run):
    _, data = quick_run
    for section in data["sections"]:
        assert section["rows"], section["name"]
        for row in section["rows"]:
            assert set(row) == ROW_KEYS
            assert row["unit"] in {"s", "s/op", "B", "count"}
            if row["value"] is None:
                assert row["note"], row
            if row["ratio"] is not None:
                assert row["ratio"] == pytest.approx(row["value"] / row["baseline_value"])


def test_minigrad_rows_are_measured(quick_run):
    _, data = quick_run
    for section in data["sections"]:
        minigrad_rows = [r for r in section["rows"] if r["library"] == "minigrad"]
        assert minigrad_rows and all(r["value"] is not None for r in minigrad_rows)


def test_targets_are_judged_and_printed(quick_run):
    stdout, data = quick_run
    targets = [t for s in data["sections"] for t in s["targets"]]
    assert len(targets) >= 7
    for target in targets:
        assert target["passed"] in (True, False, None)
        assert target["detail"]
    assert "targets:" in stdout and "MLP cross-entropy step" in stdout


def test_competitor_rows_say_not_installed_when_missing(quick_run):
    _, data = quick_run
    torch_rows = [r for s in data["sections"] for r in s["rows"] if r["library"] == "torch"]
    assert torch_rows
    for row in torch_rows:
        assert (row["value"] is None) == (row["note"] == "not installed")


@pytest.mark.parametrize("loss", cases_mlp.LOSSES)
def test_every_mlp_step_computes_the_hand_written_numpy_update(loss):
    assert cases_mlp.check_same_update(loss, exclude=("micrograd",)) == []


def test_a_step_that_computes_something_else_is_caught(monkeypatch):
    right = cases_mlp.autograd_step

    def wrong(lib, problem, loss):
        return right(lib, problem, "MSE" if loss == "cross-entropy" else "cross-entropy")

    monkeypatch.setattr(cases_mlp, "autograd_step", wrong)
    assert "minigrad" in cases_mlp.check_same_update("MSE", exclude=("micrograd",))


def test_a_failing_coursetool_is_reported_not_raised():
    seconds, why = cases_course.run_coursetool("no-such-command")
    assert seconds is None
    assert why.startswith("not available: exit 2")


def test_unknown_section_is_refused():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--only", "nope"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "unknown section" in done.stderr


def test_ratio_target_passes_at_the_limit_and_fails_above():
    base = Row("step", "numpy", 2.0)
    assert ratio_target("t", Row("step", "minigrad", 2.6), base, 1.3).passed is True
    assert ratio_target("t", Row("step", "minigrad", 2.7), base, 1.3).passed is False
    equal = Row("step", "minigrad", 2.0)
    assert ratio_target("t", equal, base, 1.0, strictly_below=True).passed is False
    missing = Row("step", "torch", None, note="not installed")
    assert ratio_target("t", Row("step", "minigrad", 1.0), missing, 3.0).passed is None


def test_table_shows_value_baseline_and_ratio():
    section = Section("x", "X")
    base = Row("a * b", "numpy", 2e-6)
    section.rows += [base, Row("a * b", "minigrad", 5e-6).compared_to(base)]
    text = report.format_section(section)
    assert "5 us" in text and "2 us" in text and "2.5x" in text


def test_units():
    assert format_value(1.5e-6, "s") == "1.5 us"
    assert format_value(2.5e-3, "s/op") == "2.5 ms/op"
    assert format_value(3 * 2**20, "B") == "3.00 MB"
    assert format_value(None, "s") == "-"
