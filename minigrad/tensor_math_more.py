"""Tensor methods for more elementwise and binary math (lerp, addcmul, atan2, clamp_min, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Each method calls one op
from ``minigrad/ops``; the ``torch.*`` functions are in functional_math_more.py.
"""
import numpy as np

from . import _dtype
from .ops import fused
from .ops import math_more as ops
from .tensor_math import TensorMath, _check_broadcast, _need_tensor, _wrap


def _check_shapes(*tensors):
    """PyTorch's error if the tensors can't broadcast together (checked left to right)."""
    shape = ()
    for t in tensors:
        other = t._data.shape
        for i, (m, n) in enumerate(zip(reversed(shape), reversed(other))):
            if m != n and m != 1 and n != 1:
                dim = max(len(shape), len(other)) - 1 - i
                raise RuntimeError(f"The size of tensor a ({m}) must match the size of tensor b "
                                   f"({n}) at non-singleton dimension {dim}")
        shape = np.broadcast_shapes(shape, other)


def _not_implemented(kernel, np_dtype):
    name = _dtype.from_numpy_dtype(np_dtype)._legacy_name[:-len("Tensor")]
    return NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")


def _promoted(self, number):
    """self, cast to the dtype it takes when it meets a Python number (int tensor + 0.5: float)."""
    wrapped = _wrap(number, self)
    if wrapped is NotImplemented:
        raise TypeError(f"expected a Tensor or a number, got {type(number).__name__}")
    dtype = _dtype.promote_types(self._data.dtype, wrapped._data.dtype)
    return self if dtype == self._data.dtype else self.to(_dtype.from_numpy_dtype(dtype))


def _check_number_fits(self, number):
    """In-place clamp_min_/clamp_max_ with a number: PyTorch's error (its wording for a number
    bound names the C++ type) if the number would change self's dtype (int tensor, 0.5)."""
    from .tensor import _CPP_TYPE_NAMES

    if isinstance(number, TensorMath):
        return
    promoted = _promoted(self, number)
    if promoted is not self:
        raise RuntimeError(f"result type {promoted.dtype._legacy_name[:-6]} can't be cast to the "
                           f"desired output type {_CPP_TYPE_NAMES[self._data.dtype]}")


def _float_only(kernel, a, b):
    """Raise PyTorch's error if a and b promote to a non-float dtype (hypot, logaddexp)."""
    dtype = _dtype.result_type(a, b)
    if dtype.kind != "f":
        raise _not_implemented(kernel, dtype)


def _check_lerp_dtype(self, other, arg):
    from .tensor import _CPP_TYPE_NAMES

    if other._data.dtype != self._data.dtype:
        raise RuntimeError(f"expected dtype {_CPP_TYPE_NAMES[self._data.dtype]} for `{arg}` but "
                           f"got dtype {_CPP_TYPE_NAMES[other._data.dtype]}")


