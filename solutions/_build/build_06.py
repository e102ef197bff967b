"""Write solutions/06_higher_order_derivatives.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_06.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "06_higher_order_derivatives.ipynb"
CELL_ID_PREFIX = "s06"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]


CELLS = [
    md("""
# 06 · Exercises: n-th derivatives, Newton's method, Hessian-vector products

In `course/06_higher_order_derivatives.ipynb` you differentiated derivatives with
`torch.autograd.grad(..., create_graph=True)`. Here you turn that into three tools: a helper
for the n-th derivative, Newton's method driven by autograd, and the Hessian-vector product
that second-order methods in deep learning are built on. Write your code where it says
`# YOUR CODE HERE`, then run the test cell below it.
"""),
    code("""
import math

import numpy as np

import minigrad as torch

torch.manual_seed(0)
np.random.seed(0)
"""),
    md("""
## Exercise 06.1: `nth_derivative`

Write `nth_derivative(f, x, n)`: the n-th derivative of an **element-wise** function `f`
(like `torch.sin` or `lambda t: t**3 + t`) at every point of the tensor `x`
(`requires_grad=True`), as a tensor of `x`'s shape. `n = 0` returns `f(x)` itself.

- `torch.autograd.grad` needs a scalar output: for an element-wise function, the gradient of
  `d.sum()` is exactly the vector of the derivatives at each point (notebook 06's plot of
  f, f′, f″).
- Every derivative but the last must be differentiable again: `create_graph=True`.
- Once a derivative no longer depends on `x` (it comes back with `requires_grad == False`,
  e.g. `3` for `f(x) = 3x + 1`), every higher derivative is zero: return
  `torch.zeros_like(x)` instead of asking autograd (which would raise).
- Use `autograd.grad`, not `.backward()`: `x.grad` must stay untouched.
"""),
    code("""
def nth_derivative(f, x, n):
    \"\"\"The n-th derivative of the element-wise function f at every point of x (n = 0: f(x)).\"\"\"
    ### BEGIN SOLUTION
    derivative = f(x)
    for _ in range(n):
        if not derivative.requires_grad:  # a constant: all higher derivatives are zero
            return torch.zeros_like(x)
        (derivative,) = torch.autograd.grad(derivative.sum(), x, create_graph=True)
    return derivative
    ### END SOLUTION
"""),
    graded("nth_derivative", 3, """
def polynomial(t):
    return t**3 + t**2 + t + 1

x = torch.tensor([2.0], requires_grad=True)
try:
    got = [nth_derivative(polynomial, x, n).item() for n in range(4)]
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"nth_derivative raised {error!r}. Did you pass create_graph=True, so that each "
                         "derivative has a grad_fn and can be differentiated again?") from None
assert got == [15.0, 17.0, 14.0, 6.0], (
    f"for x³ + x² + x + 1 at x = 2 the derivatives n = 0..3 are 15, 17, 14, 6 (seed 004), got {got}: "
    "n = 0 is f(x) itself, and each step differentiates the previous result once")

points = np.array([-1.0, 0.3, 2.5])
x = torch.tensor(points, requires_grad=True)
try:
    second = nth_derivative(torch.sin, x, 2)
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"nth_derivative(torch.sin, x, 2) on a vector x raised {error!r}. autograd.grad "
                         "needs a scalar: differentiate derivative.sum(), whose gradient is the vector of "
                         "derivatives for an element-wise f") from None
assert tuple(second.shape) == (3,), f"the result should have x's shape (3,), got {tuple(second.shape)}"
np.testing.assert_allclose(second.detach().numpy(), -np.sin(points), rtol=1e-10,
                           err_msg="the second derivative of sin is -sin")
assert x.grad is None, "nth_derivative must not write into x.grad: use torch.autograd.grad, not .backward()"
### BEGIN HIDDEN TESTS
np.testing.assert_allclose(nth_derivative(torch.sin, x, 3).detach().numpy(), -np.cos(points), rtol=1e-10,
                           err_msg="the third derivative of sin is -cos")
np.testing.assert_allclose(nth_derivative(torch.exp, x, 4).detach().numpy(), np.exp(points), rtol=1e-10,
                           err_msg="every derivative of exp is exp")
np.testing.assert_allclose(nth_derivative(lambda t: t**5, x, 3).detach().numpy(), 60 * points**2,
                           rtol=1e-10, err_msg="the third derivative of x⁵ is 60x²")
