"""Random expression graphs run through PyTorch and minigrad: same values, same gradients.

Skipped unless PyTorch is importable (it is never a dependency of minigrad). Locally:

    PYTHONPATH=/work/oracle-venv/lib/python3.11/site-packages \\
        .venv/bin/python -m pytest tests/test_torch_live.py

Each seed builds a small random program: a few leaves, then a chain of ops drawn from the
tables below whose operands are earlier results (so values are reused, giving diamonds), and a
scalar loss. The program runs once with `lib = torch` and once with `lib = minigrad`; every
intermediate value, the leaves' gradients and (with create_graph) second-order gradients
must agree to float32 tolerance. Ops keep their inputs in a safe domain (log(|x| + 1), ...)
so that no seed trips over nan or overflow.
"""

import random

import numpy as np
import pytest

torch = pytest.importorskip("torch")
minigrad = pytest.importorskip("minigrad")

RTOL, ATOL = 1e-4, 1e-5  # float32, after a dozen chained ops

# Leaves: shapes chosen so every op's result broadcasts against every other one.
LEAF_SHAPES = {"x": (3, 4), "row": (4,), "col": (3, 1), "s": ()}
MATRIX_SHAPE = (4, 4)  # the fixed right operand `W` of the matmul op

UNARY = {
    "neg": lambda lib, a: -a,
    "exp": lambda lib, a: lib.exp(a * 0.1),
    "log": lambda lib, a: lib.log(a.abs() + 1),
    "sqrt": lambda lib, a: lib.sqrt(a * a + 1),
    "sin": lambda lib, a: lib.sin(a),
    "cos": lambda lib, a: a.cos(),
    "tanh": lambda lib, a: lib.tanh(a),
    "sigmoid": lambda lib, a: lib.sigmoid(a),
    "relu": lambda lib, a: lib.relu(a),
    "abs": lambda lib, a: lib.abs(a),
    "square": lambda lib, a: a ** 2,
    "pow-1.5": lambda lib, a: (a.abs() + 1) ** 1.5,
    "reciprocal": lambda lib, a: 1 / (a * a + 1),
    "rsub": lambda lib, a: 2 - a,
    "clamp": lambda lib, a: a.clamp(-0.5, 0.5),
    "softmax": lambda lib, a: lib.softmax(a.expand(3, 4), dim=1),
    "log-softmax": lambda lib, a: lib.log_softmax(a.expand(3, 4), dim=0),
    "sum-keepdim": lambda lib, a: a.expand(3, 4).sum(dim=0, keepdim=True),
    "mean-rows": lambda lib, a: a.expand(3, 4).mean(dim=1, keepdim=True),
    "amax": lambda lib, a: a.expand(3, 4).amax(dim=1, keepdim=True),
    "max-dim": lambda lib, a: a.expand(3, 4).max(dim=0)[0],
    "mean-all": lambda lib, a: a.mean(),
    "transpose-twice": lambda lib, a: a.expand(3, 4).T.transpose(0, 1),
    "reshape": lambda lib, a: a.expand(3, 4).reshape(4, 3).reshape(3, 4),
    "view-flatten": lambda lib, a: a.expand(3, 4).flatten().view(3, 4),
    "permute-unsqueeze": lambda lib, a: a.expand(3, 4).unsqueeze(0).permute(0, 2, 1)[0].T,
    "index-rows": lambda lib, a: a.expand(3, 4)[[2, 0, 1]],
    "index-slice": lambda lib, a: a.expand(3, 4)[:, 1:3].sum(dim=1, keepdim=True),
    "index-mask": lambda lib, a: a.expand(3, 4)[a.expand(3, 4) > 0].sum(),
    "matmul": lambda lib, a, W: a.expand(3, 4) @ W,
}

BINARY = {
    "add": lambda lib, a, b: a + b,
    "sub": lambda lib, a, b: a - b,
    "mul": lambda lib, a, b: a * b,
    "div": lambda lib, a, b: a / (b.abs() + 1),
    "maximum": lambda lib, a, b: lib.maximum(a, b),
    "minimum": lambda lib, a, b: lib.minimum(a, b),
    "where": lambda lib, a, b: lib.where(a > b, a, b * 0.5),
    "cat-sum": lambda lib, a, b: lib.cat([a.expand(3, 4), b.expand(3, 4)], dim=1).sum(
        dim=1, keepdim=True),
    "stack-mean": lambda lib, a, b: lib.stack([a.expand(3, 4), b.expand(3, 4)]).mean(dim=0),
}


