"""Tensor's operators and arithmetic: ``+ - * / ** @``, comparisons, their in-place forms and
named versions (``add``, ``mul_``...). The math functions (``exp``, ``sum``...) are in
tensor_functions.py.

Each method is a thin door to one op in ``minigrad/ops`` (where forward and backward live).
Python numbers are wrapped as tensors first, with the dtype PyTorch's promotion would give.
"""
import numpy as np

from . import _dtype, ops
from .tensor_indexing import _index_key, _makes_view
from .autograd.grad_mode import _GradMode


# A Python number's category in type promotion: 0 bool, 1 int, 2 float (as _dtype._category).
_NUMBER_CATEGORY = {bool: 0, np.bool_: 0, int: 1, float: 2}
_CATEGORY_OF_KIND = {"b": 0, "u": 1, "i": 1, "f": 2}


def _wrap(value, like):
    """A Python number (or array) as a tensor that can meet ``like`` in an op.

    The number takes ``like``'s dtype unless it belongs to a higher category (a float meeting
    an int tensor becomes the default float dtype), which is PyTorch's promotion for numbers.
    """
    if isinstance(value, TensorMath):
        return value
    own = like._data.dtype
    if type(value) is float and own.kind == "f":  # the most common case (p - lr * g), first
        return ops.arithmetic.wrapped_number(like, np.asarray(value, dtype=own))
    if isinstance(value, np.ndarray):
        return like._make(value)
    category = _NUMBER_CATEGORY.get(type(value))
    if category is None:
        if isinstance(value, np.generic) and value.dtype.kind in _CATEGORY_OF_KIND:
            category = _CATEGORY_OF_KIND[value.dtype.kind]
        else:
            return NotImplemented
    if category <= _CATEGORY_OF_KIND[own.kind]:
        np_dtype = own
    else:
        np_dtype = (np.bool_, np.int64, _dtype.get_default_dtype()._np)[category]
    return ops.arithmetic.wrapped_number(like, np.asarray(value, dtype=np_dtype))


def _reflected(op):
    def method(self, other):
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        return op.apply(other, self)

    return method


def _floor_method(tensor_op, number_op, reflected=False):
    """``//`` or ``%`` (``reflected``: ``other // self``). A tensor operand goes to
    ``tensor_op``; a Python number to ``number_op``, which takes it as an array (no graph input)."""
    def method(self, other):
        wrapped = _wrap(other, self)
        if wrapped is NotImplemented:
            return NotImplemented
        _check_broadcast(self, wrapped)
        if wrapped._wrapped_number:
            return number_op.apply(self, wrapped._data)
        return tensor_op.apply(wrapped, self) if reflected else tensor_op.apply(self, wrapped)

    return method


def _compare(ufunc):
    def method(self, other):
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        x, y = ops.arithmetic.operands(self, other)
        try:
            return self._make(ufunc(x, y))
        except ValueError:
            raise _broadcast_error(self, other) from None

    return method


def _bitwise(ufunc, kernel):
    """``&``, ``|``, ``^`` on bool or integer tensors (and Python bools/ints); no gradient."""
    def method(self, other):
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        x, y = ops.arithmetic.operands(self, other)
        if x.dtype.kind == "f":
            name = _dtype.from_numpy_dtype(x.dtype)._legacy_name[:-6]
            raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")
        return self._make(ufunc(x, y))

    return method


def _broadcast_error(a, b):
    for i, (m, n) in enumerate(zip(reversed(a.shape), reversed(b.shape))):
        if m != n and m != 1 and n != 1:
            dim = max(a.ndim, b.ndim) - 1 - i
            return RuntimeError(
                f"The size of tensor a ({m}) must match the size of tensor b ({n}) at "
                f"non-singleton dimension {dim}"
            )
    return RuntimeError(f"shapes {list(a.shape)} and {list(b.shape)} cannot be broadcast")


def _dims(self, dim):
    """A dim argument (int, tuple or None) as a normalised tuple."""
    if dim is None:
        return None
    if isinstance(dim, (int, np.integer)):
        dim = (dim,)
    return tuple([self._dim(d) for d in dim])


