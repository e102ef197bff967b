"""Tensor methods for sorting and selection (sort, argsort, topk, kthvalue, median, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Each method calls one op
from ``minigrad/ops``; the ``torch.*`` functions are in functional_sorting.py.

The selecting methods find their indices with numpy first (``ops.sorting.sort_indices``...),
then read the values with an op that records the backward node: ``values`` has a grad_fn,
``indices`` never does.
"""
import numpy as np

from .ops import sorting as _ops
from .tensor_reductions import _numpy_names, _return_type
from .tensor_math import _dims

_SortResult, _TopkResult = _return_type("sort"), _return_type("topk")
_KthvalueResult, _MedianResult, _ModeResult = (_return_type("kthvalue"), _return_type("median"),
                                               _return_type("mode"))


class TensorSorting:
    """Mixin of Tensor's methods for sorting and selection (sort, argsort, topk, kthvalue, median, ...)."""

    @_numpy_names
    def sort(self, dim=-1, descending=False, *, stable=None):
        """(values, indices): the elements sorted along ``dim``, smallest first (largest first
        if ``descending``), and where each came from (torch.sort). nan sorts as the largest.

        Equal elements keep their order when ``stable=True``; otherwise they come in the order
        PyTorch's (unstable) sort leaves them.

        Example::

            >>> torch.tensor([3., 1., 2.]).sort()
            torch.return_types.sort(
            values=tensor([1., 2., 3.]),
            indices=tensor([1, 2, 0]))
        """
        dim = self._dim(dim)
        indices = _ops.sort_indices(self._data, dim, descending, bool(stable))
        op = _ops.Sort if stable is None else _ops.SortStable  # PyTorch's two overloads
        return _SortResult(op.apply(self, dim, indices, True), self._make(indices))

    @_numpy_names
    def argsort(self, dim=-1, descending=False, *, stable=False):
        """The indices that sort the tensor along ``dim``: ``sort(...).indices`` (torch.argsort)."""
        dim = self._dim(dim)
        return self._make(_ops.sort_indices(self._data, dim, descending, stable))

    def msort(self):
        """The tensor sorted along its first dimension: ``sort(dim=0).values`` (torch.msort)."""
        return self.sort(0).values

    @_numpy_names
    def topk(self, k, dim=-1, largest=True, sorted=True):
        """(values, indices) of the ``k`` largest elements along ``dim`` (smallest if not
        ``largest``), largest first when ``sorted`` (torch.topk).

        Example::

            >>> torch.tensor([1., 4., 2., 3.]).topk(2)
            torch.return_types.topk(
            values=tensor([4., 3.]),
            indices=tensor([1, 3]))
        """
        if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
            raise TypeError(f"topk(): argument 'k' (position 1) must be int, not {type(k).__name__}")
        dim = self._dim(dim)
        if self._data.dtype == np.bool_:
            raise RuntimeError("topk does not support bool dtypes on CPU")
        if not 0 <= k <= (self.shape[dim] if self.ndim else 1):
            raise RuntimeError("selected index k out of range")
        indices = _ops.topk_indices(self._data, dim, k, largest, sorted)
        return _TopkResult(_ops.Topk.apply(self, dim, indices, True), self._make(indices))

    @_numpy_names
    def kthvalue(self, k, dim=-1, keepdim=False):
        """(values, indices) of the k-th smallest element along ``dim``, counting from 1
        (torch.kthvalue).

        Example::

            >>> torch.tensor([3., 1., 2.]).kthvalue(2)
            torch.return_types.kthvalue(
            values=tensor(2.),
            indices=tensor(2))
        """
        dim = self._dim(dim)
        _check_not_bool(self, "kthvalue_cpu")
        if not 1 <= k <= (self.shape[dim] if self.ndim else 1) and self.numel():
            raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {dim}")
        indices = _ops.kthvalue_indices(self._data, dim, k) if self.numel() else _empty(self, dim)
        return _KthvalueResult(*_pick(self, _ops.Kthvalue, dim, indices, keepdim))

    @_numpy_names
    def median(self, dim=None, keepdim=False):
        """The lower median of all elements (the middle one when sorted; of an even count, the
        smaller of the two middle ones), or (values, indices) of the medians along ``dim``
        (torch.median). A nan makes the median nan.

        Example::

            >>> torch.tensor([4., 1., 3., 2.]).median()
            tensor(2.)
        """
        if dim is None:
            if keepdim:
                raise TypeError('median() missing 1 required positional arguments: "dim"')
            _check_not_bool(self, "median_cpu")
            return _ops.Median.apply(self)
        dim = self._dim(dim)
        _check_not_bool(self, "median_out")
        _check_reduction_size(self, "median", dim)
        indices = _ops.median_indices(self._data, dim) if self.numel() else _empty(self, dim)
        return _MedianResult(*_pick(self, _ops.MedianDim, dim, indices, keepdim))

    @_numpy_names
    def mode(self, dim=-1, keepdim=False):
        """(values, indices) of the most frequent value along ``dim`` (the smallest one if
        several are as frequent) and where it last appears (torch.mode)."""
        dim = self._dim(dim)
        _check_reduction_size(self, "mode", dim)
        indices = _ops.mode_indices(self._data, dim) if self.numel() else _empty(self, dim)
        return _ModeResult(*_pick(self, _ops.Mode, dim, indices, keepdim))

    # -- without gradients --------------------------------------------------------------------
    def unique(self, sorted=True, return_inverse=False, return_counts=False, dim=None):
        """The distinct elements, sorted, as a 1-D tensor; with ``return_inverse`` also where
        each element is in it, with ``return_counts`` also how often each occurs
        (torch.unique). nan is never equal to nan: each one is kept."""
        if dim is not None:
            raise NotImplementedError("minigrad's unique only supports dim=None")
        flat = self._data.reshape(-1)
        _, first, inverse, counts = np.unique(flat, return_index=True, return_inverse=True,
                                              return_counts=True, equal_nan=False)
        # PyTorch's CPU unique sorts even when sorted=False. Each distinct value is taken at
        # its first occurrence (0.0 or -0.0, as the input has it first).
        values = _ops.Unique.apply(self, flat[first])
        extras = [self._make(inverse.reshape(self.shape).astype(np.int64))] * return_inverse
        extras += [self._make(counts.astype(np.int64))] * return_counts
        return (values, *extras) if extras else values

    def bincount(self, weights=None, minlength=0):
        """How often each of 0, 1, ..., max occurs in this 1-D tensor of non-negative
        integers, at least ``minlength`` counts; with ``weights``, the sum of the weights
        instead (torch.bincount)."""
        data = self._data
        if data.dtype.kind not in "iu":
            raise NotImplementedError(
                f"\"bincount_cpu\" not implemented for '{self.dtype._legacy_name[:-6]}'")
        if data.ndim != 1 or (data < 0).any():
            raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
        if minlength < 0:
            raise RuntimeError("minlength should be >= 0")
        if weights is None:
            return self._make(np.bincount(data, minlength=minlength).astype(np.int64))
        if weights.ndim != 1 or weights.shape[0] != data.shape[0]:
            raise RuntimeError("weights should be 1-d and have the same length as input")
        if weights._data.dtype.kind != "f":  # integer and bool weights give float64
            weights = weights.double()
        return _ops.Bincount.apply(weights, data, minlength)

    def count_nonzero(self, dim=None):
        """The number of nonzero elements (nan counts), in all or along ``dim`` (an int or a
        tuple of ints) (torch.count_nonzero)."""
        dims = None if dim is None else _dims(self, dim)
        if dims is not None and len(set(dims)) != len(dims):
            repeated = next(d for d in dims if dims.count(d) > 1)
            raise RuntimeError(f"dim {repeated} appears multiple times in the list of dims")
        axes = None if dims is None or self.ndim == 0 else tuple(dims)
        return self._make(np.asarray(np.count_nonzero(self._data, axis=axes), dtype=np.int64))


def _pick(t, op, dim, indices, keepdim):
    """(values, indices) of a selection along ``dim``: values read by ``op`` (which records
    the backward node), indices without ``dim`` unless keepdim."""
    values = op.apply(t, dim, indices, keepdim)
    if not keepdim and t.ndim:
        indices = indices.squeeze(dim)
    return values, t._make(indices)


def _empty(t, dim):
    """The indices of a selection of size 1 along ``dim`` over a tensor with no elements."""
    return np.zeros(t.shape[:dim] + (1,) + t.shape[dim + 1:], np.int64)


def _check_not_bool(t, kernel):
    if t._data.dtype == np.bool_:
        raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")


def _check_reduction_size(t, name, dim):
    if t.ndim and t.shape[dim] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {dim} to have non-zero size.")
