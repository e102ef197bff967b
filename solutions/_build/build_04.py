"""Write solutions/04_gradient_accumulation.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_04.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "04_gradient_accumulation.ipynb"
CELL_ID_PREFIX = "s04"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]

CELLS = [
    md("""
# 04 · Exercises: accumulation, a training-loop bug, micro-batches

In `course/04_gradient_accumulation.ipynb` you saw that `backward()` adds into `.grad`. Here
you write that accumulation yourself, fix a loop that forgets it, and use it on purpose to
split a batch. Write your code where it says `# YOUR CODE HERE`, then run the test cell below it.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad import tensor

torch.manual_seed(0)
np.random.seed(42)

x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = 4.5 * x_array + 7.0 + np.random.normal(size=7)
x = tensor(x_array).float()
y = tensor(y_array).float()
"""),
    md("""
## Exercise 04.1: `accumulate_grad`

Write what PyTorch's `AccumulateGrad` node does when a gradient arrives at a leaf:

- if `leaf.grad` is `None`, store a **copy** of the gradient without history
  (`grad.detach().clone()`): the caller may reuse or change its tensor afterwards;
- otherwise **add** it to what is already there.
"""),
    code("""
def accumulate_grad(leaf, grad):
    \"\"\"Add grad into leaf.grad, as AccumulateGrad does at the end of backward().\"\"\"
    ### BEGIN SOLUTION
    grad = grad.detach()
    if leaf.grad is None:
        leaf.grad = grad.clone()
    else:
        leaf.grad = leaf.grad + grad
    ### END SOLUTION
"""),
    graded("accumulate_grad", 2, """
leaf = tensor([1.0, 2.0], requires_grad=True)
accumulate_grad(leaf, tensor([0.5, 0.5]))
assert leaf.grad is not None, "after the first gradient arrives, leaf.grad should be set"
np.testing.assert_allclose(leaf.grad.numpy(), [0.5, 0.5], err_msg="the first gradient is stored as it is")
accumulate_grad(leaf, tensor([1.0, -1.0]))
np.testing.assert_allclose(leaf.grad.numpy(), [1.5, -0.5],
                           err_msg="the second gradient must be ADDED (+=), not replace the first (=)")
### BEGIN HIDDEN TESTS
fresh = tensor([0.0, 0.0], requires_grad=True)
incoming = tensor([1.0, 1.0])
accumulate_grad(fresh, incoming)
incoming[0] = 100.0
np.testing.assert_allclose(fresh.grad.numpy(), [1.0, 1.0],
                           err_msg="leaf.grad changed when the caller changed its gradient tensor: store a copy (clone)")
for _ in range(3):
    accumulate_grad(fresh, tensor([1.0, 2.0]))
np.testing.assert_allclose(fresh.grad.numpy(), [4.0, 7.0], err_msg="four gradients should add up")
tracked = tensor([1.0, 1.0], requires_grad=True) * 2
other = tensor([0.0, 0.0], requires_grad=True)
accumulate_grad(other, tracked)
assert other.grad.grad_fn is None, "a stored gradient should carry no history (detach it)"
### END HIDDEN TESTS
"""),

    md("""
## Exercise 04.2: bug hunt

This loop trains $w, b$ on seed 000's data, but the loss behaves strangely. Find the bug and
write the corrected `train`, returning the final `w` and `b` (as tensors).

```python
def train(epochs=50, lr=0.01):
    w = tensor([1.0], requires_grad=True)
    b = tensor([0.0], requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    for epoch in range(epochs):
        loss = torch.mean((w * x + b - y) ** 2)
        loss.backward()
        optimizer.step()
    return w, b
```
"""),
    code("""
