"""More of torch.nn: activations, smooth L1 / Huber losses, gradient clipping, hooks, ModuleDict...

Every expected value, repr, node name and message below was printed by PyTorch 2.13 for the
same call (this file does not import torch).
"""
import numpy as np
import pytest

import minigrad
import minigrad.nn.functional as F
from exact_errors import raises_exactly
from minigrad import nn
from minigrad.autograd import gradcheck, gradgradcheck

X = [-2.5, -1.0, -0.3, 0.0, 0.2, 1.5, 3.0]

# ----- activations ------------------------------------------------------------------------

# name: (function, outputs, gradient of the sum, node) for float64 input X.
ACTIVATIONS = {
    "leaky_relu": (lambda x: F.leaky_relu(x, 0.2),
                   [-0.5, -0.2, -0.06, 0.0, 0.2, 1.5, 3.0], [0.2, 0.2, 0.2, 0.2, 1.0, 1.0, 1.0],
                   "LeakyReluBackward0"),
    "elu": (lambda x: F.elu(x, 0.5),
            [-0.45895750068805063, -0.31606027941427883, -0.12959088965914106, 0.0, 0.2, 1.5, 3.0],
            [0.0410424993119494, 0.18393972058572117, 0.37040911034085894, 0.5, 1.0, 1.0, 1.0],
            "EluBackward0"),
    "gelu": (F.gelu,
             [-0.015524163314440398, -0.15865525393145702, -0.1146265733433142, 0.0,
              0.11585194188782061, 1.399789198096713, 2.99595030590511],
             [-0.03761108590814519, -0.08331547058768635, 0.26767223317289013, 0.5,
              0.6574682482341941, 1.1274691922299795, 1.011945647204184],
             "GeluBackward0"),
    "gelu_tanh": (lambda x: F.gelu(x, approximate="tanh"),
                  [-0.015084266089998577, -0.15880800939172324, -0.11462907645724074, 0.0,
                   0.11585142978210627, 1.3995715769802328, 2.996362607918227],
                  [-0.03795157621266618, -0.08296408384578252, 0.26770454836119817, 0.5,
                   0.6574581491956996, 1.127710793151433, 1.0115841666309695],
                  "GeluBackward0"),
    "silu": (F.silu,
             [-0.18964545005310887, -0.2689414213699951, -0.1276672449565023, 0.0,
              0.1099667994624956, 1.2263617142904655, 2.8577223804672998],
             [-0.09940111134152683, 0.07232948812851325, 0.3522199896811173, 0.5,
              0.59933731185485, 1.041294154299143, 1.0881041060151693],
             "SiluBackward0"),
    "softplus": (lambda x: F.softplus(x, 2.0, 4.0),
                 [0.003357674244559034, 0.06346400552148625, 0.2187439752429428, 0.34657359027997264,
                  0.4565076261999763, 1.524293675786871, 3.0],
                 [0.006692850924284856, 0.11920292202211755, 0.3543436937742045, 0.5,
                  0.598687660112452, 0.9525741268224333, 1.0],
                 "SoftplusBackward0"),
    "hardtanh": (lambda x: F.hardtanh(x, -2.0, 1.5),
                 [-2.0, -1.0, -0.3, 0.0, 0.2, 1.5, 1.5], [0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0],
                 "HardtanhBackward0"),
    "relu6": (lambda x: F.relu6(x * 3),
              [0.0, 0.0, 0.0, 0.0, 0.6000000000000001, 4.5, 6.0], [0.0, 0.0, 0.0, 0.0, 3.0, 3.0, 0.0],
              "HardtanhBackward0"),
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_values_gradients_and_node(name):
    function, expected, expected_grad, node = ACTIVATIONS[name]
    x = minigrad.tensor(X, dtype=minigrad.float64, requires_grad=True)
    out = function(x)
    out.sum().backward()
    assert out.grad_fn.name() == node
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-15, atol=1e-16)
    np.testing.assert_allclose(x.grad.numpy(), expected_grad, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_gradcheck_and_gradgradcheck(name):
    function = ACTIVATIONS[name][0]
    # No point sits on a kink (0 for leaky_relu, the clamp bounds, softplus's threshold).
    x = minigrad.tensor([-2.3, -1.1, -0.4, 0.3, 0.7, 1.2, 2.6], dtype=minigrad.float64, requires_grad=True)
    assert gradcheck(function, (x,))
    assert gradgradcheck(function, (x,))


def test_activations_print_like_pytorch_in_float32():
    x = minigrad.tensor(X)
    assert repr(F.leaky_relu(x, 0.2)) == "tensor([-0.5000, -0.2000, -0.0600,  0.0000,  0.2000,  1.5000,  3.0000])"
    assert repr(F.elu(x, 0.5)) == "tensor([-0.4590, -0.3161, -0.1296,  0.0000,  0.2000,  1.5000,  3.0000])"
    assert repr(F.gelu(x, approximate="tanh")) == \
        "tensor([-0.0151, -0.1588, -0.1146,  0.0000,  0.1159,  1.3996,  2.9964])"
    assert repr(F.silu(x)) == "tensor([-0.1896, -0.2689, -0.1277,  0.0000,  0.1100,  1.2264,  2.8577])"
    assert repr(F.softplus(x, 2.0, 4.0)) == "tensor([0.0034, 0.0635, 0.2187, 0.3466, 0.4565, 1.5243, 3.0000])"


def test_large_inputs_do_not_overflow():
    x = minigrad.tensor([-100.0, 100.0], requires_grad=True)
    for function in (F.elu, F.silu, F.softplus, F.gelu):
        out = function(x)
        out.sum().backward()
        assert np.isfinite(x.grad.numpy()).all()
    assert F.silu(x).tolist() == [-0.0, 100.0]
    assert F.softplus(x).tolist() == [3.783505853677006e-44, 100.0]  # a float32 denormal
    assert F.elu(x).tolist() == [-1.0, 100.0]
    assert F.gelu(x).tolist() == [-0.0, 100.0]


@pytest.mark.parametrize("module, text", [
    (nn.LeakyReLU(), "LeakyReLU(negative_slope=0.01)"),
    (nn.LeakyReLU(0.2, inplace=True), "LeakyReLU(negative_slope=0.2, inplace=True)"),
    (nn.ELU(), "ELU(alpha=1.0)"),
    (nn.ELU(alpha=0.5, inplace=True), "ELU(alpha=0.5, inplace=True)"),
    (nn.GELU(), "GELU(approximate='none')"),
    (nn.GELU("tanh"), "GELU(approximate='tanh')"),
    (nn.SiLU(), "SiLU()"),
    (nn.SiLU(inplace=True), "SiLU(inplace=True)"),
    (nn.Softplus(), "Softplus(beta=1.0, threshold=20.0)"),
    (nn.Softplus(beta=2), "Softplus(beta=2, threshold=20.0)"),
    (nn.Hardtanh(), "Hardtanh(min_val=-1.0, max_val=1.0)"),
    (nn.Hardtanh(-2, 2), "Hardtanh(min_val=-2, max_val=2)"),
    (nn.Hardtanh(inplace=True), "Hardtanh(min_val=-1.0, max_val=1.0, inplace=True)"),
    (nn.ReLU6(), "ReLU6()"),
])
def test_activation_module_reprs(module, text):
    assert repr(module) == text


def test_activation_modules_call_the_functions():
    x = minigrad.tensor(X, dtype=minigrad.float64)
    for module, name in [(nn.LeakyReLU(0.2), "leaky_relu"), (nn.ELU(0.5), "elu"), (nn.GELU(), "gelu"),
                         (nn.GELU("tanh"), "gelu_tanh"), (nn.SiLU(), "silu"), (nn.Softplus(2.0, 4.0), "softplus"),
                         (nn.Hardtanh(-2.0, 1.5), "hardtanh")]:
        np.testing.assert_allclose(module(x).numpy(), ACTIVATIONS[name][1], rtol=1e-15, atol=1e-16)


def test_activation_errors():
    with raises_exactly(RuntimeError, "approximate argument must be either none or tanh."):
        F.gelu(minigrad.ones(2), approximate="foo")
    with raises_exactly(ValueError, "min_val cannot be greater than max_val"):
        F.hardtanh(minigrad.ones(2), 1, 0)
    with raises_exactly(AssertionError, "max_val (1) must be greater than min_val (1)"):
        nn.Hardtanh(1, 1)
    with raises_exactly(NotImplementedError, "\"leaky_relu_cpu\" not implemented for 'Long'"):
        F.leaky_relu(minigrad.arange(3), 0.1)
    with raises_exactly(NotImplementedError, "\"GeluKernelImpl\" not implemented for 'Long'"):
        F.gelu(minigrad.arange(3))
    with raises_exactly(NotImplementedError, "\"softplus_cpu\" not implemented for 'Long'"):
        F.softplus(minigrad.arange(3))


# ----- smooth L1 and Huber losses ---------------------------------------------------------

LOSS_INPUT = [[0.3, -1.7, 2.2], [0.9, 0.05, -0.4]]
LOSS_TARGET = [[0.0, 0.5, 0.1], [1.2, -0.3, 2.0]]
LOSS_FUNCTIONS = {
    "smooth": lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r),
    "smooth_b": lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.5),
    "huber": lambda x, t, r: F.huber_loss(x, t, reduction=r),
    "huber_d": lambda x, t, r: F.huber_loss(x, t, reduction=r, delta=0.5),
}
# (name, reduction): (loss, input.grad, target.grad, node) after loss.sum().backward(), float64
LOSSES = {
    ("smooth", "mean"): (
        0.8918750000000001,
        [[0.049999999999999996, -0.16666666666666666, 0.16666666666666666], [-0.04999999999999999, 0.05833333333333333, -0.16666666666666666]],
        [[-0.049999999999999996, 0.16666666666666666, -0.16666666666666666], [0.04999999999999999, -0.05833333333333333, 0.16666666666666666]],
        'SmoothL1LossBackward0',
    ),
    ("smooth", "sum"): (
        5.35125,
        [[0.3, -1.0, 1.0], [-0.29999999999999993, 0.35, -1.0]],
        [[-0.3, 1.0, -1.0], [0.29999999999999993, -0.35, 1.0]],
        'SmoothL1LossBackward0',
    ),
    ("smooth", "none"): (
        [[0.045, 1.7000000000000002, 1.6], [0.04499999999999998, 0.06124999999999999, 1.9]],
        [[0.3, -1.0, 1.0], [-0.29999999999999993, 0.35, -1.0]],
        [[-0.3, 1.0, -1.0], [0.29999999999999993, -0.35, 1.0]],
        'SmoothL1LossBackward0',
    ),
    ("smooth_b", "mean"): (
        1.0420833333333333,
        [[0.09999999999999999, -0.16666666666666666, 0.16666666666666666], [-0.09999999999999998, 0.11666666666666665, -0.16666666666666666]],
        [[-0.09999999999999999, 0.16666666666666666, -0.16666666666666666], [0.09999999999999998, -0.11666666666666665, 0.16666666666666666]],
        'SmoothL1LossBackward0',
    ),
    ("smooth_b", "sum"): (
        6.2524999999999995,
        [[0.6, -1.0, 1.0], [-0.5999999999999999, 0.7, -1.0]],
        [[-0.6, 1.0, -1.0], [0.5999999999999999, -0.7, 1.0]],
        'SmoothL1LossBackward0',
    ),
    ("smooth_b", "none"): (
        [[0.09, 1.9500000000000002, 1.85], [0.08999999999999996, 0.12249999999999998, 2.15]],
        [[0.6, -1.0, 1.0], [-0.5999999999999999, 0.7, -1.0]],
        [[-0.6, 1.0, -1.0], [0.5999999999999999, -0.7, 1.0]],
        'SmoothL1LossBackward0',
    ),
    ("huber", "mean"): (
        0.8918750000000001,
        [[0.049999999999999996, -0.16666666666666666, 0.16666666666666666], [-0.04999999999999999, 0.05833333333333333, -0.16666666666666666]],
        [[-0.049999999999999996, 0.16666666666666666, -0.16666666666666666], [0.04999999999999999, -0.05833333333333333, 0.16666666666666666]],
        'HuberLossBackward0',
    ),
    ("huber", "sum"): (
        5.35125,
        [[0.3, -1.0, 1.0], [-0.29999999999999993, 0.35, -1.0]],
        [[-0.3, 1.0, -1.0], [0.29999999999999993, -0.35, 1.0]],
        'HuberLossBackward0',
    ),
    ("huber", "none"): (
        [[0.045, 1.7000000000000002, 1.6], [0.04499999999999998, 0.06124999999999999, 1.9]],
        [[0.3, -1.0, 1.0], [-0.29999999999999993, 0.35, -1.0]],
        [[-0.3, 1.0, -1.0], [0.29999999999999993, -0.35, 1.0]],
        'HuberLossBackward0',
    ),
    ("huber_d", "mean"): (
        0.5210416666666666,
        [[0.049999999999999996, -0.08333333333333333, 0.08333333333333333], [-0.04999999999999999, 0.05833333333333333, -0.08333333333333333]],
        [[-0.049999999999999996, 0.08333333333333333, -0.08333333333333333], [0.04999999999999999, -0.05833333333333333, 0.08333333333333333]],
        'HuberLossBackward0',
    ),
    ("huber_d", "sum"): (
        3.1262499999999998,
        [[0.3, -0.5, 0.5], [-0.29999999999999993, 0.35, -0.5]],
        [[-0.3, 0.5, -0.5], [0.29999999999999993, -0.35, 0.5]],
        'HuberLossBackward0',
    ),
    ("huber_d", "none"): (
        [[0.045, 0.9750000000000001, 0.925], [0.04499999999999998, 0.06124999999999999, 1.075]],
        [[0.3, -0.5, 0.5], [-0.29999999999999993, 0.35, -0.5]],
        [[-0.3, 0.5, -0.5], [0.29999999999999993, -0.35, 0.5]],
        'HuberLossBackward0',
    ),
}


