"""More elementwise math: log1p, expm1, log2, log10, rsqrt, tan, atan, asin, acos, sinh, cosh,
erf; and rounding: floor, ceil, round, trunc, frac.

Each backward is PyTorch's formula, written with minigrad ops. Rounding is flat between jumps,
so floor, ceil, round and trunc have a zero gradient (and frac = a - trunc(a) passes it on).
"""
import math

import numpy as np

from ..autograd.function import Function
from .elementwise import _constant, _float_array


def in_double(fn, *arrays):
    """fn(*arrays) on float arrays, in the first one's dtype. float32 is worked out in float64
    and rounded once: numpy's own float32 versions of exp, tanh, ... differ from PyTorch's in
    the last digit far more often. (Also used by nn's activations and ops/math_more.py.)"""
    dtype = arrays[0].dtype
    with np.errstate(all="ignore"):  # log(0) = -inf, exp(100) = inf, ... as in PyTorch
        if dtype == np.float64:
            return fn(*arrays)
        return np.asarray(fn(*[x.astype(np.float64) for x in arrays])).astype(dtype)


def _math(fn, a):
    """fn(a) as floats (an integer tensor gives the default float dtype), via ``in_double``."""
    return in_double(fn, _float_array(a))


class _Unary(Function):
    """z = fn(a) for one numpy function ``fn``; subclasses give the backward."""

    fn = None

    @classmethod
    def forward(cls, ctx, a):
        z = _math(cls.fn, a)
        ctx.save_for_backward(a, z)
        return z


class Log1p(_Unary):
    """z = ln(1 + a), accurate for small a;  dz/da = 1 / (a + 1)"""

    node_name = "Log1PBackward0"
    fn = staticmethod(np.log1p)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad / (a + 1)


class Expm1(_Unary):
    """z = e^a - 1, accurate for small a;  dz/da = z + 1"""

    node_name = "Expm1Backward0"
    fn = staticmethod(np.expm1)

    @staticmethod
    def backward(ctx, grad):
        _, z = ctx.saved_tensors
        return grad * (z + 1)


class Log2(_Unary):
    """z = log2(a);  dz/da = 1 / (a ln 2)"""

    node_name = "Log2Backward0"
    fn = staticmethod(np.log2)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad / (a * math.log(2))


class Log10(_Unary):
    """z = log10(a);  dz/da = 1 / (a ln 10)"""

    node_name = "Log10Backward0"
    fn = staticmethod(np.log10)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad / (a * math.log(10))


class Rsqrt(_Unary):
    """z = 1 / sqrt(a);  dz/da = -z^3 / 2"""

    node_name = "RsqrtBackward0"
    fn = staticmethod(lambda x: 1 / np.sqrt(x))

    @staticmethod
    def backward(ctx, grad):
        _, z = ctx.saved_tensors
        return -0.5 * grad * z**3


class Tan(_Unary):
    """z = tan(a);  dz/da = 1 + z^2"""

    node_name = "TanBackward0"
    fn = staticmethod(np.tan)

    @staticmethod
    def backward(ctx, grad):
        _, z = ctx.saved_tensors
        return grad * (1 + z**2)


class Atan(_Unary):
    """z = arctan(a);  dz/da = 1 / (a^2 + 1)"""

    node_name = "AtanBackward0"
    fn = staticmethod(np.arctan)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad / (a * a + 1)


class Asin(_Unary):
    """z = arcsin(a);  dz/da = 1 / sqrt(1 - a^2)"""

    node_name = "AsinBackward0"
    fn = staticmethod(np.arcsin)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad * (-a * a + 1).rsqrt()


class Acos(_Unary):
    """z = arccos(a);  dz/da = -1 / sqrt(1 - a^2)"""

    node_name = "AcosBackward0"
    fn = staticmethod(np.arccos)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad * -(-a * a + 1).rsqrt()


class Sinh(_Unary):
    """z = sinh(a);  dz/da = cosh(a)"""

    node_name = "SinhBackward0"
    fn = staticmethod(np.sinh)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad * a.cosh()


class Cosh(_Unary):
    """z = cosh(a);  dz/da = sinh(a)"""

    node_name = "CoshBackward0"
    fn = staticmethod(np.cosh)

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return grad * a.sinh()


class Erf(_Unary):
    """z = erf(a) = 2/sqrt(pi) * integral of e^(-t^2) from 0 to a;  dz/da = 2/sqrt(pi) e^(-a^2)"""

    node_name = "ErfBackward0"
    fn = staticmethod(np.vectorize(math.erf, otypes=[np.float64]))  # numpy has no erf

    @staticmethod
    def backward(ctx, grad):
        a, _ = ctx.saved_tensors
        return 2 / math.sqrt(math.pi) * (-a**2).exp() * grad


class _Rounding(Function):
    """z = a rounded by ``fn``: flat between the jumps, so dz/da = 0"""

    fn = None

    @classmethod
    def forward(cls, ctx, a):
        return cls.fn(a._data)

    @staticmethod
    def backward(ctx, grad):
        return _constant(np.zeros(grad.shape), grad)


class Floor(_Rounding):
    node_name = "FloorBackward0"
    fn = staticmethod(np.floor)


class Ceil(_Rounding):
    node_name = "CeilBackward0"
    fn = staticmethod(np.ceil)


class Round(_Rounding):
    """z = a rounded to the nearest integer, halves to even (2.5 -> 2), as PyTorch and numpy"""

    node_name = "RoundBackward0"
    fn = staticmethod(np.round)


class Trunc(_Rounding):
    node_name = "TruncBackward0"
    fn = staticmethod(np.trunc)


class RoundDecimals(Function):
    """z = a rounded to ``decimals`` decimal places;  dz/da = 0"""

    node_name = "RoundBackward1"

    @staticmethod
    def forward(ctx, a, decimals):
        return np.round(a._data, decimals)

    @staticmethod
    def backward(ctx, grad):
        return _constant(np.zeros(grad.shape), grad), None


class Frac(Function):
    """z = a - trunc(a), the fractional part with a's sign;  dz/da = 1"""

    node_name = "FracBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data - np.trunc(a._data)

    @staticmethod
    def backward(ctx, grad):
        return grad
