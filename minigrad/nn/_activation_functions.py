"""The activation ops, each one graph node as in PyTorch: LeakyReluBackward0, EluBackward0, ...

Same pattern as the core ops: ``forward`` computes with numpy, ``backward`` uses minigrad ops
only, so the gradient can itself be differentiated (``create_graph=True``).
"""
import math

import numpy as np

from ..autograd import Function
from ..ops import elementwise_more
from ..ops.elementwise_more import in_double
from ..ops.elementwise import _constant

_erf = elementwise_more.Erf.fn  # erf on float64 arrays (numpy has none)


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
        return LeakyReluBackward.apply(grad, a, ctx.negative_slope), None


class LeakyReluBackward(Function):
    """leaky_relu's backward as an op (PyTorch's leaky_relu_backward), so that it can be
    differentiated again:  out = grad if a > 0 else slope * grad.

    d out/d grad is the same slopes again; d out/d a is 0 (the slopes are flat in a)."""

    node_name = "LeakyReluBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, a, negative_slope):
        ctx.save_for_backward(a)
        ctx.negative_slope = negative_slope
        return leaky_relu_gradient(grad._data, a._data, negative_slope)

    @staticmethod
    def backward(ctx, gg):
        (a,) = ctx.saved_tensors
        return LeakyReluBackward.apply(gg, a, ctx.negative_slope), _zeros_like(a), None


def leaky_relu_gradient(g, a, negative_slope):
    """grad where a > 0, else slope * grad, on arrays (also used by nn/_fast_backward.py)."""
    return np.where(a > 0, g, g * np.asarray(negative_slope, g.dtype))


def _zeros_like(a):
    """The gradient of a piecewise-constant slope with respect to its input: zeros."""
    return _constant(np.zeros(a._data.shape), a)


class Elu(Function):
    """z = a if a > 0 else alpha * (e^a - 1);  dz/da = 1 if a > 0 else alpha * e^a"""

    node_name = "EluBackward0"

    @staticmethod
    def forward(ctx, a, alpha):
        ctx.save_for_backward(a)
        ctx.alpha = alpha
        x = a._data
        return np.where(x > 0, x, in_double(np.expm1, np.minimum(x, 0)) * np.asarray(alpha, x.dtype))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return EluBackward.apply(grad, a, ctx.alpha), None


