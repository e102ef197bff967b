"""Write course/03_computation_graph.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_03.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace course/03_computation_graph.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "03_computation_graph.ipynb"


CELLS = [
    md("""
# 03 · The computation graph: what `backward()` walks

Notebook 02 showed *that* `backward()` fills `.grad`. Seed 000 asks the next question: who
holds the recipe for each gradient, and how does it reach the parameters? The answer is a
graph of small objects, built during the forward pass, that you can inspect and even run by hand.

**You will learn to**

1. follow `grad_fn` and `next_functions` from the loss down to the leaves (`AccumulateGrad.variable`);
2. explain why every forward pass builds a new graph;
3. backpropagate by hand by calling the nodes, and get the same `.grad` as `backward()`;
4. compute seed 004's gradients (12, 4, −4, 1) by hand, with a chain-rule table, and with the library.

As always, `import minigrad as torch`; the same code runs with `import torch`.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad.viz import BackwardStepper, draw_graph

torch.manual_seed(0)
np.random.seed(42)
"""),
    md("""
Seed 000's data: $y = 4.5x + 7$ plus noise. (The seed's code omits `+ b` in `y_array`, but
the values it prints include it, so we add it.)
"""),
    code("""
x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = 4.5 * x_array + 7.0 + np.random.normal(size=x_array.shape[0])
x = torch.tensor(x_array).float()
y = torch.tensor(y_array).float()
print(x)
print(y)
"""),

    md("""
## The loss knows how it was made

Each recorded operation creates a **node**, stored as the result's `grad_fn`. The node knows
its operation's backward formula and keeps what that formula needs. `node.next_functions`
lists, for each input, the node that produced it, as `(node, output_index)` pairs: that is the
edge gradients travel along. An input that needs no gradient (like `y`) gets `None`.
"""),
    code("""
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
y_p = param_w * x + param_b
loss = torch.mean((y_p - y) ** 2)
loss, loss.grad_fn.name(), y_p.grad_fn.name()
"""),
    md("""
**Predict, then run.** `loss = mean((param_w * x + param_b - y) ** 2)`. Write down the node
names you meet if you always follow the first entry of `next_functions` from `loss.grad_fn`.
"""),
    code("""
def describe(node):
    \"\"\"A node's name and where its edges lead (names instead of reprs with addresses).\"\"\"
    edges = [(nxt.name() if nxt is not None else None) for nxt, _ in node.next_functions]
    return f"{node.name():33} -> {edges}"

node = loss.grad_fn
while node is not None:
    print(describe(node))
    node = node.next_functions[0][0] if node.next_functions else None
"""),
    md("""
Mean → Pow → Sub → Add → Mul → a leaf. The walk ends at `AccumulateGrad`: the node for a
leaf. It has no further edges, and its `variable` is the leaf itself. When the gradient
arrives there, `AccumulateGrad` *adds* it into `variable.grad` (notebook 04 is about that word).
"""),
    code("""
mul_node = y_p.grad_fn.next_functions[0][0]
accumulate_w = mul_node.next_functions[0][0]
accumulate_b = y_p.grad_fn.next_functions[1][0]
accumulate_w.variable is param_w, accumulate_b.variable is param_b
"""),
    code("""
# Try it: follow a different path. Where does loss.grad_fn.next_functions[0][0].next_functions[0][0]
# .next_functions[1] lead, and why is its node None?
loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[1]
"""),
    code("""
# Check: three steps down from the loss is y_p's own node
three_down = loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0]
assert three_down is y_p.grad_fn
print("Check passed.")
"""),

    md("""
## A new graph for every forward pass

Seed 000 printed `y_p.grad_fn` and the node three steps down from `loss`, saw two different
addresses, and concluded the graph had been rebuilt between the two lines. The check above
shows it is the same object: within one forward pass there is one graph. (An address printed
from a temporary object is not a reliable identity: PyTorch makes the Python object for a
node on demand, and may make a new one once the old one is gone.)

What *is* true, and is the heart of PyTorch's "define-by-run" design: **every forward pass
builds a brand-new graph**, from whatever Python code actually ran. That is why an `if` or a
loop in your model just works.

**Predict, then run.** Run the same forward pass twice. Same node object?
"""),
    code("""
