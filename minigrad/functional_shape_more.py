"""The ``torch.*`` functions for more shape ops and random fills (broadcast_to, movedim, tile, repeat_interleave, ...) (their Tensor methods are in tensor_shape_more.py).

``minigrad/__init__.py`` imports everything listed in ``__all__``.
"""

__all__ = []
