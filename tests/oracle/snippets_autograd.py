"""Snippets about autograd: the seeds' computations, node names, graph structure, errors."""

import textwrap

from oracle.snippet import snippet

# Seed 000's data. Its code line omits `+ b`, but the numbers it prints need it.
SEED000_DATA = """
np.random.seed(42)
w = 4.5
b = 7.0
x_array = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
y_array = w * x_array + b + np.random.normal(size=x_array.shape[0])
x = torch.tensor(x_array).float()
y = torch.tensor(y_array).float()
"""

SEED000_PARAMS = SEED000_DATA + """
param_w = torch.tensor([1.0], requires_grad=True)
param_b = torch.tensor([0.0], requires_grad=True)
"""


def seed000(name, code, *results, **options):
    """A snippet that starts from seed 000's x, y, param_w and param_b."""
    return snippet(name, SEED000_PARAMS + textwrap.dedent(code), *results, **options)


SEED000 = [
    snippet("seed000-data", SEED000_DATA + "print(x)\nprint(y)\n", "x", "y"),
    seed000("seed000-forward-and-backward", """
        print(param_w.is_leaf, param_b.is_leaf)
        y_p = param_w * x + param_b
        print(y_p, y_p.is_leaf)
        loss = torch.mean((y_p - y)**2)
        print(loss)
        print(y_p.grad_fn)
        print(loss.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0])
        print("before:", param_w.grad, param_b.grad)
        loss.backward()
        print("after:", param_w.grad, param_b.grad)
    """, "loss", "param_w", "param_b"),
    seed000("seed000-walk-the-graph", """
        y_p = param_w * x + param_b
        loss = torch.mean((y_p - y)**2)
        node = loss.grad_fn
        while node is not None:
            print(node.name(), [(f.name() if f is not None else None, i)
                                for f, i in node.next_functions])
            node = node.next_functions[0][0] if node.next_functions else None
    """),
    seed000("seed000-call-node-by-hand", """
        y_p = param_w * x + param_b
        print(y_p.grad_fn(torch.tensor([-1.5])))
    """),
    seed000("seed000-accumulate-grad-node", """
        y_p = param_w * x + param_b
        mul_node, _ = y_p.grad_fn.next_functions[0]
        accumulate, index = mul_node.next_functions[0]
        print(mul_node.name(), accumulate.name(), index)
        print(accumulate.variable is param_w, accumulate.next_functions)
        print(y_p.grad_fn.next_functions[1][0].variable is param_b)
        print(mul_node.next_functions[1])
    """),
    seed000("seed000-accumulation-three-times", """
        for i in range(3):
            y_p = param_w * x + param_b
            loss = torch.mean((y_p - y)**2)
            loss.backward()
            print(param_w.grad, param_b.grad)
    """, "param_w", "param_b"),
    seed000("seed000-zero-grad-by-hand", """
        for i in range(3):
            if param_w.grad: param_w.grad.zero_()
            if param_b.grad: param_b.grad.zero_()
            y_p = param_w * x + param_b
            loss = torch.mean((y_p - y)**2)
            loss.backward()
            print(param_w.grad, param_b.grad)
    """),
    seed000("seed000-no-grad", """
        with torch.no_grad():
            print(param_w.requires_grad, param_b.requires_grad)
            y_p = param_w * x + param_b
            print(y_p, y_p.requires_grad, y_p.grad)
            loss = torch.mean((y_p - y)**2)
            print(loss, loss.requires_grad, loss.grad)
    """),
    seed000("seed000-naive-update-and-detach", """
        loss = torch.mean((param_w * x + param_b - y)**2)
        loss.backward()
        learning_rate = 0.01
        new_w = param_w - param_w.grad * learning_rate
        new_b = param_b - param_b.grad * learning_rate
        print(new_w, new_b)
        param_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
        param_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()
        print(param_w, param_b)
        loss = torch.mean((param_w * x + param_b - y)**2)
        loss.backward()
        param_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
        param_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()
        print(param_w, param_b)
    """),
    seed000("seed000-manual-loop", """
        epochs = 300
        learning_rate = 0.01
        for epoch in range(1, epochs + 1):
            y_p = param_w * x + param_b
            loss = torch.mean((y_p - y)**2)
            loss.backward()
            param_w = (param_w - param_w.grad * learning_rate).detach().requires_grad_()
            param_b = (param_b - param_b.grad * learning_rate).detach().requires_grad_()
            if epoch % 10 == 0:
                print(f"Epoch {epoch}: loss={loss}, param_w={float(param_w)}, param_b={float(param_b)}")
    """, printed_rtol=1e-6,
        why="the loss's last digits depend on mean's summation order (issue 3 accepts "
            "52.31643295288086 or 52.316429138183594); the printed epochs are compared exactly in tests/test_seeds.py"),
    seed000("seed000-manual-loop-params-all-epochs", """
        ws, bs = [], []
        for epoch in range(300):
            loss = torch.mean((param_w * x + param_b - y)**2)
            loss.backward()
            param_w = (param_w - param_w.grad * 0.01).detach().requires_grad_()
            param_b = (param_b - param_b.grad * 0.01).detach().requires_grad_()
            ws.append(float(param_w))
            bs.append(float(param_b))
    """, "ws", "bs", rtol=1e-6, atol=0.0,
        why="minigrad sums in float32 with numpy's order, which reproduces every number the "
            "seed prints (its PyTorch 1.1 run); PyTorch 2.13's vectorised float32 sum rounds "
            "differently, so w and b differ by 1 ulp at some middle epochs; the printed epochs "
            "10/20/300 are bit-exact (see seed000-manual-loop)"),
]

