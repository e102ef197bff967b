"""torch.remainder/floor_divide and %'s signed zeros, ** and @ errors, squeeze with a tuple,
reductions over empty dims, bitwise_not, in-place math (relu_, exp_...), diagonal and the
new_* factories.

Every expected value, node name and error message here was recorded from PyTorch 2.13 (this
file does not import torch).
"""
import warnings

import numpy as np
import pytest

import minigrad as torch
from minigrad import functional as F
from minigrad.autograd import gradcheck, gradgradcheck

from exact_errors import raises_exactly

ACC = "torch::autograd::AccumulateGrad"


def names(node):
    return [n.name() if n is not None else None for n, _ in node.next_functions]


def f64(*values, requires_grad=True):
    return torch.tensor(values, dtype=torch.float64, requires_grad=requires_grad)


# -- 1. remainder, floor_divide ---------------------------------------------------------------
def test_float_remainder_zero_keeps_the_dividends_sign():
    # PyTorch 2.13: fmod's zero keeps a's sign (numpy's np.mod would give b's)
    a = torch.tensor([1., -2., 4., -3., 0., -0.])
    b = torch.tensor([1., 1., 3., -2., -2., 2.])
    r = a % b
    assert r.tolist() == [0.0, -0.0, 1.0, -1.0, 0.0, -0.0]
    assert np.signbit(r.numpy()).tolist() == [False, True, False, True, False, True]
    assert repr(torch.tensor([1., -2., 4.]) % torch.tensor([1., 1., 3.])) == "tensor([0., -0., 1.])"
    r = F.remainder(torch.tensor([-3., 3., -0.]), -1.5)
    assert np.signbit(r.numpy()).tolist() == [True, False, True]
    assert repr(torch.tensor([1., -2., 4., -3.]) % -1.) == "tensor([0., -0., 0., -0.])"
    assert repr(torch.tensor([-5., 5.]) % float("inf")) == "tensor([inf, 5.])"
    assert repr(torch.tensor([-5., 5.]) % float("-inf")) == "tensor([-5., -inf])"


def test_remainder_and_floor_divide_functions():
    x, y = f64(5.5, -5.5), f64(2., -2.)
    r = F.remainder(x, y)
    assert r.grad_fn.name() == "RemainderBackward1"
    r.sum().backward()
    assert x.grad.tolist() == [1., 1.] and y.grad.tolist() == [-2., -2.]
    assert F.remainder(x, 2).grad_fn.name() == "RemainderBackward0"
    assert F.remainder(5, x).grad_fn.name() == "torch::autograd::NotImplemented"
    assert F.floor_divide(5, x).grad_fn.name() == "torch::autograd::NotImplemented"
    assert repr(F.remainder(7, torch.tensor([2, -2]))) == "tensor([ 1, -1])"
    assert repr(F.remainder(5, torch.tensor([3., -3.]))) == "tensor([ 2., -1.])"
    assert repr(F.floor_divide(torch.tensor([7, -7]), 2)) == "tensor([ 3, -4])"
    assert repr(F.floor_divide(7., torch.tensor([2., -2.]))) == "tensor([ 3., -4.])"
    assert repr(F.floor_divide(5, 3)) == "tensor(1)"
    assert repr(F.floor_divide(5, 3.5)) == "tensor(1.)"
    with raises_exactly(TypeError, (
            "remainder() received an invalid combination of arguments - got (int, int), but "
            "expected one of:\n * (Tensor input, Tensor other, *, Tensor out = None)\n"
            " * (Number self, Tensor other)\n      didn't match because some of the arguments "
            "have invalid types: (!int!, !int!)\n * (Tensor input, Number other, *, Tensor out "
            "= None)\n")):
        F.remainder(5, 3)


def test_remainder_gradcheck():
    a = f64(5.5, -5.5, 3.2, -0.7)
    b = f64(2., -2., -1.5, 0.4)
    assert gradcheck(lambda a, b: F.remainder(a, b), (a, b))
    assert gradcheck(lambda a: a % 1.5, (a,))