def random_program(seed):
    """A list of steps (op name, operand indices) over the leaves, and the loss's weights."""
    rng = random.Random(seed)
    n_values = len(LEAF_SHAPES)
    steps = []

    def pick():  # mostly a recent value (chains), sometimes any earlier one (reuse)
        if rng.random() < 0.7:
            return rng.randrange(max(0, n_values - 4), n_values)
        return rng.randrange(n_values)

    for _ in range(rng.randint(4, 12)):
        if rng.random() < 0.6:
            steps.append((rng.choice(sorted(UNARY)), (pick(),)))
        else:
            steps.append((rng.choice(sorted(BINARY)), (pick(), pick())))
        n_values += 1
    return steps


def leaf_arrays(seed):
    """The leaves' float32 values (and W's), from numpy so both libraries start equal."""
    rng = np.random.default_rng(seed)
    arrays = {name: rng.normal(size=shape).astype(np.float32)
              for name, shape in LEAF_SHAPES.items()}
    arrays["W"] = rng.normal(size=MATRIX_SHAPE).astype(np.float32)
    return arrays


def run_program(lib, steps, arrays):
    """Evaluate the program with `lib` (torch or minigrad); return values, loss and leaves."""
    leaves = {name: lib.tensor(array, requires_grad=True) for name, array in arrays.items()}
    values = [leaves[name] for name in LEAF_SHAPES]
    for op, operands in steps:
        args = [values[i] for i in operands]
        if op == "matmul":
            result = UNARY[op](lib, *args, leaves["W"])
        else:
            result = (UNARY if op in UNARY else BINARY)[op](lib, *args)
        values.append(result)
    # Weighted sum of the last value and a reused early one: a non-uniform upstream gradient.
    weights = lib.tensor(np.linspace(0.5, 1.5, 12, dtype=np.float32).reshape(3, 4))
    loss = (values[-1] * weights).sum() + (values[len(values) // 2] ** 2).mean()
    return values, loss, leaves


def assert_close(got, want, what):
    got_array = np.asarray(got.detach().numpy(), dtype=np.float64)
    want_array = want.detach().numpy().astype(np.float64)
    assert got_array.shape == want_array.shape, f"{what}: shape {got_array.shape} != {want_array.shape}"
    np.testing.assert_allclose(got_array, want_array, rtol=RTOL, atol=ATOL, err_msg=what)


def describe(steps):
    return " -> ".join(f"{op}{operands}" for op, operands in steps)


@pytest.mark.torch
@pytest.mark.parametrize("seed", range(60))
def test_random_graph_values_and_gradients(seed):
    steps, arrays = random_program(seed), leaf_arrays(seed)
    want_values, want_loss, want_leaves = run_program(torch, steps, arrays)
    got_values, got_loss, got_leaves = run_program(minigrad, steps, arrays)
    program = describe(steps)
    for i, (got, want) in enumerate(zip(got_values, want_values)):
        assert_close(got, want, f"value {i} of {program}")
    want_loss.backward()
    got_loss.backward()
    for name in want_leaves:
        want_grad, got_grad = want_leaves[name].grad, got_leaves[name].grad
        if want_grad is None:
            assert got_grad is None, f"{name}.grad should be None in {program}"
        else:
            assert got_grad is not None, f"{name}.grad is None in {program}"
            assert_close(got_grad, want_grad, f"{name}.grad of {program}")


@pytest.mark.torch
@pytest.mark.parametrize("seed", range(0, 60, 3))
def test_random_graph_second_order_gradients(seed):
    steps, arrays = random_program(seed), leaf_arrays(seed)
    second_order = {}
    for lib in (torch, minigrad):
        _, loss, leaves = run_program(lib, steps, arrays)
        inputs = list(leaves.values())
        grads = lib.autograd.grad(loss, inputs, create_graph=True, allow_unused=True)
        penalty = sum((g * g).sum() for g in grads if g is not None and g.requires_grad)
        if lib is torch and not isinstance(penalty, torch.Tensor):
            pytest.skip("loss is linear in every leaf: no second-order graph")
        second_order[lib.__name__] = lib.autograd.grad(penalty, inputs, allow_unused=True)
    program = describe(steps)
    for name, want, got in zip(arrays, second_order["torch"], second_order["minigrad"]):
        # Whether an unreachable input gets None or zeros is not what this test is about.
        if want is None or got is None:
            present = want if got is None else got
            assert present is None or not present.detach().numpy().any(), (
                f"second-order grad of {name}: one library gives None, the other non-zeros "
                f"in {program}")
        else:
            assert_close(got, want, f"second-order grad of {name} in {program}")
