"""The activation ops, each one graph node as in PyTorch: LeakyReluBackward0, EluBackward0, ...

Same pattern as the core ops: ``forward`` computes with numpy, ``backward`` uses minigrad ops
only, so the gradient can itself be differentiated (``create_graph=True``).
"""
import math

import numpy as np

import minigrad
from ..autograd import Function
from ..ops.elementwise import _constant

_erf = np.frompyfunc(math.erf, 1, 1)  # numpy has no erf; math.erf is exact to double precision


def _in_double(fn, x):
    """fn(x) computed in float64 and rounded back to x's dtype: for float32 this matches
    PyTorch's exp, expm1, tanh, ... far more often than numpy's float32 versions do."""
    with np.errstate(over="ignore"):  # e.g. exp(100) is inf in float32, as in PyTorch
        return np.asarray(fn(x.astype(np.float64)), dtype=np.float64).astype(x.dtype)


class Erf(Function):
    """z = erf(a) = 2/sqrt(pi) * integral of exp(-t^2) from 0 to a;  dz/da = 2/sqrt(pi) * exp(-a^2)"""

    node_name = "ErfBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return _in_double(_erf, a._data)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * (2 / math.sqrt(math.pi)) * (-a * a).exp()


class LeakyRelu(Function):
    """z = a if a > 0 else slope * a;  dz/da = 1 if a > 0 else slope"""

    node_name = "LeakyReluBackward0"

    @staticmethod
    def forward(ctx, a, negative_slope):
        ctx.save_for_backward(a)
        ctx.negative_slope = negative_slope
        x = a._data
        return np.where(x > 0, x, x * np.asarray(negative_slope, x.dtype))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        slope = np.where(a._data > 0, 1, ctx.negative_slope)
        return grad * _constant(slope, grad), None


class Elu(Function):
    """z = a if a > 0 else alpha * (e^a - 1);  dz/da = 1 if a > 0 else alpha * e^a"""

    node_name = "EluBackward0"

    @staticmethod
    def forward(ctx, a, alpha):
        ctx.save_for_backward(a)
        ctx.alpha = alpha
        x = a._data
        return np.where(x > 0, x, _in_double(np.expm1, np.minimum(x, 0)) * np.asarray(alpha, x.dtype))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        # clamp: e^a of a large positive a would overflow, even where it isn't used
        return minigrad.where(a > 0, grad, grad * ctx.alpha * a.clamp(max=0).exp()), None


class Gelu(Function):
    """z = a * Phi(a), Phi the standard normal CDF;  dz/da = Phi(a) + a * phi(a)

    With ``approximate='tanh'``, Phi(a) ~ (1 + tanh(sqrt(2/pi) * (a + 0.044715 a^3))) / 2.
    The formulas are written in PyTorch's order of operations, so float32 rounds alike.
    """

    node_name = "GeluBackward0"

    @staticmethod
    def forward(ctx, a, approximate):
        ctx.save_for_backward(a)
        ctx.approximate = approximate
        x = a._data
        half, one = np.asarray(0.5, x.dtype), np.asarray(1, x.dtype)
        if approximate == "tanh":
            inner = np.asarray(_SQRT_2_OVER_PI, x.dtype) * (x + np.asarray(0.044715, x.dtype) * (x * x * x))
            return half * x * (one + _in_double(np.tanh, inner))
        return x * half * (one + _in_double(_erf, x * np.asarray(_SQRT1_2, x.dtype)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        if ctx.approximate == "tanh":
            inner_derivative = _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * (a * a))
            t = (_SQRT_2_OVER_PI * (a + 0.044715 * (a * a * a))).tanh()
            return grad * (0.5 * (1 + t) + 0.5 * a * (1 - t * t) * inner_derivative), None
        cdf = 0.5 * (1 + Erf.apply(a * _SQRT1_2))
        pdf = _SQRT1_2 / math.sqrt(math.pi) * (a * a * -0.5).exp()
        return grad * (cdf + a * pdf), None


_SQRT1_2 = math.sqrt(0.5)
_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


class Silu(Function):
    """z = a * sigmoid(a);  dz/da = s * (1 + a * (1 - s)) with s = sigmoid(a)"""

    node_name = "SiluBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._data
        return x / (1 + _in_double(np.exp, -x))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        s = a.sigmoid()
        return grad * s * (1 + a * (1 - s))


class Softplus(Function):
    """z = log(1 + e^(beta a)) / beta, or a where beta * a > threshold;  dz/da = sigmoid(beta a)"""

    node_name = "SoftplusBackward0"

    @staticmethod
    def forward(ctx, a, beta, threshold):
        ctx.save_for_backward(a)
        ctx.beta, ctx.threshold = beta, threshold
        x = a._data
        bx = x * np.asarray(beta, x.dtype)
        soft = _in_double(np.log1p, _in_double(np.exp, bx)) / np.asarray(beta, x.dtype)
        return np.where(bx > threshold, x, soft)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        beta_a = a * ctx.beta
        z = beta_a.clamp(max=ctx.threshold).exp()  # clamp: no overflow where z isn't used
        return minigrad.where(beta_a > ctx.threshold, grad, grad * z / (z + 1)), None, None


class Hardtanh(Function):
    """z = clamp(a, min_val, max_val);  dz/da = 1 strictly inside (min_val, max_val), else 0"""

    node_name = "HardtanhBackward0"

    @staticmethod
    def forward(ctx, a, min_val, max_val):
        ctx.save_for_backward(a)
        ctx.min_val, ctx.max_val = min_val, max_val
        x = a._data
        return np.minimum(np.maximum(x, np.asarray(min_val, x.dtype)), np.asarray(max_val, x.dtype))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        inside = (a._data > ctx.min_val) & (a._data < ctx.max_val)
        return grad * _constant(inside, grad), None, None
