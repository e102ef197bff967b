"""Write course/05_no_grad_and_detach.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_05.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace course/05_no_grad_and_detach.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "05_no_grad_and_detach.ipynb"


CELLS = [
    md("""
# 05 · `no_grad()` and `detach()`: switching the recording off

Notebooks 02 to 04 were about recording operations so that gradients can flow back. But
some computations must *not* be recorded: evaluating a model, and above all updating its
parameters. This notebook shows the two tools for that, and the pitfalls around them.

**You will learn to**

1. evaluate without building a graph, using `with torch.no_grad()`;
2. update a parameter in place, and explain the "leaf Variable ... in-place operation" error;
3. tell `detach()` from `no_grad()`, and write the `detach().requires_grad_()` update loop;
4. avoid shared-memory surprises of `.numpy()` and `detach()`, using `clone()`;
5. read the "modified by an inplace operation" error and choose the right tool from a table.

As always, `import minigrad as torch`; the same code runs with `import torch`.
"""),
    code("""
import numpy as np

import minigrad as torch

torch.manual_seed(0)
np.random.seed(42)
"""),
    md("""
Seed 000's data and parameters (the seed's code forgets `+ b` in `y_array`, but its printed
numbers include it), and one backward pass, so that the parameters have a gradient:
"""),
    code("""
x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = 4.5 * x_array + 7.0 + np.random.normal(size=x_array.shape[0])
x = torch.tensor(x_array).float()
y = torch.tensor(y_array).float()

param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
loss = torch.mean((param_w * x + param_b - y) ** 2)
loss.backward()
param_w.grad, param_b.grad
"""),

    md("""
## `no_grad()`: compute without recording

Inside `with torch.no_grad():` the global *grad mode* is off: operations compute as usual,
but nothing is recorded: no `grad_fn`, no saved tensors, so less memory and no graph to free.
Use it whenever you will not call `backward()`: evaluation, metrics, plotting.

**Predict, then run.** Inside the block, is `param_w.requires_grad` still `True`? And `y_p.requires_grad`?
"""),
    code("""
with torch.no_grad():
    print(param_w.requires_grad, param_b.requires_grad)

    y_p = param_w * x + param_b
    print(y_p, y_p.requires_grad, y_p.grad)

    loss = torch.mean((y_p - y) ** 2)
    print(loss, loss.requires_grad, loss.grad)
"""),
    md("""
The flag on `param_w` is a property of the *tensor* ("I want gradients") and does not change.
The mode is a property of the *code block* ("record nothing here"), so the *results* come out
without history. The mode is restored on exit, even after an exception, and blocks nest:
"""),
    code("""
print("outside:", torch.is_grad_enabled())
with torch.no_grad():
    print("in no_grad:", torch.is_grad_enabled())
    with torch.enable_grad():
        print("in enable_grad inside no_grad:", torch.is_grad_enabled())
    print("back in no_grad:", torch.is_grad_enabled())
print("outside again:", torch.is_grad_enabled())
"""),
    code("""
# Try it: compute param_w * 2 inside and outside no_grad(). Which one has a grad_fn?
with torch.no_grad():
    inside = param_w * 2
inside.grad_fn, (param_w * 2).grad_fn.name()
"""),
    code("""
# Check
with torch.no_grad():
    assert not (param_w * x).requires_grad and param_w.requires_grad
assert torch.is_grad_enabled()
print("Check passed.")
"""),

    md("""
## Updating a parameter in place

