"""Snippets about plain tensors: creation, dtypes, type promotion, ops' values, errors."""

from oracle.snippet import snippet

CREATION = [
    snippet("tensor-float-list", """
        t = torch.tensor([1.0, 2.0, 3.0])
        print(t.dtype, t.shape, t.dim(), t.numel())
    """, "t"),
    snippet("tensor-int-list", """
        t = torch.tensor([1, 2])
        print(t.dtype)
    """, "t"),
    snippet("tensor-bool-list", "t = torch.tensor([True, False])\nprint(t.dtype)", "t"),
    snippet("tensor-int-and-float-list", "t = torch.tensor([1, 2.5])\nprint(t.dtype)", "t"),
    snippet("tensor-bool-and-int-list", "t = torch.tensor([True, 2])\nprint(t.dtype)", "t"),
    snippet("tensor-python-float-scalar", """
        t = torch.tensor(3.5)
        print(t.dtype, t.shape, t.dim())
    """, "t"),
    snippet("tensor-python-int-scalar", "t = torch.tensor(7)\nprint(t.dtype, t.shape)", "t"),
    snippet("tensor-nested-2d", "t = torch.tensor([[1., 2.], [3., 4.]])\nprint(t.shape)", "t"),
    snippet("tensor-nested-3d", """
        t = torch.tensor([[[1, 2]], [[3, 4]], [[5, 6]]])
        print(t.shape, t.size(), t.size(0), t.size(-1))
    """, "t"),
    snippet("tensor-ragged-list-error", "t = torch.tensor([[1., 2.], [3.]])"),
    snippet("tensor-from-numpy-float64-keeps-dtype", """
        t = torch.tensor(np.array([1.0, 2.0]))
        print(t.dtype)
    """, "t"),
    snippet("tensor-from-numpy-float32", """
        t = torch.tensor(np.array([1.5, 2.5], dtype=np.float32))
        print(t.dtype)
    """, "t"),
    snippet("tensor-from-numpy-int64", "t = torch.tensor(np.arange(3))\nprint(t.dtype)", "t"),
    snippet("tensor-from-numpy-int32", """
        t = torch.tensor(np.arange(3, dtype=np.int32))
        print(t.dtype)
    """, "t"),
    snippet("tensor-from-numpy-bool", """
        t = torch.tensor(np.array([True, False]))
        print(t.dtype)
    """, "t"),
    snippet("tensor-dtype-argument", """
        a = torch.tensor([1, 2], dtype=torch.float32)
        b = torch.tensor(1.0, dtype=torch.float16)
        c = torch.tensor([1.0, 2.0], dtype=torch.double)
        print(a.dtype, b.dtype, c.dtype)
    """, "a", "b", "c"),
    snippet("dtype-aliases", """
        print(torch.float is torch.float32, torch.double is torch.float64)
        print(torch.half is torch.float16, torch.long is torch.int64, torch.int is torch.int32)
        print(torch.float32, torch.float64, torch.int64, torch.bool)
    """),
    snippet("dtype-is-floating-point", """
        print(torch.float32.is_floating_point, torch.int64.is_floating_point)
        print(torch.tensor([1.]).is_floating_point(), torch.tensor([1]).is_floating_point())
    """),
    snippet("tensor-from-list-of-0dim-tensors", """
        t = torch.tensor([torch.tensor(1.5), torch.tensor(2.0)])
        print(t)
    """, "t"),
    snippet("tensor-from-list-of-1-element-tensors-seed004", """
        w = torch.tensor([5.], requires_grad=True)
        w.grad = torch.tensor([36.])
        lr = 0.01
        w = torch.tensor([w.detach() - lr * w.grad], requires_grad=True)
        print(w, w.is_leaf)
    """, "w"),
    snippet("tensor-requires-grad-int-error", "t = torch.tensor([1, 2], requires_grad=True)"),
    snippet("requires-grad-underscore-int-error", "t = torch.tensor([1, 2]).requires_grad_()"),
    snippet("zeros-ones", """
        a = torch.zeros(2, 3)
        b = torch.zeros((2, 3))
        c = torch.ones(3)
        d = torch.zeros(2, dtype=torch.int64)
        e = torch.ones(2, 2, requires_grad=True)
        print(a.dtype, d.dtype, e.is_leaf)
    """, "a", "b", "c", "d", "e"),
    snippet("full", """
        a = torch.full((2, 2), 7.)
        b = torch.full((3,), 7)
        c = torch.full((2,), 1.5, dtype=torch.float64)
        print(a.dtype, b.dtype, c.dtype)
    """, "a", "b", "c"),
    snippet("arange", """
        a = torch.arange(5)
        b = torch.arange(0, 1, 0.25)
        c = torch.arange(1., 4.)
        d = torch.arange(10, 0, -3)
        print(a.dtype, b.dtype, c.dtype)
    """, "a", "b", "c", "d"),
    snippet("linspace", """
        a = torch.linspace(0, 1, 5)
        b = torch.linspace(-1, 1, 3)
        print(a.dtype, a)
    """, "a", "b"),
    snippet("eye", "a = torch.eye(3)\nb = torch.eye(2, 3)\nprint(a)", "a", "b"),
    snippet("zeros-like-ones-like", """
        x = torch.tensor([[1, 2], [3, 4]])
        a = torch.zeros_like(x)
        b = torch.ones_like(torch.tensor([1.5, 2.5], dtype=torch.float64))
        c = torch.zeros_like(x, dtype=torch.float32)
        print(a.dtype, b.dtype, c.dtype)
    """, "a", "b", "c"),
    snippet("empty-tensors", """
        a = torch.tensor([])
        b = torch.zeros(0, 3)
        print(a.dtype, a.shape, b.shape, a.numel())
    """, "a", "b"),
    snippet("from-numpy-shares-memory", """
        array = np.array([1., 2., 3.])
        t = torch.from_numpy(array)
        array[0] = 100.
        print(t.dtype, t)
    """, "t"),
    snippet("tensor-of-numpy-copies", """
        array = np.array([1., 2., 3.], dtype=np.float32)
        t = torch.tensor(array)
        array[0] = 100.
        print(t)
    """, "t"),
]

