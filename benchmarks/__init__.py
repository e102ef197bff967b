"""Benchmarks: how long minigrad makes a student wait, next to numpy, PyTorch and micrograd.

Run ``python -m benchmarks`` (or ``make bench``); ``--quick`` for a fast smoke run,
``--only mlp,ops`` for some sections, ``--profile mlp`` for a cProfile of minigrad's hot spots.
Every figure is a ratio to a baseline timed in the same process and run; the table is printed
and written to ``benchmarks/results.json``.
"""
