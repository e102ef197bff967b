"""Tensor methods for sorting and selection (sort, argsort, topk, kthvalue, median, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Each method calls one op
from ``minigrad/ops``; the ``torch.*`` functions are in functional_sorting.py.
"""


class TensorSorting:
    """Mixin of Tensor's methods for sorting and selection (sort, argsort, topk, kthvalue, median, ...)."""
