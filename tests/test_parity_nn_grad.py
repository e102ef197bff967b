"""Gradients of activations and losses, differentiated again (create_graph=True), and loss
arguments PyTorch accepts: pos_weight, legacy size_average/reduce, targets of other dtypes.

Every expected value, node name, warning and message below was checked against PyTorch 2.13
for the same call (this file does not import torch).
"""
import warnings

import numpy as np
import pytest

import minigrad
import minigrad.nn.functional as F
from exact_errors import raises_exactly
from minigrad import nn
from minigrad.autograd import gradcheck, gradgradcheck

X = [-2.5, -0.5, 0.0, 0.3, 1.25, 2.0, 25.0]
W = [0.3, -1.2, 0.7, 2.0, -0.4, 1.1, 0.5]


def _first_and_second(f, dtype=minigrad.float64):
    """g = d sum(w f(x)) / dx with create_graph, then d sum(g^2) / d(x, w)."""
    x = minigrad.tensor(X, dtype=dtype, requires_grad=True)
    w = minigrad.tensor(W, dtype=dtype, requires_grad=True)
    (g,) = minigrad.autograd.grad((f(x) * w).sum(), x, create_graph=True)
    gx, gw = minigrad.autograd.grad((g * g).sum(), (x, w))
    return g, gx.tolist(), gw.tolist()


# ----- activations: their backward is an op of its own ------------------------------------

# name: (function, first-derivative node, g, d/dx, d/dw), float64.
DOUBLE_BACKWARD = {
    "leaky_relu": (lambda x: F.leaky_relu(x, 0.1), "LeakyReluBackwardBackward0",
                   [0.03, -0.12, 0.06999999999999999, 2.0, -0.4, 1.1, 0.5],
                   [0.0] * 7,
                   [0.006, -0.024, 0.013999999999999999, 4.0, -0.8, 2.2, 1.0]),
    "elu": (lambda x: F.elu(x, 1.5), "EluBackwardBackward0",
            [0.036938249380754455, -1.09175518748274, 1.0499999999999998, 2.0, -0.4, 1.1, 0.5],
            [0.0027288685346296146, 2.383858778790946, 0.0, 0.0, 0.0, 0.0, 0.0],
            [0.00909622844876538, -1.9865489823257882, 3.1499999999999995, 4.0, -0.8, 2.2, 1.0]),
    "softplus": (lambda x: F.softplus(x, 2.0, 3.0), "SoftplusBackwardBackward0",
                 [0.0020078552772854565, -0.32272970564399417, 0.35, 1.2913126124515908,
                  -0.36965672799150257, 1.1, 0.5],
                 [1.6018002804166555e-05, 0.30457205443737634, 0.24499999999999997,
                  2.363455801854713, 0.04146289676497346, 0.0, 0.0],
                 [2.6876552096820387e-05, -0.17359077150843186, 0.35, 1.6674882630765522,
                  -0.6832304827469187, 2.2, 1.0]),
    "hardtanh": (lambda x: F.hardtanh(x, -0.5, 1.5), "HardtanhBackwardBackward0",
                 [0.0, 0.0, 0.7, 2.0, -0.4, 0.0, 0.0],
                 [0.0] * 7,
                 [0.0, 0.0, 1.4, 4.0, -0.8, 0.0, 0.0]),
}


@pytest.mark.parametrize("name", DOUBLE_BACKWARD)
def test_activation_double_backward(name):
    f, node, g_expected, gx_expected, gw_expected = DOUBLE_BACKWARD[name]
    g, gx, gw = _first_and_second(f)
    assert g.grad_fn.name() == node
    assert g.tolist() == g_expected
    assert gx == gx_expected
    assert gw == gw_expected