SEED001 = [
    snippet("seed001-tensor-basics", """
        from_numpy = torch.tensor(np.array([1.0, 2.0]))
        x0 = torch.tensor(1.0)
        x1 = torch.tensor([1.0, 2.0])
        print(x0 + x1)
        print(x1[1])
        print(repr(x1.numpy()))
        print(torch.tensor(1.0, dtype=torch.float16), torch.tensor([1.0, 2.0], dtype=torch.double))
        print(from_numpy.dtype)
    """),
    snippet("seed001-gradient-6-5", """
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = 2*x[0]**2 + x[1]**2 + 2*x[0] + x[1]
        print(y)
        y.backward()
        print(x.grad)
    """, "y", "x"),
    snippet("seed001-non-scalar-backward-error", """
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        z = 2*x
        print(z)
        z.backward()
    """),
    snippet("seed001-intermediate-grad-is-none", """
        x = torch.tensor(1.0, requires_grad=True)
        y = x**2
        z = y**2
        z.backward()
        print(y.grad, x.grad, y.retains_grad)
    """),
    snippet("seed001-retain-grad", """
        x = torch.tensor(1.0, requires_grad=True)
        y = x**2
        z = y**2
        y.retain_grad()
        z.backward()
        print(y.grad, x.grad, y.retains_grad, x.retains_grad)
    """),
    snippet("seed001-second-derivative", """
        x = torch.tensor(1.0, requires_grad=True)
        y = x**3
        grads = torch.autograd.grad(outputs=y, inputs=x, create_graph=True)
        print(grads)
        grads[0].backward()
        print(x.grad)
    """),
]

SEED002 = [
    snippet("seed002-mean-of-3-x-plus-2-squared", """
        x = torch.ones(2, 2, requires_grad=True)
        y = x + 2
        z = y * y * 3
        out = z.mean()
        print(y, z, out, sep="\\n")
        out.backward()
        print(x.grad)
    """, "out", "x"),
    snippet("seed002-one-line-form", """
        x = torch.ones(2, 2, requires_grad=True)
        out = (3 * (x + 2)**2).mean()
        out.backward()
        print(out, x.grad)
    """),
]

SEED003 = [
    snippet("seed003-manual-linear-regression", """
        np.random.seed(0)
        x_np = np.random.uniform(0, 10, 50).astype(np.float32)
        y_np = (2 * x_np + np.random.normal(0, 2, 50)).astype(np.float32)
        x, y = torch.tensor(x_np), torch.tensor(y_np)

        def mse(p, y):
            return ((p - y)**2).mean()

        w = torch.tensor(1.0, requires_grad=True)
        b = torch.tensor(0.0, requires_grad=True)
        lr = 1.0e-3
        for epoch in range(200):
            p = w * x + b
            loss = mse(p, y)
            loss.backward()
            with torch.no_grad():
                w -= w.grad * lr
                b -= b.grad * lr
                w.grad.zero_()
                b.grad.zero_()
            if epoch % 50 == 0:
                print(epoch, loss, w, b)
        print(w.is_leaf, w.requires_grad, p.grad_fn)
    """, "w", "b", printed_rtol=1e-5),
    snippet("seed003-leaf-in-place-error", """
        w2 = torch.tensor(1.0, requires_grad=True)
        b2 = torch.tensor(0.0, requires_grad=True)
        x = torch.tensor([1., 2., 3.])
        loss = ((w2 * x + b2 - x * 2)**2).mean()
        loss.backward()
        print('w2 = ', w2.grad)
        print('b2 = ', b2.grad)
        w2 += w2.grad * 0.01
    """),
    snippet("seed003-numpy-requires-grad-error", """
        v4 = torch.tensor([1., 2.], requires_grad=True)
        v5 = v4.numpy()
    """),
    snippet("seed003-numpy-of-result-error", """
        p = torch.tensor([1., 2.], requires_grad=True) * 2
        p.numpy()
    """),
    snippet("seed003-numpy-shares-memory", """
        v1 = torch.tensor([1., 2.])
        v2 = v1.numpy()
        print('v1 = ', v1)
        print('v2 = ', v2)
        v2[0] = 100
        print('v1 = ', v1)
        print('v2 = ', v2)
        v3 = v1.clone().numpy()
        v3[0] = 300
        print('v1 = ', v1)
        print('v2 = ', v2)
        print('v3 = ', v3)
    """),
    snippet("seed003-detach-numpy-shares-memory", """
        v4 = torch.tensor([1., 2.], requires_grad=True)
        v6 = v4.detach().numpy()
        v6[0] = 600
        print('v4 = ', v4)
        print('v6 = ', v6)
        v7 = torch.tensor([1., 2.], requires_grad=True)
        v8 = v7.detach().clone().numpy()
        v9 = v7.detach().numpy().copy()
        v8[0] = 800
        v9[0] = 900
        print('v7 = ', v7)
        print('v8 = ', v8)
        print('v9 = ', v9)
    """),
]