class TensorMath:
    """Mixin of Tensor's math methods. Each one records at most one node."""

    # -- operators -----------------------------------------------------------------------
    def __add__(self, other):
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        _check_broadcast(self, other)
        return ops.Add.apply(self, other)

    __radd__ = __add__

    def __sub__(self, other):
        _check_bool_number_sub(self, other)
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        _check_broadcast(self, other)
        return ops.Sub.apply(self, other)

    def __rsub__(self, other):
        _check_bool_number_sub(self, other)
        # Rsub gives the number self's dtype: right for a float tensor only (0.5 - int_tensor
        # is a float tensor in PyTorch).
        if isinstance(other, (int, float, np.number)) and self._data.dtype.kind == "f":
            return ops.Rsub.apply(self, other)
        return _reflected(ops.Sub)(self, other)

    def __mul__(self, other):
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        _check_broadcast(self, other)
        return ops.Mul.apply(self, other)

    __rmul__ = __mul__

    def __truediv__(self, other):
        other = _wrap(other, self)
        if other is NotImplemented:
            return NotImplemented
        _check_broadcast(self, other)
        return ops.Div.apply(self, other)

    def __rtruediv__(self, other):
        if isinstance(other, (int, float, bool, np.number)):
            return ops.Reciprocal.apply(self) * other
        return _reflected(ops.Div)(self, other)

    def __pow__(self, exponent):
        if isinstance(exponent, TensorMath):
            _check_broadcast(self, exponent)
            return ops.PowTensor.apply(self, exponent)
        return ops.Pow.apply(self, exponent)

    def __rpow__(self, base):
        if self._data.dtype.kind == "f":
            return ops.Rpow.apply(self, base)
        # Rpow gives the number self's dtype; for int/bool exponents PyTorch promotes instead
        # (0.5 ** int_tensor is float, 2 ** bool_tensor is int64).
        base = _wrap(base, self)
        if base is NotImplemented:
            return NotImplemented
        return ops.PowTensor.apply(base, self)

    def __matmul__(self, other):
        try:
            return ops.matmul(self, other)
        except AttributeError:  # checked only here, so that ``a @ b`` pays nothing for it
            if not isinstance(other, TensorMath):
                return NotImplemented  # Python's TypeError: unsupported operand type(s) for @
            raise

    def __rmatmul__(self, other):
        return NotImplemented  # ``3 @ x``: PyTorch multiplies matrices only, never numbers

    def __neg__(self):
        return ops.Neg.apply(self)

    def __pos__(self):
        return self

    def __abs__(self):
        return self.abs()

    __eq__ = _compare(np.equal)
    __ne__ = _compare(np.not_equal)
    __lt__ = _compare(np.less)
    __le__ = _compare(np.less_equal)
    __gt__ = _compare(np.greater)
    __ge__ = _compare(np.greater_equal)
    eq, ne, lt, le, gt, ge = __eq__, __ne__, __lt__, __le__, __gt__, __ge__

    # A Python number beside // or % is no graph input, as in PyTorch's Scalar overloads.
    __floordiv__ = _floor_method(ops.arithmetic.FloorDivide, ops.arithmetic.FloorDivideScalar)
    __rfloordiv__ = _floor_method(ops.arithmetic.FloorDivide, ops.arithmetic.FloorDivideOfNumber,
                                  reflected=True)
    __mod__ = _floor_method(ops.arithmetic.Remainder, ops.arithmetic.RemainderScalar)
    __rmod__ = _floor_method(ops.arithmetic.Remainder, ops.arithmetic.RemainderOfNumber,
                             reflected=True)

    def floor_divide(self, other):
        """floor(self / other) elementwise (torch.floor_divide, ``//``)."""
        return self // other

    def remainder(self, other):
        """self - floor(self / other) * other, with other's sign (torch.remainder, ``%``)."""
        return self % other

    __and__ = __rand__ = _bitwise(np.bitwise_and, "bitwise_and_cpu")
    __or__ = __ror__ = _bitwise(np.bitwise_or, "bitwise_or_cpu")
    __xor__ = __rxor__ = _bitwise(np.bitwise_xor, "bitwise_xor_cpu")

    def __invert__(self):
        if self._data.dtype.kind not in "biu":
            raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type "
                            "tensors")
        return type(self)._make(~self._data)

    def bitwise_not(self):
        """~x: flips every bit of an integer (-x - 1), negates a bool (torch.bitwise_not)."""
        if self._data.dtype.kind not in "biu":
            name = _dtype.from_numpy_dtype(self._data.dtype)._legacy_name[:-6]
            raise NotImplementedError(f"\"bitwise_not_cpu\" not implemented for '{name}'")
        return type(self)._make(~self._data)

    def bitwise_not_(self):
        """``bitwise_not``, written into self (Tensor.bitwise_not_)."""
        return self._inplace(type(self).bitwise_not)

    # -- in-place operators --------------------------------------------------------------------
    def __iadd__(self, other):
        return self._inplace(type(self).__add__, other, ufunc=np.add)

    def __isub__(self, other):
        return self._inplace(type(self).__sub__, other, ufunc=np.subtract)

    def __imul__(self, other):
        return self._inplace(type(self).__mul__, other, ufunc=np.multiply)

    def __itruediv__(self, other):
        return self._inplace(type(self).__truediv__, other, ufunc=np.true_divide)

    def add_(self, other, alpha=1):
        """In-place ``self += alpha * other`` (Tensor.add_)."""
        if alpha == 1:
            return self.__iadd__(other)
        if _add_in_place_unrecorded(self, other, alpha):
            return self
        return self._inplace(lambda a, b: a.add(b, alpha=alpha), other)

    def sub_(self, other, alpha=1):
        """In-place ``self -= alpha * other`` (Tensor.sub_)."""
        if alpha == 1:
            return self.__isub__(other)
        return self._inplace(lambda a, b: a.sub(b, alpha=alpha), other)

    def mul_(self, other):
        """In-place ``self *= other``."""
        return self.__imul__(other)

    def div_(self, other):
        """In-place ``self /= other``."""
        return self.__itruediv__(other)

    def pow_(self, exponent):
        return self._inplace(type(self).__pow__, exponent)

    def clamp_(self, min=None, max=None):
        return self._inplace(lambda a: a.clamp(min, max))

    def zero_(self):
        """Fill with zeros in place (Tensor.zero_)."""
        return self._overwrite(0, ops.shape.Zero)

    def fill_(self, value):
        """Fill with ``value`` (a number, or a 0-d tensor) in place (Tensor.fill_)."""
        if isinstance(value, TensorMath):
            if value._data.ndim != 0:
                raise RuntimeError("fill_ only supports 0-dimension value tensor but got tensor "
                                   f"with {value._data.ndim} dimensions.")
            if _GradMode.enabled and (self._requires_grad or value._requires_grad):
                # FillBackward3: the gradient of the value is the sum of the gradient
                return self._inplace(lambda a, v: ops.indexing.FillPut.apply(a, v, (Ellipsis,)),
                                     value)
        return self._overwrite(value, ops.shape.FillNumber)

    def _overwrite(self, values, node):
        """Write ``values`` (broadcast) into this tensor in place; under grad mode, record
        ``node``, which gives the old values no gradient."""
        self._check_inplace(node)
        self._data[...] = values._data if isinstance(values, TensorMath) else values
        self._version_counter[0] += 1
        return self

    def copy_(self, src):
        """Copy ``src``'s values into this tensor in place (Tensor.copy_): broadcast, and cast
        to this tensor's dtype."""
        if not isinstance(src, TensorMath):
            src = _wrap(src, self)
        try:
            np.broadcast_to(src._data, self._data.shape)  # src must broadcast to self's shape
        except ValueError:
            raise _broadcast_error(self, src) from None
        if _GradMode.enabled and (self._requires_grad or src._requires_grad):
            # CopyBackwards: src gets the gradient (summed back to its shape), self's old values none
            return self._inplace(lambda a, s: ops.indexing.CopyPut.apply(a, s, (Ellipsis,)), src)
        return self._overwrite(src, None)

    def __setitem__(self, key, value):
        if self.grad_fn is None and self._requires_grad and _GradMode.enabled:
            view = "a view of " if _makes_view(key) else ""
            raise RuntimeError(
                f"{view}a leaf Variable that requires grad is being used in an in-place operation."
            )
        key = _index_key(key)
        value = _wrap(value, self)
        self._inplace(lambda a, v: ops.IndexPut.apply(a, v.to(a.dtype), key), value)

    # -- torch-style named arithmetic ------------------------------------------------------------
    def add(self, other, alpha=1):
        """self + alpha * other (torch.add)."""
        if alpha == 1:
            return self + other
        other = _wrap(other, self)
        _check_broadcast(self, other)
        return ops.AddScaled.apply(self, other, alpha)

    def sub(self, other, alpha=1):
        """self - alpha * other (torch.sub)."""
        if alpha == 1:
            return self - other
        other = _wrap(other, self)
        _check_broadcast(self, other)
        return ops.SubScaled.apply(self, other, alpha)

    subtract = sub

    def mul(self, other):
        return self * other

    multiply = mul

    def div(self, other):
        return self / other

    divide = div

    def pow(self, exponent):
        """self ** exponent (torch.pow)."""
        return self**exponent

    def neg(self):
        return -self

    negative = neg

    def reciprocal(self):
        return ops.Reciprocal.apply(self)

    def matmul(self, other):
        """Matrix product with dispatch on dimensions (torch.matmul)."""
        try:
            return ops.matmul(self, other)
        except AttributeError:
            _need_tensor("matmul", other, "other", 1)
            raise

    def mm(self, other):
        """Matrix product of two 2-D tensors (torch.mm)."""
        if self.ndim != 2:
            raise RuntimeError("self must be a matrix")
        if other.ndim != 2:
            raise RuntimeError("mat2 must be a matrix")
        return ops.Mm.apply(self, other)

    def mv(self, vec):
        return ops.Mv.apply(self, vec)

    def dot(self, other):
        """Dot product of two 1-D tensors (torch.dot)."""
        try:
            return ops.Dot.apply(self, other)
        except AttributeError:
            _need_tensor("dot", other, "tensor", 1)
            raise


