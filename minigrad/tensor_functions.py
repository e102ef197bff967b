"""Tensor's math functions: elementwise math, reductions, matrix products and random fills.

A mixin of ``Tensor``, like ``TensorMath`` (operators and arithmetic, tensor_math.py) and
``TensorShape`` (tensor_shape.py). Each method calls one op from ``minigrad/ops``.
"""
import collections
import functools

import numpy as np

from . import _dtype, ops
from .tensor_math import TensorMath, _check_broadcast, _dims, _need_tensor, _wrap


def _return_type(name):
    """A (values, indices) named tuple that prints like PyTorch's torch.return_types.max."""
    base = collections.namedtuple(name, ["values", "indices"])

    def __repr__(self):
        return f"torch.return_types.{name}(\nvalues={self.values!r},\nindices={self.indices!r})"

    return type(name, (base,), {"__repr__": __repr__, "__slots__": ()})


_MaxResult, _MinResult = _return_type("max"), _return_type("min")


def _numpy_names(method):
    """Let a reduction take numpy's keyword names too, ``axis`` for ``dim`` and ``keepdims`` for
    ``keepdim``, as PyTorch's do (``x.sum(axis=0)``)."""
    @functools.wraps(method)
    def with_numpy_names(self, *args, **kwargs):
        if "axis" in kwargs:
            kwargs["dim"] = kwargs.pop("axis")
        if "keepdims" in kwargs:
            kwargs["keepdim"] = kwargs.pop("keepdims")
        return method(self, *args, **kwargs)

    return with_numpy_names


