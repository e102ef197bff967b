"""Shape ops: view/reshape, permute/transpose, squeeze/unsqueeze, expand, cat/stack, casts.

None of them changes a value, so each backward just undoes the move: reshape back, permute
back, sum over the expanded dimensions, split the concatenation.

Most of them are *views*, as in PyTorch: the result shares memory with the input, so writing
into one changes the other. A view remembers its base (the tensor that owns the memory) and
the ops that took it, so that an in-place op on either can be recorded correctly (see
``Tensor._record_inplace``).
"""
import weakref

import numpy as np

from ..autograd import function as _function
from ..autograd.function import Function
from ..autograd.grad_mode import _GradMode


class ViewFunction(Function):
    """An op whose result is a view of its first input (shares its memory).

    Besides what ``Function.apply`` does, ``apply`` links the result to its base: same version
    counter (writing through either is a change of both), ``_base``, and ``_view_ops``, the
    ``(op, args)`` steps that take this view from the base again. Views taken under no_grad
    get ``_view_ops = None``: PyTorch forbids recording an in-place op on them.
    """

    @classmethod
    def apply(cls, a, *args):
        out = super().apply(a, *args)
        base = a if a._base is None else a._base
        out._base = base
        out._version_counter = a._version_counter
        if _GradMode.enabled and a._view_ops is not None:
            out._view_ops = a._view_ops + ((cls, args),)
        else:
            out._view_ops = None
        if base._views is None:
            base._views = weakref.WeakSet()
        base._views.add(out)  # so that an in-place op on the base can update its views' grad_fn
        return out


def replay_view(view_ops, array):
    """Take the view that ``view_ops`` describe of a numpy array shaped like the base."""
    for op, args in view_ops:
        array = op.forward(op._backward_cls(), _function.Tensor._make(array), *args)
    return array


class Alias(ViewFunction):
    """z = a, as a new view of the same memory (``x[...]``, ``x[:, :]``)"""

    node_name = "AliasBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data.view()

    @staticmethod
    def backward(ctx, grad):
        return grad


class Fill(Function):
    """z = a overwritten with new values that don't depend on it (``fill_``, ``zero_``, ``copy_``
    of a constant);  grad_a = 0"""

    node_name = "FillBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data  # the caller writes the new values

    @staticmethod
    def backward(ctx, grad):
        return grad.new_zeros(grad.shape)


class FillNumber(Fill):
    """``x.fill_(number)``"""

    node_name = "FillBackward2"


class Zero(Fill):
    """``x.zero_()``"""

    node_name = "ZeroBackward0"


class Normal(Fill):
    """``x.normal_()``: values drawn at random"""

    node_name = "NormalBackward0"


class Uniform(Fill):
    """``x.uniform_()``: values drawn at random"""

    node_name = "UniformBackward0"


class View(ViewFunction):
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


class UnsafeView(Function):
    """z = a (a fresh copy) with another shape: ``reshape`` of a tensor that ``view`` can't do"""

    node_name = "UnsafeViewBackward0"
    forward = staticmethod(View.forward)
    backward = staticmethod(View.backward)


def can_view(array, shape):
    """True if numpy can give ``array`` this shape without copying (what ``view`` requires)."""
    alias = array.view()
    try:
        alias.shape = shape
    except (AttributeError, ValueError):
        return False
    return True


class Permute(ViewFunction):
    """z = a with its dimensions reordered (``permute``, ``.T``)"""

    node_name = "PermuteBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        return a._data.transpose(dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(*np.argsort(ctx.dims).tolist()), None


class Transpose(ViewFunction):
    """z = a with two dimensions swapped"""

    node_name = "TransposeBackward0"

    @staticmethod
    def forward(ctx, a, dim0, dim1):
        ctx.dims = dim0, dim1
        return np.swapaxes(a._data, dim0, dim1)

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(*ctx.dims), None, None


class T(ViewFunction):
    """z = transpose of a matrix (``t()``)"""

    node_name = "TBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data.T

    @staticmethod
    def backward(ctx, grad):
        return grad.t()


