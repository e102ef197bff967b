"""More activation ops, each one graph node as in PyTorch: LogSigmoidBackward0, MishBackward0,
HardswishBackward0, HardsigmoidBackward0, GluBackward0, EluBackward0 (selu), CeluBackward0.

``forward`` computes with numpy in PyTorch's order of operations (so float32 rounds alike);
``backward`` uses minigrad ops only, so the gradient can be differentiated again. (PyTorch
records a second node of its own for that, e.g. ``LogSigmoidBackwardBackward0``; here the
double-backward graph is made of ordinary ops instead.)
"""
import numpy as np

from ..autograd import Function
from ..ops.arithmetic import operands
from ..ops.elementwise import Where, _constant, where_else_zero
from ..ops.elementwise_more import in_double


def _c(value, x):
    """A Python number as a numpy scalar of x's dtype: PyTorch's kernels compute in that dtype."""
    return np.asarray(value, x.dtype)


class LogSigmoid(Function):
    """z = log(sigmoid(a)) = min(a, 0) - log1p(e^-|a|);  dz/da = 1 - sigmoid(a) = sigmoid(-a)"""

    node_name = "LogSigmoidBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._data
        return np.minimum(x, 0) - in_double(np.log1p, in_double(np.exp, -np.abs(x)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * (-a).sigmoid()


class Elu(Function):
    """z = scale * a if a > 0 else alpha * scale * (e^(input_scale a) - 1);
    dz/da = scale, or alpha * scale * input_scale * e^(input_scale a)

    PyTorch's general elu: selu and celu are this with particular constants."""

    node_name = "EluBackward0"

    @staticmethod
    def forward(ctx, a, alpha, scale, input_scale):
        ctx.save_for_backward(a)
        ctx.constants = alpha, scale, input_scale
        x = a._data
        negcoef = _c(alpha, x) * _c(scale, x)
        negative = in_double(np.expm1, np.minimum(x, 0) * _c(input_scale, x)) * negcoef
        return np.where(x > 0, x * _c(scale, x), negative)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        alpha, scale, input_scale = ctx.constants
        negcoef = float(np.float32(alpha) * np.float32(scale)) if a._data.dtype == np.float32 \
            else alpha * scale
        # min(a, 0): e^a of a large positive a would overflow where it isn't used
        negative = grad * input_scale * negcoef * (a.clamp(max=0) * input_scale).exp()
        return Where.apply(a._data > 0, grad * scale, negative), None, None, None


class Celu(Elu):
    """celu(a) = elu(a, alpha, scale=1, input_scale=1/alpha): PyTorch names its node CeluBackward0."""

    node_name = "CeluBackward0"

    @staticmethod
    def backward(ctx, grad):
        # PyTorch's celu backward takes 1/alpha with alpha rounded to float32, even for float64
        alpha, scale, _ = ctx.constants
        ctx.constants = alpha, scale, 1.0 / float(np.float32(alpha))
        return Elu.backward(ctx, grad)


class Mish(Function):
    """z = a * tanh(softplus(a));  dz/da = t + a * sigmoid(a) * (1 - t^2), t = tanh(softplus(a))"""

    node_name = "MishBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._data
        return x * in_double(np.tanh, in_double(np.log1p, in_double(np.exp, x)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        t = (a.exp() + 1).log().tanh()
        return grad * (t + a * a.sigmoid() * (1 - t * t))


class Hardswish(Function):
    """z = a * min(max(a + 3, 0), 6) / 6;  dz/da = 0 below -3, a / 3 + 1/2 up to 3, 1 above"""

    node_name = "HardswishBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._data
        return x * np.minimum(np.maximum(x + _c(3, x), _c(0, x)), _c(6, x)) / _c(6, x)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        middle = Where.apply(a._data <= 3, grad * (a / 3 + 0.5), grad)
        return where_else_zero(a._data >= -3, middle)


class Hardsigmoid(Function):
    """z = min(max(a + 3, 0), 6) / 6;  dz/da = 1/6 strictly between -3 and 3, else 0"""

    node_name = "HardsigmoidBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._data
        return np.minimum(np.maximum(x + _c(3, x), _c(0, x)), _c(6, x)) / _c(6, x)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        # PyTorch multiplies by 1/6 rounded to float32, whatever the dtype
        return where_else_zero((a._data > -3) & (a._data < 3), grad * _ONE_SIXTH)


_ONE_SIXTH = float(np.float32(1) / np.float32(6))


class Glu(Function):
    """z = a1 * sigmoid(a2), a1 and a2 the two halves of a along ``dim``;
    dz/da1 = sigmoid(a2),  dz/da2 = a1 * sigmoid(a2) * (1 - sigmoid(a2))"""

    node_name = "GluBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_for_backward(a)
        ctx.dim = dim
        first, second = np.split(a._data, 2, axis=dim)
        with np.errstate(over="ignore"):
            return first * (1 / (1 + in_double(np.exp, -second)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        first, second = a.chunk(2, ctx.dim)
        s = second.sigmoid()
        from ..functional import cat

        return cat([grad * s, grad * first * s * (1 - s)], ctx.dim), None


class Xlogy(Function):
    """z = a * log(b), and 0 where a == 0 (unless b is nan);
    dz/da = xlogy(a != 0, b),  dz/db = a / b"""

    node_name = "XlogyBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((x == 0) & ~np.isnan(y), _c(0, x), x * np.log(y))

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # (the engine sums each gradient back to its input's shape after broadcasting)
        grad_a = grad * Xlogy.apply(_constant(a._data != 0, grad), b) if ctx.needs_input_grad[0] else None
        grad_b = grad * a / b if ctx.needs_input_grad[1] else None
        return grad_a, grad_b
