"""Write solutions/09_optimizers_and_modules.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_09.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "09_optimizers_and_modules.ipynb"
CELL_ID_PREFIX = "s09"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd", "minigrad.nn", "minigrad.nn.init", "minigrad.optim"]


CELLS = [
    md("""
# 09 · Exercises: your own SGD, your own Linear, and seed 004's training loop

In `course/09_optimizers_and_modules.ipynb` you read minigrad's SGD and used `nn.Module`,
`nn.Linear` and `optim.SGD`. Here you write `MySGD` (with momentum and weight decay) and
`MyLinear` (with PyTorch's initialisation) yourself, then the training loop of seed 004.
Write your code where it says `# YOUR CODE HERE`, then run the test cell below it.
"""),
    code("""
import math

import numpy as np

import minigrad as torch
from minigrad import nn, optim
from minigrad.optim import Optimizer

torch.manual_seed(0)
np.random.seed(0)
"""),
    md("""
## Exercise 09.1: `MySGD`

Subclass `torch.optim.Optimizer`. In `__init__`, hand the parameters and a dict of defaults
(`lr`, `momentum`, `weight_decay`) to `super().__init__(params, defaults)`: it builds
`self.param_groups` (a list of dicts, each with `"params"` and the settings) and
`self.state` (a dict per parameter, initially empty). `zero_grad()` is inherited.

`step()` runs under `torch.no_grad()` (the decorator is already there). For every parameter
`p` of every group that has a gradient `g = p.grad` (skip `None`), exactly like
`torch.optim.SGD`:

1. weight decay: `g = g + weight_decay · p` (if `weight_decay != 0`);
2. momentum (if `momentum != 0`): keep a buffer in `self.state[p]["momentum_buffer"]`. On the
   first step it is a **copy** of `g` (`g.clone()`: `p.grad` is reused and zeroed in place by
   some loops); afterwards update it in place, `buf ← momentum · buf + g`. Then `g = buf`;
3. `p ← p − lr · g`, in place.
"""),
    code("""
class MySGD(Optimizer):
    \"\"\"SGD with momentum and weight decay, step for step like torch.optim.SGD.\"\"\"

    def __init__(self, params, lr=1e-3, momentum=0.0, weight_decay=0.0):
        ### BEGIN SOLUTION Exercise 09.1
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay))
        ### END SOLUTION

    @torch.no_grad()
    def step(self):
        \"\"\"Move every parameter against its (decayed, momentum-averaged) gradient.\"\"\"
        ### BEGIN SOLUTION Exercise 09.1
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                if group["momentum"] != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = g.clone()
                    else:
                        state["momentum_buffer"].mul_(group["momentum"]).add_(g)
                    g = state["momentum_buffer"]
                p -= group["lr"] * g
        ### END SOLUTION
"""),
    graded("my_sgd", 4, """
def trajectory(make_optimizer, steps=50, set_to_none=True):
    \"\"\"Minimise a small non-quadratic loss for `steps` steps; return the parameters after each step.\"\"\"
    torch.manual_seed(3)
    weight = torch.randn(3, 2, requires_grad=True)
    bias = torch.zeros(2, requires_grad=True)
    inputs, targets = torch.randn(8, 3), torch.randn(8, 2)
    optimizer = make_optimizer([weight, bias])
    history = []
    for _ in range(steps):
        optimizer.zero_grad(set_to_none=set_to_none)
        loss = ((torch.tanh(inputs @ weight + bias) - targets) ** 2).mean()
        loss.backward()
        optimizer.step()
        history.append(np.concatenate([weight.detach().numpy().ravel(), bias.detach().numpy()]))
    assert weight.is_leaf and bias.is_leaf and weight.grad_fn is None, (
        "after step() the parameters must still be leaves: update them in place under torch.no_grad()")
    return np.array(history)

def assert_same_trajectory(settings, message, **kwargs):
    mine = trajectory(lambda ps: MySGD(ps, **settings), **kwargs)
    reference = trajectory(lambda ps: optim.SGD(ps, **settings), **kwargs)
    np.testing.assert_allclose(mine, reference, rtol=1e-5, atol=1e-6, err_msg=f"{settings}: {message}")

assert issubclass(MySGD, Optimizer), "MySGD should subclass torch.optim.Optimizer"
assert_same_trajectory(dict(lr=0.1), "plain SGD differs from optim.SGD: p ← p − lr · p.grad")
assert_same_trajectory(dict(lr=0.05, momentum=0.9),
                       "with momentum, 50 steps differ from optim.SGD: keep one buffer per parameter in "
                       "self.state[p], start it as a copy of the first gradient, then buf ← momentum·buf + g")
assert_same_trajectory(dict(lr=0.1, weight_decay=0.01),
                       "with weight decay the steps differ from optim.SGD: add weight_decay · p to the gradient")
### BEGIN HIDDEN TESTS
assert_same_trajectory(dict(lr=0.05, momentum=0.8, weight_decay=0.1),
                       "momentum and weight decay together: decay goes into g BEFORE the momentum buffer")