CONVERSION = [
    snippet("float-double-long-int", """
        t = torch.tensor([-1.7, 0.5, 1.7])
        a, b, c, d = t.float(), t.double(), t.long(), t.int()
        print(a.dtype, b.dtype, c.dtype, d.dtype)
    """, "a", "b", "c", "d"),
    snippet("to-dtype", """
        t = torch.tensor([1, 2])
        a = t.to(torch.float64)
        b = t.to(dtype=torch.float32)
        print(a.dtype, b.dtype)
    """, "a", "b"),
    snippet("to-same-dtype-returns-self", """
        t = torch.tensor([1., 2.])
        print(t.to(torch.float32) is t, t.float() is t, t.double() is t)
    """),
    snippet("type-method", """
        t = torch.tensor([1.5, 2.5])
        print(t.type())
        a = t.type(torch.int32)
        print(a.dtype, torch.tensor([1]).type(), t.double().type())
    """, "a"),
    snippet("item-float-int", """
        a = torch.tensor(3.5).item()
        b = torch.tensor([2]).item()
        c = torch.tensor(True).item()
        d = torch.tensor([0.1]).item()
        print(type(a).__name__, type(b).__name__, type(c).__name__, d)
    """, "a", "b", "c", "d"),
    snippet("float-int-of-tensor", """
        t = torch.tensor([2.75])
        print(float(t), int(t), float(torch.tensor(0.1)), int(torch.tensor(-2.5)))
        print(bool(torch.tensor([1.])), bool(torch.tensor(0.)))
    """),
    snippet("tolist", """
        a = torch.tensor([[1., 2.], [3., 4.5]]).tolist()
        b = torch.tensor(3).tolist()
        c = torch.tensor([True, False]).tolist()
        d = torch.tensor([0.1, 0.2]).tolist()
        print(a, b, c, d)
    """),
    snippet("item-of-many-elements-error", "torch.tensor([1., 2.]).item()"),
    snippet("float-of-many-elements-error", "float(torch.tensor([1., 2.]))"),
    snippet("bool-of-many-elements-error", "bool(torch.tensor([1., 2.]))"),
    snippet("numpy-dtype", """
        a = torch.tensor([1.0, 2.0]).numpy()
        b = torch.tensor([1, 2]).numpy()
        print(repr(a), repr(b))
    """, "a", "b"),
    snippet("len-and-iteration", """
        t = torch.tensor([[1., 2.], [3., 4.]])
        print(len(t))
        for row in t:
            print(row)
    """),
    snippet("len-of-0dim-error", "len(torch.tensor(1.))"),
]

