"""Sorting and selection: sort, topk, kthvalue, median and mode.

Each of these ops picks elements of its input along one dimension and also returns where they
came from (``indices``). So the work is split in two:

* numpy finds the indices (``sort_indices``, ``topk_indices``, ...), without autograd;
* one Function, ``_Pick``, reads the values at those indices. Its backward writes the gradient
  back at the same indices into zeros (a scatter): the elements that were not picked get 0.0.

Ties. When several elements are equal, *which* index PyTorch returns depends on the C++ routine
its kernel calls: ``std::sort`` (sort with stable=False, mode), ``std::nth_element`` and
``std::partial_sort`` (topk), a quickselect (kthvalue). numpy's routines break ties
differently, so a row with ties is replayed with ``tie_order.Replay``, a small Python copy of
those routines, to print the same indices as PyTorch. The replay is slow (a few microseconds per
element): rows longer than ``REPLAY_LIMIT`` keep numpy's order for their ties (same values).
"""
import numpy as np

from ..autograd.function import Function
from .elementwise import _constant, where_else_zero
from .gather import Scatter
from .tie_order import Replay, nan_first, nan_last

REPLAY_LIMIT = 10_000  # longer rows: numpy's (stable) order among equal elements


class _Pick(Function):
    """z = a read at ``indices`` along ``dim``;  grad_a = zeros with grad written at indices"""

    @staticmethod
    def forward(ctx, a, dim, indices, keepdim):  # indices: numpy int64, dim kept (size k)
        ctx.shape, ctx.dim, ctx.indices, ctx.keepdim = a.shape, dim, indices, keepdim
        if a._data.ndim == 0:  # a 0-d tensor's one element is always the one picked
            return a._data.copy()
        z = np.take_along_axis(a._data, indices, axis=dim)
        return z if keepdim else z.squeeze(dim)

    @staticmethod
    def backward(ctx, grad):
        if len(ctx.shape) == 0:
            return grad, None, None, None
        if not ctx.keepdim:
            grad = grad.unsqueeze(ctx.dim)
        return Scatter.apply(grad.new_zeros(ctx.shape), ctx.dim, ctx.indices, grad), None, None, None


class Sort(_Pick):
    node_name = "SortBackward0"


class SortStable(_Pick):
    """sort called with ``stable=``: PyTorch records it as the other overload"""

    node_name = "SortBackward1"


class Topk(_Pick):
    node_name = "TopkBackward0"


class Kthvalue(_Pick):
    node_name = "KthvalueBackward0"


class MedianDim(_Pick):
    node_name = "MedianBackward1"


class Mode(_Pick):
    node_name = "ModeBackward0"


