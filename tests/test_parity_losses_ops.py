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


# ----- losses with the wrong target dtype or shape --------------------------------------------

SCORES = [[0.2, 0.7], [0.1, 0.3]]


def test_mse_loss_with_an_int_target_stays_float32():
    x = minigrad.tensor([1.0, 2.0, 0.5], requires_grad=True)
    loss = nn.MSELoss()(x, minigrad.tensor([1, 4, 0]))
    _same(loss, 4.25 / 3, minigrad.float32)
    loss.backward()
    _same(x.grad, [0.0, -4 / 3, 1 / 3], minigrad.float32)
    _same(F.mse_loss(x, minigrad.tensor([1, 4, 0]), reduction="none"), [0, 4, 0.25], minigrad.float32)


@pytest.mark.parametrize("dtype, name", [(minigrad.int64, "Long"), (minigrad.int32, "Int"),
                                         (minigrad.bool, "Bool")])
def test_mse_loss_of_integer_tensors_is_not_implemented(dtype, name):
    with pytest.raises(NotImplementedError) as info:
        nn.MSELoss()(minigrad.tensor([1, 2], dtype=dtype), minigrad.tensor([1, 1], dtype=dtype))
    assert str(info.value) == f"\"mse_cpu\" not implemented for '{name}'"


@pytest.mark.parametrize("input_dtype, target, message", [
    (minigrad.float32, minigrad.tensor([0, 1]), "Found dtype Long but expected Float"),
    (minigrad.float32, minigrad.tensor([0, 1], dtype=minigrad.int32), "Found dtype Int but expected Float"),
    (minigrad.float32, minigrad.tensor([0.0, 1.0], dtype=minigrad.float64),
     "Found dtype Double but expected Float"),
    (minigrad.float32, minigrad.tensor([False, True]), "Found dtype Bool but expected Float"),
    (minigrad.float32, minigrad.tensor([0, 1], dtype=minigrad.uint8), "Found dtype Byte but expected Float"),
    (minigrad.float64, minigrad.tensor([0.0, 1.0]), "Found dtype Float but expected Double"),
])
def test_bce_loss_wants_a_target_of_the_input_dtype(input_dtype, target, message):
    with pytest.raises(RuntimeError) as info:
        nn.BCELoss()(minigrad.tensor([0.2, 0.7], dtype=input_dtype), target)
    assert str(info.value) == message


def test_bce_loss_checks_the_dtype_before_the_range_and_refuses_int_inputs():
    with pytest.raises(RuntimeError, match="^Found dtype Long but expected Float$"):
        nn.BCELoss()(minigrad.tensor([1.5, 0.0]), minigrad.tensor([0, 1]))
    with pytest.raises(NotImplementedError) as info:
        nn.BCELoss()(minigrad.tensor([1, 0]), minigrad.tensor([0, 1]))
    assert str(info.value) == "\"binary_cross_entropy\" not implemented for 'Long'"


def test_bce_loss_weights_do_not_promote_the_loss():
    p = minigrad.tensor([0.2, 0.7], requires_grad=True)
    loss = F.binary_cross_entropy(p, minigrad.tensor([0.0, 1.0]),
                                  weight=minigrad.tensor([1.0, 2.0], dtype=minigrad.float64))
    _same(loss, 0.4682467, minigrad.float32)
    loss.backward()
    np.testing.assert_allclose(p.grad.numpy(), [0.625, -1.4285715], rtol=1e-5)


@pytest.mark.parametrize("target, error, message", [
    (minigrad.tensor([0, 1]), RuntimeError, "result type Float can't be cast to the desired output type Long"),
    (minigrad.tensor([0, 1], dtype=minigrad.int32), RuntimeError,
     "result type Float can't be cast to the desired output type Int"),
    (minigrad.tensor([0, 1], dtype=minigrad.uint8), RuntimeError,
     "result type Float can't be cast to the desired output type Byte"),
    (minigrad.tensor([False, True]), RuntimeError, "Subtraction, the `-` operator, with two bool tensors "
     "is not supported. Use the `^` or `logical_xor()` operator instead."),
])
def test_bce_with_logits_refuses_int_and_bool_targets(target, error, message):
    with pytest.raises(error) as info:
        nn.BCEWithLogitsLoss()(minigrad.tensor([0.2, 0.7]), target)
    assert str(info.value) == message


