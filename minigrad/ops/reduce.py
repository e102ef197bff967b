"""Reductions: sum, mean, max/min, amax/amin, softmax and log_softmax.

A reduction's backward spreads the gradient back over the reduced dimensions: ``expand`` for
sum, ``expand / n`` for mean, and a mask of the winning elements for max and min.
"""
import warnings

import numpy as np

from ..autograd.function import Function
from .elementwise import _constant, _float_array, where_else_zero


def _restore_dims(grad, dims, keepdim):
    """Put back the reduced dimensions (size 1) so the gradient broadcasts over the input."""
    if keepdim:
        return grad
    for d in sorted(dims):
        grad = grad.unsqueeze(d)
    return grad


def _axes(a, dims):
    """numpy's axes for reducing ``a`` over ``dims``. A 0-d tensor accepts dim 0 and -1 (as if
    it had one dimension of size 1), but numpy has no axis 0 to reduce: reduce over none."""
    return () if a._data.ndim == 0 and dims is not None else dims


def _warn_if_no_degrees_of_freedom(name, a, z, correction):
    """PyTorch's warning when ``correction`` leaves no degrees of freedom (the result is nan
    or inf); numpy's own RuntimeWarning is silenced."""
    if a._data.size <= correction * max(np.size(z), 1):
        warnings.warn(
            f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
            "reduction factor (input numel divided by output numel). (Triggered internally at "
            "/__w/pytorch/pytorch/aten/src/ATen/native/ReduceOps.cpp:1861.)",
            UserWarning,
            stacklevel=5,
        )


def _reciprocal(count, scale=1):
    """scale / count, inf when no degrees of freedom are left (count 0), as PyTorch computes."""
    with np.errstate(divide="ignore"):
        return float(np.float64(scale) / count)


def _sum_dtype(array):
    """Sums of integers and bools are int64, as in PyTorch."""
    return np.int64 if array.dtype.kind in "biu" else None


class Sum(Function):
    """z = sum of all elements"""

    node_name = "SumBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.shape = a.shape
        return a._data.sum(dtype=_sum_dtype(a._data))

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape)


class SumDim(Function):
    """z = sum over the dimensions ``dims``"""

    node_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, dims, keepdim):
        dims = _axes(a, dims)
        ctx.shape, ctx.dims, ctx.keepdim = a.shape, dims, keepdim
        return a._data.sum(axis=dims, keepdims=keepdim, dtype=_sum_dtype(a._data))

    @staticmethod
    def backward(ctx, grad):
        return _restore_dims(grad, ctx.dims, ctx.keepdim).expand(ctx.shape), None, None


def _mean_of_all(x):
    """``x.mean()``, the same bits, without numpy's Python-level wrapper (which costs more than
    the sum itself on small arrays): numpy sums in the array's dtype (float16 in float32), then
    divides in float64 and rounds back."""
    if x.size == 0 and x.dtype.kind == "f":
        return np.full((), np.nan, dtype=x.dtype)  # as PyTorch: nan, without a warning
    if x.dtype.kind != "f":
        return x.mean()
    total = np.add.reduce(x, axis=None, dtype=np.float32 if x.dtype == np.float16 else None)
    return x.dtype.type(float(total) / x.size)


class Mean(Function):
    """z = mean of all elements;  dz/da = 1/n everywhere"""

    node_name = "MeanBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.shape, ctx.numel = a._data.shape, a._data.size
        return _mean_of_all(a._data)

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape) / ctx.numel


class MeanDim(Function):
    """z = mean over the dimensions ``dims``"""

    node_name = "MeanBackward1"

    @staticmethod
    def forward(ctx, a, dims, keepdim):
        dims = _axes(a, dims)
        ctx.shape, ctx.dims, ctx.keepdim = a.shape, dims, keepdim
        ctx.count = int(np.prod([a._data.shape[d] for d in dims]))
        if ctx.count == 0:
            with np.errstate(invalid="ignore"):  # 0 / 0: nan, silently, as in PyTorch
                return a._data.mean(axis=dims, keepdims=keepdim)
        return a._data.mean(axis=dims, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad):
        grad = _restore_dims(grad, ctx.dims, ctx.keepdim).expand(ctx.shape)
        return grad / ctx.count, None, None


