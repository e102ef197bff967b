"""Indexing: ``x[...]`` reads (select, slice, advanced index) and ``x[...] = v`` writes.

Reading picks elements; its backward puts the gradient back where they came from, in a
tensor of zeros (and adds, where an index repeats).
"""
import numpy as np

from ..autograd.function import Function


class _Read(Function):
    """z = a[key], ``key`` a numpy-style index."""

    @staticmethod
    def forward(ctx, a, key):
        ctx.shape, ctx.key = a.shape, key
        return a._data[key]

    @staticmethod
    def backward(ctx, grad):
        return IndexBackward.apply(grad, ctx.shape, ctx.key), None


class Select(_Read):
    """z = a[..., i, ...]: one position of one dimension"""

    node_name = "SelectBackward0"


class Slice(_Read):
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
        target = z[key].shape
        if value._data.shape != target:
            from ..tensor_shape import check_expandable

            check_expandable(value._data.shape, target)
        z[key] = value._data
        return z

    @staticmethod
    def backward(ctx, grad):
        zero = grad.new_zeros(())
        return IndexPut.apply(grad, zero, ctx.key), Index.apply(grad, ctx.key), None
