"""optim.lr_scheduler.StepLR and ExponentialLR: the lr sequences PyTorch 2.13 printed.

EXPECTED was printed by PyTorch 2.13 for: SGD(lr=0.1), the scheduler, then 10 times
``optimizer.step(); scheduler.step()``, collecting ``get_last_lr()[0]`` (first value: before
any step). Exact float equality: both compute ``lr * gamma`` step by step in Python floats.
"""
import pytest

import minigrad
from minigrad import optim
from minigrad.optim.lr_scheduler import ExponentialLR, StepLR

EXPECTED = {
    "StepLR": [0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
               0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
               0.00010000000000000003, 0.00010000000000000003],
    "ExponentialLR": [0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002,
                      0.06561000000000002, 0.05904900000000002, 0.05314410000000002,
                      0.04782969000000002, 0.043046721000000024, 0.03874204890000002,
                      0.03486784401000002],
}


@pytest.mark.parametrize("name, make", [
    ("StepLR", lambda o: StepLR(o, step_size=3, gamma=0.1)),
    ("ExponentialLR", lambda o: ExponentialLR(o, gamma=0.9)),
])
def test_lr_sequence_matches_pytorch(name, make):
    p = minigrad.zeros(1, requires_grad=True)
    optimizer = optim.SGD([p], lr=0.1)
    scheduler = make(optimizer)
    lrs = [scheduler.get_last_lr()[0]]
    for _ in range(10):
        optimizer.step()
        scheduler.step()
        lrs.append(scheduler.get_last_lr()[0])
    assert lrs == EXPECTED[name]
    assert optimizer.param_groups[0]["lr"] == lrs[-1]  # the scheduler writes into the optimizer
    assert optimizer.param_groups[0]["initial_lr"] == 0.1


def test_each_param_group_is_scheduled_from_its_own_lr():
    a, b = minigrad.zeros(1, requires_grad=True), minigrad.zeros(1, requires_grad=True)
    optimizer = optim.SGD([{"params": [a]}, {"params": [b], "lr": 1.0}], lr=0.1)
    scheduler = ExponentialLR(optimizer, gamma=0.5)
    scheduler.step()
    assert scheduler.get_last_lr() == [0.05, 0.5]
    assert scheduler.base_lrs == [0.1, 1.0]
    state = scheduler.state_dict()
    assert "optimizer" not in state and state["last_epoch"] == 1 and state["gamma"] == 0.5


def test_scheduler_needs_an_optimizer():
    with pytest.raises(TypeError, match="^list is not an Optimizer$"):
        StepLR([], step_size=1)