assert_same_trajectory(dict(lr=0.05, momentum=0.9),
                       "with zero_grad(set_to_none=False), p.grad is the same tensor every step, zeroed in place: "
                       "a momentum buffer that IS p.grad (not a clone) is wiped out", set_to_none=False)
p = torch.tensor([1.0, 2.0], requires_grad=True)
q = torch.tensor([3.0], requires_grad=True)
optimizer = MySGD([{"params": [p]}, {"params": [q], "lr": 1.0}], lr=0.5)
p.grad, q.grad = torch.tensor([1.0, 1.0]), None
optimizer.step()
np.testing.assert_allclose(p.detach().numpy(), [0.5, 1.5], err_msg="each parameter group uses its own lr")
np.testing.assert_allclose(q.detach().numpy(), [3.0], err_msg="a parameter whose grad is None must not move")
q.grad = torch.tensor([1.0])
optimizer.step()
np.testing.assert_allclose(q.detach().numpy(), [2.0], err_msg="the second group's lr is 1.0 (param group setting)")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 09.2: `MyLinear`

Subclass `nn.Module` and write a linear layer `y = x @ weight.T + bias` with `weight` of shape
`(out_features, in_features)` and `bias` of shape `(out_features,)` (or no bias when
`bias=False`: then `self.bias = None`), both `nn.Parameter`s created in `__init__`.

Initialise them like PyTorch's `nn.Linear.reset_parameters`, **in this order** and from the
global generator (so that after the same `torch.manual_seed`, `MyLinear` and `nn.Linear` get
the same numbers):

1. `weight`: `nn.init.kaiming_uniform_(weight, a=math.sqrt(5))`, which is `U(−1/√fan_in, 1/√fan_in)`;
2. `bias`: `nn.init.uniform_(bias, -bound, bound)` with `bound = 1/√fan_in`.

`fan_in` is the number of inputs of each output unit, `in_features`.
"""),
    code("""
class MyLinear(nn.Module):
    \"\"\"y = x @ weight.T + bias, initialised like torch.nn.Linear.\"\"\"

    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        ### BEGIN SOLUTION Exercise 09.2
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            bound = 1 / math.sqrt(in_features)
            nn.init.uniform_(self.bias, -bound, bound)
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION Exercise 09.2
        out = x @ self.weight.T
        return out + self.bias if self.bias is not None else out
        ### END SOLUTION
"""),
    graded("my_linear", 3, """
layer = MyLinear(400, 300)
names = [name for name, _ in layer.named_parameters()]
assert names == ["weight", "bias"], (
    f"MyLinear should register exactly the parameters ['weight', 'bias'], got {names}: assign nn.Parameter "
    "objects to self.weight and self.bias in __init__")
assert tuple(layer.weight.shape) == (300, 400) and tuple(layer.bias.shape) == (300,), (
    f"weight is (out_features, in_features) = (300, 400) and bias (300,), got {tuple(layer.weight.shape)} "
    f"and {tuple(layer.bias.shape)}")
bound = 1 / math.sqrt(400)
weights, biases = layer.weight.detach().numpy(), layer.bias.detach().numpy()
assert np.abs(weights).max() <= bound and np.abs(weights).max() > 0.99 * bound, (
    f"weights should fill U(-1/√fan_in, 1/√fan_in) = U(-{bound:.4f}, {bound:.4f}) (fan_in = in_features = 400), "
    f"but max |w| = {np.abs(weights).max():.4f}. kaiming_uniform_ with a=√5 gives that bound; a=0 would give √6 times more")
assert abs(weights.std() - bound / math.sqrt(3)) < 0.02 * bound, "weights should be uniform on [-bound, bound]"
assert np.abs(biases).max() <= bound and np.abs(biases).max() > 0.9 * bound, (
    f"the bias should also be U(-1/√fan_in, 1/√fan_in) with fan_in = 400: max |b| = {np.abs(biases).max():.4f}")
inputs = torch.randn(5, 400)
np.testing.assert_allclose(layer(inputs).detach().numpy(),
                           inputs.numpy() @ weights.T + biases, rtol=1e-4, atol=1e-5,
                           err_msg="forward should compute x @ weight.T + bias")
### BEGIN HIDDEN TESTS
torch.manual_seed(11)
mine = MyLinear(3, 2)
torch.manual_seed(11)
reference = nn.Linear(3, 2)
np.testing.assert_allclose(mine.weight.detach().numpy(), reference.weight.detach().numpy(), rtol=1e-6,
                           err_msg="after the same manual_seed, MyLinear's weight should equal nn.Linear's: "
                                   "kaiming_uniform_(weight, a=√5) first, from the global generator")
np.testing.assert_allclose(mine.bias.detach().numpy(), reference.bias.detach().numpy(), rtol=1e-6,
                           err_msg="after the same manual_seed, MyLinear's bias should equal nn.Linear's: "
                                   "uniform_(bias, -1/√fan_in, 1/√fan_in) after the weight")
