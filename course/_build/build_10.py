"""Write course/10_build_your_own_backward.ipynb (without outputs).

Run from the repository root, then execute the notebook in place:

    .venv/bin/python course/_build/build_10.py
    .venv/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False course/10_build_your_own_backward.ipynb
"""
from pathlib import Path

from coursetool.authoring import code, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "10_build_your_own_backward.ipynb"


CELLS = [
    md("""
# 10 · Build your own `backward()`

Every notebook so far ended with `loss.backward()` doing its work out of sight. Here you
write it: a function of about twenty lines that walks minigrad's real graph (the `grad_fn`
nodes and their `next_functions`), calls each node's backward, and fills the leaves' `.grad`.
Then you train seed 002's bag-of-words classifier with it.

**You will learn to**

1. put the nodes of a graph in topological order, without recursion;
2. explain why gradients must be *added* (`+=`), never assigned;
3. say what "freeing saved tensors" means and why a second `backward()` fails;
4. train a real model (logistic regression with `NLLLoss`) with your own engine.

`import minigrad as torch`: the engine below also runs on PyTorch's graph with `import torch`,
except the one line that frees saved tensors (PyTorch does that in C++).
"""),
    code("""
import matplotlib.pyplot as plt
import numpy as np

import minigrad as torch
from minigrad import nn, optim
import minigrad.nn.functional as F

np.random.seed(0)
_ = torch.manual_seed(0)
"""),

    md("""
## The graph, as the engine sees it

Seed 004's two-layer chain: `h = w1·x + b1`, `y = w2·h + b2`. The engine gets only
`y.grad_fn`. From a node, `next_functions` leads to the nodes that receive its gradients, one
entry per input; a leaf's node is an `AccumulateGrad` whose `.variable` is the leaf.

**Predict, then run.** How many nodes does this graph have, counting the four
`AccumulateGrad`s?
"""),
    code("""
x = torch.tensor([3.])
w1 = torch.tensor([2.], requires_grad=True)
b1 = torch.tensor([-10.], requires_grad=True)
w2 = torch.tensor([4.], requires_grad=True)
b2 = torch.tensor([7.], requires_grad=True)

h1 = w1*x+b1  # -4
y = w2*h1+b2  # -9

names = {id(w1): "w1", id(b1): "b1", id(w2): "w2", id(b2): "b2"}

def show(node, depth=0):
    \"\"\"Print the graph below node, one line per node (a leaf shows its variable's name).\"\"\"
    label = node.name()
    if hasattr(node, "variable"):
        label += f"  ({names[id(node.variable)]})"
    print("    " * depth + label)
    for child, _ in node.next_functions:
        if child is not None:
            show(child, depth + 1)

show(y.grad_fn)
"""),
    md("""
Eight nodes: two `AddBackward0`, two `MulBackward0`, four leaves. The multiplications by `x`
have only one child each: `x` does not require grad, so its entry in `next_functions` is
`None`, and no gradient is sent there.

(`show` is recursive, which is fine for printing eight nodes. The engine must not be:
a 10,000-op chain would overflow Python's stack.)

**Try it.** A node can be called on a gradient: it returns one gradient per input, exactly
what the engine passes on. Call `y.grad_fn` on `tensor([1.])`.
"""),
    code("""
y.grad_fn(torch.tensor([1.]))
"""),
    md("**Check.** The leaf nodes hold the very tensors we created:"),
    code("""
mul2 = y.grad_fn.next_functions[0][0]
assert mul2.next_functions[0][0].variable is w2
assert mul2.next_functions[1][0] is h1.grad_fn
"""),

    md("""
## Topological order

A node may only run once its gradient is **complete**: every node that sends it a
contribution must have run first. An order with that property is a *topological order*
(parents before children, if the loss is the top).

One way to get it: a depth-first search that appends each node *after* all the nodes below
it (post-order), then reverse the list. We keep our own stack instead of recursing, so the
depth of the graph does not matter.

**Predict, then run.** In which order will the eight nodes of the chain come out?
"""),
    code("""
def topological_order(root):
    \"\"\"The nodes reachable from root, each one before every node it sends gradients to.\"\"\"
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)  # everything below node is already in order
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))
        for child, _ in node.next_functions:
            if child is not None and child not in visited:
                stack.append((child, False))
    return order[::-1]


def label(node):
    return names[id(node.variable)] if hasattr(node, "variable") else node.name()

[label(node) for node in topological_order(y.grad_fn)]
"""),
    md("""
The root first; `MulBackward0` of `w2·h1` before the subtree of `h1`; every leaf after the
node that feeds it. Other orders would be valid too (`b2` could come anywhere after the root);
what matters is that no node comes before one of its parents.

**Try it.** Build a chain of 10,000 operations and sort it. A recursive version would raise
`RecursionError` (Python's default limit is 1,000 frames).
"""),
    code("""
z = torch.tensor(1.0, requires_grad=True)
chain = z
for _ in range(10_000):
    chain = chain * 1.0
len(topological_order(chain.grad_fn))
"""),
    md("**Check.** Every node appears after all of its parents:"),
    code("""
def assert_topological(order):
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        for child, _ in node.next_functions:
            if child is not None:
                assert position[child] > position[node], f"{child.name()} before its parent {node.name()}"

assert_topological(topological_order(y.grad_fn))
assert_topological(topological_order(chain.grad_fn))
"""),

    md("""
## Running the nodes: gradients add up

Now the engine itself. Keep a dictionary `grads` from node to the gradient collected so far.
Walk the nodes in topological order; give each its collected gradient; pass what it returns
on to its children. A leaf's `AccumulateGrad` node ends the walk: its gradient goes into
`.grad`.

Two details:

- A node may receive gradients from several parents (a tensor used twice). They must be
  **added**: `d(loss)/dx` is the sum over every path from `x` to the loss.
- An op with broadcasting returns the gradient in the broadcast shape. PyTorch's engine sums
  it back to each input's shape; ours does it at the leaves with `sum_to_size`, which is
  enough when (as here) only leaves are broadcast.

Calls to nodes run under `no_grad`: we want numbers, not a graph of the backward pass.
"""),
    code("""
def my_backward(loss, retain_graph=False):
    \"\"\"loss.backward(), written by hand: accumulate d(loss)/d(leaf) into every leaf's .grad.\"\"\"
    grads = {loss.grad_fn: torch.ones_like(loss)}
    with torch.no_grad():
        for node in topological_order(loss.grad_fn):
            grad = grads.pop(node, None)
            if grad is None:
                continue  # no gradient reached this node
            if hasattr(node, "variable"):  # AccumulateGrad: the end of a path, at a leaf
                leaf = node.variable
                grad = grad.sum_to_size(leaf.shape)
                leaf.grad = grad if leaf.grad is None else leaf.grad + grad
                continue
            outputs = node(grad)
            if not isinstance(outputs, tuple):
                outputs = (outputs,)
            for (child, _), child_grad in zip(node.next_functions, outputs):
                if child is None or child_grad is None:
                    continue
                grads[child] = child_grad if child not in grads else grads[child] + child_grad
            if not retain_graph:
                node._release()  # minigrad's name for "free the saved tensors" (PyTorch: C++ only)


my_backward(y, retain_graph=True)
print(w1.grad, b1.grad, w2.grad, b2.grad)
"""),
    md("""
`12, 4, -4, 1`: seed 004's gradients. `w1` gets `w2·x = 12`, `b1` gets `w2 = 4`,
`w2` gets `h1 = -4`, `b2` gets `1`.

**Predict, then run.** `x·x` uses `x` twice: `MulBackward0` sends *two* gradients to the same
`AccumulateGrad`. At `x = 3`, the right answer is `2x = 6`. What would an engine that assigns
(`grads[child] = child_grad`) instead of adding give?
"""),
    code("""
def overwriting_backward(loss):
    \"\"\"A broken engine: each new gradient replaces the previous one instead of adding to it.\"\"\"
    grads = {loss.grad_fn: torch.ones_like(loss)}
    with torch.no_grad():
        for node in topological_order(loss.grad_fn):
            grad = grads.pop(node, None)
            if grad is None:
                continue
            if hasattr(node, "variable"):
                node.variable.grad = grad
                continue
            outputs = node(grad)
            outputs = outputs if isinstance(outputs, tuple) else (outputs,)
            for (child, _), child_grad in zip(node.next_functions, outputs):
                if child is not None and child_grad is not None:
                    grads[child] = child_grad  # wrong: should add


a = torch.tensor(3.0, requires_grad=True)
overwriting_backward(a * a)
print("overwriting:", a.grad)

a.grad = None
my_backward(a * a)
print("adding:     ", a.grad)
"""),
    md("""
`3` instead of `6`: one of the two paths was lost. Early versions of tinygrad had exactly
this bug. It hides in any model where a tensor is used twice: shared weights, residual
connections, `x * x`. Test engines on *diamonds* (one tensor, two paths, one result).

**Try it.** Call `my_backward(y, retain_graph=True)` a second time on seed 004's chain. The
leaves' `.grad` doubles: accumulation across calls (notebook 04) is the same `+` as within one.
"""),
    code("""
my_backward(y, retain_graph=True)
w1.grad
"""),
    md("**Check.** On a diamond, our engine agrees with minigrad's:"),
    code("""
def diamond(v):
    shared = v.exp()
    return (shared * 2 + shared.sin() * shared).sum()

v1 = torch.tensor([0.1, -0.4, 0.9], requires_grad=True)
v2 = torch.tensor([0.1, -0.4, 0.9], requires_grad=True)
my_backward(diamond(v1))
diamond(v2).backward()
assert torch.allclose(v1.grad, v2.grad)
"""),

    md("""
## Freeing saved tensors

`MulBackward0` needs both inputs, `ExpBackward0` its output: every node holds on to tensors
saved in forward. For a big network that is most of the memory. Once backward has used them
they are not needed any more, so the engine frees them as it goes, unless you pass
`retain_graph=True`.

**Predict, then run.** What happens on a second `backward()` without `retain_graph`?
"""),
    code("""
p = torch.tensor(2.0, requires_grad=True)
q = p * p
q.backward()
try:
    q.backward()
except RuntimeError as error:
    print("RuntimeError:", error)
"""),
    md("""
The saved `p`s are gone, so `MulBackward0` cannot compute `grad * p` any more. The error
message tells you the two ways out: `retain_graph=True` on the first call, or (usually the
right fix) running forward again, which builds a fresh graph.

Our `my_backward` frees each node right after running it, with the same effect.

**Try it.** Run `my_backward` twice on one graph without `retain_graph`.
"""),
    code("""
p = torch.tensor(2.0, requires_grad=True)
q = p * p
my_backward(q)
try:
    my_backward(q)
except RuntimeError as error:
    print("RuntimeError:", str(error)[:60], "...")
"""),
    md("**Check.** With `retain_graph=True`, the graph can be used again and the gradients add up:"),
    code("""
p = torch.tensor(2.0, requires_grad=True)
q = p * p
my_backward(q, retain_graph=True)
my_backward(q)
assert p.grad.item() == 8.0
"""),

    md("""
## Seed 002: a bag-of-words classifier, trained by your engine

Seed 002 trains a logistic regression that tells English from (romanised) Japanese sentences.
A sentence becomes a vector of word counts; `nn.Linear` maps it to two scores;
`log_softmax` turns them into log-probabilities; `NLLLoss` picks the negative
log-probability of the correct label. The seed's data is not in the article, so we use six
sentences of the same kind.

We set the initial weights from a fixed numpy generator, so the run is the same with
`import torch`.
"""),
    code("""
train = [("the cat sat on the mat".split(), "ENGLISH"),
         ("neko ga matto ni suwatta".split(), "JAPANESE"),
         ("a dog ran in the park".split(), "ENGLISH"),
         ("inu ga kouen de hashitta".split(), "JAPANESE"),
         ("the bird sang".split(), "ENGLISH"),
         ("tori ga utatta".split(), "JAPANESE")]
test = [("the dog sat".split(), "ENGLISH"),
        ("neko ga hashitta".split(), "JAPANESE")]

word_to_ix = {}
for sentence, _ in train + test:
    for word in sentence:
        word_to_ix.setdefault(word, len(word_to_ix))
label_to_ix = {"ENGLISH": 0, "JAPANESE": 1}
VOCAB_SIZE, NUM_LABELS = len(word_to_ix), 2


class BoWClassifier(nn.Module):
    def __init__(self, num_labels, vocab_size):
        super().__init__()
        self.linear = nn.Linear(vocab_size, num_labels)

    def forward(self, bow_vec):
        return F.log_softmax(self.linear(bow_vec), dim=1)


def make_bow_vector(sentence):
    vec = torch.zeros(len(word_to_ix))
    for word in sentence:
        vec[word_to_ix[word]] += 1
    return vec.view(1, -1)


def make_target(label):
    return torch.tensor([label_to_ix[label]])


def new_model():
    \"\"\"A BoWClassifier with fixed initial weights (numpy seed 1).\"\"\"
    model = BoWClassifier(NUM_LABELS, VOCAB_SIZE)
    rng = np.random.RandomState(1)
    with torch.no_grad():
        model.linear.weight.copy_(torch.tensor(rng.uniform(-0.2, 0.2, (2, VOCAB_SIZE)).astype(np.float32)))
        model.linear.bias.copy_(torch.tensor(rng.uniform(-0.2, 0.2, 2).astype(np.float32)))
    return model


model = new_model()
print(model)
print(VOCAB_SIZE, "words")
"""),
    md("""
Seed 002's training loop, with one change: `loss.backward()` becomes `my_backward(loss)`.

**Predict, then run.** Before training, the model's log-probabilities for the test sentences
are close to `log(0.5) ≈ -0.69` for both labels. After 100 epochs?
"""),
    code("""
def evaluate(model):
    with torch.no_grad():
        for sentence, label in test:
            log_probs = model(make_bow_vector(sentence))
            print(" ".join(sentence), "->", log_probs)

evaluate(model)

loss_function = nn.NLLLoss()
optimizer = optim.SGD(model.parameters(), lr=0.1)
epoch_losses = []

for epoch in range(100):
    total = 0.0
    for sentence, label in train:
        model.zero_grad()  # clear accumulated gradients
        bow_vec = make_bow_vector(sentence)
        target = make_target(label)
        log_probs = model(bow_vec)  # forward pass
        loss = loss_function(log_probs, target)
        my_backward(loss)  # our engine instead of loss.backward()
        optimizer.step()  # reads .grad, which our engine filled
        total += loss.item()
    epoch_losses.append(total / len(train))

print("after training:")
evaluate(model)
"""),
    md("""
Both test sentences are now classified with confidence (the log-probability of the right
label is near 0). Neither `model.zero_grad()` nor `optimizer.step()` noticed that
`loss.backward()` was gone: they only talk to `.grad`, which is exactly the answer to seed
002's question from notebook 09.
"""),
    code("""
plt.figure(figsize=(5, 3), dpi=80)
plt.plot(epoch_losses)
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("mean NLL loss (log scale)")
plt.title("seed 002: trained with my_backward")
plt.show()
"""),
    md("""
**Try it.** Which words pushed hardest towards "JAPANESE"? The weight row of label 1 minus
the row of label 0 scores every word.
"""),
    code("""
with torch.no_grad():
    score = (model.linear.weight[1] - model.linear.weight[0]).numpy()
words = sorted(word_to_ix, key=lambda word: score[word_to_ix[word]])
words[:3], words[-3:]
"""),
    md("**Check.** Training with minigrad's own engine gives the same weights:"),
    code("""
reference = new_model()
reference_optimizer = optim.SGD(reference.parameters(), lr=0.1)
for epoch in range(100):
    for sentence, label in train:
        reference.zero_grad()
        loss = loss_function(reference(make_bow_vector(sentence)), make_target(label))
        loss.backward()
        reference_optimizer.step()

assert torch.allclose(model.linear.weight, reference.linear.weight, atol=1e-6)
assert torch.allclose(model.linear.bias, reference.linear.bias, atol=1e-6)
"""),

    md("""
## Summary

- The engine sees only nodes: `grad_fn`, `next_functions` (one entry per input, `None` for
  inputs that need no gradient) and `AccumulateGrad` nodes holding the leaves.
- It runs them in topological order, so each node's gradient is complete before it runs.
  A depth-first post-order with an explicit stack gives that order for graphs of any depth.
- Contributions to one node are **added**: a tensor used twice gets the sum over both paths.
  Assigning instead silently drops paths.
- After running, a node frees its saved tensors; a second backward then fails unless
  `retain_graph=True`.
- `optimizer.step()` does not care who filled `.grad`: your twenty lines trained seed 002's
  classifier to the same weights as minigrad's engine.

This is the end of the course. You have written, in small pieces, everything
`loss.backward(); optimizer.step()` does.

## Exercises

Open [`../exercises/10_build_your_own_backward.ipynb`](../exercises/10_build_your_own_backward.ipynb):
write `backward(loss)` yourself, graded against minigrad's engine on random graphs and a
10,000-node chain.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix="cell")