class Median(Function):
    """z = the lower median of all elements (nan if there is a nan);  grad_a = grad shared
    evenly between the elements equal to z (PyTorch's rule, as for max())"""

    node_name = "MedianBackward0"

    @staticmethod
    def forward(ctx, a):
        x = a._data.reshape(-1)
        if x.size == 0 or (x.dtype.kind == "f" and np.isnan(x).any()):
            z = np.array(np.nan, dtype=x.dtype)
        else:
            z = np.partition(x, (x.size - 1) // 2)[(x.size - 1) // 2]
        ctx.winners = np.isnan(a._data) if np.isnan(z) else a._data == z
        return z

    @staticmethod
    def backward(ctx, grad):
        count = _constant(ctx.winners.sum(), grad)
        return where_else_zero(ctx.winners, grad / count)


class Unique(Function):
    """z = the distinct elements of a, sorted. PyTorch records a node but has no formula for
    its gradient: backward raises, as PyTorch's does."""

    node_name = "Unique2Backward0"

    @staticmethod
    def forward(ctx, a, values):  # values: computed by the caller with numpy
        return values

    @staticmethod
    def backward(ctx, grad):
        raise NotImplementedError("the derivative for '_unique2' is not implemented.")


class Bincount(Function):
    """z[i] = the sum of the weights of the elements equal to i; no gradient formula either."""

    node_name = "NotImplemented"
    cpp_name = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, weights, values, minlength):  # values: the non-negative integers
        return np.bincount(values, weights._data, minlength).astype(weights._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError("derivative for aten::bincount is not implemented")


# -- finding the indices (numpy; every function returns int64 indices with ``dim`` kept) ------
def _rows(x, dim):
    """x's 1-D slices along ``dim`` as the rows of a 2-D array (a 0-d x: one row of one)."""
    x = np.moveaxis(np.atleast_1d(x), dim, -1)
    return x.reshape(int(np.prod(x.shape[:-1])), x.shape[-1])


def _unrows(rows, x, dim):
    """The inverse of ``_rows``: rows of indices back in x's layout (``dim`` now of size k)."""
    if x.ndim == 0:
        return np.zeros((), np.int64)
    shape = x.shape[:dim] + x.shape[dim + 1:] + (rows.shape[1],)
    return np.moveaxis(rows.reshape(shape), -1, dim).astype(np.int64)


def _stable_order(rows, descending):
    """Indices that sort each row, equal elements kept in their order; nan counts as the
    largest value (last ascending, first descending), as in PyTorch."""
    if not descending:
        return np.argsort(rows, axis=1, kind="stable")
    # Sorting the reversed rows and reversing the result keeps equal elements in order.
    return rows.shape[1] - 1 - np.argsort(rows[:, ::-1], axis=1, kind="stable")[:, ::-1]


def _has_ties(sorted_rows):
    """Per row: True if two elements are equal (two nans count as equal)."""
    same = sorted_rows[:, 1:] == sorted_rows[:, :-1]
    if sorted_rows.dtype.kind == "f":
        same |= np.isnan(sorted_rows[:, 1:]) & np.isnan(sorted_rows[:, :-1])
    return same.any(axis=1)


def sort_indices(x, dim, descending, stable):
    """The indices of torch.sort(x, dim, descending, stable=stable)."""
    rows = _rows(x, dim)
    order = _stable_order(rows, descending)
    if not stable and 16 < rows.shape[1] <= REPLAY_LIMIT:  # up to 16, std::sort is stable
        ties = _has_ties(np.take_along_axis(rows, order, axis=1))
        for r in np.flatnonzero(ties):
            order[r] = Replay(rows[r], nan_first if descending else nan_last).sort()
    return _unrows(order, x, dim)


def topk_indices(x, dim, k, largest, sorted):
    """The indices of torch.topk(x, k, dim, largest, sorted)."""
    rows = _rows(x, dim)
    order = _stable_order(rows, largest)
    # Without ties a sorted top k has one answer; unsorted, its order is std::nth_element's.
    replay = _has_ties(np.take_along_axis(rows, order, axis=1)) if sorted else [True] * len(rows)
    if rows.shape[1] > REPLAY_LIMIT:
        replay = []
    order = order[:, :k].copy()
    for r in np.flatnonzero(replay):
        order[r] = Replay(rows[r], nan_first if largest else nan_last).topk(k, sorted)
    return _unrows(order, x, dim)


def kthvalue_indices(x, dim, k):
    """The indices of torch.kthvalue(x, k, dim, keepdim=True): the k-th smallest (from 1)."""
    rows = _rows(x, dim)
    order = _stable_order(rows, False)[:, k - 1:k].copy()
    for r, row in enumerate(rows):
        kth = row[order[r, 0]]
        tied = np.count_nonzero((row == kth) | ((row != row) & (kth != kth))) > 1
        if tied and len(row) <= REPLAY_LIMIT:
            order[r, 0] = Replay(row, nan_first).quickselect(k - 1)
    return _unrows(order, x, dim)


def median_indices(x, dim):
    """The indices of torch.median(x, dim, keepdim=True): the lower median; equal elements
    count in their order; a row with a nan gives its first nan."""
    rows = _rows(x, dim)
    order = _stable_order(rows, False)[:, (rows.shape[1] - 1) // 2:][:, :1]
    if rows.dtype.kind == "f":
        nans = np.isnan(rows)
        order = np.where(nans.any(axis=1, keepdims=True), nans.argmax(axis=1)[:, None], order)
    return _unrows(order, x, dim)


def mode_indices(x, dim):
    """The indices of torch.mode(x, dim, keepdim=True): the most frequent value (the smallest
    of several), at the last of its elements in std::sort's order."""
    rows = _rows(x, dim)
    order = np.zeros((len(rows), 1), np.int64)
    for r, row in enumerate(rows):
        if len(row) <= REPLAY_LIMIT:
            positions = Replay(row, lambda a, b: a < b).sort()
        else:
            positions = np.argsort(row, kind="stable").tolist()
        values = row.tolist()
        best = run = 0
        for n, i in enumerate(positions):
            run += 1
            if n + 1 == len(positions) or values[i] != values[positions[n + 1]]:
                if run > best:
                    best, order[r, 0] = run, i
                run = 0
    return _unrows(order, x, dim)
