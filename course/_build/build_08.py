"""Write course/08_gradient_descent_by_hand.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_08.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False course/08_gradient_descent_by_hand.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "08_gradient_descent_by_hand.ipynb"


CELLS = [
    md("""
# 08 · Gradient descent by hand

You can now get any gradient you like. This notebook uses them for what they are mostly used
for: **training**. We fit a straight line with nothing but tensors, `backward()` and a
subtraction, exactly as seed 000 does, and meet the two ways to update a parameter without
tangling it into the graph.

**You will learn to**

1. write the gradient-descent update `p ← p − lr · ∂loss/∂p` for tensors;
2. explain why the naive update breaks the next step, and fix it twice: with
   `detach().requires_grad_()` and with an in-place update under `no_grad`;
3. reproduce seed 000's training log, epoch 10 to 300;
4. read a loss curve and choose a learning rate that neither crawls nor diverges.

`import minigrad as torch`: the same code runs with `import torch`.
"""),
    code("""
import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch

np.random.seed(42)
_ = torch.manual_seed(42)
"""),

    md("""
## The data: a noisy line (seed 000)

Seven points from `y = 4.5x + 7 + noise`, with standard normal noise. Our model will be
`y_p = w·x + b`, and training should find `w ≈ 4.5`, `b ≈ 7`.

One detail: seed 000's code line reads `y_array = w * x_array + np.random.normal(...)`, without
`+ b`, but the `y` it prints (`0.7467, 2.3617, ...`) only comes out *with* `+ b`. The article
lost two characters between its notebook and its text; we use the version that matches its
numbers.

**Predict, then run.** `np.random.seed(42)` was set in the first cell. Will `y` print the
seed's values exactly?
"""),
    code("""
np.random.seed(42)

w = 4.5
b = 7.0

x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = w * x_array + b + np.random.normal(size=x_array.shape[0])

x = torch.tensor(x_array).float()
y = torch.tensor(y_array).float()
print(x)
print(y)
"""),
    md("""
Same numbers as the seed: a fixed seed makes the noise reproducible. `.float()` matters too:
numpy arrays are float64, and `torch.tensor` keeps that; `.float()` makes them float32, the
dtype of the parameters we are about to create.
"""),
    code("""
plt.figure(figsize=(5, 3), dpi=80)
plt.scatter(x_array, y_array, label="data")
plt.plot(x_array, 4.5 * x_array + 7.0, color="grey", linestyle="--", label="y = 4.5x + 7")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.show()
"""),
    md("""
**Try it.** Remove `np.random.seed(42)` from the cell above and run it twice: `y` changes
every time. (Put it back before going on.)

**Check.** The data is float32 and the noise has the expected size:
"""),
    code("""
assert x.dtype == torch.float32 and y.dtype == torch.float32
noise = y_array - (4.5 * x_array + 7.0)
assert np.abs(noise).max() < 2.0
"""),

    md("""
## One step, and the trap in it

Start from `w = 1, b = 0`, compute the mean squared error and call `backward()`. The
gradients say how the loss changes when `w` or `b` grows; both are negative, so both should
grow.

Gradient descent then moves each parameter a small step against its gradient:
`p ← p − lr · p.grad`. Written naively as tensor arithmetic, that step is *recorded*.

**Predict, then run.** After the update, is `param_w` still a leaf? Does it still have a
`grad_fn`?
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)

y_p = param_w * x + param_b
loss = torch.mean((y_p - y)**2)
loss.backward()
print(loss, param_w.grad, param_b.grad)

learning_rate = 0.01
param_w = param_w - param_w.grad * learning_rate
param_b = param_b - param_b.grad * learning_rate
print(param_w, param_b)
param_w.is_leaf
"""),
    md("""
The values are right (`1 + 0.01 · 33.89 = 1.3389`), but `param_w` is now the output of a
subtraction: `grad_fn=<SubBackward0>`, not a leaf. Next epoch, `backward()` would flow
*through* it into the old `param_w`, the graph would grow by one step per epoch, and the new
`param_w.grad` would stay `None` (only leaves get `.grad`).