def test_bce_with_logits_computes_in_the_target_dtype():
    z = minigrad.tensor([0.2, -0.7], dtype=minigrad.float64, requires_grad=True)
    loss = F.binary_cross_entropy_with_logits(z, minigrad.tensor([0.0, 1.0]))
    assert loss.dtype == minigrad.float32
    np.testing.assert_allclose(loss.item(), 0.9507, atol=1e-4)
    loss.backward()
    assert z.grad.dtype == minigrad.float64
    np.testing.assert_allclose(z.grad.numpy(), [0.2749, -0.3341], atol=1e-4)
    with pytest.raises(NotImplementedError) as info:
        F.binary_cross_entropy_with_logits(minigrad.tensor([1, 2]), minigrad.tensor([0.0, 1.0]))
    assert str(info.value) == "\"log_sigmoid_cpu\" not implemented for 'Long'"


@pytest.mark.parametrize("target, message", [
    (minigrad.tensor([0.0, 1.0]), "expected target dtype to be Long or Byte, but got Float"),
    (minigrad.tensor([0, 1], dtype=minigrad.int32), "expected target dtype to be Long or Byte, but got Int"),
    (minigrad.tensor([False, True]), "expected target dtype to be Long or Byte, but got Bool"),
    (minigrad.tensor([0, 1], dtype=minigrad.int16), "expected target dtype to be Long or Byte, but got Short"),
])
@pytest.mark.parametrize("loss", [nn.CrossEntropyLoss(), nn.NLLLoss()])
def test_class_index_targets_must_be_long_or_byte(loss, target, message):
    with pytest.raises(RuntimeError) as info:
        loss(minigrad.tensor(SCORES), target)
    assert str(info.value) == message


def test_byte_class_indices_are_accepted():
    target = minigrad.tensor([0, 1], dtype=minigrad.uint8)
    np.testing.assert_allclose(nn.CrossEntropyLoss()(minigrad.tensor(SCORES), target).item(), 0.7861, atol=1e-4)
    np.testing.assert_allclose(nn.NLLLoss()(minigrad.tensor(SCORES), target).item(), -0.25, atol=1e-6)


