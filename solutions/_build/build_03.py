"""Write solutions/03_computation_graph.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_03.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "03_computation_graph.ipynb"
CELL_ID_PREFIX = "s03"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]

CELLS = [
    md("""
# 03 · Exercises: walk the graph, sort it, and write `backward()` yourself

In `course/03_computation_graph.ipynb` you followed `next_functions` by hand and called nodes
to backpropagate through a tree. Here you write the real thing: a graph walk, a topological
order, and a `backward()` that handles values used twice. Write your code where it says
`# YOUR CODE HERE`, then run the test cell below it.
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
ACCUMULATE_GRAD = "torch::autograd::AccumulateGrad"   # what AccumulateGrad's name() returns
"""),
    md("""
## Exercise 03.1: `walk_graph`

Return the names (`node.name()`) of the nodes behind tensor `t`, in the order of a
**depth-first** walk: start at `t.grad_fn`, then walk the first entry of `next_functions`
all the way down before the second, and so on. Skip `None` entries, and list a node reached a
second time only once (at its first visit). Compare two nodes with `is` (or put them in a `set`).
"""),
    code("""
def walk_graph(t):
    \"\"\"Names of the nodes behind t, depth-first from t.grad_fn, each node once.\"\"\"
    ### BEGIN SOLUTION
    names, seen = [], set()
    stack = [t.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        names.append(node.name())
        # push in reverse so that the first edge is walked first
        stack.extend(next_node for next_node, _ in reversed(node.next_functions))
    return names
    ### END SOLUTION
"""),
    graded("walk_graph", 2, """
w = tensor([1.0], requires_grad=True)
b = tensor([0.0], requires_grad=True)
loss = torch.mean((w * x + b - y) ** 2)
expected = ["MeanBackward0", "PowBackward0", "SubBackward0", "AddBackward0", "MulBackward0",
            ACCUMULATE_GRAD, ACCUMULATE_GRAD]
got = walk_graph(loss)
assert got == expected, f"walk_graph(seed 000's loss) should be {expected}, got {got}"
p = tensor(2.0, requires_grad=True)
q = tensor(3.0, requires_grad=True)
branchy = (p * q).exp() + q.sin()
expected = ["AddBackward0", "ExpBackward0", "MulBackward0", ACCUMULATE_GRAD, ACCUMULATE_GRAD, "SinBackward0"]
got = walk_graph(branchy)
assert got == expected, (f"expected the depth-first order {expected}, got {got}: walk the first edge all the "
                         "way down before the second (breadth-first would visit SinBackward0 too early), "
                         "and list each node once")
### BEGIN HIDDEN TESTS
a = p * 2
diamond = a * a + a
expected = ["AddBackward0", "MulBackward0", "MulBackward0", ACCUMULATE_GRAD]
got = walk_graph(diamond)
assert got == expected, (f"in a graph where a value is used three times, each node is listed once: "
                         f"expected {expected}, got {got}")
assert walk_graph(tensor(1.0, requires_grad=True) * 1) == ["MulBackward0", ACCUMULATE_GRAD]
### END HIDDEN TESTS
"""),

    md("""
## Exercise 03.2: `topological_order`

A node may only run once *all* the gradient for its output has arrived, i.e. after every node
that sends gradient into it. Return the nodes behind `t` (starting with `t.grad_fn`, each once,
no `None`) in such an order: every node appears **before** all the nodes in its
`next_functions`.

One way: a depth-first walk that appends a node *after* all its children are done (post-order),
then reverse the list. Use an explicit stack, not recursion: a 5,000-op chain must work
(Python's recursion limit is about 1,000).
"""),
    code("""
def topological_order(t):
    \"\"\"The nodes behind t, each before the nodes it sends gradients to (t.grad_fn first).\"\"\"
    ### BEGIN SOLUTION
    order, seen = [], set()
    stack = [(t.grad_fn, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
            continue
        if node is None or node in seen:
            continue
        seen.add(node)
        stack.append((node, True))
        stack.extend((next_node, False) for next_node, _ in node.next_functions)
    return order[::-1]
    ### END SOLUTION
"""),
    graded("topological_order", 3, """
def check_order(t, order):
    position = {node: i for i, node in enumerate(order)}
    assert len(position) == len(order), "each node must appear only once"
    assert order[0] is t.grad_fn, "the order should start at t.grad_fn, where backward starts"
    for node in order:
        for next_node, _ in node.next_functions:
            if next_node is None:
                continue
            assert next_node in position, f"{next_node.name()} is behind t but missing from the order"
            assert position[next_node] > position[node], (
                f"{next_node.name()} comes before {node.name()}, which sends gradient into it: "
                "it would run before all its gradient has arrived")

p = tensor(2.0, requires_grad=True)
a = p * 2
diamond = a + a * a
order = topological_order(diamond)
check_order(diamond, order)
assert [node.name() for node in order][-1] == ACCUMULATE_GRAD and len(order) == 4, \\
    f"a + a * a with a = p * 2 has 4 nodes (Add, Mul, Mul, AccumulateGrad), got {[n.name() for n in order]}"
### BEGIN HIDDEN TESTS
w = tensor([1.0], requires_grad=True)
b = tensor([0.0], requires_grad=True)
loss = torch.mean((w * x + b - y) ** 2) + (w * w).sum()
check_order(loss, topological_order(loss))
chain = p
for _ in range(5000):
    chain = chain * 1.0
long_order = topological_order(chain)
assert len(long_order) == 5001, "a chain of 5,000 multiplications has 5,001 nodes (with the AccumulateGrad)"
check_order(chain, long_order)
### END HIDDEN TESTS
"""),

    md("""
## Exercise 03.3: `manual_backward`

Now do `loss.backward()`'s job (for a scalar `loss`):

1. start with gradient `torch.ones_like(loss)` for `loss.grad_fn`;
2. visit the nodes in your `topological_order`; for each, take the **sum** of all gradients
   that arrived for it, call `node(grad)` (it returns one gradient, or a tuple of them, one
   per entry of `next_functions`), and send each result along its edge (skip `None` edges);
3. at an `AccumulateGrad` node, sum the gradient to the leaf's shape (`grad.sum_to_size(leaf.shape)`)
   and *add* it into `node.variable.grad` (set it if it is `None`).

Run it under `torch.no_grad()`, so that the gradients you compute are not recorded. Each node
must run exactly once.
"""),
    code("""
def manual_backward(loss):
    \"\"\"Fill the leaves' .grad like loss.backward(), calling each node once in topological order.\"\"\"
    ### BEGIN SOLUTION
    pending = {loss.grad_fn: torch.ones_like(loss)}
    with torch.no_grad():
        for node in topological_order(loss):
            grad = pending.pop(node)
            if node.name() == ACCUMULATE_GRAD:
                leaf = node.variable
                grad = grad.sum_to_size(leaf.shape)
                leaf.grad = grad if leaf.grad is None else leaf.grad + grad
                continue
            input_grads = node(grad)
            if not isinstance(input_grads, tuple):
                input_grads = (input_grads,)
            for (next_node, _), input_grad in zip(node.next_functions, input_grads):
                if next_node is None or input_grad is None:
                    continue
                pending[next_node] = input_grad if next_node not in pending else pending[next_node] + input_grad
    ### END SOLUTION
"""),
    graded("manual_backward", 3, """
def reference_grads(build):
    leaves, loss = build()
    loss.backward()
    return [leaf.grad.numpy().copy() for leaf in leaves]

def seed_model():
    w = tensor([1.0], requires_grad=True)
    b = tensor([0.0], requires_grad=True)
    return (w, b), torch.mean((w * x + b - y) ** 2)

(w, b), loss = seed_model()
manual_backward(loss)
assert w.grad is not None and b.grad is not None, "manual_backward should fill w.grad and b.grad"
for got, expected, name in zip((w.grad, b.grad), reference_grads(seed_model), "wb"):
    assert tuple(got.shape) == (1,), f"{name}.grad should have the leaf's shape (1,), got {tuple(got.shape)}: sum_to_size"
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5, err_msg=f"{name}.grad differs from loss.backward()")

def reused_leaf():
    p = tensor([2.0, -1.0], requires_grad=True)
    a = p * 3
    return (p,), (a * a + a + p).sum()

(p,), loss = reused_leaf()
manual_backward(loss)
np.testing.assert_allclose(p.grad.numpy(), reference_grads(reused_leaf)[0], rtol=1e-5,
                           err_msg="when a value is used several times, its node must receive the SUM of the gradients")
### BEGIN HIDDEN TESTS
calls = []

class Spy(torch.autograd.Function):
    \"\"\"Identity that records each call of its backward.\"\"\"
    @staticmethod
    def forward(ctx, t):
        return t * 1
    @staticmethod
    def backward(ctx, grad):
        calls.append(1)
        return grad

q = tensor([1.0, 2.0], requires_grad=True)
s = Spy.apply(q)
manual_backward((s * s + s).sum())
assert len(calls) == 1, (f"the Spy node ran {len(calls)} times; each node must run once, after all its "
                         "incoming gradients are summed (visit nodes in topological order, not recursively per path)")
np.testing.assert_allclose(q.grad.numpy(), [3.0, 5.0], err_msg="d/dq sum(q*q + q) = 2q + 1")
q.grad = tensor([10.0, 10.0])
manual_backward((q * 2).sum())
np.testing.assert_allclose(q.grad.numpy(), [12.0, 12.0],
                           err_msg="like backward(), manual_backward must ADD into an existing .grad")
### END HIDDEN TESTS
"""),

    md("""
## Summary

- A depth-first walk over `next_functions` reaches every node; remember what you have seen,
  or shared nodes are visited again and again.
- Reverse post-order is a topological order: a node runs only after everything that feeds it.
- Backward = visit nodes in that order, sum what arrived, call the node, pass results on, and add
  into the leaves' `.grad`. That is the whole engine.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