# -- 2, 3. broadcasting of **; non-tensors for @, matmul, dot, maximum ------------------------
def test_pow_of_shapes_that_do_not_broadcast():
    msg = "The size of tensor a (3) must match the size of tensor b (0) at non-singleton dimension 0"
    with raises_exactly(RuntimeError, msg):
        torch.tensor([1., 2., 3.]) ** torch.tensor([])
    with raises_exactly(RuntimeError, "The size of tensor a (3) must match the size of tensor b "
                                      "(2) at non-singleton dimension 1"):
        torch.pow(torch.tensor([1., 2., 3.]), torch.tensor([[1., 2.]]))
    with raises_exactly(RuntimeError, "The size of tensor a (3) must match the size of tensor b "
                                      "(2) at non-singleton dimension 0"):
        F.maximum(torch.ones(3), torch.ones(2))


@pytest.mark.parametrize("call, message", [
    (lambda t: t @ 3, "unsupported operand type(s) for @: 'Tensor' and 'int'"),
    (lambda t: 3 @ t, "unsupported operand type(s) for @: 'int' and 'Tensor'"),
    (lambda t: t @ None, "unsupported operand type(s) for @: 'Tensor' and 'NoneType'"),
    (lambda t: F.matmul(t, 0.5), "matmul(): argument 'other' (position 2) must be Tensor, not float"),
    (lambda t: F.matmul(0.5, t), "matmul(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda t: F.matmul(t, [1., 2.]), "matmul(): argument 'other' (position 2) must be Tensor, not list"),
    (lambda t: t.matmul(True), "matmul(): argument 'other' (position 1) must be Tensor, not bool"),
    (lambda t: F.dot(t, 0.5), "dot(): argument 'tensor' (position 2) must be Tensor, not float"),
    (lambda t: F.dot(0.5, t), "dot(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda t: t.dot(0.5), "dot(): argument 'tensor' (position 1) must be Tensor, not float"),
    (lambda t: F.maximum(t, 0.5), "maximum(): argument 'other' (position 2) must be Tensor, not float"),
    (lambda t: F.maximum(0.5, t), "maximum(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda t: F.minimum(t, None), "minimum(): argument 'other' (position 2) must be Tensor, not NoneType"),
    (lambda t: t.maximum(0.5), "maximum(): argument 'other' (position 1) must be Tensor, not float"),
    (lambda t: t.minimum(2), "minimum(): argument 'other' (position 1) must be Tensor, not int"),
])
def test_matrix_products_and_maximum_take_tensors_only(call, message):
    with raises_exactly(TypeError, message):
        call(torch.tensor([1., 2.]))


def test_matmul_of_tensors_still_works():
    t = torch.tensor([1., 2.])
    assert (t @ t).item() == 5.0 and F.dot(t, t).item() == 5.0
    assert F.maximum(t, torch.tensor(1.5)).tolist() == [1.5, 2.0]


# -- 4. squeeze with a tuple of dims ------------------------------------------------------------
def test_squeeze_a_tuple_of_dims():
    x = torch.zeros(1, 2, 1, requires_grad=True)
    assert x.squeeze((0, 1)).shape == (2, 1)  # dim 1 has size 2: ignored
    assert x.squeeze([0, 2]).shape == (2,)
    assert x.squeeze(dim=(0, -1)).shape == (2,)
    assert F.squeeze(x, (0, 2)).shape == (2,)
    assert x.squeeze(()).shape == (1, 2, 1)
    assert torch.zeros(()).squeeze((0,)).shape == ()
    z = x.squeeze((0, 2))
    assert z.grad_fn.name() == "SqueezeBackward2" and names(z.grad_fn) == [ACC]
    assert x.squeeze(()).grad_fn.name() == "SqueezeBackward2"
    (z * torch.tensor([1., 2.])).sum().backward()
    assert x.grad.tolist() == [[[1.], [2.]]]
    assert gradcheck(lambda a: a.squeeze((0, 2, 3)), (torch.rand(1, 3, 1, 2, dtype=torch.float64,
                                                                requires_grad=True),))


def test_squeeze_tuple_is_a_view_and_errors():
    y = torch.zeros(1, 2, 1, requires_grad=True) * 1
    z = y.squeeze((0, 2))
    assert z._base is y
    z[0] = 5.
    assert y.tolist() == [[[5.], [0.]]] and y.grad_fn.name() == "torch::autograd::CopySlices"
    with raises_exactly(RuntimeError, "dim 0 appears multiple times in the list of dims"):
        torch.zeros(1, 2, 1).squeeze((0, 0))
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-3, 2], "
                                    "but got 5)"):
        torch.zeros(1, 2, 1).squeeze((0, 5))
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-1, 0], "
                                    "but got 1)"):
        torch.zeros(()).squeeze((0, 1))