SEED004 = [
    snippet("seed004-linear", """
        x = torch.tensor([1.], requires_grad=True)
        y = x*2
        print(torch.autograd.grad(y, x))
        x = torch.tensor([3.], requires_grad=True)
        y = x*2
        print(torch.autograd.grad(y, x))
    """),
    snippet("seed004-powers", """
        x = torch.tensor([3.], requires_grad=True)
        y = x**2
        print(torch.autograd.grad(y, x))
        y = x**3
        print(torch.autograd.grad(y, x))
        y = x**2 + x*2 + 2
        print(torch.autograd.grad(y, x))
    """),
    snippet("seed004-grad-twice-error", """
        x = torch.tensor([3.], requires_grad=True)
        y = x**2 + x*2 + 2
        print(torch.autograd.grad(y, x))
        print(torch.autograd.grad(y, x))
    """),
    snippet("seed004-higher-derivatives-17-14-6", """
        x = torch.tensor([2.], requires_grad=True)
        y = x**3 + x**2 + x + 1
        dy = torch.autograd.grad(y, x, create_graph=True)
        print(dy)
        ddy = torch.autograd.grad(dy[0], x, create_graph=True)
        print(ddy)
        ddd = torch.autograd.grad(ddy[0], x, create_graph=True)
        print(ddd)
        dddd = torch.autograd.grad(ddd[0], x, allow_unused=True)
        print(dddd)
    """),
    snippet("seed004-exp-and-sin", """
        print("exp")
        x = torch.tensor([1.], requires_grad=True)
        y = torch.exp(x)
        dy = torch.autograd.grad(y, x, create_graph=True)
        ddy = torch.autograd.grad(dy[0], x, create_graph=True)
        ddd = torch.autograd.grad(ddy[0], x)
        print(y); print(dy); print(ddy); print(ddd)
        print("sin")
        x = torch.tensor([3.141], requires_grad=True)
        y = torch.sin(x)
        dy = torch.autograd.grad(y, x, create_graph=True)
        ddy = torch.autograd.grad(dy[0], x, create_graph=True)
        ddd = torch.autograd.grad(ddy[0], x)
        print(y); print(dy); print(ddy); print(ddd)
    """),
    snippet("seed004-chain-12-4-minus4-1", """
        x = torch.tensor([3.], requires_grad=True)
        w1 = torch.tensor([2.], requires_grad=True)
        b1 = torch.tensor([-10.], requires_grad=True)
        w2 = torch.tensor([4.], requires_grad=True)
        b2 = torch.tensor([7.], requires_grad=True)
        h1 = w1*x+b1
        y = w2*h1+b2
        print(y)
        print(torch.autograd.grad(y, w1, retain_graph=True))
        print(torch.autograd.grad(y, b1, retain_graph=True))
        print(torch.autograd.grad(y, w2, retain_graph=True))
        print(torch.autograd.grad(y, b2, retain_graph=True))
        print(torch.autograd.grad(y, x, retain_graph=True))
        y.backward(retain_graph=True)
        print(w1.grad); print(b1.grad); print(w2.grad); print(b2.grad)
        y.backward()
        print(w1.grad, x.grad)
    """),
    snippet("seed004-manual-gradient-descent", """
        x = torch.tensor([3.])
        true = torch.tensor([10.])
        w = torch.tensor([5.], requires_grad=True)
        b = torch.tensor([1.], requires_grad=True)
        print(w); print(b)
        pred = w*x+b
        loss = torch.pow(pred - true, 2)
        print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
        loss.backward()
        print(w.grad); print(b.grad)
        lr = 0.01
        for step in range(2):
            w = torch.tensor([w.detach() - lr * w.grad], requires_grad=True)
            b = torch.tensor([b.detach() - lr * b.grad], requires_grad=True)
            print(w); print(b)
            pred = w*x+b
            loss = torch.pow(pred - true, 2)
            print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
            loss.backward()
    """),
]

