"""torch.linalg: norms of vectors and matrices.

``vector_norm`` sees its input as one long vector (or as a batch of vectors along ``dim``).
``norm`` picks, from ``ord`` and ``dim``, a vector norm or a matrix norm, as PyTorch does. All
vector norms are one op, ``ops.Norm`` (node ``LinalgVectorNormBackward0``); the matrix norms
minigrad computes are built from it: Frobenius is the 2-norm of all the entries, and the
1- and inf-norms are the largest column / row sum of |entries|.
"""
import numpy as np

from . import ops
from .creation import zeros
from .ops.reduce import _axes

INF = float("inf")
_MATRIX_ORDS = ("fro", "nuc", 1, -1, 2, -2, INF, -INF)


class _MinNorm(ops.Norm):
    """z = min |a| over ``dims`` (vector_norm with ord = -inf). Its gradient has the inf norm's
    formula (to the elements where |a| = z, split between ties, times sign(a)), so Norm's
    backward runs with p = inf."""

    node_name = "LinalgVectorNormBackward0"

    @staticmethod
    def forward(ctx, a, p, dims, keepdim):
        dims = _axes(a, dims)
        z = np.abs(a._data).min(axis=dims, keepdims=keepdim)
        ctx.save_for_backward(a, z)
        ctx.p, ctx.dims, ctx.keepdim = INF, dims, keepdim
        return z


def _check_floating(x, name):
    if x._data.dtype.kind != "f":
        raise RuntimeError(f"{name}: Expected a floating point or complex tensor as input. "
                           f"Got {x.dtype._legacy_name[:-6]}")


def _normalize_dims(x, dim):
    """``dim`` (None, an int or a sequence) as a tuple of dims >= 0, or None for all dims."""
    if dim is None:
        return None
    if not isinstance(dim, (tuple, list)):
        dim = (dim,)
    not_ints = [d for d in dim if not isinstance(d, (int, np.integer))]
    if not_ints:
        raise TypeError("linalg_vector_norm(): argument 'dim' (position 3) must be tuple of ints, "
                        f"not {type(not_ints[0]).__name__}")
    dims = tuple(x._dim(d) for d in dim)
    for d in dims:
        if dims.count(d) > 1:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
    return dims or None  # dim=() means every dim, as in PyTorch


def _ord_name(ord):
    """ord as PyTorch prints it in messages: 3 and 3.0 print as 3, 0.5 as 0.5."""
    return f"{ord:g}" if isinstance(ord, float) else str(ord)


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    """The vector ``ord``-norm of x (torch.linalg.vector_norm): (sum |x|^ord)^(1/ord) over
    ``dim`` (all elements if None, whatever x's shape). ord = inf gives max |x|, -inf min |x|,
    0 the number of nonzero elements.

    Args:
        x: a floating-point tensor.
        ord: a number (not a string: 'fro' is a matrix norm, see ``norm``).
        dim: an int or a tuple of ints, the dims to reduce; None for all.
        keepdim: keep the reduced dims, with size 1.
        dtype: if given, x is first converted to it.

    Example:
        >>> torch.linalg.vector_norm(torch.tensor([3.0, -4.0]))
        tensor(5.)
    """
    if not isinstance(ord, (int, float, np.integer, np.floating)):
        raise TypeError("linalg_vector_norm(): argument 'ord' (position 2) must be Number, "
                        f"not {type(ord).__name__}")
    if dtype is not None:
        x = x.to(dtype)
    _check_floating(x, "linalg.vector_norm")
    dims = _normalize_dims(x, dim)
    if ord < 0 or ord == INF:
        _check_not_empty(x, ord, dims)
    if ord == -INF:
        return _MinNorm.apply(x, ord, dims, keepdim)
    return ops.Norm.apply(x, ord, dims, keepdim)


def _check_not_empty(x, ord, dims):
    """max and min, hence the norms with ord < 0 or inf, have nothing to return for no
    elements: PyTorch refuses to reduce an empty dim with them."""
    if x.numel() == 0 and dims is None:
        raise RuntimeError(f"linalg.vector_norm cannot compute the {_ord_name(ord)} norm on an "
                           "empty tensor because the operation does not have an identity")
    for d in dims or ():
        if x.shape[d] == 0:  # (PyTorch's message lacks the space after the dim)
            raise RuntimeError(f"linalg.vector_norm cannot compute the {_ord_name(ord)} norm on "
                               f"the dimension {d}because this dimension is empty and the "
                               "operation does not have an identity")


