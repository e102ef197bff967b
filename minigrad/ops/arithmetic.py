"""Arithmetic ops: + - * / ** and their reflected forms. Broadcasting follows numpy's rules;
the engine sums each gradient back to its input's shape."""
import numpy as np

from .._dtype import get_default_dtype, result_type
from ..autograd.function import Function


def operands(a, b):
    """The raw arrays of tensors a and b, cast to the dtype PyTorch's type promotion gives."""
    x, y = a._data, b._data
    if x.dtype != y.dtype:
        dtype = result_type(a, b)
        x, y = x.astype(dtype, copy=False), y.astype(dtype, copy=False)
    return x, y


def check_no_bool_sub(x, y):
    """PyTorch refuses ``-`` on bool tensors (numpy's error would name numpy)."""
    if x.dtype == np.bool_ and y.dtype == np.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if x.dtype == np.bool_ or y.dtype == np.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. "
                           "If you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


class Add(Function):
    """z = a + b"""

    node_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b):
        x, y = operands(a, b)
        return x + y

    @staticmethod
    def backward(ctx, grad):
        return grad, grad


def add_scaled(x, y, alpha, out=None):
    """x + alpha * y on arrays, rounded once in float32 like PyTorch's fused multiply-add
    (this is what makes optim.SGD's ``p.add_(g, alpha=-lr)`` give PyTorch's numbers).
    With ``out`` (the in-place ``add_``, where x, y and out have one shape), the result is
    written there."""
    if x.dtype != np.float32:
        return np.add(x, alpha * y, out=out)
    wide = y.astype(np.float64)  # in float64, alpha * y is exact and the sum rounds only once
    wide *= float(np.float32(alpha))
    if out is None:
        return (wide + x).astype(np.float32)
    wide += x
    out[...] = wide
    return out


class AddScaled(Function):
    """z = a + alpha * b   (``torch.add(a, b, alpha=2)``: one node, like PyTorch)"""

    node_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b, alpha):
        ctx.alpha = alpha
        return add_scaled(*operands(a, b), alpha)

    @staticmethod
    def backward(ctx, grad):
        return grad, grad * ctx.alpha, None


class Sub(Function):
    """z = a - b"""

    node_name = "SubBackward0"

    @staticmethod
    def forward(ctx, a, b):
        check_no_bool_sub(a._data, b._data)
        x, y = operands(a, b)
        return x - y

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad if ctx.needs_input_grad[1] else None


class SubScaled(Function):
    """z = a - alpha * b   (``torch.sub(a, b, alpha=2)``)"""

    node_name = "SubBackward0"

    @staticmethod
    def forward(ctx, a, b, alpha):
        check_no_bool_sub(a._data, b._data)
        ctx.alpha = alpha
        return add_scaled(*operands(a, b), -alpha)

    @staticmethod
    def backward(ctx, grad):
        return grad, grad * -ctx.alpha, None


class Rsub(Function):
    """z = number - a   (``2 - x``), for a floating-point a (the number takes a's dtype)"""

    node_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, a, number):
        return np.asarray(number, dtype=a._data.dtype) - a._data

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


class Mul(Function):
    """z = a * b"""

    node_name = "MulBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        return x * y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # Like PyTorch, compute only the gradients that some input needs (b's first, as
        # PyTorch does: with create_graph, that order decides which new node runs first).
        grad_b = grad * a if ctx.needs_input_grad[1] else None
        grad_a = grad * b if ctx.needs_input_grad[0] else None
        return grad_a, grad_b


class Div(Function):
    """z = a / b   (true division: integers give the default float dtype)"""

    node_name = "DivBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        if x.dtype.kind != "f":
            x, y = x.astype(get_default_dtype()._np), y.astype(get_default_dtype()._np)
        return x / y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_b = -grad * ((a / b) / b) if ctx.needs_input_grad[1] else None  # b's first, as Mul
        grad_a = grad / b if ctx.needs_input_grad[0] else None
        return grad_a, grad_b


class Neg(Function):
    """z = -a"""

    node_name = "NegBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._data.dtype == np.bool_:
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you "
                               "are trying to invert a mask, use the `~` or `logical_not()` operator "
                               "instead.")
        return -a._data

    @staticmethod
    def backward(ctx, grad):
        return -grad


class Reciprocal(Function):
    """z = 1 / a   (``2 / x`` is ``reciprocal(x) * 2``, as in PyTorch)"""

    node_name = "ReciprocalBackward0"

    @staticmethod
    def forward(ctx, a):
        x = a._data if a._data.dtype.kind == "f" else a._data.astype(get_default_dtype()._np)
        z = 1 / x
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return -grad * (z * z)


def _floor_operands(a, b, kernel):
    """operands() for // and %, with PyTorch's errors for bool tensors and integer division by 0."""
    x, y = operands(a, b)
    if x.dtype == np.bool_:
        raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")
    if x.dtype.kind in "iu" and not y.all():
        raise RuntimeError("ZeroDivisionError")
    return x, y


def wrapped_number(like, number):
    """A Python number, as a 0-d array of the dtype it takes beside ``like``, made a tensor that
    promotes like a number (tensor_math._wrap uses it for every number operand). The ``//`` and
    ``%`` ops below take the array instead, so that the number is no graph input: PyTorch's
    ``remainder(Tensor, Scalar)`` and friends have one input, not two."""
    t = like._make(number)
    t._wrapped_number = True
    return t


