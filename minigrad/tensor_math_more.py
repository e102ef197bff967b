"""Tensor methods for more elementwise and binary math (lerp, addcmul, atan2, clamp_min, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Each method calls one op
from ``minigrad/ops``; the ``torch.*`` functions are in functional_math_more.py.
"""


class TensorMathMore:
    """Mixin of Tensor's methods for more elementwise and binary math (lerp, addcmul, atan2, clamp_min, ...)."""
