"""Elementwise math: exp, log, sin, cos, tanh, sigmoid, relu, sqrt, abs, clamp, maximum,
minimum, where. Each backward is the textbook derivative, written with minigrad ops."""
import numpy as np

from .._dtype import get_default_dtype
from ..autograd.function import Function
from .arithmetic import operands


def _float_array(a):
    """The data as floats: math functions of integer tensors give the default float dtype."""
    x = a._data
    return x if x.dtype.kind == "f" else x.astype(get_default_dtype()._np)


class Exp(Function):
    """z = e^a;  dz/da = z"""

    node_name = "ExpBackward0"

    @staticmethod
    def forward(ctx, a):
        z = np.exp(_float_array(a))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * z


class Log(Function):
    """z = ln(a);  dz/da = 1 / a"""

    node_name = "LogBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad / a


class Sin(Function):
    """z = sin(a);  dz/da = cos(a)"""

    node_name = "SinBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.sin(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a.cos()


class Cos(Function):
    """z = cos(a);  dz/da = -sin(a)"""

    node_name = "CosBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.cos(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * -a.sin()


class Tanh(Function):
    """z = tanh(a);  dz/da = 1 - z^2"""

    node_name = "TanhBackward0"

    @staticmethod
    def forward(ctx, a):
        z = np.tanh(_float_array(a))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return TanhBackward.apply(grad, z)


class TanhBackward(Function):
    """tanh's backward as an op (PyTorch's tanh_backward):  out = grad * (1 - z^2);
    d out/d grad = 1 - z^2,  d out/d z = -2 z grad"""

    node_name = "TanhBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, z):
        ctx.save_for_backward(grad, z)
        return grad._data * _one_minus_square(z._data)

    @staticmethod
    def backward(ctx, gg):
        grad, z = ctx.saved_tensors
        grad_grad = TanhBackward.apply(gg, z) if ctx.needs_input_grad[0] else None
        grad_z = gg * (-2 * z * grad) if ctx.needs_input_grad[1] else None
        return grad_grad, grad_z


def _one_minus_square(z):
    """1 - z^2 rounded once, as PyTorch's CPU kernel gets it from a fused multiply-add: worked
    out in a wider float (exact for float32; for float64, long double is almost always exact)."""
    w = z.astype(np.longdouble if z.dtype == np.float64 else np.float64)
    one_minus = 1 - w
    w += 1
    w *= one_minus  # (1 - z)(1 + z), in place: large temporaries are slow to allocate
    return w.astype(z.dtype)


class Sigmoid(Function):
    """z = 1 / (1 + e^-a);  dz/da = z (1 - z)"""

    node_name = "SigmoidBackward0"

    @staticmethod
    def forward(ctx, a):
        # PyTorch's formula, for its rounding; e^-a overflows to inf for a << 0, giving z = 0.
        with np.errstate(over="ignore"):
            z = 1 / (1 + np.exp(-_float_array(a)))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return SigmoidBackward.apply(grad, z)


class SigmoidBackward(Function):
    """sigmoid's backward as an op (PyTorch's sigmoid_backward):  out = grad (1 - z) z;
    d out/d grad = (1 - z) z,  d out/d z = grad (1 - 2 z)"""

    node_name = "SigmoidBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, z):
        ctx.save_for_backward(grad, z)
        return grad._data * (1 - z._data) * z._data

    @staticmethod
    def backward(ctx, gg):
        grad, z = ctx.saved_tensors
        grad_grad = SigmoidBackward.apply(gg, z) if ctx.needs_input_grad[0] else None
        grad_z = gg * grad * (-2 * z + 1) if ctx.needs_input_grad[1] else None
        return grad_grad, grad_z


class Relu(Function):
    """z = max(a, 0);  dz/da = 1 where a > 0, else 0"""

    node_name = "ReluBackward0"

    @staticmethod
    def forward(ctx, a):
        # max against an array of zeros: numpy's maximum is ~3x slower against the scalar 0.
        z = np.maximum(a._data, np.zeros(a._data.shape, a._data.dtype))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return ThresholdBackward.apply(grad, z)