# -- 5. reductions over empty dims; argmax of bools ---------------------------------------------
def test_logsumexp_of_an_empty_dim_is_minus_inf():
    assert repr(torch.zeros(0, 2).logsumexp(0)) == "tensor([-inf, -inf])"
    assert repr(torch.zeros(0, 2).logsumexp(1)) == "tensor([])"
    assert repr(torch.zeros(0).logsumexp(0)) == "tensor(-inf)"
    assert repr(torch.zeros(2, 0).logsumexp((0, 1))) == "tensor(-inf)"
    assert repr(torch.zeros(0, 2).logsumexp(0, keepdim=True)) == "tensor([[-inf, -inf]])"
    assert torch.zeros(0, 2, requires_grad=True).logsumexp(0).grad_fn.name() == "LogsumexpBackward0"


@pytest.mark.parametrize("call, error, message", [
    (lambda: torch.zeros(0, 2).amax(0), IndexError,
     "amax(): Expected reduction dim 0 to have non-zero size."),
    (lambda: torch.zeros(0, 2).amax(-2), IndexError,
     "amax(): Expected reduction dim -2 to have non-zero size."),
    (lambda: torch.zeros(2, 0).amin((0, 1)), IndexError,
     "amin(): Expected reduction dim 1 to have non-zero size."),
    (lambda: torch.zeros(0, 0).amax((1, 0)), IndexError,
     "amax(): Expected reduction dim 1 to have non-zero size."),
    (lambda: torch.zeros(0, 2, dtype=torch.int64).amax(0), IndexError,
     "amax(): Expected reduction dim 0 to have non-zero size."),
    (lambda: torch.zeros(2, 0).amax(), RuntimeError,
     "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
     "reduction dim with the 'dim' argument."),
    (lambda: torch.zeros(0, 2).max(), RuntimeError,
     "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
     "reduction dim with the 'dim' argument."),
    (lambda: torch.zeros(0, 2).min(), RuntimeError,
     "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
     "reduction dim with the 'dim' argument."),
    (lambda: torch.zeros(0, 2).max(0), IndexError,
     "max(): Expected reduction dim 0 to have non-zero size."),
    (lambda: torch.zeros(0, 2).min(-2), IndexError,
     "min(): Expected reduction dim 0 to have non-zero size."),
    (lambda: torch.zeros(0, 2).argmax(), IndexError,
     "argmax(): Expected reduction dim to be specified for input.numel() == 0."),
    (lambda: torch.zeros(0, 2).argmin(), IndexError,
     "argmin(): Expected reduction dim to be specified for input.numel() == 0."),
    (lambda: torch.zeros(0, 2).argmin(-2), IndexError,
     "argmin(): Expected reduction dim 0 to have non-zero size."),
    (lambda: torch.tensor([True, False]).argmax(), RuntimeError,
     "argmax(): does not support bool input"),
    (lambda: torch.tensor([True, False]).argmin(0), RuntimeError,
     "argmin(): does not support bool input"),
    (lambda: torch.zeros(0, dtype=torch.bool).argmax(), RuntimeError,
     "argmax(): does not support bool input"),
])
def test_reductions_over_nothing_raise_pytorchs_errors(call, error, message):
    with raises_exactly(error, message):
        call()


def test_reductions_over_a_non_empty_dim_of_an_empty_tensor():
    assert repr(torch.zeros(0, 2).amin(1)) == "tensor([])"
    assert repr(torch.zeros(0, 2).argmax(1)) == "tensor([], dtype=torch.int64)"
    m = torch.zeros(0, 2).max(1)
    assert repr(m.values) == "tensor([])" and repr(m.indices) == "tensor([], dtype=torch.int64)"
    # max of bools is fine (only argmax/argmin refuse them)
    m = torch.tensor([True, False]).max(0)
    assert repr(m.values) == "tensor(True)" and repr(m.indices) == "tensor(0)"
    assert repr(torch.tensor([True, False]).max()) == "tensor(True)"


