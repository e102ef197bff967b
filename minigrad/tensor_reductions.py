"""Tensor's reductions: sum, mean, max/min, argmax, var/std, softmax, norm, ... (torch.sum, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Each method calls one op
from ``minigrad/ops``; they also take numpy's keyword names (``axis``, ``keepdims``).
"""
import collections
import functools

import numpy as np

from . import ops
from .tensor_math import TensorMath, _dims

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


class TensorReductions:
    """Mixin of Tensor's reductions."""

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