def train(epochs=50, lr=0.01):
    \"\"\"Fit y = w x + b to seed 000's data by gradient descent on the mean squared error.\"\"\"
    ### BEGIN SOLUTION
    w = tensor([1.0], requires_grad=True)
    b = tensor([0.0], requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = torch.mean((w * x + b - y) ** 2)
        loss.backward()
        optimizer.step()
    return w, b
    ### END SOLUTION
"""),
    graded("train_fixed", 2, """
def numpy_gradient_descent(epochs, lr):
    \"\"\"The same training, written out with numpy and the hand derivative of the MSE.\"\"\"
    w, b = 1.0, 0.0
    for _ in range(epochs):
        error = w * x_array + b - y_array
        w, b = w - lr * 2 * np.mean(error * x_array), b - lr * 2 * np.mean(error)
    return w, b

w, b = train(epochs=50, lr=0.01)
expected_w, expected_b = numpy_gradient_descent(50, 0.01)
assert abs(w.item() - expected_w) < 1e-3 and abs(b.item() - expected_b) < 1e-3, (
    f"after 50 epochs expected w={expected_w:.4f}, b={expected_b:.4f}, got w={w.item():.4f}, b={b.item():.4f}. "
    "Is each step using the gradient of the CURRENT loss only? backward() adds to the old .grad")
### BEGIN HIDDEN TESTS
w, b = train(epochs=5, lr=0.05)
expected_w, expected_b = numpy_gradient_descent(5, 0.05)
assert abs(w.item() - expected_w) < 1e-3 and abs(b.item() - expected_b) < 1e-3, \\
    "with epochs=5, lr=0.05 the result differs from plain gradient descent: clear the gradients before backward, not after"
### END HIDDEN TESTS
"""),

    md("""
## Exercise 04.3: micro-batches

Write `micro_batch_grads(w, b, k)`: fill `w.grad` and `b.grad` with the gradient of the
full-batch loss `mean((w * x + b - y) ** 2)` over all 7 points, using `k` backward passes,
one per piece of the batch (`np.array_split(np.arange(7), k)` gives the pieces' indices;
`x[i:j]` slices a tensor). Gradients already in `w.grad`, `b.grad` must not count. Think
about how each piece's loss must be scaled so that the pieces add up to the *mean over all 7*.
"""),
    code("""
def micro_batch_grads(w, b, k):
    \"\"\"Full-batch MSE gradient in w.grad, b.grad, accumulated over k micro-batches.\"\"\"
    ### BEGIN SOLUTION
    w.grad = None
    b.grad = None
    n = len(x)
    for piece in np.array_split(np.arange(n), k):
        start, stop = int(piece[0]), int(piece[-1]) + 1
        piece_loss = ((w * x[start:stop] + b - y[start:stop]) ** 2).sum() / n
        piece_loss.backward()
    ### END SOLUTION
"""),
    graded("micro_batch_grads", 3, """
def full_batch(w0, b0):
    w = tensor([w0], requires_grad=True)
    b = tensor([b0], requires_grad=True)
    torch.mean((w * x + b - y) ** 2).backward()
    return w.grad.numpy(), b.grad.numpy()

w = tensor([1.0], requires_grad=True)
b = tensor([0.0], requires_grad=True)
micro_batch_grads(w, b, 2)
expected_w, expected_b = full_batch(1.0, 0.0)
np.testing.assert_allclose(w.grad.numpy(), expected_w, rtol=1e-4, err_msg=(
    "with k=2 (pieces of 4 and 3 points) w.grad differs from the full batch's -33.8909: scale each piece's "
    "SUM of squared errors by 1/7, not its mean by 1/k (the pieces have different sizes)"))
np.testing.assert_allclose(b.grad.numpy(), expected_b, rtol=1e-4, err_msg="b.grad differs from the full batch")
### BEGIN HIDDEN TESTS
for k in (1, 3, 7):
    w = tensor([2.0], requires_grad=True)
    b = tensor([1.0], requires_grad=True)
    micro_batch_grads(w, b, k)
    expected_w, expected_b = full_batch(2.0, 1.0)
    np.testing.assert_allclose(w.grad.numpy(), expected_w, rtol=1e-4, err_msg=f"wrong w.grad with k={k}")
    np.testing.assert_allclose(b.grad.numpy(), expected_b, rtol=1e-4, err_msg=f"wrong b.grad with k={k}")
w = tensor([1.0], requires_grad=True)
b = tensor([0.0], requires_grad=True)
w.grad = tensor([100.0])
b.grad = tensor([100.0])
micro_batch_grads(w, b, 2)
np.testing.assert_allclose(w.grad.numpy(), full_batch(1.0, 0.0)[0], rtol=1e-4,
                           err_msg="an old gradient was still in w.grad: clear the gradients before accumulating")
### END HIDDEN TESTS
"""),

    md("""
## Summary

- `AccumulateGrad` stores a copy the first time and adds afterwards.
- A loop that never clears `.grad` steps along the sum of all past gradients.
- Accumulating over micro-batches gives the full-batch gradient if each piece's loss is its
  share of the full loss: sum over the piece divided by the full batch size.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
