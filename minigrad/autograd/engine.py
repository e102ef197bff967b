"""The backward engine: the one place that walks the graph.

``Tensor.backward()`` and ``autograd.grad()`` both come here. The walk has three steps:

1. From the roots, count for every node how many edges lead into it (its *dependencies*).
2. Keep a queue of nodes whose gradients are complete (all dependencies arrived). Run the one
   created last first, as PyTorch does, add what it returns into its children's buffers, and
   queue each child once its count reaches zero. Adding (never overwriting) is what makes a
   tensor used twice get the sum of both gradients.
3. Leaves' ``AccumulateGrad`` nodes add into ``.grad``; ``autograd.grad`` instead captures the
   gradient arriving at the requested inputs and returns it.

``run_backward`` is that walk, on Tensors. A plain ``loss.backward()`` (no create_graph, no
``inputs``) takes ``_plain_backward``: the same walk on numpy arrays, faster (see its docstring).

No recursion anywhere, so a chain of 100,000 ops is fine. And no reference cycles, so memory
is freed by reference counting alone, even with ``gc.disable()``. (That is also why minigrad
writes ``any([...])`` rather than ``any(... for ...)``: on CPython 3.11 every generator
expression leaves a small cycle behind that only the garbage collector frees.)
"""
import heapq
import itertools

import numpy as np

from .._dtype import from_numpy_dtype
from ..ops.fast_backward import FAST_BACKWARD
from ..ops.shape import sum_to_shape
from .function import AccumulateGrad, accumulator_of
from .grad_mode import _GradMode, set_grad_enabled

# Set by minigrad/tensor.py once the Tensor class exists (tensor.py itself imports this module).
Tensor = None

# Callables ``observer(node, grad_outputs, grad_inputs)`` told about every node the engine runs,
# in order. Used by minigrad.viz to replay a backward pass; empty in normal use.
observers = []


def run_backward(outputs, grad_outputs, retain_graph, create_graph, inputs=None,
                 allow_unused=False, accumulate=True):
    """Backpropagate from ``outputs``; accumulate into leaves or return the inputs' gradients.

    With ``accumulate=True`` (``Tensor.backward``), gradients are added into ``.grad`` of the
    leaves (only of ``inputs`` if given). With ``accumulate=False`` (``autograd.grad``), nothing
    is written and a tuple with one gradient per input is returned.
    """
    if retain_graph is None:
        retain_graph = create_graph
    roots = _root_gradients(outputs, grad_outputs, create_graph)
    if inputs is None and not create_graph and not observers:
        return _plain_backward(roots, retain_graph)
    captures = _capture_nodes(inputs) if inputs is not None else None

    with set_grad_enabled(create_graph):
        dependencies, needed = _count_dependencies([node for node, _ in roots], captures)
        buffers = {}
        for node, grad in roots:
            _add_to_buffer(buffers, node, grad)
        captured = {}
        counter = itertools.count()
        ready = [(-node._sequence_nr, next(counter), node) for node in dict.fromkeys(buffers)
                 if dependencies.get(node, 0) == 0 and (needed is None or node in needed)]
        heapq.heapify(ready)
        while ready:
            node = heapq.heappop(ready)[2]
            grad = buffers.pop(node, None)
            grad_inputs = _run_node(node, grad, captures, captured, needed, accumulate,
                                    create_graph, retain_graph)
            for observer in observers:
                observer(node, grad, grad_inputs)
            for (child, _, _), child_grad in zip(node._edges, grad_inputs):
                if child is None or (needed is not None and child not in needed):
                    continue
                if child_grad is not None:
                    _add_to_buffer(buffers, child, child_grad, create_graph)
                dependencies[child] -= 1
                if dependencies[child] == 0:
                    heapq.heappush(ready, (-child._sequence_nr, next(counter), child))

    if captures is None:
        return None
    if accumulate:
        for t in inputs:  # backward(inputs=[non_leaf]) fills its .grad like retain_grad
            if t.grad_fn is not None and captured.get(t.grad_fn) is not None:
                _retain(t, captured[t.grad_fn], create_graph)
        return None
    return _collect(inputs, captures, captured, allow_unused)


