"""Write solutions/08_gradient_descent_by_hand.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_08.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "08_gradient_descent_by_hand.ipynb"
CELL_ID_PREFIX = "s08"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]


CELLS = [
    md("""
# 08 · Exercises: gradient descent by hand, to seed 000's last digit

In `course/08_gradient_descent_by_hand.ipynb` you trained a line with three hand-written
lines per parameter. Here you write the whole loop yourself and reproduce seed 000's log
digit for digit, then use autograd's second derivatives (notebook 06) to find the largest
learning rate that does not diverge. Write your code where it says `# YOUR CODE HERE`, then
run the test cell below it.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad import tensor

torch.manual_seed(0)
np.random.seed(42)

x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = 4.5 * x_array + 7.0 + np.random.normal(size=x_array.shape[0])
x = tensor(x_array).float()  # seed 000's data, in float32
y = tensor(y_array).float()
"""),
    md("""
## Exercise 08.1: the loss

Write `mse(w, b, x, y)`: the mean squared error of the line `w·x + b` on the data, as a
0-dimensional tensor that autograd can differentiate. (Seed 000's text lost a `+ b` in the
line that makes the data, as notebook 08 shows; the model must keep it.)
"""),
    code("""
def mse(w, b, x, y):
    \"\"\"mean((w*x + b - y)**2): the loss of the line w*x + b on (x, y), as a 0-d tensor.\"\"\"
    ### BEGIN SOLUTION
    return torch.mean((w * x + b - y) ** 2)
    ### END SOLUTION
"""),
    graded("mse", 2, """
def numpy_mse(w, b):
    return np.mean((w * x_array + b - y.numpy().astype(np.float64)) ** 2)

w, b = tensor([1.0], requires_grad=True), tensor([0.0], requires_grad=True)
loss = mse(w, b, x, y)
assert isinstance(loss, torch.Tensor) and loss.dim() == 0, (
    f"mse should return a 0-d tensor (a mean over all points), got {loss!r}")
np.testing.assert_allclose(loss.item(), numpy_mse(1.0, 0.0), rtol=1e-6,
                           err_msg="mse(w=1, b=0) differs from mean((w*x + b - y)**2): a mean, not a sum")
loss.backward()
assert b.grad is not None, "b received no gradient: does your line include + b?"
residual = 1.0 * x_array + 0.0 - y.numpy().astype(np.float64)
np.testing.assert_allclose([w.grad.item(), b.grad.item()], [2 * np.mean(residual * x_array), 2 * np.mean(residual)],
                           rtol=1e-5, err_msg="the gradients of mse should be 2·mean(r·x) and 2·mean(r), r = w·x + b - y")
### BEGIN HIDDEN TESTS
np.testing.assert_allclose(mse(tensor([-2.0]), tensor([5.0]), x, y).item(), numpy_mse(-2.0, 5.0), rtol=1e-6,
                           err_msg="mse(w=-2, b=5) is wrong: does your line include + b?")
np.testing.assert_allclose(mse(tensor([4.5]), tensor([7.0]), x[:3], y[:3]).item(),
                           np.mean((4.5 * x_array[:3] + 7.0 - y.numpy()[:3].astype(np.float64)) ** 2), rtol=1e-6,
                           err_msg="mse must average over however many points it is given")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 08.2: the training loop

Write `fit(x, y, lr, epochs)`, seed 000's loop:

- start from the leaves `w = tensor([1.0], requires_grad=True)`, `b = tensor([0.0], requires_grad=True)`;
- each epoch (numbered from 1): compute the loss, `backward()`, and update both parameters
  with `p ← p − lr · p.grad`, keeping them **leaves** (either fix of notebook 08: fresh
  leaves with `.detach().requires_grad_()`, or in place under `no_grad` and zero the grads);
- every 10th epoch, append `(epoch, loss, w, b)` to a log, as Python floats: the loss computed
  in that epoch (before the update) and the parameters after it, exactly what seed 000 prints.

Return `(w, b, log)`. With `lr = 0.01` and 300 epochs the last entry must be seed 000's
`Epoch 300: loss=0.5062416791915894, param_w=4.625252723693848, param_b=7.377382755279541`.
"""),
    code("""
def fit(x, y, lr, epochs):
    \"\"\"Gradient descent on mse from w=1, b=0; returns (w, b, [(epoch, loss, w, b) every 10 epochs]).\"\"\"
    ### BEGIN SOLUTION
    w = tensor([1.0], requires_grad=True)
    b = tensor([0.0], requires_grad=True)
    log = []
    for epoch in range(1, epochs + 1):
        loss = mse(w, b, x, y)
        loss.backward()
        w = (w - w.grad * lr).detach().requires_grad_()
        b = (b - b.grad * lr).detach().requires_grad_()
        if epoch % 10 == 0:
            log.append((epoch, loss.item(), w.item(), b.item()))
    return w, b, log
    ### END SOLUTION
