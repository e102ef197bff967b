"""Write solutions/10_build_your_own_backward.ipynb (the master copy, without outputs).

Run from the repository root, then regenerate the student copies:

    .venv/bin/python solutions/_build/build_10.py
    .venv/bin/python -m coursetool release
"""
from pathlib import Path

from coursetool.authoring import code, graded, md, write_notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "10_build_your_own_backward.ipynb"
CELL_ID_PREFIX = "s10"
PROTECTED_MODULES = ["minigrad", "minigrad.autograd"]


CELLS = [
    md("""
# 10 · Exercises: the engine, the way the engine does it

In `course/10_build_your_own_backward.ipynb` you sorted the graph with a depth-first search
and wrote `my_backward`. Real engines (PyTorch's, and minigrad's `autograd/engine.py`) sort
differently: they first **count**, for every node, how many gradients will arrive, and run a
node when its count drops to zero (Kahn's algorithm). Here you write that engine over
minigrad's real nodes: `grad_fn`, `next_functions`, calling a node on a gradient, and the
`AccumulateGrad` nodes whose `.variable` is the leaf. It is graded against minigrad's own
engine on random graphs and on a 10,000-node chain, so: no recursion anywhere. Write your
code where it says `# YOUR CODE HERE`, then run the test cell below it.
"""),
    code("""
import numpy as np

import minigrad as torch
from minigrad import tensor

torch.manual_seed(0)
np.random.seed(0)
"""),
    md("""
## Exercise 10.1: `count_dependencies`

Return a dict that maps every node reachable from `root` through `next_functions` (`root`
included, `None` entries skipped) to the number of **edges** that lead into it from those
nodes: the number of gradients it will receive. `root` gets 0. An edge counts each time it
appears: in `x * x`, `MulBackward0` has two edges to the same `AccumulateGrad`, which gets 2.
Visit each node once, with an explicit stack (a 10,000-node chain must work).
"""),
    code("""
def count_dependencies(root):
    \"\"\"{node: number of edges into it} for every node reachable from root (root: 0).\"\"\"
    ### BEGIN SOLUTION
    counts = {root: 0}
    stack = [root]
    while stack:
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is None:
                continue
            if child not in counts:  # first time we reach it: explore it once
                counts[child] = 0
                stack.append(child)
            counts[child] += 1
    return counts
    ### END SOLUTION
"""),
    graded("count_dependencies", 2, """
def named_counts(counts):
    return sorted((node.name(), count) for node, count in counts.items())

p = tensor(2.0, requires_grad=True)
square = p * p
counts = count_dependencies(square.grad_fn)
assert counts.get(square.grad_fn) == 0, "the root gets 0: no edge leads into it"
assert named_counts(counts) == [("MulBackward0", 0), ("torch::autograd::AccumulateGrad", 2)], (
    f"for p * p expected Mul: 0 and AccumulateGrad: 2 (two edges, one per use of p), got {named_counts(counts)}")
a = p.exp()
diamond = a.sin() + a.cos() * a
counts = count_dependencies(diamond.grad_fn)
assert counts[a.grad_fn] == 3, (
    f"a = p.exp() is used three times (sin, cos, and the product): its node should count 3 edges, got {counts[a.grad_fn]}")
assert len(counts) == 6, f"a.sin() + a.cos() * a has 6 nodes (Add, Sin, Mul, Cos, Exp, AccumulateGrad), got {len(counts)}"
leaf_node = a.grad_fn.next_functions[0][0]
assert counts[leaf_node] == 1, (
    f"p's AccumulateGrad has one edge into it (from Exp), got {counts[leaf_node]}: explore each node once, "
    "even when several edges lead to it, or the edges below it are counted again")
### BEGIN HIDDEN TESTS
q = tensor([1.0, 2.0], requires_grad=True)
constant = tensor([3.0, 4.0])
partial = (q * constant).sum()
assert named_counts(count_dependencies(partial.grad_fn)) == [
    ("MulBackward0", 1), ("SumBackward0", 0), ("torch::autograd::AccumulateGrad", 1)], \\
    "None entries of next_functions (inputs that need no gradient) are not nodes: skip them"
chain = p
for _ in range(10_000):
    chain = chain * 1.0
counts = count_dependencies(chain.grad_fn)
assert len(counts) == 10_001 and sorted(set(counts.values())) == [0, 1], (
    "a chain of 10,000 multiplications has 10,001 nodes, each with one incoming edge except the root")
### END HIDDEN TESTS
"""),
    md("""
## Exercise 10.2: `topological_order`, Kahn's way

Return the nodes reachable from `root` so that every node comes **after all the nodes that
send it gradient**. Use the counts: start with `[root]` as the nodes that are ready; take a
ready node, append it to the order, and for each of its edges decrease the child's count;
when a count reaches 0, that child is ready (all its gradient will have arrived). Each node
appears once.
"""),
    code("""
def topological_order(root):
    \"\"\"The nodes reachable from root, each after every node that sends it gradient (root first).\"\"\"
    ### BEGIN SOLUTION
    remaining = count_dependencies(root)
    ready, order = [root], []
    while ready:
        node = ready.pop()
        order.append(node)
        for child, _ in node.next_functions:
            if child is None:
                continue
            remaining[child] -= 1
            if remaining[child] == 0:  # every parent has run: its gradient is complete
                ready.append(child)
    return order
    ### END SOLUTION
"""),
    graded("topological_order", 3, """
def check_order(root, order):
    position = {node: i for i, node in enumerate(order)}
    assert len(position) == len(order), "each node must appear only once"
    assert order and order[0] is root, "the order starts at the root, where backward starts"
    for node in order:
        for child, _ in node.next_functions:
            if child is None:
                continue
            assert child in position, f"{child.name()} is reachable from the root but missing from the order"
            assert position[child] > position[node], (
                f"{child.name()} comes before {node.name()}, which sends it gradient: it would run before its "
                "gradient is complete. Only release a child when its count of pending edges reaches 0")

p = tensor(0.5, requires_grad=True)
a = p.exp()
diamond = a.sin() + a.cos() * a
order = topological_order(diamond.grad_fn)
check_order(diamond.grad_fn, order)
assert len(order) == 6, f"6 nodes expected, got {len(order)}"
### BEGIN HIDDEN TESTS
w = tensor([1.0, -2.0], requires_grad=True)
h = w * 3
deep = (h.exp() * h + (h * h).sin() * w).sum()
check_order(deep.grad_fn, topological_order(deep.grad_fn))
chain = p
for _ in range(10_000):
    chain = chain * 1.0
long_order = topological_order(chain.grad_fn)
assert len(long_order) == 10_001, "a chain of 10,000 multiplications has 10,001 nodes"
check_order(chain.grad_fn, long_order)
### END HIDDEN TESTS
"""),
    md("""
## Exercise 10.3: `backward`

Now the engine: `backward(loss, retain_graph=False)` does what `loss.backward()` does for a
scalar `loss`.

1. Start with the gradient `torch.ones_like(loss)` for `loss.grad_fn`.
2. Visit the nodes in your `topological_order`. For each, take the **sum** of all the
   gradients that arrived for it (skip a node nothing arrived at), and:
   - at an `AccumulateGrad` node (it has a `.variable`, the leaf): sum the gradient to the
     leaf's shape (`grad.sum_to_size(leaf.shape)`: in these exercises only leaves are
     broadcast) and **add** it into `leaf.grad`; the first time, store a copy (`.clone()`):
     the same gradient tensor may arrive at several leaves;
   - at any other node: call `node(grad)`. It returns one gradient, or a tuple with one per
     entry of `next_functions`; send each along its edge (skip `None` edges and `None`
     gradients). Then, unless `retain_graph`, free the node's saved tensors with
     `node._release()` (minigrad's name for what PyTorch does in C++), so that a second
     backward through the graph raises PyTorch's "Trying to backward through the graph a
     second time" error.
3. Run it all under `torch.no_grad()`: the gradients are numbers, not a new graph.
"""),
    code("""
def backward(loss, retain_graph=False):
    \"\"\"loss.backward() for a scalar loss: add d(loss)/d(leaf) into every leaf's .grad.\"\"\"
    ### BEGIN SOLUTION
    pending = {loss.grad_fn: torch.ones_like(loss)}
    with torch.no_grad():
        for node in topological_order(loss.grad_fn):
            grad = pending.pop(node, None)
            if grad is None:
                continue  # no gradient reached this node
            if hasattr(node, "variable"):  # AccumulateGrad: the leaf at the end of a path
                leaf = node.variable
                grad = grad.sum_to_size(leaf.shape)
                leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                continue
            child_grads = node(grad)
            if not isinstance(child_grads, tuple):
                child_grads = (child_grads,)
            for (child, _), child_grad in zip(node.next_functions, child_grads):
                if child is None or child_grad is None:
                    continue
                pending[child] = child_grad if child not in pending else pending[child] + child_grad
            if not retain_graph:
                node._release()
    ### END SOLUTION
"""),
    graded("backward", 5, """
def leaf_grads(build, engine):
    \"\"\"Build a fresh graph, run engine(loss) on it, and return the leaves' gradients as arrays.\"\"\"
    leaves, loss = build()
    try:
        engine(loss)
    except RuntimeError as error:
        if isinstance(error, NotImplementedError):
            raise
        raise AssertionError(f"backward raised {error!r}. If it says 'assigned grad has data of a different "
                             "size', sum the gradient to the leaf's shape with grad.sum_to_size(leaf.shape)") from None
    for leaf in leaves:
        assert leaf.grad is None or not leaf.grad.requires_grad, (
            "a leaf's .grad carries a graph: run the engine under torch.no_grad(), the gradients are plain numbers")
    return [None if leaf.grad is None else leaf.grad.numpy().copy() for leaf in leaves]

def assert_like_minigrad(build, what):
    mine, reference = leaf_grads(build, backward), leaf_grads(build, lambda loss: loss.backward())
    for i, (got, expected) in enumerate(zip(mine, reference)):
        assert (got is None) == (expected is None), f"{what}: leaf {i} has .grad {got}, minigrad's engine gives {expected}"
        if expected is not None:
            assert got.shape == expected.shape, (
                f"{what}: leaf {i}'s .grad has shape {got.shape}, the leaf has {expected.shape}: sum_to_size")
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7,
                                       err_msg=f"{what}: leaf {i}'s gradient differs from minigrad's engine")

def seed_004_chain():
    x = tensor([3.0])
    w1, b1 = tensor([2.0], requires_grad=True), tensor([-10.0], requires_grad=True)
    w2, b2 = tensor([4.0], requires_grad=True), tensor([7.0], requires_grad=True)
    return (w1, b1, w2, b2), (w2 * (w1 * x + b1) + b2).sum()

def reused():
    p = tensor([0.1, -0.4, 0.9], requires_grad=True)
    shared = p.exp()
    return (p,), (shared * 2 + shared.sin() * shared + p * p).sum()

def broadcast_leaf():
    v = tensor([1.0, 2.0, 3.0], requires_grad=True)
    s = tensor(0.5, requires_grad=True)
    return (v, s), (v * s + s).sum()

assert_like_minigrad(seed_004_chain, "seed 004's chain (gradients 12, 4, -4, 1)")
assert_like_minigrad(reused, "a value used several times: the gradients arriving at a node must be SUMMED (+=, not =)")
assert_like_minigrad(broadcast_leaf, "a scalar leaf broadcast against a vector")

p = tensor(1.0, dtype=torch.float64, requires_grad=True)
chain = p
for _ in range(10_000):
    chain = chain * 1.0001
try:
    backward(chain)
except RecursionError:
    raise AssertionError("backward on a 10,000-node chain hit Python's recursion limit: walk the graph with "
                         "your own stack or list, never by recursion") from None
np.testing.assert_allclose(p.grad.item(), 1.0001**10_000, rtol=1e-9,
                           err_msg="d/dp of p·1.0001^10000 is 1.0001^10000")

q = tensor(2.0, requires_grad=True)
twice = q * q
backward(twice, retain_graph=True)
try:
    backward(twice)
except RuntimeError as error:
    if isinstance(error, NotImplementedError):
        raise
    raise AssertionError(f"the second backward raised {error!r}, but the first one had retain_graph=True: "
                         "only call node._release() when retain_graph is False") from None
assert q.grad.item() == 8.0, (
    f"backward twice on q*q at q=2 (the first with retain_graph=True) should leave 4 + 4 = 8 in q.grad, "
    f"got {q.grad.item()}: add into .grad, and keep the saved tensors when retain_graph=True")
try:
    backward(twice)
except RuntimeError as error:
    assert "second time" in str(error), f"unexpected error on a third backward: {error}"
else:
    raise AssertionError("a backward without retain_graph must free the saved tensors (node._release()), so a "
                         "second backward through the same graph raises 'Trying to backward through the graph a second time'")
### BEGIN HIDDEN TESTS
calls = []

class Spy(torch.autograd.Function):
    \"\"\"Identity that records each call of its backward.\"\"\"

    @staticmethod
    def forward(ctx, t):
        return t.detach() * 1

    @staticmethod
    def backward(ctx, grad):
        calls.append(1)
        return grad

r = tensor([1.0, 2.0], requires_grad=True)
s = Spy.apply(r)
backward((s * s + s.exp() + s).sum())
assert len(calls) == 1, (f"the Spy node ran {len(calls)} times: each node must run once, after all its "
                         "incoming gradients are summed")
np.testing.assert_allclose(r.grad.numpy(), 2 * np.array([1.0, 2.0]) + np.exp([1.0, 2.0]) + 1, rtol=1e-6,
                           err_msg="d/dr sum(r*r + exp(r) + r) = 2r + exp(r) + 1")
assert not r.grad.requires_grad and r.grad.grad_fn is None, (
    "the gradient in .grad must not carry a graph: run the engine under torch.no_grad()")

r.grad = tensor([10.0, 10.0])
backward((r * 2).sum())
np.testing.assert_allclose(r.grad.numpy(), [12.0, 12.0], err_msg="like loss.backward(), ADD into an existing .grad")

m, n = tensor([1.0, 2.0], requires_grad=True), tensor([3.0, 4.0], requires_grad=True)
backward((m + n).sum())
assert m.grad is not n.grad, ("m and n received the very same gradient tensor from AddBackward0: store a copy "
                              "(.clone()) the first time, or changing one .grad in place would change the other")

def random_graph(seed):
    \"\"\"A random graph: vectors combined at random (values reused: diamonds), scalar leaves broadcast in.\"\"\"
    rng = np.random.RandomState(seed)
    vectors = [tensor(rng.uniform(-1, 1, 3), dtype=torch.float32, requires_grad=True) for _ in range(3)]
    scalars = [tensor(rng.uniform(-1, 1), requires_grad=True),
               tensor(rng.uniform(-1, 1, 1), dtype=torch.float32, requires_grad=True)]
    constant = tensor(rng.uniform(-1, 1, 3), dtype=torch.float32)
    pool = vectors + [constant]
    for _ in range(rng.randint(4, 16)):
        a = pool[rng.randint(len(pool))]
        b = (pool + scalars)[rng.randint(len(pool) + len(scalars))]
        op = rng.randint(6)
        if op == 0:
            value = a + b
        elif op == 1:
            value = a * b
        elif op == 2:
            value = a - 0.5 * b
        elif op == 3:
            value = torch.sin(a) * b
        elif op == 4:
            value = torch.tanh(a + b)
        else:
            value = (0.3 * a).exp() * b
        pool.append(value)
    loss = pool[-1].sum() + pool[rng.randint(len(pool))].sum() + vectors[0].sum()
    return vectors + scalars, loss

for seed in range(40):
    assert_like_minigrad(lambda: random_graph(seed), f"random graph {seed}")
### END HIDDEN TESTS
"""),
    md("""
## Summary

- Counting incoming edges tells each node how many gradients to wait for; a node whose count
  reaches zero has its complete gradient and may run (Kahn's algorithm: minigrad's and
  PyTorch's engines work this way).
- The engine sums what arrives, runs each node once, adds into the leaves (a copy first),
  and frees saved tensors unless `retain_graph=True`.
- No recursion: graphs are as deep as the model is long.
"""),
]


if __name__ == "__main__":
    write_notebook(CELLS, NOTEBOOK, id_prefix=CELL_ID_PREFIX,
                   metadata={"coursetool": {"protect": PROTECTED_MODULES}})
