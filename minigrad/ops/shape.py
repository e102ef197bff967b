"""Shape ops: view/reshape, permute/transpose, squeeze/unsqueeze, expand, cat/stack, casts.

None of them changes a value, so each backward just undoes the move: reshape back, permute
back, sum over the expanded dimensions, split the concatenation.
"""
import numpy as np

from ..autograd.function import Function


class View(Function):
    """z = a with another shape (``view``, ``reshape``, ``flatten``)"""

    node_name = "ViewBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a.shape
        try:
            return a._data.reshape(shape)
        except ValueError:
            raise RuntimeError(
                f"shape '{list(shape)}' is invalid for input of size {a._data.size}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class UnsafeView(View):
    """z = a (a fresh copy) with another shape: ``reshape`` of a tensor that ``view`` can't do"""

    node_name = "UnsafeViewBackward0"


def can_view(array, shape):
    """True if numpy can give ``array`` this shape without copying (what ``view`` requires)."""
    alias = array.view()
    try:
        alias.shape = shape
    except (AttributeError, ValueError):
        return False
    return True


class Permute(Function):
    """z = a with its dimensions reordered (``permute``, ``.T``)"""

    node_name = "PermuteBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        return a._data.transpose(dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(*np.argsort(ctx.dims).tolist()), None


class Transpose(Function):
    """z = a with two dimensions swapped"""

    node_name = "TransposeBackward0"

    @staticmethod
    def forward(ctx, a, dim0, dim1):
        ctx.dims = dim0, dim1
        return np.swapaxes(a._data, dim0, dim1)

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(*ctx.dims), None, None


class T(Function):
    """z = transpose of a matrix (``t()``)"""

    node_name = "TBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data.T

    @staticmethod
    def backward(ctx, grad):
        return grad.t()


class Squeeze(Function):
    """z = a without its size-1 dimensions"""

    node_name = "SqueezeBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.shape = a.shape
        return a._data.squeeze()

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape)


class SqueezeDim(Function):
    """z = a without dimension ``dim`` if its size is 1"""

    node_name = "SqueezeBackward1"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.shape = a.shape
        if a._data.ndim == 0 or a._data.shape[dim] != 1:  # nothing to squeeze
            return a._data
        return a._data.squeeze(dim)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class SqueezeDims(SqueezeDim):
    """z = a without the size-1 dimension ``dim`` (what ``vector @ matrix`` records last)"""

    node_name = "SqueezeBackward4"


class Unsqueeze(Function):
    """z = a with a new size-1 dimension at ``dim``"""

    node_name = "UnsqueezeBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        return np.expand_dims(a._data, dim)

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx.dim), None


class Expand(Function):
    """z = a broadcast to ``shape`` (no copy);  grad_a = grad summed over the new dims"""

    node_name = "ExpandBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a.shape
        return np.broadcast_to(a._data, shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.sum_to_size(ctx.shape), None


class SumToSize(Function):
    """z = a summed down to ``shape`` (undoes broadcasting);  grad_a = grad expanded back"""

    node_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a.shape
        return sum_to_shape(a._data, shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape), None


def sum_to_shape(array, shape):
    """Sum a numpy array over the dimensions that broadcasting added or stretched."""
    lead = array.ndim - len(shape)
    stretched = tuple([lead + i for i, n in enumerate(shape) if n == 1 and array.shape[lead + i] != 1])
    if lead or stretched:
        array = array.sum(axis=tuple(range(lead)) + stretched, keepdims=True)
        array = array.reshape(shape)
    return array


class Cat(Function):
    """z = the inputs joined along ``dim``;  each input gets back its slice of the gradient"""

    node_name = "CatBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        ctx.dim = dim
        ctx.sizes = [t._data.shape[dim] for t in tensors]
        return np.concatenate([t._data for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        ends = np.cumsum(ctx.sizes).tolist()
        starts = [0] + ends[:-1]
        return (None,) + tuple([grad.narrow(ctx.dim, s, e - s) for s, e in zip(starts, ends)])


class Stack(Function):
    """z = the inputs stacked along a new dimension ``dim``"""

    node_name = "StackBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        ctx.dim = dim
        return np.stack([t._data for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        return (None,) + tuple([grad.select(ctx.dim, i) for i in range(grad.shape[ctx.dim])])


class ToCopy(Function):
    """z = a converted to another dtype;  the gradient is converted back"""

    node_name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx, a, np_dtype):
        ctx.dtype = a.dtype
        return a._data.astype(np_dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.to(ctx.dtype), None


class Clone(Function):
    """z = a copy of a"""

    node_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


class MaskedFill(Function):
    """z = a with ``value`` where ``mask``;  no gradient flows through the filled places"""

    node_name = "MaskedFillBackward0"

    @staticmethod
    def forward(ctx, a, mask, value):  # mask: a bool numpy array
        ctx.mask = mask
        return np.where(mask, np.asarray(value, dtype=a._data.dtype), a._data)

    @staticmethod
    def backward(ctx, grad):
        return grad.masked_fill(ctx.mask, 0), None, None