class _Extreme(Function):
    """Shared by max/min/amax/amin: the gradient goes to the elements that won, split evenly
    between ties (PyTorch's rule for max() without dim, amax and amin)."""

    reduce = None  # np.max or np.min

    @classmethod
    def forward(cls, ctx, a, dims=None, keepdim=False):
        dims = _axes(a, dims)
        z = cls.reduce(a._data, axis=dims, keepdims=keepdim)
        ctx.winners = a._data == cls.reduce(a._data, axis=dims, keepdims=True)
        ctx.count = ctx.winners.sum(axis=dims, keepdims=True)
        ctx.dims, ctx.keepdim = dims, keepdim
        return z

    @staticmethod
    def backward(ctx, grad):
        """amax/amin (PyTorch's scale_grad_by_count): grad / count * winners."""
        if ctx.dims is not None:  # over all dims, grad already broadcasts against winners
            grad = _restore_dims(grad, ctx.dims, ctx.keepdim)
        return grad / _constant(ctx.count, grad) * _constant(ctx.winners, grad), None, None


class Max(_Extreme):
    """z = the largest element; applied to the input alone (no dims argument)"""

    node_name = "MaxBackward1"
    reduce = staticmethod(np.max)

    @staticmethod
    def backward(ctx, grad):
        # PyTorch's evenly_distribute_backward: grad / count at the winners, 0.0 elsewhere.
        return where_else_zero(ctx.winners, grad / _constant(ctx.count, grad))


class Min(_Extreme):
    """z = the smallest element; applied to the input alone (no dims argument)"""

    node_name = "MinBackward1"
    reduce = staticmethod(np.min)

    @staticmethod
    def backward(ctx, grad):
        return Max.backward(ctx, grad)


class Amax(_Extreme):
    node_name = "AmaxBackward0"
    reduce = staticmethod(np.max)


class Amin(_Extreme):
    node_name = "AminBackward0"
    reduce = staticmethod(np.min)


class _ExtremeDim(Function):
    """max(dim)/min(dim): the gradient goes to the one element whose index is returned."""

    pick = None  # np.argmax or np.argmin

    @classmethod
    def forward(cls, ctx, a, dim, keepdim):
        if a._data.ndim == 0:  # dim 0 of a 0-d tensor: its one element wins
            ctx.mask, ctx.dim, ctx.keepdim = np.array(True), dim, True
            return a._data.copy()
        index = np.expand_dims(cls.pick(a._data, axis=dim), dim)
        ctx.mask = np.arange(a._data.shape[dim]).reshape(
            [-1 if d == dim else 1 for d in range(a._data.ndim)]) == index
        ctx.dim, ctx.keepdim = dim, keepdim
        z = np.take_along_axis(a._data, index, axis=dim)
        return z if keepdim else z.squeeze(dim)

    @staticmethod
    def backward(ctx, grad):
        grad = _restore_dims(grad, (ctx.dim,), ctx.keepdim)
        return where_else_zero(ctx.mask, grad), None, None


class MaxDim(_ExtremeDim):
    node_name = "MaxBackward0"
    pick = staticmethod(np.argmax)


class MinDim(_ExtremeDim):
    node_name = "MinBackward0"
    pick = staticmethod(np.argmin)


def _max_keepdims(x, dim):
    """``x.max(axis=dim, keepdims=True)``: the same numbers, faster for a classifier's scores.
    numpy reduces a short last axis one row at a time, which is slow for (batch, classes)
    arrays; a contiguous copy with the classes first is reduced for all rows at once."""
    if x.ndim and x.shape[dim] == 0:  # nothing to compare: an empty softmax is empty
        return np.zeros(x.shape[:dim] + (1,) + x.shape[dim + 1:], x.dtype)
    if x.ndim == 2 and dim == 1 and x.shape[1] <= 64:
        return np.maximum.reduce(np.ascontiguousarray(x.T), axis=0)[:, None]
    return np.maximum.reduce(x, axis=dim, keepdims=True)


