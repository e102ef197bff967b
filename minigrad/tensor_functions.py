"""Tensor's math functions: elementwise math, matrix products and random fills (the
reductions are in tensor_reductions.py).

A mixin of ``Tensor``, like ``TensorMath`` (operators and arithmetic, tensor_math.py) and
``TensorShape`` (tensor_shape.py). Each method calls one op from ``minigrad/ops``.
"""
import numpy as np

from . import _dtype, ops
from .tensor_math import TensorMath, _check_broadcast, _need_tensor, _wrap






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
        return self._inplace(type(self).relu)

    def sigmoid_(self):
        """1 / (1 + e^-self), written into self (Tensor.sigmoid_)."""
        return self._inplace(type(self).sigmoid)

    def tanh_(self):
        """tanh(self), written into self (Tensor.tanh_)."""
        return self._inplace(type(self).tanh)

    def exp_(self):
        """e^self, written into self (Tensor.exp_)."""
        return self._inplace(type(self).exp)

    def log_(self):
        """ln(self), written into self (Tensor.log_)."""
        return self._inplace(type(self).log)

    def sqrt_(self):
        """sqrt(self), written into self (Tensor.sqrt_)."""
        return self._inplace(type(self).sqrt)

    def abs_(self):
        """|self|, written into self (Tensor.abs_)."""
        return self._inplace(type(self).abs)

    def neg_(self):
        """-self, written into self (Tensor.neg_)."""
        return self._inplace(type(self).neg)

    negative_ = neg_

    def sin_(self):
        """sin(self), written into self (Tensor.sin_)."""
        return self._inplace(type(self).sin)

    def cos_(self):
        """cos(self), written into self (Tensor.cos_)."""
        return self._inplace(type(self).cos)

    def reciprocal_(self):
        """1 / self, written into self (Tensor.reciprocal_)."""
        return self._inplace(type(self).reciprocal)

    def square_(self):
        """self ** 2, written into self (Tensor.square_; recorded as PowBackward0)."""
        return self._inplace(type(self).square)

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


def _rounded(t, name, op):
    """floor/ceil/round/trunc: integers are already whole (a copy); bools are an error."""
    if t._data.dtype == np.bool_:
        raise NotImplementedError(f"\"{name}_vml_cpu\" not implemented for 'Bool'")
    if t._data.dtype.kind != "f":
        return type(t)._make(t._data.copy())
    return op.apply(t)