def norm(x, ord=None, dim=None, keepdim=False, *, dtype=None):
    """A vector or matrix norm of x (torch.linalg.norm), chosen as PyTorch does:

    - ``dim`` an int (or one dim): the vector norm ``vector_norm(x, ord, dim)``;
    - ``dim`` two dims, or ``ord`` a string: the matrix norm of the matrices in those dims
      (the last two if ``dim`` is None);
    - ``dim`` and ``ord`` both None: the 2-norm of all elements (Frobenius for a matrix);
    - only ``ord`` given: x must be 1-D (a vector norm) or 2-D (a matrix norm).

    Matrix norms: 'fro' (sqrt of the sum of squares), 1 / -1 (largest / smallest column sum
    of |x|), inf / -inf (largest / smallest row sum). 'nuc', 2 and -2 need singular values,
    which minigrad does not compute: they raise NotImplementedError.

    Example:
        >>> torch.linalg.norm(torch.tensor([[1.0, -2.0], [3.0, 4.0]]), 1)
        tensor(6.)
    """
    if dim is not None:
        dims = (dim,) if isinstance(dim, (int, np.integer)) else tuple(dim)
        if len(dims) not in (1, 2):
            raise RuntimeError("linalg.norm: If dim is specified, it must be of length 1 or 2. "
                               f"Got {list(dims)}")
        if (len(dims) == 2 and ord is not None) or isinstance(ord, str):
            return matrix_norm(x, ord, dim, keepdim, dtype=dtype)
        return vector_norm(x, 2 if ord is None else ord, dims, keepdim, dtype=dtype)
    if ord is None:
        return vector_norm(x, 2, None, keepdim, dtype=dtype)
    if x.dim() not in (1, 2):
        raise RuntimeError("linalg.norm: If dim is not specified but ord is, the input must be "
                           f"1D or 2D. Got {x.dim()}D.")
    if x.dim() == 1 and not isinstance(ord, str):
        return vector_norm(x, ord, None, keepdim, dtype=dtype)
    return matrix_norm(x, ord, (-2, -1), keepdim, dtype=dtype)


def matrix_norm(x, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):
    """The matrix norm of the matrices of x in the two dims ``dim`` (torch.linalg.matrix_norm).

    'fro' is the 2-norm of the entries; 1 and -1 the largest and smallest column sum of |x|
    (the sum runs down dim[0]); inf and -inf the largest and smallest row sum. 'nuc', 2 and -2
    (from singular values) raise NotImplementedError.
    """
    if ord not in _MATRIX_ORDS:
        raise RuntimeError(f"linalg.matrix_norm: Order {_ord_name(ord)} not supported.")
    if dtype is not None:
        x = x.to(dtype)
    if x.dim() < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    _check_floating(x, "linalg.matrix_norm")
    if isinstance(dim, (int, np.integer)):
        dim = (dim,)
    if len(dim) != 2:
        raise RuntimeError("linalg.matrix_norm: dim must be a 2-tuple. Got "
                           + " ".join(str(d) for d in dim))
    dims = (x._dim(dim[0]), x._dim(dim[1]))
    if dims[0] == dims[1]:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got {dims}")
    if ord == "fro":
        return vector_norm(x, 2, dims, keepdim)
    if ord in ("nuc", 2, -2):
        raise NotImplementedError(f"minigrad's linalg.matrix_norm does not compute ord={ord!r}: "
                                  "it needs singular values")
    # ord = +-1: sum |x| down the columns (dims[0]), then the max / min over dims[1];
    # ord = +-inf: the same along the rows.
    sum_dim, pick_dim = dims if abs(ord) == 1 else dims[::-1]
    sums = vector_norm(x, 1, sum_dim, keepdim)
    if not keepdim and pick_dim > sum_dim:
        pick_dim -= 1  # sum_dim is gone
    if ord > 0 and sums.shape[pick_dim] == 0:  # the max of no sums: PyTorch gives 0, no graph
        shape = list(sums.shape)
        shape[pick_dim:pick_dim + 1] = [1] if keepdim else []
        return zeros(shape, dtype=x.dtype)
    return sums.amax(pick_dim, keepdim) if ord > 0 else sums.amin(pick_dim, keepdim)