PROMOTION = [
    snippet("promote-int-tensor-plus-float-scalar", "r = torch.tensor([1, 2]) + 0.5", "r"),
    snippet("promote-int-tensor-times-float-scalar", "r = torch.tensor([1, 2]) * 2.5", "r"),
    snippet("promote-int-tensor-plus-int-scalar", "r = torch.tensor([1, 2]) + 3", "r"),
    snippet("promote-int32-tensor-plus-int-scalar", """
        r = torch.tensor([1, 2], dtype=torch.int32) + 3
    """, "r"),
    snippet("promote-float32-plus-float64-0dim", """
        r = torch.tensor([1., 2.]) + torch.tensor(0.5, dtype=torch.float64)
    """, "r"),
    snippet("promote-float32-plus-float64-1d", """
        r = torch.tensor([1., 2.]) + torch.tensor([0.5, 0.5], dtype=torch.float64)
    """, "r"),
    snippet("promote-float32-0dim-plus-float64-0dim", """
        r = torch.tensor(1.) + torch.tensor(0.5, dtype=torch.float64)
    """, "r"),
    snippet("promote-int-tensor-plus-float64-0dim", """
        r = torch.tensor([1, 2]) + torch.tensor(0.5, dtype=torch.float64)
    """, "r"),
    snippet("promote-int-plus-bool", "r = torch.tensor([1, 2]) + torch.tensor([True, False])",
            "r"),
    snippet("promote-bool-plus-bool", "r = torch.tensor([True, False]) + torch.tensor([True, True])",
            "r"),
    snippet("promote-int-divided-by-int", "r = torch.tensor([1, 2]) / torch.tensor([2, 4])", "r"),
    snippet("promote-float16-plus-float32", """
        r = torch.tensor([1.], dtype=torch.float16) + torch.tensor([2.])
    """, "r"),
    snippet("promote-float64-tensor-times-python-float", """
        r = torch.tensor([1., 2.], dtype=torch.float64) * 0.1
    """, "r"),
    snippet("promote-float32-times-numpy-float64-scalar", """
        r = torch.tensor([1., 2.]) * np.float64(0.1)
        print(type(r).__name__, r.dtype)
    """, "r"),
    snippet("promote-numpy-float64-scalar-times-float32", """
        r = np.float64(0.1) * torch.tensor([1., 2.])
        print(type(r).__name__, r.dtype)
    """, "r"),
    snippet("promote-int-power-negative-error", "r = torch.tensor([1, 2]) ** -1"),
    snippet("promote-int-power", "r = torch.tensor([1, 2]) ** 2\ns = 2 ** torch.tensor([1, 2])",
            "r", "s"),
    snippet("comparisons-give-bool", """
        t = torch.tensor([1., 2., 3.])
        a, b, c, d = t > 1, t == 2, t <= 2.5, t != torch.tensor([1., 0., 3.])
        print(a.dtype)
    """, "a", "b", "c", "d"),
    snippet("sum-of-int-and-bool", """
        a = torch.tensor([1, 2, 3], dtype=torch.int32).sum()
        b = torch.tensor([True, True, False]).sum()
        print(a.dtype, b.dtype)
    """, "a", "b"),
    snippet("mean-of-int-error", "torch.tensor([1, 2]).mean()"),
]

