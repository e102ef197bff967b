"""Write course/07_custom_functions.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_07.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False course/07_custom_functions.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "07_custom_functions.ipynb"


CELLS = [
    md("""
# 07 · Writing your own ops: `autograd.Function`

Notebook 06 differentiated derivatives, and it worked because of a design choice we have not
looked at yet: how each op states its own backward. Here you read two ops from minigrad's
source, write new ones, and check them the way PyTorch's developers do.

**You will learn to**

1. read an op as a `Function` with a static `forward` and `backward`;
2. explain what `ctx.save_for_backward` keeps, and why the node *is* the `ctx`;
3. write a new op and check its gradient with `gradcheck` (and know why it needs float64);
4. explain why a backward written with tensor ops gives higher-order gradients for free.

`import minigrad as torch`: every cell also runs with `import torch`, except the two that
print minigrad's own source.
"""),
    code("""
import inspect

import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch

np.random.seed(0)
_ = torch.manual_seed(0)
"""),

    md("""
## Reading an op: `Mul`

Every op in minigrad is a subclass of `torch.autograd.Function` with two static methods:

- `forward(ctx, *inputs)` computes the result (minigrad computes it with numpy on the raw
  array `._data`) and stores in `ctx` whatever backward will need;
- `backward(ctx, grad)` receives the gradient of the loss with respect to the output and
  returns one gradient per input: the chain rule for this one op.

**Predict, then run.** For `z = a * b`, what should `backward` return for `a` and for `b`?
Write it down, then read minigrad's answer.
"""),
    code("""
import minigrad.ops.arithmetic

print(inspect.getsource(minigrad.ops.arithmetic.Mul))
"""),
    md("""
`∂z/∂a = b` and `∂z/∂b = a`, each multiplied by the incoming `grad` (chain rule). That is why
forward saves **both** inputs: without them, backward could not compute anything.
`ctx.needs_input_grad` says which inputs need a gradient at all (a constant does not), so
backward skips the work for the others and returns `None` there, as PyTorch does.
`node_name` is the name PyTorch gives this node, which you have seen printed as
`grad_fn=<MulBackward0>`.

**Try it.** `z.grad_fn` is the object that forward's `ctx` became. Call it on a gradient by
hand, as seed 000 does with `y_p.grad_fn(...)`: you get `(grad * b, grad * a)`.
"""),
    code("""
a = torch.tensor([2.], requires_grad=True)
b = torch.tensor([5.], requires_grad=True)
z = a * b
z.grad_fn(torch.tensor([1.]))
"""),
    md("**Check.** The two gradients are swapped inputs, as the source says:"),
    code("""
grad_a, grad_b = z.grad_fn(torch.tensor([10.]))
assert grad_a.item() == 50.0 and grad_b.item() == 20.0
"""),

    md("""
## Reading an op: `Exp` saves its *output*

`exp` has a special property: its derivative is itself. So backward needs `eᵃ`, which forward
has just computed. Saving the output instead of the input avoids computing `exp` twice.

**Predict, then run.** Which tensor will `Exp.forward` pass to `save_for_backward`?
"""),
    code("""
import minigrad.ops.elementwise

print(inspect.getsource(minigrad.ops.elementwise.Exp))
"""),
    md("""
It saves `z`, the result. PyTorch's `ExpBackward0` does the same (it stores `result`). Note
the backward: `grad * z`, an ordinary tensor multiplication. In notebook 06 the derivatives
of `exp` printed `grad_fn=<MulBackward0>`: that was *this* multiplication, recorded.

**Try it.** What would go wrong if `x` were changed in place after `y = x.exp()`? Nothing for
`Exp` (it does not need `x`), but `Sin` saves its input. Try `x.sin()` instead of `x.exp()`.
"""),
    code("""
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
with torch.no_grad():
    x.mul_(2)  # change the input after forward
y.sum().backward()
x.grad
"""),
    md("""
