"""Write course/04_gradient_accumulation.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_04.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace course/04_gradient_accumulation.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "04_gradient_accumulation.ipynb"


CELLS = [
    md("""
# 04 · Gradient accumulation: why `.grad` adds up

In notebook 03 you saw that every leaf ends in an `AccumulateGrad` node. The name is meant
literally: `backward()` **adds** into `.grad`, it never overwrites. This notebook shows the
effect, explains why it is the right design, and shows the bug you get when you forget it.

**You will learn to**

1. predict `.grad` after several `backward()` calls (seed 000: −33.8909 → −67.7818 → −101.6727);
2. explain why accumulating is useful: a tensor used twice, several losses, micro-batches;
3. reset gradients with `zero_grad()` or `grad = None`, and know the difference;
4. use `retain_graph=True`, and read the error you get without it;
5. recognise a training loop that forgets `zero_grad()` from its loss curve.

As always, `import minigrad as torch`; the same code runs with `import torch`.
"""),
    code("""
import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch

torch.manual_seed(0)
np.random.seed(42)
"""),
    md("""
Seed 000's data: points on the line $y = 4.5x + 7$ plus Gaussian noise. (The seed's code
writes `y_array = w * x_array + noise` and forgets `+ b`, but the numbers it prints, such as
`0.7467`, include the `+ 7.0`: we write the line in full.)
"""),
    code("""
w_true, b_true = 4.5, 7.0
x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = w_true * x_array + b_true + np.random.normal(size=x_array.shape[0])
x = torch.tensor(x_array).float()
y = torch.tensor(y_array).float()
y
"""),

    md("""
## Three backward passes

Seed 000 runs the forward pass and `backward()` three times with the same parameters
$w = 1, b = 0$. The parameters do not change, so each pass computes the same gradient.

**Predict, then run.** What do `param_w.grad` and `param_b.grad` print on each of the three lines?
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)

for i in range(3):
    y_p = param_w * x + param_b
    loss = torch.mean((y_p - y) ** 2)
    loss.backward()
    print(param_w.grad, param_b.grad)
"""),
    md("""
The gradient is −33.8909 every time, and `.grad` holds the running *sum*: 1×, 2×, 3×.
(In the seed these lines come right after an earlier `loss.backward()`; run in that order
they would start at −67.7818. The seed's output is what you get from fresh parameters, as here.)
"""),
    code("""
# Try it: run the loop 5 times instead of 3. What does the last line say?
param_w.grad / 3
"""),
    code("""
# Check: three passes hold three times one pass
one_pass = torch.tensor([1.0], requires_grad=True)
torch.mean((one_pass * x + param_b.detach() - y) ** 2).backward()
assert torch.allclose(param_w.grad, 3 * one_pass.grad)
print("Check passed.")
"""),

    md("""
## Why accumulate? Because a gradient is a sum

The gradient of a sum is the sum of the gradients. PyTorch relies on that in three places:

1. **A tensor used twice** in one graph gets a contribution from each use; the engine adds them.
2. **Several losses**: `loss1.backward(); loss2.backward()` gives the gradient of `loss1 + loss2`.
3. **Micro-batches**: when a batch does not fit in memory, split it, call `backward()` on each
   piece, and the pieces add up to the gradient of the whole batch.

Only you know when all the pieces are in. So `backward()` adds, and *you* decide when to start
over. Here is case 3 on seed 000's 7 points, split into 4 + 3. The full loss is a mean over
7 points, so each piece is `sum over the piece / 7`.

**Predict, then run.** Will the accumulated gradient equal the full-batch −33.8909 and −20.4400?
"""),
    code("""
w = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)
for piece in (slice(0, 4), slice(4, 7)):
    piece_loss = ((w * x[piece] + b - y[piece]) ** 2).sum() / len(x)
    piece_loss.backward()
w.grad, b.grad
"""),
    md("""
Yes, up to float32 rounding. Note the `/ len(x)`: if each piece took its own mean, the pieces
would be weighted equally (4 points count as much as 3), and the sum would be wrong by a
factor of about 2. Case 2, several losses, works the same way:
"""),
    code("""
t = torch.tensor(2.0, requires_grad=True)
(t ** 2).backward()        # d/dt t² = 2t = 4
(3 * t).backward()         # d/dt 3t = 3
t.grad                     # = d/dt (t² + 3t) = 7
"""),
    code("""
# Try it: split the batch into 7 pieces of one point each. Do you still get the full gradient?
w.grad = None
for i in range(len(x)):
    ((w * x[i] + b - y[i]) ** 2 / len(x)).backward()
w.grad
"""),
    code("""
# Check: two pieces add up to the full batch
full_w = torch.tensor([1.0], requires_grad=True)
torch.mean((full_w * x - y) ** 2).backward()
assert torch.allclose(w.grad, full_w.grad, atol=1e-4)
print("Check passed.")
"""),

    md("""
## Starting over: `zero_grad()` and `grad = None`

Two ways to clear a gradient:

- `p.grad.zero_()` fills the existing tensor with zeros (it stays allocated);
- `p.grad = None` drops it; the next `backward()` simply *stores* instead of adding,
  which saves memory and one addition.

`optimizer.zero_grad()` does this for every parameter it holds; since PyTorch 2.0 it sets
them to `None` by default (`set_to_none=True`).

The seed zeroes with `if param_w.grad: param_w.grad.zero_()`. That works here only by luck:
`if tensor` asks "is this one number non-zero?", so it skips zeroing when the gradient happens
to be exactly 0, and raises for a tensor with several entries. Test `is not None` instead.
"""),
    code("""