def test_cross_entropy_reads_a_target_of_the_input_shape_as_probabilities():
    probs = minigrad.tensor([[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(nn.CrossEntropyLoss()(minigrad.tensor(SCORES), probs).item(), 0.6361, atol=1e-4)
    np.testing.assert_allclose(nn.CrossEntropyLoss()(minigrad.tensor([0.2, 0.7]), minigrad.tensor([0.0, 1.0])).item(),
                               0.4741, atol=1e-4)
    with pytest.raises(RuntimeError) as info:
        nn.CrossEntropyLoss()(minigrad.tensor(SCORES), minigrad.tensor([[0, 1], [1, 0]]))
    assert str(info.value) == "Expected floating point type for target with class probabilities, got Long"
    with pytest.raises(RuntimeError) as info:
        nn.CrossEntropyLoss(ignore_index=1)(minigrad.tensor(SCORES), probs)
    assert str(info.value) == "ignore_index is not supported for floating point target"


@pytest.mark.parametrize("loss", [nn.CrossEntropyLoss(), nn.NLLLoss()])
def test_one_sample_input_wants_one_target(loss):
    with pytest.raises(ValueError) as info:
        loss(minigrad.tensor([0.2, 0.7]), minigrad.tensor([0, 1, 1]))
    assert str(info.value) == "For 1D input, 1D target must have size 1, but got target size: 3"
    with pytest.raises(RuntimeError) as info:
        loss(minigrad.tensor([0.2, 0.7]), minigrad.tensor([0.0, 1.0, 0.0]))
    assert str(info.value) == "expected target dtype to be Long or Byte, but got Float"


@pytest.mark.parametrize("input, target, error, message", [
    (minigrad.tensor(1.0), minigrad.tensor(0), ValueError, "Expected 1 or more dimensions (got 0)"),
    (minigrad.tensor(SCORES), minigrad.tensor(1), ValueError,
     "Expected input batch_size (2) to match target batch_size (0)."),
    (minigrad.tensor(SCORES), minigrad.tensor([0.0, 1.0, 1.0]), ValueError,
     "Expected input batch_size (2) to match target batch_size (3)."),
    (minigrad.tensor([0.2, 0.7]), minigrad.tensor([[1]]), RuntimeError,
     "0D or 1D target tensor expected, multi-target not supported"),
    (minigrad.tensor([[1, 2]]), minigrad.tensor([5]), NotImplementedError,
     "\"nll_loss_out_frame\" not implemented for 'Long'"),
    (minigrad.ones(2, 3, 4), minigrad.ones(2, 5, dtype=minigrad.int64), RuntimeError,
     "Expected target size [2, 4], got [2, 5]"),
    (minigrad.ones(2, 3, 4, dtype=minigrad.int64), minigrad.ones(2, 4, dtype=minigrad.int64),
     NotImplementedError, "\"nll_loss2d_forward_out_frame\" not implemented for 'Long'"),
])
def test_nll_loss_errors_in_pytorchs_order(input, target, error, message):
    with pytest.raises(error) as info:
        F.nll_loss(input, target)
    assert str(info.value) == message


def test_nll_loss_checks_the_class_weights():
    with pytest.raises(RuntimeError) as info:
        F.nll_loss(minigrad.tensor(SCORES), minigrad.tensor([0, 1]), weight=minigrad.tensor([1.0, 2.0, 3.0]))
    assert str(info.value) == ("weight tensor should be defined either for all 2 classes or no classes "
                               "but got weight tensor of shape: [3]")
    with pytest.raises(RuntimeError) as info:
        F.nll_loss(minigrad.tensor(SCORES), minigrad.tensor([0, 1]),
                   weight=minigrad.tensor([1.0, 2.0], dtype=minigrad.float64))
    assert str(info.value) == "expected scalar type Float but found Double"


@pytest.mark.parametrize("call, message", [
    (lambda: minigrad.tensor([1, 2]).softmax(0), "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'"),
    (lambda: minigrad.tensor([[1, 2]]).softmax(0), "\"softmax_kernel_impl\" not implemented for 'Long'"),
    (lambda: minigrad.tensor([[1, 2]]).log_softmax(1),
     "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'"),
    (lambda: F.log_softmax(minigrad.tensor([[1, 2]]), dim=0),
     "\"log_softmax_kernel_impl\" not implemented for 'Long'"),
    (lambda: minigrad.tensor([True]).softmax(0), "\"softmax_lastdim_kernel_impl\" not implemented for 'Bool'"),
    (lambda: nn.CrossEntropyLoss()(minigrad.tensor([[1, 2]]), minigrad.tensor([1])),
     "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'"),
])
def test_softmax_of_integer_tensors_is_not_implemented(call, message):
    with pytest.raises(NotImplementedError) as info:
        call()
    assert str(info.value) == message


# ----- matrix products do not promote -----------------------------------------------------------

F32, F64 = minigrad.float32, minigrad.float64


@pytest.mark.parametrize("a, b, message", [
    (minigrad.ones(2, 3), minigrad.ones(3, 2, dtype=F64),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (minigrad.ones(2, 3, dtype=F64), minigrad.ones(3, 2),
     "expected m1 and m2 to have the same dtype, but got: double != float"),
    (minigrad.ones(2, 3, dtype=minigrad.int64), minigrad.ones(3, 2),
     "expected m1 and m2 to have the same dtype, but got: long int != float"),
    (minigrad.ones(2, 3, dtype=minigrad.int32), minigrad.ones(3, 2, dtype=minigrad.int64),
     "expected m1 and m2 to have the same dtype, but got: int != long int"),
    (minigrad.ones(3), minigrad.ones(3, 2, dtype=F64),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (minigrad.ones(4, 2, 3), minigrad.ones(3, 2, dtype=F64),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (minigrad.ones(2, 3), minigrad.ones(3, dtype=F64),
     "addmv input tensors must have the same dtype, but got Double, Float, and Double"),
    (minigrad.ones(2, 3, dtype=F64), minigrad.ones(3),
     "addmv input tensors must have the same dtype, but got Float, Double, and Float"),
    (minigrad.ones(4, 2, 3), minigrad.ones(3, dtype=F64),
     "addmv input tensors must have the same dtype, but got Double, Float, and Double"),
    (minigrad.ones(3), minigrad.ones(3, dtype=F64),
     "dot : expected both vectors to have same dtype, but found Float and Double"),
    (minigrad.ones(3), minigrad.ones(4, dtype=F64),
     "dot : expected both vectors to have same dtype, but found Float and Double"),
    (minigrad.ones(4, 2, 3), minigrad.ones(4, 3, 2, dtype=F64), "expected scalar type Float but found Double"),
    (minigrad.ones(3), minigrad.ones(4, 3, 2, dtype=F64), "expected scalar type Float but found Double"),
    (minigrad.ones(2, 3), minigrad.ones(4, 3, 2, dtype=F64), "expected scalar type Float but found Double"),
    (minigrad.ones(4, 2, 3, dtype=minigrad.int64), minigrad.ones(4, 3, 2),
     "expected scalar type Long but found Float"),
])
def test_matrix_products_of_mixed_dtypes_raise(a, b, message):
    with pytest.raises(RuntimeError) as info:
        a @ b
    assert str(info.value) == message


def test_matrix_product_methods_and_linear_check_dtypes_too():
    with pytest.raises(RuntimeError, match="^expected m1 and m2 to have the same dtype, but got: float != double$"):
        minigrad.ones(2, 3).mm(minigrad.ones(3, 2, dtype=F64))
    with pytest.raises(RuntimeError, match="^addmv input tensors must have the same dtype"):
        minigrad.ones(2, 3).mv(minigrad.ones(3, dtype=F64))
    with pytest.raises(RuntimeError, match="^dot : expected both vectors to have same dtype"):
        minigrad.ones(3).dot(minigrad.ones(3, dtype=F64))
    with pytest.raises(RuntimeError) as info:
        nn.Linear(3, 2, bias=False)(minigrad.ones(2, 3, dtype=F64))
    assert str(info.value) == "expected m1 and m2 to have the same dtype, but got: double != float"


def test_integer_matrix_products_work():
    i64, i32 = minigrad.int64, minigrad.int32
    _same(minigrad.ones(2, 3, dtype=i64) @ minigrad.ones(3, 2, dtype=i64), [[3, 3], [3, 3]], i64)
    _same(minigrad.ones(2, 3, dtype=i32) @ minigrad.ones(3, dtype=i32), [3, 3], i32)
    _same(minigrad.ones(3, dtype=i64) @ minigrad.ones(3, dtype=i64), 3, i64)
    _same(minigrad.ones(2, 2, 3, dtype=i64) @ minigrad.ones(2, 3, 1, dtype=i64), [[[3], [3]], [[3], [3]]], i64)


@pytest.mark.parametrize("a, b, kernel", [
    (minigrad.ones(2, 3, dtype=minigrad.bool), minigrad.ones(3, 2, dtype=minigrad.bool), "addmm_impl_cpu_"),
    (minigrad.ones(2, 3, dtype=minigrad.bool), minigrad.ones(3, dtype=minigrad.bool), "addmv_impl_cpu"),
    (minigrad.ones(3, dtype=minigrad.bool), minigrad.ones(3, dtype=minigrad.bool), "dot"),
    (minigrad.ones(2, 2, 3, dtype=minigrad.bool), minigrad.ones(2, 3, 2, dtype=minigrad.bool), "bmm"),
])
def test_bool_matrix_products_are_not_implemented(a, b, kernel):
    with pytest.raises(NotImplementedError) as info:
        a @ b
    assert str(info.value) == f"\"{kernel}\" not implemented for 'Bool'"


@pytest.mark.parametrize("a, b, message", [
    (minigrad.ones(2, 2, 3), minigrad.ones(2, 4, 3),
     "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4]."),
    (minigrad.ones(5, 1, 2, 3), minigrad.ones(4, 2, 1),
     "Expected size for first two dimensions of batch2 tensor to be: [20, 3] but got: [20, 2]."),
    (minigrad.ones(4), minigrad.ones(2, 3, 2),
     "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 3]."),
    (minigrad.ones(2, 2, 3), minigrad.ones(3, 4, 3),
     "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"),
    (minigrad.ones(2, 2, 3), minigrad.ones(4), "size mismatch, got input (4), mat (4x3), vec (4)"),
])
def test_batched_products_report_shape_errors_like_pytorch(a, b, message):
    with pytest.raises(RuntimeError) as info:
        a @ b
    assert str(info.value) == message


def test_batch_times_vector_is_one_matrix_vector_product():
    a = minigrad.tensor(np.arange(12.0).reshape(2, 2, 3), requires_grad=True)
    v = minigrad.tensor([1.0, -1.0, 2.0], dtype=F64, requires_grad=True)
    y = a.double() @ v
    assert y.grad_fn.name() == "UnsafeViewBackward0"
    assert gradcheck(lambda a, v: a @ v, (a.detach().double().requires_grad_(), v))


# ----- module reprs -------------------------------------------------------------------------

def test_module_list_repr_collapses_runs_of_identical_children():
    layers = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 2)])
    assert repr(layers) == (
        "ModuleList(\n"
        "  (0-1): 2 x Linear(in_features=2, out_features=2, bias=True)\n"
        "  (2): ReLU()\n"
        "  (3): Linear(in_features=2, out_features=2, bias=True)\n"
        ")")
    blocks = nn.ModuleList([nn.Sequential(nn.Linear(2, 2), nn.ReLU()) for _ in range(2)])
    assert repr(blocks) == (
        "ModuleList(\n"
        "  (0-1): 2 x Sequential(\n"
        "    (0): Linear(in_features=2, out_features=2, bias=True)\n"
        "    (1): ReLU()\n"
        "  )\n"
        ")")
    assert repr(nn.ModuleList()) == "ModuleList()"


def test_sequential_repr_does_not_collapse():  # PyTorch 2.13 collapses ModuleList only
    assert repr(nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))) == (
        "Sequential(\n"
        "  (0): Linear(in_features=2, out_features=2, bias=True)\n"
        "  (1): Linear(in_features=2, out_features=2, bias=True)\n"
        ")")


# ----- dtype checks of the math methods -------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda: minigrad.tensor([1, 2, 3]).std(), RuntimeError,
     "std and var only support floating point and complex dtypes"),
    (lambda: minigrad.tensor([1, 2, 3]).var(dim=0, keepdim=True), RuntimeError,
     "std and var only support floating point and complex dtypes"),
    (lambda: minigrad.tensor([True, False]).std(), RuntimeError,
     "std and var only support floating point and complex dtypes"),
    (lambda: minigrad.tensor([1, 2, 3]).norm(), RuntimeError,
     "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long"),
    (lambda: minigrad.tensor([True, False]).norm(dim=0), RuntimeError,
     "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Bool"),
    (lambda: minigrad.tensor([True, False]).relu(), RuntimeError, "Boolean inputs not supported for relu"),
    (lambda: minigrad.tensor([True, False]).abs(), NotImplementedError, "\"abs_cpu\" not implemented for 'Bool'"),
])
def test_math_methods_refuse_dtypes_like_pytorch(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


def test_square_sign_and_clamp_promote_like_pytorch():
    _same(minigrad.tensor([True, False]).square(), [1, 0], minigrad.int64)
    assert minigrad.tensor([1.0, 2.0], requires_grad=True).square().grad_fn.name() == "PowBackward0"
    _same(minigrad.tensor([True, False]).sign(), [True, False], minigrad.bool)
    _same(minigrad.tensor([1, 2]).clamp(max=1.5), [1.0, 1.5], minigrad.float32)
    _same(minigrad.tensor([1, 2], dtype=minigrad.uint8).clamp(min=1.5), [1.5, 2.0], minigrad.float32)
    _same(minigrad.tensor([True, False]).clamp(min=0), [1, 0], minigrad.int64)
    _same(minigrad.tensor([1, 2], dtype=minigrad.int32).clamp(min=0), [1, 2], minigrad.int32)
    _same(minigrad.tensor([1.0, 2.0], dtype=F64).clamp(max=1.5), [1.0, 1.5], F64)


# ----- // % & | ^ any all ---------------------------------------------------------------------

def test_floor_divide_and_remainder_follow_pythons_signs():
    _same(minigrad.tensor([7, -7]) // 2, [3, -4], minigrad.int64)
    _same(7 // minigrad.tensor([2, -2]), [3, -4], minigrad.int64)
    _same(minigrad.tensor([7, -7]) // 2.5, [2.0, -3.0], minigrad.float32)
    _same(minigrad.tensor([7.0, -7.0]) // 0, [np.inf, -np.inf], minigrad.float32)
    _same(minigrad.tensor([7, -7]) % 3, [1, 2], minigrad.int64)
    _same(7 % minigrad.tensor([3, -3]), [1, -2], minigrad.int64)
    _same(minigrad.tensor([7, -7]) % 2.5, [2.0, 0.5], minigrad.float32)
    _same(minigrad.tensor([7, -7]).remainder(3), [1, 2], minigrad.int64)
    _same(minigrad.tensor([7, -7]).floor_divide(2), [3, -4], minigrad.int64)
    assert np.isnan((minigrad.tensor([7.0, -7.0]) % 0).numpy()).all()


@pytest.mark.parametrize("call", [lambda: minigrad.tensor([7, -7]) // 0, lambda: minigrad.tensor([7, -7]) % 0])
def test_integer_division_by_zero_raises(call):
    with pytest.raises(RuntimeError, match="^ZeroDivisionError$"):
        call()


def test_remainder_gradients_and_node_names():
    x = minigrad.tensor([7.5, -7.0], requires_grad=True)
    assert (x % 2).grad_fn.name() == "RemainderBackward0"
    y = minigrad.tensor([2.0, 3.0], requires_grad=True)
    z = x % y
    assert z.grad_fn.name() == "RemainderBackward1"
    z.sum().backward()
    _same(x.grad, [1.0, 1.0], minigrad.float32)
    _same(y.grad, [-3.0, 3.0], minigrad.float32)
    a = minigrad.tensor([7.5, -7.2, 0.3], dtype=F64, requires_grad=True)
    b = minigrad.tensor([2.1, 3.3, -0.7], dtype=F64, requires_grad=True)
    assert gradcheck(lambda a, b: a % b, (a, b))


def test_floor_divide_has_no_derivative():
    x = minigrad.tensor([7.5, -7.0], requires_grad=True)
    y = x // 2
    assert y.requires_grad
    with pytest.raises(RuntimeError, match="^derivative for aten::floor_divide is not implemented$"):
        y.sum().backward()


def test_bitwise_operators_with_python_numbers():
    mask = minigrad.tensor([True, False])
    _same(mask & True, [True, False], minigrad.bool)
    _same(True & mask, [True, False], minigrad.bool)
    _same(mask | False, [True, False], minigrad.bool)
    _same(mask ^ True, [False, True], minigrad.bool)
    _same(mask ^ minigrad.tensor([True, True]), [False, True], minigrad.bool)
    _same(minigrad.tensor([5, 3]) & 1, [1, 1], minigrad.int64)
    _same(minigrad.tensor([5, 3]) ^ 1, [4, 2], minigrad.int64)
    with pytest.raises(NotImplementedError) as info:
        minigrad.tensor([1.0, 2.0]) & 1
    assert str(info.value) == "\"bitwise_and_cpu\" not implemented for 'Float'"


def test_any_and_all():
    _same(minigrad.tensor([1.0, 0.0, 2.0]).any(), True, minigrad.bool)
    _same(minigrad.tensor([1, 0, 2]).all(), False, minigrad.bool)
    _same(minigrad.tensor([[True, False], [True, True]]).all(dim=1), [False, True], minigrad.bool)
    _same(minigrad.tensor([5.0, 6.0]).any(dim=0, keepdim=True), [True], minigrad.bool)
