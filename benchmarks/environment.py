"""Facts about the machine that change the numbers: versions, threads, OpenBLAS's kernel."""
import ctypes
import os
import platform
import sys

from . import competitors


def _openblas_library():
    """numpy's OpenBLAS, loaded with ctypes (the library the process already uses), or None."""
    import numpy  # noqa: F401  (loads the OpenBLAS library into the process)

    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


def _openblas_function(suffix):
    """The OpenBLAS function ``openblas_<suffix>`` under its numpy-wheel or plain name."""
    library = _openblas_library()
    if library is None:
        return None
    for symbol in (f"scipy_openblas_{suffix}64_", f"scipy_openblas_{suffix}", f"openblas_{suffix}"):
        function = getattr(library, symbol, None)
        if function is not None:
            return function
    return None


def limit_threads(threads):
    """Run numpy's OpenBLAS and torch with ``threads`` threads each.

    At this course's sizes (64 x 128 matrices) a second thread gains nothing, and on a busy
    2-core machine BLAS threads that spin while waiting for a core make one small matmul take
    milliseconds instead of microseconds: timings become noise. Every library gets the same
    limit, so the comparison stays fair.
    """
    setter = _openblas_function("set_num_threads")
    if setter is not None:
        setter(ctypes.c_int(threads))
    torch = competitors.torch()
    if torch is not None:
        torch.set_num_threads(threads)


def _openblas_core():
    """The CPU kernel numpy's OpenBLAS chose (what threadpoolctl reports), or "unknown".

    OPENBLAS_CORETYPE forces an older, slower kernel on some machines; benchmark numpy with
    it unset, or the hand-written numpy baseline is slower than it should be.
    """
    getter = _openblas_function("get_corename")
    if getter is None:
        return "unknown"
    getter.restype = ctypes.c_char_p
    return getter().decode()


def _openblas_threads():
    getter = _openblas_function("get_num_threads")
    return getter() if getter is not None else None


def describe(quick):
    """One flat dict for the report header and results.json."""
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "quick": quick}
    meta.update(competitors.versions())
    meta["openblas_core"] = _openblas_core()
    meta["openblas_threads"] = _openblas_threads()
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        meta[name] = os.environ.get(name)
    torch = competitors.torch()
    if torch is not None:
        meta["torch_threads"] = torch.get_num_threads()
    meta["executable"] = sys.executable
    return meta
