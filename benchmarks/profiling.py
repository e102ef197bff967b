"""``--profile NAME``: where minigrad spends its time on a section's workloads (cProfile).

Prints, per workload, the functions with the most time spent in their own body, restricted to
minigrad's files, so that the table points at what to optimise.
"""
import cProfile
import gc
import pstats
import time
from pathlib import Path

import minigrad

MINIGRAD_DIR = str(Path(minigrad.__file__).parent)


def profile(fn, seconds=2.0):
    """Call ``fn`` repeatedly for about ``seconds`` under cProfile; return (stats, calls)."""
    for _ in range(3):
        fn()  # warm-up, not profiled
    profiler = cProfile.Profile()
    calls, start = 0, time.perf_counter()
    gc.disable()
    try:
        profiler.enable()
        while time.perf_counter() - start < seconds:
            fn()
            calls += 1
        profiler.disable()
    finally:
        gc.enable()
    return pstats.Stats(profiler), calls


def hot_spots(stats, calls, top=12):
    """The ``top`` minigrad functions by own time: (file:function, calls per run, us per run)."""
    rows = []
    for (filename, line, name), (_, ncalls, own, cumulative, _) in stats.stats.items():
        if filename.startswith(MINIGRAD_DIR):
            where = f"{Path(filename).relative_to(Path(MINIGRAD_DIR).parent)}:{line}:{name}"
            rows.append((where, ncalls / calls, own / calls * 1e6, cumulative / calls * 1e6))
    rows.sort(key=lambda r: r[2], reverse=True)
    return rows[:top]


def print_profile(name, workloads, seconds=2.0):
    """Profile each workload and print its minigrad hot spots (own and cumulative time)."""
    for case, fn in workloads.items():
        stats, calls = profile(fn, seconds)
        total = stats.total_tt / calls * 1e6
        print(f"\n== profile {name}: {case} "
              f"({calls} runs, {total:.1f} us per run under cProfile) ==")
        print(f"{'own us/run':>10} {'cum us/run':>10} {'calls/run':>9}  function")
        for where, ncalls, own, cumulative in hot_spots(stats, calls):
            print(f"{own:10.1f} {cumulative:10.1f} {ncalls:9.1f}  {where}")