A gradient-descent step changes a parameter: $w \\leftarrow w - \\eta\\, \\partial L/\\partial w$.
Seed 003 tries it directly on a leaf (and writes `+=`, which would be gradient *ascent*; the
article's training loop correctly uses `-=`).

**Predict, then run.** What does `w -= lr * w.grad` do on a leaf that requires grad?
"""),
    code("""
w = torch.tensor(1.0, requires_grad=True)
(w * 3).backward()
try:
    w -= 0.1 * w.grad
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
Why refuse? With recording on, an in-place op would become part of the graph: `w` would turn
into the *result* of a subtraction, a non-leaf whose history is "old w minus something". The
parameter you created, the one that collects gradients, would no longer exist as a leaf.
PyTorch refuses instead of silently breaking your model.

What we mean is not a differentiable operation at all, just "overwrite the numbers". That is
exactly what `no_grad()` says. This is what `optimizer.step()` does inside:
"""),
    code("""
lr = 0.1
with torch.no_grad():
    w -= lr * w.grad
w.grad = None            # and clear the gradient for the next step (notebook 04)
w, w.is_leaf
"""),
    code("""
# Try it: one full step on seed 000's model with lr = 0.01. Compare with the seed's 1.3389 / 0.2044.
with torch.no_grad():
    w_try = param_w.clone()
    w_try -= 0.01 * param_w.grad
w_try
"""),
    code("""
# Check: w moved from 1.0 by -0.1 * 3 and is still the same leaf
assert abs(w.item() - 0.7) < 1e-6 and w.is_leaf and w.requires_grad
print("Check passed.")
"""),

    md("""
## `detach()`: a tensor without history

`no_grad()` is a mode for a block of code. `detach()` acts on one tensor: it returns a new
tensor with the **same data** but no `grad_fn` and `requires_grad=False`, cut off from the graph.

Seed 000 first updates naively. The result *is* recorded: it has `grad_fn=<SubBackward0>`,
so it is no longer a leaf, and its `.grad` would stay `None` in the next backward pass.

**Predict, then run.** What do the naive update and the detached update print?
"""),
    code("""
learning_rate = 0.01
naive_w = param_w - param_w.grad * learning_rate
naive_b = param_b - param_b.grad * learning_rate
print(naive_w, naive_b)

new_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
new_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()
print(new_w, new_b)
"""),
    md("""
`detach()` cuts the history; `requires_grad_()` turns the result back into a trainable leaf.
(The seed prints `1.2309` and `0.0644` for the second line. That cannot come from this
code: the step is $1 + 0.01 \\cdot 33.8909 = 1.3389$, and the seed's own 300-epoch loop below,
whose first step is the same, confirms our numbers at every printed epoch.)

Putting it together, seed 000 trains with tensors alone:
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)

for epoch in range(1, 301):
    y_p = param_w * x + param_b
    loss = torch.mean((y_p - y) ** 2)
    loss.backward()

    param_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
    param_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()

    if epoch in (10, 20, 300):
        print(f"Epoch {epoch}: loss={loss.item()}, param_w={param_w.item()}, param_b={param_b.item()}")
"""),
    md("""
These are the seed's numbers. (Current PyTorch may print the epoch-10 loss as
`52.316429138183594`: a float32 mean summed in a different order; the parameters agree.)
Notice there is no `zero_grad()`: each step makes *new* leaves, whose `.grad` starts at `None`.

Compare the two styles: `no_grad()` + in-place keeps the *same* tensor objects (which an
optimizer holds on to), while `detach()` makes new ones. That is why `torch.optim` uses the first.
"""),
    code("""
# Try it: drop .requires_grad_() from the loop above. Where does it break, and with which error?
(param_w - 1).detach().requires_grad
"""),
    code("""
# Check: detach shares data but not history
d = param_w.detach()
assert d.grad_fn is None and not d.requires_grad and d.item() == param_w.item()
print("Check passed.")
"""),

    md("""
## `.numpy()` shares memory; `clone()` copies

For speed, `tensor.numpy()` copies nothing: the NumPy array and the tensor look at the same
memory (seed 003). Writing to one changes the other.

**Predict, then run.** After `v2[0] = 100`, what is `v1`?
"""),
    code("""
v1 = torch.tensor([1.0, 2.0])
v2 = v1.numpy()
v2[0] = 100
print("v1 =", v1)
print("v2 =", v2)
"""),
    code("""
v3 = v1.clone().numpy()     # clone() copies the data first
v3[0] = 300
print("v1 =", v1)
print("v2 =", v2)
print("v3 =", v3)
"""),
    md("""
A tensor that requires grad refuses `.numpy()`: NumPy cannot record operations, so whatever
you compute from the array would be silently cut from the graph. PyTorch makes you say so
with `detach()`, and `detach()` shares memory too:
"""),
    code("""
v4 = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    v4.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)

v6 = v4.detach().numpy()
v6[0] = 600
print("v4 =", v4)
print("v6 =", v6)
"""),
    md("""
**Predict, then run.** Which of `v7`, `v8`, `v9` change?
"""),
    code("""
v7 = torch.tensor([1.0, 2.0], requires_grad=True)
v8 = v7.detach().clone().numpy()
v9 = v7.detach().numpy().copy()
v8[0] = 800
v9[0] = 900
print("v7 =", v7)
print("v8 =", v8)
print("v9 =", v9)
"""),
    code("""
# Try it: does torch.tensor(v2) share memory with v2? Change v2 and look.
from_array = torch.tensor(v2)
v2[1] = -1
from_array
"""),
    code("""