np.testing.assert_allclose(nth_derivative(torch.sin, x, 0).detach().numpy(), np.sin(points), rtol=1e-12,
                           err_msg="n = 0 should return f(x) itself")
try:
    linear = [nth_derivative(lambda t: 3 * t + 1, x, n).detach().numpy() for n in (1, 2, 5)]
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"for f(x) = 3x + 1 nth_derivative raised {error!r}. Its first derivative 3 is a "
                         "constant (requires_grad is False): return zeros for every higher derivative "
                         "instead of asking autograd") from None
np.testing.assert_allclose(linear[0], [3.0, 3.0, 3.0], err_msg="d/dx (3x + 1) = 3")
for higher in linear[1:]:
    np.testing.assert_allclose(higher, [0.0, 0.0, 0.0], err_msg="the derivatives of a constant are zero")
    assert higher.shape == (3,), "zeros of x's shape, please"
assert x.grad is None, "nth_derivative must not write into x.grad"
### END HIDDEN TESTS
"""),
    md("""
## Exercise 06.2: Newton's method with autograd

Write `newton_minimize(f, x0, steps)`: start from the float `x0`, make a **float64** scalar
leaf `x` that requires grad, and take `steps` Newton steps

$$x \\leftarrow x - \\frac{f'(x)}{f''(x)},$$

with both derivatives from `torch.autograd.grad` (the first one with `create_graph=True`).
Update `x` in place under `torch.no_grad()`, as in notebook 06. Return the trajectory as a
list of Python floats, `[x0, x1, ..., x_steps]` (so `steps + 1` numbers).

Why float64: Newton's method doubles the number of correct digits each step, and float32 stops
at about seven.
"""),
    code("""
def newton_minimize(f, x0, steps):
    \"\"\"Newton's method on a scalar function f from x0, in float64; returns [x0, x1, ..., x_steps].\"\"\"
    ### BEGIN SOLUTION
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    trajectory = [x.item()]
    for _ in range(steps):
        (slope,) = torch.autograd.grad(f(x), x, create_graph=True)
        (curvature,) = torch.autograd.grad(slope, x)
        with torch.no_grad():
            x -= slope / curvature
        trajectory.append(x.item())
    return trajectory
    ### END SOLUTION
"""),
    graded("newton_minimize", 3, """
def numpy_newton(slope, curvature, x0, steps):
    \"\"\"Newton's method with hand-written derivatives, in numpy float64: the reference.\"\"\"
    xs = [x0]
    for _ in range(steps):
        xs.append(xs[-1] - slope(xs[-1]) / curvature(xs[-1]))
    return xs

try:
    got = newton_minimize(lambda t: torch.exp(t) - 2 * t, 0.0, 5)
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"newton_minimize raised {error!r}. The first derivative needs create_graph=True "
                         "to be differentiated a second time") from None
assert isinstance(got, list) and len(got) == 6, (
    f"newton_minimize(f, 0.0, 5) should return 6 floats [x0, ..., x5], got {got!r}")
expected = numpy_newton(lambda v: np.exp(v) - 2, np.exp, 0.0, 5)
np.testing.assert_allclose(got, expected, rtol=1e-6,
                           err_msg="e^x - 2x from 0: each Newton step goes to x - f'(x)/f''(x) (the first to "
                                   "0 - (-1)/1 = 1, the second to 1 - (e - 2)/e = 0.7358). Divide the slope by the "
                                   "curvature, and subtract")
np.testing.assert_allclose(got, expected, rtol=1e-12,
                           err_msg="the trajectory is right to about 7 digits only: compute in float64 "
                                   "(torch.tensor(x0, dtype=torch.float64, requires_grad=True))")
assert abs(got[-1] - math.log(2)) < 1e-12, (
    f"after 5 steps x should be ln 2 to 12 digits, got {got[-1]!r}: compute in float64 "
    "(float32 stops at about 7 digits)")
### BEGIN HIDDEN TESTS
got = newton_minimize(lambda t: t**4 / 4 - t, 2.0, 4)
expected = numpy_newton(lambda v: v**3 - 1, lambda v: 3 * v**2, 2.0, 4)
np.testing.assert_allclose(got, expected, rtol=1e-12,
                           err_msg="x⁴/4 - x from 2: the trajectory differs from x - (x³ - 1)/(3x²)")
