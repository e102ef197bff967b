"""Torch-level functions (``torch.exp(x)``, ``torch.cat([...])``, ...): each calls the Tensor
method or op of the same name."""
import numpy as np

from . import _dtype, ops
from .creation import tensor as _tensor
from .tensor import Tensor
from .tensor_math import _check_broadcast, _need_tensor, _wrap
from .tensor_shape import _axis_alias


def _method(name, doc):
    def function(input, *args, **kwargs):
        return getattr(input, name)(*args, **kwargs)

    function.__name__ = name
    function.__doc__ = doc
    return function


exp = _method("exp", "e to the power of each element (torch.exp).")
log = _method("log", "Natural logarithm of each element (torch.log).")
sin = _method("sin", "Sine of each element (torch.sin).")
cos = _method("cos", "Cosine of each element (torch.cos).")
tanh = _method("tanh", "Hyperbolic tangent of each element (torch.tanh).")
sigmoid = _method("sigmoid", "Logistic sigmoid of each element (torch.sigmoid).")
relu = _method("relu", "max(x, 0) for each element (torch.relu).")
sqrt = _method("sqrt", "Square root of each element (torch.sqrt).")
abs = _method("abs", "Absolute value of each element (torch.abs).")
sign = _method("sign", "Sign of each element (torch.sign).")
clamp = _method("clamp", "Limit each element to [min, max] (torch.clamp).")
clip = clamp
sum = _method("sum", "Sum of elements, optionally over dim (torch.sum).")
mean = _method("mean", "Mean of elements, optionally over dim (torch.mean).")
max = _method("max", "Largest element, or (values, indices) over dim (torch.max).")
min = _method("min", "Smallest element, or (values, indices) over dim (torch.min).")
amax = _method("amax", "Largest elements over dim (torch.amax).")
amin = _method("amin", "Smallest elements over dim (torch.amin).")
argmax = _method("argmax", "Index of the largest element (torch.argmax).")
argmin = _method("argmin", "Index of the smallest element (torch.argmin).")
softmax = _method("softmax", "exp(x) / sum(exp(x)) along dim (torch.softmax).")
log_softmax = _method("log_softmax", "x - log(sum(exp(x))) along dim (torch.log_softmax).")
reshape = _method("reshape", "The same values in another shape (torch.reshape).")
flatten = _method("flatten", "Flatten dims start_dim..end_dim into one (torch.flatten).")
squeeze = _method("squeeze", "Remove size-1 dimensions (torch.squeeze).")
unsqueeze = _method("unsqueeze", "Insert a size-1 dimension (torch.unsqueeze).")
transpose = _method("transpose", "Swap two dimensions (torch.transpose).")
permute = _method("permute", "Reorder dimensions (torch.permute).")
t = _method("t", "Transpose a matrix (torch.t).")
mm = _method("mm", "Matrix product of two matrices (torch.mm).")
mv = _method("mv", "Matrix-vector product (torch.mv).")
neg = _method("neg", "-x (torch.neg).")
clone = _method("clone", "A copy that gradients flow back through (torch.clone).")
var = _method("var", "Variance, unbiased by default (torch.var).")
std = _method("std", "Standard deviation, unbiased by default (torch.std).")
norm = _method("norm", "The 2-norm of the elements (torch.norm).")
square = _method("square", "x * x (torch.square).")
masked_fill = _method("masked_fill", "Fill elements where mask is True (torch.masked_fill).")
numel = _method("numel", "Number of elements (torch.numel).")
reciprocal = _method("reciprocal", "1 / x (torch.reciprocal).")
narrow = _method("narrow", "A slice of length `length` along dim (torch.narrow).")
select = _method("select", "One index along dim, removing that dim (torch.select).")
prod = _method("prod", "Product of elements, optionally along dim (torch.prod).")
cumsum = _method("cumsum", "Running sum along dim (torch.cumsum).")
logsumexp = _method("logsumexp", "log(sum(exp(x))) over dim, without overflow (torch.logsumexp).")
split = _method("split", "Views of consecutive pieces along dim (torch.split).")
chunk = _method("chunk", "At most `chunks` views of equal size along dim (torch.chunk).")
unbind = _method("unbind", "The slices along dim, without that dim (torch.unbind).")
flip = _method("flip", "Reverse the order of elements along dims (torch.flip).")
roll = _method("roll", "Shift elements along dims, wrapping around (torch.roll).")
gather = _method("gather", "Elements read at index along dim (torch.gather).")
scatter = _method("scatter", "A copy with src written at index along dim (torch.scatter).")
scatter_add = _method("scatter_add", "A copy with src added at index (torch.scatter_add).")
index_select = _method("index_select", "The positions index along dim (torch.index_select).")
masked_select = _method("masked_select", "The elements where mask is True (torch.masked_select).")
tril = _method("tril", "Zero the elements above a diagonal (torch.tril).")
triu = _method("triu", "Zero the elements below a diagonal (torch.triu).")
diag = _method("diag", "A matrix's diagonal, or a diagonal matrix from a vector (torch.diag).")
nonzero = _method("nonzero", "Indices of the nonzero elements (torch.nonzero).")
log1p = _method("log1p", "ln(1 + x), accurate for small x (torch.log1p).")
expm1 = _method("expm1", "e^x - 1, accurate for small x (torch.expm1).")
log2 = _method("log2", "Base-2 logarithm of each element (torch.log2).")
log10 = _method("log10", "Base-10 logarithm of each element (torch.log10).")
rsqrt = _method("rsqrt", "1 / sqrt(x) (torch.rsqrt).")
tan = _method("tan", "Tangent of each element (torch.tan).")
atan = arctan = _method("atan", "Arctangent of each element (torch.atan).")
asin = arcsin = _method("asin", "Arcsine of each element (torch.asin).")
acos = arccos = _method("acos", "Arccosine of each element (torch.acos).")
sinh = _method("sinh", "Hyperbolic sine of each element (torch.sinh).")
cosh = _method("cosh", "Hyperbolic cosine of each element (torch.cosh).")
erf = _method("erf", "The error function of each element (torch.erf).")
floor = _method("floor", "Round down to an integer (torch.floor).")
ceil = _method("ceil", "Round up to an integer (torch.ceil).")
round = _method("round", "Round to the nearest integer, halves to even (torch.round).")
trunc = fix = _method("trunc", "Round towards zero (torch.trunc).")
frac = _method("frac", "x - trunc(x) (torch.frac).")
isnan = _method("isnan", "True where an element is nan (torch.isnan).")
isinf = _method("isinf", "True where an element is +-inf (torch.isinf).")
isfinite = _method("isfinite", "True where an element is neither inf nor nan (torch.isfinite).")
logical_not = _method("logical_not", "True where an element is zero (torch.logical_not).")
eq = _method("eq", "input == other elementwise (torch.eq).")
ne = _method("ne", "input != other elementwise (torch.ne).")
lt = _method("lt", "input < other elementwise (torch.lt).")
le = _method("le", "input <= other elementwise (torch.le).")
gt = _method("gt", "input > other elementwise (torch.gt).")
ge = _method("ge", "input >= other elementwise (torch.ge).")
bmm = _method("bmm", "Matrix products of two batches of matrices (torch.bmm).")
bitwise_not = _method("bitwise_not", "~x for integer and bool tensors (torch.bitwise_not).")
diagonal = _method("diagonal", "A view of the diagonal of dims dim1 and dim2 (torch.diagonal).")
outer = ger = _method("outer", "Outer product of two vectors (torch.outer).")


