"""Write solutions/02_requires_grad_and_backward.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_02.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "02_requires_grad_and_backward.ipynb"
CELL_ID_PREFIX = "s02"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]

CELLS = [
    md("""
# 02 · Exercises: backward formulas, broadcasting and vector-Jacobian products

In `course/02_requires_grad_and_backward.ipynb` you saw `backward()` fill `.grad`. Here you
write the backward formulas yourself, including the part the engine usually does for you:
summing a gradient back to the shape of a broadcast input. Write your code where it says
`# YOUR CODE HERE`, then run the test cell below it. A failing test tells you what it expected.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad import tensor
from minigrad.autograd import Function, gradcheck, gradgradcheck

torch.manual_seed(0)
np.random.seed(0)
"""),
    md("""
## Exercise 02.1: `sum_to_shape`

When `a` of shape `(2, 1)` meets `b` of shape `(3,)`, both are broadcast to `(2, 3)`: each
entry of `a` is used 3 times, each entry of `b` twice. A value used several times receives
the *sum* of the gradients of its uses. So the gradient for `a` is the `(2, 3)` gradient summed
over the axes broadcasting added or stretched.

Write `sum_to_shape(grad, shape)`: sum `grad` over the leading axes that `shape` does not
have, then over every axis where `shape` has size 1 but `grad` does not (keeping that axis).
Use tensor operations (`grad.sum(dim=..., keepdim=...)`), not numpy, so that the result
stays differentiable.
"""),
    code("""
def sum_to_shape(grad, shape):
    \"\"\"Sum grad down to shape, undoing broadcasting (like PyTorch's Tensor.sum_to_size).\"\"\"
    ### BEGIN SOLUTION
    shape = tuple(shape)
    extra = grad.dim() - len(shape)
    if extra > 0:
        grad = grad.sum(dim=tuple(range(extra)))
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(dim=axis, keepdim=True)
    return grad
    ### END SOLUTION
"""),
    graded("sum_to_shape", 2, """
g = torch.arange(6.0).reshape(2, 3)        # [[0, 1, 2], [3, 4, 5]]
out = sum_to_shape(g, (3,))
assert tuple(out.shape) == (3,), f"sum_to_shape(g of shape (2, 3), (3,)) should have shape (3,), got {tuple(out.shape)}"
np.testing.assert_allclose(out.numpy(), [3.0, 5.0, 7.0],
                           err_msg="a (3,) input broadcast over 2 rows gets the column sums")
out = sum_to_shape(g, (2, 1))
assert tuple(out.shape) == (2, 1), (f"sum_to_shape(g, (2, 1)) should keep the size-1 axis and give shape (2, 1), "
                                    f"got {tuple(out.shape)}: did you forget keepdim, or the size-1 axes?")
np.testing.assert_allclose(out.numpy(), [[3.0], [12.0]], err_msg="a (2, 1) input gets the row sums")
out = sum_to_shape(g, (2, 3))
np.testing.assert_allclose(out.numpy(), g.numpy(), err_msg="when no broadcasting happened, grad comes back unchanged")
### BEGIN HIDDEN TESTS
g3 = torch.randn(4, 2, 3)
for shape in [(1, 3), (2, 1), (1, 1), (), (4, 1, 3), (3,)]:
    out = sum_to_shape(g3, shape)
    assert tuple(out.shape) == shape, f"sum_to_shape(g of shape (4, 2, 3), {shape}) gave shape {tuple(out.shape)}"
    expected = g3.numpy().sum(axis=tuple(range(3 - len(shape)))) if len(shape) < 3 else g3.numpy()
    for axis, size in enumerate(shape):
        if size == 1:
            expected = expected.sum(axis=axis, keepdims=True)
    np.testing.assert_allclose(out.numpy(), expected.reshape(shape), rtol=1e-5,
                               err_msg=f"wrong values summing (4, 2, 3) to {shape}")
tracked = torch.randn(2, 3, requires_grad=True)
assert sum_to_shape(tracked * 1, (3,)).grad_fn is not None, \\
    "sum_to_shape must use tensor operations (grad.sum), not numpy, so that double backward works"
