"""More elementwise and binary math: clamp_min, clamp_max; atan2, hypot, logaddexp, exp2, fmod,
nan_to_num, sinc, heaviside. (lerp, addcmul and addcdiv are in ops/fused.py.)

Each backward is PyTorch's formula (derivatives.yaml), written with minigrad ops.
"""
import math

import numpy as np

from .._dtype import get_default_dtype
from ..autograd.function import Function
from .arithmetic import operands
from .elementwise import _constant, _float_array, where_else_zero
from .elementwise_more import in_double


def _trunc_quotient(a, b):
    """trunc(a / b) as a constant tensor: flat almost everywhere, so backward needs no graph."""
    with np.errstate(all="ignore"):
        return a._make(np.trunc(np.true_divide(*operands(a, b))))


# -- clamp_min / clamp_max ---------------------------------------------------------------------
class ClampMin(Function):
    """z = max(a, low), low a number;  dz/da = 1 where a >= low, else 0"""

    node_name = "ClampMinBackward0"

    @staticmethod
    def forward(ctx, a, low):
        ctx.save_for_backward(a)
        ctx.low = np.asarray(low, dtype=a._data.dtype)
        return np.maximum(a._data, ctx.low)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return where_else_zero(a._data >= ctx.low, grad), None


class ClampMax(Function):
    """z = min(a, high), high a number;  dz/da = 1 where a <= high, else 0"""

    node_name = "ClampMaxBackward0"

    @staticmethod
    def forward(ctx, a, high):
        ctx.save_for_backward(a)
        ctx.high = np.asarray(high, dtype=a._data.dtype)
        return np.minimum(a._data, ctx.high)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return where_else_zero(a._data <= ctx.high, grad), None


class ClampMinTensor(Function):
    """z = max(a, low), low a tensor; the gradient goes to a where a >= low, else to low"""

    node_name = "ClampMinBackward1"

    @staticmethod
    def forward(ctx, a, low):
        ctx.save_for_backward(a, low)
        return np.maximum(*operands(a, low))

    @staticmethod
    def backward(ctx, grad):
        a, low = ctx.saved_tensors
        return (where_else_zero(a._data >= low._data, grad),
                where_else_zero(a._data < low._data, grad))


class ClampMaxTensor(Function):
    """z = min(a, high), high a tensor; the gradient goes to a where a <= high, else to high"""

    node_name = "ClampMaxBackward1"

    @staticmethod
    def forward(ctx, a, high):
        ctx.save_for_backward(a, high)
        return np.minimum(*operands(a, high))

    @staticmethod
    def backward(ctx, grad):
        a, high = ctx.saved_tensors
        return (where_else_zero(a._data <= high._data, grad),
                where_else_zero(a._data > high._data, grad))


# -- two-argument math ---------------------------------------------------------------------------
def _float_operands(a, b):
    """operands(a, b) as floats: integer inputs give the default float dtype."""
    x, y = operands(a, b)
    if x.dtype.kind != "f":
        dtype = get_default_dtype()._np
        x, y = x.astype(dtype), y.astype(dtype)
    return x, y


class Atan2(Function):
    """z = atan2(a, b), the angle of the point (b, a);
    dz/da = b / (a^2 + b^2),  dz/db = -a / (a^2 + b^2)"""

    node_name = "Atan2Backward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return in_double(np.arctan2, *_float_operands(a, b))

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        recip = (a * a + b * b).reciprocal()
        needs = ctx.needs_input_grad
        return (grad * b * recip if needs[0] else None,
                grad * -a * recip if needs[1] else None)


class Hypot(Function):
    """z = sqrt(a^2 + b^2), without overflow;  dz/da = a / z,  dz/db = b / z"""

    node_name = "HypotBackward0"

    @staticmethod
    def forward(ctx, a, b):
        z = np.hypot(*operands(a, b))
        ctx.save_for_backward(a, b, z)
        return z

    @staticmethod
    def backward(ctx, grad):
        a, b, z = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return grad * a / z if needs[0] else None, grad * b / z if needs[1] else None


class Logaddexp(Function):
    """z = log(e^a + e^b), without overflow;
    dz/da = 1 / (1 + e^(b - a)),  dz/db = 1 / (1 + e^(a - b))"""

    node_name = "LogaddexpBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        with np.errstate(invalid="ignore"):
            return np.logaddexp(*operands(a, b))

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (grad / (1 + (b - a).exp()) if needs[0] else None,
                grad / (1 + (a - b).exp()) if needs[1] else None)


class Fmod(Function):
    """z = a - trunc(a / b) * b (C's fmod: the sign of a);  dz/da = 1,  dz/db = -trunc(a / b)"""

    node_name = "FmodBackward1"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        if x.dtype.kind in "iu" and not y.all():
            raise RuntimeError("ZeroDivisionError")
        with np.errstate(all="ignore"):  # float: fmod(x, 0) is nan, as in PyTorch
            return np.fmod(x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad, -grad * _trunc_quotient(a, b) if ctx.needs_input_grad[1] else None


class FmodScalar(Function):
    """z = fmod(a, number);  dz/da = 1"""

    node_name = "FmodBackward0"

    @staticmethod
    def forward(ctx, a, number):
        x = a._data
        if x.dtype.kind in "iu" and number == 0:
            raise RuntimeError("ZeroDivisionError")
        with np.errstate(all="ignore"):
            return np.fmod(x, np.asarray(number, dtype=x.dtype))

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class Heaviside(Function):
    """z = 0 for a < 0, values for a == 0, 1 for a > 0; PyTorch defines no gradient for it"""

    node_name = "NotImplemented"
    cpp_name = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, a, values):  # values: an array (PyTorch records no edge for it)
        x = a._data
        return np.where(x == 0, values, x > 0).astype(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError("derivative for aten::heaviside is not implemented")


# -- one-argument math ---------------------------------------------------------------------------
class Exp2(Function):
    """z = 2^a;  dz/da = z ln 2"""

    node_name = "Exp2Backward0"

    @staticmethod
    def forward(ctx, a):
        z = in_double(np.exp2, _float_array(a))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * z * math.log(2)


class NanToNum(Function):
    """z = a with nan, +inf and -inf replaced by numbers;  dz/da = 1 where a is finite, else 0"""

    node_name = "NanToNumBackward0"

    @staticmethod
    def forward(ctx, a, nan, posinf, neginf):
        ctx.save_for_backward(a)
        x = a._data
        if x.dtype.kind != "f":
            return x.copy()
        info = np.finfo(x.dtype)
        return np.nan_to_num(x, nan=0.0 if nan is None else nan,
                             posinf=info.max if posinf is None else posinf,
                             neginf=info.min if neginf is None else neginf)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        # grad * isfinite(a), as PyTorch: a product, so a negative grad gives -0.0 there
        return grad * _constant(np.isfinite(a._data), grad), None, None, None


class Sinc(Function):
    """z = sin(pi a) / (pi a), 1 at a = 0;
    dz/da = (pi a cos(pi a) - sin(pi a)) / (pi a^2), 0 at a = 0"""

    node_name = "SincBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = _float_array(a)
        product = x * x.dtype.type(math.pi)  # rounded in x's dtype, as PyTorch
        with np.errstate(all="ignore"):
            return np.where(x == 0, x.dtype.type(1), in_double(np.sin, product) / product)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        a_pi = a * math.pi
        a_squared_pi = a * a * math.pi
        out = grad * ((a_pi * a_pi.cos() - a_pi.sin()) / a_squared_pi)
        return where_else_zero(a_squared_pi._data != 0, out)