def _plain_backward(roots, retain_graph):
    """The walk of ``run_backward`` for its most common use, ``loss.backward()`` (no create_graph,
    no ``inputs``), with the gradients passed between nodes as plain numpy arrays.

    Why a second copy of the walk: with nothing to record, wrapping every intermediate gradient
    in a Tensor and unwrapping it again was a third of the time of a small model's backward
    (see ``python -m benchmarks``). Here Tensors are made only where user code sees them:
    ``.grad``, hooks, retain_grad, and the backward of ops without a numpy formula, all of which
    go through the same helpers as ``run_backward``. The tests run both walks on the same graphs.
    """
    previous_mode = _GradMode.enabled
    _GradMode.enabled = False  # what set_grad_enabled(False) does, without its call overhead
    try:
        dependencies, _ = _count_dependencies([node for node, _ in roots], None)
        buffers = {}
        for node, grad in roots:
            previous = buffers.get(node)
            buffers[node] = grad._data if previous is None else previous + grad._data
        counter = itertools.count()
        ready = [(-node._sequence_nr, next(counter), node) for node in buffers
                 if dependencies.get(node, 0) == 0]
        heapq.heapify(ready)
        while ready:
            node = heapq.heappop(ready)[2]
            grad = buffers.pop(node, None)
            if grad is None:
                grad_inputs = (None,) * len(node._edges)
            elif type(node) is AccumulateGrad:  # a leaf: add into .grad (its hooks run there)
                node._accumulate(Tensor._make(grad), False)
                continue
            else:
                grad_inputs = _plain_node(node, grad, retain_graph)
            for (child, shape, _), child_grad in zip(node._edges, grad_inputs):
                if child is None:
                    continue
                if child_grad is not None:
                    if child_grad.shape != shape:  # as _validate does: undo broadcasting
                        child_grad = sum_to_shape(child_grad, shape)
                    previous = buffers.get(child)
                    buffers[child] = child_grad if previous is None else previous + child_grad
                remaining = dependencies[child] - 1
                if remaining:
                    dependencies[child] = remaining
                else:
                    heapq.heappush(ready, (-child._sequence_nr, next(counter), child))
    finally:
        _GradMode.enabled = previous_mode


def _plain_node(node, grad, retain_graph):
    """``_run_node`` on arrays: the op's numpy formula (ops/fast_backward.py) when it has one
    and no hook needs to see Tensors; otherwise ``_run_node`` itself, on a Tensor."""
    formula = _numpy_formula(node)
    if formula is None or node._observed:
        grad_inputs = _run_node(node, Tensor._make(grad), None, None, None, True, False,
                                retain_graph)
        return [None if g is None else g._data for g in grad_inputs]
    grad_inputs = formula(node, grad)
    if not retain_graph:
        node._release()
    return grad_inputs


def _numpy_formula(node):
    """The node's backward formula on numpy arrays (ops/fast_backward.py), if it has one and
    its inputs all have its output's dtype (mixed dtypes take the op's own backward)."""
    if node._mixed_dtypes:
        return None
    return FAST_BACKWARD.get(node._forward_cls)


def _root_gradients(outputs, grad_outputs, create_graph):
    """Pair each output's node with the gradient it starts from (ones for a scalar)."""
    roots = []
    for i, (out, grad) in enumerate(zip(outputs, grad_outputs)):
        if not out._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if grad is None:
            if out._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            grad = np.empty(out._data.shape, out._data.dtype)
            grad.fill(1)  # (np.ones does the same in Python code, three times slower)
            grad = Tensor._make(grad, False, None)
        elif not isinstance(grad, Tensor):
            grad = Tensor._make(np.asarray(grad, dtype=out._data.dtype), False, None)
        elif grad._data.shape != out._data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {grad.shape} and "
                f"output[{i}] has a shape of {out.shape}."
            )
        elif grad._data.dtype != out._data.dtype:  # PyTorch casts it to the output's dtype
            grad = grad.to(out.dtype)
        node = out.grad_fn or accumulator_of(out)
        roots.append((node, grad))
    return roots


def _capture_nodes(inputs):
    """Map each input's node to the input's position: its gradient is taken there."""
    captures = {}
    for i, t in enumerate(inputs):
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
        node = t.grad_fn or accumulator_of(t)
        captures.setdefault(node, []).append(i)
    return captures


def _count_dependencies(roots, captures):
    """Count incoming edges per node, and find the nodes that lead to a capture.

    ``needed`` is None when every node runs (plain backward); otherwise it is the set of nodes
    from which some requested input can be reached: only those run.
    """
    dependencies = {}
    roots = set(roots)
    stack = list(roots)
    while stack:  # iterative depth-first search: no recursion limit
        node = stack.pop()
        for child, _, _ in node._edges:
            if child is None:
                continue
            if child in dependencies:
                dependencies[child] += 1
            else:  # first time we reach it: count it and explore it (unless it is a root)
                dependencies[child] = 1
                if child not in roots:
                    stack.append(child)
    if captures is None:
        return dependencies, None
    needed = set()
    for node in reversed(_topological_order(roots, dependencies)):  # children first
        if node in captures or any([c in needed for c, _, _ in node._edges]):
            needed.add(node)
    needed_dependencies = {}
    for parent in needed:
        for child, _, _ in parent._edges:
            if child in needed:
                needed_dependencies[child] = needed_dependencies.get(child, 0) + 1
    return needed_dependencies, needed


def _topological_order(roots, dependencies):
    """Parents before children (Kahn's algorithm on a copy of the dependency counts)."""
    remaining = dict(dependencies)
    order, stack = [], [n for n in dict.fromkeys(roots) if remaining.get(n, 0) == 0]
    while stack:
        node = stack.pop()
        order.append(node)
        for child, _, _ in node._edges:
            if child is not None:
                remaining[child] -= 1
                if remaining[child] == 0:
                    stack.append(child)
    return order