# Check: a clone is independent, a detached view is not
a = torch.tensor([1.0, 2.0], requires_grad=True)
a.detach().numpy()[1] = 5
assert a[1].item() == 5
a.detach().clone().numpy()[1] = 7
assert a[1].item() == 5
print("Check passed.")
"""),

    md("""
## The saved-tensor version error

Shared memory has one more consequence. Backward needs the values saved in the forward pass
(notebook 04). If you change such a value in place before `backward()`, the gradient would
be computed from the wrong numbers. PyTorch detects it: every tensor has a **version counter**
`_version`, bumped by each in-place operation; each saved tensor remembers the version it
was saved at and backward compares them.

**Predict, then run.** `c = b * b` saves `b`. What happens if we then do `b.add_(1)`?
"""),
    code("""
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
c = b * b
print("version of b before add_:", b._version)
b.add_(1)
print("version of b after add_: ", b._version)
try:
    c.sum().backward()
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
The message names the culprit: a tensor of shape `[2]` that was saved at version 0 and is now
at version 1. The fix is to not modify saved values in place: write `b = b + 1` (a new
tensor) or `b.clone().add_(1)`. And the same check catches changes made through a detached view
or a `.numpy()` array, since they share the memory.
"""),
    code("""
# Try it: replace b.add_(1) by b = b + 1 and rerun. Does backward work, and what is a.grad?
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
c = b * b
b = b + 1
c.sum().backward()
a.grad
"""),
    code("""
# Check: d(sum((2a)^2))/da = 8a
assert torch.allclose(a.grad, 8 * a.detach())
print("Check passed.")
"""),

    md("""
## In place through a view

A slice like `b[0:2]` is a **view**: it shares `b`'s memory, so writing to the slice writes
into `b`. Autograd follows that too. A view of a leaf that requires grad is refused like the
leaf itself. A view of a computed tensor is allowed: `b` then gets a `CopySlices` node, which
sends the gradient of the two changed elements through the in-place op and the rest straight on.

**Predict, then run.** After `b = a * 2` and `b[0:2].mul_(3)`, what is `a.grad` for `b.sum()`?
"""),
    code("""
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
try:
    a[0:2].mul_(3)
except RuntimeError as error:
    print("RuntimeError:", error)
b = a * 2
b[0:2].mul_(3)
print(b.grad_fn)
b.sum().backward()
a.grad
"""),
    md("""
The first two elements were multiplied by 2, then by 3: their gradient is 6. The third only
by 2. The in-place write did not lose the history; `CopySlices` recorded it on `b`.
"""),
    code("""
# Try it: write into the middle element instead, with b[1].add_(10). What is a.grad now?
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a * 2
b[1].add_(10)
b.sum().backward()
a.grad
"""),
    code("""
# Check: adding a constant does not change the slope, so every element keeps gradient 2
assert a.grad.tolist() == [2.0, 2.0, 2.0]
print("Check passed.")
"""),

    md("""
## When to use which

| you want to ... | use | result |
| --- | --- | --- |
| evaluate, compute metrics, plot | `with torch.no_grad():` | nothing recorded in the block |
| update parameters in place | `with torch.no_grad(): p -= lr * p.grad` | same leaf, new values |
| one value without history (e.g. a target, a logged number) | `t.detach()` | shares memory, `requires_grad=False` |
| a new trainable leaf from a computation | `t.detach().requires_grad_()` | new leaf |
| an independent copy | `t.detach().clone()` | own memory, no history |
| a NumPy array of a tracked tensor | `t.detach().numpy()` (add `.copy()` to write to it) | shares memory |
| a Python number | `t.item()` | a copy |

## Summary

- `no_grad()` switches recording off for a block; tensors keep their `requires_grad` flag,
  results come out without `grad_fn`. The previous mode is restored on exit.
- In-place changes to a leaf that requires grad are refused while recording; under `no_grad()`
  they are plain updates: that is what an optimizer step is.
- `detach()` gives the same data without history; `.detach().requires_grad_()` makes a fresh leaf.
- `.numpy()` and `detach()` share memory; `clone()` copies.
- Modifying a value saved for backward in place raises a version-counter error instead of
  giving a wrong gradient.
- Writing in place through a view (a slice) is refused for views of leaves; on a computed
  tensor it is recorded (`CopySlices`), so the gradient stays right.

## Exercises

Build your own `no_grad`, write an in-place SGD step, and predict which snippets raise:
[`../exercises/05_no_grad_and_detach.ipynb`](../exercises/05_no_grad_and_detach.ipynb).
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="c05")