wide = MyLinear(1000, 5)  # fan_in is in_features, not out_features
assert 0.9 / math.sqrt(1000) < np.abs(wide.weight.detach().numpy()).max() <= 1 / math.sqrt(1000), (
    "the bound uses fan_in = in_features (1000 here), not out_features")
no_bias = MyLinear(4, 3, bias=False)
assert no_bias.bias is None and [n for n, _ in no_bias.named_parameters()] == ["weight"], \\
    "MyLinear(..., bias=False) has no bias parameter (self.bias = None)"
batch = torch.randn(2, 4)
np.testing.assert_allclose(no_bias(batch).detach().numpy(), batch.numpy() @ no_bias.weight.detach().numpy().T,
                           rtol=1e-5, atol=1e-6, err_msg="without bias, forward is x @ weight.T")
layer = MyLinear(3, 2)
(layer(torch.randn(4, 3)) ** 2).sum().backward()
assert layer.weight.grad is not None and layer.bias.grad is not None, "gradients must reach weight and bias"
### END HIDDEN TESTS
"""),
    md("""
## Exercise 09.3: seed 004's training loop

Seed 004 trains `pred = w·x + b` on one point (`x = 3`, target `10`) from `w = 5`, `b = 1`,
with the loss `(pred − true)²`. Write `train(model, optimizer, x, true, epochs)`: each epoch,
compute the loss, clear the old gradients, backpropagate, step, and record `loss.item()`.
Return the list of losses (Python floats). `model(x)` gives the prediction.
"""),
    code("""
class Seed004Model(nn.Module):
    \"\"\"pred = w*x + b with seed 004's starting point w=5, b=1.\"\"\"

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([5.0]))
        self.b = nn.Parameter(torch.tensor([1.0]))

    def forward(self, x):
        return self.w * x + self.b


def train(model, optimizer, x, true, epochs):
    \"\"\"Seed 004's loop: forward, squared error, zero_grad, backward, step; returns the losses.\"\"\"
    ### BEGIN SOLUTION Exercise 09.3
    losses = []
    for _ in range(epochs):
        loss = torch.pow(model(x) - true, 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
    ### END SOLUTION
"""),
    graded("train", 3, """
SEED_004_LOSSES = [36.0, 23.040000915527344, 14.745600700378418, 9.43718147277832, 6.039791107177734,
                   3.865469455718994, 2.4738998413085938, 1.5832968950271606, 1.013311505317688,
                   0.648518443107605, 0.41505181789398193, 0.26563316583633423, 0.17000475525856018,
                   0.10880240797996521, 0.06963404268026352, 0.044565871357917786, 0.028521576896309853,
                   0.018254170194268227, 0.01168250385671854, 0.007476835511624813]
model = Seed004Model()
losses = train(model, optim.SGD(model.parameters(), lr=0.01), torch.tensor([3.0]), torch.tensor([10.0]), 20)
assert isinstance(losses, list) and len(losses) == 20, f"train(..., epochs=20) should return 20 losses, got {losses!r}"
assert all(isinstance(value, float) for value in losses), (
    "record loss.item(), a Python float: keeping the loss tensors would keep every epoch's graph alive")
np.testing.assert_allclose(losses[:2], SEED_004_LOSSES[:2], rtol=1e-6,
                           err_msg="the first two losses should be seed 004's 36.0 and 23.04: if the second is "
                                   "36.0 again, the parameters did not move (zero_grad between backward and step?)")
np.testing.assert_allclose(losses, SEED_004_LOSSES, rtol=1e-6,
                           err_msg="seed 004's 20 losses differ: clear the gradients every epoch (optimizer.zero_grad()) "
                                   "BEFORE backward, or they pile up")
### BEGIN HIDDEN TESTS
model = Seed004Model()
losses = train(model, optim.SGD(model.parameters(), lr=0.01, momentum=0.5), torch.tensor([3.0]),
               torch.tensor([10.0]), 5)
w_, b_, velocity_w, velocity_b, expected = 5.0, 1.0, 0.0, 0.0, []
for step in range(5):  # the same loop in plain floats
    error = w_ * 3 + b_ - 10
    expected.append(error**2)
    velocity_w = 2 * error * 3 + (0.5 * velocity_w if step else 0.0)
    velocity_b = 2 * error + (0.5 * velocity_b if step else 0.0)
    w_, b_ = w_ - 0.01 * velocity_w, b_ - 0.01 * velocity_b
np.testing.assert_allclose(losses, expected, rtol=1e-5,
                           err_msg="with a momentum optimizer the losses differ: call optimizer.step() exactly once per epoch")
### END HIDDEN TESTS
"""),
    md("""
## Summary

- An optimizer is a loop over `param_groups` reading `p.grad`; momentum is one extra tensor
  per parameter in `self.state[p]`, a copy, updated in place.
- A `Module` registers the `Parameter`s assigned in `__init__`; PyTorch's Linear starts from
  `U(−1/√fan_in, 1/√fan_in)` for both weight and bias.
- The training loop is `zero_grad`, `backward`, `step`, in that order, and it records floats.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
