"""Indexing: ``x[...]`` reads (select, slice, advanced index) and ``x[...] = v`` writes.

Reading picks elements; its backward puts the gradient back where they came from, in a
tensor of zeros (and adds, where an index repeats).
"""
import numpy as np

from ..autograd.function import Function
from .shape import ViewFunction, replay_view


def torch_index_error(shape, key, error):
    """PyTorch's IndexError for a numpy ``key`` that failed on an array of ``shape``.

    PyTorch applies integers (and slices, None) first, naming an integer's dimension by its
    position in the key; then it checks the masks' shapes, then the index arrays, naming each
    by its position among the arrays. numpy says "axis" and counts differently, so its message is rebuilt here
    (only after numpy has failed: indexing that works pays nothing).
    """
    key = key if isinstance(key, tuple) else (key,)
    consumed = sum([k.ndim if isinstance(k, np.ndarray) and k.dtype == bool else 1
                    for k in key if k is not None and k is not Ellipsis])
    if consumed > len(shape):
        return IndexError(f"too many indices for tensor of dimension {len(shape)}")
    integers, arrays = [], []  # (dimension named in the message, index values, size)
    axis = 0
    for position, k in enumerate(key):
        if k is Ellipsis:
            axis += len(shape) - consumed
        elif isinstance(k, np.ndarray) and k.dtype == bool:
            axis += k.ndim
        elif isinstance(k, np.ndarray):
            arrays.append((len(arrays), k, shape[axis]))
            axis += 1
        elif k is not None:
            if not isinstance(k, slice):
                integers.append((position, int(k), shape[axis]))
            axis += 1
    for dim, index, size in integers:
        if not -size <= index < size:
            return IndexError(f"index {index} is out of bounds for dimension {dim} with size {size}")
    mismatch = mask_shape_error(shape, key, consumed)
    if mismatch:
        return mismatch
    for dim, index, size in arrays:
        bad = index[(index >= size) | (index < -size)]
        if bad.size:
            return IndexError(
                f"index {bad.flat[0]} is out of bounds for dimension {dim} with size {size}"
            )
    return error


def mask_shape_error(shape, key, consumed):
    """PyTorch's IndexError for a boolean mask whose shape differs from the dimensions it
    covers, or None. PyTorch reports the shape of x after the integers, slices and None of the
    key were applied (the tensor the masks then index)."""
    sliced, masks = [], []  # that shape; (mask, the dimension of it where the mask starts)
    dim = 0  # the dimension of x that k indexes
    for k in key:
        if k is Ellipsis:
            sliced += shape[dim:dim + len(shape) - consumed]
            dim += len(shape) - consumed
        elif k is None:
            sliced.append(1)
        elif isinstance(k, np.ndarray) and k.dtype == bool:
            masks.append((k, len(sliced)))
            sliced += shape[dim:dim + k.ndim]
            dim += k.ndim
        elif isinstance(k, slice):
            sliced.append(len(range(*k.indices(shape[dim]))))
            dim += 1
        else:
            if isinstance(k, np.ndarray):
                sliced.append(shape[dim])
            dim += 1
    sliced += shape[dim:]
    for mask, start in masks:
        for j, n in enumerate(mask.shape):
            if sliced[start + j] != n:
                return IndexError(
                    f"The shape of the mask {list(mask.shape)} at index {j} does not match the "
                    f"shape of the indexed tensor {sliced} at index {start + j}"
                )
    return None


class _Read(Function):
    """z = a[key], ``key`` a numpy-style index."""

    @staticmethod
    def forward(ctx, a, key):
        ctx.shape, ctx.key = a._data.shape, key
        try:
            return a._data[key]
        except IndexError as error:
            raise torch_index_error(a._data.shape, key, error) from None

    @staticmethod
    def backward(ctx, grad):
        return IndexBackward.apply(grad, ctx.shape, ctx.key), None


class Select(ViewFunction, _Read):
    """z = a[..., i, ...]: one position of one dimension"""

    node_name = "SelectBackward0"


class Slice(ViewFunction, _Read):
    """z = a[..., start:stop:step, ...]"""

    node_name = "SliceBackward0"


class Index(_Read):
    """z = a[indices]: advanced indexing with integer or boolean arrays"""

    node_name = "IndexBackward0"


class IndexBackward(Function):
    """z = zeros(shape) with ``grad`` added at ``key`` (the backward of reading a[key])"""

    node_name = "IndexBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, shape, key):
        ctx.key = key
        z = np.zeros(shape, dtype=grad._data.dtype)
        np.add.at(z, key, grad._data)  # adds twice where an index repeats
        return z

    @staticmethod
    def backward(ctx, grad):
        return Index.apply(grad, ctx.key), None, None