class EluBackward(Function):
    """elu's backward as an op (PyTorch's elu_backward):  out = grad if a > 0 else grad alpha e^a;
    d out/d grad = 1 or alpha e^a (elu_backward again),  d out/d a = grad alpha e^a where a < 0"""

    node_name = "EluBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, a, alpha):
        ctx.save_for_backward(grad, a)
        ctx.alpha = alpha
        g, x = grad._data, a._data
        # min(x, 0): e^x of a large positive x would overflow, even where it isn't used
        negative_side = g * np.asarray(alpha, g.dtype) * in_double(np.exp, np.minimum(x, 0))
        return np.where(x > 0, g, negative_side)

    @staticmethod
    def backward(ctx, gg):
        grad, a = ctx.saved_tensors
        grad_grad = EluBackward.apply(gg, a, ctx.alpha) if ctx.needs_input_grad[0] else None
        grad_a = None
        if ctx.needs_input_grad[1]:
            # PyTorch masks with a < 0 (not a <= 0): at a = 0 the second derivative is 0
            grad_a = EluBackward.apply(gg * grad, a, ctx.alpha) * _constant(a._data < 0, gg)
        return grad_grad, grad_a, None


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
            return half * x * (one + in_double(np.tanh, inner))
        return x * half * (one + in_double(_erf, x * np.asarray(_SQRT1_2, x.dtype)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return GeluBackward.apply(grad, a, ctx.approximate), None


class GeluBackward(Function):
    """gelu's backward as an op (PyTorch's gelu_backward):  out = grad * gelu'(a);
    d out/d grad = gelu'(a) (gelu_backward again),  d out/d a = gg * grad * gelu''(a)"""

    node_name = "GeluBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, a, approximate):
        ctx.save_for_backward(grad, a)
        ctx.approximate = approximate
        return gelu_gradient(grad._data, a._data, approximate)

    @staticmethod
    def backward(ctx, gg):
        grad, a = ctx.saved_tensors
        grad_grad = GeluBackward.apply(gg, a, ctx.approximate) if ctx.needs_input_grad[0] else None
        grad_a = gg * grad * _gelu_second_derivative(a, ctx.approximate) if ctx.needs_input_grad[1] else None
        return grad_grad, grad_a, None


def gelu_gradient(g, x, approximate):
    """grad * gelu'(x) on arrays, in PyTorch's steps (also used by nn/_fast_backward.py)."""
    c = lambda v: np.asarray(v, x.dtype)  # noqa: E731  (constants in x's dtype, as PyTorch)
    if approximate == "tanh":
        x_sq = x * x
        inner = c(_SQRT_2_OVER_PI) * (x + c(0.044715) * (x_sq * x))
        t = in_double(np.tanh, inner)
        left_derivative = c(0.5) * (c(1) + t)
        inner_derivative = c(_GELU_TANH_BETA) * (c(1) + c(3) * c(0.044715) * x_sq)
        right_derivative = c(0.5) * x * (c(1) - t * t) * inner_derivative
        return g * (left_derivative + right_derivative)
    cdf = c(0.5) * (c(1) + in_double(_erf, x * c(_SQRT1_2)))
    pdf = c(_SQRT1_2 / math.sqrt(math.pi)) * in_double(np.exp, x * x * c(-0.5))
    return g * (cdf + x * pdf)


def _gelu_second_derivative(a, approximate):
    """gelu''(a), in PyTorch's formulas (its gelu_double_backward)."""
    if approximate == "tanh":
        # gelu = f (1 + g) with f = a / 2, g = tanh(u), u = sqrt(2/pi) (a + 0.044715 a^3)
        inner = _GELU_TANH_BETA * (a + 0.044715 * a.pow(3))
        tanh_inner = inner.tanh()
        sech_inner = 1 / inner.cosh()
        f = 0.5 * a
        g = 1 - tanh_inner * tanh_inner
        h = _GELU_TANH_BETA * (1 + 3 * 0.044715 * a * a)
        f_prime_gh = 0.5 * g * h
        g_prime_fh = f * h * ((2 * sech_inner) * (-sech_inner * tanh_inner) * h)
        h_prime_fg = f * g * (6 * 0.044715 * a * _GELU_TANH_BETA)
        return 2 * f_prime_gh + g_prime_fh + h_prime_fg
    a_sq = a * a
    pdf = _GELU_BETA * (-0.5 * a_sq).exp()
    return 2 * pdf - a_sq * pdf


_SQRT1_2 = math.sqrt(0.5)
_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
# 1/sqrt(2 pi) and sqrt(2/pi) as PyTorch's gelu_double_backward computes them (M_2_SQRTPI *
# M_SQRT1_2 * 0.5, ...): one bit off the values above, which its gelu_backward uses.
_GELU_BETA = 2 / math.sqrt(math.pi) * _SQRT1_2 * 0.5
_GELU_TANH_BETA = math.sqrt(2) * (2 / math.sqrt(math.pi)) * 0.5


class Silu(Function):
    """z = a * sigmoid(a);  dz/da = s * (1 + a * (1 - s)) with s = sigmoid(a)"""

    node_name = "SiluBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._data
        return x / (1 + in_double(np.exp, -x))

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
        soft = in_double(np.log1p, in_double(np.exp, bx)) / np.asarray(beta, x.dtype)
        return np.where(bx > threshold, x, soft)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return SoftplusBackward.apply(grad, a, ctx.beta, ctx.threshold), None, None


class SoftplusBackward(Function):
    """softplus's backward as an op (PyTorch's softplus_backward):  out = grad * z / (z + 1),
    z = e^(beta a) (or grad where beta a > threshold);
    d out/d grad = the same factor,  d out/d a = gg * grad * beta * s (1 - s), s = sigmoid(beta a)"""

    node_name = "SoftplusBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, a, beta, threshold):
        ctx.save_for_backward(grad, a)
        ctx.beta, ctx.threshold = beta, threshold
        g, x = grad._data, a._data
        bx = x * np.asarray(beta, x.dtype)
        z = in_double(np.exp, np.minimum(bx, threshold))  # min: no overflow where z isn't used
        return np.where(bx > threshold, g, g * z / (z + 1))

    @staticmethod
    def backward(ctx, gg):
        grad, a = ctx.saved_tensors
        beta, threshold = ctx.beta, ctx.threshold
        grad_grad = SoftplusBackward.apply(gg, a, beta, threshold) if ctx.needs_input_grad[0] else None
        grad_a = None
        if ctx.needs_input_grad[1]:
            beta_a = a * beta
            s = beta_a.sigmoid()
            grad_a = gg * grad * (1 - s) * s * _constant(beta_a._data < threshold, gg) * beta
        return grad_grad, grad_a, None, None


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
        return HardtanhBackward.apply(grad, a, ctx.min_val, ctx.max_val), None, None


class HardtanhBackward(Function):
    """hardtanh's backward as an op (PyTorch's hardtanh_backward):  out = grad strictly inside
    (min_val, max_val), else 0;  d out/d grad is the same mask, d out/d a is 0."""

    node_name = "HardtanhBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, a, min_val, max_val):
        ctx.save_for_backward(a)
        ctx.min_val, ctx.max_val = min_val, max_val
        inside = (a._data > min_val) & (a._data < max_val)
        return np.where(inside, grad._data, np.zeros((), grad._data.dtype))  # 0.0, never -0.0

    @staticmethod
    def backward(ctx, gg):
        (a,) = ctx.saved_tensors
        return HardtanhBackward.apply(gg, a, ctx.min_val, ctx.max_val), _zeros_like(a), None, None