# ------------------------------------------------------------------ grad_fn of every op
# Each entry: (id, expression over the leaves defined in _OP_LEAVES). The snippet prints the
# node's name and next_functions, then back-propagates a non-uniform gradient so transposed
# or permuted gradients cannot pass by symmetry.
_OP_LEAVES = """
a = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
b = torch.tensor([0.5, -1., 2.], requires_grad=True)
c = torch.tensor([[6., 1., 4.], [2., 8., 3.]], requires_grad=True)
m = torch.tensor([[1., -1.], [0., 2.], [3., 1.]], requires_grad=True)
s = torch.tensor(2., requires_grad=True)
"""

_OP_CHECK = """
print(out.grad_fn.name())
print([(f.name() if f is not None else None, i) for f, i in out.grad_fn.next_functions])
upstream = np.arange(1, out.numel() + 1, dtype=np.float32).reshape(tuple(out.shape))
out.backward(torch.tensor(upstream))
"""

OP_EXPRESSIONS = [
    ("add-tensor-tensor", "a + b"), ("add-tensor-scalar", "a + 2"),
    ("add-scalar-tensor", "2 + a"), ("add-tensor-0dim", "a + s"),
    ("add-method-alpha", "a.add(c, alpha=2)"), ("add-function", "torch.add(a, c)"),
    ("sub-tensor-tensor", "a - b"), ("sub-tensor-scalar", "a - 2"),
    ("rsub-scalar-tensor", "2 - a"), ("sub-broadcast-reversed", "b - a"),
    ("mul-tensor-tensor", "a * b"), ("mul-tensor-scalar", "a * 2"),
    ("mul-scalar-tensor", "2 * a"), ("mul-self", "a * a"), ("mul-0dim", "s * a"),
    ("div-tensor-tensor", "a / b"), ("div-tensor-scalar", "a / 2"),
    ("div-scalar-tensor", "2 / a"),
    ("pow-int-exponent", "a ** 2"), ("pow-float-exponent", "a ** 0.5"),
    ("pow-tensor-tensor", "a ** b"), ("pow-scalar-base", "2 ** a"),
    ("pow-method", "a.pow(3)"), ("pow-function", "torch.pow(a, 2)"),
    ("neg", "-a"),
    ("matmul-2d-2d", "a @ m"), ("matmul-function", "torch.matmul(a, m)"),
    ("mm-method", "a.mm(m)"), ("mm-function", "torch.mm(a, m)"),
    ("matmul-1d-1d", "b @ b"), ("matmul-2d-1d", "a @ b"), ("matmul-1d-2d", "b @ m"),
    ("matmul-3d-2d", "torch.stack([a, c]) @ m"),
    ("sum-all", "a.sum()"), ("sum-dim0", "a.sum(dim=0)"), ("sum-keepdim", "a.sum(1, keepdim=True)"),
    ("sum-function", "torch.sum(a)"),
    ("mean-all", "a.mean()"), ("mean-dim1", "a.mean(dim=1)"), ("mean-function", "torch.mean(a)"),
    ("max-all", "c.max()"), ("max-dim", "c.max(dim=1)[0]"), ("max-dim-values", "c.max(1).values"),
    ("min-all", "c.min()"), ("min-dim-keepdim", "c.min(dim=0, keepdim=True)[0]"),
    ("amax-dim", "c.amax(dim=1)"), ("amax-all", "c.amax()"),
    ("max-with-ties", "torch.tensor([1., 3., 3.], requires_grad=True).max() + a.sum()"),
    ("exp", "torch.exp(a)"), ("log", "torch.log(a)"), ("sin", "torch.sin(a)"),
    ("cos", "torch.cos(a)"), ("tanh", "torch.tanh(a)"), ("sigmoid", "torch.sigmoid(a)"),
    ("relu", "torch.relu(a - 3)"), ("sqrt", "torch.sqrt(a)"), ("abs", "torch.abs(a - 3)"),
    ("exp-method", "a.exp()"), ("tanh-method", "a.tanh()"), ("relu-method", "(a - 3).relu()"),
    ("clamp-min-max", "a.clamp(2, 5)"), ("clamp-min", "torch.clamp(a, min=2)"),
    ("clamp-max", "a.clamp(max=4)"),
    ("maximum", "torch.maximum(a, c)"), ("minimum", "torch.minimum(a, c)"),
    ("where", "torch.where(a > c, a, c)"), ("where-scalar", "torch.where(a > 3, a, 0.)"),
    ("reshape", "a.reshape(-1)"), ("reshape-non-contiguous", "a.T.reshape(-1)"),
    ("view", "a.view(3, 2)"), ("flatten", "a.flatten()"),
    ("unsqueeze", "a.unsqueeze(0)"), ("squeeze", "a[None].squeeze()"),
    ("squeeze-dim", "a[:1].squeeze(0)"),
    ("transpose", "a.transpose(0, 1)"), ("T", "a.T"), ("permute", "a.permute(1, 0)"),
    ("expand", "b.expand(4, 3)"), ("cat", "torch.cat([a, c])"), ("cat-dim1", "torch.cat([a, m.T], 1)"),
    ("stack", "torch.stack([a, c])"), ("stack-dim1", "torch.stack([a, c], dim=1)"),
    ("index-int", "a[0]"), ("index-column", "a[:, 1]"), ("index-slice", "a[0:1]"),
    ("index-step", "a[:, ::2]"), ("index-two-ints", "a[1, 2]"),
    ("index-list", "a[[1, 0, 1]]"), ("index-lists-pair", "a[[0, 1], [2, 0]]"),
    ("index-bool-mask", "a[a > 3]"), ("index-none", "a[None]"), ("index-ellipsis", "a[..., 1]"),
    ("softmax", "torch.softmax(a, dim=1)"), ("log-softmax", "torch.log_softmax(a, dim=1)"),
    ("softmax-dim0", "a.softmax(0)"),
    ("clone", "a.clone()"), ("double", "a.double()"), ("to-float64", "a.to(torch.float64)"),
    ("diamond", "(a * 2) * (a + 1)"), ("reused-in-chain", "torch.exp(a) * a - a"),
    ("broadcast-column-row", "a[:, :1] * b"),
]


