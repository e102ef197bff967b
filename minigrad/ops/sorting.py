"""Sorting and selection: sort, topk, kthvalue, median and mode.

Each of these ops picks elements of its input along one dimension and also returns where they
came from (``indices``). So the work is split in two:

* numpy finds the indices (``sort_indices``, ``topk_indices``, ...), without autograd;
* one Function, ``_Pick``, reads the values at those indices. Its backward writes the gradient
  back at the same indices into zeros (a scatter): the elements that were not picked get 0.0.

Ties. When several elements are equal, *which* index PyTorch returns depends on the C++ routine
its kernel calls: ``std::sort`` (sort with stable=False, mode), ``std::nth_element`` and
``std::partial_sort`` (topk), a quickselect (kthvalue). numpy's routines break ties
differently, so a row with ties is replayed with ``_Replay``, a small Python copy of those
routines (the end of this file), to print the same indices as PyTorch.
"""
import numpy as np

from ..autograd.function import Function
from .elementwise import _constant, where_else_zero
from .gather import Scatter


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


def _nan_last(a, b):  # a < b, nan as the largest value (a != a only for nan)
    return (b != b and a == a) or a < b


def _nan_first(a, b):  # a > b, nan as the largest value
    return (a != a and b == b) or a > b


def sort_indices(x, dim, descending, stable):
    """The indices of torch.sort(x, dim, descending, stable=stable)."""
    rows = _rows(x, dim)
    order = _stable_order(rows, descending)
    if not stable and rows.shape[1] > 16:  # up to 16 elements, std::sort is stable
        ties = _has_ties(np.take_along_axis(rows, order, axis=1))
        for r in np.flatnonzero(ties):
            order[r] = _Replay(rows[r], _nan_first if descending else _nan_last).sort()
    return _unrows(order, x, dim)


def topk_indices(x, dim, k, largest, sorted):
    """The indices of torch.topk(x, k, dim, largest, sorted)."""
    rows = _rows(x, dim)
    order = _stable_order(rows, largest)
    # Without ties a sorted top k has one answer; unsorted, its order is std::nth_element's.
    replay = _has_ties(np.take_along_axis(rows, order, axis=1)) if sorted else [True] * len(rows)
    order = order[:, :k].copy()
    for r in np.flatnonzero(replay):
        order[r] = _Replay(rows[r], _nan_first if largest else _nan_last).topk(k, sorted)
    return _unrows(order, x, dim)


def kthvalue_indices(x, dim, k):
    """The indices of torch.kthvalue(x, k, dim, keepdim=True): the k-th smallest (from 1)."""
    rows = _rows(x, dim)
    order = _stable_order(rows, False)[:, k - 1:k].copy()
    for r, row in enumerate(rows):
        kth = row[order[r, 0]]
        if np.count_nonzero((row == kth) | ((row != row) & (kth != kth))) > 1:
            order[r, 0] = _Replay(row, _nan_first).quickselect(k - 1)
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
        positions, values = _Replay(row, lambda a, b: a < b).sort(), row.tolist()
        best = run = 0
        for n, i in enumerate(positions):
            run += 1
            if n + 1 == len(positions) or values[i] != values[positions[n + 1]]:
                if run > best:
                    best, order[r, 0] = run, i
                run = 0
    return _unrows(order, x, dim)