# -- 6. bitwise_not --------------------------------------------------------------------------------
def test_bitwise_not():
    assert repr(~torch.tensor([1, 2])) == "tensor([-2, -3])"
    assert repr(~torch.tensor([True, False])) == "tensor([False,  True])"
    assert repr(F.bitwise_not(torch.tensor([1, 2]))) == "tensor([-2, -3])"
    assert repr(F.bitwise_not(torch.tensor([1, 2], dtype=torch.uint8))) == \
        "tensor([254, 253], dtype=torch.uint8)"
    t = torch.tensor([5])
    assert t.bitwise_not_() is t and repr(t) == "tensor([-6])"
    with raises_exactly(TypeError, "~ (operator.invert) is only implemented on integer and "
                                   "Boolean-type tensors"):
        ~torch.tensor([1., 2.])
    with raises_exactly(NotImplementedError, "\"bitwise_not_cpu\" not implemented for 'Float'"):
        torch.tensor([1., 2.]).bitwise_not()
    with raises_exactly(NotImplementedError, "\"bitwise_not_cpu\" not implemented for 'Double'"):
        F.bitwise_not(torch.tensor([1., 2.], dtype=torch.float64))


# -- 7. in-place math ------------------------------------------------------------------------------
# name: (node, values of [0.5, -1.5, 2.0] after it, a.grad of b.sum() through it), PyTorch 2.13
INPLACE = {
    "relu_": ("ReluBackward0", [0.5, 0.0, 2.0], [1., 0., 1.]),
    "sigmoid_": ("SigmoidBackward0", [0.6225, 0.1824, 0.8808], [0.2350, 0.1491, 0.1050]),
    "tanh_": ("TanhBackward0", [0.4621, -0.9051, 0.9640], [0.7864, 0.1807, 0.0707]),
    "exp_": ("ExpBackward0", [1.6487, 0.2231, 7.3891], [1.6487, 0.2231, 7.3891]),
    "log_": ("LogBackward0", [-0.6931, np.nan, 0.6931], [2.0, -0.6667, 0.5]),
    "sqrt_": ("SqrtBackward0", [0.7071, np.nan, 1.4142], [0.7071, np.nan, 0.3536]),
    "abs_": ("AbsBackward0", [0.5, 1.5, 2.0], [1., -1., 1.]),
    "neg_": ("NegBackward0", [-0.5, 1.5, -2.0], [-1., -1., -1.]),
    "sin_": ("SinBackward0", [0.4794, -0.9975, 0.9093], [0.8776, 0.0707, -0.4161]),
    "cos_": ("CosBackward0", [0.8776, 0.0707, -0.4161], [-0.4794, 0.9975, -0.9093]),
    "reciprocal_": ("ReciprocalBackward0", [2.0, -0.6667, 0.5], [-4.0, -0.4444, -0.25]),
    "square_": ("PowBackward0", [0.25, 2.25, 4.0], [1., -3., 4.]),
}
# Those whose backward reads their output (which is the tensor itself): modifying it again
# makes backward fail in PyTorch 2.13.
SAVES_OUTPUT = {"relu_": "Relu", "sigmoid_": "Sigmoid", "tanh_": "Tanh", "exp_": "Exp",
                "sqrt_": "Sqrt", "reciprocal_": "Reciprocal"}


@pytest.mark.parametrize("name", INPLACE)
def test_inplace_math_on_a_non_leaf(name):
    node, values, grad = INPLACE[name]
    a = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
    b = a * 1
    assert getattr(b, name)() is b
    assert b._version == 1
    assert b.grad_fn.name() == node and names(b.grad_fn) == ["MulBackward0"]
    np.testing.assert_allclose(b.detach().numpy(), values, atol=1e-4)
    b.sum().backward()
    np.testing.assert_allclose(a.grad.numpy(), grad, atol=1e-4)
    with raises_exactly(RuntimeError, "a leaf Variable that requires grad is being used in an "
                                      "in-place operation."):
        getattr(a, name)()
    with torch.no_grad():
        getattr(a, name)()  # allowed on a leaf under no_grad
    assert a._version == 1


