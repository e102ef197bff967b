"""Write course/02_requires_grad_and_backward.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_02.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace course/02_requires_grad_and_backward.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "02_requires_grad_and_backward.ipynb"


CELLS = [
    md("""
# 02 · `requires_grad` and `backward()`: where gradients come from

In notebook 01 you watched a model learn. Now we open the box: which tensors get a gradient,
who computes it, and where it is stored. Every claim below comes with an experiment you run.

**You will learn to**

1. mark the tensors you want gradients for with `requires_grad=True`, and tell leaves from the rest;
2. call `backward()` and check the `.grad` it fills against a derivative you work out by hand;
3. explain why `backward()` wants a scalar, and what its `gradient=` argument means (a vector-Jacobian product);
4. explain why `.grad` of an intermediate tensor is `None`, and use `retain_grad()` when you need it.

We write `import minigrad as torch`: every line of this notebook runs unchanged with
`import torch` and prints the same numbers.
"""),
    code("""
import warnings

import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch

torch.manual_seed(0)
np.random.seed(0)
"""),

    md("""
## Tensors that want gradients

A tensor created by you is a **leaf**. By default PyTorch does not track it: most tensors
(data, labels, constants) never need a gradient, and tracking costs memory. You opt in with
`requires_grad=True`, usually for the parameters you want to train.

The flag is contagious: a result requires grad if *any* of its inputs does, because a gradient
has to flow back *through* that result to reach the leaf. Such a result also gets a `grad_fn`,
the recipe for sending gradients back (notebook 03 looks inside it).
"""),
    code("""
x = torch.tensor([1.0, 2.0], requires_grad=True)
c = torch.tensor([3.0, 4.0])          # data: no gradient wanted
x.requires_grad, c.requires_grad
"""),
    md("""
**Predict, then run.** Write down, for `c * 2`, `x * c` and `x * 0`: does the result require
grad, and does it have a `grad_fn`? (Careful with the last one.)
"""),
    code("""
for name, t in [("c * 2", c * 2), ("x * c", x * c), ("x * 0", x * 0)]:
    print(f"{name:6}  requires_grad={t.requires_grad!s:5}  grad_fn={t.grad_fn and t.grad_fn.name()}")
"""),
    md("""
`x * 0` is all zeros, yet it still requires grad: autograd looks at *where a tensor came
from*, never at its values.
"""),
    code("""
# Try it: is (c + 1) * x recorded? And (c + 1).sum()? Change the expression and rerun.
((c + 1) * x).requires_grad
"""),
    code("""
# Check
assert (x * c).requires_grad and not (c * 2).requires_grad
assert (c * 2).grad_fn is None and (x * c).grad_fn is not None
print("Check passed.")
"""),

    md("""
## `backward()` fills `.grad`

Seed 001 takes

$$f(\\mathbf{x}) = 2x_0^2 + x_1^2 + 2x_0 + x_1, \\qquad
\\nabla f = \\left[\\frac{\\partial f}{\\partial x_0}, \\frac{\\partial f}{\\partial x_1}\\right]
= [4x_0 + 2,\\; 2x_1 + 1].$$

At $(x_0, x_1) = (1, 2)$ that is $f = 10$ and $\\nabla f = [6, 5]$. Computing `f` records a
graph; `f.backward()` walks it backwards and stores $\\partial f / \\partial x$ in `x.grad`.
"""),
    code("""
x = torch.tensor([1.0, 2.0], requires_grad=True)
f = 2 * x[0] ** 2 + x[1] ** 2 + 2 * x[0] + x[1]
f
"""),
    md("""
**Predict, then run.** What is `x.grad` *before* `backward()`? And after?
"""),
    code("""
print("before:", x.grad)
f.backward()
print("after: ", x.grad)
"""),
    md("""
Before `backward()` there is no gradient at all (`None`, not zeros): nothing has been
computed yet. Let us check the result two independent ways: the hand derivative, and a
finite difference $\\frac{f(x + h e_i) - f(x - h e_i)}{2h}$ that knows nothing about autograd.
"""),
    code("""
def f_of(v):
    return 2 * v[0] ** 2 + v[1] ** 2 + 2 * v[0] + v[1]

point = np.array([1.0, 2.0])
by_hand = np.array([4 * point[0] + 2, 2 * point[1] + 1])
h = 1e-5
by_differences = np.array([(f_of(point + h * e) - f_of(point - h * e)) / (2 * h) for e in np.eye(2)])
by_hand, by_differences.round(6)
"""),
    code("""
# Try it: move the point to (-0.5, 0.0). Which component of the gradient vanishes, and why?
x = torch.tensor([-0.5, 0.0], requires_grad=True)
(2 * x[0] ** 2 + x[1] ** 2 + 2 * x[0] + x[1]).backward()
x.grad
"""),
    code("""
# Check
x = torch.tensor([1.0, 2.0], requires_grad=True)
f = 2 * x[0] ** 2 + x[1] ** 2 + 2 * x[0] + x[1]
f.backward()
assert np.allclose(x.grad.numpy(), by_hand) and np.allclose(x.grad.numpy(), by_differences)
print("Check passed.")
"""),

    md("""