class Squeeze(ViewFunction):
    """z = a without its size-1 dimensions"""

    node_name = "SqueezeBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.shape = a.shape
        return a._data.squeeze()

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape)


class SqueezeDim(ViewFunction):
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


class SqueezeTuple(ViewFunction):
    """z = a without those of the dimensions ``dims`` (a tuple) that have size 1"""

    node_name = "SqueezeBackward2"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.shape = a.shape
        x = a._data
        return x.squeeze(tuple([d for d in dims if x.ndim and x.shape[d] == 1]))

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class SqueezeDims(SqueezeDim):
    """z = a without the size-1 dimension ``dim`` (what ``vector @ matrix`` records last)"""

    node_name = "SqueezeBackward4"


class Diagonal(ViewFunction):
    """z = the diagonal of a over dims dim1, dim2 (a[i, i + offset]), as a new last dim"""

    node_name = "DiagonalBackward0"

    @staticmethod
    def forward(ctx, a, offset, dim1, dim2):
        ctx.shape, ctx.args = a.shape, (offset, dim1, dim2)
        z = a._data.diagonal(offset, dim1, dim2)
        if a._data.flags.writeable:  # numpy's diagonal is read-only; PyTorch's can be written to
            z.flags.writeable = True
        return z

    @staticmethod
    def backward(ctx, grad):
        return DiagonalBackward.apply(grad, ctx.shape, *ctx.args), None, None, None


class DiagonalBackward(Function):
    """diagonal's backward as an op (PyTorch's diagonal_backward): zeros of the input's shape
    with ``grad`` on the diagonal;  its own gradient is the diagonal of gg"""

    node_name = "DiagonalBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, shape, offset, dim1, dim2):
        ctx.args = (offset, dim1, dim2)
        out = np.zeros(shape, grad._data.dtype)
        view = out.diagonal(offset, dim1, dim2)
        view.flags.writeable = True
        view[...] = grad._data
        return out

    @staticmethod
    def backward(ctx, gg):
        return gg.diagonal(*ctx.args), None, None, None, None


class Unsqueeze(ViewFunction):
    """z = a with a new size-1 dimension at ``dim``"""

    node_name = "UnsqueezeBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        return np.expand_dims(a._data, dim)

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx.dim), None


class Expand(ViewFunction):
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
    if shape and 1 not in shape:  # the common case (a bias): only leading dimensions were added
        return np.add.reduce(array, axis=tuple(range(lead))) if lead else array
    stretched = tuple([lead + i for i, n in enumerate(shape) if n == 1 and array.shape[lead + i] != 1])
    if lead or stretched:
        array = array.sum(axis=tuple(range(lead)) + stretched, keepdims=True)
        array = array.reshape(shape)
    return array


class Cat(Function):
    """z = the inputs joined along ``dim``, in the dtype ``np_dtype``;  each input gets back its
    slice of the gradient. 1-D empty inputs (``torch.zeros(0)``) are skipped, as PyTorch does,
    and get an empty gradient."""

    node_name = "CatBackward0"

    @staticmethod
    def forward(ctx, dim, np_dtype, *tensors):
        ctx.dim = dim
        ctx.sizes = [None if skipped_by_cat(t) else t._data.shape[dim] for t in tensors]
        ctx.dtypes = [t.dtype for t in tensors]
        arrays = [t._data for t in tensors if not skipped_by_cat(t)]
        if not arrays:
            return np.zeros(0, dtype=np_dtype)
        return np.concatenate(arrays, axis=dim, dtype=np_dtype)

    @staticmethod
    def backward(ctx, grad):
        grads, start = [None, None], 0
        for size, dtype in zip(ctx.sizes, ctx.dtypes):
            if size is None:
                grads.append(grad.new_zeros(0).to(dtype))
            else:
                grads.append(grad.narrow(ctx.dim, start, size).to(dtype))
                start += size
        return tuple(grads)


def skipped_by_cat(t):
    """True for the tensors torch.cat leaves out: 1-D and empty."""
    return t._data.shape == (0,)


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