class _Replay:
    """The C++ standard library's std::sort, std::nth_element and std::partial_sort (as in
    GCC's libstdc++), and PyTorch's quickselect, replayed on the positions of one row: so equal
    elements end up in the order PyTorch gives them. ``less(a, b)`` compares two values."""

    def __init__(self, row, less):
        values = row.tolist()
        self.v = list(range(len(values)))
        self.less = lambda i, j: less(values[i], values[j])

    def sort(self, first=0, last=None):
        """std::sort: introsort (quicksort, heapsort if too deep), then insertion sort."""
        last = len(self.v) if last is None else last
        if last - first > 1:
            self._introsort(first, last, 2 * ((last - first).bit_length() - 1))
            self._insertion_sort(first, min(last, first + 16))
            for i in range(first + 16, last):
                self._insert(i)
        return self.v

    def topk(self, k, sorted):
        """PyTorch's topk: std::partial_sort for a small k, else std::nth_element and then
        std::sort of the first k - 1."""
        if k == 0:
            return []
        if k * 64 <= len(self.v):
            self._partial_sort(0, k, len(self.v))
        else:
            self._nth_element(k - 1)
            if sorted:
                self.sort(0, k - 1)
        return self.v[:k]

    def quickselect(self, k):
        """PyTorch's kthvalue: quickselect with a median-of-three pivot; ``less`` is its
        "greater or nan"."""
        v, gt = self.v, self.less
        lo, hi = 0, len(v) - 1
        while hi > lo:
            if hi == lo + 1:
                if gt(v[lo], v[hi]):
                    v[lo], v[hi] = v[hi], v[lo]
                break
            mid = lo + (hi - lo) // 2
            v[mid], v[lo + 1] = v[lo + 1], v[mid]
            for a, b in ((lo + 1, hi), (lo, hi), (lo + 1, lo)):
                if gt(v[a], v[b]):
                    v[a], v[b] = v[b], v[a]
            i, j, pivot = lo + 1, hi, v[lo]
            while True:
                i += 1
                while gt(pivot, v[i]):
                    i += 1
                j -= 1
                while gt(v[j], pivot):
                    j -= 1
                if j < i:
                    break
                v[i], v[j] = v[j], v[i]
            v[lo], v[j] = v[j], v[lo]
            if j <= k:
                lo = i
            if j >= k:
                hi = j - 1
        return v[k]

    def _insertion_sort(self, first, last):
        v = self.v
        for i in range(first + 1, last):
            item = v[i]
            if self.less(item, v[first]):
                v[first + 1:i + 1] = v[first:i]
                v[first] = item
            else:
                self._insert(i)

    def _insert(self, i):
        v, item = self.v, self.v[i]
        while self.less(item, v[i - 1]):
            v[i] = v[i - 1]
            i -= 1
        v[i] = item

    def _partition(self, first, last):
        """Move the median of three elements to ``first``, partition the rest around it."""
        v, less = self.v, self.less
        a, b, c = first + 1, first + (last - first) // 2, last - 1
        if less(v[a], v[b]):
            m = b if less(v[b], v[c]) else c if less(v[a], v[c]) else a
        else:
            m = a if less(v[a], v[c]) else c if less(v[b], v[c]) else b
        v[first], v[m] = v[m], v[first]
        lo, hi = first + 1, last
        while True:
            while less(v[lo], v[first]):
                lo += 1
            hi -= 1
            while less(v[first], v[hi]):
                hi -= 1
            if lo >= hi:
                return lo
            v[lo], v[hi] = v[hi], v[lo]
            lo += 1

    def _introsort(self, first, last, depth):
        while last - first > 16:
            if depth == 0:
                self._partial_sort(first, last, last)
                return
            depth -= 1
            cut = self._partition(first, last)
            self._introsort(cut, last, depth)
            last = cut

    def _nth_element(self, nth):
        first, last = 0, len(self.v)
        depth = 2 * (last.bit_length() - 1)
        while last - first > 3:
            if depth == 0:
                self._heap_select(first, nth + 1, last)
                self.v[first], self.v[nth] = self.v[nth], self.v[first]
                return
            depth -= 1
            cut = self._partition(first, last)
            first, last = (cut, last) if cut <= nth else (first, cut)
        self._insertion_sort(first, last)

    def _partial_sort(self, first, middle, last):
        self._heap_select(first, middle, last)
        v = self.v
        for end in range(middle - 1, first, -1):  # sort_heap
            item, v[end] = v[end], v[first]
            self._sift(first, 0, end - first, item)

    def _heap_select(self, first, middle, last):
        """A max-heap of [first, middle) holding the smallest elements of [first, last)."""
        v, n = self.v, middle - first
        for parent in range((n - 2) // 2, -1, -1):
            self._sift(first, parent, n, v[first + parent])
        for i in range(middle, last):
            if self.less(v[i], v[first]):
                item, v[i] = v[i], v[first]
                self._sift(first, 0, n, item)

    def _sift(self, first, hole, n, item):
        """libstdc++'s __adjust_heap: move the hole down to a leaf, then ``item`` back up."""
        v, less, top, child = self.v, self.less, hole, hole
        while child < (n - 1) // 2:
            child = 2 * (child + 1)
            if less(v[first + child], v[first + child - 1]):
                child -= 1
            v[first + hole], hole = v[first + child], child
        if n % 2 == 0 and child == (n - 2) // 2:
            child = 2 * (child + 1)
            v[first + hole], hole = v[first + child - 1], child - 1
        parent = (hole - 1) // 2
        while hole > top and less(v[first + parent], item):
            v[first + hole], hole = v[first + parent], parent
            parent = (hole - 1) // 2
        v[first + hole] = item