try:
    if torch.tensor([1.0, 2.0]):
        pass
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
for i in range(3):
    if param_w.grad is not None:
        param_w.grad.zero_()
    if param_b.grad is not None:
        param_b.grad.zero_()
    y_p = param_w * x + param_b
    loss = torch.mean((y_p - y) ** 2)
    loss.backward()
    print(param_w.grad, param_b.grad)
"""),
    md("""
**Predict, then run.** After `optimizer.zero_grad()`, is `param_w.grad` a tensor of zeros, or `None`?
"""),
    code("""
optimizer = torch.optim.SGD([param_w, param_b], lr=0.01)
optimizer.zero_grad()
param_w.grad, param_b.grad
"""),
    code("""
# Try it: what does optimizer.zero_grad(set_to_none=False) leave behind?
loss = torch.mean((param_w * x + param_b - y) ** 2)
loss.backward()
optimizer.zero_grad(set_to_none=False)
param_w.grad
"""),
    code("""
# Check
optimizer.zero_grad()
assert param_w.grad is None and param_b.grad is None
print("Check passed.")
"""),

    md("""
## `retain_graph`: a graph is used once

During the forward pass each node saves what its backward needs: `PowBackward0` keeps
`y_p - y`, `MulBackward0` keeps `x`. Once `backward()` has used them it frees them: in a
large network these saved tensors are most of the memory. So a second `backward()` through
the same graph has nothing to work with.

**Predict, then run.** What happens on the second `loss.backward()`?
"""),
    code("""
param_w.grad = None
loss = torch.mean((param_w * x + param_b - y) ** 2)
loss.backward()
try:
    loss.backward()
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
Usually the fix is *not* `retain_graph`: run the forward pass again (as the loops above do),
which builds a fresh graph. Keep the graph only when you really need two backward passes
through the same one, as seed 004 does with `autograd.grad(..., retain_graph=True)` for
four parameters. Then accumulation shows up again:
"""),
    code("""
param_w.grad = None
loss = torch.mean((param_w * x + param_b - y) ** 2)
loss.backward(retain_graph=True)
loss.backward()
param_w.grad
"""),
    md("""
A graph whose nodes saved nothing can even be walked twice without `retain_graph`: `x + 1`
needs no saved values for its backward (the gradient of a sum is passed through unchanged).
"""),
    code("""
# Try it: does a second backward through (t + 1) raise? And through (t * t)?
t = torch.tensor(2.0, requires_grad=True)
s = t + 1
s.backward()
s.backward()
t.grad
"""),
    code("""
# Check: retain_graph twice gives twice one gradient
assert torch.allclose(param_w.grad, torch.tensor([-67.7818]), atol=1e-3)
print("Check passed.")
"""),

    md("""
## The bug: a training loop without `zero_grad()`

Now the consequence. We train $w, b$ on seed 000's data with plain gradient descent, once
correctly and once forgetting to clear the gradients. In the buggy loop, step $k$ uses the
sum of *all* gradients so far: old directions keep pushing long after they stopped being right.

**Predict, then run.** Will the buggy loop still reach a small loss? Sketch its curve.
"""),
    code("""
def train(forget_zero_grad, epochs=100, lr=0.01):
    w = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([0.0], requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for epoch in range(epochs):
        if not forget_zero_grad:
            optimizer.zero_grad()
        loss = torch.mean((w * x + b - y) ** 2)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses

good, buggy = train(forget_zero_grad=False), train(forget_zero_grad=True)
plt.figure(figsize=(5, 3), dpi=80)
plt.semilogy(good, label="with zero_grad()")
plt.semilogy(buggy, label="zero_grad() forgotten")
plt.xlabel("epoch")
plt.ylabel("MSE loss (log scale)")
plt.legend(fontsize=8)
plt.tight_layout()
plt.show()
"""),
    code("""
print(f"final loss with zero_grad: {good[-1]:.4f}   without: {buggy[-1]:.4f}")
"""),
    md("""
The buggy loop behaves like gradient descent with a huge, never-decaying momentum: it shoots
past the minimum and swings around it instead of settling. Nothing crashes, and the loss even
goes down at first, which is what makes this bug easy to miss.
"""),
    code("""
# Try it: make the buggy loop converge by making lr 10 times smaller. Is it fixed, or just slower?
train(forget_zero_grad=True, lr=0.001)[-1]
"""),
    code("""
# Check: the correct loop ends far below the buggy one
assert good[-1] < buggy[-1]
print("Check passed.")
"""),

    md("""
## Summary

- `backward()` **adds** into `.grad`: three passes give three times the gradient.
- That is by design: a gradient is a sum, so PyTorch can add up uses of a tensor, several losses,
  or micro-batches (scale each piece by its share of the batch).
- Clear gradients yourself: `optimizer.zero_grad()` (sets `None` by default) or `p.grad = None`;
  test `p.grad is not None`, never `if p.grad:`.
- A graph frees its saved tensors after one backward pass; rebuild it with a new forward pass,
  or pass `retain_graph=True` when you really need it twice.
- Forgetting `zero_grad()` does not crash: the loss just behaves strangely.

Notebook 05 turns recording off: `no_grad()` and `detach()`.

## Exercises

Write an `AccumulateGrad` of your own, fix a training loop, and get the full-batch gradient
from micro-batches: [`../exercises/04_gradient_accumulation.ipynb`](../exercises/04_gradient_accumulation.ipynb).
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="c04")
