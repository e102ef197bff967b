"""Write course/09_optimizers_and_modules.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_09.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False course/09_optimizers_and_modules.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "09_optimizers_and_modules.ipynb"


CELLS = [
    md("""
# 09 · Optimizers and modules

Notebook 08 trained a line with three hand-written lines per parameter: update, zero, repeat.
PyTorch packs those lines into `torch.optim`, and packs parameters into `torch.nn.Module`.
Nothing new happens underneath, and this notebook proves it by reading the optimizer's code.

**You will learn to**

1. replace the manual update by `optim.SGD` and get the same trajectory;
2. answer seed 002's question, "how does `optimizer.step()` know the loss?";
3. build models from `nn.Module` and `nn.Linear`, initialise them with `nn.init`, and train
   them with `nn.MSELoss` (seed 003) or a hand-made `Model` class (seed 004);
4. compare plain SGD, momentum and Adam on one plot.

`import minigrad as torch`: all cells run with `import torch` too, except the one that prints
minigrad's source.
"""),
    code("""
import inspect

import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch
from minigrad import nn, optim

np.random.seed(42)
_ = torch.manual_seed(42)
"""),

    md("""
## `optim.SGD` replaces the update lines (seed 000)

Same data, same model, same learning rate as notebook 08. The three manual lines become
`optimizer.zero_grad()` before `backward()` and `optimizer.step()` after it.

**Predict, then run.** Will the log match notebook 08's?
"""),
    code("""
np.random.seed(42)
x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = 4.5 * x_array + 7.0 + np.random.normal(size=x_array.shape[0])
x = torch.tensor(x_array).float()
y = torch.tensor(y_array).float()

param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
epochs = 300
learning_rate = 0.01

optimizer = optim.SGD([param_w, param_b], lr=learning_rate)
sgd_history = []

for epoch in range(1, epochs + 1):
    y_p = param_w * x + param_b
    loss = torch.mean((y_p - y)**2)

    optimizer.zero_grad()
    loss.backward()

    optimizer.step()
    sgd_history.append((param_w.item(), param_b.item()))

    if epoch % 10 == 0:
        print(f"Epoch {epoch}: loss={loss}, param_w={param_w.item()}, param_b={param_b.item()}")
"""),
    md("""
