"""More ops: cumprod, take, and the nodes that random draws record.

Most of the new shape functions (broadcast_to, movedim, unflatten, tile, repeat_interleave,
diff, meshgrid) need no op of their own: PyTorch builds them from expand, permute, view,
repeat, index_select and slices, and records those nodes, so minigrad calls the same ops
(see tensor_shape_more.py). What is left is here.
"""
import numpy as np

from ..autograd import function as _function
from ..autograd.function import Function
from .elementwise import where_else_zero
from .reduce import _sum_dtype


class Cumprod(Function):
    """z_k = a_0 * a_1 * ... * a_k along ``dim``;
    grad_a_i = sum over k >= i of grad_k * (the product of a_0..a_k without a_i)

    Without zeros in ``a`` that is (grad * z) summed from the end, divided by a_i (PyTorch's
    formula). With zeros the division is 0 / 0, so the products without a_i are built as a
    matrix instead: row i holds a with a_i replaced by 1, and its cumprod gives them all.
    """

    node_name = "CumprodBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        if a._data.ndim == 0:  # dim 0 of a 0-d tensor: a product of one number
            z = a._data.astype(_sum_dtype(a._data) or a._data.dtype)
        else:
            z = np.cumprod(a._data, axis=dim, dtype=_sum_dtype(a._data))
        ctx.save_for_backward(a, z)
        return z

    @staticmethod
    def backward(ctx, grad):
        a, z = ctx.saved_tensors
        dim = ctx.dim
        if a.ndim == 0 or a.shape[dim] <= 1:  # z = a: no product at all
            return grad, None
        if not (a._data == 0).any():
            return (grad * z).flip(dim).cumsum(dim).flip(dim) / a, None
        a_last, grad_last = a.movedim(dim, -1), grad.movedim(dim, -1)
        n = a_last.shape[-1]
        rows = a_last.unsqueeze(-2).expand(*a_last.shape[:-1], n, n)  # [..., i, j] = a_j
        without_i = rows.masked_fill(np.eye(n, dtype=bool), 1).cumprod(-1)
        later = np.triu(np.ones((n, n), dtype=bool))  # [i, k]: k >= i
        terms = where_else_zero(later, grad_last.unsqueeze(-2) * without_i)
        return terms.sum(-1).movedim(-1, dim), None


class Take(Function):
    """z = a.flatten()[index] (an index tensor of any shape);  grad_a = zeros with grad added
    at index (twice where an index repeats)"""

    node_name = "TakeBackward0"

    @staticmethod
    def forward(ctx, a, index):  # index: a numpy array of non-negative positions, checked
        ctx.shape, ctx.index = a.shape, index
        return a._data.reshape(-1)[index]

    @staticmethod
    def backward(ctx, grad):
        from .gather import ScatterAdd

        n = int(np.prod(ctx.shape))
        flat = ScatterAdd.apply(grad.new_zeros(n), 0, ctx.index.reshape(-1), grad.reshape(-1))
        return flat.reshape(ctx.shape), None


# -- random draws ---------------------------------------------------------------------------------
class Sampled(Function):
    """z = ``values``, random numbers drawn from distributions whose parameters are the
    tensor inputs (a mean, a std, a probability);  grad = 0 for every input.

    PyTorch does not differentiate through the draw: the parameters get a zero gradient.
    The subclasses only give the node its PyTorch name, which says which arguments were
    tensors (NormalBackward1: mean, NormalBackward2: std, NormalBackward3: both).
    """

    @staticmethod
    def forward(ctx, values, *tensors):
        ctx.inputs = [(t.shape, t._data.dtype) for t in tensors]
        return values

    @staticmethod
    def backward(ctx, grad):
        zeros = [_function.Tensor._make(np.zeros(shape, dtype)) for shape, dtype in ctx.inputs]
        return (None, *zeros)


class NormalMean(Sampled):
    """torch.normal(mean_tensor, std_number)"""

    node_name = "NormalBackward1"


class NormalStd(Sampled):
    """torch.normal(mean_number, std_tensor)"""

    node_name = "NormalBackward2"


class NormalMeanStd(Sampled):
    """torch.normal(mean_tensor, std_tensor)"""

    node_name = "NormalBackward3"


class Bernoulli(Sampled):
    """torch.bernoulli(p): 1 with probability p_i, else 0"""

    node_name = "BernoulliBackward0"


class BernoulliTensor_(Sampled):
    """x.bernoulli_(p_tensor), in place: inputs (x's old value, p)"""

    node_name = "BernoulliBackward1"


class BernoulliNumber_(Sampled):
    """x.bernoulli_(p_number), in place: input x's old value"""

    node_name = "BernoulliBackward2"
