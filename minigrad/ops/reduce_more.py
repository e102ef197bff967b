"""More reductions: prod, logsumexp, and the running sum cumsum.

prod's gradient for one element is the product of all the *other* elements. That is z / a_i
when no element is 0 (PyTorch's formula); with zeros it has to be built without dividing.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.grad_mode import _GradMode
from .elementwise import _float_array
from .reduce import _axes, _restore_dims, _sum_dtype


def _product_of_others(a, dim):
    """out_i = the product of a_j for all j != i along ``dim``: row i of a matrix holding ``a``
    with a_i replaced by 1. No division, so it is right when ``a`` has zeros."""
    a = a.transpose(dim, -1)
    n = a.shape[-1]
    rows = a.unsqueeze(-2).expand(*a.shape[:-1], n, n)
    others = rows.masked_fill(np.eye(n, dtype=bool), 1).prod(-1)
    return others.transpose(dim, -1)


class Prod(Function):
    """z = product of all elements;  grad_a_i = grad * (product of the other elements)"""

    node_name = "ProdBackward0"

    @staticmethod
    def forward(ctx, a):
        z = np.prod(a._data, dtype=_sum_dtype(a._data))
        ctx.save_for_backward(a, z)
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        zeros = (a._data == 0).sum()
        if zeros == 0:
            return grad * (z / a)
        if zeros > 1 and not _GradMode.enabled:  # every product of others has a 0 in it
            return grad.new_zeros(a.shape)
        return (grad * _product_of_others(a.reshape(-1), 0)).reshape(a.shape)


class ProdDim(Function):
    """z = product along ``dim``;  grad_a_i = grad * (product of the other elements of its row)"""

    node_name = "ProdBackward1"

    @staticmethod
    def forward(ctx, a, dim, keepdim):
        z = np.prod(a._data, axis=_axes(a, dim), keepdims=keepdim, dtype=_sum_dtype(a._data))
        ctx.save_for_backward(a, z)
        ctx.dim, ctx.keepdim = dim, keepdim
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        if a.ndim == 0:  # the product of one number is that number
            return grad, None, None
        grad = _restore_dims(grad, (ctx.dim,), ctx.keepdim)
        if not (a._data == 0).any():
            return grad * (_restore_dims(z, (ctx.dim,), ctx.keepdim) / a), None, None
        return grad * _product_of_others(a, ctx.dim), None, None


class Cumsum(Function):
    """z_i = a_0 + ... + a_i along ``dim``;  grad_a_i = grad_i + ... + grad_last, a cumsum
    running the other way: flip, cumsum, flip back"""

    node_name = "CumsumBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        if a._data.ndim == 0:  # dim 0 of a 0-d tensor: nothing to add up
            return a._data.astype(_sum_dtype(a._data) or a._data.dtype)
        return np.cumsum(a._data, axis=dim, dtype=_sum_dtype(a._data))

    @staticmethod
    def backward(ctx, grad):
        if grad.ndim == 0:
            return grad, None
        return grad.flip(ctx.dim).cumsum(ctx.dim).flip(ctx.dim), None


class Logsumexp(Function):
    """z = log(sum(e^a)) over ``dims``, computed as m + log(sum(e^(a - m))) with m the max, so
    that e^a never overflows;  grad_a = grad * e^(a - z)  (the softmax of a)"""

    node_name = "LogsumexpBackward0"

    @staticmethod
    def forward(ctx, a, dims, keepdim):
        x, dims = _float_array(a), _axes(a, dims)
        m = x.max(axis=dims, keepdims=True, initial=-np.inf)  # an empty sum's log: -inf
        m = np.where(np.isinf(m), 0, m)  # a row of -inf (or with an inf): shifting would give nan
        with np.errstate(divide="ignore"):  # a row of -inf has the logsumexp -inf
            z = np.log(np.exp(x - m).sum(axis=dims, keepdims=True)) + m
        z = z if keepdim else z.squeeze(dims)
        ctx.save_for_backward(a, z)
        ctx.dims, ctx.keepdim = dims, keepdim
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        if a.ndim == 0:
            return grad * (a - z).exp(), None, None
        grad = _restore_dims(grad, ctx.dims, ctx.keepdim)
        z = _restore_dims(z, ctx.dims, ctx.keepdim)
        return grad * (a - z).exp(), None, None
