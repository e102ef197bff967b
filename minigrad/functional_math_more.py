"""The ``torch.*`` functions for more elementwise and binary math (lerp, addcmul, atan2, clamp_min, ...) (their Tensor methods are in tensor_math_more.py).

``minigrad/__init__.py`` imports everything listed in ``__all__``.
"""

__all__ = []