"""),
    graded("fit", 3, """
try:
    w, b, log = fit(x, y, 0.01, 300)
except (TypeError, AttributeError) as error:
    raise AssertionError(f"fit raised {error!r}. If a .grad was None in the second epoch: p - lr * p.grad is "
                         "recorded, so the new p is not a leaf and gets no .grad. Detach it "
                         "(.detach().requires_grad_()) or update in place under torch.no_grad()") from None
assert len(log) == 30, f"300 epochs logged every 10th epoch give 30 entries, got {len(log)}"
assert [entry[0] for entry in log[:3]] == [10, 20, 30], (
    f"log the epochs 10, 20, 30, ... (numbered from 1), got {[entry[0] for entry in log[:3]]}")
SEED_000_EPOCH_10 = (52.31643295288086, 3.4754106998443604, 1.6848385334014893)
SEED_000_EPOCH_300 = (0.5062416791915894, 4.625252723693848, 7.377382755279541)
np.testing.assert_allclose(log[0][1:], SEED_000_EPOCH_10, rtol=1e-6,
                           err_msg="epoch 10 should be seed 000's loss=52.3164..., param_w=3.4754..., param_b=1.6848...: "
                                   "log the loss of that epoch and the parameters after its update")
np.testing.assert_allclose(log[-1][1:], SEED_000_EPOCH_300, rtol=1e-6,
                           err_msg="epoch 300 should be seed 000's loss=0.50624..., param_w=4.62525..., param_b=7.37738...")
assert w.is_leaf and w.requires_grad and b.is_leaf and b.requires_grad, (
    "w and b must still be leaves that require grad after training: p = p - lr * p.grad is recorded; "
    "detach it (or update in place under torch.no_grad())")
### BEGIN HIDDEN TESTS
SEED_000_EPOCH_20 = (23.30514144897461, 4.616385459899902, 2.8110599517822266)
np.testing.assert_allclose(log[1][1:], SEED_000_EPOCH_20, rtol=1e-6, err_msg="epoch 20 differs from seed 000's log")
assert all(isinstance(value, float) for entry in log for value in entry[1:]), "log Python floats (.item())"

def numpy_gradient_descent(lr, epochs):
    \"\"\"The same loop in float64 numpy with the gradients written by hand: an independent reference.\"\"\"
    xs, ys = x.numpy().astype(np.float64), y.numpy().astype(np.float64)
    w_, b_, log_ = 1.0, 0.0, []
    for epoch in range(1, epochs + 1):
        residual = w_ * xs + b_ - ys
        loss_ = np.mean(residual**2)
        w_, b_ = w_ - lr * 2 * np.mean(residual * xs), b_ - lr * 2 * np.mean(residual)
        if epoch % 10 == 0:
            log_.append((epoch, loss_, w_, b_))
    return log_

_, _, log = fit(x, y, 0.1, 60)
expected = numpy_gradient_descent(0.1, 60)
assert [entry[0] for entry in log] == [entry[0] for entry in expected], "60 epochs: log epochs 10, 20, ..., 60"
np.testing.assert_allclose(np.array(log)[:, 1:], np.array(expected)[:, 1:], rtol=1e-4,
                           err_msg="with lr=0.1 the trajectory differs from plain gradient descent: "
                                   "use the lr argument, and do not let gradients accumulate across epochs")
_, _, log = fit(x, y, 0.01, 25)
assert [entry[0] for entry in log] == [10, 20], "25 epochs are logged at epochs 10 and 20"
### END HIDDEN TESTS
"""),
    md("""
## Exercise 08.3: the Hessian of the loss

The loss is a quadratic bowl in `(w, b)`, so its matrix of second derivatives (the Hessian)
is the same everywhere. Compute it **with autograd**, as in notebook 06: put both parameters
in one float64 tensor `theta = tensor([w, b], dtype=torch.float64, requires_grad=True)`
(any values), compute the loss from `theta[0]` and `theta[1]` (convert `x`, `y` with
`.double()`), take the gradient with `create_graph=True`, then the gradient of each of its two
entries (`retain_graph=True` for all but the last). Return a 2×2 numpy array.
"""),
    code("""
