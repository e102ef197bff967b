"""Ops behind F.pad, F.normalize and F.pairwise_distance: ConstantPadNdBackward0, the p-norm
(LinalgVectorNormBackward0 / NormBackward1) and ClampMinBackward0.

``forward`` computes with numpy; ``backward`` uses minigrad ops only (double backward works).
"""
import numpy as np

from ..autograd import Function
from ..ops.elementwise import _constant, where_else_zero


class ConstantPadNd(Function):
    """z = a with ``pad`` elements of ``value`` added before/after its last dims (a negative pad
    crops instead);  dz/da = grad with the padding cut off again: constant_pad_nd(grad, -pad)

    ``pad`` is PyTorch's flat list: (last dim left, last dim right, next-to-last left, ...)."""

    node_name = "ConstantPadNdBackward0"

    @staticmethod
    def forward(ctx, a, pad, value):
        ctx.pad = pad
        return constant_pad(a._data, pad, value)

    @staticmethod
    def backward(ctx, grad):
        return ConstantPadNd.apply(grad, [-p for p in ctx.pad], 0), None, None


def constant_pad(x, pad, value):
    """numpy: crop for the negative entries of ``pad``, then pad with ``value`` for the positive ones."""
    ndim = x.ndim
    crop = [slice(None)] * ndim
    widths = [(0, 0)] * ndim
    for i in range(len(pad) // 2):
        dim = ndim - 1 - i
        left, right = pad[2 * i], pad[2 * i + 1]
        size = x.shape[dim]
        if size + min(left, 0) + min(right, 0) < 0:
            raise RuntimeError("narrow(): length must be non-negative.")
        crop[dim] = slice(-min(left, 0), size - (-min(right, 0)))
        widths[dim] = (max(left, 0), max(right, 0))
    x = x[tuple(crop)]
    return np.pad(x, widths, constant_values=np.asarray(value).astype(x.dtype))


class VectorNorm(Function):
    """z = (sum |a|^p)^(1/p) over ``dims``;
    dz/da = sign(a) for p = 1,  a |a|^(p-2) / z^(p-1) otherwise (0 where z = 0)"""

    node_name = "LinalgVectorNormBackward0"

    @staticmethod
    def forward(ctx, a, p, dims, keepdim):
        x = a._data
        if p == 2:
            z = np.sqrt((x * x).sum(axis=dims, keepdims=keepdim))
        elif p == 1:
            z = np.abs(x).sum(axis=dims, keepdims=keepdim)
        else:
            z = (np.abs(x) ** np.asarray(p, x.dtype)).sum(axis=dims, keepdims=keepdim) \
                ** np.asarray(1 / p, x.dtype)
        ctx.save_for_backward(a, z)
        ctx.p, ctx.dims, ctx.keepdim = p, dims, keepdim
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        p = ctx.p
        if not ctx.keepdim:  # put the reduced dims back, as size 1, so that they broadcast
            for d in sorted(ctx.dims):
                grad, z = grad.unsqueeze(d), z.unsqueeze(d)
        if p == 1:
            return a.sign() * grad, None, None, None
        nonzero = z._data != 0
        safe_z = z + _constant(~nonzero, z)  # no 0/0: those entries are masked to 0 below
        if p == 2:
            return where_else_zero(nonzero, grad * (a / safe_z)), None, None, None
        scaled = a * a.abs().pow(p - 2) if p >= 1 else a.sign() * a.abs().pow(p - 1)
        return scaled * where_else_zero(nonzero, grad / safe_z.pow(p - 1)), None, None, None


class NormDim(VectorNorm):
    """torch.norm(a, p, dim): the same p-norm, recorded by PyTorch as NormBackward1."""

    node_name = "NormBackward1"


class ClampMin(Function):
    """z = max(a, min);  dz/da = 1 where a >= min, else 0"""

    node_name = "ClampMinBackward0"

    @staticmethod
    def forward(ctx, a, min):
        ctx.save_for_backward(a)
        ctx.min = min
        return np.maximum(a._data, np.asarray(min, a._data.dtype))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return where_else_zero(a._data >= ctx.min, grad), None


class AddScalar(Function):
    """z = a + c, c a Python number (PyTorch's add.Scalar, as its C++ code calls it: the node
    is AddBackward1 with one input, where Python's ``a + c`` records AddBackward0);  dz/da = 1"""

    node_name = "AddBackward1"

    @staticmethod
    def forward(ctx, a, c):
        return a._data + np.asarray(c, a._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad, None