class TensorFunctions:
    """Mixin of Tensor's math functions (``x.exp()``, ``x.sum(dim)``, ``x.softmax(dim)``...)."""

    # -- elementwise math ------------------------------------------------------------------
    def exp(self):
        return ops.Exp.apply(self)

    def log(self):
        return ops.Log.apply(self)

    def sin(self):
        return ops.Sin.apply(self)

    def cos(self):
        return ops.Cos.apply(self)

    def tanh(self):
        return ops.Tanh.apply(self)

    def sigmoid(self):
        return ops.Sigmoid.apply(self)

    def relu(self):
        if self._data.dtype == np.bool_:
            raise RuntimeError("Boolean inputs not supported for relu")
        return ops.Relu.apply(self)

    def sqrt(self):
        return ops.Sqrt.apply(self)

    def abs(self):
        if self._data.dtype == np.bool_:
            raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
        return ops.Abs.apply(self)

    def sign(self):
        """The sign of each element (-1, 0 or 1); its gradient is zero (SignBackward0)."""
        if self._data.dtype == np.bool_:  # numpy has no sign for bools; a bool is its own sign
            return type(self)._make(self._data.copy())
        return ops.elementwise.Sign.apply(self)

    def sgn(self):
        """sign(x) for real tensors (torch.sgn, which also covers complex numbers); recorded as
        SgnBackward0, as abs's and the 1-norm's backward use it."""
        if self._data.dtype == np.bool_:
            return type(self)._make(self._data.copy())
        return ops.elementwise.Sgn.apply(self)

    def clamp(self, min=None, max=None):
        """Limit values to [min, max] (torch.clamp)."""
        if min is None and max is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        if self._data.dtype.kind != "f":
            # number bounds promote an int/bool tensor like operands do (clamp(int, 0.5) is float)
            dtype = self._data.dtype
            for bound in (min, max):
                if bound is not None and not isinstance(bound, TensorMath):
                    dtype = _dtype.promote_types(dtype, _wrap(bound, self)._data.dtype)
            if dtype != self._data.dtype:
                return ops.Clamp.apply(self.to(_dtype.from_numpy_dtype(dtype)), min, max)
        return ops.Clamp.apply(self, min, max)

    clip = clamp

    def maximum(self, other):
        """Elementwise maximum of two tensors (torch.maximum); ``other`` must be a tensor."""
        _need_tensor("maximum", other, "other", 1)
        _check_broadcast(self, other)
        return ops.Maximum.apply(self, other)

    def minimum(self, other):
        """Elementwise minimum of two tensors (torch.minimum); ``other`` must be a tensor."""
        _need_tensor("minimum", other, "other", 1)
        _check_broadcast(self, other)
        return ops.Minimum.apply(self, other)

    def masked_fill(self, mask, value):
        return ops.MaskedFill.apply(self, np.asarray(_wrap(mask, self)._data, dtype=bool), value)

    def where(self, condition, other):
        """This tensor where ``condition``, else ``other`` (Tensor.where: torch.where(condition,
        self, other))."""
        from .functional import where

        return where(condition, self, other)

    # -- reductions -------------------------------------------------------------------------
    @_numpy_names
    def sum(self, dim=None, keepdim=False, dtype=None):
        """Sum of all elements, or over ``dim`` (torch.sum)."""
        t = self if dtype is None else self.to(dtype)
        if dim is None:
            return ops.Sum.apply(t)
        return ops.SumDim.apply(t, _dims(self, dim), keepdim)

    @_numpy_names
    def mean(self, dim=None, keepdim=False):
        """Mean of all elements, or over ``dim`` (torch.mean)."""
        if not self.dtype.is_floating_point:
            raise RuntimeError(
                "mean(): could not infer output dtype. Input dtype must be either a floating "
                f"point or complex dtype. Got: {self.dtype._legacy_name[:-6]}"
            )
        if dim is None:
            return ops.Mean.apply(self)
        return ops.MeanDim.apply(self, _dims(self, dim), keepdim)

    @_numpy_names
    def var(self, dim=None, unbiased=True, keepdim=False, *, correction=None):
        """Variance, with Bessel's correction by default (torch.var)."""
        _check_std_var_dtype(self)
        correction = (1 if unbiased else 0) if correction is None else correction
        return ops.Var.apply(self, _dims(self, dim), correction, keepdim)

    @_numpy_names
    def std(self, dim=None, unbiased=True, keepdim=False, *, correction=None):
        """Standard deviation, with Bessel's correction by default (torch.std)."""
        _check_std_var_dtype(self)
        correction = (1 if unbiased else 0) if correction is None else correction
        return ops.Std.apply(self, _dims(self, dim), correction, keepdim)

    def norm(self, p="fro", dim=None, keepdim=False):
        """The p-norm of all elements or along ``dim`` (torch.norm): (sum |x|^p)^(1/p), the
        Euclidean length for p = 2 or "fro", the largest |x| for p = inf."""
        if p == "fro":
            p = 2
        if isinstance(p, str) or p == float("-inf"):
            raise NotImplementedError(f"minigrad's norm computes vector p-norms, not p={p!r}")
        if self._data.dtype.kind != "f":
            raise RuntimeError("linalg.vector_norm: Expected a floating point or complex tensor as "
                               f"input. Got {self.dtype._legacy_name[:-6]}")
        return ops.Norm.apply(self, p, _dims(self, dim), keepdim)

    def square(self):
        """self ** 2 (torch.square; a bool tensor gives int64)."""
        return self**2

    @_numpy_names
    def max(self, dim=None, keepdim=False):
        """The largest element, or (values, indices) along ``dim`` (torch.max)."""
        if isinstance(dim, TensorMath):
            return self.maximum(dim)
        if dim is None:
            _check_not_empty(self, "max", RuntimeError)
            return ops.Max.apply(self)
        dim = self._dim(dim)
        _check_dims_not_empty(self, "max", (dim,))
        return _MaxResult(ops.MaxDim.apply(self, dim, keepdim), _arg(self, np.argmax, dim, keepdim))

    @_numpy_names
    def min(self, dim=None, keepdim=False):
        """The smallest element, or (values, indices) along ``dim`` (torch.min)."""
        if isinstance(dim, TensorMath):
            return self.minimum(dim)
        if dim is None:
            _check_not_empty(self, "min", RuntimeError)
            return ops.Min.apply(self)
        dim = self._dim(dim)
        _check_dims_not_empty(self, "min", (dim,))
        return _MinResult(ops.MinDim.apply(self, dim, keepdim), _arg(self, np.argmin, dim, keepdim))

    @_numpy_names
    def amax(self, dim=(), keepdim=False):
        """The largest elements over ``dim`` (all dims if empty); ties share the gradient
        evenly (torch.amax)."""
        return _amax_amin(self, "amax", ops.Amax, dim, keepdim)

    @_numpy_names
    def amin(self, dim=(), keepdim=False):
        """The smallest elements over ``dim`` (all dims if empty); ties share the gradient
        evenly (torch.amin)."""
        return _amax_amin(self, "amin", ops.Amin, dim, keepdim)

    @_numpy_names
    def argmax(self, dim=None, keepdim=False):
        """Index of the largest element (of the flattened tensor if no ``dim``) (torch.argmax)."""
        return _checked_arg(self, "argmax", np.argmax, dim, keepdim)

    @_numpy_names
    def argmin(self, dim=None, keepdim=False):
        """Index of the smallest element (of the flattened tensor if no ``dim``) (torch.argmin)."""
        return _checked_arg(self, "argmin", np.argmin, dim, keepdim)

    @_numpy_names
    def any(self, dim=None, keepdim=False):
        """True if any element (along ``dim``) is nonzero (torch.any)."""
        if dim is None:
            return type(self)._make(np.asarray(self._data.any()))
        axes = ops.reduce._axes(self, _dims(self, dim))  # one dim or a tuple of them
        return type(self)._make(self._data.any(axis=axes, keepdims=keepdim))

    @_numpy_names
    def all(self, dim=None, keepdim=False):
        """True if every element (along ``dim``) is nonzero (torch.all)."""
        if dim is None:
            return type(self)._make(np.asarray(self._data.all()))
        axes = ops.reduce._axes(self, _dims(self, dim))  # one dim or a tuple of them
        return type(self)._make(self._data.all(axis=axes, keepdims=keepdim))

    @_numpy_names
    def softmax(self, dim):
        """exp(x) / sum(exp(x)) along ``dim`` (torch.softmax); float tensors only."""
        dim = self._dim(dim)
        _check_softmax_dtype(self, "softmax", dim)
        return ops.Softmax.apply(self, dim)

    @_numpy_names
    def log_softmax(self, dim):
        """log(softmax(x)) along ``dim`` (torch.log_softmax); float tensors only."""
        dim = self._dim(dim)
        _check_softmax_dtype(self, "log_softmax", dim)
        return ops.LogSoftmax.apply(self, dim)

    @_numpy_names
    def prod(self, dim=None, keepdim=False, dtype=None):
        """Product of all elements, or along one ``dim`` (torch.prod)."""
        t = self if dtype is None else self.to(dtype)
        if dim is None:
            return ops.reduce_more.Prod.apply(t)
        return ops.reduce_more.ProdDim.apply(t, self._dim(dim), keepdim)

    @_numpy_names
    def cumsum(self, dim, dtype=None):
        """Running sum along ``dim``: z_i = a_0 + ... + a_i (torch.cumsum)."""
        t = self if dtype is None else self.to(dtype)
        return ops.reduce_more.Cumsum.apply(t, self._dim(dim))

    @_numpy_names
    def logsumexp(self, dim, keepdim=False):
        """log(sum(exp(x))) over ``dim``, without overflow (torch.logsumexp)."""
        return ops.reduce_more.Logsumexp.apply(self, _dims(self, dim), keepdim)

    # -- batched and outer products --------------------------------------------------------------
    def bmm(self, mat2):
        """Matrix products of two batches of matrices, (b, n, m) @ (b, m, p) (torch.bmm)."""
        if self.ndim != 3:
            raise RuntimeError("batch1 must be a 3D tensor")
        if mat2.ndim != 3:
            raise RuntimeError("batch2 must be a 3D tensor")
        if mat2.shape[:2] != (self.shape[0], self.shape[2]):
            raise RuntimeError(
                "Expected size for first two dimensions of batch2 tensor to be: "
                f"[{self.shape[0]}, {self.shape[2]}] but got: [{mat2.shape[0]}, {mat2.shape[1]}].")
        return ops.Matmul.apply(self, mat2)

    def outer(self, vec2):
        """z[i][j] = self[i] * vec2[j], computed as a column times a row (torch.outer)."""
        for name, v in (("self", self), ("vec2", vec2)):
            if v.ndim != 1:
                raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {v.ndim}-D")
        return self.reshape(-1, 1) * vec2

    ger = outer

    # -- more elementwise math (ops/elementwise_more.py) -----------------------------------------
    def log1p(self):
        return ops.elementwise_more.Log1p.apply(self)

    def expm1(self):
        return ops.elementwise_more.Expm1.apply(self)

    def log2(self):
        return ops.elementwise_more.Log2.apply(self)

    def log10(self):
        return ops.elementwise_more.Log10.apply(self)

    def rsqrt(self):
        return ops.elementwise_more.Rsqrt.apply(self)

    def tan(self):
        return ops.elementwise_more.Tan.apply(self)

    def atan(self):
        return ops.elementwise_more.Atan.apply(self)

    arctan = atan

    def asin(self):
        return ops.elementwise_more.Asin.apply(self)

    arcsin = asin

    def acos(self):
        return ops.elementwise_more.Acos.apply(self)

    arccos = acos

    def sinh(self):
        return ops.elementwise_more.Sinh.apply(self)

    def cosh(self):
        return ops.elementwise_more.Cosh.apply(self)

    def erf(self):
        return ops.elementwise_more.Erf.apply(self)

    def floor(self):
        return _rounded(self, "floor", ops.elementwise_more.Floor)

    def ceil(self):
        return _rounded(self, "ceil", ops.elementwise_more.Ceil)

    def trunc(self):
        return _rounded(self, "trunc", ops.elementwise_more.Trunc)

    fix = trunc

    def round(self, decimals=0):
        """Round to the nearest integer (halves to even) or to ``decimals`` places (torch.round)."""
        if decimals == 0:
            return _rounded(self, "round", ops.elementwise_more.Round)
        if self._data.dtype.kind != "f":
            raise NotImplementedError(
                f"\"round_cpu\" not implemented for '{self.dtype._legacy_name[:-6]}'")
        return ops.elementwise_more.RoundDecimals.apply(self, decimals)

    def frac(self):
        """self - trunc(self): the fractional part, with self's sign (torch.frac)."""
        if self._data.dtype.kind != "f":
            raise NotImplementedError(
                f"\"frac_cpu\" not implemented for '{self.dtype._legacy_name[:-6]}'")
        return ops.elementwise_more.Frac.apply(self)

    def isnan(self):
        return type(self)._make(np.isnan(self._data))

    def isinf(self):
        return type(self)._make(np.isinf(self._data))

    def isfinite(self):
        return type(self)._make(np.isfinite(self._data))

    def logical_not(self):
        return type(self)._make(np.logical_not(self._data))

    # -- in-place elementwise math: ``b.exp_()`` records ExpBackward0, as PyTorch -----------------
    def relu_(self):
        """max(self, 0), written into self (Tensor.relu_, torch.relu_)."""
        return _unary_inplace(self, type(self).relu)

    def sigmoid_(self):
        """1 / (1 + e^-self), written into self (Tensor.sigmoid_)."""
        return _unary_inplace(self, type(self).sigmoid)

    def tanh_(self):
        """tanh(self), written into self (Tensor.tanh_)."""
        return _unary_inplace(self, type(self).tanh)

    def exp_(self):
        """e^self, written into self (Tensor.exp_)."""
        return _unary_inplace(self, type(self).exp)

    def log_(self):
        """ln(self), written into self (Tensor.log_)."""
        return _unary_inplace(self, type(self).log)

    def sqrt_(self):
        """sqrt(self), written into self (Tensor.sqrt_)."""
        return _unary_inplace(self, type(self).sqrt)

    def abs_(self):
        """|self|, written into self (Tensor.abs_)."""
        return _unary_inplace(self, type(self).abs)

    def neg_(self):
        """-self, written into self (Tensor.neg_)."""
        return _unary_inplace(self, type(self).neg)

    negative_ = neg_

    def sin_(self):
        """sin(self), written into self (Tensor.sin_)."""
        return _unary_inplace(self, type(self).sin)

    def cos_(self):
        """cos(self), written into self (Tensor.cos_)."""
        return _unary_inplace(self, type(self).cos)

    def reciprocal_(self):
        """1 / self, written into self (Tensor.reciprocal_)."""
        return _unary_inplace(self, type(self).reciprocal)

    def square_(self):
        """self ** 2, written into self (Tensor.square_; recorded as PowBackward0)."""
        return _unary_inplace(self, type(self).square)

    # -- in-place random fills (used by nn.init) ------------------------------------------------
    def uniform_(self, a=0.0, b=1.0, generator=None):
        """Fill in place with values drawn uniformly from [a, b) (Tensor.uniform_)."""
        from .random import _generator

        if self._data.dtype.kind != "f":
            raise NotImplementedError("\"check_uniform_bounds\" not implemented for "
                                      f"'{self.dtype._legacy_name[:-6]}'")
        if a > b:
            raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                               f"from={a} > to={b}")
        return self._overwrite(_generator(generator).uniform(a, b, self.shape), ops.shape.Uniform)

    def normal_(self, mean=0.0, std=1.0, generator=None):
        """Fill in place with values drawn from N(mean, std^2) (Tensor.normal_)."""
        from .random import _generator

        if self._data.dtype.kind != "f":
            raise NotImplementedError("\"normal_kernel_cpu\" not implemented for "
                                      f"'{self.dtype._legacy_name[:-6]}'")
        if std < 0:
            raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
        return self._overwrite(_generator(generator).normal(mean, std, self.shape), ops.shape.Normal)


