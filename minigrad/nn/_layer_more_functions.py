"""Ops behind F.pad and F.pairwise_distance: ConstantPadNdBackward0, NormBackward1 (the p-norm
of ops.reduce.Norm under the name pairwise_distance records) and ClampMinBackward0.

``forward`` computes with numpy; ``backward`` uses minigrad ops only (double backward works).
"""
import numpy as np

from ..autograd import Function
from ..ops.elementwise import where_else_zero
from ..ops.reduce import Norm


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


class NormDim(Norm):
    """torch.norm(a, p, dim) as pairwise_distance calls it: ops.reduce.Norm's p-norm, which
    PyTorch records there as NormBackward1."""

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
