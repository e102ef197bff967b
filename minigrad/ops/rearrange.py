"""Rearranging elements: split/chunk/unbind into pieces, flip, roll, repeat.

The pieces of ``split``, ``chunk`` and ``unbind`` are views of the input, like slices: each
piece's backward puts its gradient back at the piece's place, in zeros. (PyTorch records one
node with several outputs; minigrad records one node per piece, with the same name.)
"""
import numpy as np

from ..autograd.function import Function
from .indexing import _Read
from .shape import ViewFunction


class Split(ViewFunction, _Read):
    """One piece of ``split(size, dim)`` or ``chunk``: z = a[..., start:stop, ...]"""

    node_name = "SplitBackward0"


class SplitWithSizes(ViewFunction, _Read):
    """One piece of ``split([sizes], dim)``: z = a[..., start:stop, ...]"""

    node_name = "SplitWithSizesBackward0"


class Unbind(ViewFunction, _Read):
    """One piece of ``unbind(dim)``: z = a[..., i, ...]"""

    node_name = "UnbindBackward0"


class Flip(Function):
    """z = a with the order of elements reversed along ``dims``;  grad_a = grad flipped back"""

    node_name = "FlipBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        return np.flip(a._data, dims).copy()  # a copy, as in PyTorch (numpy gives a view)

    @staticmethod
    def backward(ctx, grad):
        return grad.flip(ctx.dims), None


class Roll(Function):
    """z = a shifted by ``shifts`` along ``dims``, elements pushed off one end coming back at
    the other (the flattened tensor if ``dims`` is None);  grad_a = grad rolled back"""

    node_name = "RollBackward0"

    @staticmethod
    def forward(ctx, a, shifts, dims):
        ctx.shifts, ctx.dims = shifts, dims
        return np.roll(a._data, shifts, axis=dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.roll([-s for s in ctx.shifts], ctx.dims), None, None


class Repeat(Function):
    """z = a tiled ``sizes[d]`` times along each dimension d;  grad_a = the sum of the gradient
    over all the copies"""

    node_name = "RepeatBackward0"

    @staticmethod
    def forward(ctx, a, sizes):
        ctx.shape, ctx.sizes = a.shape, sizes
        return np.tile(a._data, sizes)

    @staticmethod
    def backward(ctx, grad):
        shape = (1,) * (len(ctx.sizes) - len(ctx.shape)) + tuple(ctx.shape)
        # Dimension d of grad holds sizes[d] copies of shape[d] elements: split it in two.
        copies_and_elements = [n for pair in zip(ctx.sizes, shape) for n in pair]
        copies = tuple(range(0, len(copies_and_elements), 2))
        return grad.reshape(copies_and_elements).sum(copies).reshape(ctx.shape), None
