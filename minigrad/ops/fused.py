"""lerp, addcmul, addcdiv: the pieces of a hand-written Adam.

PyTorch's CPU kernels for lerp and addcmul round once, through a fused multiply-add; so does
``fma`` here. That is what makes a hand-written Adam (and optim's RMSprop, Adagrad) give
PyTorch's numbers. Each backward is PyTorch's formula, written with minigrad ops.
"""
import numpy as np

from .._dtype import result_type
from ..autograd.function import Function
from .arithmetic import Div
from .elementwise import _constant


def fma(x, y, z):
    """x * y + z rounded once, like a fused multiply-add: worked out in a wider float (exact for
    float32; for float64, long double is almost always exact)."""
    dtype = np.result_type(x, y, z)
    wide = np.float64 if dtype.itemsize <= 4 else np.longdouble
    return (np.asarray(x, dtype=wide) * y + z).astype(dtype)


def _lerp(x, y, w):
    """x + w (y - x), as PyTorch rounds it: for |w| < 0.5, fma(w, y - x, x); else the same
    from the other end, fma(w - 1, y - x, y), which is exact at w = 1."""
    small = np.abs(w) < 0.5
    return fma(np.where(small, w, w - 1), y - x, np.where(small, x, y))


class Lerp(Function):
    """z = a + weight (end - a), weight a number;
    dz/da = 1 - weight,  dz/d end = weight"""

    node_name = "LerpBackward0"

    @staticmethod
    def forward(ctx, a, end, weight):
        ctx.weight = weight
        return _lerp(a._data, end._data, np.asarray(weight, dtype=a._data.dtype))

    @staticmethod
    def backward(ctx, grad):
        w = ctx.weight
        return grad * (1 - w), grad * w, None


class LerpTensor(Function):
    """z = a + weight (end - a), weight a tensor;
    dz/da = 1 - weight,  dz/d end = weight,  dz/d weight = end - a"""

    node_name = "LerpBackward1"

    @staticmethod
    def forward(ctx, a, end, weight):
        ctx.save_for_backward(a, end, weight)
        return _lerp(a._data, end._data, weight._data.astype(a._data.dtype, copy=False))

    @staticmethod
    def backward(ctx, grad):
        a, end, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (grad * (1 - weight) if needs[0] else None,
                grad * weight if needs[1] else None,
                grad * (end - a) if needs[2] else None)


def _promoted(*tensors):
    """The dtype PyTorch's type promotion gives the tensors, and their arrays in it."""
    dtype = result_type(*tensors)
    return dtype, [t._data.astype(dtype, copy=False) for t in tensors]


class Addcmul(Function):
    """z = a + value * t1 * t2;  dz/da = 1,  dz/dt1 = value t2,  dz/dt2 = value t1"""

    node_name = "AddcmulBackward0"

    @staticmethod
    def forward(ctx, a, t1, t2, value):
        ctx.save_for_backward(t1, t2)
        ctx.value = value
        dtype, (x, y, z) = _promoted(a, t1, t2)
        if dtype.kind != "f":
            return x + int(value) * y * z
        return fma(np.asarray(value, dtype=dtype) * y, z, x)  # one rounding, as PyTorch

    @staticmethod
    def backward(ctx, grad):
        t1, t2 = ctx.saved_tensors
        needs = ctx.needs_input_grad
        return (grad, grad * (t2 * ctx.value) if needs[1] else None,
                grad * (t1 * ctx.value) if needs[2] else None, None)


class Addcdiv(Function):
    """z = a + value * t1 / t2;  dz/da = 1,  dz/dt1 = value / t2,  dz/dt2 = -value t1 / t2^2"""

    node_name = "AddcdivBackward0"

    @staticmethod
    def forward(ctx, a, t1, t2, value):
        ctx.save_for_backward(t1, t2)
        ctx.value = value
        dtype, (x, y, z) = _promoted(a, t1, t2)
        with np.errstate(all="ignore"):
            return x + np.asarray(value, dtype=dtype) * y / z

    @staticmethod
    def backward(ctx, grad):
        t1, t2 = ctx.saved_tensors
        needs, value = ctx.needs_input_grad, ctx.value
        grad_t1 = grad * Div.apply(_constant(value, t2), t2) if needs[1] else None
        grad_t2 = -grad * (t1 * value / (t2 * t2)) if needs[2] else None
        return grad, grad_t1, grad_t2, None
