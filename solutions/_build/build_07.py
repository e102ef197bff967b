"""Write solutions/07_custom_functions.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_07.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "07_custom_functions.ipynb"
CELL_ID_PREFIX = "s07"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]


CELLS = [
    md("""
# 07 · Exercises: five ops of your own, checked to the second derivative

In `course/07_custom_functions.ipynb` you read how minigrad writes an op and wrote `Cube`.
Here you write five more as `torch.autograd.Function`s: `Sin`, `Exp`, `Tanh`, `Sigmoid` and
`LogSumExp`. Each is graded with `gradcheck` **and** `gradgradcheck` in float64, so a backward
that is right only to first order (numpy inside, or a detached tensor) loses the points.
Write your code where it says `# YOUR CODE HERE`, then run the test cell below it.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad.autograd import Function, gradcheck, gradgradcheck

torch.manual_seed(0)
np.random.seed(0)
"""),
    md("""
The worked example from the course: forward computes numbers (numpy on `a.detach().numpy()`,
turned back into a tensor with `torch.tensor`) and saves what backward needs; backward
uses **tensor ops only** on the saved tensors, so it can itself be differentiated.
"""),
    code("""
class Cube(Function):
    \"\"\"z = a³;  dz/da = 3a²\"\"\"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return torch.tensor(a.detach().numpy() ** 3)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * 3 * a**2


x64 = torch.tensor([0.3, -1.2], dtype=torch.float64, requires_grad=True)
assert gradcheck(Cube.apply, (x64,)) and gradgradcheck(Cube.apply, (x64,))
"""),
    md("""
## Exercise 07.1: `Sin`

`z = sin(a)`, `dz/da = cos(a)`. Save the input.
"""),
    code("""
class Sin(Function):
    \"\"\"z = sin(a);  dz/da = cos(a)\"\"\"

    ### BEGIN SOLUTION
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return torch.tensor(np.sin(a.detach().numpy()))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a.cos()
    ### END SOLUTION
"""),
    graded("sin", 2, """
def check_unary_op(op, reference, name, points=(-2.0, -0.5, 0.0, 0.3, 1.7)):
    \"\"\"Values against numpy in float32, then gradcheck and gradgradcheck in float64.\"\"\"
    assert issubclass(op, Function), f"{name} should be a subclass of torch.autograd.Function"
    x = torch.tensor(points, requires_grad=True)
    y = op.apply(x)
    assert isinstance(y, torch.Tensor), f"{name}.apply(x) should return a Tensor, got {type(y).__name__}"
    assert y.dtype == torch.float32, f"{name} of a float32 tensor should be float32, got {y.dtype}"
    assert tuple(y.shape) == tuple(x.shape), f"{name} is element-wise: expected shape {tuple(x.shape)}"
    np.testing.assert_allclose(y.detach().numpy(), reference(np.array(points)), rtol=1e-5, atol=1e-6,
                               err_msg=f"{name}.forward computes the wrong values")
    assert y.grad_fn is not None and y.grad_fn.name() == f"{name}Backward", (
        f"{name}.apply(x) with x.requires_grad should record a {name}Backward node, got {y.grad_fn}")
    x64 = torch.tensor(points, dtype=torch.float64, requires_grad=True)
    assert gradcheck(op.apply, (x64,), raise_exception=False), (
        f"{name}'s backward does not match the finite-difference derivative: check the formula "
        "(and its sign), and multiply by the incoming grad")
    assert gradgradcheck(op.apply, (x64,), raise_exception=False), (
        f"{name}'s first derivative is right but its second is not: backward must compute with tensor "
        "ops on the tensors from ctx.saved_tensors (no numpy, no .detach(), no .item()), so that "
        "create_graph=True can record it")

check_unary_op(Sin, np.sin, "Sin")
### BEGIN HIDDEN TESTS
check_unary_op(Sin, np.sin, "Sin", points=(3.141, -7.0, 12.5))
x = torch.tensor(1.0, requires_grad=True)
d1, = torch.autograd.grad(Sin.apply(x), x, create_graph=True)
d2, = torch.autograd.grad(d1, x)
np.testing.assert_allclose([d1.item(), d2.item()], [np.cos(1.0), -np.sin(1.0)], rtol=1e-6,
                           err_msg="the first two derivatives of sin at 1 are cos(1) and -sin(1)")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 07.2: `Exp`

`z = eᵃ`, `dz/da = z`. Like minigrad's own `Exp`, save the **output** (forward has just
computed it): save the tensor you return.
"""),
    code("""
class Exp(Function):
    \"\"\"z = e^a;  dz/da = z\"\"\"

    ### BEGIN SOLUTION
    @staticmethod
    def forward(ctx, a):
        z = torch.tensor(np.exp(a.detach().numpy()))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * z
    ### END SOLUTION