Epochs 10, 20 and 300 are seed 000's SGD log, digit for digit. Look closely at epoch 20,
though: notebook 08's hand-written loop printed `loss=23.30514144897461, ...,
param_b=2.8110599517822266`. `step()` computes `p + (−lr)·g` as one fused operation
(`p.add_(g, alpha=-lr)`), rounded once, while `p - g * lr` rounds twice. Seed 000's two logs
differ at epoch 20 in exactly this way: one unit in the last place of float32, and nothing
more.

**Try it.** Print `optimizer`: it lists the settings of its parameter group, including the
ones we did not choose (`momentum: 0`, `weight_decay: 0`, ...).
"""),
    code("""
print(optimizer)
"""),
    md("**Check.** The trajectory agrees with plain gradient descent to float32 precision:"),
    code("""
w, b = torch.tensor([1.0], requires_grad=True), torch.tensor([0.0], requires_grad=True)
manual_history = []
for epoch in range(epochs):
    loss = torch.mean((w * x + b - y)**2)
    loss.backward()
    with torch.no_grad():
        w -= w.grad * learning_rate
        b -= b.grad * learning_rate
        w.grad.zero_()
        b.grad.zero_()
    manual_history.append((w.item(), b.item()))
assert np.allclose(sgd_history, manual_history, rtol=1e-6, atol=0)
"""),

    md("""
## How does `optimizer.step()` know the loss?

Seed 002 ends on an honest complaint: "we never passed `loss` to the optimizer, yet
`loss.backward()` followed by `optimizer.step()` updates the parameters. That feels wrong."

The answer is in how little the optimizer needs. Read minigrad's SGD (the whole file is
about 80 lines; here is its docstring and `step`):

**Predict, then run.** Which attribute of each parameter will `step` read?
"""),
    code("""
import minigrad.optim.sgd

print(minigrad.optim.sgd.__doc__)
print(inspect.getsource(minigrad.optim.sgd.SGD.step))
"""),
    md("""
`step()` never sees the loss. It reads `p.grad`. The link between the two calls is the
**parameter tensors themselves**:

1. `optim.SGD([param_w, param_b], ...)` stores *references* to those tensors in
   `optimizer.param_groups`;
2. `loss.backward()` walks the graph back to the leaves and writes into their `.grad`;
3. `optimizer.step()` visits the same tensors and moves each one against its `.grad`, in
   place, under `no_grad`: notebook 08's Fix 2, in a loop.

So the "communication channel" is `.grad`. That is also why `zero_grad()` exists: backward
*adds* into `.grad` (notebook 04), and the optimizer would otherwise use the sum of all past
gradients.

**Try it.** There is no loss at all below. We write a gradient into `.grad` by hand, and
`step()` follows it.
"""),
    code("""
p = torch.tensor([1.0, 1.0], requires_grad=True)
opt = optim.SGD([p], lr=0.5)
print(opt.param_groups[0]["params"][0] is p)

p.grad = torch.tensor([2.0, -2.0])  # no forward pass, no backward: just a gradient
opt.step()
p
"""),
    md("""
`1 − 0.5·2 = 0` and `1 + 0.5·2 = 2`. The optimizer holds the very tensor `p` (`is`, not
a copy), and it did what `.grad` said.

**Check.** `zero_grad()` resets `.grad` to `None` (PyTorch 2's default, `set_to_none=True`),
and `step()` skips parameters without a gradient:
"""),
    code("""
opt.zero_grad()
assert p.grad is None
before = p.detach().clone()
opt.step()
assert torch.equal(p.detach(), before)
"""),

    md("""
## `nn.Module` and `nn.Linear` (seed 003)

A `Module` is a container that *registers* the tensors assigned to it: writing
`self.weight = nn.Parameter(...)` in `__init__` puts the tensor into `module.parameters()`,
which is what you hand to the optimizer. `nn.Linear(in, out)` holds `weight` (shape
`out × in`) and `bias` (shape `out`) and computes `x @ weight.T + bias`.

Seed 003 fits a line with `nn.Linear(1, 1)`, sets its initial weights with
`nn.init.constant_` (in place, under `no_grad`) and uses `nn.MSELoss`. Its data came from
part one of that article, which we do not have; we use a stand-in of the same kind, 50 points
of `y = 2x + noise`.

**Predict, then run.** The model starts at `weight = 1`, `bias = 0` and takes 3000 steps of
`lr = 1e-4`. Will it reach `weight ≈ 2`? And the bias?
"""),
    code("""
np.random.seed(0)
x_np = np.random.uniform(0, 10, 50).astype(np.float32)
y_np = (2 * x_np + np.random.normal(0, 2, 50)).astype(np.float32)
x3, y3 = torch.tensor(x_np), torch.tensor(y_np)

model1 = nn.Linear(1, 1)
torch.nn.init.constant_(model1.weight, 1.0)
torch.nn.init.constant_(model1.bias, 0.0)
criteria = nn.MSELoss()
optimizer = torch.optim.SGD(model1.parameters(), lr=1.0e-4)

losses = []
for epoch in range(3000):
    p = model1(x3.reshape(-1, 1))
    model1.zero_grad()
    loss = criteria(p, y3.reshape(-1, 1))
    loss.backward()
    optimizer.step()
    losses.append(loss.item())

print('loss   = ', loss.item())
print('weight = ', model1.weight.item())
print('bias   = ', model1.bias.item())
"""),
    md("""
The weight gets close to 2 quickly: with `x` up to 10, the loss is very sensitive to it. The
bias only creeps to 0.12: its gradient is small and `lr = 1e-4` is tiny. Seed 003 saw the
same picture (`weight = 2.0077`, `bias = 0.0110` on its data) and called it a good fit; it is
really a fit *through the origin*, which happens to suit data with no intercept.

Two details from seed 003's "pitfalls" section are visible in the code: the input is
reshaped to `(batch, features) = (50, 1)`, the shape `nn.Linear` expects, and the target to
`(50, 1)` so that `MSELoss` compares like with like. And the data is float32: the layer's
parameters are float32, and a float64 input would not match them.
"""),
    code("""
print(model1)
for name, parameter in model1.named_parameters():
    print(name, tuple(parameter.shape), parameter.requires_grad)

plt.figure(figsize=(5, 3), dpi=80)
plt.plot(losses)
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("MSE loss (log scale)")
plt.title("seed 003: nn.Linear, lr = 1e-4")
plt.show()
"""),
    md("""
**Try it.** Change `lr` to `1e-2`. With `x` this large, is that still stable? (Think of
notebook 08's threshold `2 / curvature`; here the curvature is about `2·mean(x²) ≈ 70`.)
"""),
    code("""
def fit_linear(lr, epochs=300):
    \"\"\"Seed 003's loop on the stand-in data; returns the final loss.\"\"\"
    model = nn.Linear(1, 1)
    torch.nn.init.constant_(model.weight, 1.0)
    torch.nn.init.constant_(model.bias, 0.0)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        loss = nn.MSELoss()(model(x3.reshape(-1, 1)), y3.reshape(-1, 1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()

fit_linear(1e-2) > 1e6
"""),
    md("**Check.** `nn.Linear` computes `x @ weight.T + bias`, and `MSELoss` is the mean squared error:"),
    code("""
inputs = x3.reshape(-1, 1)
by_hand = inputs @ model1.weight.T + model1.bias
assert torch.allclose(model1(inputs), by_hand)
assert torch.allclose(criteria(by_hand, y3.reshape(-1, 1)), ((by_hand - y3.reshape(-1, 1))**2).mean())
"""),

    md("""
## Seed 004's `Model` class

Before `nn.Module`, seed 004 groups its two parameters in a plain class and writes a
`train()` function: forward, loss, `zero_grad`, `backward`, `step`, and a list of losses for
the plot. (In the seed, `train` is indented inside the class but called as a plain function;
we define it at the top level, which is what the seed's output shows happened.)

**Predict, then run.** One input `x = 3`, target `10`, start `w = 5, b = 1`, `lr = 0.01`: the
first two lines are notebook 08's. How close to 10 is the prediction after 20 epochs?
"""),
    code("""
class Model(object):
    def __init__(self):
        self.w = torch.tensor([5.], requires_grad=True)
        self.b = torch.tensor([1.], requires_grad=True)
        self.params = (self.w, self.b)

    def forward(self, x):
        pred = self.w*x+self.b
        return pred


def train():
    x, true = data  # fetch the data (there is just one point here)
    pred = model.forward(x)
    loss = torch.pow(pred - true, 2)

    print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))

    optimizer.zero_grad()
    loss.backward()  # backpropagation
    optimizer.step()

    loss_hist.append(loss.item())


x1 = torch.tensor([3.])
true = torch.tensor([10.])
data = (x1, true)

model = Model()
optimizer = optim.SGD(model.params, lr=0.01, momentum=0)
loss_hist = []

for epoch in range(20):
    train()
"""),
    md("""
These are seed 004's twenty lines. (One of the seed's lines, `loss = 0.2656331658363423`,
lost a digit on its way into the article: PyTorch prints `0.26563316583633423` too.) The
error shrinks by the same factor 0.8 each epoch, so after 20 epochs it is `6 · 0.8²⁰ ≈ 0.07`.
"""),
    code("""
plt.figure(figsize=(5, 3), dpi=80)
plt.plot(loss_hist, marker="o")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.title("seed 004: the Model class")
plt.show()
"""),
    md("""
**Try it.** Rewrite `Model` as an `nn.Module` with two `nn.Parameter`s. Then
`model.parameters()` finds them for you: no hand-made `params` tuple.
"""),
    code("""
class ModuleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([5.]))
        self.b = nn.Parameter(torch.tensor([1.]))

    def forward(self, x):
        return self.w * x + self.b


module_model = ModuleModel()
[name for name, _ in module_model.named_parameters()]
"""),
    md("**Check.** Trained the same way, the `nn.Module` version follows the same 20 losses:"),
    code("""
opt = optim.SGD(module_model.parameters(), lr=0.01)
module_losses = []
for epoch in range(20):
    loss = torch.pow(module_model(x1) - true, 2)
    opt.zero_grad()
    loss.backward()
    opt.step()
    module_losses.append(loss.item())
assert module_losses == loss_hist
"""),

    md("""
## Momentum and Adam

Plain SGD steps along the current gradient only. On notebook 08's data the loss is steep in
`w` and shallow in `b`, so SGD has to use a small rate and then crawls along `b`.

- **Momentum** keeps a running sum of past gradients, `buf ← μ·buf + g`, and steps along
  `buf`: consistent directions build up speed, oscillating ones cancel.
- **Adam** divides each parameter's step by a running estimate of its gradient's size, so
  steep and shallow directions take steps of similar size.

**Predict, then run.** From `w = 1, b = 0`, with the learning rates below, which optimizer
reaches the loss floor (~0.5) first?
"""),
    code("""
def losses_with(make_optimizer, epochs=150):
    \"\"\"Train y = w·x + b on the seed-000 data with the given optimizer; return the losses.\"\"\"
    w = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([0.0], requires_grad=True)
    opt = make_optimizer([w, b])
    history = []
    for _ in range(epochs):
        loss = torch.mean((w * x + b - y)**2)
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    return history

runs = {
    "SGD, lr=0.01": losses_with(lambda ps: optim.SGD(ps, lr=0.01)),
    "SGD + momentum 0.9, lr=0.01": losses_with(lambda ps: optim.SGD(ps, lr=0.01, momentum=0.9)),
    "Adam, lr=0.5": losses_with(lambda ps: optim.Adam(ps, lr=0.5)),
}

plt.figure(figsize=(5, 3), dpi=80)
for label, history in runs.items():
    plt.plot(history, label=label)
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("MSE loss (log scale)")
plt.legend()
plt.show()
"""),
    md("""
Momentum and Adam both reach the floor by about epoch 70; plain SGD is still at 0.8 after
150. Both swing past the minimum and back on the way (the waves): accumulated speed has to be
braked before it turns. Adam does it with a learning rate that would make plain SGD explode,
thanks to its per-parameter scaling.
Neither is magic: each is a few lines in `step()`, reading `p.grad` and keeping some state
in `optimizer.state[p]`.

**Try it.** Give plain SGD Adam's learning rate, `lr=0.5`, and look at the last loss.
"""),
    code("""
losses_with(lambda ps: optim.SGD(ps, lr=0.5), epochs=20)[-1] > 1e6
"""),
    md("**Check.** After 150 epochs, both momentum and Adam are closer to the floor than plain SGD:"),
    code("""
final = {label: history[-1] for label, history in runs.items()}
assert final["SGD + momentum 0.9, lr=0.01"] < final["SGD, lr=0.01"]
assert final["Adam, lr=0.5"] < final["SGD, lr=0.01"]
{label: round(value, 4) for label, value in final.items()}
"""),

    md("""
## Summary

- `optimizer.zero_grad(); loss.backward(); optimizer.step()` is notebook 08's loop with the
  update written once, in the library. Same trajectory, up to one rounding in the last place.
- `step()` never sees the loss: the optimizer holds references to the parameter tensors, and
  `backward()` leaves the gradients in their `.grad`. `.grad` is the only channel, which is
  why it must be reset with `zero_grad()`.
- `nn.Module` registers parameters assigned in `__init__`; `nn.Linear` computes
  `x @ W.T + b` on `(batch, features)` inputs; `nn.init.constant_` sets weights in place;
  `nn.MSELoss` is the mean squared error.
- Momentum and Adam only change what `step()` does with `p.grad`; they can converge much
  faster on badly scaled problems.

Next, notebook 10 takes away the last black box: you write `backward()` itself.

## Exercises

Open [`../exercises/09_optimizers_and_modules.ipynb`](../exercises/09_optimizers_and_modules.ipynb):
`MySGD` with momentum and weight decay, `MyLinear` with PyTorch's initialisation, and a
training loop for the seed-004 model.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="cell")
