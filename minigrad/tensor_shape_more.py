"""Tensor methods for more shape ops and random fills (broadcast_to, movedim, tile, repeat_interleave, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Each method calls one op
from ``minigrad/ops``; the ``torch.*`` functions are in functional_shape_more.py.
"""


class TensorShapeMore:
    """Mixin of Tensor's methods for more shape ops and random fills (broadcast_to, movedim, tile, repeat_interleave, ...)."""