def _first_tensor(a, b):
    return a if isinstance(a, Tensor) else _wrap(a, b)


def add(input, other, alpha=1):
    """input + alpha * other (torch.add)."""
    return _first_tensor(input, other).add(other, alpha=alpha)


def sub(input, other, alpha=1):
    """input - alpha * other (torch.sub)."""
    return _first_tensor(input, other).sub(other, alpha=alpha)


def mul(input, other):
    """input * other (torch.mul)."""
    return _first_tensor(input, other) * other


def div(input, other):
    """input / other (torch.div)."""
    return _first_tensor(input, other) / other


def pow(input, exponent):
    """input ** exponent (torch.pow); ``input`` may be a number."""
    if isinstance(input, Tensor):
        return input**exponent
    return exponent.__rpow__(input)


def remainder(input, other):
    """input - floor(input / other) * other, with other's sign, as Python's ``%``
    (torch.remainder); ``input`` may be a number."""
    if isinstance(input, Tensor):
        return input % other
    if not isinstance(other, Tensor):
        got = f"{type(input).__name__}, {type(other).__name__}"
        raise TypeError(
            f"remainder() received an invalid combination of arguments - got ({got}), but "
            "expected one of:\n * (Tensor input, Tensor other, *, Tensor out = None)\n"
            " * (Number self, Tensor other)\n      didn't match because some of the arguments "
            f"have invalid types: ({', '.join([f'!{n}!' for n in got.split(', ')])})\n"
            " * (Tensor input, Number other, *, Tensor out = None)\n")
    return other.__rmod__(input)


def floor_divide(input, other):
    """floor(input / other) elementwise, as Python's ``//`` (torch.floor_divide); ``input``
    may be a number."""
    if isinstance(input, Tensor):
        return input // other
    if not isinstance(other, Tensor):  # two numbers: PyTorch makes the first a tensor
        return _tensor(input) // other
    return other.__rfloordiv__(input)


def matmul(input, other):
    """Matrix product with dispatch on dimensions (torch.matmul)."""
    _need_tensor("matmul", input, "input", 1)
    _need_tensor("matmul", other, "other", 2)
    return ops.matmul(input, other)


def dot(input, tensor):
    """Dot product of two 1-D tensors (torch.dot)."""
    _need_tensor("dot", input, "input", 1)
    _need_tensor("dot", tensor, "tensor", 2)
    return input.dot(tensor)