def loss_hessian(x, y):
    \"\"\"The 2x2 Hessian of mean((w*x + b - y)**2) with respect to (w, b), by double backward.\"\"\"
    ### BEGIN SOLUTION
    theta = tensor([1.0, 0.0], dtype=torch.float64, requires_grad=True)
    loss = torch.mean((theta[0] * x.double() + theta[1] - y.double()) ** 2)
    (gradient,) = torch.autograd.grad(loss, theta, create_graph=True)
    rows = [torch.autograd.grad(gradient[i], theta, retain_graph=i == 0)[0].numpy() for i in range(2)]
    return np.stack(rows)
    ### END SOLUTION
"""),
    graded("loss_hessian", 2, """
expected = 2 * np.array([[np.mean(x_array**2), np.mean(x_array)],
                         [np.mean(x_array), 1.0]])
try:
    got = np.asarray(loss_hessian(x, y), dtype=np.float64)
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"loss_hessian raised {error!r}: the first gradient needs create_graph=True, "
                         "and the first of the two second gradients retain_graph=True") from None
assert got.shape == (2, 2), f"the Hessian with respect to (w, b) is 2x2, got shape {got.shape}"
np.testing.assert_allclose(got, expected, rtol=1e-6,
                           err_msg="the Hessian of mean((w·x + b - y)²) is 2·[[mean(x²), mean(x)], [mean(x), 1]]: "
                                   "row i is the gradient of the i-th entry of the first gradient")
### BEGIN HIDDEN TESTS
other_x = np.array([0.5, 4.0, -2.0])
got = np.asarray(loss_hessian(tensor(other_x).float(), tensor([1.0, 2.0, 3.0])), dtype=np.float64)
np.testing.assert_allclose(got, 2 * np.array([[np.mean(other_x**2), np.mean(other_x)], [np.mean(other_x), 1.0]]),
                           rtol=1e-6, err_msg="loss_hessian must use its x argument")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 08.4: the largest stable learning rate

Along the eigenvector of the Hessian with the largest eigenvalue `λ`, each gradient step
multiplies the distance to the minimum by `1 − lr·λ`. Gradient descent converges when that
factor stays between −1 and 1 for every eigenvalue, i.e. when `lr < 2 / λ_max`. Write
`largest_stable_lr(x, y)` returning that bound as a float (use your `loss_hessian` and
`np.linalg.eigvalsh`, which returns the eigenvalues of a symmetric matrix in ascending order).
"""),
    code("""
def largest_stable_lr(x, y):
    \"\"\"2 / (largest eigenvalue of the loss's Hessian): gradient descent diverges above it.\"\"\"
    ### BEGIN SOLUTION
    return float(2 / np.linalg.eigvalsh(loss_hessian(x, y)).max())
    ### END SOLUTION
"""),
    graded("largest_stable_lr", 2, """
def final_loss(lr, epochs=200):
    \"\"\"Plain gradient descent in numpy float64 (hand-written gradients): the loss after training.\"\"\"
    xs, ys = x.numpy().astype(np.float64), y.numpy().astype(np.float64)
    w_, b_ = 1.0, 0.0
    for _ in range(epochs):
        residual = w_ * xs + b_ - ys
        w_, b_ = w_ - lr * 2 * np.mean(residual * xs), b_ - lr * 2 * np.mean(residual)
    return np.mean((w_ * xs + b_ - ys) ** 2)

limit = largest_stable_lr(x, y)
assert isinstance(limit, float), f"return a Python float, got {type(limit).__name__}"
assert final_loss(0.95 * limit) < 1.0, (
    f"gradient descent with lr = 0.95 × your limit ({0.95 * limit:.4f}) does not converge: the limit is too "
    "high. It is 2 / λ with the LARGEST eigenvalue λ of the Hessian")
assert final_loss(1.05 * limit) > 1e3, (
    f"gradient descent with lr = 1.05 × your limit ({1.05 * limit:.4f}) still converges: the limit is too "
    "low. It is 2 / λ_max, not 1 / λ_max")
### BEGIN HIDDEN TESTS
np.testing.assert_allclose(limit, 2 / np.linalg.eigvalsh(2 * np.array([[np.mean(x_array**2), np.mean(x_array)],
                                                                       [np.mean(x_array), 1.0]])).max(),
                           rtol=1e-6, err_msg="the limit should be 2 / λ_max of the loss's Hessian")
### END HIDDEN TESTS
"""),
    md("""
## Summary

- A training loop is: forward, loss, `backward()`, `p ← p − lr · p.grad` with `p` kept a leaf,
  and gradients that do not pile up. Done right, it reproduces seed 000 to the last digit.
- The Hessian of the loss, from two rounds of `autograd.grad`, tells you the largest learning
  rate gradient descent can take: `2 / λ_max`.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