@pytest.mark.parametrize("name, reduction", list(LOSSES))
def test_smooth_l1_and_huber_values_gradients_and_node(name, reduction):
    expected, expected_grad_x, expected_grad_t, node = LOSSES[name, reduction]
    x = minigrad.tensor(LOSS_INPUT, dtype=minigrad.float64, requires_grad=True)
    t = minigrad.tensor(LOSS_TARGET, dtype=minigrad.float64, requires_grad=True)
    loss = LOSS_FUNCTIONS[name](x, t, reduction)
    loss.sum().backward()
    assert loss.grad_fn.name() == node
    np.testing.assert_allclose(loss.detach().numpy(), expected, rtol=1e-15)
    np.testing.assert_allclose(x.grad.numpy(), expected_grad_x, rtol=1e-15)
    np.testing.assert_allclose(t.grad.numpy(), expected_grad_t, rtol=1e-15)


@pytest.mark.parametrize("name", list(LOSS_FUNCTIONS))
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_smooth_l1_and_huber_gradcheck(name, reduction):
    x = minigrad.tensor(LOSS_INPUT, dtype=minigrad.float64, requires_grad=True)
    t = minigrad.tensor(LOSS_TARGET, dtype=minigrad.float64, requires_grad=True)
    assert gradcheck(lambda x, t: LOSS_FUNCTIONS[name](x, t, reduction), (x, t))
    assert gradgradcheck(lambda x, t: LOSS_FUNCTIONS[name](x, t, reduction), (x, t))


