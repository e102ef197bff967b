"""Write solutions/05_no_grad_and_detach.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_05.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "05_no_grad_and_detach.ipynb"
CELL_ID_PREFIX = "s05"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]

CELLS = [
    md("""
# 05 · Exercises: your own `no_grad`, an in-place SGD step, and four predictions

In `course/05_no_grad_and_detach.ipynb` you switched recording off with `no_grad()` and
`detach()`. Here you build `no_grad` yourself, write the update an optimizer makes, and
predict which snippets raise. Write your code where it says `# YOUR CODE HERE`, then run the
test cell below it.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad import tensor

torch.manual_seed(0)
np.random.seed(42)

x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
x = tensor(x_array).float()
y = tensor(4.5 * x_array + 7.0 + np.random.normal(size=7)).float()
"""),
    md("""
## Exercise 05.1: `my_no_grad`

Write a context manager class `my_no_grad` that switches recording off with
`torch.set_grad_enabled(False)` on entry and, on exit, restores **the mode that was active
before** (read it with `torch.is_grad_enabled()`), also when the block raises. It must not
swallow exceptions (`__exit__` returns `False`).
"""),
    code("""
class my_no_grad:
    \"\"\"Like torch.no_grad(): disable gradient recording inside a with block, then restore the previous mode.\"\"\"

    ### BEGIN SOLUTION
    def __enter__(self):
        self.previous = torch.is_grad_enabled()
        torch.set_grad_enabled(False)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        torch.set_grad_enabled(self.previous)
        return False
    ### END SOLUTION
"""),
    graded("my_no_grad", 2, """
w = tensor([1.0], requires_grad=True)
try:
    with my_no_grad():
        assert not torch.is_grad_enabled(), "inside my_no_grad, torch.is_grad_enabled() should be False"
        inside = w * 2
    assert inside.grad_fn is None and not inside.requires_grad, "results computed inside my_no_grad must not be recorded"
    assert torch.is_grad_enabled(), "after my_no_grad, recording should be on again"
    with torch.no_grad():
        with my_no_grad():
            pass
        assert not torch.is_grad_enabled(), (
            "my_no_grad inside torch.no_grad() switched recording ON when it exited: restore the PREVIOUS "
            "mode, not always True")
finally:
    torch.set_grad_enabled(True)
### BEGIN HIDDEN TESTS
try:
    try:
        with my_no_grad():
            raise KeyError("boom")
    except KeyError:
        pass
    else:
        raise AssertionError("my_no_grad swallowed an exception raised in its block: __exit__ must return False")
    assert torch.is_grad_enabled(), "after an exception inside my_no_grad, recording must be restored"
    with torch.no_grad():
        with my_no_grad():
            with torch.enable_grad():
                assert torch.is_grad_enabled()
            assert not torch.is_grad_enabled()
finally:
    torch.set_grad_enabled(True)
### END HIDDEN TESTS
"""),

    md("""
## Exercise 05.2: an in-place SGD step

Write `sgd_step_(params, lr)`: for each parameter `p`, update it **in place**,
$p \\leftarrow p - \\mathrm{lr}\\cdot$ `p.grad`, so that the same tensor objects (the ones a
model and an optimizer hold) get the new values, and they stay leaves that require grad. Then
clear the gradients (`p.grad = None`). You will need `torch.no_grad()`.

The test trains seed 000's model for 10 epochs with your step; the seed's detach-based loop
printed `param_w=3.4754106998443604, param_b=1.6848385334014893` at epoch 10.
"""),
    code("""
def sgd_step_(params, lr):
    \"\"\"One in-place gradient-descent step on each parameter, then clear its gradient (like optimizer.step() + zero_grad()).\"\"\"
    ### BEGIN SOLUTION
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad = None
    ### END SOLUTION
"""),
    graded("sgd_step", 2, """