class ThresholdBackward(Function):
    """relu's backward as an op of its own (PyTorch's threshold_backward), so that it can be
    differentiated again:  out = grad where z > 0, else 0.

    d out/d grad is the same mask again; d out/d z is 0 (the mask is flat in z)."""

    node_name = "ThresholdBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, z):
        ctx.save_for_backward(z)
        return _keep_where_positive(grad._data, z._data)

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return ThresholdBackward.apply(grad, z), _constant(np.zeros(grad.shape), grad)


def _keep_where_positive(grad, z):
    """grad where z > 0, else 0 (also shared by ops/fast_backward.py)."""
    out = grad * (z > 0)
    out += 0  # a negative grad times False is -0.0; PyTorch gives 0.0 there
    return out


class Sqrt(Function):
    """z = sqrt(a);  dz/da = 1 / (2 z)"""

    node_name = "SqrtBackward0"

    @staticmethod
    def forward(ctx, a):
        with np.errstate(invalid="ignore"):
            z = np.sqrt(_float_array(a))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad / (2 * z)


class Abs(Function):
    """z = |a|;  dz/da = sign(a)"""

    node_name = "AbsBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.abs(a._data)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * Sgn.apply(a)


class Sign(Function):
    """z = sign(a): -1, 0 or 1;  dz/da = 0 (flat everywhere, so the gradient is zeros)"""

    node_name = "SignBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.sign(a._data)

    @staticmethod
    def backward(ctx, grad):
        return _constant(np.zeros(grad.shape), grad)


class Sgn(Sign):
    """sign(a) as abs's backward uses it: PyTorch records that as sgn (SgnBackward0)."""

    node_name = "SgnBackward0"


class Clamp(Function):
    """z = min(max(a, low), high) with number bounds;  dz/da = 1 inside [low, high], else 0"""

    node_name = "ClampBackward1"

    @staticmethod
    def forward(ctx, a, low, high):
        ctx.save_for_backward(a)
        ctx.low, ctx.high = low, high
        z = a._data
        if low is not None:
            z = np.maximum(z, np.asarray(low, dtype=z.dtype))
        if high is not None:
            z = np.minimum(z, np.asarray(high, dtype=z.dtype))
        return z

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        inside = np.ones(a.shape, dtype=bool)
        if ctx.low is not None:
            inside &= a._data >= ctx.low
        if ctx.high is not None:
            inside &= a._data <= ctx.high
        return where_else_zero(inside, grad), None, None


class Maximum(Function):
    """z = max(a, b) elementwise; the gradient goes to the larger input, split in half on ties"""

    node_name = "MaximumBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        return np.maximum(x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return _split_between(grad, a._data > b._data, a._data == b._data, a._data < b._data)


class Minimum(Function):
    """z = min(a, b) elementwise; the gradient goes to the smaller input, split in half on ties"""

    node_name = "MinimumBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        return np.minimum(x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return _split_between(grad, a._data < b._data, a._data == b._data, a._data > b._data)


class Where(Function):
    """z = a where condition else b; the gradient is routed the same way"""

    node_name = "WhereBackward0"

    @staticmethod
    def forward(ctx, condition, a, b):  # condition: a bool numpy array (no gradient)
        ctx.condition = condition
        x, y = operands(a, b)
        return np.where(ctx.condition, x, y)

    @staticmethod
    def backward(ctx, grad):
        zero = _constant(np.zeros(()), grad)
        needs = ctx.needs_input_grad
        return (None, Where.apply(ctx.condition, grad, zero) if needs[1] else None,
                Where.apply(ctx.condition, zero, grad) if needs[2] else None)


def where_else_zero(mask, grad):
    """grad where ``mask`` (broadcast to its shape), 0.0 elsewhere: how PyTorch's backward
    formulas route a gradient, ``where(mask, grad, 0)``. Not ``grad * mask``, which would give
    -0.0 for a negative grad and nan for an infinite one."""
    return Where.apply(np.asarray(mask, dtype=bool), grad, _constant(np.zeros(()), grad))


def _split_between(grad, first_wins, tie, second_wins):
    """maximum/minimum's backward (PyTorch's): the winner gets grad, a tie grad / 2 each."""
    shared = Where.apply(tie, grad / 2, grad)
    return where_else_zero(~second_wins, shared), where_else_zero(~first_wins, shared)


def _constant(array, like):
    """A constant (no-grad) tensor of ``like``'s dtype: masks used in backward."""
    from ..tensor import Tensor

    return Tensor._make(np.asarray(array, dtype=like._data.dtype))