"""),
    graded("exp", 2, """
check_unary_op(Exp, np.exp, "Exp")
### BEGIN HIDDEN TESTS
check_unary_op(Exp, np.exp, "Exp", points=(-20.0, 4.0, 0.001))
x = torch.tensor([1.0], requires_grad=True)
d1, = torch.autograd.grad(Exp.apply(x), x, create_graph=True)
d2, = torch.autograd.grad(d1, x, create_graph=True)
d3, = torch.autograd.grad(d2, x)
np.testing.assert_allclose([d1.item(), d2.item(), d3.item()], [np.e] * 3, rtol=1e-6,
                           err_msg="every derivative of exp at 1 is e (notebook 06's tower)")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 07.3: `Tanh`

`z = tanh(a)`, `dz/da = 1 − z²`. Save the output.
"""),
    code("""
class Tanh(Function):
    \"\"\"z = tanh(a);  dz/da = 1 - z²\"\"\"

    ### BEGIN SOLUTION
    @staticmethod
    def forward(ctx, a):
        z = torch.tensor(np.tanh(a.detach().numpy()))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * (1 - z * z)
    ### END SOLUTION
"""),
    graded("tanh", 2, """
check_unary_op(Tanh, np.tanh, "Tanh")
### BEGIN HIDDEN TESTS
check_unary_op(Tanh, np.tanh, "Tanh", points=(-3.0, 0.05, 2.5))
x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
d1, = torch.autograd.grad(Tanh.apply(x), x, create_graph=True)
d2, = torch.autograd.grad(d1, x)
t = np.tanh(0.5)
np.testing.assert_allclose([d1.item(), d2.item()], [1 - t**2, -2 * t * (1 - t**2)], rtol=1e-10,
                           err_msg="tanh'' = -2 tanh (1 - tanh²)")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 07.4: `Sigmoid`

`z = σ(a) = 1 / (1 + e⁻ᵃ)`, `dz/da = z (1 − z)`. Save the output. (`1 / (1 + np.exp(-a))`
is fine for the values we test; numpy only warns about an overflow of `exp` for very negative
`a`, and the result, 0, is still right.)
"""),
    code("""
class Sigmoid(Function):
    \"\"\"z = 1 / (1 + e^-a);  dz/da = z (1 - z)\"\"\"

    ### BEGIN SOLUTION
    @staticmethod
    def forward(ctx, a):
        z = torch.tensor(1 / (1 + np.exp(-a.detach().numpy())))
        ctx.save_for_backward(z)
        return z

    @staticmethod
    def backward(ctx, grad):
        (z,) = ctx.saved_tensors
        return grad * z * (1 - z)
    ### END SOLUTION
"""),
    graded("sigmoid", 2, """
def numpy_sigmoid(a):
    return 1 / (1 + np.exp(-a))

check_unary_op(Sigmoid, numpy_sigmoid, "Sigmoid")
### BEGIN HIDDEN TESTS
check_unary_op(Sigmoid, numpy_sigmoid, "Sigmoid", points=(-6.0, 0.01, 5.0))
x = torch.tensor([-30.0, 0.0, 30.0], requires_grad=True)
Sigmoid.apply(x).sum().backward()
np.testing.assert_allclose(x.grad.numpy(), [0.0, 0.25, 0.0], atol=1e-7,
                           err_msg="σ'(0) = 1/4 and σ' vanishes far from 0")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 07.5: `LogSumExp`

`LogSumExp.apply(x, dim)` reduces dimension `dim` (which may be negative) like
`torch.logsumexp(x, dim)`:

$$z = \\log \\sum_j e^{x_j}, \\qquad \\frac{\\partial z}{\\partial x_i} = \\frac{e^{x_i}}{\\sum_j e^{x_j}} = e^{x_i - z}$$

(the softmax). Two details make it an op worth writing:

- **forward must not overflow**: `e¹⁰⁰⁰` is `inf` in any float. Subtract the maximum `m`
  along `dim` first: `log Σ e^x = m + log Σ e^(x − m)`.
- `dim` is not a tensor, so backward returns **two** things: the gradient for `x` and `None`
  for `dim`. The incoming `grad` has one dimension less than `x`: put it back with
  `grad.unsqueeze(dim)` before multiplying, so that it broadcasts along `dim` (the same for
  the saved output).
"""),
    code("""
class LogSumExp(Function):
    \"\"\"z = log(sum(exp(x), dim));  dz/dx = exp(x - z)  (the softmax along dim)\"\"\"

    ### BEGIN SOLUTION
    @staticmethod
    def forward(ctx, x, dim):
        array = x.detach().numpy()
        biggest = array.max(axis=dim, keepdims=True)
        z = torch.tensor(np.squeeze(biggest, axis=dim) + np.log(np.exp(array - biggest).sum(axis=dim)))
        ctx.save_for_backward(x, z)
        ctx.dim = dim
        return z

    @staticmethod
    def backward(ctx, grad):
        x, z = ctx.saved_tensors
        softmax = (x - z.unsqueeze(ctx.dim)).exp()
        return grad.unsqueeze(ctx.dim) * softmax, None
    ### END SOLUTION
