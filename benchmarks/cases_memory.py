"""5. Memory: does training leak, and how much does one step need at its peak?

10,000 cross-entropy MLP steps run with the garbage collector disabled: a graph that only the
collector could free (a reference cycle) would pile up, step after step. Growth is measured
with tracemalloc (Python objects and numpy buffers) and as the process's resident memory (RSS);
``gc.collect()`` afterwards counts the objects that were waiting for the collector. The peak of
one step is compared with the hand-written numpy step (torch's memory is invisible to
tracemalloc, so it has no row here).
"""
import gc
import os
import tracemalloc

import minigrad

from . import cases_mlp
from .results import Row, Section, Target
from .units import format_value

FLAT_LIMIT = 2**20  # bytes: "memory flat" means less than 1 MB of growth


def rss_bytes():
    """The resident memory of this process (Linux: /proc/self/statm), or 0 if unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def growth_over(step, steps, warmup):
    """Run ``step`` ``steps`` times with gc off: (traced growth, RSS growth, cyclic garbage)."""
    gc.collect()
    gc.disable()
    try:
        for _ in range(warmup):
            step()
        tracemalloc.start()
        traced_before, rss_before = tracemalloc.get_traced_memory()[0], rss_bytes()
        for _ in range(steps):
            step()
        traced_after, rss_after = tracemalloc.get_traced_memory()[0], rss_bytes()
        tracemalloc.stop()
        garbage = gc.collect()
    finally:
        gc.enable()
    return traced_after - traced_before, rss_after - rss_before, garbage


def peak_of_one_step(step):
    """Bytes allocated at the peak of one step, beyond what was live before it (tracemalloc)."""
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        step()  # warm-up: first-step allocations (lazily created buffers) are not the peak
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        step()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
        gc.enable()


def _steps(problem):
    steps = {cases_mlp.NUMPY: cases_mlp.numpy_step(problem, "cross-entropy")[0],
             "minigrad": cases_mlp.autograd_step(minigrad, problem, "cross-entropy")[0]}
    if hasattr(minigrad, "nn") and hasattr(minigrad, "optim"):
        steps["minigrad nn+optim"] = cases_mlp.nn_step(minigrad, problem, "cross-entropy")[0]
    return steps


def run(settings):
    """Measure growth over many steps and the peak of one step, numpy vs minigrad."""
    section = Section("memory", "5. Memory over many MLP steps (cross-entropy), gc disabled")
    steps, warmup = (50, 5) if settings.quick else (10_000, 1_000)
    problem = cases_mlp.make_problem()
    growth_case, rss_case = f"tracemalloc growth, {steps:,} steps", f"RSS growth, {steps:,} steps"
    garbage_case = f"objects left for gc after {steps:,} steps"
    numpy_peak = None
    for library, step in _steps(problem).items():
        traced, rss, garbage = growth_over(step, steps, warmup)
        section.rows.append(Row(growth_case, library, traced, "B"))
        section.rows.append(Row(rss_case, library, rss, "B"))
        section.rows.append(Row(garbage_case, library, garbage, "count"))
        peak = Row("peak of one step", library, peak_of_one_step(step), "B")
        if numpy_peak is None:
            numpy_peak = peak
        section.rows.append(peak.compared_to(numpy_peak))
        if library != cases_mlp.NUMPY:
            worst = max(traced, rss)
            section.targets.append(Target(
                f"{library}: memory flat over {steps:,} steps (growth < 1 MB, gc disabled)",
                worst < FLAT_LIMIT and garbage == 0,
                f"tracemalloc {format_value(traced, 'B')}, RSS {format_value(rss, 'B')}, "
                f"{garbage} objects left for gc"))
    section.notes.append(f"growth is counted after {warmup:,} warm-up steps, which fill Python's "
                         "bounded free lists and caches; growth and garbage rows have no "
                         "baseline: their target is absolute")
    return section