def _add_to_buffer(buffers, node, grad, create_graph=False):
    """Add a gradient into what ``node`` has received so far (a tensor used twice gets both)."""
    previous = buffers.get(node)
    if previous is None:
        buffers[node] = grad
    elif create_graph:
        buffers[node] = previous + grad  # recorded: the sum is part of the new graph
    else:
        buffers[node] = Tensor._make(previous._data + grad._data)


def _run_node(node, grad, captures, captured, needed, accumulate, create_graph, retain_graph):
    """Run one node on its summed incoming gradient; return the gradients for its inputs."""
    if grad is not None and (node._tensor_hooks or node._retained is not None):
        grad = _tensor_hooks_and_retain(node, grad, create_graph)
    if captures is not None and node in captures:
        if isinstance(node, AccumulateGrad):
            if accumulate and grad is not None:
                node._accumulate(grad, create_graph)
            elif grad is not None:
                captured[node] = node._hooked(grad)
            return ()
        captured[node] = grad
        if not any([c in needed for c, _, _ in node._edges]):
            return (None,) * len(node._edges)
    if isinstance(node, AccumulateGrad):
        if grad is not None and accumulate:
            node._accumulate(grad, create_graph)
        return ()
    if grad is None:
        return (None,) * len(node._edges)
    for hook in node._pre_hooks:
        new = hook((grad,))
        if new is not None:
            grad = new[0]
    grad_inputs = _fast_backward(node, grad) if not create_graph else None
    if grad_inputs is None:
        grad_inputs = _validate(node, node._apply((grad,)))
    for hook in node._post_hooks:
        new = hook(grad_inputs, (grad,))
        if new is not None:
            grad_inputs = _validate(node, tuple(new))
    if not retain_graph:
        node._release()
    return grad_inputs


def _tensor_hooks_and_retain(node, grad, create_graph):
    """Run the hooks registered on the node's output tensor, and keep its .grad if retain_grad()
    was called; return the (possibly replaced) gradient."""
    for hook in node._tensor_hooks:
        new = hook(grad)
        if new is not None:
            grad = new
    retained = node._retained() if node._retained is not None else None
    if retained is not None:
        _retain(retained, grad, create_graph)
    return grad


def _fast_backward(node, grad):
    """The node's gradients computed straight on numpy arrays (ops/fast_backward.py), or None
    when the op has no such formula or the dtypes are mixed (then the op's own backward runs)."""
    formula = _numpy_formula(node)
    if formula is None:
        return None
    grads = formula(node, grad._data)
    # What _validate does, on the arrays: only broadcasting can leave a gradient the wrong shape.
    return [None if g is None else Tensor._make(g if g.shape == shape else sum_to_shape(g, shape))
            for g, (_, shape, _) in zip(grads, node._edges)]


def _validate(node, grad_inputs):
    """Make each gradient match its input: sum over broadcast dims, cast to the input's dtype.

    PyTorch's engine does the same (validate_outputs), so an op's backward may return a
    gradient with the broadcast shape of the output.
    """
    checked = []
    for i, (grad, (_, shape, dtype)) in enumerate(zip(grad_inputs, node._edges)):
        if grad is not None:
            if not isinstance(grad, Tensor):
                raise TypeError(
                    f"function {node.name()} returned a gradient of type {type(grad).__name__} "
                    f"at index {i}; expected a Tensor or None"
                )
            if grad._data.shape != shape or grad._data.dtype != dtype:
                grad = _conform(node, i, grad, shape, dtype)
        checked.append(grad)
    return checked


def _conform(node, i, grad, shape, dtype):
    if grad._data.shape != shape:
        if not _expandable(shape, grad._data.shape):
            raise RuntimeError(
                f"Function {node.name()} returned an invalid gradient at index {i} - got "
                f"{list(grad.shape)} but expected shape compatible with {list(shape)}"
            )
        grad = grad.sum_to_size(shape)
    if grad._data.dtype != dtype:
        grad = grad.to(from_numpy_dtype(dtype))
    return grad


def _expandable(shape, target):
    """True if a tensor of ``shape`` broadcasts to ``target``."""
    if len(shape) > len(target):
        return False
    return all([s == t or s == 1 for s, t in zip(reversed(shape), reversed(target))])


def _retain(tensor, grad, create_graph):
    """What retain_grad() does: keep (and accumulate) a non-leaf's gradient in ``.grad``."""
    if tensor._grad is None:
        tensor._grad = grad if create_graph else Tensor._make(grad._data.copy(), False, None)
    else:
        tensor._grad = tensor._grad + grad


def _collect(inputs, captures, captured, allow_unused):
    """One gradient per input, in order; None (or an error) for inputs the graph never used."""
    grads = [None] * len(inputs)
    for node, positions in captures.items():
        for i in positions:
            grads[i] = captured.get(node)
    for i, g in enumerate(grads):
        if g is None and not allow_unused:
            raise RuntimeError(
                f"The differentiated Tensor at index {i} appears to not have been used in the "
                "graph. Set allow_unused=True if this is the desired behavior."
            )
    return tuple(grads)