"""),
    graded("logsumexp", 3, """
def numpy_logsumexp(a, dim):
    a = np.asarray(a, dtype=np.float64)
    biggest = a.max(axis=dim, keepdims=True)
    return np.squeeze(biggest, axis=dim) + np.log(np.exp(a - biggest).sum(axis=dim))

values = np.array([[0.5, -1.0, 2.0], [3.0, 0.1, -0.7]])
x = torch.tensor(values, dtype=torch.float32, requires_grad=True)
z = LogSumExp.apply(x, 1)
assert tuple(z.shape) == (2,), f"LogSumExp.apply(x, 1) on a (2, 3) tensor reduces dim 1: shape (2,), got {tuple(z.shape)}"
np.testing.assert_allclose(z.detach().numpy(), numpy_logsumexp(values, 1), rtol=1e-6,
                           err_msg="LogSumExp.forward computes the wrong values")
assert z.grad_fn is not None and z.grad_fn.name() == "LogSumExpBackward", "use LogSumExp.apply, a Function"
x64 = torch.tensor(values, requires_grad=True)
for dim in (1, 0, -1):
    try:
        gradcheck(lambda t: LogSumExp.apply(t, dim), (x64,), raise_exception=False)
    except RuntimeError as error:
        if isinstance(error, NotImplementedError):
            raise
        raise AssertionError(f"LogSumExp's backward (dim={dim}) raised {error!r}: grad has one dimension less "
                             "than x; use grad.unsqueeze(dim) (and z.unsqueeze(dim)) so that it broadcasts along dim") from None
    assert gradcheck(lambda t: LogSumExp.apply(t, dim), (x64,), raise_exception=False), (
        f"LogSumExp's backward (dim={dim}) differs from the finite-difference derivative: the gradient is "
        "grad.unsqueeze(dim) * exp(x - z.unsqueeze(dim)), the softmax along dim")
    assert gradgradcheck(lambda t: LogSumExp.apply(t, dim), (x64,), raise_exception=False), (
        f"LogSumExp's second derivative (dim={dim}) is wrong: compute backward with tensor ops on the saved "
        "tensors (no numpy, no .detach())")
big = torch.tensor([[1000.0, 1000.0]], requires_grad=True)
z = LogSumExp.apply(big, 1)
assert np.isfinite(z.detach().numpy()).all(), (
    "logsumexp([1000, 1000]) overflowed: e^1000 is inf. Subtract the maximum before exp, add it back after the log")
np.testing.assert_allclose(z.item(), 1000 + np.log(2), rtol=1e-6, err_msg="logsumexp([1000, 1000]) = 1000 + log 2")
### BEGIN HIDDEN TESTS
z.sum().backward()
np.testing.assert_allclose(big.grad.numpy(), [[0.5, 0.5]], rtol=1e-4,
                           err_msg="the gradient of logsumexp([1000, 1000]) is the softmax [0.5, 0.5] (no inf/nan)")
small = torch.tensor([[-1000.0, -1001.0, -1002.0]], dtype=torch.float64)
np.testing.assert_allclose(LogSumExp.apply(small, -1).numpy(), numpy_logsumexp(small.numpy(), -1), rtol=1e-12,
                           err_msg="logsumexp of very negative numbers must not underflow to -inf")
cube = torch.tensor(np.random.RandomState(7).normal(size=(2, 3, 4)), requires_grad=True)
for dim in (0, 1, 2, -2):
    np.testing.assert_allclose(LogSumExp.apply(cube, dim).detach().numpy(), numpy_logsumexp(cube.detach().numpy(), dim),
                               rtol=1e-12, err_msg=f"LogSumExp of a 3-d tensor along dim={dim}")
    assert gradgradcheck(lambda t: LogSumExp.apply(t, dim), (cube,), raise_exception=False), (
        f"LogSumExp of a 3-d tensor along dim={dim}: wrong first or second derivative")
### END HIDDEN TESTS
"""),
    md("""
## Summary

- An op is `forward` (numbers, anything goes, save what backward needs) plus `backward`
  (the local derivative times the incoming gradient, in tensor ops).
- Saving the output is often cheaper: `exp`, `tanh` and `sigmoid` have derivatives written in
  terms of their own value.
- Non-tensor arguments get `None` as their gradient; a reduction's backward must broadcast
  the gradient back (`unsqueeze`).
- `gradcheck` checks the first derivative, `gradgradcheck` the second; both need float64.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