## Step by step: `mean(3(x + 2)²)`

Seed 002 follows PyTorch's own tutorial (written when tensors were wrapped in `Variable`;
since PyTorch 0.4 a tensor *is* the variable, so `requires_grad=True` goes straight on it):
"""),
    code("""
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
z, out
"""),
    md("""
By hand: $out = \\frac{1}{4}\\sum_i z_i$ with $z_i = 3(x_i + 2)^2$. The chain rule gives

$$\\frac{\\partial out}{\\partial x_i} = \\underbrace{\\tfrac{1}{4}}_{\\text{mean}}
\\cdot \\underbrace{3 \\cdot 2\\,(x_i + 2)}_{\\partial z_i / \\partial y_i}
\\cdot \\underbrace{1}_{\\partial y_i / \\partial x_i} = \\tfrac{3}{2}(x_i + 2).$$

Each $x_i$ only touches its own $z_i$, so the other terms of the mean contribute nothing.

**Predict, then run.** All $x_i = 1$. Write down the four entries of `x.grad`.
"""),
    code("""
out.backward()
x.grad
"""),
    md("""
$\\frac{3}{2}(1 + 2) = 4.5$ everywhere. A gradient entry is a *slope*: if we move one entry,
$x_{00}$, and keep the others at 1, `out` changes at rate 4.5. The picture shows `out` as a
function of $x_{00}$ and the tangent line with slope `x.grad[0, 0]`.
"""),
    code("""
ts = np.linspace(-3, 3, 61)
outs = []
for t in ts:
    x_moved = torch.ones(2, 2)
    x_moved[0, 0] = float(t)
    outs.append((3 * (x_moved + 2) ** 2).mean().item())

slope = x.grad[0, 0].item()
plt.figure(figsize=(5, 3), dpi=80)
plt.plot(ts, outs, label="out as a function of x[0, 0]")
plt.plot(ts, out.item() + slope * (ts - 1), "--", label=f"tangent at 1, slope {slope}")
plt.scatter([1], [out.item()], color="black", zorder=3)
plt.xlabel("x[0, 0]  (other entries fixed at 1)")
plt.ylabel("out")
plt.legend(fontsize=8)
plt.tight_layout()
plt.show()
"""),
    code("""
# Try it: start from x = torch.zeros(2, 2, requires_grad=True). What should x.grad be now?
x0 = torch.zeros(2, 2, requires_grad=True)
(3 * (x0 + 2) ** 2).mean().backward()
x0.grad
"""),
    code("""
# Check: the formula 3/2 (x + 2) against autograd, at a random point
x = torch.randn(2, 2, requires_grad=True)
(3 * (x + 2) ** 2).mean().backward()
assert np.allclose(x.grad.numpy(), 1.5 * (x.detach().numpy() + 2), atol=1e-6)
print("Check passed.")
"""),

    md("""
## Why `backward()` wants a scalar

`.grad` always has the shape of its leaf: one number per entry, "how much does *the* output
change if this entry moves". That question only has one answer when there is one output.
For a vector output $z \\in \\mathbb{R}^m$ of $x \\in \\mathbb{R}^n$ the full derivative is the
$m \\times n$ **Jacobian** $J$, which does not fit in `x.grad`.

**Predict, then run.** `z = 2 * x` has two entries. What happens on `z.backward()`?
"""),
    code("""