class IndexPut(Function):
    """z = a copy of ``a`` with ``value`` written at ``key`` (what ``a[key] = value`` records);
    grad_a = grad with zeros at ``key``,  grad_value = grad at ``key`` (summed to value's shape)

    PyTorch's ``x[key] = value`` first takes the view ``x[basic part of key]`` (integers,
    slices, None), then writes into it, and the node it records tells which way it went:

    - ``x[[0, 2]] = v``, ``x[:, mask] = v``: an advanced write on x itself, IndexPutBackward0
    - ``x[0] = v``, ``x[1:, [0, 2]] = v``: a write into a view of x, CopySlices
    - ``x[:] = 5.``, ``x[...] = v``: the key picks all of x, so x itself is filled
      (FillBackward3) or copied into (CopyBackwards)

    ``apply`` picks the subclass with the right node; the computation is the same for all.
    """

    node_name = "IndexPutBackward0"

    @classmethod
    def apply(cls, a, value, key):
        if cls is IndexPut:
            cls, value = _setitem_op(a, value, key)
        return super(IndexPut, cls).apply(a, value, key)

    @staticmethod
    def forward(ctx, a, value, key):
        ctx.key = key
        z = a._data.copy()
        try:
            target = z[key].shape
        except IndexError as error:
            raise torch_index_error(z.shape, key, error) from None
        if value._data.shape != target and not _broadcasts_to(value._data.shape, target):
            raise RuntimeError(
                f"shape mismatch: value tensor of shape {list(value._data.shape)} cannot be "
                f"broadcast to indexing result of shape {list(target)}"
            )
        z[key] = value._data
        return z

    @staticmethod
    def backward(ctx, grad):
        zero = grad.new_zeros(())
        return IndexPut.apply(grad, zero, ctx.key), Index.apply(grad, ctx.key), None


class CopySlicesPut(IndexPut):
    """``x[key] = value`` with a key that takes a view of x (``x[0]``, ``x[1:3]``, ``x[None]``)"""

    node_name = "CopySlices"
    cpp_name = "torch::autograd::CopySlices"  # what PyTorch's name() says for this C++ node


class FillPut(IndexPut):
    """``x[:] = 5.``: a key that picks all of x and a single value (x.fill_(value))"""

    node_name = "FillBackward3"


class CopyPut(IndexPut):
    """``x[:] = v``: a key that picks all of x and a tensor value (x.copy_(v))"""

    node_name = "CopyBackwards"
    cpp_name = "torch::autograd::CopyBackwards"


def _setitem_op(a, value, key):
    """The IndexPut subclass whose node PyTorch records for ``a[key] = value``, and the value
    to write: a tensor copied into a region of another shape is expanded first, as PyTorch
    does (its grad_fn then leads to ExpandBackward0)."""
    key = key if isinstance(key, tuple) else (key,)
    advanced = any([isinstance(k, np.ndarray) for k in key])
    if _takes_view(a._data.shape, key):
        op = CopySlicesPut
    elif advanced:
        op = IndexPut
    elif value._data.ndim == 0 and a._data.ndim != 0:
        op = FillPut
    else:
        op = CopyPut
    if value._data.ndim and not advanced:
        try:
            target = a._data[key].shape  # basic indexing gives a view: nothing is copied
        except IndexError as error:
            raise torch_index_error(a._data.shape, key, error) from None
        if value._data.shape != target:
            ones = 0  # PyTorch drops the value's leading size-1 dimensions first
            while ones < value._data.ndim - len(target) and value._data.shape[ones] == 1:
                ones += 1
            if ones:
                value = value.reshape(value._data.shape[ones:])
            value = value.expand(target)
    return op, value


def _broadcasts_to(shape, target):
    try:
        return np.broadcast_shapes(shape, target) == tuple(target)
    except ValueError:
        return False


def _takes_view(shape, key):
    """True if PyTorch's ``x[key] = value`` writes into a view of x: the key holds an integer,
    None, True/False, or a slice that leaves out part of its dimension."""
    consumed = sum([k.ndim if isinstance(k, np.ndarray) and k.dtype == bool else 1
                    for k in key if k is not None and k is not Ellipsis
                    and not isinstance(k, (bool, np.bool_))])
    dim = 0  # the dimension of x that k indexes
    for k in key:
        if k is Ellipsis:
            dim += len(shape) - consumed
        elif isinstance(k, np.ndarray):
            dim += k.ndim if k.dtype == bool else 1
        elif isinstance(k, slice):
            if dim < len(shape) and k.indices(shape[dim]) != (0, shape[dim], 1):
                return True
            dim += 1
        else:  # an integer, None, True or False
            return True
    return False


# -- in-place ops on views -----------------------------------------------------------------------
# A view and its base share memory, so an in-place op on a view changes the base too. The base
# then records a CopySlices node, and the views read from it through AsStrided; both find the
# view's elements in the base by their *positions*: take the same view of arange(numel).

def view_positions(shape, view_ops):
    """numpy's index (one array per dimension of the base) of each element of the view."""
    flat = replay_view(view_ops, np.arange(int(np.prod(shape))).reshape(shape))
    return np.unravel_index(flat, shape)


class CopySlices(Function):
    """base after an in-place op wrote ``value`` into one of its views;
    grad_base = grad with the view's region zeroed, grad_value = the view's region of grad"""

    node_name = "CopySlices"
    cpp_name = "torch::autograd::CopySlices"

    @staticmethod
    def forward(ctx, base, value, view_ops):
        ctx.key = view_positions(base.shape, view_ops)
        ctx.region = np.zeros(base.shape, dtype=bool)
        ctx.region[ctx.key] = True
        return base._data  # the op has already written through the view

    @staticmethod
    def backward(ctx, grad):
        return grad.masked_fill(ctx.region, 0), Index.apply(grad, ctx.key), None


class AsStrided(Function):
    """z = the view of ``base`` that ``view_ops`` take, read from the base's current graph
    (a view's grad_fn after an in-place op on it or its base);  grad_base = grad put back in
    place, in zeros"""

    node_name = "AsStridedBackward0"

    @staticmethod
    def forward(ctx, base, view_ops):
        ctx.shape, ctx.key = base.shape, view_positions(base.shape, view_ops)
        return replay_view(view_ops, base._data)

    @staticmethod
    def backward(ctx, grad):
        return IndexBackward.apply(grad, ctx.shape, ctx.key), None
