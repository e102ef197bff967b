"""4. Deep chain: backward through 10,000 and 100,000 ops, ``y = y * 1.0001`` over and over.

The engine must walk the graph without recursion (no RecursionError) and in time linear in
its length: the time per op at 100,000 should be the time per op at 10,000.
"""
import minigrad

from . import competitors
from .results import Row, Section, Target, not_measured
from .timing import median_time_with_setup
from .units import format_value

# The growth allowed in time per op from the shortest to the longest chain: "linear" with
# room for noise (a quadratic walk would grow 10x).
LINEAR_SLACK = 1.5


def depths(settings):
    """The chain lengths measured (smaller ones in --quick)."""
    return (500, 5_000) if settings.quick else (10_000, 100_000)


def build_chain(lib, depth):
    """A scalar leaf and the result of ``depth`` multiplications applied to it."""
    x = lib.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(depth):
        y = y * 1.0001
    return y


def minigrad_workloads():
    """The minigrad calls this section times, by name (used by --profile too)."""
    return {"backward through 10,000 ops": lambda: build_chain(minigrad, 10_000).backward()}


def _time_per_op(lib, depth, settings):
    """Median seconds per op of ``backward()`` through a fresh chain (the build is not timed)."""
    repeats = 3 if settings.quick or depth > 10_000 else 7
    timing = median_time_with_setup(lambda y: y.backward(), lambda: build_chain(lib, depth),
                                     settings, repeats=repeats)
    return timing.seconds / depth


def run(settings):
    """Time backward per op at two depths for minigrad (and torch), and judge linearity."""
    section = Section("chain", "4. Deep chain: backward through a long chain of ops")
    torch = competitors.torch()
    shortest, longest = depths(settings)
    for library, lib in (("minigrad", minigrad), ("torch", torch)):
        baseline = None
        for depth in (shortest, longest):
            case = f"backward, depth {depth:,}"
            if lib is None:
                section.rows.append(not_measured(case, library, competitors.NOT_INSTALLED, "s/op"))
                continue
            try:
                row = Row(case, library, _time_per_op(lib, depth, settings), "s/op")
            except RecursionError:
                section.rows.append(not_measured(case, library, "RecursionError", "s/op"))
                continue
            if baseline is None:
                baseline = row
                row.baseline = f"{library}, depth {depth:,}"
                row.baseline_value = row.value
            else:
                row.baseline, row.baseline_value = baseline.baseline, baseline.value
            section.rows.append(row)
    section.targets.append(_linearity(section, shortest, longest))
    return section


def _linearity(section, shortest, longest):
    short = section.row(f"backward, depth {shortest:,}", "minigrad")
    long = section.row(f"backward, depth {longest:,}", "minigrad")
    description = (f"chain backward linear in depth ({longest:,} ops: time/op <= "
                   f"{LINEAR_SLACK}x that at {shortest:,}), no RecursionError")
    if short.value is None or long.value is None:
        return Target(description, False, f"{short.note or long.note}")
    ratio = long.value / short.value
    return Target(description, ratio <= LINEAR_SLACK,
                  f"{ratio:.2f}x ({format_value(long.value, 's/op')} vs "
                  f"{format_value(short.value, 's/op')})")