loss_1 = torch.mean((param_w * x + param_b - y) ** 2)
loss_2 = torch.mean((param_w * x + param_b - y) ** 2)
loss_1.grad_fn is loss_2.grad_fn, loss_1.grad_fn.name() == loss_2.grad_fn.name()
"""),
    code("""
# Try it: let Python decide the graph. Which node names do you get for use_square=False?
def model(use_square):
    error = param_w * x + param_b - y
    return torch.mean(error ** 2) if use_square else torch.mean(error.abs())

model(use_square=False).grad_fn.next_functions[0][0].name()
"""),
    code("""
# Check
assert loss_1.grad_fn is not loss_2.grad_fn
print("Check passed.")
"""),

    md("""
## Backpropagation by hand

Nodes are callable: give a node the gradient of its output, it returns the gradients of its
inputs, one per entry of `next_functions`. Seed 000 calls the `Add` node: addition passes the
gradient through unchanged, to both inputs. (The seed's comment says "1.5"; the output is
−1.5, the value we passed in.)
"""),
    code("""
y_p.grad_fn(torch.tensor([-1.5]))
"""),
    md("""
So we can do `backward()`'s job ourselves: start at `loss.grad_fn` with $\\partial loss /
\\partial loss = 1$, call each node, and pass each result along its edge. Two details the engine
handles for us:

- at an `AccumulateGrad` node, the gradient has the shape of the *broadcast* result (7 values
  here) and must be summed down to the leaf's shape (`[1]`): `param_b` was added to all 7 entries,
  so it receives the sum of their gradients;
- this graph is a tree (no node is reached twice), so a plain recursion works. For graphs
  where a value is used twice you need a topological order: that is an exercise.

We run the nodes under `no_grad()`, so that our by-hand gradients are not recorded themselves.

**Predict, then run.** Will the hand-made gradients match −33.8909 and −20.4400?
"""),
    code("""
def backprop_by_hand(node, grad, found):
    \"\"\"Send grad into node and on along its edges; collect leaf gradients in found.\"\"\"
    if node is None:
        return
    if node.name() == "torch::autograd::AccumulateGrad":
        leaf = node.variable
        found[leaf] = found.get(leaf, 0) + grad.sum_to_size(leaf.shape)
        return
    input_grads = node(grad)
    if not isinstance(input_grads, tuple):
        input_grads = (input_grads,)
    for (next_node, _), input_grad in zip(node.next_functions, input_grads):
        backprop_by_hand(next_node, input_grad, found)

loss = torch.mean((param_w * x + param_b - y) ** 2)
found = {}
with torch.no_grad():
    backprop_by_hand(loss.grad_fn, torch.tensor(1.0), found)
found[param_w], found[param_b]
"""),
    code("""
loss.backward()
param_w.grad, param_b.grad
"""),
    code("""
# Try it: add a print(node.name()) at the top of backprop_by_hand to see the order of the calls.
len(found)
"""),
    code("""
# Check
assert torch.allclose(found[param_w], param_w.grad) and torch.allclose(found[param_b], param_b.grad)
print("Check passed.")
"""),

    md("""
## Seeing the graph