def _add_in_place_unrecorded(t, other, alpha):
    """The fast path of ``t.add_(other, alpha=...)`` for optimizer steps: when nothing is recorded
    and ``other`` is a tensor of t's dtype and shape, one numpy call writes into t's memory.
    Returns False (nothing written) when the general path must run."""
    if not isinstance(other, TensorMath) or other._data.dtype != t._data.dtype \
            or other._data.shape != t._data.shape:
        return False
    if _GradMode.enabled and (t._requires_grad or other._requires_grad):
        return False
    ops.add_scaled(t._data, other._data, alpha, out=t._data)
    t._version_counter[0] += 1
    return True


def _need_tensor(function, value, arg, position):
    """PyTorch's TypeError for a non-tensor argument where only a tensor is accepted."""
    if not isinstance(value, TensorMath):
        raise TypeError(f"{function}(): argument '{arg}' (position {position}) must be Tensor, "
                        f"not {type(value).__name__}")


def _check_bool_number_sub(t, number):
    """``t - True`` fails in PyTorch like a bool tensor would (_wrap would make True an int)."""
    if isinstance(number, (bool, np.bool_)):
        ops.arithmetic.check_no_bool_sub(t._data, np.asarray(number))


def _check_broadcast(a, b):
    """Raise PyTorch's error if the shapes of a and b cannot broadcast together."""
    x, y = a._data.shape, b._data.shape
    # (a 0-d tensor broadcasts with anything: no need to look)
    if x != y and x and y and any([m != n and m != 1 and n != 1 for m, n in zip(reversed(x), reversed(y))]):
        raise _broadcast_error(a, b)
