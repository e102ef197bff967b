"""The graded cells of exercises 02-05 catch the classic wrong answers.

Each solution notebook is run in-process, cell by cell. Once as written: every graded cell
must pass. Then with one solution region replaced by a plausible wrong implementation: the
graded cell named for it must fail (lose its points).
"""

import pytest

from solution_runner import grad_mode_restored, run_solution  # noqa: F401 (fixture)

PART = ['02', '03', '04', '05']


@pytest.mark.parametrize("number", PART)
def test_solution_passes_every_graded_cell(number):
    results = run_solution(number)
    assert len(results) >= 3, "each exercise notebook needs at least 3 graded tasks"
    failed = {grade_id: repr(error) for grade_id, error in results.items() if error is not None}
    assert not failed


# (notebook, solution region, wrong code, graded cell that must fail, what the student got wrong)
WRONG = [
    ("02", 0, """
        extra = grad.dim() - len(shape)
        if extra > 0:
            grad = grad.sum(dim=tuple(range(extra)))
        return grad
     """, "sum_to_shape", "sums only the leading axes, not the size-1 axes"),
    ("02", 0, """
        array = grad.detach().numpy()
        array = array.sum(axis=tuple(range(array.ndim - len(shape))))
        for axis, size in enumerate(shape):
            if size == 1:
                array = array.sum(axis=axis, keepdims=True)
        return torch.tensor(array)
     """, "sum_to_shape", "right numbers through numpy: not differentiable"),
    ("02", 2, """
        a, b = ctx.saved_tensors
        return grad / b, -grad * a / (b * b)
     """, "div", "forgets to sum over the broadcast axes"),
    ("02", 2, """
        a, b = ctx.saved_tensors
        return sum_to_shape(grad / b, a.shape), sum_to_shape(grad * a / (b * b), b.shape)
     """, "div", "loses the minus sign of d(a/b)/db"),
    ("02", 4, """
        (a,) = ctx.saved_tensors
        return grad * ctx.n * a ** ctx.n, None
     """, "pow", "n * a**n instead of n * a**(n - 1)"),
    ("02", 4, """
        (a,) = ctx.saved_tensors
        return torch.tensor(grad.detach().numpy() * ctx.n * a.detach().numpy() ** (ctx.n - 1)), None
     """, "pow", "backward through numpy: no double backward"),
    ("02", 5, """
        jacobian = [[2.0, 2.0, 0.0], [0.0, 1.0, 3.0], [0.0, 0.0, 1.0]]
        vjp = [2.0, 1.0, -1.0]
     """, "vjp", "transposed Jacobian (columns = outputs)"),
    ("02", 5, """
        jacobian = [[2.0, 0.0, 0.0], [2.0, 1.0, 0.0], [0.0, 3.0, 1.0]]
        vjp = [2.0, 1.0, -1.0]
     """, "vjp", "J v instead of v^T J"),
    ("03", 0, """
        from collections import deque
        names, seen, queue = [], set(), deque([t.grad_fn])
        while queue:
            node = queue.popleft()
            if node is None or node in seen:
                continue
            seen.add(node)
            names.append(node.name())
            queue.extend(next_node for next_node, _ in node.next_functions)
        return names
     """, "walk_graph", "breadth-first instead of depth-first"),
    ("03", 0, """
        def visit(node):
            if node is None:
                return []
            names = [node.name()]
            for next_node, _ in node.next_functions:
                names += visit(next_node)
            return names
        return visit(t.grad_fn)
     """, "walk_graph", "no memory of visited nodes: shared nodes listed again"),
    ("03", 1, """
        order, seen = [], set()
        def visit(node):
            if node is None or node in seen:
                return
            seen.add(node)
            for next_node, _ in node.next_functions:
                visit(next_node)
            order.append(node)
        visit(t.grad_fn)
        return order[::-1]
     """, "topological_order", "recursive: breaks on a 5,000-op chain"),
    ("03", 1, """
        order, seen, stack = [], set(), [t.grad_fn]
        while stack:
            node = stack.pop()
            if node is None or node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(next_node for next_node, _ in reversed(node.next_functions))
        return order
     """, "topological_order", "depth-first pre-order is not a topological order"),
    ("03", 2, """
        def send(node, grad):
            if node is None:
                return
            if node.name() == ACCUMULATE_GRAD:
                leaf = node.variable
                grad = grad.sum_to_size(leaf.shape)
                leaf.grad = grad if leaf.grad is None else leaf.grad + grad
                return
            input_grads = node(grad)
            if not isinstance(input_grads, tuple):
                input_grads = (input_grads,)
            for (next_node, _), input_grad in zip(node.next_functions, input_grads):
                send(next_node, input_grad)
        with torch.no_grad():
            send(loss.grad_fn, torch.ones_like(loss))
     """, "manual_backward", "recursion per path without topological order: nodes run several times"),
    ("03", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss):
                grad = pending.pop(node)
                if node.name() == ACCUMULATE_GRAD:
                    node.variable.grad = grad.sum_to_size(node.variable.shape)
                    continue
                input_grads = node(grad)
                if not isinstance(input_grads, tuple):
                    input_grads = (input_grads,)
                for (next_node, _), input_grad in zip(node.next_functions, input_grads):
                    if next_node is not None:
                        pending[next_node] = input_grad
     """, "manual_backward", "overwrites instead of summing the gradients that arrive"),
    ("03", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss):
                grad = pending.pop(node)
                if node.name() == ACCUMULATE_GRAD:
                    node.variable.grad = grad.sum_to_size(node.variable.shape)
                    continue
                input_grads = node(grad)
                if not isinstance(input_grads, tuple):
                    input_grads = (input_grads,)
                for (next_node, _), input_grad in zip(node.next_functions, input_grads):
                    if next_node is not None:
                        pending[next_node] = pending[next_node] + input_grad if next_node in pending else input_grad
     """, "manual_backward", "= instead of += at the leaves"),
    ("04", 0, """
        leaf.grad = grad.detach().clone()
     """, "accumulate_grad", "= instead of += : replaces the old gradient"),
    ("04", 0, """
        leaf.grad = grad if leaf.grad is None else leaf.grad + grad
     """, "accumulate_grad", "stores the caller's tensor itself (aliasing, history kept)"),
    ("04", 1, """
        w = tensor([1.0], requires_grad=True)
        b = tensor([0.0], requires_grad=True)
        optimizer = torch.optim.SGD([w, b], lr=lr)
        for epoch in range(epochs):
            loss = torch.mean((w * x + b - y) ** 2)
            loss.backward()
            optimizer.step()
        return w, b
     """, "train_fixed", "the original bug: no zero_grad"),
    ("04", 1, """
        w = tensor([1.0], requires_grad=True)
        b = tensor([0.0], requires_grad=True)
        optimizer = torch.optim.SGD([w, b], lr=lr)
        for epoch in range(epochs):
            loss = torch.mean((w * x + b - y) ** 2)
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
        return w, b
     """, "train_fixed", "zero_grad between backward and step: never moves"),
    ("04", 2, """
        w.grad = None
        b.grad = None
        for piece in np.array_split(np.arange(len(x)), k):
            start, stop = int(piece[0]), int(piece[-1]) + 1
            (torch.mean((w * x[start:stop] + b - y[start:stop]) ** 2) / k).backward()
     """, "micro_batch_grads", "mean per piece / k: wrong for pieces of different sizes"),
    ("04", 2, """
        n = len(x)
        for piece in np.array_split(np.arange(n), k):
            start, stop = int(piece[0]), int(piece[-1]) + 1
            (((w * x[start:stop] + b - y[start:stop]) ** 2).sum() / n).backward()
     """, "micro_batch_grads", "keeps stale gradients from before"),
    ("05", 0, """
        def __enter__(self):
            torch.set_grad_enabled(False)
            return self

        def __exit__(self, exc_type, exc_value, traceback):
            torch.set_grad_enabled(True)
            return False
     """, "my_no_grad", "restores True instead of the previous mode"),
    ("05", 0, """
        def __enter__(self):
            self.previous = torch.is_grad_enabled()
            torch.set_grad_enabled(False)
            return self

        def __exit__(self, exc_type, exc_value, traceback):
            if exc_type is None:
                torch.set_grad_enabled(self.previous)
            return False
     """, "my_no_grad", "does not restore the mode when the block raises"),
    ("05", 0, """
        def __enter__(self):
            self.previous = torch.is_grad_enabled()
            torch.set_grad_enabled(False)
            return self

        def __exit__(self, exc_type, exc_value, traceback):
            torch.set_grad_enabled(self.previous)
            return True
     """, "my_no_grad", "swallows exceptions"),
    ("05", 1, """
        for p in params:
            p = p - lr * p.grad
     """, "sgd_step", "rebinds a local name: the caller's tensors do not change"),
    ("05", 1, """
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
     """, "sgd_step", "forgets to clear the gradients"),
    ("05", 1, """
        for p in params:
            p -= lr * p.grad
            p.grad = None
     """, "sgd_step", "in-place update while recording (leaf error)"),
    ("05", 2, """
        predicted = [False, False, False, False]
     """, "predictions", "nothing raises"),
    ("05", 2, """
        predicted = [True, False, False, False]
     """, "predictions", "misses the saved-tensor version error"),
    ("05", 2, """
        predicted = [True, True, True, True]
     """, "predictions", "every in-place op raises"),
]


@pytest.mark.parametrize("number, region, wrong_code, grade_id, mistake", WRONG,
                         ids=[f"{w[0]}-{w[3]}-{w[4][:30]}" for w in WRONG])
def test_wrong_implementation_loses_the_points(number, region, wrong_code, grade_id, mistake):
    results = run_solution(number, {region: wrong_code})
    assert results[grade_id] is not None, f"graded cell {grade_id!r} passed a wrong answer: {mistake}"