### END HIDDEN TESTS
"""),

    md("""
## Exercise 02.2: `Div`

$z = a / b$, with broadcasting. The local derivatives are
$\\partial z / \\partial a = 1 / b$ and $\\partial z / \\partial b = -a / b^2$. Return
each gradient summed to its input's shape with your `sum_to_shape` (minigrad's engine would
do it for you too, but PyTorch's own backward formulas do it themselves, and the test calls
your node by hand, where no engine helps). Save what backward needs with `ctx.save_for_backward`.
"""),
    code("""
class Div(Function):
    \"\"\"z = a / b (broadcasting)\"\"\"

    @staticmethod
    def forward(ctx, a, b):
        ### BEGIN SOLUTION
        ctx.save_for_backward(a, b)
        return a / b
        ### END SOLUTION

    @staticmethod
    def backward(ctx, grad):
        ### BEGIN SOLUTION
        a, b = ctx.saved_tensors
        return sum_to_shape(grad / b, a.shape), sum_to_shape(-grad * a / (b * b), b.shape)
        ### END SOLUTION
"""),
    graded("div", 3, """
a = tensor([[1.0], [2.0]], requires_grad=True)
b = tensor([1.0, 2.0, 4.0], requires_grad=True)
z = Div.apply(a, b)
np.testing.assert_allclose(z.detach().numpy(), [[1.0, 0.5, 0.25], [2.0, 1.0, 0.5]],
                           err_msg="Div.apply(a, b) should divide element-wise with broadcasting")
with torch.no_grad():
    grad_a, grad_b = z.grad_fn(torch.ones(2, 3))   # call the node by hand, as the engine would
assert tuple(grad_a.shape) == (2, 1) and tuple(grad_b.shape) == (3,), (
    f"the node returned gradients of shapes {tuple(grad_a.shape)} and {tuple(grad_b.shape)}; "
    "expected (2, 1) and (3,): sum each gradient to its input's shape")
np.testing.assert_allclose(grad_a.numpy(), [[1.75], [1.75]], err_msg="dz/da = 1/b, summed over the row: 1 + 1/2 + 1/4")
np.testing.assert_allclose(grad_b.numpy(), [-3.0, -0.75, -0.1875],
                           err_msg="dz/db = -a / b**2 (note the minus sign), summed over the column")
a64 = torch.randn(3, dtype=torch.float64, requires_grad=True)
b64 = (torch.rand(3, dtype=torch.float64) + 1).requires_grad_()
assert gradcheck(Div.apply, (a64, b64)), "gradcheck failed: backward does not match the numerical derivative"
### BEGIN HIDDEN TESTS
a64 = torch.randn(2, 1, dtype=torch.float64, requires_grad=True)
b64 = (torch.rand(3, dtype=torch.float64) + 1).requires_grad_()
assert gradcheck(Div.apply, (a64, b64)), "gradcheck failed for shapes (2, 1) / (3,)"
s64 = (torch.rand((), dtype=torch.float64) + 1).requires_grad_()
assert gradcheck(Div.apply, (torch.randn(2, 3, dtype=torch.float64, requires_grad=True), s64)), \\
    "gradcheck failed dividing a (2, 3) tensor by a scalar"
assert gradgradcheck(Div.apply, (a64, b64)), \\
    "gradgradcheck failed: write backward with tensor operations only, so it can be differentiated again"
### END HIDDEN TESTS
"""),

    md("""
## Exercise 02.3: `Pow` with a constant exponent

$z = a^n$ for a Python number `n`: $\\partial z / \\partial a = n\\,a^{n-1}$. `forward(ctx, a, n)`
receives `n` as a plain number; keep it on `ctx` (e.g. `ctx.n = n`). `backward` returns one
gradient per forward argument: for `n`, which is not a tensor, return `None`.
"""),
    code("""
