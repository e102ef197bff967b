"""Write course/06_higher_order_derivatives.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_06.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False course/06_higher_order_derivatives.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "06_higher_order_derivatives.ipynb"


CELLS = [
    md("""
# 06 · Higher-order derivatives

In notebook 05 you learned to switch gradient recording *off*. Here we switch it on somewhere
new: inside the backward pass itself. If backward is recorded, its result is an ordinary
tensor with a `grad_fn`, and you can differentiate it again: second, third, n-th derivatives,
with the same engine.

**You will learn to**

1. compute a gradient as a value with `torch.autograd.grad`, without touching `.grad`;
2. explain what `create_graph=True` records, and why the default does not;
3. reproduce seed 004's 17 → 14 → 6 and the exp / sin derivative towers;
4. use a second derivative for something useful: Newton's method;
5. read (and avoid) the `allow_unused` error.

As everywhere in this course, `import minigrad as torch`: the same code runs unchanged with
`import torch` and prints the same numbers.
"""),
    code("""
import math

import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch

np.random.seed(0)
_ = torch.manual_seed(0)
"""),

    md("""
## `autograd.grad`: a gradient you can hold

`y.backward()` *adds* the gradient into `x.grad` of every leaf. `torch.autograd.grad(y, x)`
instead **returns** it, as a tuple with one entry per input, and leaves `x.grad` alone. That
makes it the natural tool when the gradient is an intermediate value rather than the end of
the story.

Seed 004 starts with the simplest case, `y = 2x`.

**Predict, then run.** What does `grad(y, x)` return at `x = 1`? And at `x = 3`?
"""),
    code("""
x = torch.tensor([1.], requires_grad=True)
y = x * 2
print(torch.autograd.grad(y, x))

x = torch.tensor([3.], requires_grad=True)
y = x * 2
print(torch.autograd.grad(y, x))
x.grad
"""),
    md("""
Both are `(tensor([2.]),)`: the slope of a line does not depend on where you stand. The last
line shows `x.grad` is still `None` (Jupyter prints nothing for `None`): `grad` did not write
anywhere.