def test_smooth_l1_and_huber_modules_and_float32():
    x, t = minigrad.tensor(LOSS_INPUT), minigrad.tensor(LOSS_TARGET)
    assert repr(nn.SmoothL1Loss()(x, t)) == "tensor(0.8919)"
    assert repr(nn.HuberLoss(delta=0.5)(x, t)) == "tensor(0.5210)"
    assert nn.SmoothL1Loss(beta=0.5, reduction="sum")(x, t).item() == pytest.approx(6.2525, rel=1e-6)
    assert repr(nn.SmoothL1Loss(beta=0.5)) == "SmoothL1Loss()"  # PyTorch prints no settings
    assert repr(nn.HuberLoss(delta=2.0)) == "HuberLoss()"


def test_smooth_l1_with_beta_zero_is_l1_loss():
    x = minigrad.tensor(LOSS_INPUT, dtype=minigrad.float64, requires_grad=True)
    t = minigrad.tensor(LOSS_TARGET, dtype=minigrad.float64)
    assert F.smooth_l1_loss(x, t, beta=0.0).grad_fn.name() == "MeanBackward0"
    assert F.smooth_l1_loss(x, t, reduction="none", beta=0.0).grad_fn.name() == "AbsBackward0"


def test_smooth_l1_and_huber_errors():
    x, t = minigrad.ones(2, 3), minigrad.zeros(2, 3)
    with raises_exactly(RuntimeError, "smooth_l1_loss does not support negative values for beta."):
        F.smooth_l1_loss(x, t, beta=-1.0)
    with raises_exactly(RuntimeError, "huber_loss does not support non-positive values for delta."):
        F.huber_loss(x, t, delta=0.0)
    with raises_exactly(ValueError, "foo is not a valid value for reduction"):
        F.huber_loss(x, t, reduction="foo")
    with raises_exactly(RuntimeError, "The size of tensor a (3) must match the size of tensor b (2) "
                                      "at non-singleton dimension 1"), pytest.warns(UserWarning):
        F.smooth_l1_loss(x, t[:, :2])
    with raises_exactly(NotImplementedError, "\"huber_cpu\" not implemented for 'Long'"):
        F.huber_loss(minigrad.arange(3), minigrad.arange(3))
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[3\]\)\) that is different"):
        F.smooth_l1_loss(x, t[0])


