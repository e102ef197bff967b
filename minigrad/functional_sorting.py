"""The ``torch.*`` functions for sorting and selection (sort, argsort, topk, kthvalue, median, ...) (their Tensor methods are in tensor_sorting.py).

``minigrad/__init__.py`` imports everything listed in ``__all__``.
"""

__all__ = []
