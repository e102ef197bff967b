"""PyTorch parity for the mistakes students make: mixed dtypes in arithmetic, losses and matrix
products, bare ``@no_grad``, module reprs, dtype checks, and the operators they reach for.

Every expected value, dtype, node name and error message below was checked against
PyTorch 2.13 (CPU); torch itself is not imported here.
"""
import numpy as np
import pytest

import minigrad
import minigrad.nn.functional as F
from minigrad import nn
from minigrad.autograd import gradcheck

BOOL_SUB = ("Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
            "trying to invert a mask, use the `~` or `logical_not()` operator instead.")


def _same(t, values, dtype):
    assert t.dtype == dtype
    np.testing.assert_allclose(t.detach().numpy(), values, rtol=1e-6)


# ----- reflected arithmetic with a Python number -------------------------------------------

def test_number_minus_int_tensor_is_float():
    _same(0.5 - minigrad.tensor([3, -2, 5]), [-2.5, 2.5, -4.5], minigrad.float32)
    _same(1.5 - minigrad.tensor([1, 2], dtype=minigrad.int32), [0.5, -0.5], minigrad.float32)
    _same(2 - minigrad.tensor([1, 2], dtype=minigrad.uint8), [1, 0], minigrad.uint8)


def test_number_minus_float_tensor_records_rsub():
    x = minigrad.tensor([3.0, -2.0, 5.0], requires_grad=True)
    y = 0.5 - x
    assert y.grad_fn.name() == "RsubBackward1"
    _same(y, [-2.5, 2.5, -4.5], minigrad.float32)


def test_number_to_the_power_of_int_or_bool_tensor():
    _same(0.5 ** minigrad.tensor([3, 2, 5]), [0.125, 0.25, 0.03125], minigrad.float32)
    _same(2 ** minigrad.tensor([True, False]), [2, 1], minigrad.int64)
    _same(2 ** minigrad.tensor([1, 2], dtype=minigrad.int32), [2, 4], minigrad.int32)
    _same(minigrad.tensor([True, False]) ** 2, [1, 0], minigrad.int64)


def test_number_to_the_power_of_float_tensor_records_pow_backward2():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = 2.5 ** x
    assert y.grad_fn.name() == "PowBackward2"
    _same(y, [2.5, 6.25], minigrad.float32)
    z = x ** minigrad.tensor([1, 2])
    assert z.grad_fn.name() == "PowBackward1"


def test_integer_tensor_to_negative_tensor_powers_rounds_toward_zero():
    base = minigrad.tensor([2, 1, -1, 0, 3, -1])
    exponent = minigrad.tensor([-1, -1, -1, 2, -2, -2])
    _same(base ** exponent, [0, 1, -1, 0, 0, 1], minigrad.int64)
    _same(2 ** minigrad.tensor([-1, 2]), [0, 4], minigrad.int64)


@pytest.mark.parametrize("expr", [
    lambda: 2 - minigrad.tensor([True, False]),
    lambda: True - minigrad.tensor([1, 2]),
    lambda: minigrad.tensor([1.5]) - True,
    lambda: minigrad.tensor([1, 2]) - minigrad.tensor([True, False]),
    lambda: minigrad.tensor([True, False]) - 1.5,
])
def test_subtraction_with_a_bool_tensor_is_refused(expr):
    with pytest.raises(RuntimeError) as info:
        expr()
    assert str(info.value) == BOOL_SUB


def test_subtraction_and_negation_of_bool_tensors_are_refused():
    mask = minigrad.tensor([True, False])
    with pytest.raises(RuntimeError) as info:
        mask - mask
    assert str(info.value) == ("Subtraction, the `-` operator, with two bool tensors is not "
                               "supported. Use the `^` or `logical_xor()` operator instead.")
    with pytest.raises(RuntimeError) as info:
        -mask
    assert str(info.value) == ("Negation, the `-` operator, on a bool tensor is not supported. If "
                               "you are trying to invert a mask, use the `~` or `logical_not()` "
                               "operator instead.")


# ----- grad mode ----------------------------------------------------------------------------

def test_no_grad_and_enable_grad_work_as_bare_decorators():
    @minigrad.no_grad
    def doubled_without_grad(x):
        return x * 2

    @minigrad.enable_grad
    def doubled_with_grad(x):
        return x * 2

    x = minigrad.ones(2, requires_grad=True)
    assert doubled_without_grad.__name__ == "doubled_without_grad"
    assert not doubled_without_grad(x).requires_grad
    with minigrad.no_grad():
        assert doubled_with_grad(x).requires_grad
    assert minigrad.is_grad_enabled()
    with minigrad.inference_mode(False):  # a mode argument is not a function to decorate
        assert (x * 2).requires_grad