# ----- nn.utils: gradient clipping, parameters as one vector ------------------------------

def _params_with_grads():
    rng = np.random.default_rng(1)
    grads = [rng.normal(0, 1, shape).astype(np.float32) for shape in [(4, 3), (4,), (2, 4), (2,)]]
    params = [minigrad.zeros(*g.shape, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = minigrad.tensor(g)
    return params


# (max_norm, norm_type): (total norm, params[2].grad after clipping), float32
CLIPPED = {
    (0.5, 2.0): (4.51369571685791, [0.0044001745991408825, -0.0323965884745121, -0.08661508560180664,
                                    -0.028490202501416206, 0.000901941501069814, -0.030529621988534927,
                                    0.1433485597372055, 0.11151883751153946]),
    (0.5, float("inf")): (2.711162567138672, [0.007325657177716494, -0.05393565446138382, -0.14420165121555328,
                                              -0.04743208363652229, 0.0015016027027741075, -0.050827424973249435,
                                              0.2386547029018402, 0.18566279113292694]),
    (1.0, 1.0): (17.040756225585938, [0.0023310058750212193, -0.01716219075024128, -0.04588460549712181,
                                      -0.01509277056902647, 0.0004778062575496733, -0.016173159703612328,
                                      0.07593933492898941, 0.059077441692352295]),
    (0.3, 3): (3.2832419872283936, [0.0036295310128480196, -0.02672267146408558, -0.07144537568092346,
                                    -0.02350044623017311, 0.0007439760374836624, -0.025182684883475304,
                                    0.11824258416891098, 0.0919874981045723]),
}


@pytest.mark.parametrize("max_norm, norm_type", list(CLIPPED))
def test_clip_grad_norm_matches_pytorch_float32_bit_for_bit(max_norm, norm_type):
    expected_norm, expected_grad = CLIPPED[max_norm, norm_type]
    params = _params_with_grads()
    total_norm = nn.utils.clip_grad_norm_(iter(params), max_norm, norm_type=norm_type)
    assert total_norm.item() == expected_norm and total_norm.grad_fn is None
    assert params[2].grad.flatten().tolist() == expected_grad


def test_clip_grad_norm_below_max_norm_leaves_grads_alone():
    params = _params_with_grads()
    before = [p.grad.numpy().copy() for p in params]
    assert repr(nn.utils.clip_grad_norm_(params, 100.0)) == "tensor(4.5137)"
    for p, grad in zip(params, before):
        np.testing.assert_array_equal(p.grad.numpy(), grad)


def test_clip_grad_norm_edge_cases():
    assert repr(nn.utils.clip_grad_norm_([], 1.0)) == "tensor(0.)"
    p = minigrad.zeros(2, requires_grad=True)
    p.grad = minigrad.tensor([float("nan"), 1.0])
    with raises_exactly(RuntimeError, "The total norm of order 2.0 for gradients from `parameters` is "
                        "non-finite, so it cannot be clipped. To disable this error and scale the "
                        "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`"):
        nn.utils.clip_grad_norm_(p, 1.0, error_if_nonfinite=True)
    assert repr(nn.utils.clip_grad_norm_(p, 1.0)) == "tensor(nan)"
    assert repr(p.grad) == "tensor([nan, nan])"


def test_clip_grad_value_clamps_each_element():
    params = _params_with_grads()
    assert nn.utils.clip_grad_value_(params, 0.1) is None
    assert params[2].grad.flatten().tolist()[:5] == [0.03972210735082626, -0.10000000149011612, -0.10000000149011612,
                                                     -0.10000000149011612, 0.008142180740833282]
    assert all(np.abs(p.grad.numpy()).max() <= np.float32(0.1) for p in params)


def test_parameters_to_vector_and_back():
    model = nn.Linear(3, 2)
    vec = nn.utils.parameters_to_vector(model.parameters())
    assert tuple(vec.shape) == (8,) and vec.grad_fn.name() == "CatBackward0"
    nn.utils.vector_to_parameters(minigrad.arange(8.0), model.parameters())
    assert model.weight.tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    assert model.bias.tolist() == [6.0, 7.0] and isinstance(model.bias, nn.Parameter)
    with raises_exactly(TypeError, "expected torch.Tensor, but got: list"):
        nn.utils.vector_to_parameters([1], model.parameters())


# ----- Module hooks -----------------------------------------------------------------------

def _linear_1_2_half():
    m = nn.Linear(2, 1)
    with minigrad.no_grad():
        m.weight.copy_(minigrad.tensor([[1.0, 2.0]]))
        m.bias.fill_(0.5)
    return m


def test_forward_hooks_run_in_order_and_may_replace_input_and_output():
    log = []
    m = _linear_1_2_half()
    m.register_forward_pre_hook(lambda mod, args: log.append(("pre1", len(args))))
    scale = m.register_forward_pre_hook(lambda mod, args: args[0] * 10)  # a single value: the new input
    m.register_forward_pre_hook(lambda mod, args: log.append("pre0"), prepend=True)
    plus_one = m.register_forward_hook(lambda mod, args, out: out + 1)
    m.register_forward_hook(lambda mod, args, out: log.append(("post", args[0].tolist(), out.tolist())))
    y = m(minigrad.tensor([[1.0, 1.0]]))
    assert repr(y) == "tensor([[31.5000]], grad_fn=<AddBackward0>)"
    assert log == ["pre0", ("pre1", 1), ("post", [[10.0, 10.0]], [[31.5]])]
    scale.remove()
    scale.remove()  # a second remove() does nothing
    plus_one.remove()
    assert repr(m(minigrad.tensor([[1.0, 1.0]]))) == "tensor([[3.5000]], grad_fn=<AddmmBackward0>)"


def test_forward_hooks_with_kwargs():
    m = _linear_1_2_half()
    m.register_forward_pre_hook(lambda mod, args, kwargs: ((args[0] * 2,), kwargs), with_kwargs=True)
    m.register_forward_hook(lambda mod, args, kwargs, out: out * 100, with_kwargs=True)
    assert repr(m(minigrad.tensor([[1.0, 1.0]]))) == "tensor([[650.]], grad_fn=<MulBackward0>)"
    bad = m.register_forward_pre_hook(lambda mod, args, kwargs: 3, with_kwargs=True)
    with raises_exactly(RuntimeError, "forward pre-hook must return None or a tuple of "
                                      "(new_args, new_kwargs), but got 3."):
        m(minigrad.ones(1, 2))
    bad.remove()


def test_hook_handle_is_a_context_manager():
    m = _linear_1_2_half()
    with m.register_forward_hook(lambda *args: minigrad.zeros(1)):
        assert m(minigrad.ones(1, 2)).tolist() == [0.0]
    assert m(minigrad.ones(1, 2)).tolist() == [[3.5]]


def test_non_callable_hook_fails_when_called_like_pytorch():
    m = nn.Linear(2, 2)
    m.register_forward_hook(3)  # PyTorch does not check at registration either
    with raises_exactly(TypeError, "'int' object is not callable"):
        m(minigrad.ones(1, 2))


# ----- dtype conversion -------------------------------------------------------------------

def test_double_converts_parameters_and_grads_in_place():
    m = nn.Linear(2, 2)
    m(minigrad.ones(1, 2)).sum().backward()
    weight = m.weight
    assert m.double() is m
    assert m.weight is weight and isinstance(m.weight, nn.Parameter)  # an optimizer keeps working
    assert m.weight.dtype == minigrad.float64 and m.weight.grad.dtype == minigrad.float64
    assert m.weight.requires_grad and m.weight.is_leaf
    assert m(minigrad.ones(1, 2, dtype=minigrad.float64)).dtype == minigrad.float64
    with raises_exactly(RuntimeError, "mat1 and mat2 must have the same dtype, but got Float and Double"):
        m(minigrad.ones(1, 2))


def test_to_float_half_and_errors():
    m = nn.Linear(2, 2)
    assert m.half().weight.dtype == minigrad.float16
    assert m.float().weight.dtype == minigrad.float32
    assert m.to(minigrad.float64).bias.dtype == minigrad.float64
    assert m.to(dtype=minigrad.float32).bias.dtype == minigrad.float32
    assert m.to("cpu") is m and m.cpu() is m
    with raises_exactly(TypeError, "nn.Module.to only accepts floating point or complex dtypes, "
                                   "but got desired dtype=torch.int64"):
        m.to(minigrad.int64)


def test_to_keeps_integer_buffers():
    m = nn.Linear(2, 2)
    m.register_buffer("steps", minigrad.tensor(3))
    m.register_buffer("scale", minigrad.tensor(0.5))
    m.double()
    assert m.steps.dtype == minigrad.int64 and m.scale.dtype == minigrad.float64


# ----- ModuleDict, add_module checks, Unflatten, init.eye_ --------------------------------

def test_module_dict():
    d = nn.ModuleDict({"fc": nn.Linear(2, 3), "act": nn.ReLU()})
    assert repr(d) == ("ModuleDict(\n  (fc): Linear(in_features=2, out_features=3, bias=True)\n"
                       "  (act): ReLU()\n)")
    assert repr(nn.ModuleDict()) == "ModuleDict()"
    assert list(d.keys()) == ["fc", "act"] and list(d) == ["fc", "act"] and len(d) == 2 and "fc" in d
    assert len(list(d.parameters())) == 2
    d["new"] = nn.Tanh()
    del d["act"]
    assert repr(d.pop("new")) == "Tanh()"
    assert list(d.items()) == [("fc", d["fc"])]
    d.update([("a", nn.ReLU())])
    assert list(d) == ["fc", "a"]
    d.clear()
    assert len(d) == 0


def test_module_dict_and_add_module_errors():
    with raises_exactly(TypeError, "module name should be a string. Got int"):
        nn.ModuleDict({1: nn.ReLU()})
    with raises_exactly(KeyError, '\'module name can\\\'t contain ".", got: a.b\''):
        nn.ModuleDict({"a.b": nn.ReLU()})
    with raises_exactly(KeyError, '\'module name can\\\'t be empty string ""\''):
        nn.ModuleDict({"": nn.ReLU()})
    with raises_exactly(TypeError, "int is not a Module subclass"):
        nn.ModuleDict({"a": 3})
    with raises_exactly(KeyError, "\"attribute 'training' already exists\""):
        nn.ModuleDict({"training": nn.ReLU()})
    with raises_exactly(ValueError, "ModuleDict update sequence element #1 has length 1; 2 is required"):
        nn.ModuleDict([("a", nn.ReLU()), ("b",)])
    with raises_exactly(TypeError, "ModuleDict.update should be called with an iterable of key/value "
                                   "pairs, but got int"):
        nn.ModuleDict(3)
    with raises_exactly(KeyError, "'nope'"):
        nn.ModuleDict()["nope"]
    with raises_exactly(KeyError, "\"attribute 'weight' already exists\""):
        nn.Linear(2, 2).add_module("weight", nn.ReLU())


def test_unflatten():
    x = minigrad.ones(4, 6, requires_grad=True)
    out = nn.Unflatten(1, (2, -1))(x)
    assert tuple(out.shape) == (4, 2, 3) and out.grad_fn.name() == "ViewBackward0"
    assert tuple(nn.Unflatten(-1, (2, 3))(x).shape) == (4, 2, 3)
    assert repr(nn.Unflatten(1, (2, 3))) == "Unflatten(dim=1, unflattened_size=(2, 3))"
    assert repr(nn.Unflatten(1, [2, 3])) == "Unflatten(dim=1, unflattened_size=[2, 3])"
    with raises_exactly(RuntimeError, "unflatten: Provided sizes [4, 3] don't multiply up to the size "
                                      "of dim 1 (6) in the input tensor"):
        nn.Unflatten(1, (4, 3))(x)
    with raises_exactly(TypeError, "unflattened_size must be a tuple of ints, but found type int"):
        nn.Unflatten(1, 3)


def test_init_eye_():
    w = nn.Parameter(minigrad.empty(2, 3))
    assert nn.init.eye_(w) is w
    assert w.tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]] and w.requires_grad
    with raises_exactly(ValueError, "Only tensors with 2 dimensions are supported"):
        nn.init.eye_(minigrad.empty(3))
