"""Indexing with index tensors: gather, scatter, scatter_add, index_select, masked_select;
and the triangles and diagonals of matrices: tril, triu, diag.

gather and scatter_add are each other's backward: gather reads a[index] along a dimension, so
its gradient adds grad into zeros at index (scatter_add); scatter_add's gradient for ``src``
reads grad at index again (gather). The ops that read with a numpy key reuse indexing's
``_Read``: their backward puts the gradient back where the elements came from.
"""
import numpy as np

from ..autograd.function import Function
from .indexing import IndexBackward, _Read


def index_key(index, dim):
    """numpy's key for the elements that ``gather(dim, index)`` reads: along ``dim`` the value
    in ``index``, along every other dimension the index element's own position.

    For dim 0 of a matrix:  z[i][j] = a[index[i][j]][j]."""
    key = list(np.indices(index.shape, sparse=True))
    key[dim] = index
    return tuple(key)


class Gather(Function):
    """z = a read at ``index`` along ``dim``;  grad_a = zeros with grad added at index"""

    node_name = "GatherBackward0"

    @staticmethod
    def forward(ctx, a, dim, index):  # index: a numpy int array
        ctx.shape, ctx.dim, ctx.index = a.shape, dim, index
        return a._data[index_key(index, dim)]

    @staticmethod
    def backward(ctx, grad):
        zeros = grad.new_zeros(ctx.shape)
        return ScatterAdd.apply(zeros, ctx.dim, ctx.index, grad), None, None


class ScatterAdd(Function):
    """z = a with src added at ``index`` along ``dim``;  grad_a = grad,  grad_src = grad read
    at index (gather)"""

    node_name = "ScatterAddBackward0"

    @staticmethod
    def forward(ctx, a, dim, index, src):
        ctx.dim, ctx.index = dim, index
        z = a._data.copy()
        # np.add.at, not +=: it adds twice where an index repeats
        np.add.at(z, index_key(index, dim), src._data[_region(index)])
        return z

    @staticmethod
    def backward(ctx, grad):
        return grad, None, None, Gather.apply(grad, ctx.dim, ctx.index)


class Scatter(Function):
    """z = a with src written at ``index`` along ``dim``;  grad_a = grad with zeros where a was
    overwritten,  grad_src = grad read at index (gather)"""

    node_name = "ScatterBackward0"

    @staticmethod
    def forward(ctx, a, dim, index, src):
        ctx.dim, ctx.index = dim, index
        z = a._data.copy()
        z[index_key(index, dim)] = src._data[_region(index)]
        return z

    @staticmethod
    def backward(ctx, grad):
        grad_a = ScatterValue.apply(grad, ctx.dim, ctx.index, 0)
        return grad_a, None, None, Gather.apply(grad, ctx.dim, ctx.index)


class ScatterValue(Function):
    """z = a with the number ``value`` written at ``index`` along ``dim``;  grad_a = grad with
    zeros where a was overwritten"""

    node_name = "ScatterBackward1"

    @staticmethod
    def forward(ctx, a, dim, index, value):
        ctx.dim, ctx.index = dim, index
        z = a._data.copy()
        z[index_key(index, dim)] = value
        return z

    @staticmethod
    def backward(ctx, grad):
        return ScatterValue.apply(grad, ctx.dim, ctx.index, 0), None, None, None


def _region(index):
    """The corner of ``src`` that scatter uses: src may be larger than index."""
    return tuple([slice(0, n) for n in index.shape])


def check_index(name, a, dim, index, src=None):
    """PyTorch's errors for the ``index`` (and ``src``) of gather, scatter and scatter_add."""
    if index.dtype.kind not in "iu":
        raise RuntimeError(f"{name}(): Expected dtype int32/int64 for index")
    if src is not None and src.dtype != a.dtype:
        raise RuntimeError(f"{name}(): Expected self.dtype to be equal to src.dtype")
    if index.ndim != max(a.ndim, 1) and index.size:
        other = "input" if name == "gather" else "self"
        raise RuntimeError(
            f"Index tensor must have the same number of dimensions as {other} tensor")
    for d in range(index.ndim if a.ndim else 0):
        too_large = d != dim and index.shape[d] > a.shape[d]
        if too_large or (src is not None and index.shape[d] > src.shape[d]):
            message = (f"expected index {list(index.shape)} to be no larger than self "
                       f"{list(a.shape)} apart from dimension {dim}")
            if src is not None:
                raise RuntimeError(message.replace("expected", "Expected") + " and to be no "
                                   f"larger size than src {list(src.shape)}")
            if name == "gather":
                raise RuntimeError(f"Size does not match at dimension {d} {message}")
            raise RuntimeError(message.replace("expected", "Expected"))
    size = a.shape[dim] if a.ndim else 1
    bad = index[(index >= size) | (index < 0)]
    if bad.size:
        raise RuntimeError(f"index {bad.flat[0]} is out of bounds for dimension {dim} with size "
                           f"{size}")


class IndexSelect(_Read):
    """z = a[..., index, ...]: the positions in ``index`` along one dimension"""

    node_name = "IndexSelectBackward0"


class MaskedSelect(_Read):
    """z = a[mask]: the elements where ``mask`` is True, as a 1-D tensor"""

    node_name = "MaskedSelectBackward0"


class Diagonal(_Read):
    """z = the diagonal of a matrix, ``diagonal`` places above (below if negative) the main one"""

    node_name = "DiagonalBackward0_copy"


class DiagEmbed(IndexBackward):
    """z = a square matrix of zeros with the vector ``a`` on one of its diagonals;
    grad_a = that diagonal of grad"""

    node_name = "DiagEmbedBackward0"


def diagonal_key(rows, columns, diagonal):
    """numpy's key for the elements of one diagonal of a (rows x columns) matrix."""
    first_row, first_column = max(-diagonal, 0), max(diagonal, 0)
    i = np.arange(max(min(rows - first_row, columns - first_column), 0))
    return first_row + i, first_column + i


class Tril(Function):
    """z = a with the elements above diagonal ``diagonal`` set to 0;  grad_a = grad, likewise"""

    node_name = "TrilBackward0"

    @staticmethod
    def forward(ctx, a, diagonal):
        ctx.diagonal = diagonal
        return np.tril(a._data, diagonal)

    @staticmethod
    def backward(ctx, grad):
        return grad.tril(ctx.diagonal), None


class Triu(Function):
    """z = a with the elements below diagonal ``diagonal`` set to 0;  grad_a = grad, likewise"""

    node_name = "TriuBackward0"

    @staticmethod
    def forward(ctx, a, diagonal):
        ctx.diagonal = diagonal
        return np.triu(a._data, diagonal)

    @staticmethod
    def backward(ctx, grad):
        return grad.triu(ctx.diagonal), None