got = newton_minimize(lambda t: (t - 3) ** 2 + 1, 10.0, 2)
np.testing.assert_allclose(got, [10.0, 3.0, 3.0], atol=1e-12,
                           err_msg="on a parabola Newton's method lands on the minimum in one step")
assert newton_minimize(lambda t: torch.cos(t), 0.5, 0) == [0.5], "steps = 0 returns [x0] only"
assert all(isinstance(value, float) for value in got), "return Python floats (x.item())"
### END HIDDEN TESTS
"""),
    md("""
## Exercise 06.3: a Hessian-vector product

For a scalar function `f` of a vector `x` with `n` entries, the Hessian `H` is the `n × n`
matrix of second derivatives. Building it takes `n` backward passes; deep learning never does
that. But the product `H v` with a vector `v` costs only **two**:

1. `g = ∇f(x)` with `create_graph=True` (a vector with a `grad_fn`);
2. `g · v` is a scalar, and its gradient with respect to `x` is `H v` (`v` is a constant).

Write `hvp(f, x, v)` that returns `H v` as a tensor of `x`'s shape, without building `H` and
without touching `x.grad`.
"""),
    code("""
def hvp(f, x, v):
    \"\"\"The Hessian of the scalar function f at x, times the vector v, by double backward.\"\"\"
    ### BEGIN SOLUTION
    (gradient,) = torch.autograd.grad(f(x), x, create_graph=True)
    (product,) = torch.autograd.grad((gradient * v).sum(), x)
    return product
    ### END SOLUTION
"""),
    graded("hvp", 3, """
rng = np.random.RandomState(6)
M = rng.normal(size=(4, 4))
A = M + M.T  # symmetric, so the Hessian of x·Ax/2 is A
c = rng.normal(size=4)
x_values, v_values = rng.normal(size=4), rng.normal(size=4)
A_t, c_t = torch.tensor(A), torch.tensor(c)

def quadratic(t):
    return 0.5 * (t * (A_t @ t)).sum() + (c_t * t).sum()

x = torch.tensor(x_values, requires_grad=True)
v = torch.tensor(v_values)
try:
    got = hvp(quadratic, x, v)
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"hvp raised {error!r}. The gradient must be computed with create_graph=True "
                         "so that it can be differentiated again") from None
assert tuple(got.shape) == (4,), f"H v has x's shape (4,), got {tuple(got.shape)}"
np.testing.assert_allclose(got.detach().numpy(), A @ v_values, rtol=1e-10,
                           err_msg="for f = x·Ax/2 + c·x the Hessian is A, so H v should be A @ v. "
                                   "Differentiate the scalar (∇f · v), not ∇f summed and then multiplied by v")
assert x.grad is None, "hvp must not write into x.grad: use torch.autograd.grad"
### BEGIN HIDDEN TESTS
def wavy(t):
    return torch.sin(t).sum() + (t * t).sum() ** 2

got = hvp(wavy, x, v).detach().numpy()
hessian = np.diag(-np.sin(x_values)) + 4 * (x_values @ x_values) * np.eye(4) + 8 * np.outer(x_values, x_values)
np.testing.assert_allclose(got, hessian @ v_values, rtol=1e-10,
                           err_msg="for f = Σ sin(x) + (x·x)², H = diag(-sin x) + 4(x·x) I + 8 x xᵀ: H v differs")
np.testing.assert_allclose(v.numpy(), v_values, err_msg="hvp must not change v")
assert x.grad is None, "hvp must not write into x.grad"
e0 = torch.tensor([1.0, 0.0, 0.0, 0.0], dtype=torch.float64)
np.testing.assert_allclose(hvp(quadratic, x, e0).detach().numpy(), A[:, 0], rtol=1e-10,
                           err_msg="H times the first unit vector is the first column of H")
### END HIDDEN TESTS
"""),
    md("""
## Summary

- The n-th derivative is `autograd.grad` applied n times, each time with `create_graph=True`;
  a derivative with no `grad_fn` is a constant, and everything above it is zero.
- Newton's method needs `f'` and `f''`: two `autograd.grad` calls per step, an in-place update
  under `no_grad`, and float64 to see its quadratic convergence.
- A Hessian-vector product is a gradient of a gradient: two backward passes, never the
  `n × n` matrix.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
