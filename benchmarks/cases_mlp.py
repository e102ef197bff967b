"""3. One MLP training step: batch 64, 64 -> 128 -> 10, ReLU, SGD; cross-entropy and MSE.

The baseline is the same step written by hand in numpy (forward, backward, update): what a
numpy-backed autograd would cost if its bookkeeping were free. The autograd step is written
once and run with ``lib = minigrad`` and ``lib = torch``: the same code, as the course promises.
``check_same_update`` makes sure every version really computes the same step.
"""
import gc
import sys
from dataclasses import dataclass

import numpy as np

import minigrad

from . import competitors
from .results import Row, Section, not_measured, ratio_target
from .timing import median_time_with_setup, median_times

BATCH, IN, HIDDEN, OUT = 64, 64, 128, 10
LR = 0.01
LOSSES = ("cross-entropy", "MSE")
NUMPY = "numpy (by hand)"


@dataclass
class Problem:
    """Inputs, targets and the initial parameters (w1: IN x HIDDEN, as in ``x @ w1``)."""

    x: np.ndarray
    labels: np.ndarray  # class indices, for cross-entropy
    onehot: np.ndarray  # the same classes one-hot, as MSE targets
    params: list  # [w1, b1, w2, b2]


def make_problem(seed=0):
    """Random data and PyTorch-style initial weights, U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((BATCH, IN), dtype=np.float32)
    labels = rng.integers(0, OUT, BATCH)
    onehot = np.eye(OUT, dtype=np.float32)[labels]

    def uniform(fan_in, shape):
        bound = 1 / np.sqrt(fan_in)
        return rng.uniform(-bound, bound, shape).astype(np.float32)

    params = [uniform(IN, (IN, HIDDEN)), uniform(IN, HIDDEN),
              uniform(HIDDEN, (HIDDEN, OUT)), uniform(HIDDEN, OUT)]
    return Problem(x, labels, onehot, params)


# -- the baseline: forward, backward and update by hand ----------------------------------------
def numpy_step(problem, loss):
    """(step, read_params): one hand-written numpy training step, updating its own copies."""
    params = [p.copy() for p in problem.params]
    x, labels, onehot = problem.x, problem.labels, problem.onehot
    rows = np.arange(BATCH)

    def step():
        w1, b1, w2, b2 = params
        pre = x @ w1 + b1
        hidden = np.maximum(pre, 0)
        out = hidden @ w2 + b2
        if loss == "cross-entropy":
            shifted = out - out.max(axis=1, keepdims=True)
            exp = np.exp(shifted)
            total = exp.sum(axis=1, keepdims=True)
            _ = -(shifted[rows, labels] - np.log(total[:, 0])).mean()  # the loss value
            d_out = exp / total  # d(loss)/d(out) = (softmax - onehot) / batch
            d_out[rows, labels] -= 1
            d_out /= BATCH
        else:
            diff = out - onehot
            _ = (diff * diff).mean()
            d_out = diff * (2 / diff.size)
        d_w2 = hidden.T @ d_out
        d_b2 = d_out.sum(axis=0)
        d_hidden = d_out @ w2.T
        d_hidden *= pre > 0
        d_w1 = x.T @ d_hidden
        d_b1 = d_hidden.sum(axis=0)
        for p, g in zip(params, (d_w1, d_b1, d_w2, d_b2)):
            p -= LR * g

    return step, lambda: params


# -- the same step with autograd ---------------------------------------------------------------
def autograd_step(lib, problem, loss):
    """(step, read_params) with core tensor ops only; ``lib`` is minigrad or torch."""
    params = [lib.from_numpy(p.copy()).requires_grad_() for p in problem.params]
    x = lib.from_numpy(problem.x)
    labels, onehot = lib.from_numpy(problem.labels), lib.from_numpy(problem.onehot)
    rows = lib.arange(BATCH)

    def step():
        w1, b1, w2, b2 = params
        out = (x @ w1 + b1).relu() @ w2 + b2
        if loss == "cross-entropy":
            value = -out.log_softmax(1)[rows, labels].mean()
        else:
            value = ((out - onehot) ** 2).mean()
        value.backward()
        with lib.no_grad():
            for p in params:
                p -= LR * p.grad
                p.grad = None

    return step, lambda: [p.detach().numpy() for p in params]


def nn_step(lib, problem, loss):
    """(step, read_params) with nn.Linear, the loss functions of nn.functional and optim.SGD."""
    w1, b1, w2, b2 = problem.params
    first, second = lib.nn.Linear(IN, HIDDEN), lib.nn.Linear(HIDDEN, OUT)
    with lib.no_grad():  # nn.Linear keeps its weight as (out, in): the transpose of ours
        for layer, w, b in ((first, w1, b1), (second, w2, b2)):
            layer.weight.copy_(lib.from_numpy(np.ascontiguousarray(w.T)))
            layer.bias.copy_(lib.from_numpy(b))
    model = lib.nn.Sequential(first, lib.nn.ReLU(), second)
    optimizer = lib.optim.SGD(model.parameters(), lr=LR)
    x = lib.from_numpy(problem.x)
    if loss == "cross-entropy":
        loss_fn, target = lib.nn.functional.cross_entropy, lib.from_numpy(problem.labels)
    else:
        loss_fn, target = lib.nn.functional.mse_loss, lib.from_numpy(problem.onehot)

    def step():
        optimizer.zero_grad()
        loss_fn(model(x), target).backward()
        optimizer.step()

    def read_params():
        return [first.weight.detach().numpy().T, first.bias.detach().numpy(),
                second.weight.detach().numpy().T, second.bias.detach().numpy()]

    return step, read_params


def micrograd_step(Value, problem):
    """(step, read_params): micrograd's own MLP, one Value per number, MSE loss."""
    from micrograd.nn import MLP

    model = MLP(IN, [HIDDEN, OUT])
    for layer, w, b in zip(model.layers, problem.params[::2], problem.params[1::2]):
        for j, neuron in enumerate(layer.neurons):
            for i, weight in enumerate(neuron.w):
                weight.data = float(w[i, j])
            neuron.b.data = float(b[j])
    x, onehot = problem.x.tolist(), problem.onehot.tolist()

    def step():
        outputs = [model(row) for row in x]
        loss = sum((o - t) ** 2 for out, target in zip(outputs, onehot)
                   for o, t in zip(out, target)) * (1 / (BATCH * OUT))
        model.zero_grad()
        # micrograd sorts the graph recursively: one Python frame per node of its longest path.
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 20_000))
        try:
            loss.backward()
        finally:
            sys.setrecursionlimit(limit)
        for p in model.parameters():
            p.data -= LR * p.grad

    def read_params():
        params = []
        for layer in model.layers:  # neuron j holds column j of our (in, out) weight
            params.append(np.array([[w.data for w in n.w] for n in layer.neurons], np.float32).T)
            params.append(np.array([n.b.data for n in layer.neurons], np.float32))
        return params

    return step, read_params