What we want is a fresh leaf holding the new value. There are two ways to get it.
"""),

    md("""
## Fix 1: `detach().requires_grad_()` (seed 000)

`detach()` returns a tensor with the same data and no history; `requires_grad_()` turns
recording back on for it. The result is a brand-new leaf, and `backward()` will fill its
`.grad` from zero: no `zero_grad` needed, because each epoch has new tensors.

This is seed 000's training loop. We print with `.item()` where the seed writes
`float(param_w)`: PyTorch 2 warns when a tensor that requires grad is turned into a Python
number with `float()`, and `.item()` says what we mean.

**Predict, then run.** After 300 epochs, will `w` and `b` be exactly 4.5 and 7?
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)

epochs = 300
learning_rate = 0.01
detach_history = []

for epoch in range(1, epochs + 1):
    y_p = param_w * x + param_b
    loss = torch.mean((y_p - y)**2)

    loss.backward()

    param_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
    param_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()
    detach_history.append((loss.item(), param_w.item(), param_b.item()))

    if epoch % 10 == 0:
        print(f"Epoch {epoch}: loss={loss}, param_w={param_w.item()}, param_b={param_b.item()}")
"""),
    md("""
Epoch 10 (`loss=52.31643295288086, param_w=3.4754106998443604, param_b=1.6848385334014893`)
and epoch 300 (`loss=0.5062416791915894, param_w=4.625252723693848, param_b=7.377382755279541`)
are seed 000's numbers, digit for digit. (`f"{loss}"` formats a one-element tensor as its
Python float. PyTorch 2.13 adds up the mean in a different order and prints
`52.316429138183594` at epoch 10; `w` and `b` are identical.)

Not 4.5 and 7: with only seven noisy points, the best line (least squares) is not the line
the data was drawn from, and 300 small steps have not quite reached it yet either.

**Try it.** Change `epochs` to 1000. Where do `w` and `b` settle?
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
for epoch in range(1000):
    loss = torch.mean((param_w * x + param_b - y)**2)
    loss.backward()
    param_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
    param_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()
round(param_w.item(), 4), round(param_b.item(), 4)
"""),
    md("""
**Check.** Gradient descent converges to the least-squares line, which numpy computes in
closed form:
"""),
    code("""
best_w, best_b = np.polyfit(x_array.astype(np.float32), y.numpy(), deg=1)
assert abs(param_w.item() - best_w) < 1e-3 and abs(param_b.item() - best_b) < 1e-3
"""),

    md("""
## Fix 2: update in place under `no_grad` (seed 003)

The other way keeps the *same* leaf tensors and changes their data in place, with recording
switched off so the update is not part of any graph. Because the tensors live on, their
`.grad` would keep accumulating (notebook 04), so we zero it after each step. This is what
`optimizer.step()` and `optimizer.zero_grad()` do, as notebook 09 will show.

**Predict, then run.** Will this loop follow exactly the same trajectory as Fix 1?
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
inplace_history = []

for epoch in range(1, epochs + 1):
    loss = torch.mean((param_w * x + param_b - y)**2)
    loss.backward()
    with torch.no_grad():
        param_w -= param_w.grad * learning_rate
        param_b -= param_b.grad * learning_rate
        param_w.grad.zero_()
        param_b.grad.zero_()
    inplace_history.append((loss.item(), param_w.item(), param_b.item()))

inplace_history[-1] == detach_history[-1]
"""),
    md("""
Identical, to the last bit: both compute `p − lr · grad` in float32; only the bookkeeping
differs. Without `no_grad`, the in-place update would be refused: a leaf that requires grad
cannot be modified in place while recording (notebook 05).