class TensorMathMore:
    """Mixin of Tensor's methods for more elementwise and binary math (lerp, addcmul, atan2, clamp_min, ...)."""

    # -- clamp with one bound ----------------------------------------------------------------
    def clamp_min(self, min):
        """max(self, min) elementwise; min is a number or a tensor (torch.clamp_min)."""
        if isinstance(min, TensorMath):
            _check_broadcast(self, min)
            return ops.ClampMinTensor.apply(self, min)
        return ops.ClampMin.apply(_promoted(self, min), min)

    def clamp_max(self, max):
        """min(self, max) elementwise; max is a number or a tensor (torch.clamp_max)."""
        if isinstance(max, TensorMath):
            _check_broadcast(self, max)
            return ops.ClampMaxTensor.apply(self, max)
        return ops.ClampMax.apply(_promoted(self, max), max)

    def clamp_min_(self, min):
        """In-place clamp_min (Tensor.clamp_min_)."""
        _check_number_fits(self, min)
        return self._inplace(lambda a, m: a.clamp_min(m), min)

    def clamp_max_(self, max):
        """In-place clamp_max (Tensor.clamp_max_)."""
        _check_number_fits(self, max)
        return self._inplace(lambda a, m: a.clamp_max(m), max)

    # -- the pieces of Adam ------------------------------------------------------------------
    def lerp(self, end, weight):
        """self + weight * (end - self): linear interpolation, weight a number or a tensor
        (torch.lerp; Adam's running mean is ``exp_avg.lerp_(grad, 1 - beta1)``)."""
        _need_tensor("lerp", end, "end", 1)
        _check_lerp_dtype(self, end, "end")
        if isinstance(weight, TensorMath):
            if weight.ndim:  # a 0-dim weight may have any dtype
                _check_lerp_dtype(self, weight, "weight")
            if self._data.dtype.kind != "f":
                raise _not_implemented("lerp_kernel_tensor", self._data.dtype)
            _check_shapes(self, end, weight)
            return fused.LerpTensor.apply(self, end, weight)
        if self._data.dtype.kind != "f":
            raise _not_implemented("lerp_kernel_scalar", self._data.dtype)
        _check_shapes(self, end)
        return fused.Lerp.apply(self, end, weight)

    def lerp_(self, end, weight):
        """In-place lerp (Tensor.lerp_)."""
        return self._inplace(lambda a, e, w: a.lerp(e, w), end, weight)

    def addcmul(self, tensor1, tensor2, *, value=1):
        """self + value * tensor1 * tensor2, rounded once as PyTorch does (torch.addcmul)."""
        _need_tensor("addcmul", tensor1, "tensor1", 1)
        _need_tensor("addcmul", tensor2, "tensor2", 2)
        _check_shapes(self, tensor1, tensor2)
        dtype = _dtype.result_type(self, tensor1, tensor2)
        if dtype == np.bool_:
            raise _not_implemented("addcmul_cpu_out", dtype)
        return fused.Addcmul.apply(self, tensor1, tensor2, value)

    def addcmul_(self, tensor1, tensor2, *, value=1):
        """In-place addcmul (Tensor.addcmul_; Adam: ``exp_avg_sq.addcmul_(g, g, value=1 - beta2)``)."""
        return self._inplace(lambda a, x, y: a.addcmul(x, y, value=value), tensor1, tensor2)

    def addcdiv(self, tensor1, tensor2, *, value=1):
        """self + value * tensor1 / tensor2 (torch.addcdiv); integer division is refused."""
        _need_tensor("addcdiv", tensor1, "tensor1", 1)
        _need_tensor("addcdiv", tensor2, "tensor2", 2)
        if tensor1._data.dtype.kind in "biu" and tensor2._data.dtype.kind in "biu":
            raise RuntimeError(
                "Integer division with addcdiv is no longer supported, and in a future  release "
                "addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv "
                "behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2))"
                ".to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) "
                "for float inputs. The future addcdiv behavior is just the latter implementation: "
                "(input + value * tensor1 / tensor2), for all dtypes.")
        _check_shapes(self, tensor1, tensor2)
        return fused.Addcdiv.apply(self, tensor1, tensor2, value)

    def addcdiv_(self, tensor1, tensor2, *, value=1):
        """In-place addcdiv (Tensor.addcdiv_; Adam: ``p.addcdiv_(exp_avg, denom, value=-lr)``)."""
        return self._inplace(lambda a, x, y: a.addcdiv(x, y, value=value), tensor1, tensor2)

    # -- two-argument math -------------------------------------------------------------------
    def atan2(self, other):
        """The angle of the point (other, self), in (-pi, pi] (torch.atan2)."""
        _need_tensor("atan2", other, "other", 1)
        _check_broadcast(self, other)
        return ops.Atan2.apply(self, other)

    def arctan2(self, other):
        """Alias of atan2 (torch.arctan2)."""
        _need_tensor("arctan2", other, "other", 1)
        return self.atan2(other)

    def atan2_(self, other):
        """In-place atan2 (Tensor.atan2_)."""
        return self._inplace(lambda a, b: a.atan2(b), other)

    def arctan2_(self, other):
        """In-place arctan2 (Tensor.arctan2_)."""
        _need_tensor("arctan2_", other, "other", 1)
        return self.atan2_(other)

    def hypot(self, other):
        """sqrt(self^2 + other^2) without overflow (torch.hypot)."""
        _need_tensor("hypot", other, "other", 1)
        _check_broadcast(self, other)
        _float_only("hypot_cpu", self, other)
        return ops.Hypot.apply(self, other)

    def hypot_(self, other):
        """In-place hypot (Tensor.hypot_)."""
        return self._inplace(lambda a, b: a.hypot(b), other)

    def logaddexp(self, other):
        """log(exp(self) + exp(other)) without overflow (torch.logaddexp)."""
        _need_tensor("logaddexp", other, "other", 1)
        _check_broadcast(self, other)
        _float_only("logaddexp_cpu", self, other)
        return ops.Logaddexp.apply(self, other)

    def fmod(self, other):
        """The remainder of self / other with self's sign, as C's fmod (torch.fmod; ``%`` takes
        the divisor's sign instead)."""
        if isinstance(other, TensorMath):
            _check_broadcast(self, other)
            if _dtype.result_type(self, other) == np.bool_:
                raise _not_implemented("fmod_cpu", np.dtype(np.bool_))
            return ops.Fmod.apply(self, other)
        a = _promoted(self, other)
        if a._data.dtype == np.bool_:
            raise _not_implemented("fmod_cpu", a._data.dtype)
        return ops.FmodScalar.apply(a, other)

    def fmod_(self, other):
        """In-place fmod (Tensor.fmod_)."""
        return self._inplace(lambda a, b: a.fmod(b), other)

    def heaviside(self, values):
        """0 where self < 0, values where self == 0, 1 where self > 0 (torch.heaviside; no
        gradient)."""
        _need_tensor("heaviside", values, "values", 1)
        _check_broadcast(self, values)
        if values._data.dtype != self._data.dtype:
            raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
        return ops.Heaviside.apply(self, values._data)

    def heaviside_(self, values):
        """In-place heaviside (Tensor.heaviside_)."""
        return self._inplace(lambda a, v: a.heaviside(v), values)

    # -- one-argument math -------------------------------------------------------------------
    def exp2(self):
        """2 to the power of each element (torch.exp2)."""
        return ops.Exp2.apply(self)

    def exp2_(self):
        """In-place exp2 (Tensor.exp2_)."""
        return self._inplace(lambda a: a.exp2())

    def sinc(self):
        """sin(pi x) / (pi x), and 1 at x = 0: the normalized sinc (torch.sinc)."""
        return ops.Sinc.apply(self)

    def sinc_(self):
        """In-place sinc (Tensor.sinc_)."""
        return self._inplace(lambda a: a.sinc())

    def nan_to_num(self, nan=0.0, posinf=None, neginf=None):
        """Replace nan by ``nan``, +inf by ``posinf`` and -inf by ``neginf`` (by default 0, and
        the largest and smallest finite values of the dtype) (torch.nan_to_num)."""
        return ops.NanToNum.apply(self, nan, posinf, neginf)

    def nan_to_num_(self, nan=0.0, posinf=None, neginf=None):
        """In-place nan_to_num (Tensor.nan_to_num_)."""
        return self._inplace(lambda a: a.nan_to_num(nan, posinf, neginf))