@pytest.mark.parametrize("name", INPLACE)
def test_inplace_math_then_another_inplace_change(name):
    a = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
    c = a * 1
    getattr(c, name)()
    c.mul_(2)
    if name not in SAVES_OUTPUT:
        c.sum().backward()
        assert a.grad is not None
        return
    with raises_exactly(RuntimeError, (
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: [torch.FloatTensor [3]], which is output 0 of {SAVES_OUTPUT[name]}, "
            "is at version 2; expected version 1 instead. Hint: enable anomaly detection to find "
            "the operation that failed to compute its gradient, with "
            "torch.autograd.set_detect_anomaly(True, check_nan=False).")):
        c.sum().backward()


@pytest.mark.parametrize("name", INPLACE)
def test_inplace_math_gradcheck_and_views(name):
    x = f64(0.5, 1.5, 2.0)
    assert gradcheck(lambda x: getattr(x * 1, name)(), (x,))
    assert gradgradcheck(lambda x: getattr(x * 1, name)(), (x,))
    c = torch.tensor([0.5, 1.5, 2.0], requires_grad=True) * 1
    getattr(c[1:], name)()
    assert c.grad_fn.name() == "torch::autograd::CopySlices" and c[0].item() == 0.5


def test_inplace_math_on_integers():
    t = torch.tensor([1, -2, 3])
    assert repr(t.relu_()) == "tensor([1, 0, 3])"
    assert repr(torch.tensor([1, -2]).abs_()) == "tensor([1, 2])"
    assert repr(torch.tensor([-2, 3]).square_()) == "tensor([4, 9])"
    with raises_exactly(RuntimeError, "result type Float can't be cast to the desired output "
                                      "type Long"):
        torch.tensor([1, -2, 3]).exp_()


# -- 8. diagonal, new_full, new_empty, new_tensor -------------------------------------------------
def test_diagonal_values():
    x = torch.arange(12.).reshape(3, 4)
    assert x.diagonal().tolist() == [0., 5., 10.]
    assert x.diagonal(1).tolist() == [1., 6., 11.]
    assert x.diagonal(-1).tolist() == [4., 9.]
    assert x.diagonal(offset=2).tolist() == [2., 7.]
    assert repr(x.diagonal(5)) == "tensor([])"
    assert x.diagonal(dim1=-1, dim2=0).tolist() == [0., 5., 10.]
    y = torch.arange(24.).reshape(2, 3, 4)
    assert y.diagonal().tolist() == [[0., 16.], [1., 17.], [2., 18.], [3., 19.]]
    assert y.diagonal(1, 1, 2).tolist() == [[1., 6., 11.], [13., 18., 23.]]
    assert F.diagonal(y, 1, 2, 0).tolist() == [[12.], [16.], [20.]]
    assert x.diagonal(1).is_contiguous() is False


def test_diagonal_errors():
    with raises_exactly(RuntimeError, "diagonal dimensions cannot be identical 0, 0"):
        torch.zeros(3, 4).diagonal(0, 0, 0)
    with raises_exactly(RuntimeError, "diagonal dimensions cannot be identical 0, -2"):
        torch.zeros(3, 3).diagonal(0, 0, -2)
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-2, 1], "
                                    "but got 2)"):
        torch.zeros(3, 4).diagonal(0, 0, 2)
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-1, 0], "
                                    "but got 1)"):
        torch.tensor([1., 2.]).diagonal()