class Softmax(Function):
    """z = e^a / sum(e^a) along ``dim``;  grad_a = z * (grad - sum(grad * z))"""

    node_name = "SoftmaxBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        x = _float_array(a)
        e = np.exp(x - _max_keepdims(x, dim))  # shifted: never overflows
        z = e / e.sum(axis=dim, keepdims=True)
        ctx.save_for_backward(z)
        ctx.dim = dim
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return SoftmaxBackward.apply(grad, z, ctx.dim), None


def softmax_gradient(grad, z, dim):
    """z * (grad - sum(grad * z)) on arrays (also used by ops/fast_backward.py)."""
    return z * (grad - (grad * z).sum(axis=dim, keepdims=True))


class SoftmaxBackward(Function):
    """softmax's backward as an op (PyTorch's _softmax_backward_data), so that it can be
    differentiated again:  out = z * (grad - sum(grad * z));
    d out/d grad = that same op on the incoming gg;
    d out/d z = grad gg - sum(z grad) gg - grad sum(z gg)   (PyTorch's softmax_double_backward)"""

    node_name = "SoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(ctx, grad, z, dim):
        ctx.save_for_backward(grad, z)
        ctx.dim = dim
        return softmax_gradient(grad._data, z._data, dim)

    @staticmethod
    def backward(ctx, gg):
        grad, z = ctx.saved_tensors
        dim = ctx.dim
        grad_grad = SoftmaxBackward.apply(gg, z, dim) if ctx.needs_input_grad[0] else None
        grad_z = None
        if ctx.needs_input_grad[1]:
            grad_z = (grad * gg - (z * grad).sum(dim, keepdim=True) * gg
                      - grad * (z * gg).sum(dim, keepdim=True))
        return grad_grad, grad_z, None


class LogSoftmax(Function):
    """z = a - log(sum(e^a)) along ``dim``;  grad_a = grad - e^z * sum(grad)"""

    node_name = "LogSoftmaxBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        x = _float_array(a)
        shifted = x - _max_keepdims(x, dim)
        z = shifted - np.log(np.add.reduce(np.exp(shifted), axis=dim, keepdims=True))
        ctx.save_for_backward(z)
        ctx.dim = dim
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return LogSoftmaxBackward.apply(grad, z, ctx.dim), None


def log_softmax_gradient(grad, z, dim):
    """grad - e^z * sum(grad) on arrays (also used by ops/fast_backward.py)."""
    return grad - np.exp(z) * np.add.reduce(grad, axis=dim, keepdims=True)


class LogSoftmaxBackward(Function):
    """log_softmax's backward as an op (PyTorch's _log_softmax_backward_data), so that it can be
    differentiated again:  out = grad - e^z * sum(grad);
    d out/d grad = gg - sum(gg e^z),  d out/d z = -sum(grad) e^z gg"""

    node_name = "LogSoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(ctx, grad, z, dim):
        ctx.save_for_backward(grad, z)
        ctx.dim = dim
        return log_softmax_gradient(grad._data, z._data, dim)

    @staticmethod
    def backward(ctx, gg):
        grad, z = ctx.saved_tensors
        dim = ctx.dim
        grad_grad = gg - (gg * z.exp()).sum(dim, keepdim=True) if ctx.needs_input_grad[0] else None
        grad_z = -grad.sum(dim, keepdim=True) * z.exp() * gg if ctx.needs_input_grad[1] else None
        return grad_grad, grad_z, None


class Var(Function):
    """z = mean((a - mean(a))^2) * n / (n - correction), over ``dims`` (all if None);
    grad_a = grad * 2 (a - mean(a)) / (n - correction)"""

    node_name = "VarBackward0"

    @staticmethod
    def forward(ctx, a, dims, correction, keepdim):
        dims = _axes(a, dims)
        ctx.save_for_backward(a)
        ctx.dims, ctx.correction, ctx.keepdim = dims, correction, keepdim
        with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            z = a._data.var(axis=dims, ddof=correction, keepdims=keepdim)
        _warn_if_no_degrees_of_freedom("var", a, z, correction)
        return z

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        dims = tuple(range(a.ndim)) if ctx.dims is None else ctx.dims
        n = int(np.prod([a.shape[d] for d in dims]))
        grad = _restore_dims(grad, dims, ctx.keepdim)
        centered = a - a.mean(dims, keepdim=True)
        return grad * centered * _reciprocal(n - ctx.correction, 2), None, None, None