`draw_graph` (from `minigrad.viz`, the course's drawing helpers) draws the same objects: one box per node, named as PyTorch names it, with the
leaves' values and gradients; arrows point the way gradients flow, from the loss to the leaves.
"""),
    code("""
# NBVAL_IGNORE_OUTPUT  (a figure: its size in pixels may differ between machines)
draw_graph(loss, names={"w": param_w, "b": param_b})
"""),
    md("""
`BackwardStepper` replays `loss.backward()` one node at a time, in the engine's real order.
Step through it: which node runs first? When does `b.grad` appear, and when `w.grad`?
(It replays with `autograd.grad`, so the real `.grad` of your tensors is left alone.)
"""),
    code("""
# NBVAL_IGNORE_OUTPUT
fresh_loss = torch.mean((param_w * x + param_b - y) ** 2)
stepper = BackwardStepper(fresh_loss, names={"w": param_w, "b": param_b})
stepper
"""),
    code("""
# Try it: the stepper also works from code. How many steps does this backward pass take?
len(stepper.steps)
"""),

    md("""
## The chain rule in a table (seed 004)

Seed 004's two-layer "network" on one input: $h_1 = w_1 x + b_1$, $y = w_2 h_1 + b_2$ with
$x = 3$, $w_1 = 2$, $b_1 = -10$, $w_2 = 4$, $b_2 = 7$, so $h_1 = -4$ and $y = -9$.

**Predict, then run.** Before reading on, work out $\\partial y / \\partial w_1$,
$\\partial y / \\partial b_1$, $\\partial y / \\partial w_2$, $\\partial y / \\partial b_2$.
Which of them are negative?

The chain rule multiplies local derivatives along the path from $y$ back to each parameter:

| parameter | path from $y$ | local derivatives | product | value |
| --- | --- | --- | --- | --- |
| $b_2$ | $y$ | $\\partial y/\\partial b_2 = 1$ | $1$ | 1 |
| $w_2$ | $y$ | $\\partial y/\\partial w_2 = h_1$ | $h_1$ | −4 |
| $b_1$ | $y \\to h_1$ | $\\partial y/\\partial h_1 = w_2$, $\\partial h_1/\\partial b_1 = 1$ | $w_2 \\cdot 1$ | 4 |
| $w_1$ | $y \\to h_1$ | $\\partial y/\\partial h_1 = w_2$, $\\partial h_1/\\partial w_1 = x$ | $w_2 \\cdot x$ | 12 |

The shared factor $\\partial y / \\partial h_1 = w_2$ is computed once and reused for both
$w_1$ and $b_1$: that reuse is what makes backpropagation cheap.
"""),
    code("""
x1, w1, b1, w2, b2 = 3.0, 2.0, -10.0, 4.0, 7.0
h1 = w1 * x1 + b1
dy_dh1 = w2
by_hand = {"w1": dy_dh1 * x1, "b1": dy_dh1 * 1, "w2": h1, "b2": 1.0}
h1, w2 * h1 + b2, by_hand
"""),
    md("""
And by the library, as in the seed: `autograd.grad` once per parameter (with
`retain_graph=True`, since each call would otherwise free the graph, see notebook 04), then
all four at once with `backward()`:
"""),
    code("""
x = torch.tensor([3.0], requires_grad=True)
w1 = torch.tensor([2.0], requires_grad=True)
b1 = torch.tensor([-10.0], requires_grad=True)
w2 = torch.tensor([4.0], requires_grad=True)
b2 = torch.tensor([7.0], requires_grad=True)

h1 = w1 * x + b1
y = w2 * h1 + b2
print(h1, y)
for name, parameter in [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)]:
    print(name, torch.autograd.grad(y, parameter, retain_graph=True))
"""),
    code("""
y.backward(retain_graph=True)
print(w1.grad, b1.grad, w2.grad, b2.grad)
"""),
    code("""
# NBVAL_IGNORE_OUTPUT  (a figure)
draw_graph(y, names={"x": x, "w1": w1, "b1": b1, "w2": w2, "b2": b2, "h1": h1})
"""),
    md("""
Reading the signs: to make $y$ larger, increase $w_1$, $b_1$, $b_2$ and *decrease* $w_2$
(its gradient $h_1 = -4$ is negative). Gradient descent does the opposite, to make a loss smaller.
"""),
    code("""
# Try it: change x to -3. Which gradients change, and which stay? Check with the table.
x_try = torch.tensor([-3.0])
y_try = w2 * (w1 * x_try + b1) + b2
torch.autograd.grad(y_try, [w1, b1, w2, b2])
"""),
    code("""
# Check: library, table and hand computation agree
library = {"w1": w1.grad.item(), "b1": b1.grad.item(), "w2": w2.grad.item(), "b2": b2.grad.item()}
assert library == by_hand == {"w1": 12.0, "b1": 4.0, "w2": -4.0, "b2": 1.0}
print("Check passed.")
"""),

    md("""
## Summary

- Every recorded operation leaves a node in `result.grad_fn`; `next_functions` links it to
  the nodes of its inputs (`None` for inputs that need no gradient).
- Leaves end in `AccumulateGrad` nodes; `node.variable` is the leaf, and the node adds the
  arriving gradient into its `.grad`.
- Each forward pass builds a new graph, from the code that actually ran.
- Calling nodes in turn, from the loss to the leaves, is exactly backpropagation; the engine
  also sums gradients to the leaf's shape and handles values used twice.
- The chain rule multiplies local derivatives along each path; shared factors are computed once.

## Exercises

Walk a graph depth-first, sort it topologically, and write `backward()` yourself:
[`../exercises/03_computation_graph.ipynb`](../exercises/03_computation_graph.ipynb).
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="c03")