def _op_snippet(name, expression):
    code = _OP_LEAVES + f"out = {expression}\n" + _OP_CHECK
    return snippet(f"grad-fn-{name}", code, "out", "a", "b", "c", "m", "s")


GRAD_FN = [_op_snippet(name, expression) for name, expression in OP_EXPRESSIONS]

GRAPH = [
    snippet("node-name-and-type", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        print(y.grad_fn.name(), type(y.grad_fn).__name__)
        print(y.grad_fn.next_functions[0][0].name())
    """),
    snippet("next-functions-none-for-constants", """
        x = torch.tensor([1., 2.], requires_grad=True)
        k = torch.tensor([3., 4.])
        for out in (x * k, k * x, x + 1, x * x, torch.stack([x, k])):
            print(out.grad_fn.name(), len(out.grad_fn.next_functions),
                  [f is None for f, _ in out.grad_fn.next_functions])
    """),
    snippet("next-functions-of-non-leaf-input", """
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x.exp()
        out = h * h
        print([(f.name(), i) for f, i in out.grad_fn.next_functions])
        print(out.grad_fn.next_functions[0][0] is h.grad_fn)
    """),
    snippet("call-nodes-by-hand", """
        x = torch.tensor([1., 2.], requires_grad=True)
        k = torch.tensor([3., 4.])
        print((x * k).grad_fn(torch.tensor([1., 1.])))
        print((x - k).grad_fn(torch.tensor([1., 2.])))
        print((x.sum()).grad_fn(torch.tensor(5.)))
        print((x.exp()).grad_fn(torch.tensor([1., 1.])))
    """),
    snippet("is-leaf-cases", """
        a = torch.tensor([1.])
        b = torch.tensor([1.], requires_grad=True)
        c = a * 2
        d = b * 2
        e = d.detach()
        f = torch.zeros(2, requires_grad=True)
        print(a.is_leaf, b.is_leaf, c.is_leaf, d.is_leaf, e.is_leaf, f.is_leaf)
        print(a.requires_grad, c.requires_grad, d.requires_grad, e.requires_grad)
        print(c.grad_fn, e.grad_fn)
    """),
    snippet("requires-grad-propagates", """
        a = torch.tensor([1., 2.], requires_grad=True)
        k = torch.tensor([3., 4.])
        print((a + k).requires_grad, (k * 2).requires_grad, (a > 1).requires_grad,
              a.argmax().requires_grad, a.detach().requires_grad)
    """),
    snippet("non-leaf-grad-is-none", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y.sum().backward()
        print(y.grad, x.grad)
    """),
    snippet("grad-dtype-follows-leaf", """
        x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
        k = torch.tensor([3., 4.])
        y = (x * k).sum()
        y.backward()
        print(y.dtype, x.grad)
    """, "x"),
    snippet("broadcast-grads-reduced", """
        col = torch.tensor([[1.], [2.], [3.]], requires_grad=True)
        row = torch.tensor([[1., 10., 100., 1000.]], requires_grad=True)
        vec = torch.tensor([1., 2., 3., 4.], requires_grad=True)
        s = torch.tensor(3., requires_grad=True)
        ((col * row + vec) * s).sum().backward()
        print(col.grad, row.grad, vec.grad, s.grad, sep="\\n")
    """),
    snippet("set-requires-grad-on-non-leaf-error", """
        x = torch.tensor([1.], requires_grad=True)
        y = x * 2
        y.requires_grad = False
    """),
    snippet("requires-grad-false-on-leaf", """
        x = torch.tensor([1.], requires_grad=True)
        x.requires_grad_(False)
        y = x * 2
        print(x.requires_grad, y.requires_grad, y.grad_fn)
    """),
    snippet("set-grad-by-hand", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.grad = torch.tensor([5., 5.])
        (x * 3).sum().backward()
        print(x.grad)
        x.grad = None
        (x * 3).sum().backward()
        print(x.grad)
    """),
]

BACKWARD = [
    snippet("backward-with-gradient", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = x ** 2
        y.backward(torch.tensor([1., 0.1, 0.01]))
        print(x.grad)
    """, "x"),
    snippet("backward-gradient-keyword", """
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        y = x * 3
        y.backward(gradient=torch.ones(2, 2))
        print(x.grad)
    """),
    snippet("backward-twice-error", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x * x).sum()
        y.backward()
        y.backward()
    """),
    snippet("backward-twice-with-retain-graph", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x * x).sum()
        y.backward(retain_graph=True)
        y.backward()
        print(x.grad)
    """),
    snippet("backward-twice-nothing-saved", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x + 1).sum()
        y.backward()
        y.backward()
        print(x.grad)
    """),
    snippet("backward-on-constant-error", """
        x = torch.tensor([1., 2.])
        x.sum().backward()
    """),
    snippet("backward-wrong-gradient-shape-error", """
        x = torch.tensor([1., 2.], requires_grad=True)
        (x * 2).backward(torch.ones(3))
    """),
    snippet("backward-inputs", """
        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.], requires_grad=True)
        (a * b).sum().backward(inputs=[a])
        print(a.grad, b.grad)
    """),
    snippet("backward-scalar-0dim-and-1-element", """
        x = torch.tensor([2.], requires_grad=True)
        (x * 3).backward()
        print(x.grad)
    """),
    snippet("grad-zero-between-steps", """
        x = torch.tensor([1., 2.], requires_grad=True)
        (x * 3).sum().backward()
        x.grad.zero_()
        (x * x).sum().backward()
        print(x.grad)
    """),
]

AUTOGRAD_GRAD = [
    snippet("autograd-grad-basic", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = (x ** 3).sum()
        g = torch.autograd.grad(y, x)
        print(g, type(g).__name__, x.grad)
    """),
    snippet("autograd-grad-two-inputs", """
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(3., requires_grad=True)
        print(torch.autograd.grad(a * b + b, [a, b]))
    """),
    snippet("autograd-grad-outputs", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * x
        print(torch.autograd.grad(y, x, grad_outputs=torch.tensor([1., 10.])))
    """),
    snippet("autograd-grad-non-leaf-input", """
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x * 3
        y = (h ** 2).sum()
        print(torch.autograd.grad(y, h))
    """),
    snippet("autograd-grad-allow-unused", """
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(3., requires_grad=True)
        print(torch.autograd.grad(a * 2, [a, b], allow_unused=True))
    """),
    snippet("autograd-grad-unused-error", """
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(3., requires_grad=True)
        torch.autograd.grad(a * 2, [b])
    """),
    snippet("autograd-grad-input-not-requiring-grad-error", """
        a = torch.tensor(2., requires_grad=True)
        b = torch.tensor(3.)
        torch.autograd.grad(a * b, [a, b])
    """),
    snippet("autograd-grad-output-without-grad-fn-error", """
        a = torch.tensor(2.)
        b = torch.tensor(3., requires_grad=True)
        torch.autograd.grad(a * 2, [b])
    """),
    snippet("autograd-grad-non-scalar-error", """
        x = torch.tensor([1., 2.], requires_grad=True)
        torch.autograd.grad(x * 2, x)
    """),
    snippet("create-graph-grad-fn-names", """
        x = torch.tensor(2., requires_grad=True)
        for f in (x ** 3, x * x, torch.exp(x), torch.sin(x), x ** 3 + x ** 2 + x + 1):
            (g,) = torch.autograd.grad(f, x, create_graph=True)
            print(g, g.requires_grad)
    """),
    snippet("create-graph-false-gives-no-graph", """
        x = torch.tensor(2., requires_grad=True)
        (g,) = torch.autograd.grad(x ** 3, x)
        print(g, g.requires_grad, g.grad_fn)
    """),
    snippet("second-derivative-values", """
        x = torch.tensor([0.5, 1.5], requires_grad=True)
        results = []
        for f in (torch.tanh, torch.sigmoid, torch.log, torch.sqrt, torch.cos, torch.exp,
                  lambda t: 1 / t, lambda t: t ** 2.5, lambda t: torch.softmax(t, 0)[0]):
            (g,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
            (gg,) = torch.autograd.grad(g.sum(), x)
            results.append((g.detach(), gg))
    """, "results"),
    snippet("third-derivative-of-product", """
        x = torch.tensor(1.5, requires_grad=True)
        y = torch.tensor(-0.5, requires_grad=True)
        f = x ** 3 * y ** 2 + torch.exp(x * y)
        (gx,) = torch.autograd.grad(f, x, create_graph=True)
        (gxy,) = torch.autograd.grad(gx, y, create_graph=True)
        (gxyx,) = torch.autograd.grad(gxy, x)
    """, "gx", "gxy", "gxyx"),
    snippet("backward-create-graph", """
        x = torch.tensor(3., requires_grad=True)
        y = x ** 3
        y.backward(create_graph=True)
        print(x.grad, x.grad.requires_grad)
        (g2,) = torch.autograd.grad(x.grad, x)
        print(g2)
    """),
    snippet("gradcheck-float64", """
        x = torch.tensor([0.3, 0.7, 1.2], dtype=torch.float64, requires_grad=True)
        print(torch.autograd.gradcheck(lambda t: (t.exp() * t.sin()).sum(), (x,)))
        print(torch.autograd.gradgradcheck(lambda t: (t ** 3).sum(), (x,)))
    """),
]

GRAD_MODE = [
    snippet("no-grad-context", """
        x = torch.tensor([1.], requires_grad=True)
        print(torch.is_grad_enabled())
        with torch.no_grad():
            print(torch.is_grad_enabled())
            y = x * 2
        print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn, y.is_leaf)
    """),
    snippet("no-grad-nesting-and-enable-grad", """
        x = torch.tensor([1.], requires_grad=True)
        with torch.no_grad():
            with torch.enable_grad():
                y = x * 2
                print(torch.is_grad_enabled())
            with torch.no_grad():
                z = x * 2
            print(torch.is_grad_enabled())
        print(y.requires_grad, z.requires_grad, torch.is_grad_enabled())
    """),
    snippet("set-grad-enabled", """
        x = torch.tensor([1.], requires_grad=True)
        with torch.set_grad_enabled(False):
            y = x * 2
        torch.set_grad_enabled(False)
        z = x * 2
        torch.set_grad_enabled(True)
        w = x * 2
        print(y.requires_grad, z.requires_grad, w.requires_grad)
    """),
    snippet("no-grad-decorator", """
        @torch.no_grad()
        def double(t):
            return t * 2
        x = torch.tensor([1.], requires_grad=True)
        print(double(x).requires_grad, torch.is_grad_enabled())
    """),
    snippet("no-grad-restored-after-exception", """
        try:
            with torch.no_grad():
                raise KeyError("boom")
        except KeyError:
            pass
        print(torch.is_grad_enabled())
    """),
]

IN_PLACE = [
    snippet("in-place-under-no-grad", """
        w = torch.tensor([1., 2.], requires_grad=True)
        (w * 3).sum().backward()
        with torch.no_grad():
            w -= w.grad * 0.1
        print(w, w.is_leaf, w.grad_fn)
    """),
    snippet("leaf-in-place-add-error", """
        w = torch.tensor([1.], requires_grad=True)
        w.add_(1)
    """),
    snippet("leaf-in-place-iadd-error", """
        w = torch.tensor([1.], requires_grad=True)
        w += 1
    """),
    snippet("leaf-in-place-zero-error", """
        w = torch.tensor([1.], requires_grad=True)
        w.zero_()
    """),
    snippet("leaf-in-place-mul-error", """
        w = torch.tensor([1.], requires_grad=True)
        w.mul_(2)
    """),
    snippet("leaf-in-place-copy-error", """
        w = torch.tensor([1.], requires_grad=True)
        w.copy_(torch.tensor([2.]))
    """),
    snippet("leaf-in-place-fill-error", """
        w = torch.tensor([1.], requires_grad=True)
        w.fill_(2)
    """),
    snippet("leaf-setitem-error", """
        w = torch.tensor([1., 2.], requires_grad=True)
        w[0] = 5.
    """),
    snippet("in-place-on-non-leaf-grad-fn", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        y += 1
        print(y.grad_fn.name(), y.is_leaf)
        y.mul_(3)
        print(y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    snippet("setitem-on-non-leaf-with-grad", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = x * 2
        y[1] = 0.
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """),
    snippet("modified-saved-output-error", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        y = x.exp()
        y.add_(1)
        y.sum().backward()
    """),
    snippet("modified-saved-input-error", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        a = x * 1
        b = a * a
        a.add_(1)
        b.sum().backward()
    """),
    snippet("modified-leaf-after-use-error", """
        w = torch.tensor([1., 2., 3.], requires_grad=True)
        y = (w * w).sum()
        with torch.no_grad():
            w.add_(1)
        y.backward()
    """),
    snippet("modified-unsaved-tensor-is-fine", """
        x = torch.tensor([1., 2., 3.], requires_grad=True)
        a = x * 1
        b = a + 5
        a.add_(1)
        b.sum().backward()
        print(x.grad)
    """),
]