def _unary_inplace(t, method):
    """``t.exp_()``: run ``method`` (Tensor.exp) and write its result into t (Tensor._inplace).

    exp, sigmoid, tanh, relu, sqrt and reciprocal save their output for backward; for the
    in-place form that output *is* t, so the node is made to keep t itself (its memory and
    version): changing t in place again then makes backward fail, as in PyTorch."""
    old_node = t.grad_fn
    t._inplace(method)
    node = t.grad_fn
    if node is not old_node and t._base is None and node._saved:
        node._saved = tuple([(t.detach(), t._version_counter[0], True)
                             if saved is not None and saved[2] else saved
                             for saved in node._saved])
    return t


def _rounded(t, name, op):
    """floor/ceil/round/trunc: integers are already whole (a copy); bools are an error."""
    if t._data.dtype == np.bool_:
        raise NotImplementedError(f"\"{name}_vml_cpu\" not implemented for 'Bool'")
    if t._data.dtype.kind != "f":
        return type(t)._make(t._data.copy())
    return op.apply(t)


def _check_not_empty(t, name, error=IndexError, hint=" Specify the reduction dim with the "
                     "'dim' argument."):
    """PyTorch's error for reducing an empty tensor over all dims (there is no identity)."""
    if t._data.size == 0:
        raise error(f"{name}(): Expected reduction dim to be specified for input.numel() == 0."
                    + hint)