x = torch.tensor([1.0, 2.0], requires_grad=True)
z = 2 * x
try:
    z.backward()
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
What backward really computes is a **vector-Jacobian product**: given a vector $v$ with the
shape of the output, it returns $v^\\top J$, the gradient of the scalar $\\sum_i v_i z_i$.
For a scalar loss $v = 1$ is the obvious choice, so PyTorch creates it implicitly ("grad can
be implicitly created only for scalar outputs"). For anything else you pass $v$ yourself as
`gradient=`. Why not compute $J$ instead? For a network with a million parameters and one loss,
$v^\\top J$ costs about as much as the forward pass, while $J$ would need one backward pass
per output.

**Predict, then run.** For `z = 2 * x`, what do `gradient=[1., 1.]` and `gradient=[1., 0.]` give?
"""),
    code("""
for v in ([1.0, 1.0], [1.0, 0.0]):
    x.grad = None                      # start from no gradient (notebook 04 explains why)
    z = 2 * x
    z.backward(gradient=torch.tensor(v))
    print(f"v = {v}  ->  x.grad = {x.grad}")
"""),
    md("""
A one-hot $v = e_i$ picks out row $i$ of $J$. So one backward per output rebuilds the whole
Jacobian, row by row. Take $z = [x_0 x_1,\\; x_1 x_2,\\; x_0 + x_2]$ at $x = (1, 2, 3)$:
"""),
    code("""
def three_outputs(x):
    return torch.stack([x[0] * x[1], x[1] * x[2], x[0] + x[2]])

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
rows = []
for i in range(3):
    x.grad = None
    three_outputs(x).backward(gradient=torch.eye(3)[i])
    rows.append(x.grad.numpy())
J = np.stack(rows)
J
"""),
    code("""
v = np.array([1.0, -1.0, 2.0])
x.grad = None
three_outputs(x).backward(gradient=torch.tensor(v, dtype=torch.float32))

fig, axes = plt.subplots(1, 3, figsize=(7, 2.4), dpi=80, gridspec_kw={"width_ratios": [1, 3, 3]})
panels = [(v[:, None], "v (one weight per output)"), (J, "J (row i = grad of z_i)"),
          (x.grad.numpy()[None, :], "vᵀJ = x.grad")]
for ax, (matrix, title) in zip(axes, panels):
    ax.imshow(matrix, cmap="coolwarm", vmin=-6, vmax=6)
    for (r, col), value in np.ndenumerate(matrix):
        ax.text(col, r, f"{value:g}", ha="center", va="center")
    ax.set_title(title, fontsize=9)
    ax.set_xticks(range(matrix.shape[1]))
    ax.set_yticks(range(matrix.shape[0]))
axes[0].set_ylabel("output index i")
axes[1].set_xlabel("input index j")
plt.tight_layout()
plt.show()
"""),
    md("""
Row 0 of $J$ is $[x_1, x_0, 0] = [2, 1, 0]$, row 1 is $[0, x_2, x_1] = [0, 3, 2]$, row 2 is
$[1, 0, 1]$. The weighted sum of the rows, $1 \\cdot [2,1,0] - 1 \\cdot [0,3,2] + 2 \\cdot [1,0,1]$,
is the gradient backward returned.
"""),
    code("""
# Try it: which v makes z.backward(gradient=v) give the same x.grad as z.sum().backward()?
v_try = torch.tensor([1.0, 1.0, 1.0])
x.grad = None
three_outputs(x).backward(gradient=v_try)
x.grad
"""),
    code("""
# Check: backward with gradient=v is v @ J
assert np.allclose(x.grad.numpy(), np.ones(3) @ J)
print("Check passed.")
"""),

    md("""
## Leaves, non-leaves and `retain_grad()`

A **leaf** is a tensor that no recorded operation produced: the ones you created. Results of
recorded operations are **non-leaves**; their `grad_fn` says where they came from. (A tensor
with `requires_grad=False` is a leaf too, by convention: it has no history.)

**Predict, then run.** Which of these are leaves?
"""),
    code("""
x = torch.tensor(1.0, requires_grad=True)
candidates = {
    "torch.tensor(2.0)": torch.tensor(2.0),
    "x": x,
    "x ** 2": x ** 2,
    "(x ** 2).detach()": (x ** 2).detach(),
}
{name: t.is_leaf for name, t in candidates.items()}
"""),
    md("""
`backward()` stores gradients only in leaves that require grad. Those are what you update;
an intermediate gradient is needed only for an instant, to pass it on. Keeping every one of
them would double the memory of a network. Seed 001: $y = x^2$, $z = y^2$ at $x = 1$.

**Predict, then run.** What are `y.grad` and `x.grad` after `z.backward()`?
"""),
    code("""
x = torch.tensor(1.0, requires_grad=True)
y = x ** 2
z = y ** 2
z.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("y.grad:", y.grad, "  x.grad:", x.grad)
print("warning:", str(caught[0].message).split(". ")[0])
"""),
    md("""
$x$ got $dz/dx = 4x^3 = 4$; $y$ got nothing, and PyTorch warns you, because reading `.grad`
of a non-leaf is almost always a mistake. If you *do* want it (to inspect or debug), ask
before the backward pass with `retain_grad()`: $dz/dy = 2y = 2$.
"""),
    code("""
x = torch.tensor(1.0, requires_grad=True)
y = x ** 2
z = y ** 2
y.retain_grad()
z.backward()
y.grad, x.grad
"""),
    code("""
# Try it: also call z.retain_grad() before backward. What is z.grad, and why is it 1?
x = torch.tensor(1.0, requires_grad=True)
y = x ** 2
z = y ** 2
z.retain_grad()
z.backward()
z.grad
"""),
    code("""
# Check
assert x.is_leaf and not y.is_leaf and y.grad_fn.name() == "PowBackward0"
assert x.grad.item() == 4.0
print("Check passed.")
"""),

    md("""
## Summary

- Only tensors you mark with `requires_grad=True` are tracked; the flag spreads to every
  result computed from them, whatever the values.
- `loss.backward()` computes $\\partial\\,loss / \\partial\\,leaf$ and stores it in each leaf's
  `.grad` (which is `None` until then). Check it against a hand derivative or a finite difference.
- `backward()` computes a vector-Jacobian product $v^\\top J$. For a scalar $v = 1$ is implied;
  for a non-scalar output you pass `gradient=v`, or reduce to a scalar first.
- Only leaves keep their gradient; `retain_grad()` keeps one for an intermediate tensor.

Next, notebook 03 opens `grad_fn` and walks the graph that `backward()` follows.

## Exercises

Write the backward of `Mul`, `Div` and `Pow` yourself, broadcasting included, and compute a
vector-Jacobian product by hand: [`../exercises/02_requires_grad_and_backward.ipynb`](../exercises/02_requires_grad_and_backward.ipynb).
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="c02")