ARITHMETIC = [
    snippet("broadcast-2x3-plus-3", """
        r = torch.tensor([[1., 2., 3.], [4., 5., 6.]]) + torch.tensor([10., 20., 30.])
    """, "r"),
    snippet("broadcast-2x1-times-1x3", """
        r = torch.tensor([[1.], [2.]]) * torch.tensor([[1., 2., 3.]])
    """, "r"),
    snippet("scalar-on-either-side", """
        t = torch.tensor([1., 2., 4.])
        a, b, c, d, e, f = 2 - t, 2 / t, 2 ** t, t ** 0.5, -t, t - 1
        print(a.dtype, c.dtype)
    """, "a", "b", "c", "d", "e", "f"),
    snippet("matmul-shapes", """
        m = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
        v = torch.tensor([1., 0., -1.])
        a = v @ v
        b = m @ v
        c = torch.tensor([1., 1.]) @ m
        d = m @ m.T
        e = torch.mm(m, m.T)
        f = torch.stack([m, m * 2]) @ m.T
        print(a.shape, b.shape, c.shape, d.shape, f.shape)
    """, "a", "b", "c", "d", "e", "f"),
    snippet("reductions", """
        t = torch.tensor([[1., 5., 3.], [4., 2., 6.]])
        a = t.sum()
        b = t.sum(dim=0)
        c = t.sum(1, keepdim=True)
        d = t.mean()
        e = t.mean(dim=1)
        f = torch.sum(t, dim=(0, 1))
        g = t.sum(-1)
        print(a, b, c, d, e, f, g)
    """, "a", "b", "c", "d", "e", "f", "g"),
    snippet("max-min-amax-argmax", """
        t = torch.tensor([[1., 5., 3.], [4., 2., 6.]])
        a, b = t.max(), t.min()
        values, indices = t.max(dim=1)
        c = t.amax(dim=0)
        d = t.amax(dim=1, keepdim=True)
        e = t.argmax()
        f = t.argmax(dim=1)
        g = t.min(dim=0).values
        print(values, indices, e.dtype)
    """, "a", "b", "values", "indices", "c", "d", "e", "f", "g"),
    snippet("max-dim-named-tuple-repr", """
        t = torch.tensor([[1., 5., 3.], [4., 2., 6.]])
        print(t.max(dim=1))
    """),
    snippet("elementwise-math", """
        t = torch.tensor([0.5, 1.0, 2.0])
        results = [torch.exp(t), torch.log(t), torch.sin(t), torch.cos(t), torch.tanh(t),
                   torch.sigmoid(t), torch.sqrt(t), t.exp(), t.log(), t.sqrt()]
    """, "results"),
    snippet("relu-abs-clamp", """
        t = torch.tensor([-2., -0.5, 0., 0.5, 2.])
        a = torch.relu(t)
        b = torch.abs(t)
        c = t.clamp(-1, 1)
        d = torch.clamp(t, min=0)
        e = t.clamp(max=0.25)
        f = t.relu()
    """, "a", "b", "c", "d", "e", "f"),
    snippet("maximum-minimum-where", """
        a = torch.tensor([1., 5., 3.])
        b = torch.tensor([4., 2., 3.])
        c = torch.maximum(a, b)
        d = torch.minimum(a, b)
        e = torch.where(a > b, a, b)
        f = torch.where(a > 2, a, 0.)
    """, "c", "d", "e", "f"),
    snippet("softmax-log-softmax", """
        t = torch.tensor([[1., 2., 3.], [1000., 0., -1000.]])
        a = torch.softmax(t, dim=1)
        b = torch.log_softmax(t, dim=1)
        c = t.softmax(0)
        d = t.log_softmax(-1)
    """, "a", "b", "c", "d"),
    snippet("in-place-ops", """
        t = torch.tensor([1., 2., 3.])
        alias = t
        t.add_(1)
        t.mul_(2)
        t.sub_(torch.tensor([1., 1., 1.]))
        t += 1
        t *= 0.5
        print(alias is t, alias)
        u = torch.tensor([1., 2.])
        u.zero_()
        v = torch.tensor([1., 2.]).fill_(7)
        w = torch.zeros(2).copy_(torch.tensor([3, 4]))
    """, "t", "u", "v", "w"),
    snippet("in-place-returns-self", """
        t = torch.tensor([1., 2.])
        print(t.add_(1) is t, t.zero_() is t)
    """),
    snippet("in-place-int-tensor-float-result-error", """
        t = torch.tensor([1, 2])
        t += 0.5
    """),
    snippet("clone-is-a-copy", """
        t = torch.tensor([1., 2.])
        c = t.clone()
        c[0] = 100.
        print(t, c)
    """),
    snippet("detach-shares-data", """
        t = torch.tensor([1., 2.], requires_grad=True)
        d = t.detach()
        d[0] = 100.
        print(t, d)
    """),
]