def test_diagonal_is_a_writable_view_with_pytorchs_graph():
    a = torch.arange(9.).reshape(3, 3)
    a.diagonal()[:] = 0
    assert a.tolist() == [[0., 1., 2.], [3., 0., 5.], [6., 7., 0.]]
    x = torch.arange(6.).reshape(2, 3)
    x.diagonal().add_(100.)
    assert x.tolist() == [[100., 1., 2.], [3., 104., 5.]]

    leaf = torch.arange(12., requires_grad=True)
    d = leaf.reshape(3, 4).diagonal()
    assert d.grad_fn.name() == "DiagonalBackward0" and names(d.grad_fn) == ["ViewBackward0"]
    z = leaf.reshape(3, 4).diagonal(-1, 1, 0)
    gg, = torch.autograd.grad((z * z).sum(), leaf, create_graph=True)
    assert gg.tolist() == [0., 2., 0., 0., 0., 0., 12., 0., 0., 0., 0., 22.]
    assert gg.grad_fn.name() == "ViewBackward0"
    assert names(gg.grad_fn) == ["DiagonalBackwardBackward0"]

    b = torch.arange(9., requires_grad=True)
    c = b.reshape(3, 3) * 1
    c.diagonal().fill_(5.)
    assert c.grad_fn.name() == "torch::autograd::CopySlices"
    c.sum().backward()
    assert b.grad.tolist() == [0., 1., 1., 1., 0., 1., 1., 1., 0.]


def test_diagonal_gradcheck():
    x = torch.rand(2, 3, 4, dtype=torch.float64, requires_grad=True)
    for args in [(0, 0, 1), (1, 1, 2), (-1, 2, 0), (2, -1, -2)]:
        assert gradcheck(lambda x: x.diagonal(*args), (x,))
        assert gradgradcheck(lambda x: x.diagonal(*args), (x,))


def test_new_full_new_empty_new_tensor():
    assert repr(torch.arange(3).new_full((2,), 7)) == "tensor([7, 7])"
    assert repr(torch.arange(3).new_full((2,), 7.5)) == "tensor([7, 7])"
    assert repr(torch.arange(3.).new_full((2, 2), 7)) == "tensor([[7., 7.],\n        [7., 7.]])"
    assert repr(torch.arange(3.).new_full([2], 1, dtype=torch.int64)) == "tensor([1, 1])"
    assert repr(torch.arange(3.).new_full((2,), 1, requires_grad=True)) == \
        "tensor([1., 1.], requires_grad=True)"
    with raises_exactly(TypeError, "new_full(): argument 'size' (position 1) must be tuple of "
                                   "ints, not int"):
        torch.arange(3.).new_full(2, 1)

    assert torch.arange(3.).new_empty((2, 3)).shape == (2, 3)
    assert torch.arange(3.).new_empty(2, 3).dtype == torch.float32
    assert torch.arange(3).new_empty((2,)).dtype == torch.int64
    assert torch.arange(3.).new_empty((2,), dtype=torch.int32).dtype == torch.int32
    assert torch.arange(3.).new_empty(2, requires_grad=True).requires_grad
    assert torch.arange(3.).new_empty([]).shape == ()

    assert repr(torch.arange(3.).new_tensor([1, 2])) == "tensor([1., 2.])"
    assert repr(torch.arange(3).new_tensor([1.5, 2])) == "tensor([1, 2])"
    assert repr(torch.arange(3.).new_tensor([1, 2], dtype=torch.int64)) == "tensor([1, 2])"
    assert repr(torch.arange(3.).new_tensor(5)) == "tensor(5.)"
    assert repr(torch.arange(3.).new_tensor([1., 2.], requires_grad=True)) == \
        "tensor([1., 2.], requires_grad=True)"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = torch.arange(3.).new_tensor(torch.tensor([1., 2.], requires_grad=True))
    assert repr(t) == "tensor([1., 2.])"
    assert str(caught[0].message) == (
        "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() "
        "or sourceTensor.detach().clone().requires_grad_(True), rather than "
        "tensor.new_tensor(sourceTensor).")

    assert repr(torch.arange(3.).new_zeros(2, dtype=torch.int64)) == "tensor([0, 0])"
    assert repr(torch.arange(3.).new_ones([2, 1], dtype=torch.bool)) == \
        "tensor([[True],\n        [True]])"
    assert repr(torch.arange(3.).new_ones(2, requires_grad=True)) == \
        "tensor([1., 1.], requires_grad=True)"
    assert repr(torch.arange(3).new_zeros(2, 3)) == "tensor([[0, 0, 0],\n        [0, 0, 0]])"
