"""The optional competitors, torch and micrograd: imported when installed, None otherwise.

Neither is a dependency of minigrad; ``pip install torch==2.13.0 micrograd`` in a separate
environment (with minigrad installed there too) to see their rows.
"""
import functools
import importlib

NOT_INSTALLED = "not installed"


@functools.cache
def optional_module(name):
    """``importlib.import_module(name)``, or None when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def torch():
    """The torch module, or None."""
    return optional_module("torch")


def micrograd_value():
    """micrograd's scalar ``Value`` class, or None."""
    engine = optional_module("micrograd.engine")
    return engine.Value if engine is not None else None


def versions():
    """Installed versions of minigrad, numpy and the competitors (None when missing)."""
    from importlib import metadata

    found = {}
    for name, dist in (("minigrad", "minigrad-course"), ("numpy", "numpy"), ("torch", "torch"),
                       ("micrograd", "micrograd")):
        try:
            found[name] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found
