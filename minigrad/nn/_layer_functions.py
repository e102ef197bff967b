"""Fused ops behind nn layers, one graph node each as in PyTorch: AddmmBackward0, ...

Same pattern as the core ops: ``forward`` computes with numpy, ``backward`` uses minigrad ops
only, so double backward works.
"""
import numpy as np

from ..autograd import Function
from ..ops.linalg import mm_backward
from ..tensor import Tensor


class Addmm(Function):
    """out = bias + mat1 @ mat2   (what Linear computes, with mat2 = weight.T)"""

    node_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx, bias, mat1, mat2):
        ctx.save_for_backward(mat1, mat2)
        out = mat1._data @ mat2._data
        if bias._data.shape == out.shape[-1:] and bias._data.dtype == out.dtype:  # nn.Linear's
            out += bias._data  # in place: one array fewer (the same sum as bias + out)
            return out
        return bias._data + out

    @staticmethod
    def backward(ctx, grad):
        mat1, mat2 = ctx.saved_tensors
        # bias's gradient is grad itself; the engine sums it over the batch (bias broadcast).
        return (grad,) + mm_backward(grad, mat1, mat2, *ctx.needs_input_grad[1:])


class Embedding(Function):
    """out = weight[indices]  (row lookup)

    Backward adds each row of ``grad`` into the row of ``weight`` it came from. Written as
    ``one_hot.T @ grad`` so it is made of minigrad ops (and a repeated index adds up).
    """

    node_name = "EmbeddingBackward0"

    @staticmethod
    def forward(ctx, weight, indices, padding_idx):
        ctx.indices, ctx.padding_idx = indices._data, padding_idx
        ctx.num_weights = weight.shape[0]
        return weight._data[indices._data]

    @staticmethod
    def backward(ctx, grad):
        flat = ctx.indices.reshape(-1)
        one_hot = np.zeros((flat.size, ctx.num_weights), dtype=grad._data.dtype)
        one_hot[np.arange(flat.size), flat] = 1
        if ctx.padding_idx is not None:
            one_hot[:, ctx.padding_idx] = 0  # the padding row never learns
        one_hot = Tensor._make(one_hot, False, None)
        rows = grad.reshape(flat.size, grad.shape[-1])
        return one_hot.t() @ rows, None, None
