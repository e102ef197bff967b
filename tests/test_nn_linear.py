"""nn.Linear: PyTorch's default initialisation, its graph node, shapes and errors.

The init statistics follow from PyTorch's documented formula (kaiming_uniform_ with a=sqrt(5),
bias U(-1/sqrt(fan_in), 1/sqrt(fan_in))); graph shapes and messages were printed by PyTorch
2.13 for the same code.
"""
import math

import numpy as np
import pytest

import minigrad
from minigrad import nn


def _draw_many(in_features, out_features, draws=100):
    weights, biases = [], []
    for seed in range(draws):
        minigrad.manual_seed(seed)
        layer = nn.Linear(in_features, out_features)
        weights.append(layer.weight.detach().numpy().copy())
        biases.append(layer.bias.detach().numpy().copy())
    return np.stack(weights), np.stack(biases)


def test_init_over_100_seeded_draws_is_uniform_with_bound_one_over_sqrt_fan_in():
    in_features, out_features = 20, 30
    weights, biases = _draw_many(in_features, out_features)
    bound = 1 / math.sqrt(in_features)
    for name, values in (("weight", weights), ("bias", biases)):
        assert values.dtype == np.float32
        assert np.abs(values).max() <= bound, name
        assert np.abs(values).max() > 0.95 * bound, name  # uniform: the edges do get hit
        # U(-b, b) has mean 0 and variance b**2 / 3; tolerances are ~5 standard errors.
        n = values.size
        assert abs(values.mean()) < 5 * bound / math.sqrt(3 * n), name
        assert values.var() == pytest.approx(bound**2 / 3, rel=5 * math.sqrt(0.8 / n)), name
    # a histogram of a uniform draw is flat: every tenth of [-b, b] holds ~10% of the weights
    counts, _ = np.histogram(weights, bins=10, range=(-bound, bound))
    assert counts.min() > 0.9 * weights.size / 10


def test_same_seed_same_weights_other_seed_other_weights():
    minigrad.manual_seed(0)
    a = nn.Linear(3, 2)
    minigrad.manual_seed(0)
    b = nn.Linear(3, 2)
    minigrad.manual_seed(1)
    c = nn.Linear(3, 2)
    np.testing.assert_array_equal(a.weight.detach().numpy(), b.weight.detach().numpy())
    assert not np.array_equal(a.weight.detach().numpy(), c.weight.detach().numpy())


def test_parameters_shapes_and_no_bias():
    layer = nn.Linear(4, 3)
    assert tuple(layer.weight.shape) == (3, 4) and tuple(layer.bias.shape) == (3,)
    assert layer.weight.dtype == minigrad.float32
    no_bias = nn.Linear(4, 3, bias=False)
    assert no_bias.bias is None
    assert [name for name, _ in no_bias.named_parameters()] == ["weight"]


def test_output_of_2d_input_is_one_addmm_node_like_pytorch():
    layer = nn.Linear(2, 1)
    out = layer(minigrad.ones(3, 2))
    assert out.grad_fn.name() == "AddmmBackward0"
    (bias_edge, _), (input_edge, _), (weight_edge, _) = out.grad_fn.next_functions
    assert bias_edge.variable is layer.bias
    assert input_edge is None
    assert weight_edge.name() == "TBackward0"


def test_forward_computes_x_weight_transposed_plus_bias():
    layer = nn.Linear(3, 2)
    x = minigrad.randn(5, 3)
    expected = x.numpy() @ layer.weight.detach().numpy().T + layer.bias.detach().numpy()
    np.testing.assert_allclose(layer(x).detach().numpy(), expected, rtol=1e-6, atol=1e-6)


def test_1d_and_3d_inputs_work_on_the_last_dimension():
    layer = nn.Linear(2, 4)
    assert tuple(layer(minigrad.ones(2)).shape) == (4,)
    assert tuple(layer(minigrad.ones(5, 3, 2)).shape) == (5, 3, 4)
    assert tuple(nn.Linear(2, 4, bias=False)(minigrad.ones(5, 3, 2)).shape) == (5, 3, 4)


def test_gradients_of_linear_are_correct():
    x = minigrad.randn(4, 3, dtype=minigrad.float64, requires_grad=True)
    w = minigrad.randn(2, 3, dtype=minigrad.float64, requires_grad=True)
    b = minigrad.randn(2, dtype=minigrad.float64, requires_grad=True)
    assert minigrad.autograd.gradcheck(nn.functional.linear, (x, w, b))
    assert minigrad.autograd.gradgradcheck(nn.functional.linear, (x, w, b))


def test_shape_and_dtype_errors_match_pytorch():
    with pytest.raises(RuntimeError, match=r"^mat1 and mat2 shapes cannot be multiplied \(3x4 and 3x2\)$"):
        nn.Linear(3, 2)(minigrad.ones(3, 4))
    with pytest.raises(RuntimeError, match="^mat1 and mat2 must have the same dtype, but got Double and Float$"):
        nn.Linear(1, 1)(minigrad.ones(1, 1, dtype=minigrad.float64))
