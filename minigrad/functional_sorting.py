"""The ``torch.*`` functions for sorting and selection (sort, argsort, topk, kthvalue, median, ...) (their Tensor methods are in tensor_sorting.py).

``minigrad/__init__.py`` imports everything listed in ``__all__``.
"""

__all__ = ["sort", "argsort", "msort", "topk", "kthvalue", "median", "mode", "unique",
           "bincount", "count_nonzero"]


def sort(input, dim=-1, descending=False, *, stable=None):
    """(values, indices): ``input`` sorted along ``dim`` (torch.sort); see ``Tensor.sort``."""
    if stable is None:
        return input.sort(dim, descending)
    return input.sort(dim, descending, stable=stable)


def argsort(input, dim=-1, descending=False, *, stable=False):
    """The indices that sort ``input`` along ``dim`` (torch.argsort)."""
    return input.argsort(dim, descending, stable=stable)


def msort(input):
    """``input`` sorted along its first dimension (torch.msort)."""
    return input.msort()


def topk(input, k, dim=-1, largest=True, sorted=True):
    """(values, indices) of the ``k`` largest elements along ``dim`` (torch.topk)."""
    return input.topk(k, dim, largest, sorted)


def kthvalue(input, k, dim=-1, keepdim=False):
    """(values, indices) of the k-th smallest element along ``dim`` (torch.kthvalue)."""
    return input.kthvalue(k, dim, keepdim)


def median(input, dim=None, keepdim=False):
    """The lower median of all elements, or (values, indices) along ``dim`` (torch.median)."""
    return input.median(dim, keepdim)


def mode(input, dim=-1, keepdim=False):
    """(values, indices) of the most frequent value along ``dim`` (torch.mode)."""
    return input.mode(dim, keepdim)


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct elements of ``input``, sorted (torch.unique); see ``Tensor.unique``."""
    return input.unique(sorted, return_inverse, return_counts, dim)


def bincount(input, weights=None, minlength=0):
    """Counts (or summed weights) of each non-negative integer in ``input`` (torch.bincount)."""
    return input.bincount(weights, minlength)


def count_nonzero(input, dim=None):
    """The number of nonzero elements, in all or along ``dim`` (torch.count_nonzero)."""
    return input.count_nonzero(dim)