HOOKS = [
    snippet("hook-sees-gradient", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.register_hook(lambda g: print("hook", g))
        (x * 3).sum().backward()
        print(x.grad)
    """),
    snippet("hook-return-replaces-gradient", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.register_hook(lambda g: g * 10)
        (x * 3).sum().backward()
        print(x.grad)
    """),
    snippet("hooks-run-in-order", """
        x = torch.tensor([1., 2.], requires_grad=True)
        x.register_hook(lambda g: print("first", g) or g + 1)
        x.register_hook(lambda g: print("second", g))
        (x * 3).sum().backward()
        print(x.grad)
    """),
    snippet("hook-on-intermediate", """
        x = torch.tensor([1., 2.], requires_grad=True)
        h = x * 2
        h.register_hook(lambda g: g * 0.5)
        (h * h).sum().backward()
        print(x.grad, h.grad)
    """),
    snippet("hook-handle-remove", """
        x = torch.tensor([1., 2.], requires_grad=True)
        handle = x.register_hook(lambda g: g * 100)
        handle.remove()
        (x * 3).sum().backward()
        print(x.grad)
    """),
    snippet("hook-on-tensor-without-grad-error", """
        x = torch.tensor([1., 2.])
        x.register_hook(lambda g: g)
    """),
]

CUSTOM_FUNCTION = [
    snippet("custom-function", """
        class MyExp(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                result = x.exp()
                ctx.save_for_backward(result)
                return result

            @staticmethod
            def backward(ctx, grad):
                (result,) = ctx.saved_tensors
                print("needs", ctx.needs_input_grad)
                return grad * result

        x = torch.tensor([0., 1.], requires_grad=True)
        y = MyExp.apply(x)
        print(y, y.grad_fn.name(), type(y.grad_fn).__name__)
        y.sum().backward()
        print(x.grad)
    """),
    snippet("custom-function-two-inputs-one-constant", """
        class ScaledAdd(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a, b, scale):
                ctx.scale = scale
                return a + b * scale

            @staticmethod
            def backward(ctx, grad):
                print("needs", ctx.needs_input_grad)
                return grad, grad * ctx.scale, None

        a = torch.tensor([1., 2.], requires_grad=True)
        b = torch.tensor([3., 4.])
        out = ScaledAdd.apply(a, b, 10.)
        print(out, len(out.grad_fn.next_functions))
        out.sum().backward()
        print(a.grad, b.grad)
    """),
]

GROUPS = {
    "seed000": SEED000,
    "seed001": SEED001,
    "seed002": SEED002,
    "seed003": SEED003,
    "seed004": SEED004,
    "grad_fn": GRAD_FN,
    "graph": GRAPH,
    "backward": BACKWARD,
    "autograd_grad": AUTOGRAD_GRAD,
    "grad_mode": GRAD_MODE,
    "in_place": IN_PLACE,
    "hooks": HOOKS,
    "custom_function": CUSTOM_FUNCTION,
}