def _implementations(loss, problem):
    """{library label: (step, read_params)} for every library that is installed."""
    torch, Value = competitors.torch(), competitors.micrograd_value()
    found = {NUMPY: numpy_step(problem, loss),
             "minigrad": autograd_step(minigrad, problem, loss)}
    if hasattr(minigrad, "nn") and hasattr(minigrad, "optim"):
        found["minigrad nn+optim"] = nn_step(minigrad, problem, loss)
    if torch is not None:
        found["torch"] = autograd_step(torch, problem, loss)
        found["torch nn+optim"] = nn_step(torch, problem, loss)
    if Value is not None and loss == "MSE":
        found["micrograd"] = micrograd_step(Value, problem)
    return found


def check_same_update(loss, problem=None, exclude=()):
    """Run one step of every implementation from the same start; return the libraries whose
    new parameters differ from the hand-written numpy step (an empty list means all agree)."""
    problem = problem or make_problem()
    found = _implementations(loss, problem)
    step, read = found.pop(NUMPY)
    step()
    expected = read()
    wrong = []
    for library, (step, read) in found.items():
        if library in exclude:
            continue
        step()
        if not all(np.allclose(a, b, rtol=1e-4, atol=1e-5) for a, b in zip(read(), expected)):
            wrong.append(library)
    return wrong


def minigrad_workloads():
    """The minigrad calls this section times, by name (used by --profile too)."""
    problem = make_problem()
    workloads = {f"{loss} step": autograd_step(minigrad, problem, loss)[0] for loss in LOSSES}
    if hasattr(minigrad, "nn") and hasattr(minigrad, "optim"):
        workloads.update({f"{loss} step, nn+optim": nn_step(minigrad, problem, loss)[0]
                          for loss in LOSSES})
    return workloads


def _time_steps(loss, problem, settings):
    """{library: median seconds per step} for every installed implementation of ``loss``."""
    found = _implementations(loss, problem)
    micrograd = found.pop("micrograd", None)
    steps = {name: step for name, (step, _) in found.items()}
    seconds = {name: t.seconds for name, t in median_times(steps, settings).items()}
    if micrograd is not None and not settings.quick:
        # Far slower than the rest: two single steps (after one warm-up) are enough. Its
        # Values refer to themselves through their _backward closures: only the garbage
        # collector frees a step's graph, so collect between the (untimed) steps.
        step = micrograd[0]
        seconds["micrograd"] = median_time_with_setup(lambda _: step(), gc.collect, settings,
                                                      repeats=2).seconds
    return seconds


def _missing_row(case, loss, library):
    """The row for a library that was not timed, saying why; None if it has no row at all."""
    if library == "micrograd":
        if loss != "MSE":
            return None  # micrograd's Value has no exp or log: no cross-entropy
        if competitors.micrograd_value() is not None:
            return not_measured(case, library, "skipped in --quick")
    if library.startswith("minigrad"):
        return not_measured(case, library, "minigrad.nn/optim not importable")
    return not_measured(case, library, competitors.NOT_INSTALLED)


def run(settings):
    """Time the training step in numpy, minigrad (core ops and nn+optim), torch and micrograd."""
    section = Section("mlp", f"3. MLP training step (batch {BATCH}, {IN}->{HIDDEN}->{OUT}, "
                             "ReLU, SGD)")
    problem = make_problem()
    for loss in LOSSES:
        # micrograd is left out only because one of its steps takes seconds.
        wrong = check_same_update(loss, problem, exclude=("micrograd",))
        if wrong:
            section.notes.append(f"{loss}: {', '.join(wrong)} did not compute the numpy step")
        seconds = _time_steps(loss, problem, settings)
        case = f"{loss} step"
        baseline = Row(case, NUMPY, seconds[NUMPY])
        section.rows.append(baseline)
        for library in ("minigrad", "minigrad nn+optim", "torch", "torch nn+optim", "micrograd"):
            if library in seconds:
                section.rows.append(Row(case, library, seconds[library]).compared_to(baseline))
            elif (row := _missing_row(case, loss, library)) is not None:
                section.rows.append(row)
        minigrad_row = section.row(case, "minigrad")
        section.targets.append(ratio_target(f"MLP {case} <= 1.3x hand-written numpy",
                                            minigrad_row, baseline, 1.3))
        section.targets.append(ratio_target(f"MLP {case} faster than torch eager", minigrad_row,
                                            section.row(case, "torch"), 1.0, strictly_below=True))
    return section
