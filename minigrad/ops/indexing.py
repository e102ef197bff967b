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
    position in the key; then it checks the index arrays, naming each by its position among
    the arrays. numpy says "axis" and counts differently, so its message is rebuilt here
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
                integers.append((position, np.asarray(k), shape[axis]))
            axis += 1
    for dim, index, size in integers + arrays:
        bad = index[(index >= size) | (index < -size)]
        if bad.size:
            return IndexError(
                f"index {bad.flat[0]} is out of bounds for dimension {dim} with size {size}"
            )
    return error


class _Read(Function):
    """z = a[key], ``key`` a numpy-style index."""

    @staticmethod
    def forward(ctx, a, key):
        ctx.shape, ctx.key = a.shape, key
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
    """z = a copy of ``a`` with ``value`` written at ``key`` (what ``a[key] = value`` records)"""

    node_name = "CopySlices"
    cpp_name = "torch::autograd::CopySlices"  # what PyTorch's name() says for this C++ node

    @staticmethod
    def forward(ctx, a, value, key):
        ctx.key = key
        z = a._data.copy()
        try:
            target = z[key].shape
        except IndexError as error:
            raise torch_index_error(z.shape, key, error) from None
        if value._data.shape != target:
            from ..tensor_shape import check_expandable

            check_expandable(value._data.shape, target)
        z[key] = value._data
        return z

    @staticmethod
    def backward(ctx, grad):
        zero = grad.new_zeros(())
        return IndexPut.apply(grad, zero, ctx.key), Index.apply(grad, ctx.key), None


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
