"""2. Tiny forward+backward: ``y = relu(a * b + c)`` on three scalars, then ``y.backward()``.

Three ops is the size of the first examples in the course, where every microsecond is
bookkeeping. The baseline is the same forward and backward written by hand on Python floats.
"""
import minigrad

from . import competitors
from .results import Row, Section, not_measured, ratio_target
from .timing import median_times

CASE = "relu(a * b + c), then backward"
BASELINE = "Python floats (by hand)"


def by_hand(a=2.0, b=-3.0, c=10.0):
    """The forward and backward pass written out with the chain rule: (y, dy/da, dy/db, dy/dc)."""
    s = a * b + c
    y = s if s > 0 else 0.0
    ds = 1.0 if s > 0 else 0.0  # dy/ds of relu
    return y, ds * b, ds * a, ds


def autograd_step(lib):
    """A zero-argument callable: one forward+backward with lib's tensors (minigrad or torch).

    The leaves' ``.grad`` is reset each time, as ``zero_grad`` would, so that every call does
    the same work (first backward: the gradient is stored, not added).
    """
    a = lib.tensor(2.0, requires_grad=True)
    b = lib.tensor(-3.0, requires_grad=True)
    c = lib.tensor(10.0, requires_grad=True)

    def step():
        a.grad = b.grad = c.grad = None
        (a * b + c).relu().backward()

    return step


def micrograd_step(Value):
    """The same step with micrograd's scalar Values."""
    a, b, c = Value(2.0), Value(-3.0), Value(10.0)

    def step():
        a.grad = b.grad = c.grad = 0
        (a * b + c).relu().backward()

    return step


def minigrad_workloads():
    """The minigrad calls this section times, by name (used by --profile too)."""
    return {CASE: autograd_step(minigrad)}


def run(settings):
    """Time the tiny step by hand, in minigrad, torch and micrograd, side by side."""
    section = Section("tiny", "2. Tiny forward+backward (3 ops on scalars)")
    torch, Value = competitors.torch(), competitors.micrograd_value()
    workloads = {BASELINE: by_hand, "minigrad": autograd_step(minigrad)}
    if torch is not None:
        workloads["torch"] = autograd_step(torch)
    if Value is not None:
        workloads["micrograd"] = micrograd_step(Value)
    timings = median_times(workloads, settings)
    baseline = Row(CASE, BASELINE, timings[BASELINE].seconds)
    section.rows.append(baseline)
    for library in ("minigrad", "torch", "micrograd"):
        if library in timings:
            section.rows.append(Row(CASE, library, timings[library].seconds).compared_to(baseline))
        else:
            section.rows.append(not_measured(CASE, library, competitors.NOT_INSTALLED))
    section.targets.append(ratio_target(
        "tiny forward+backward faster than torch", section.row(CASE, "minigrad"),
        section.row(CASE, "torch"), 1.0, strictly_below=True))
    return section