class FloorDivide(Function):
    """z = floor(a / b)   (``a // b``); PyTorch defines no gradient for it"""

    node_name = "NotImplemented"
    cpp_name = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, a, b):
        x, y = _floor_operands(a, b, "div_floor_cpu")
        with np.errstate(divide="ignore", invalid="ignore"):  # float: x // 0 is +-inf, as in PyTorch
            return np.floor_divide(x, y)

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError("derivative for aten::floor_divide is not implemented")


class FloorDivideScalar(FloorDivide):
    """z = floor(a / number): one graph input."""

    node_name = "NotImplemented"
    cpp_name = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, a, number):
        return FloorDivide.forward(ctx, a, wrapped_number(a, number))


class FloorDivideOfNumber(FloorDivide):
    """z = floor(number / a)   (``7 // x``): one graph input."""

    node_name = "NotImplemented"
    cpp_name = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, a, number):
        return FloorDivide.forward(ctx, wrapped_number(a, number), a)


def float_remainder(x, y):
    """PyTorch's float ``x % y``: fmod's result, moved by y where its sign differs from y's.
    A zero result keeps fmod's sign, which is x's (numpy's np.mod gives y's: ``-2. % 1.`` is
    -0. in PyTorch, 0. in numpy)."""
    with np.errstate(divide="ignore", invalid="ignore"):  # x % 0 is nan, as in PyTorch
        m = np.fmod(x, y)
        return np.where((m != 0) & ((m < 0) != (y < 0)), m + y, m)


class Remainder(Function):
    """z = a - floor(a / b) * b   (``a % b``, with b's sign as in Python; a zero keeps a's sign);
    dz/da = 1,  dz/db = -floor(a / b)"""

    node_name = "RemainderBackward1"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = _floor_operands(a, b, "remainder_cpu")
        if x.dtype.kind == "f":
            return float_remainder(x, y)
        return np.mod(x, y)  # integers: Python's floor remainder, no signed zeros

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_b = None
        if ctx.needs_input_grad[1]:
            # floor is flat almost everywhere, so the quotient is a constant here: no graph needed
            with np.errstate(divide="ignore", invalid="ignore"):
                quotient = a._make(np.floor_divide(*operands(a, b)))
            grad_b = -grad * quotient
        return grad, grad_b


class RemainderScalar(Function):
    """z = a % number   (PyTorch's node for a number divisor: its own name, one input);
    dz/da = 1"""

    node_name = "RemainderBackward0"

    @staticmethod
    def forward(ctx, a, number):
        return Remainder.forward(ctx, a, wrapped_number(a, number))

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class RemainderOfNumber(Function):
    """z = number % a   (``7 % x``): PyTorch defines no gradient for it"""

    node_name = "NotImplemented"
    cpp_name = "torch::autograd::NotImplemented"

    @staticmethod
    def forward(ctx, a, number):
        return Remainder.forward(ctx, wrapped_number(a, number), a)

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError("derivative for aten::remainder is not implemented")


class Pow(Function):
    """z = a ** exponent, exponent a Python number"""

    node_name = "PowBackward0"

    @staticmethod
    def forward(ctx, a, exponent):
        ctx.save_for_backward(a)
        ctx.exponent = exponent
        x = a._data
        if isinstance(exponent, float) and x.dtype.kind != "f":
            x = x.astype(get_default_dtype()._np)
        elif x.dtype == np.bool_:
            if isinstance(exponent, (bool, np.bool_)):  # stays bool: x ** True is x
                return x | (not exponent)
            x = x.astype(np.int64)  # bool ** 2 is an int64 tensor in PyTorch
        try:
            return x ** np.asarray(exponent, dtype=x.dtype)
        except ValueError as error:  # numpy: "Integers to negative integer powers ..."
            raise RuntimeError(str(error)) from None

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        if ctx.exponent == 0:
            return grad * 0, None
        return grad * (ctx.exponent * a ** (ctx.exponent - 1)), None


class PowTensor(Function):
    """z = a ** b, both tensors"""

    node_name = "PowBackward1"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        if x.dtype == np.bool_:
            raise NotImplementedError("\"pow\" not implemented for 'Bool'")
        if x.dtype.kind in "iu" and (y < 0).any():
            return _int_pow_negative(x, y)
        return x**y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_a = grad * (b * a ** (b - 1)) if ctx.needs_input_grad[0] else None
        grad_b = None
        if ctx.needs_input_grad[1]:
            # d(a**b)/db = a**b * log(a); PyTorch defines it as 0 where a == 0 and b >= 0.
            safe_log = (a + (a == 0)).log()
            grad_b = grad * (a**b * safe_log)
        return grad_a, grad_b


def _int_pow_negative(x, y):
    """Integer x ** y where some y < 0, as PyTorch computes it: 1 / x**|y| rounded toward 0,
    so 1 for x == 1, +-1 for x == -1 and 0 otherwise (numpy raises instead)."""
    positive = x ** np.maximum(y, 0)
    minus_one = np.where(y % 2 == 0, 1, -1).astype(x.dtype)
    negative = np.where(x == 1, 1, np.where(x == -1, minus_one, 0)).astype(x.dtype)
    return np.where(y < 0, negative, positive)


class Rpow(Function):
    """z = number ** a   (``2 ** x``), for a floating-point a (the number takes a's dtype)"""

    node_name = "PowBackward2"

    @staticmethod
    def forward(ctx, a, base):
        z = np.asarray(base, dtype=a._data.dtype) ** a._data
        ctx.save_for_backward(z)
        ctx.base = base
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * (z * float(np.log(ctx.base))), None