def _check_dims_not_empty(t, name, dims, shown=None):
    """PyTorch's error for reducing over a dim of size 0; ``shown``: the dims as the caller
    gave them (amax prints those, max and argmax the normalised ones)."""
    if t._data.size == 0:
        for d, given in zip(dims, shown or dims):
            if t._data.ndim and t._data.shape[d] == 0:
                raise IndexError(f"{name}(): Expected reduction dim {given} to have non-zero size.")


def _amax_amin(t, name, op, dim, keepdim):
    dims = _dims(t, dim) or None
    if dims is None:
        _check_not_empty(t, name, RuntimeError)
    else:
        _check_dims_not_empty(t, name, dims, (dim,) if isinstance(dim, (int, np.integer)) else dim)
    return op.apply(t, dims, keepdim)


def _arg(t, pick, dim, keepdim):
    """argmax/argmin over ``dim`` (a normalised int), or of the flattened tensor (dim None)."""
    if dim is None:
        return type(t)._make(np.asarray(pick(t._data), dtype=np.int64))
    return type(t)._make(pick(t._data, axis=dim, keepdims=keepdim))


def _checked_arg(t, name, pick, dim, keepdim):
    """argmax/argmin with PyTorch's errors: no bool input, no empty reduction."""
    if t._data.dtype == np.bool_:
        raise RuntimeError(f"{name}(): does not support bool input")
    if dim is None:
        _check_not_empty(t, name, hint="")
    else:
        dim = t._dim(dim)
        _check_dims_not_empty(t, name, (dim,))
    return _arg(t, pick, dim, keepdim)


def _check_std_var_dtype(t):
    if t._data.dtype.kind != "f":
        raise RuntimeError("std and var only support floating point and complex dtypes")


def _check_softmax_dtype(t, name, dim):
    """PyTorch's softmax kernels exist for floating point only; the error names the kernel."""
    if t._data.dtype.kind != "f":
        kernel = f"{name}_lastdim_kernel_impl" if dim >= t.ndim - 1 else f"{name}_kernel_impl"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{t.dtype._legacy_name[:-6]}'")