SHAPES = [
    snippet("reshape-view-flatten", """
        t = torch.arange(6.)
        a = t.reshape(2, 3)
        b = t.reshape(-1, 1)
        c = t.view(3, 2)
        d = a.flatten()
        e = t.reshape((3, -1))
        print(a.shape, b.shape, c.shape, e.shape)
    """, "a", "b", "c", "d", "e"),
    snippet("squeeze-unsqueeze", """
        t = torch.zeros(1, 3, 1)
        print(t.squeeze().shape, t.squeeze(0).shape, t.squeeze(1).shape, t.squeeze(-1).shape)
        print(t.unsqueeze(0).shape, t.unsqueeze(-1).shape, torch.tensor(1.).unsqueeze(0).shape)
    """),
    snippet("transpose-permute-T", """
        t = torch.arange(6.).reshape(2, 3)
        a = t.transpose(0, 1)
        b = t.T
        c = torch.arange(24).reshape(2, 3, 4).permute(2, 0, 1)
        d = torch.transpose(t, 1, 0)
        print(c.shape)
    """, "a", "b", "c", "d"),
    snippet("expand", """
        t = torch.tensor([[1.], [2.]])
        a = t.expand(2, 3)
        b = t.expand(4, 2, 3)
        c = t.expand(-1, 2)
        print(b.shape)
    """, "a", "b", "c"),
    snippet("cat-stack", """
        a = torch.tensor([[1., 2.], [3., 4.]])
        b = torch.tensor([[5., 6.]])
        c = torch.cat([a, b])
        d = torch.cat([a, a], dim=1)
        e = torch.stack([a, a])
        f = torch.stack([a, a], dim=2)
        g = torch.cat((a, b), 0)
        print(e.shape, f.shape)
    """, "c", "d", "e", "f", "g"),
    snippet("indexing-basic", """
        t = torch.arange(12.).reshape(3, 4)
        results = [t[1], t[1, 2], t[:, 1], t[::2], t[-1], t[..., 0], t[None].shape,
                   t[1:, :2], t[0][1]]
    """, "results"),
    snippet("indexing-advanced", """
        t = torch.arange(12.).reshape(3, 4)
        a = t[[0, 2]]
        b = t[torch.tensor([0, 2])]
        c = t[[0, 1], [2, 3]]
        d = t[t > 6]
        e = t[:, [3, 0]]
        f = t[torch.tensor([True, False, True])]
    """, "a", "b", "c", "d", "e", "f"),
    snippet("setitem", """
        t = torch.zeros(3, 4)
        t[0] = 5.
        t[1, 2] = 7.
        t[:, 3] = torch.tensor([1., 2., 3.])
        t[t > 6] = -1.
        t[[2, 2], [0, 1]] = 9.
    """, "t"),
    snippet("index-out-of-range-error", "torch.tensor([1., 2., 3.])[5]"),
    snippet("view-of-non-contiguous-error", "torch.arange(6.).reshape(2, 3).T.view(-1)"),
    snippet("reshape-invalid-size-error", "torch.zeros(2, 3).reshape(4)"),
    snippet("size-and-shape-repr", """
        t = torch.zeros(2, 3)
        print(t.shape, t.size(), t.shape[0], t.shape == (2, 3), list(t.shape))
    """),
]

SHAPE_ERRORS = [
    snippet("error-add-2x3-and-4", "torch.zeros(2, 3) + torch.zeros(4)"),
    snippet("error-mul-3-and-2", "torch.ones(3) * torch.ones(2)"),
    snippet("error-matmul-2x3-and-4x5", "torch.zeros(2, 3) @ torch.zeros(4, 5)"),
    snippet("error-mm-2x3-and-4x5", "torch.mm(torch.zeros(2, 3), torch.zeros(4, 5))"),
    snippet("error-matmul-1d-3-and-4", "torch.zeros(3) @ torch.zeros(4)"),
    snippet("error-matmul-2x3-and-vector-4", "torch.zeros(2, 3) @ torch.zeros(4)"),
    snippet("error-mm-of-vector", "torch.mm(torch.zeros(3), torch.zeros(3, 2))"),
    snippet("error-cat-sizes", "torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)])"),
    snippet("error-stack-sizes", "torch.stack([torch.zeros(3), torch.zeros(4)])"),
    snippet("error-expand", "torch.zeros(2, 3).expand(4, 3)"),
    snippet("error-dim-out-of-range", "torch.zeros(2, 3).sum(dim=2)"),
    snippet("error-squeeze-dim-out-of-range", "torch.zeros(2, 3).unsqueeze(3)"),
    snippet("error-where-shapes", "torch.where(torch.ones(2) > 0, torch.ones(3), torch.ones(2))"),
    snippet("error-setitem-shape", """
        t = torch.zeros(2, 3)
        t[0] = torch.ones(4)
    """),
]

GROUPS = {
    "creation": CREATION,
    "conversion": CONVERSION,
    "promotion": PROMOTION,
    "arithmetic": ARITHMETIC,
    "shapes": SHAPES,
    "shape_errors": SHAPE_ERRORS,
}