class Pow(Function):
    \"\"\"z = a ** n, n a Python number\"\"\"

    @staticmethod
    def forward(ctx, a, n):
        ### BEGIN SOLUTION
        ctx.save_for_backward(a)
        ctx.n = n
        return a ** n
        ### END SOLUTION

    @staticmethod
    def backward(ctx, grad):
        ### BEGIN SOLUTION
        (a,) = ctx.saved_tensors
        return grad * ctx.n * a ** (ctx.n - 1), None
        ### END SOLUTION
"""),
    graded("pow", 2, """
a = tensor([1.0, 2.0, 3.0], requires_grad=True)
z = Pow.apply(a, 3)
np.testing.assert_allclose(z.detach().numpy(), [1.0, 8.0, 27.0], err_msg="Pow.apply(a, 3) should be a ** 3")
z.sum().backward()
np.testing.assert_allclose(a.grad.numpy(), [3.0, 12.0, 27.0],
                           err_msg="d(a**3)/da = 3 a**2; did you write n * a**n instead of n * a**(n - 1)?")
for n in (2, 0.5, -1):
    positive = (torch.rand(4, dtype=torch.float64) + 0.5).requires_grad_()
    assert gradcheck(lambda t: Pow.apply(t, n), (positive,)), f"gradcheck failed for exponent {n}"
### BEGIN HIDDEN TESTS
one = tensor([5.0, -2.0], requires_grad=True)
Pow.apply(one, 1).sum().backward()
np.testing.assert_allclose(one.grad.numpy(), [1.0, 1.0], err_msg="d(a**1)/da = 1")
positive = (torch.rand(3, dtype=torch.float64) + 0.5).requires_grad_()
assert gradgradcheck(lambda t: Pow.apply(t, 3), (positive,)), \\
    "gradgradcheck failed: write backward with tensor operations only"
### END HIDDEN TESTS
"""),

    md("""
## Exercise 02.4: a vector-Jacobian product by hand

Take $z = [x_0^2,\\; x_0 x_1,\\; 3x_1 + x_2]$ at $x = (1, 2, 3)$ and $v = (1, -1, 2)$.

1. Write the Jacobian $J_{ij} = \\partial z_i / \\partial x_j$ as a list of 3 rows (numbers, not code).
2. Write $v^\\top J$, what `z.backward(gradient=v)` puts into `x.grad`.

Work them out on paper; the test compares them with autograd.
"""),
    code("""
### BEGIN SOLUTION
jacobian = [[2.0, 0.0, 0.0],
            [2.0, 1.0, 0.0],
            [0.0, 3.0, 1.0]]
vjp = [0.0, 5.0, 2.0]
### END SOLUTION
"""),
    graded("vjp", 2, """
def z_of(x):
    return torch.stack([x[0] ** 2, x[0] * x[1], 3 * x[1] + x[2]])

assert np.shape(jacobian) == (3, 3), f"the Jacobian has one row per output and one column per input: (3, 3), got {np.shape(jacobian)}"
for i in range(3):
    x = tensor([1.0, 2.0, 3.0], requires_grad=True)
    z_of(x).backward(gradient=torch.eye(3)[i])
    np.testing.assert_allclose(jacobian[i], x.grad.numpy(),
                               err_msg=f"row {i} of the Jacobian should hold dz_{i}/dx_0, dz_{i}/dx_1, dz_{i}/dx_2 (rows = outputs)")
### BEGIN HIDDEN TESTS
x = tensor([1.0, 2.0, 3.0], requires_grad=True)
z_of(x).backward(gradient=tensor([1.0, -1.0, 2.0]))
np.testing.assert_allclose(vjp, x.grad.numpy(),
                           err_msg="v^T J weights the rows of J by v; J v (weighting the columns) is a different thing")
### END HIDDEN TESTS
"""),

    md("""
## Summary

- A value used several times (broadcasting is one way) gets the sum of its gradients: `sum_to_shape`.
- A backward formula returns one gradient per forward argument (`None` for non-tensors), written
  with tensor operations so that it can be differentiated again.
- `backward(gradient=v)` computes $v^\\top J$: rows of $J$ weighted by $v$.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