**Try it.** Comment out the two `zero_()` lines. The gradients now pile up, each step gets
bigger than the last, and the loss explodes.
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
for epoch in range(30):
    loss = torch.mean((param_w * x + param_b - y)**2)
    loss.backward()
    with torch.no_grad():
        param_w -= param_w.grad * learning_rate
        param_b -= param_b.grad * learning_rate
        # param_w.grad.zero_()
        # param_b.grad.zero_()
loss.item() > 1e3
"""),
    md("**Check.** Both fixes agree at every epoch, not only the last:"),
    code("""
assert inplace_history == detach_history
"""),

    md("""
## Loss curve and fitted line

A loss curve is the first thing to look at when training: it should fall fast, then level
off. We plot it on a log scale, where steady progress looks like a straight line.

**Predict, then run.** Roughly at which epoch does the loss stop improving visibly?
"""),
    code("""
losses = [loss for loss, _, _ in detach_history]

plt.figure(figsize=(5, 3), dpi=80)
plt.plot(range(1, epochs + 1), losses)
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("MSE loss (log scale)")
plt.title("seed 000, lr = 0.01")
plt.show()
"""),
    md("""
A quick fall over the first ~30 epochs (`w` finds the slope), then a slower glide while `b`
creeps up towards 7, and a floor from about epoch 200: around 0.5, the part of the noise no
straight line can explain. The loss is much more sensitive to `w` than to `b` here, so one
learning rate is small for `b` yet could not be much bigger for `w`.

The fitted line after 300 epochs:
"""),
    code("""
_, final_w, final_b = detach_history[-1]
grid = np.linspace(-2, 3.5, 2)

plt.figure(figsize=(5, 3), dpi=80)
plt.scatter(x_array, y.numpy(), label="data")
plt.plot(grid, final_w * grid + final_b, color="C1", label=f"fit: {final_w:.2f}x + {final_b:.2f}")
plt.plot(grid, 4.5 * grid + 7.0, color="grey", linestyle="--", label="truth: 4.5x + 7")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.show()
"""),
    md("""
**Try it.** Plot the loss on a linear scale (remove `plt.yscale("log")`): the slow phase
becomes invisible, which is why log scales are the default for loss curves.

**Check.** The loss never went up with this learning rate:
"""),
    code("""
assert all(later <= earlier for earlier, later in zip(losses, losses[1:]))
"""),

    md("""
## Choosing the learning rate

The learning rate is the one number gradient descent cannot find for itself. Too small and
training crawls; too large and each step overshoots the minimum by more than it started
from, so the loss grows without bound.

For this data the loss surface is a bowl whose steepest direction has curvature about 6.7,
and plain gradient descent diverges once `lr` exceeds `2 / 6.7 ≈ 0.3`.

**Predict, then run.** Of `0.001`, `0.01`, `0.1` and `0.31`, which converges fastest, and
which diverges?
"""),
    code("""
def train(lr, epochs=50):
    \"\"\"Fit y = w·x + b to the seed-000 data by gradient descent; return the losses.\"\"\"
    w = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([0.0], requires_grad=True)
    losses = []
    for _ in range(epochs):
        loss = torch.mean((w * x + b - y)**2)
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
        losses.append(loss.item())
    return losses

plt.figure(figsize=(5, 3), dpi=80)
for lr in (0.001, 0.01, 0.1, 0.31):
    plt.plot(train(lr), label=f"lr = {lr}")
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("MSE loss (log scale)")
plt.legend()
plt.show()
"""),
    md("""
`0.1` wins: it is as large as it can be while staying stable. `0.31` overshoots from the
first step: each step lands further from the minimum than the last, so the loss grows
geometrically (a straight line upwards on a log scale). The best rate is often just below
the point of divergence, which is why people try rates on a log scale (`1e-3, 3e-3, 1e-2,
...`).

**Try it.** Drag the slider of the explorer below (a log-scale learning rate and a number of
epochs): it re-trains this same regression and redraws the loss curve and the fitted line.
"""),
    code("""
