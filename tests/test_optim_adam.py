"""optim.Adam and optim.AdamW: first step by hand, state, reprs and errors (PyTorch 2.13's)."""
import math

import numpy as np
import pytest

import minigrad
from minigrad import optim


def test_first_adam_step_moves_each_weight_by_about_lr():
    # step 1: m = 0.1 g, v = 0.001 g^2; bias-corrected m / sqrt(v) = sign(g): p moves by ~lr
    p = minigrad.tensor([1.0, -2.0, 0.0], requires_grad=True)
    optimizer = optim.Adam([p], lr=0.1)
    p.grad = minigrad.tensor([3.0, -0.5, 0.0])
    optimizer.step()
    np.testing.assert_allclose(p.detach().numpy(), [0.9, -1.9, 0.0], rtol=1e-6)
    state = optimizer.state[p]
    assert state["step"].item() == 1.0
    np.testing.assert_allclose(state["exp_avg"].numpy(), [0.3, -0.05, 0.0], rtol=1e-6)
    np.testing.assert_allclose(state["exp_avg_sq"].numpy(), [0.009, 0.00025, 0.0], rtol=1e-5)


def test_adamw_decays_the_weights_directly():
    p = minigrad.tensor([1.0], requires_grad=True)
    optimizer = optim.AdamW([p], lr=0.1, weight_decay=0.5)
    p.grad = minigrad.tensor([0.0])  # no gradient: only the decay acts
    optimizer.step()
    assert p.item() == pytest.approx(1 - 0.1 * 0.5)
    q = minigrad.tensor([1.0], requires_grad=True)
    l2 = optim.Adam([q], lr=0.1, weight_decay=0.5)  # L2 goes through the averages: a full ~lr step
    q.grad = minigrad.tensor([0.0])
    l2.step()
    assert q.item() == pytest.approx(0.9, rel=1e-6)


def test_amsgrad_keeps_the_largest_second_moment():
    p = minigrad.tensor([0.0], requires_grad=True)
    optimizer = optim.Adam([p], lr=0.1, amsgrad=True)
    for g in (10.0, 0.0):
        p.grad = minigrad.tensor([g])
        optimizer.step()
    state = optimizer.state[p]
    assert state["max_exp_avg_sq"].item() == pytest.approx(0.1)
    assert state["exp_avg_sq"].item() == pytest.approx(0.0999)


def test_reprs_match_pytorch():
    p = minigrad.zeros(1, requires_grad=True)
    assert repr(optim.Adam([p])) == (
        "Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n"
        "    decoupled_weight_decay: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n"
        "    fused: None\n    lr: 0.001\n    maximize: False\n    weight_decay: 0\n)")
    assert repr(optim.AdamW([p])).splitlines()[5:6] == ["    decoupled_weight_decay: True"]
    assert optim.AdamW([p]).defaults["weight_decay"] == 0.01


def test_state_dict_holds_step_and_moments():
    p = minigrad.zeros(2, requires_grad=True)
    optimizer = optim.Adam([p])
    p.grad = minigrad.ones(2)
    optimizer.step()
    state = optimizer.state_dict()["state"]
    assert list(state) == [0] and list(state[0]) == ["step", "exp_avg", "exp_avg_sq"]
    assert repr(state[0]["step"]) == "tensor(1.)"


def test_bad_arguments_raise_pytorchs_errors():
    p = minigrad.zeros(1, requires_grad=True)
    with pytest.raises(ValueError, match="^Invalid learning rate: -0.1$"):
        optim.Adam([p], lr=-0.1)
    with pytest.raises(ValueError, match="^Invalid epsilon value: -1e-08$"):
        optim.Adam([p], eps=-1e-8)
    with pytest.raises(ValueError, match="^Invalid beta parameter at index 0: 1.0$"):
        optim.Adam([p], betas=(1.0, 0.999))
    with pytest.raises(ValueError, match="^Invalid beta parameter at index 1: -0.5$"):
        optim.AdamW([p], betas=(0.9, -0.5))
    with pytest.raises(ValueError, match="^Invalid weight_decay value: -1$"):
        optim.Adam([p], weight_decay=-1)
    with pytest.raises(ValueError, match="^optimizer got an empty parameter list$"):
        optim.Adam(iter([]))
    with pytest.raises(ValueError, match="^can't optimize a non-leaf Tensor$"):
        optim.AdamW([p * 1])
    assert math.isclose(optim.Adam([p]).param_groups[0]["lr"], 1e-3)