**Try it.** Replace `y = x * 2` by `y = x**2 + x*2 + 2` and check that you get `8.` at
`x = 3` (seed 004's next example).
"""),
    code("""
x = torch.tensor([3.], requires_grad=True)
y = x**2 + x*2 + 2
torch.autograd.grad(y, x)
"""),
    md("**Check.** `grad` returns a tuple and leaves `.grad` untouched:"),
    code("""
(dy,) = torch.autograd.grad(x**2, x)
assert dy.item() == 6.0 and x.grad is None
"""),

    md("""
## Why the first gradient is a dead end

By default the backward pass runs with grad mode **off**: it computes numbers, but records
nothing. The gradient it returns is therefore a plain tensor with no history, and there is
nothing to differentiate a second time.

**Predict, then run.** `dy` below is `3x² + 2x + 1` at `x = 2`, i.e. 17. Does it have a
`grad_fn`? What happens if we ask for its gradient?
"""),
    code("""
x = torch.tensor([2.], requires_grad=True)
y = x**3 + x**2 + x + 1
(dy,) = torch.autograd.grad(y, x)
print(dy, dy.requires_grad)
try:
    torch.autograd.grad(dy, x)
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
`tensor([17.])`, with no `grad_fn`: as far as autograd knows, 17 is a constant. This default
is deliberate. Recording the backward pass costs memory and time, and training only ever
needs first derivatives.
"""),

    md("""
## `create_graph=True`: record the backward pass

With `create_graph=True` the engine runs each node's backward **with grad mode on**. Every
backward in minigrad is written with minigrad ops (`grad * 3 * x**2`, ...), so those ops are
recorded like any forward computation, and the result gets a `grad_fn`.

This is seed 004's cell. **Predict, then run.** For `y = x³ + x² + x + 1` at `x = 2`,
write down `y'`, `y''` and `y'''` first.
"""),
    code("""
x = torch.tensor([2.], requires_grad=True)

y = x**3 + x**2 + x + 1

dy = torch.autograd.grad(y, x, create_graph=True)  # 3x**2 + 2x + 1 at x=2
print(dy)

ddy = torch.autograd.grad(dy[0], x, create_graph=True)  # 6x + 2
print(ddy)

ddd = torch.autograd.grad(ddy[0], x)  # 6
print(ddd)
"""),
    md("""
17, 14, 6, exactly as in seed 004. The first two results carry `grad_fn=<AddBackward0>`:
they are the last op of a *recorded* backward pass (the sum of the three terms' gradients).
The third was computed without `create_graph`, so it is a constant again.

**Try it.** Ask for a fourth derivative. Keep `create_graph=True` on the third call so there
is a graph to differentiate; `6` does not depend on `x`, so what do you expect?
"""),
    code("""
x = torch.tensor([2.], requires_grad=True)
y = x**3 + x**2 + x + 1
d1, = torch.autograd.grad(y, x, create_graph=True)
d2, = torch.autograd.grad(d1, x, create_graph=True)
d3, = torch.autograd.grad(d2, x, create_graph=True)
torch.autograd.grad(d3, x)
"""),
    md("**Check.** The tower of derivatives matches the hand-computed polynomial:"),
    code("""
def tower(x0, order):
    \"\"\"[f(x0), f'(x0), ..., f^(order)(x0)] for f = x³ + x² + x + 1, via autograd.grad.\"\"\"
    x = torch.tensor([x0], requires_grad=True)
    values = [x**3 + x**2 + x + 1]
    for _ in range(order):
        values.append(torch.autograd.grad(values[-1], x, create_graph=True)[0])
    return [v.item() for v in values]

assert tower(2.0, 3) == [15.0, 17.0, 14.0, 6.0]
assert tower(-1.0, 3) == [0.0, 2.0, -4.0, 6.0]
"""),

    md("""
## Towers for `exp` and `sin`

Seed 004 continues with two functions whose derivatives cycle. `exp` is its own derivative;
`sin → cos → -sin → -cos`.

**Predict, then run.** At `x = 1`, what are the four numbers printed for `exp`? At
`x = 3.141` (almost π), what are `sin`, `cos`, `-sin` and `-cos`, to four decimals?
"""),
    code("""
print("exp")
x = torch.tensor([1.], requires_grad=True)
y = torch.exp(x)  # e^x
dy = torch.autograd.grad(y, x, create_graph=True)  # e^x
ddy = torch.autograd.grad(dy[0], x, create_graph=True)  # e^x
ddd = torch.autograd.grad(ddy[0], x)  # e^x
print(y); print(dy); print(ddy); print(ddd)

print("\\nsin")
x = torch.tensor([3.141], requires_grad=True)
y = torch.sin(x)  # sin(x)
dy = torch.autograd.grad(y, x, create_graph=True)  # cos(x)
ddy = torch.autograd.grad(dy[0], x, create_graph=True)  # -sin(x)
ddd = torch.autograd.grad(ddy[0], x)  # -cos(x)
print(y); print(dy); print(ddy); print(ddd)
"""),
    md("""
`2.7183` four times, and `0.0006, -1.0000, -0.0006, 1.0000`: `3.141` is a little short of π,
so `sin` is a little positive. (Seed 004 was written with an older PyTorch, which named the
first node `ExpBackward`; today it is `ExpBackward0`.)

Notice the `grad_fn` of the derivatives: `MulBackward0`. The backward of `exp` is
`grad * exp(x)` and the backward of `sin` is `grad * cos(x)`: a multiplication, recorded.

**Try it.** Do the same for `torch.cos` at `x = 0`. Which of the four values are zero?
"""),
    code("""
x = torch.tensor([0.], requires_grad=True)
y = torch.cos(x)
d1, = torch.autograd.grad(y, x, create_graph=True)
d2, = torch.autograd.grad(d1, x, create_graph=True)
d3, = torch.autograd.grad(d2, x)
y, d1, d2, d3
"""),
    md("**Check.** The `sin` tower follows the cycle, at any point:"),
    code("""
x0 = 0.7
x = torch.tensor(x0, requires_grad=True)
d1, = torch.autograd.grad(torch.sin(x), x, create_graph=True)
d2, = torch.autograd.grad(d1, x, create_graph=True)
d3, = torch.autograd.grad(d2, x)
expected = [math.cos(x0), -math.sin(x0), -math.cos(x0)]
assert np.allclose([d1.item(), d2.item(), d3.item()], expected, atol=1e-6)
"""),

    md("""
## Second derivative with `backward()` (seed 001)

You can mix the two tools: take the first derivative with `grad(..., create_graph=True)`,
then call `.backward()` on it. The second derivative lands in `x.grad`, as seed 001 shows.

**Predict, then run.** For `y = x³` at `x = 1`, what is in `grads` and what ends up in
`x.grad`?
"""),
    code("""
x = torch.tensor(1.0, requires_grad=True)
y = x**3
grads = torch.autograd.grad(outputs=y, inputs=x, create_graph=True)
grads[0].backward()
print(grads)
x.grad
"""),
    md("""
`grads` holds `3x² = 3` (with a `grad_fn`, so it is differentiable) and `x.grad` holds
`6x = 6`. `grad` never wrote to `.grad`; only `backward()` did, so there is no 3 mixed in.

**Try it.** Call `backward()` on the first derivative twice. The first call frees the
recorded backward graph unless you pass `retain_graph=True` (notebook 04's error otherwise).
What does `x.grad` become, and why?
"""),
    code("""
x.grad = None
grads = torch.autograd.grad(x**3, x, create_graph=True)
grads[0].backward(retain_graph=True)
grads[0].backward()
x.grad
"""),
    md("**Check.** `.grad` accumulates, as in notebook 04: 6 + 6."),
    code("""
assert x.grad.item() == 12.0
"""),

    md("""
## f, f′ and f″ on one plot

For an element-wise function on a vector `x`, output `i` depends only on input `i`. So the
gradient of `f(x).sum()` is exactly the vector of derivatives `f'(xᵢ)`: one backward pass
gives the whole curve. Do it twice with `create_graph=True` and you get `f''` as well.

**Predict, then run.** Where does `f(x) = x³ + x² + x + 1` bend from concave to convex,
i.e. where does the `f''` line cross zero?
"""),
    code("""
x = torch.linspace(-2, 1.5, 50, requires_grad=True)
f = x**3 + x**2 + x + 1
df, = torch.autograd.grad(f.sum(), x, create_graph=True)
d2f, = torch.autograd.grad(df.sum(), x)

plt.figure(figsize=(5, 3), dpi=80)
xs = x.detach().numpy()
plt.plot(xs, f.detach().numpy(), label="f(x) = x³ + x² + x + 1")
plt.plot(xs, df.detach().numpy(), label="f′(x)")
plt.plot(xs, d2f.numpy(), label="f″(x)")
plt.axhline(0, color="grey", linewidth=0.5)
plt.xlabel("x")
plt.ylabel("value")
plt.legend()
plt.show()
"""),
    md("""
`f''(x) = 6x + 2` crosses zero at `x = -1/3`: that is where `f'` has its minimum.
`f'` never reaches zero (`3x² + 2x + 1` has no real root), which is why `f` only rises.

**Try it.** Replace `f` by `torch.sin(x)` and see the curves shift by a quarter period.
"""),
    code("""
f = torch.sin(x)
df, = torch.autograd.grad(f.sum(), x, create_graph=True)
d2f, = torch.autograd.grad(df.sum(), x)
np.allclose(d2f.numpy(), -f.detach().numpy(), atol=1e-6)
"""),
    md("**Check.** The autograd curves equal the derivatives computed by hand:"),
    code("""
x = torch.linspace(-2, 1.5, 50, requires_grad=True)
f = x**3 + x**2 + x + 1
df, = torch.autograd.grad(f.sum(), x, create_graph=True)
d2f, = torch.autograd.grad(df.sum(), x)
xs = x.detach().numpy()
assert np.allclose(df.detach().numpy(), 3 * xs**2 + 2 * xs + 1, atol=1e-5)
assert np.allclose(d2f.numpy(), 6 * xs + 2, atol=1e-5)
"""),

    md("""
## Newton's method: using the second derivative

Gradient descent takes steps of a fixed size `lr · f'(x)`. Newton's method picks the step
from the curvature: near a minimum, `f` looks like a parabola, and the parabola with the same
`f'` and `f''` has its bottom at

$$x_{\\text{new}} = x - \\frac{f'(x)}{f''(x)}.$$

Autograd gives both derivatives, so Newton's method is a few lines. We minimise
`f(x) = eˣ − 2x`, whose minimum is at `x = ln 2 ≈ 0.693147`. We use float64 so that the
digits are not limited by float32 rounding.

**Predict, then run.** Starting from `x = 0`, how many steps until the error is below
`1e-10`? (Gradient descent would need dozens.)
"""),
    code("""
def f(x):
    return torch.exp(x) - 2 * x

x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
for step in range(1, 6):
    d1, = torch.autograd.grad(f(x), x, create_graph=True)
    d2, = torch.autograd.grad(d1, x)
    with torch.no_grad():
        x -= d1 / d2
    print(f"step {step}: x = {x.item():.12f}   error = {abs(x.item() - math.log(2)):.1e}")
"""),
    md("""
The error goes `0.3 → 4e-2 → 9e-4 → 4e-7 → 8e-14`: the number of correct digits roughly doubles
each step (*quadratic convergence*). The price: a second derivative, and for `n` parameters
that is an `n × n` Hessian. That is why deep learning mostly sticks to first-order methods,
and uses second derivatives through *Hessian-vector products* instead (an exercise below).

The update runs under `torch.no_grad()`, in place, exactly like the manual gradient step of
notebook 05: `x` stays the same leaf.

**Try it.** Start from `x = 3.0`. Newton still converges, but the first steps are not yet
quadratic: the parabola is a poor model far from the minimum.
"""),
    code("""
x = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
for step in range(8):
    d1, = torch.autograd.grad(f(x), x, create_graph=True)
    d2, = torch.autograd.grad(d1, x)
    with torch.no_grad():
        x -= d1 / d2
round(x.item(), 12)
"""),
    md("**Check.** Newton's method found the minimum, where `f'(x) = 0`:"),
    code("""
assert abs(x.item() - math.log(2)) < 1e-12
(slope,) = torch.autograd.grad(f(x), x)
assert abs(slope.item()) < 1e-12
"""),

    md("""
## `allow_unused`: when an input plays no part

`grad(outputs, inputs)` must return one gradient per input. If an input was never used to
compute the output, there is no path to it in the graph, and PyTorch refuses to guess whether
that is a bug in your model or intended.

**Predict, then run.** `b` is not used by `a * 3`. What happens?
"""),
    code("""
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
try:
    torch.autograd.grad(a * 3, [a, b])
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
An error, naming the input by its position. If unused inputs are expected (say, a parameter
that only one branch of your model uses), say so: `allow_unused=True` returns `None` for
them, and `materialize_grads=True` returns zeros, which is handy when you add gradients up.
"""),
    code("""
print(torch.autograd.grad(a * 3, [a, b], allow_unused=True))
print(torch.autograd.grad(a * 3, [a, b], materialize_grads=True))
"""),
    md("""
**Try it.** Why was the fourth derivative of the polynomial `tensor([0.])` rather than this
error? The backward of `x**3` is `grad * 3 * x**2`; differentiate it three times and the
recorded graph still contains `x**0`, which *does* depend on `x`, with slope zero. "Unused"
is about paths in the graph, not about values. The same happens here:
"""),
    code("""
x = torch.tensor([2.], requires_grad=True)
constant = x * 0 + 6
torch.autograd.grad(constant, x)
"""),
    md("**Check.** `None` means \"no path\", and zeros are only given when asked for:"),
    code("""
unused = torch.autograd.grad(a * 3, [a, b], allow_unused=True)
assert unused[0].item() == 3.0 and unused[1] is None
"""),

    md("""
## Summary

- `torch.autograd.grad(y, x)` returns gradients as a tuple; `.grad` is untouched.
- By default the backward pass is not recorded: the gradient is a constant.
  `create_graph=True` records it, because every backward is built from differentiable ops.
- Repeating `grad(..., create_graph=True)` gives 2nd, 3rd, ... derivatives: 17 → 14 → 6 for
  seed 004's polynomial, `e` forever for `exp`, the four-step cycle for `sin`.
- `grad(..., create_graph=True)` followed by `.backward()` puts a second derivative in `.grad`.
- With both derivatives, Newton's method converges in a handful of steps.
- `allow_unused=True` (→ `None`) or `materialize_grads=True` (→ zeros) for inputs with no
  path in the graph.

Next, in notebook 07, you open the box: how an op declares its backward, and why writing
it with tensor ops is what made this whole notebook possible.

## Exercises

Open [`../exercises/06_higher_order_derivatives.ipynb`](../exercises/06_higher_order_derivatives.ipynb):
an `nth_derivative` helper, Newton's method with autograd, and a Hessian-vector product.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="cell")
