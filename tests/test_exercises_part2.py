"""The graded cells of exercises 06-10 catch the classic wrong answers.

Each solution notebook is run in-process, cell by cell. Once as written: every graded cell
must pass. Then with one solution region replaced by a plausible wrong implementation: the
graded cell named for it must fail (lose its points). To keep this fast, a wrong-answer run
stops after the graded cell under test.
"""

import pytest

from solution_runner import code_cells, grad_mode_restored, run_solution  # noqa: F401 (fixture)

PART = ['06', '07', '08', '09', '10']


@pytest.mark.parametrize("number", PART)
def test_solution_passes_every_graded_cell(number):
    results = run_solution(number)
    assert len(results) >= 3, "each exercise notebook needs at least 3 graded tasks"
    failed = {grade_id: repr(error) for grade_id, error in results.items() if error is not None}
    assert not failed


def test_graded_cells_print_nothing_and_carry_points():
    """The grader reserves a graded cell's output for its own token, and totals the points."""
    for number in PART:
        for cell in code_cells(number):
            metadata = cell.get("metadata", {})
            if metadata.get("grade"):
                assert metadata["points"] > 0 and "print(" not in "".join(cell["source"]), (number, metadata)


# (notebook, solution region, wrong code, graded cell that must fail, what the student got wrong)
WRONG = [
    # 06: nth_derivative, newton_minimize, hvp
    ("06", 0, """
        derivative = f(x)
        for _ in range(n):
            if not derivative.requires_grad:
                return torch.zeros_like(x)
            (derivative,) = torch.autograd.grad(derivative.sum(), x)
        return derivative
     """, "nth_derivative", "forgets create_graph: the second derivative comes out as a constant"),
    ("06", 0, """
        derivative = f(x)
        for _ in range(n):
            (derivative,) = torch.autograd.grad(derivative.sum(), x, create_graph=True)
        return derivative
     """, "nth_derivative", "asks autograd for the derivative of a constant (3x + 1, n = 2)"),
    ("06", 0, """
        derivative = f(x)
        for _ in range(n):
            if not derivative.requires_grad:
                return torch.zeros_like(x)
            (derivative,) = torch.autograd.grad(derivative, x, create_graph=True)
        return derivative
     """, "nth_derivative", "no .sum(): fails on a vector x"),
    ("06", 0, """
        derivative = f(x)
        for _ in range(n - 1):
            if not derivative.requires_grad:
                return torch.zeros_like(x)
            (derivative,) = torch.autograd.grad(derivative.sum(), x, create_graph=True)
        return derivative
     """, "nth_derivative", "off by one"),
    ("06", 0, """
        derivative = f(x)
        for _ in range(n):
            if not derivative.requires_grad:
                return torch.zeros_like(x)
            x.grad = None
            derivative.sum().backward(create_graph=True)
            derivative = x.grad
        return derivative
     """, "nth_derivative", "uses backward(): right numbers, but x.grad is written"),
    ("06", 1, """
        x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        trajectory = [x.item()]
        for _ in range(steps):
            (slope,) = torch.autograd.grad(f(x), x)
            (curvature,) = torch.autograd.grad(slope, x)
            with torch.no_grad():
                x -= slope / curvature
            trajectory.append(x.item())
        return trajectory
     """, "newton_minimize", "forgets create_graph on the first derivative"),
    ("06", 1, """
        x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        trajectory = [x.item()]
        for _ in range(steps):
            (slope,) = torch.autograd.grad(f(x), x)
            with torch.no_grad():
                x -= slope
            trajectory.append(x.item())
        return trajectory
     """, "newton_minimize", "a gradient step instead of a Newton step"),
    ("06", 1, """
        x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        trajectory = [x.item()]
        for _ in range(steps):
            (slope,) = torch.autograd.grad(f(x), x, create_graph=True)
            (curvature,) = torch.autograd.grad(slope, x)
            with torch.no_grad():
                x += slope / curvature
            trajectory.append(x.item())
        return trajectory
     """, "newton_minimize", "steps uphill (wrong sign)"),
    ("06", 1, """
        x = torch.tensor(x0, requires_grad=True)
        trajectory = [x.item()]
        for _ in range(steps):
            (slope,) = torch.autograd.grad(f(x), x, create_graph=True)
            (curvature,) = torch.autograd.grad(slope, x)
            with torch.no_grad():
                x -= slope / curvature
            trajectory.append(x.item())
        return trajectory
     """, "newton_minimize", "float32: stops at 7 digits"),
    ("06", 2, """
        (gradient,) = torch.autograd.grad(f(x), x, create_graph=True)
        (row_sums,) = torch.autograd.grad(gradient.sum(), x)
        return row_sums * v
     """, "hvp", "multiplies by v after differentiating (H·1 ⊙ v, not H v)"),
    ("06", 2, """
        (gradient,) = torch.autograd.grad(f(x), x)
        (product,) = torch.autograd.grad((gradient * v).sum(), x)
        return product
     """, "hvp", "forgets create_graph"),
    ("06", 2, """
        (gradient,) = torch.autograd.grad(f(x), x)
        return gradient * v
     """, "hvp", "first derivative only"),
    # 07: Sin, Exp, Tanh, Sigmoid, LogSumExp
    ("07", 0, """
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return torch.tensor(np.sin(a.detach().numpy()))

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            return grad * torch.tensor(np.cos(a.detach().numpy()))
     """, "sin", "backward through numpy: right first derivative, no second"),
    ("07", 0, """
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return torch.tensor(np.sin(a.detach().numpy()))

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            return -grad * a.cos()
     """, "sin", "wrong sign"),
    ("07", 0, """
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return torch.tensor(np.sin(a.detach().numpy()))

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            return grad * a.detach().cos()
     """, "sin", "detaches the saved input in backward"),
    ("07", 1, """
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return torch.tensor(np.exp(a.detach().numpy()))

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            return grad * a
     """, "exp", "d(e^a)/da written as a"),
    ("07", 1, """
        @staticmethod
        def forward(ctx, a):
            ctx.z = np.exp(a.detach().numpy())
            return torch.tensor(ctx.z)

        @staticmethod
        def backward(ctx, grad):
            return grad * torch.tensor(ctx.z)
     """, "exp", "keeps the output as a numpy array: no second derivative"),
    ("07", 2, """
        @staticmethod
        def forward(ctx, a):
            z = torch.tensor(np.tanh(a.detach().numpy()))
            ctx.save_for_backward(z)
            return z

        @staticmethod
        def backward(ctx, grad):
            (z,) = ctx.saved_tensors
            return grad * (1 - z)
     """, "tanh", "1 - z instead of 1 - z²"),
    ("07", 2, """
        @staticmethod
        def forward(ctx, a):
            z = torch.tensor(np.tanh(a.detach().numpy()))
            ctx.save_for_backward(z)
            return z

        @staticmethod
        def backward(ctx, grad):
            (z,) = ctx.saved_tensors
            return grad * (1 - z.detach() ** 2)
     """, "tanh", "detaches the saved output"),
    ("07", 3, """
        @staticmethod
        def forward(ctx, a):
            z = torch.tensor(1 / (1 + np.exp(-a.detach().numpy())))
            ctx.save_for_backward(z)
            return z

        @staticmethod
        def backward(ctx, grad):
            (z,) = ctx.saved_tensors
            return grad * z
     """, "sigmoid", "z instead of z (1 - z)"),
    ("07", 3, """
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return torch.tensor(1 / (1 + np.exp(-a.detach().numpy())))

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            z = 1 / (1 + np.exp(-a.detach().numpy()))
            return grad * torch.tensor(z * (1 - z))
     """, "sigmoid", "backward through numpy"),
    ("07", 4, """
        @staticmethod
        def forward(ctx, x, dim):
            z = torch.tensor(np.log(np.exp(x.detach().numpy()).sum(axis=dim)))
            ctx.save_for_backward(x, z)
            ctx.dim = dim
            return z

        @staticmethod
        def backward(ctx, grad):
            x, z = ctx.saved_tensors
            return grad.unsqueeze(ctx.dim) * (x - z.unsqueeze(ctx.dim)).exp(), None
     """, "logsumexp", "naive forward: e^1000 overflows"),
    ("07", 4, """
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
            return grad * (x - z).exp(), None
     """, "logsumexp", "forgets to unsqueeze the reduced dimension"),
    ("07", 4, """
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
            return grad.unsqueeze(ctx.dim) * x.exp(), None
     """, "logsumexp", "exp(x) instead of the softmax exp(x - z)"),
    # 08: mse, fit, loss_hessian, largest_stable_lr
    ("08", 0, "return torch.mean((w * x - y) ** 2)", "mse", "forgets + b"),
    ("08", 0, "return ((w * x + b - y) ** 2).sum()", "mse", "sum instead of mean"),
    ("08", 1, """
        w = tensor([1.0], requires_grad=True)
        b = tensor([0.0], requires_grad=True)
        log = []
        for epoch in range(1, epochs + 1):
            loss = mse(w, b, x, y)
            loss.backward()
            w = w - w.grad * lr
            b = b - b.grad * lr
            if epoch % 10 == 0:
                log.append((epoch, loss.item(), w.item(), b.item()))
        return w, b, log
     """, "fit", "p = p - lr * p.grad: p stops being a leaf"),
    ("08", 1, """
        w = tensor([1.0], requires_grad=True)
        b = tensor([0.0], requires_grad=True)
        log = []
        for epoch in range(1, epochs + 1):
            loss = mse(w, b, x, y)
            loss.backward()
            with torch.no_grad():
                w -= w.grad * lr
                b -= b.grad * lr
            if epoch % 10 == 0:
                log.append((epoch, loss.item(), w.item(), b.item()))
        return w, b, log
     """, "fit", "in place, but the gradients are never zeroed"),
    ("08", 1, """
        w = tensor([1.0], requires_grad=True)
        b = tensor([0.0], requires_grad=True)
        log = []
        for epoch in range(1, epochs + 1):
            loss = mse(w, b, x, y)
            if epoch % 10 == 0:
                log.append((epoch, loss.item(), w.item(), b.item()))
            loss.backward()
            w = (w - w.grad * lr).detach().requires_grad_()
            b = (b - b.grad * lr).detach().requires_grad_()
        return w, b, log
     """, "fit", "logs the parameters before the update"),
    ("08", 1, """
        w = tensor([1.0], requires_grad=True)
        b = tensor([0.0], requires_grad=True)
        log = []
        for epoch in range(epochs):
            loss = mse(w, b, x, y)
            loss.backward()
            w = (w - w.grad * lr).detach().requires_grad_()
            b = (b - b.grad * lr).detach().requires_grad_()
            if epoch % 10 == 0:
                log.append((epoch, loss.item(), w.item(), b.item()))
        return w, b, log
     """, "fit", "epochs numbered from 0"),
    ("08", 2, """
        theta = tensor([1.0, 0.0], dtype=torch.float64, requires_grad=True)
        loss = torch.mean((theta[0] * x.double() + theta[1] - y.double()) ** 2)
        (gradient,) = torch.autograd.grad(loss, theta)
        rows = [torch.autograd.grad(gradient[i], theta, retain_graph=True)[0].numpy() for i in range(2)]
        return np.stack(rows)
     """, "loss_hessian", "forgets create_graph"),
    ("08", 2, """
        theta = tensor([1.0, 0.0], dtype=torch.float64, requires_grad=True)
        loss = torch.mean((theta[0] * x.double() + theta[1] - y.double()) ** 2)
        (gradient,) = torch.autograd.grad(loss, theta)
        return np.outer(gradient.numpy(), gradient.numpy())
     """, "loss_hessian", "outer product of the gradient instead of second derivatives"),
    ("08", 3, "return float(1 / np.linalg.eigvalsh(loss_hessian(x, y)).max())", "largest_stable_lr", "1/λ instead of 2/λ"),
    ("08", 3, "return float(2 / np.linalg.eigvalsh(loss_hessian(x, y)).min())", "largest_stable_lr", "smallest eigenvalue"),
    # 09: MySGD (regions 0-1), MyLinear (regions 2-3), train (region 4)
    ("09", 1, """
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                p -= group["lr"] * g
     """, "my_sgd", "ignores momentum: no buffer"),
    ("09", 1, """
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                if group["momentum"] != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = g
                    else:
                        state["momentum_buffer"].mul_(group["momentum"]).add_(g)
                    g = state["momentum_buffer"]
                p -= group["lr"] * g
     """, "my_sgd", "the momentum buffer IS p.grad (no clone)"),
    ("09", 1, """
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["momentum"] != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = g.clone()
                    else:
                        state["momentum_buffer"].mul_(group["momentum"]).add_(g)
                    g = state["momentum_buffer"]
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                p -= group["lr"] * g
     """, "my_sgd", "weight decay added after the momentum buffer"),
    ("09", 1, """
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                if group["momentum"] != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = torch.zeros_like(g)
                    buf = state["momentum_buffer"]
                    buf.mul_(group["momentum"]).add_((1 - group["momentum"]) * g)
                    g = buf
                p -= group["lr"] * g
     """, "my_sgd", "an exponential moving average, not PyTorch's momentum"),
    ("09", 1, """
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p
                if group["momentum"] != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = g.clone()
                    else:
                        state["momentum_buffer"].mul_(group["momentum"]).add_(g)
                    g = state["momentum_buffer"]
                p -= self.defaults["lr"] * g
     """, "my_sgd", "ignores the param group's own lr"),
    ("09", 2, """
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        nn.init.kaiming_uniform_(self.weight)
        if self.bias is not None:
            bound = 1 / math.sqrt(in_features)
            nn.init.uniform_(self.bias, -bound, bound)
     """, "my_linear", "kaiming_uniform_ with a=0: bound √6 times too big"),
    ("09", 2, """
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        bound = 1 / math.sqrt(out_features)
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)
     """, "my_linear", "fan_out instead of fan_in"),
    ("09", 2, """
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.zeros(out_features)) if bias else None
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
     """, "my_linear", "bias left at zero"),
    ("09", 2, """
        self.in_features, self.out_features = in_features, out_features
        self.weight = torch.empty(out_features, in_features)
        self.bias = torch.empty(out_features) if bias else None
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            bound = 1 / math.sqrt(in_features)
            nn.init.uniform_(self.bias, -bound, bound)
     """, "my_linear", "plain tensors, not Parameters: nothing registered"),
    ("09", 2, """
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        if self.bias is not None:
            bound = 1 / math.sqrt(in_features)
            nn.init.uniform_(self.bias, -bound, bound)
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))
     """, "my_linear", "bias drawn before the weight: not nn.Linear's numbers"),
    ("09", 4, """
        losses = []
        for _ in range(epochs):
            loss = torch.pow(model(x) - true, 2)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        return losses
     """, "train", "never zeroes the gradients"),
    ("09", 4, """
        losses = []
        for _ in range(epochs):
            loss = torch.pow(model(x) - true, 2)
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
            losses.append(loss.item())
        return losses
     """, "train", "zero_grad between backward and step"),
    ("09", 4, """
        losses = []
        for _ in range(epochs):
            loss = torch.pow(model(x) - true, 2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss)
        return losses
     """, "train", "keeps loss tensors (and their graphs) instead of floats"),
    # 10: count_dependencies, topological_order, backward
    ("10", 0, """
        counts = {root: 0}
        stack = [root]
        while stack:
            node = stack.pop()
            for child, _ in node.next_functions:
                if child is not None and child not in counts:
                    counts[child] = 1
                    stack.append(child)
        return counts
     """, "count_dependencies", "counts nodes reached, not edges"),
    ("10", 0, """
        counts = {root: 0}
        stack = [root]
        while stack:
            node = stack.pop()
            for child, _ in node.next_functions:
                if child is not None:
                    counts[child] = counts.get(child, 0) + 1
                    stack.append(child)
        return counts
     """, "count_dependencies", "explores a shared node again for each edge into it"),
    ("10", 0, """
        counts = {root: 0}
        def visit(node):
            for child, _ in node.next_functions:
                if child is None:
                    continue
                if child not in counts:
                    counts[child] = 0
                    visit(child)
                counts[child] += 1
        visit(root)
        return counts
     """, "count_dependencies", "recursive: breaks on a 10,000-node chain"),
    ("10", 1, """
        order, seen, stack = [], set(), [root]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(child for child, _ in node.next_functions if child is not None)
        return order
     """, "topological_order", "depth-first pre-order is not a topological order"),
    ("10", 1, """
        order, seen, queue = [root], {root}, [root]
        while queue:
            node = queue.pop(0)
            for child, _ in node.next_functions:
                if child is not None and child not in seen:
                    seen.add(child)
                    order.append(child)
                    queue.append(child)
        return order
     """, "topological_order", "breadth-first: a child is released at its first parent"),
    ("10", 1, """
        order, seen = [], set()
        def visit(node):
            if node in seen:
                return
            seen.add(node)
            for child, _ in node.next_functions:
                if child is not None:
                    visit(child)
            order.append(node)
        visit(root)
        return order[::-1]
     """, "topological_order", "recursive post-order: breaks on a 10,000-node chain"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss.grad_fn):
                grad = pending.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    leaf = node.variable
                    grad = grad.sum_to_size(leaf.shape)
                    leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                    continue
                child_grads = node(grad)
                if not isinstance(child_grads, tuple):
                    child_grads = (child_grads,)
                for (child, _), child_grad in zip(node.next_functions, child_grads):
                    if child is not None and child_grad is not None:
                        pending[child] = child_grad
                if not retain_graph:
                    node._release()
     """, "backward", "= instead of += : a value used twice loses a path"),
    ("10", 2, """
        def send(node, grad):
            if hasattr(node, "variable"):
                leaf = node.variable
                grad = grad.sum_to_size(leaf.shape)
                leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                return
            child_grads = node(grad)
            if not isinstance(child_grads, tuple):
                child_grads = (child_grads,)
            for (child, _), child_grad in zip(node.next_functions, child_grads):
                if child is not None and child_grad is not None:
                    send(child, child_grad)
        with torch.no_grad():
            send(loss.grad_fn, torch.ones_like(loss))
     """, "backward", "recursion per path without topological order"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss.grad_fn):
                grad = pending.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    leaf = node.variable
                    grad = grad.sum_to_size(leaf.shape)
                    leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                    continue
                child_grads = node(grad)
                if not isinstance(child_grads, tuple):
                    child_grads = (child_grads,)
                for (child, _), child_grad in zip(node.next_functions, child_grads):
                    if child is not None and child_grad is not None:
                        pending[child] = child_grad if child not in pending else pending[child] + child_grad
     """, "backward", "ignores retain_graph: saved tensors are never freed"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss.grad_fn):
                grad = pending.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    leaf = node.variable
                    grad = grad.sum_to_size(leaf.shape)
                    leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                    continue
                child_grads = node(grad)
                if not isinstance(child_grads, tuple):
                    child_grads = (child_grads,)
                for (child, _), child_grad in zip(node.next_functions, child_grads):
                    if child is not None and child_grad is not None:
                        pending[child] = child_grad if child not in pending else pending[child] + child_grad
                node._release()
     """, "backward", "frees saved tensors even with retain_graph=True"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss.grad_fn):
                grad = pending.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    node.variable.grad = grad.sum_to_size(node.variable.shape).clone()
                    continue
                child_grads = node(grad)
                if not isinstance(child_grads, tuple):
                    child_grads = (child_grads,)
                for (child, _), child_grad in zip(node.next_functions, child_grads):
                    if child is not None and child_grad is not None:
                        pending[child] = child_grad if child not in pending else pending[child] + child_grad
                if not retain_graph:
                    node._release()
     """, "backward", "= instead of += at the leaves: replaces an existing .grad"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss.grad_fn):
                grad = pending.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    leaf = node.variable
                    leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                    continue
                child_grads = node(grad)
                if not isinstance(child_grads, tuple):
                    child_grads = (child_grads,)
                for (child, _), child_grad in zip(node.next_functions, child_grads):
                    if child is not None and child_grad is not None:
                        pending[child] = child_grad if child not in pending else pending[child] + child_grad
                if not retain_graph:
                    node._release()
     """, "backward", "no sum_to_size: a broadcast leaf gets a gradient of the wrong shape"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        for node in topological_order(loss.grad_fn):
            grad = pending.pop(node, None)
            if grad is None:
                continue
            if hasattr(node, "variable"):
                leaf = node.variable
                grad = grad.sum_to_size(leaf.shape)
                leaf.grad = grad.clone() if leaf.grad is None else leaf.grad + grad
                continue
            child_grads = node(grad)
            if not isinstance(child_grads, tuple):
                child_grads = (child_grads,)
            for (child, _), child_grad in zip(node.next_functions, child_grads):
                if child is not None and child_grad is not None:
                    pending[child] = child_grad if child not in pending else pending[child] + child_grad
            if not retain_graph:
                node._release()
     """, "backward", "records the backward pass (no torch.no_grad())"),
    ("10", 2, """
        pending = {loss.grad_fn: torch.ones_like(loss)}
        with torch.no_grad():
            for node in topological_order(loss.grad_fn):
                grad = pending.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    leaf = node.variable
                    grad = grad.sum_to_size(leaf.shape)
                    leaf.grad = grad if leaf.grad is None else leaf.grad + grad
                    continue
                child_grads = node(grad)
                if not isinstance(child_grads, tuple):
                    child_grads = (child_grads,)
                for (child, _), child_grad in zip(node.next_functions, child_grads):
                    if child is not None and child_grad is not None:
                        pending[child] = child_grad if child not in pending else pending[child] + child_grad
                if not retain_graph:
                    node._release()
     """, "backward", "stores the arriving tensor itself: two leaves share one .grad"),
]


@pytest.mark.parametrize("number, region, wrong_code, grade_id, mistake", WRONG,
                         ids=[f"{w[0]}-{w[3]}-{w[4][:30]}" for w in WRONG])
def test_wrong_implementation_loses_the_points(number, region, wrong_code, grade_id, mistake):
    results = run_solution(number, {region: wrong_code}, only=grade_id)
    assert results[grade_id] is not None, f"graded cell {grade_id!r} passed a wrong answer: {mistake}"