param_w = tensor([1.0], requires_grad=True)
param_b = tensor([0.0], requires_grad=True)
torch.mean((param_w * x + param_b - y) ** 2).backward()
sgd_step_([param_w, param_b], 0.01)
assert param_w.is_leaf and param_w.requires_grad, "after the step param_w must still be a leaf that requires grad"
np.testing.assert_allclose(param_w.detach().numpy(), [1.3389], atol=1e-4, err_msg=(
    "after one step w should be 1 - 0.01 * (-33.8909) = 1.3389 IN THE SAME TENSOR: rebinding p = p - lr * p.grad "
    "inside the function leaves the caller's tensor unchanged"))
for epoch in range(2, 11):
    torch.mean((param_w * x + param_b - y) ** 2).backward()
    sgd_step_([param_w, param_b], 0.01)
np.testing.assert_allclose([param_w.item(), param_b.item()], [3.4754106998443604, 1.6848385334014893], rtol=1e-5,
                           err_msg="after 10 epochs w, b differ from seed 000's detach-based loop: are the gradients cleared after each step?")
### BEGIN HIDDEN TESTS
p = tensor([1.0, 2.0], requires_grad=True)
same_object = p
(p * tensor([3.0, 4.0])).sum().backward()
sgd_step_([p], 0.5)
assert p is same_object
np.testing.assert_allclose(p.detach().numpy(), [-0.5, 0.0], err_msg="p - 0.5 * grad with grad [3, 4]")
assert p.grad is None or float(p.grad.abs().sum()) == 0.0, "the gradient should be cleared after the step"
assert p.grad_fn is None, "the update must not be recorded (p must not get a grad_fn)"
### END HIDDEN TESTS
"""),

    md("""
## Exercise 05.3: which snippets raise?

Read the four snippets below *without running them*. For each, decide whether it raises an
error, and write a one-line reason as a comment next to your answer. Set `predicted` to a
list of four booleans (`True` = raises). The test runs the snippets and compares.
"""),
    code("""
SNIPPETS = {
    "A": '''
w = torch.tensor([1.0], requires_grad=True)
w += 1
''',
    "B": '''
w = torch.tensor([1.0], requires_grad=True)
with torch.no_grad():
    w += 1
''',
    "C": '''
a = torch.tensor([1.0, 2.0], requires_grad=True)
e = a.exp()
e.add_(1)
e.sum().backward()
''',
    "D": '''
a = torch.tensor([1.0, 2.0], requires_grad=True)
s = a + 1
s.add_(1)
s.sum().backward()
''',
}
for name, snippet in SNIPPETS.items():
    print(f"--- {name} ---{snippet}")
"""),
    code("""
### BEGIN SOLUTION
predicted = [
    True,   # A: in-place change of a leaf that requires grad, while recording
    False,  # B: under no_grad the in-place update is not recorded: a plain data update
    True,   # C: exp saved its output for backward; add_ changed it (version counter)
    False,  # D: a + 1 saves nothing for backward, and s is not a leaf: the in-place add is fine
]
### END SOLUTION
"""),
    graded("predictions", 2, """
def raises(snippet):
    try:
        exec(snippet, {"torch": torch})
    except Exception:
        return True
    return False

assert isinstance(predicted, list) and len(predicted) == 4 and all(isinstance(p, bool) for p in predicted), \\
    "predicted should be a list of four booleans, e.g. [True, False, False, True]"
for index, name in enumerate("AB"):
    actual = raises(SNIPPETS[name])
    assert predicted[index] == actual, (
        f"snippet {name} {'raises' if actual else 'does not raise'}. Think about whether the in-place change "
        "is recorded, and whether it hits a leaf that requires grad")
### BEGIN HIDDEN TESTS
for index, name in zip((2, 3), "CD"):
    actual = raises(SNIPPETS[name])
    assert predicted[index] == actual, (
        f"snippet {name} {'raises' if actual else 'does not raise'}: does backward need the value that add_ changed?")
### END HIDDEN TESTS
"""),

    md("""
## Summary

- `no_grad` is a tiny context manager: remember the mode, switch it off, restore it in `__exit__`.
- An optimizer step is an in-place update under `no_grad()`, followed by clearing the gradients.
- In-place operations fail when they would change a recording leaf, or a value that backward
  still needs; otherwise they are fine.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