# NBVAL_IGNORE_OUTPUT
from minigrad.viz import LearningRateExplorer

LearningRateExplorer(lr=0.01, epochs=300)
"""),
    md("""
**Check.** The curvature explains the threshold: just below `2/λ` converges, just above
diverges.
"""),
    code("""
hessian = 2 * np.array([[np.mean(x_array**2), np.mean(x_array)],
                        [np.mean(x_array), 1.0]])
largest_curvature = np.linalg.eigvalsh(hessian).max()
threshold = 2 / largest_curvature
assert train(0.95 * threshold, epochs=200)[-1] < 1.0
assert train(1.05 * threshold, epochs=200)[-1] > 1e3
float(round(threshold, 3))
"""),

    md("""
## Seed 004: one data point, step by step

Seed 004 does the same thing on the smallest possible problem: one input `x = 3`, target
`10`, prediction `w·x + b` starting from `w = 5, b = 1`. The loss is `(16 − 10)² = 36` and
the gradients are `2·6·3 = 36` for `w` and `2·6 = 12` for `b`.

Its update builds new leaves with `torch.tensor([...], requires_grad=True)` from the
detached values: a third way to get a fresh leaf.

**Predict, then run.** With `lr = 0.01`, what are the new `w` and `b`, and the new loss?
"""),
    code("""
x1 = torch.tensor([3.])
true = torch.tensor([10.])

w = torch.tensor([5.], requires_grad=True)
b = torch.tensor([1.], requires_grad=True)

pred = w*x1+b
loss = torch.pow(pred - true, 2)
print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
loss.backward()
print(w.grad); print(b.grad)

lr = 0.01
w = torch.tensor([w.detach() - lr * w.grad], requires_grad=True)
b = torch.tensor([b.detach() - lr * b.grad], requires_grad=True)
print(w); print(b)

pred = w*x1+b
loss = torch.pow(pred - true, 2)
print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
"""),
    md("""
`w = 5 − 0.36 = 4.64`, `b = 1 − 0.12 = 0.88`, and the loss falls from 36 to 23.04.
(`14.800000190734863`: 14.8 is not exactly representable in float32, and `.item()` shows the
float32 value in full double precision.)

**Try it.** Run one more step (seed 004's next cell): the loss should be `14.7456...`.
"""),
    code("""
loss.backward()
w = torch.tensor([w.detach() - lr * w.grad], requires_grad=True)
b = torch.tensor([b.detach() - lr * b.grad], requires_grad=True)

pred = w*x1+b
loss = torch.pow(pred - true, 2)
print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
"""),
    md("""
**Check.** Each step multiplies the error `pred − true` by the same factor
`1 − lr · 2 · (x² + 1) = 0.8` (for one point, gradient descent is a geometric sequence):
"""),
    code("""
assert abs((pred.item() - 10) - 6 * 0.8**2) < 1e-5
"""),

    md("""
## Summary

- Gradient descent: `p ← p − lr · p.grad`, repeated. `backward()` supplies `p.grad`.
- The naive update `p = p - lr * p.grad` is recorded: `p` stops being a leaf and the graph
  grows. Get a fresh leaf with `detach().requires_grad_()` (new tensors each epoch, no
  zeroing), or update in place under `torch.no_grad()` and zero `.grad` yourself.
- Both give exactly seed 000's log: epoch 300 `loss=0.5062416791915894,
  param_w=4.625252723693848, param_b=7.377382755279541`.
- Read the loss curve on a log scale. The learning rate must stay below `2 / curvature`;
  the best one is usually just below that edge.

Next, notebook 09 replaces the update lines by `optim.SGD`, and finds out how
`optimizer.step()` knows about the loss without ever being given it.

## Exercises

Open [`../exercises/08_gradient_descent_by_hand.ipynb`](../exercises/08_gradient_descent_by_hand.ipynb):
write the gradient-descent loop for linear regression and reach seed 000's epoch-300 numbers.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="cell")