def test_leaky_relu_double_backward_from_the_brief():
    x = minigrad.tensor([-0.5, 1.25, 2.0], requires_grad=True)
    (g,) = minigrad.autograd.grad(F.leaky_relu(x, 0.1).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "LeakyReluBackwardBackward0"
    assert [type(n).__name__ if n else None for n, _ in g.grad_fn.next_functions] == [
        None, "AccumulateGrad"]
    (gg,) = minigrad.autograd.grad(g.sum(), x)
    assert gg.tolist() == [0.0, 0.0, 0.0]


def test_activation_first_derivatives_float32():
    # float32: the backward kernels' rounding (elu: grad * alpha * exp(x) in float32)
    g, _, _ = _first_and_second(lambda x: F.elu(x, 1.5), minigrad.float32)
    assert g.tolist() == [0.036938250064849854, -1.0917552709579468, 1.0499999523162842, 2.0,
                          -0.4000000059604645, 1.100000023841858, 0.5]
    g, _, _ = _first_and_second(lambda x: F.softplus(x, 2.0, 3.0), minigrad.float32)
    assert g.tolist() == [0.002007855335250497, -0.3227297365665436, 0.3499999940395355,
                          1.2913126945495605, -0.3696567416191101, 1.100000023841858, 0.5]


@pytest.mark.parametrize("f", [lambda x: F.leaky_relu(x, 0.1), lambda x: F.elu(x, 1.5),
                               lambda x: F.softplus(x, 2.0, 3.0), F.gelu,
                               lambda x: F.gelu(x, approximate="tanh"),
                               lambda x: F.hardtanh(x, -0.5, 1.5)])
def test_activation_gradgradcheck(f):
    x = minigrad.tensor([-1.7, -0.4, 0.3, 0.9, 1.3], dtype=minigrad.float64, requires_grad=True)
    assert gradcheck(f, (x,))
    assert gradgradcheck(f, (x,))


def test_gelu_double_backward_names():
    for approximate in ("none", "tanh"):
        g, _, _ = _first_and_second(lambda x: F.gelu(x, approximate=approximate))
        assert g.grad_fn.name() == "GeluBackwardBackward0"


# ----- losses: targets of another dtype ---------------------------------------------------

@pytest.mark.parametrize("dtype", [minigrad.float32, minigrad.float64])
def test_mse_and_smooth_l1_accept_a_bool_target(dtype):
    x = minigrad.tensor([0.5, -1.0, 2.0], dtype=dtype, requires_grad=True)
    t = minigrad.tensor([True, False, True])
    loss = F.mse_loss(x, t)
    assert loss.dtype == dtype and loss.item() == 0.75
    (g,) = minigrad.autograd.grad(loss, x)
    assert g.tolist() == ([-0.3333333432674408, -0.6666666865348816, 0.6666666865348816]
                          if dtype == minigrad.float32
                          else [-0.3333333333333333, -0.6666666666666666, 0.6666666666666666])
    loss = F.smooth_l1_loss(x, t)
    assert loss.dtype == dtype and loss.item() == 0.375
    (g,) = minigrad.autograd.grad(loss, x, create_graph=True)
    assert g.tolist() == ([-0.1666666716337204, -0.3333333432674408, 0.3333333432674408]
                          if dtype == minigrad.float32
                          else [-0.16666666666666666, -0.3333333333333333, 0.3333333333333333])


@pytest.mark.parametrize("input_dtype, target_dtype, message", [
    (minigrad.float32, minigrad.float64, "Found dtype Double but expected Float"),
    (minigrad.float32, minigrad.int64, "Found dtype Long but expected Float"),
    (minigrad.float32, minigrad.int32, "Found dtype Int but expected Float"),
    (minigrad.float32, minigrad.bool, "Found dtype Bool but expected Float"),
    (minigrad.float64, minigrad.float32, "Found dtype Float but expected Double"),
    (minigrad.float64, minigrad.bool, "Found dtype Bool but expected Double"),
])
def test_huber_loss_refuses_a_target_of_another_dtype(input_dtype, target_dtype, message):
    x = minigrad.tensor([0.5, -1.0, 2.0], dtype=input_dtype, requires_grad=True)
    t = minigrad.tensor([1, 0, 1], dtype=target_dtype)
    with raises_exactly(RuntimeError, message):
        F.huber_loss(x, t)


# ----- binary_cross_entropy_with_logits: pos_weight ---------------------------------------

def _bce_inputs(dtype=minigrad.float64):
    z = minigrad.tensor([[0.5, -1.25, 3.0], [-20.0, 0.0, 40.0]], dtype=dtype, requires_grad=True)
    t = minigrad.tensor([[1.0, 0.0, 0.25], [1.0, 0.5, 0.0]], dtype=dtype, requires_grad=True)
    return z, t


def test_bce_with_logits_pos_weight_and_weight():
    z, t = _bce_inputs()
    pos_weight = minigrad.tensor([2.0, 0.5, 3.0], dtype=minigrad.float64)
    weight = minigrad.tensor([0.5, 1.5, 2.0], dtype=minigrad.float64)
    loss = F.binary_cross_entropy_with_logits(z, t, weight, reduction="none", pos_weight=pos_weight)
    assert loss.grad_fn.name() == "BinaryCrossEntropyWithLogitsBackward0"
    assert loss.tolist() == [[0.4740769841801067, 0.3778936220180594, 4.645762054721226],
                             [20.000000002061153, 0.7797905781299383, 80.0]]
    gz, gt = minigrad.autograd.grad(loss.sum(), (z, t))
    assert gz.tolist() == [[-0.3775406687981454, 0.3340502082379633, 1.3577223804673002],
                           [-0.9999999979388464, 0.1875, 2.0]]
    assert gt.tolist() == [[-0.012961507909946657, 0.7485531889909703, -5.805650593705032],
                           [20.000000001030575, -0.5198603854199589, -80.0]]


def test_bce_with_logits_loss_module_pos_weight():
    z, t = _bce_inputs()
    module = nn.BCEWithLogitsLoss(reduction="none", pos_weight=minigrad.tensor(1.5, dtype=minigrad.float64))
    assert list(module.state_dict()) == ["pos_weight"]
    loss = module(z, t)
    assert loss.tolist() == [[0.71111547627016, 0.25192908134537295, 2.30466077052046],
                             [30.000000003091728, 0.8664339756999316, 40.0]]
    gz, gt = minigrad.autograd.grad(loss.sum(), (z, t), create_graph=True)
    assert gz.tolist() == [[-0.566311003197218, 0.22270013882530884, 0.6966458926752375],
                           [-1.4999999969082696, -0.125, 1.0]]
    assert gt.tolist() == [[-0.26296150790994666, 2.000964540672687, -2.975706324213129],
                           [30.000000001030575, 0.3465735902799726, -40.0]]


def test_bce_with_logits_pos_weight_float32():
    z, t = _bce_inputs(minigrad.float32)
    pos_weight = minigrad.tensor([2.0, 0.5, 3.0])
    loss = F.binary_cross_entropy_with_logits(z, t, reduction="none", pos_weight=pos_weight)
    assert loss.tolist() == [[0.9481539726257324, 0.25192904472351074, 2.322880983352661],
                             [40.0, 0.5198603868484497, 40.0]]
    gz, gt = minigrad.autograd.grad(loss.sum(), (z, t))
    assert gz.tolist() == [[-0.755081295967102, 0.22270013391971588, 0.678861141204834],
                           [-2.0, 0.125, 1.0]]
    assert gt.tolist() == [[-0.02592301368713379, 0.49903544783592224, -2.902825355529785],
                           [40.0, -0.3465735912322998, -40.0]]


def test_bce_with_logits_pos_weight_gradcheck():
    z = minigrad.tensor([[0.5, -1.25, 3.0], [-2.0, 0.1, 4.0]], dtype=minigrad.float64,
                        requires_grad=True)
    t = minigrad.tensor([[1.0, 0.0, 0.25], [1.0, 0.5, 0.0]], dtype=minigrad.float64,
                        requires_grad=True)
    pos_weight = minigrad.tensor([2.0, 0.5, 3.0], dtype=minigrad.float64)
    weight = minigrad.tensor([0.5, 1.5, 2.0], dtype=minigrad.float64)
    for reduction in ("none", "mean", "sum"):
        f = lambda z, t: F.binary_cross_entropy_with_logits(  # noqa: E731
            z, t, weight, reduction=reduction, pos_weight=pos_weight)
        assert gradcheck(f, (z, t))
        assert gradgradcheck(f, (z, t))


def test_bce_with_logits_pos_weight_that_does_not_broadcast():
    z, t = _bce_inputs()
    with raises_exactly(RuntimeError, "The size of tensor a (2) must match the size of tensor b "
                                      "(3) at non-singleton dimension 1"):
        F.binary_cross_entropy_with_logits(z, t, pos_weight=minigrad.ones(2))


# ----- the deprecated size_average / reduce arguments -------------------------------------

_LEGACY = [  # (size_average, reduce, reduction PyTorch maps them to)
    (None, False, "none"), (False, None, "sum"), (True, True, "mean"), (False, False, "none"),
    (True, None, "mean"), (None, True, "mean"), (False, True, "sum"),
]


def _legacy_warning(reduction):
    return (f"size_average and reduce args will be deprecated, please use "
            f"reduction='{reduction}' instead.")


@pytest.mark.parametrize("size_average, reduce, reduction", _LEGACY)
@pytest.mark.parametrize("module", [nn.MSELoss, nn.L1Loss, nn.SmoothL1Loss, nn.BCELoss,
                                    nn.BCEWithLogitsLoss, nn.NLLLoss, nn.CrossEntropyLoss])
def test_loss_modules_map_size_average_and_reduce(module, size_average, reduce, reduction):
    with pytest.warns(UserWarning) as record:
        loss = module(size_average=size_average, reduce=reduce)
    assert [str(w.message) for w in record] == [_legacy_warning(reduction)]
    assert loss.reduction == reduction


def test_loss_modules_without_legacy_arguments_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nn.MSELoss(reduction="sum").reduction == "sum"
        assert nn.NLLLoss(None, None, -100, None, "none").reduction == "none"


def test_functional_losses_map_size_average_and_reduce():
    x = minigrad.tensor([[0.5, -1.0], [2.0, 0.25]])
    t = minigrad.tensor([[0.0, 1.0], [1.0, 0.25]])
    with pytest.warns(UserWarning) as record:
        assert F.mse_loss(x, t, size_average=False).item() == 5.25
        assert F.mse_loss(x, t, reduce=False).tolist() == [[0.25, 4.0], [1.0, 0.0]]
        assert F.l1_loss(x, t, False).item() == 3.5  # positional, as in PyTorch's signature
        assert F.nll_loss(x, minigrad.tensor([1, 0]), None, False, -100, True).item() == -1.0
        assert F.smooth_l1_loss(x, t, True, False).tolist() == [[0.125, 1.5], [0.5, 0.0]]
    assert [str(w.message) for w in record] == [
        _legacy_warning("sum"), _legacy_warning("none"), _legacy_warning("sum"),
        _legacy_warning("sum"), _legacy_warning("none")]


@pytest.mark.parametrize("reference", [False, True], ids=["plain walk", "create_graph"])
def test_mse_loss_gradient_has_pytorchs_last_bits(reference):
    """PyTorch computes norm * (input - target) * grad with norm = float32(2 / n); other orders
    of the same formula differ in the last bit (the values below are PyTorch 2.13's)."""
    x = minigrad.tensor([0.3, -1.7, 2.9, 0.123, 5.5, -3.3, 0.77], requires_grad=True)
    t = minigrad.tensor([0.1, 0.2, -0.4, 1.0, 2.0, -2.0, 0.7])
    loss = F.mse_loss(x, t)
    if reference:
        (grad,) = minigrad.autograd.grad(loss, x, create_graph=True)
    else:
        loss.backward()
        grad = x.grad
    assert grad.tolist() == [0.05714286491274834, -0.5428571701049805, 0.9428572654724121,
                             -0.25057142972946167, 1.0, -0.37142857909202576,
                             0.019999999552965164]


@pytest.mark.parametrize("reduction, expected", [
    ("mean", [[0.0, -4.0, 0.16666666666666666], [0.0, 4.0, -0.16666666666666666]]),
    ("sum", [[0.0, -12.0, 0.5], [0.0, 12.0, -0.5]]),
    ("none", [[0.0, -12.0, 0.5], [0.0, 12.0, -0.5]]),
])
def test_mse_loss_second_derivative(reduction, expected):
    """mse_loss's gradient is a MseLossBackwardBackward0 node for input and for target, and
    differentiates again; names and values checked against PyTorch 2.13 (float64)."""
    x = minigrad.tensor([0.3, -1.7, 2.9], dtype=minigrad.float64, requires_grad=True)
    t = minigrad.tensor([0.1, 0.2, -0.4], dtype=minigrad.float64, requires_grad=True)
    loss = F.mse_loss(x, t, reduction=reduction)
    g, gt = minigrad.autograd.grad(loss.sum() if reduction == "none" else loss, (x, t),
                                   create_graph=True)
    for grad in (g, gt):
        assert grad.grad_fn.name() == "MseLossBackwardBackward0"
        assert [n.name() if n else None for n, _ in grad.grad_fn.next_functions] == [
            None, "torch::autograd::AccumulateGrad", "torch::autograd::AccumulateGrad"]
    w = minigrad.tensor([1.0, -2.0, 0.5], dtype=minigrad.float64)
    second = minigrad.autograd.grad((g * w).sum() + (gt * w * w).sum(), (x, t))
    np.testing.assert_allclose([s.tolist() for s in second], expected, rtol=1e-15, atol=1e-15)
    assert gradgradcheck(lambda a, b: F.mse_loss(a, b, reduction=reduction), (x, t))
