"""1. Per-op overhead: ``a * b`` on float32 tensors of 1 and 1000 elements.

With one element the multiplication itself costs nothing, so what is measured is everything
around it: argument checks, type promotion, the Tensor wrapper and, with requires_grad, the
graph node. ``numpy.multiply`` on the raw arrays is the floor.
"""
import numpy as np

import minigrad

from . import competitors
from .results import Row, Section, not_measured, ratio_target
from .timing import median_times

SIZES = (1, 1000)
NUMPY = "numpy.multiply"


def _case(size, requires_grad=None):
    case = f"a * b, {size} element{'s' if size > 1 else ''}"
    return case if requires_grad is None else f"{case}, requires_grad={requires_grad}"


def _products(lib, size):
    """``{case: a * b}`` for lib (minigrad or torch), requires_grad off and on."""
    workloads = {}
    for requires_grad in (False, True):
        a = lib.ones(size, requires_grad=requires_grad)
        b = lib.ones(size, requires_grad=requires_grad)
        workloads[_case(size, requires_grad)] = lambda a=a, b=b: a * b
    return workloads


def minigrad_workloads():
    """The minigrad calls this section times, by name (used by --profile too)."""
    return {case: fn for size in SIZES for case, fn in _products(minigrad, size).items()}


def run(settings):
    """Time a * b in numpy, minigrad and torch, side by side."""
    section = Section("ops", "1. Per-op overhead: a * b (float32)")
    torch = competitors.torch()
    for size in SIZES:
        x, y = np.ones(size, np.float32), np.ones(size, np.float32)
        workloads = {(_case(size), NUMPY): lambda: np.multiply(x, y)}
        for lib in (minigrad, torch):
            if lib is not None:
                workloads.update({(case, lib.__name__): fn
                                  for case, fn in _products(lib, size).items()})
        timings = median_times(workloads, settings)
        numpy_row = Row(_case(size), NUMPY, timings[_case(size), NUMPY].seconds)
        section.rows.append(numpy_row)
        for requires_grad in (False, True):
            case = _case(size, requires_grad)
            for library in ("minigrad", "torch"):
                if (case, library) in timings:
                    row = Row(case, library, timings[case, library].seconds)
                    section.rows.append(row.compared_to(numpy_row))
                else:
                    section.rows.append(not_measured(case, library, competitors.NOT_INSTALLED))
    case = _case(1, True)
    section.targets.append(ratio_target(
        "per-op overhead (1 element, requires_grad) <= 3x torch's",
        section.row(case, "minigrad"), section.row(case, "torch"), 3.0))
    return section