def maximum(input, other):
    """Elementwise maximum of two tensors (torch.maximum); both must be tensors."""
    _need_tensor("maximum", input, "input", 1)
    _need_tensor("maximum", other, "other", 2)
    return input.maximum(other)


def minimum(input, other):
    """Elementwise minimum of two tensors (torch.minimum); both must be tensors."""
    _need_tensor("minimum", input, "input", 1)
    _need_tensor("minimum", other, "other", 2)
    return input.minimum(other)


def where(condition, input=None, other=None):
    """Elements of ``input`` where ``condition``, else of ``other`` (torch.where)."""
    if input is None:
        return tuple([Tensor._make(i) for i in np.nonzero(condition._data)])
    like = input if isinstance(input, Tensor) else other
    input, other = _wrap(input, like), _wrap(other, like)
    _check_broadcast(condition, input)
    _check_broadcast(condition, other)
    _check_broadcast(input, other)
    return ops.Where.apply(np.asarray(condition._data, dtype=bool), input, other)


@_axis_alias  # torch.cat(tensors, axis=0) too
def cat(tensors, dim=0):
    """Join tensors along an existing dimension (torch.cat).

    As in PyTorch, 1-D empty tensors are skipped whatever the others' shapes, so a loop can
    start from ``torch.zeros(0)``; the result has the promoted dtype of all the tensors.
    """
    tensors = list(tensors)
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    joined = [(i, t) for i, t in enumerate(tensors) if not ops.shape.skipped_by_cat(t)]
    np_dtype = tensors[0]._data.dtype
    for t in tensors[1:]:
        np_dtype = _dtype.promote_types(np_dtype, t._data.dtype)
    if joined:
        first = joined[0][1]
        dim = first._dim(dim)
        for i, t in joined[1:]:
            if t.ndim != first.ndim:
                raise RuntimeError(
                    f"Tensors must have same number of dimensions: got {first.ndim} and {t.ndim}")
            for d, (m, n) in enumerate(zip(first.shape, t.shape)):
                if d != dim and m != n:
                    raise RuntimeError(
                        f"Sizes of tensors must match except in dimension {dim}. Expected size "
                        f"{m} but got size {n} for tensor number {i} in the list."
                    )
    return ops.Cat.apply(dim, np_dtype, *tensors)


concat = concatenate = cat


def stack(tensors, dim=0):
    """Join tensors along a new dimension (torch.stack)."""
    tensors = list(tensors)
    for i, t in enumerate(tensors[1:], 1):
        if t.shape != tensors[0].shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(tensors[0].shape)} at "
                f"entry 0 and {list(t.shape)} at entry {i}"
            )
    ndim = tensors[0].ndim + 1
    return ops.Stack.apply(dim % ndim, *tensors)


def argwhere(input):
    """Indices of the nonzero elements, one row per element (torch.argwhere)."""
    return input.nonzero()


def is_tensor(obj):
    """True if ``obj`` is a minigrad Tensor (torch.is_tensor)."""
    return isinstance(obj, Tensor)


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True if all elements are close (torch.allclose)."""
    return bool(np.allclose(input._data, other._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def equal(input, other):
    """True if both tensors have the same shape and values (torch.equal)."""
    return input.shape == other.shape and bool(np.array_equal(input._data, other._data))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return Tensor._make(np.isclose(input._data, other._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def einsum(*args):
    """Sum of products of the operands' elements, named by subscripts (torch.einsum).

    Each operand gets one letter per dimension; a letter shared by operands multiplies them
    along that dimension, and a letter missing from the output (after ``->``) is summed.
    Without ``->`` the output is the letters seen once, in alphabetical order (implicit
    mode). ``...`` stands for the remaining dimensions, broadcast across operands.
    PyTorch records einsum as several nodes (permute, bmm, sum...); minigrad records one,
    ``EinsumBackward0``, whose backward is itself an einsum.

    Args:
        equation (str): the subscripts, e.g. ``"ij,jk->ik"``.
        *operands (Tensor): one tensor per operand (or a single list of them).

    Returns:
        Tensor: the result, with the output's subscripts as dimensions.

    Example:
        >>> a, b = torch.ones(2, 3), torch.ones(3, 4)
        >>> torch.einsum("ij,jk->ik", a, b).shape   # a @ b
        torch.Size([2, 4])
        >>> torch.einsum("ii", torch.eye(3))        # trace
        tensor(3.)
    """
    from .ops.einsum import einsum as _einsum

    equation, operands = (args[0], args[1:]) if args else (None, ())
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise ValueError("einsum(): must specify the equation string and at least one operand, "
                         "or at least one operand and its subscripts list")
    if not isinstance(equation, str):
        raise NotImplementedError("einsum(): minigrad does not support the sublist format "
                                  "einsum(op1, [0, 1], op2, [1, 2]); use an equation string")
    return _einsum(equation, operands)