The gradient is `e¹, e²` even though `x` changed: `Exp` never looks at `x` again. With
`x.sin()` you would get PyTorch's "one of the variables needed for gradient computation has
been modified by an inplace operation" error: autograd checks a version counter on every
saved tensor.

**Check.** The node of `exp` keeps the output value, which is the gradient for `grad = 1`:
"""),
    code("""
x = torch.tensor([0.5], requires_grad=True)
y = x.exp()
(g,) = torch.autograd.grad(y, x)
assert torch.allclose(g, y.detach())
"""),

    md("""
## Your first op: `Cube`

Now write an op. A custom `Function` looks exactly like minigrad's built-in ones. We compute
forward with `detach()` so that nothing inside it is recorded (PyTorch does that for you
too: forward runs with grad mode off) and write backward with tensor ops.

**Predict, then run.** What will `y` print, and what name will its `grad_fn` have?
"""),
    code("""
class Cube(torch.autograd.Function):
    \"\"\"z = a³;  dz/da = 3a²\"\"\"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a.detach() ** 3

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * 3 * a**2


x = torch.tensor([2.], requires_grad=True)
y = Cube.apply(x)
y
"""),
    md("""
`tensor([8.], grad_fn=<CubeBackward>)`. A custom Function's node is named after the class,
with `Backward` appended (no `0`: the number is for PyTorch's built-in overloads). You call
`Cube.apply(x)`, never `Cube.forward` directly: `apply` is what creates the node, links it
to the inputs' nodes and hands it to forward as `ctx`.

The node *is* the ctx: what forward saved is right there on `y.grad_fn`.
"""),
    code("""
print(y.grad_fn.name(), y.grad_fn.saved_tensors)
print(y.grad_fn.next_functions[0][0].name())
y.backward()
x.grad
"""),
    md("""
**Try it.** Write `Square` (`z = a²`) the same way and check `Square.apply(x)` at `x = 3`
gives a gradient of 6.
"""),
    code("""
class Square(torch.autograd.Function):
    \"\"\"z = a²;  dz/da = 2a\"\"\"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a.detach() ** 2

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * 2 * a


x = torch.tensor(3.0, requires_grad=True)
Square.apply(x).backward()
x.grad
"""),
    md("**Check.** `Cube` agrees with the built-in `x**3` on values and gradients:"),
    code("""
x1 = torch.tensor([-1.5, 0.2, 2.0], requires_grad=True)
x2 = torch.tensor([-1.5, 0.2, 2.0], requires_grad=True)
Cube.apply(x1).sum().backward()
(x2**3).sum().backward()
assert torch.allclose(x1.grad, x2.grad)
"""),

    md("""
## `gradcheck`, and why it wants float64

How do you know a backward is right? Compare it with the definition of the derivative:
nudge the input by `±ε` and measure how the output moves,
`(f(x+ε) − f(x−ε)) / 2ε`. `torch.autograd.gradcheck` does that for every input element and
compares the result with what your backward returns.

The catch is rounding. The difference `f(x+ε) − f(x−ε)` is tiny, while each value carries a
rounding error relative to its size. In float32 (about 7 digits), ε = 1e-6 leaves almost no
correct digits.

**Predict, then run.** The true derivative of `x³` at `x = 1.3` is `5.07`. How many digits
does the float32 estimate get right?
"""),
    code("""
def central_difference(f, x, eps):
    return (f(x + eps) - f(x - eps)) / (2 * eps)

cube = lambda v: v**3
print("float32:", central_difference(cube, np.float32(1.3), np.float32(1e-6)))
print("float64:", central_difference(cube, np.float64(1.3), np.float64(1e-6)))
"""),
    md("""
In float32 the estimate is off in the first or second digit; in float64 it is right to about
ten digits. So gradcheck is run on float64 inputs (and warns if you give it anything else).
Your op must then work in float64 too, which ours does: it only uses tensor ops.
"""),
    code("""
x64 = torch.tensor([0.3, -1.2], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(Cube.apply, (x64,))
"""),
    md("""
**Try it.** Here is a `Cube` with a classic slip: the factor is 2 instead of 3. gradcheck
shows both Jacobians, so you can see the analytical one is exactly ⅔ of the numerical one.
"""),
    code("""
class BadCube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a.detach() ** 3

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * 2 * a**2  # wrong: d(a³)/da = 3a²


try:
    torch.autograd.gradcheck(BadCube.apply, (x64,))
except RuntimeError as error:  # GradcheckError is a RuntimeError
    print(error)
"""),
    md("**Check.** `raise_exception=False` turns the verdict into a boolean:"),
    code("""
assert torch.autograd.gradcheck(Cube.apply, (x64,), raise_exception=False)
assert not torch.autograd.gradcheck(BadCube.apply, (x64,), raise_exception=False)
"""),

    md("""
## Higher order for free

When you ask for `create_graph=True`, the engine runs every backward with grad mode **on**.
A backward written with tensor ops (`grad * 3 * a**2`) is then recorded like any other
computation, so its result can be differentiated again. `gradgradcheck` checks exactly that:
it runs gradcheck on the function "input ↦ gradient".

Compare with a backward that leaves the tensor world: it converts to numpy, computes, and
converts back. The first derivative is still right.

**Predict, then run.** Will the second derivative of `NumpyCube` be `6x = 12`?
"""),
    code("""
class NumpyCube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a.detach() ** 3

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * torch.tensor(3 * a.detach().numpy() ** 2)  # leaves the graph


x = torch.tensor([2.], requires_grad=True)
d1, = torch.autograd.grad(NumpyCube.apply(x), x, create_graph=True)
print("first derivative:", d1, "requires_grad:", d1.requires_grad)

d1, = torch.autograd.grad(Cube.apply(x), x, create_graph=True)
d2, = torch.autograd.grad(d1, x)
print("Cube, second derivative:", d2)
"""),
    md("""
`NumpyCube`'s first derivative `12.` is correct but has no `grad_fn`: the numpy detour cut
the link to `x`, so there is no second derivative at all. `Cube`'s backward stayed in
tensor ops and gives `6x = 12.` without a single extra line.

This is the whole reason minigrad's ops (and PyTorch's) write backward with tensor ops:
notebook 06 is free. micrograd and early MiniTorch compute backward on plain floats, and lose
exactly this.

**Try it.** Run `gradgradcheck` on `NumpyCube` (float64) and read which Jacobian is zero.
"""),
    code("""
try:
    torch.autograd.gradgradcheck(NumpyCube.apply, (x64,))
except RuntimeError as error:
    print(error)
"""),
    md("**Check.** `Cube` passes the second-order check:"),
    code("""
assert torch.autograd.gradgradcheck(Cube.apply, (x64,))
"""),

    md("""
## Summary

- An op is a `Function`: `forward(ctx, ...)` computes and saves what backward needs,
  `backward(ctx, grad)` returns one gradient per input (the local chain rule).
- `Function.apply` creates the graph node; that node *is* `ctx`, so `y.grad_fn.saved_tensors`
  shows what forward saved. Custom nodes are named `<ClassName>Backward`.
- `Mul` saves both inputs; `Exp` saves its output, because `exp' = exp`.
- `gradcheck` compares backward with central differences; run it in float64, where the
  difference quotient keeps about ten correct digits (float32 keeps one or two).
- A backward written with tensor ops is itself differentiable: `create_graph=True` and
  `gradgradcheck` work with no extra code. Leaving the tensor world (numpy) breaks that.

Next, notebook 08 puts gradients to work: training a model with gradient descent by hand.

## Exercises

Open [`../exercises/07_custom_functions.ipynb`](../exercises/07_custom_functions.ipynb):
write `Sin`, `Exp`, `Tanh`, `Sigmoid` and `LogSumExp` as Functions whose backward passes
`gradgradcheck`.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="cell")