class Std(Function):
    """z = sqrt(var(a));  grad_a = grad * (a - mean(a)) / ((n - correction) z)"""

    node_name = "StdBackward0"

    @staticmethod
    def forward(ctx, a, dims, correction, keepdim):
        dims = _axes(a, dims)
        with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            z = a._data.std(axis=dims, ddof=correction, keepdims=keepdim)
        _warn_if_no_degrees_of_freedom("std", a, z, correction)
        ctx.save_for_backward(a, z)
        ctx.dims, ctx.correction, ctx.keepdim = dims, correction, keepdim
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        dims = tuple(range(a.ndim)) if ctx.dims is None else ctx.dims
        n = int(np.prod([a.shape[d] for d in dims]))
        safe_z = z + (z == 0)  # z = 0 means a == mean(a): the gradient is 0, as in PyTorch
        grad = _restore_dims(grad / safe_z, dims, ctx.keepdim)
        centered = a - a.mean(dims, keepdim=True)
        return grad * centered * _reciprocal(n - ctx.correction), None, None, None


class Norm(Function):
    """z = (sum |a|^p)^(1/p) over ``dims`` (torch.norm / linalg.vector_norm): the largest |a|
    for p = inf, the number of nonzero elements for p = 0. The gradient is PyTorch's
    (norm_backward): for p = 2, grad * a / z; for p = 1, grad * sign(a); 0 where z = 0."""

    node_name = "LinalgVectorNormBackward0"

    @staticmethod
    def forward(ctx, a, p, dims, keepdim):
        dims = _axes(a, dims)
        x = np.abs(a._data)
        if p == 2:
            z = np.sqrt((a._data * a._data).sum(axis=dims, keepdims=keepdim))
        elif p == 1:
            z = x.sum(axis=dims, keepdims=keepdim)
        elif p == float("inf"):
            z = x.max(axis=dims, keepdims=keepdim, initial=0)
        elif p == 0:
            z = (x != 0).sum(axis=dims, keepdims=keepdim).astype(x.dtype)
        else:
            z = (x ** np.asarray(p, x.dtype)).sum(axis=dims, keepdims=keepdim) \
                ** np.asarray(1 / p, x.dtype)
        ctx.save_for_backward(a, z)
        ctx.p, ctx.dims, ctx.keepdim = p, dims, keepdim
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        p = ctx.p
        if p == 0:  # flat: PyTorch gives no gradient at all (a's .grad stays None)
            return None, None, None, None
        if ctx.dims is not None:  # put the reduced dims back (size 1), so that they broadcast
            grad = _restore_dims(grad, ctx.dims, ctx.keepdim)
            z = _restore_dims(z, ctx.dims, ctx.keepdim)
        if p == 1:
            return a.sgn() * grad, None, None, None
        if p == float("inf"):
            winners = (np.abs(a._data) == z._data) | np.isnan(a._data)
            count = _constant(winners.sum(axis=ctx.dims, keepdims=True), grad)
            return a.sgn() * ((grad / count) * _constant(winners, grad)), None, None, None
        zero = z._data == 0
        if p == 2:
            return grad * where_else_zero(~zero, a / _nonzero(z, zero)), None, None, None
        if p < 1:
            scaled = a.sgn() * where_else_zero(a._data != 0, a.abs().pow(p - 1))
            return scaled * grad * z.pow(1 - p), None, None, None
        scale = where_else_zero(~zero, grad / _nonzero(z, zero).pow(p - 1))
        if p < 2:
            return a.sgn() * a.abs().pow(p - 1) * scale, None, None, None
        return a * a.abs().pow(p - 2) * scale, None, None, None


def _nonzero(z, zero):
    """z with its zeros replaced by ones: no 0/0 where the result is masked to 0 anyway."""
    return z + _constant(zero, z)
