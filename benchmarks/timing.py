"""The one timer every case uses: warm up, then the median of many repeats.

The median (not the mean, not the minimum) is what a student would typically wait; it ignores
the odd slow repeat caused by the other core or the operating system.
"""
import gc
import statistics
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """How hard to measure: ``quick`` is for smoke tests, the default for real figures."""

    quick: bool = False

    @property
    def repeats(self):
        return 3 if self.quick else 25

    @property
    def warmup(self):
        return 1 if self.quick else 5

    @property
    def min_repeat_seconds(self):
        """Each repeat runs the workload this long at least, so that the clock's resolution
        and the timer's own overhead vanish next to it."""
        return 0.0005 if self.quick else 0.02


@dataclass(frozen=True)
class Timing:
    """Seconds per call: the median over ``repeats`` repeats of ``number`` calls each."""

    seconds: float
    low: float
    high: float
    repeats: int
    number: int


def _calls_per_repeat(fn, min_seconds):
    """How many calls make one repeat last ``min_seconds`` (1, 2, 5, 10, 20, 50, ...)."""
    number = 1
    while True:
        for factor in (1, 2, 5):
            n = number * factor
            start = time.perf_counter()
            for _ in range(n):
                fn()
            if time.perf_counter() - start >= min_seconds:
                return n
        number *= 10


def median_times(workloads, settings, *, repeats=None):
    """Time several zero-argument callables side by side: ``{name: Timing}``, seconds per call.

    Each gets its warm-up calls first (not counted); then the repeats are interleaved (one
    repeat of each in turn, over and over), so that a load that comes and goes on the machine
    hits every workload alike and the ratios between them stay fair. The garbage collector is
    off while timing, as in ``timeit``: a collection caused by one library's garbage would
    otherwise be charged to whichever library happens to run next.
    """
    repeats = repeats or settings.repeats
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        numbers = {}
        for name, fn in workloads.items():
            for _ in range(settings.warmup):
                fn()
            numbers[name] = _calls_per_repeat(fn, settings.min_repeat_seconds)
        samples = {name: [] for name in workloads}
        for _ in range(repeats):
            for name, fn in workloads.items():
                number = numbers[name]
                start = time.perf_counter()
                for _ in range(number):
                    fn()
                samples[name].append((time.perf_counter() - start) / number)
    finally:
        if was_enabled:
            gc.enable()
    return {name: Timing(statistics.median(s), min(s), max(s), repeats, numbers[name])
            for name, s in samples.items()}


def median_time_with_setup(fn, setup, settings, *, repeats=None):
    """Time ``fn(setup())``, counting only ``fn``: for workloads that use up their input,
    like a backward pass that frees its graph. One warm-up call; gc off as above."""
    repeats = repeats or settings.repeats
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        fn(setup())
        samples = []
        for _ in range(repeats):
            state = setup()
            start = time.perf_counter()
            fn(state)
            samples.append(time.perf_counter() - start)
            del state
    finally:
        if was_enabled:
            gc.enable()
    return Timing(statistics.median(samples), min(samples), max(samples), repeats, 1)
