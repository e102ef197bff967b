"""Snippets about how tensors print: repr, str, format, dtype suffixes, summarisation."""

from oracle.snippet import snippet


def _printed(name, expression):
    """A snippet that prints one expression (most repr checks need nothing more)."""
    return snippet(name, f"print({expression})")


VALUES = [
    _printed("0dim-integral-float", "torch.tensor(6.)"),
    _printed("0dim-float", "torch.tensor(3.5)"),
    _printed("0dim-negative-float", "torch.tensor(-0.25)"),
    _printed("0dim-int", "torch.tensor(3)"),
    _printed("0dim-bool", "torch.tensor(True)"),
    _printed("0dim-float-seed000-loss", "torch.tensor(137.6195)"),
    _printed("1d-integral-floats", "torch.tensor([1., 2., 3.])"),
    _printed("1d-seed000-x", "torch.tensor([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])"),
    _printed("1d-seed000-y-alignment",
             "torch.tensor([0.7467, 2.3617, 7.1977, 12.5730, 14.8658, 16.6659, 22.5292])"),
    _printed("1d-aligned-ints", "torch.tensor([-1, 10, 100])"),
    _printed("1d-ints", "torch.tensor([1, 2, 3])"),
    _printed("1d-bools", "torch.tensor([True, False, True])"),
    _printed("1d-negative-integral-floats", "torch.tensor([-1., 20., 300.])"),
    _printed("1d-decimals", "torch.tensor([0.1, 0.2, 0.3])"),
    _printed("1d-more-digits-than-shown", "torch.tensor([12345.678, 1.5])"),
    _printed("1d-negative-zero", "torch.tensor([-0., 1.])"),
    _printed("1d-rounding", "torch.tensor([0.00004, 0.99996])"),
    _printed("1d-float32-rounding-of-python-float", "torch.tensor([2.7182818])"),
    _printed("1d-values-from-float32-arithmetic", "torch.tensor([0.1]) + torch.tensor([0.2])"),
    _printed("2d-integral", "torch.tensor([[1., 2.], [3., 4.]])"),
    _printed("2d-decimals-negative", "torch.tensor([[1.5, -2.25], [-30.125, 4.]])"),
    _printed("2d-ints", "torch.tensor([[1, -20], [300, 4]])"),
    _printed("2d-one-row", "torch.tensor([[4.5, 4.5]])"),
    _printed("2d-one-column", "torch.tensor([[1.], [2.], [3.]])"),
    _printed("3d", "torch.arange(12.).reshape(2, 3, 2)"),
    _printed("3d-ints", "torch.arange(8).reshape(2, 2, 2)"),
    _printed("4d", "torch.ones(2, 1, 2, 2)"),
]

SCI_MODE = [
    _printed("sci-small-and-one", "torch.tensor([1e-5, 1.0])"),
    _printed("sci-huge-and-one", "torch.tensor([1e9, 1.0])"),
    _printed("sci-small-alone", "torch.tensor([1e-5])"),
    _printed("sci-large-non-integral", "torch.tensor([123456789.5])"),
    _printed("sci-ratio-over-1000", "torch.tensor([0.001, 1000.5])"),
    _printed("sci-large-integral-floats", "torch.tensor([1., 1000000.])"),
    _printed("sci-integral-above-1e8", "torch.tensor([1e9, 2.])"),
    _printed("sci-tiny-0dim", "torch.tensor(1e-10)"),
    _printed("sci-0dim-large", "torch.tensor(3e12)"),
    _printed("sci-with-zero", "torch.tensor([0., 1e-7])"),
    _printed("sci-2d", "torch.tensor([[1e-6, 1.], [2., 3.]])"),
    _printed("no-sci-ratio-999", "torch.tensor([0.01, 9.99])"),
    _printed("sci-float64", "torch.tensor([1e-20, 1.], dtype=torch.float64)"),
]

SPECIAL = [
    _printed("inf-nan", "torch.tensor([float('inf'), float('-inf'), float('nan')])"),
    _printed("nan-with-decimals", "torch.tensor([1.5, float('nan')])"),
    _printed("inf-with-integral", "torch.tensor([1., float('inf')])"),
    _printed("0dim-nan", "torch.tensor(float('nan'))"),
    _printed("inf-from-division", "torch.tensor([1., -1., 0.]) / 0"),
    _printed("empty-float", "torch.tensor([])"),
    _printed("empty-2d", "torch.zeros(0, 3)"),
    _printed("empty-int", "torch.tensor([], dtype=torch.int64)"),
    _printed("empty-float64", "torch.zeros(0, dtype=torch.float64)"),
]

DTYPE_SUFFIX = [
    _printed("suffix-float64", "torch.tensor([1., 2.], dtype=torch.float64)"),
    _printed("suffix-float64-0dim", "torch.tensor(1.5, dtype=torch.float64)"),
    _printed("suffix-float64-from-numpy", "torch.tensor(np.array([0.1, 0.25]))"),
    _printed("suffix-int32", "torch.tensor([1, 2], dtype=torch.int32)"),
    _printed("suffix-float16", "torch.tensor([1.5, 2.], dtype=torch.float16)"),
    _printed("suffix-float16-0dim", "torch.tensor(1.0, dtype=torch.float16)"),
    _printed("no-suffix-int64", "torch.tensor([1, 2], dtype=torch.int64)"),
    _printed("no-suffix-bool", "torch.tensor([True])"),
    _printed("suffix-float64-2d", "torch.eye(2, dtype=torch.float64)"),
    _printed("suffix-float64-requires-grad",
             "torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)"),
    snippet("dtype-reprs", """
        print(torch.float32, repr(torch.float64), str(torch.int64), torch.bool)
        print(torch.tensor([1.]).dtype, [torch.float16, torch.int32])
    """),
]

AUTOGRAD_SUFFIX = [
    _printed("requires-grad-1d", "torch.tensor([1., 2., 3.], requires_grad=True)"),
    _printed("requires-grad-0dim", "torch.tensor(3.5, requires_grad=True)"),
    _printed("grad-fn-0dim-sum", "torch.tensor([1., 2., 3.], requires_grad=True).sum()"),
    snippet("grad-fn-wraps-to-new-line-seed000", """
        w = torch.tensor([1.0], requires_grad=True)
        x = torch.tensor([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
        print(w * x + torch.tensor([0.0], requires_grad=True))
    """),
    snippet("grad-fn-short-1d", """
        x = torch.tensor([1., 2.], requires_grad=True)
        print(2 * x)
    """),
    snippet("grad-fn-2d", """
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        print(x * 1.5)
    """),
    snippet("grad-fn-float64", """
        x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
        print(x * 2)
    """),
    snippet("requires-grad-2d", """
        print(torch.ones(2, 2, requires_grad=True))
    """),
    snippet("no-grad-fn-under-no-grad", """
        x = torch.tensor([1., 2.], requires_grad=True)
        with torch.no_grad():
            print(x * 2)
        print(x.detach())
    """),
    snippet("grad-fn-repr", """
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
        print(y.grad_fn)
        print(repr(y.grad_fn.next_functions[0][0]))
        print(y.grad_fn.next_functions)
    """),
]

SUMMARISED = [
    _printed("summarised-1d-integral", "torch.arange(2000.)"),
    _printed("summarised-1d-ints", "torch.arange(1001)"),
    _printed("not-summarised-1000-ints", "torch.arange(1000)"),
    _printed("summarised-1d-decimals", "torch.arange(1500.) / 7"),
    _printed("summarised-2d", "torch.zeros(100, 100)"),
    _printed("summarised-2d-wide-rows", "torch.arange(3000.).reshape(3, 1000)"),
    _printed("summarised-2d-tall", "torch.arange(2000).reshape(1000, 2)"),
    _printed("summarised-requires-grad", "torch.ones(1200, requires_grad=True)"),
    _printed("wrapped-1d-decimals", "torch.arange(30.) / 7"),
    _printed("wrapped-1d-ints", "torch.arange(40)"),
    _printed("wrapped-2d", "torch.arange(40.).reshape(2, 20) / 3"),
    _printed("wrapped-1d-with-grad-fn", "torch.arange(20., requires_grad=True) * 1.5"),
]

FORMATTING = [
    snippet("str-equals-repr", """
        t = torch.tensor([1.5, 2.])
        print(str(t) == repr(t), str(t))
    """),
    snippet("fstring-0dim", """
        t = torch.tensor(3.5)
        print(f"{t}", f"{torch.tensor(52.31643295288086)}", f"{torch.tensor(2)}")
    """),
    snippet("fstring-0dim-with-spec", """
        t = torch.tensor(3.14159)
        print(f"{t:.2f}", f"{t:8.3f}|", "{:.1e}".format(t), format(t, ".3f"))
    """),
    snippet("fstring-0dim-requires-grad", """
        t = torch.tensor(2.5, requires_grad=True) * 2
        print(f"loss={t}", "loss = {}".format(t))
    """),
    snippet("fstring-1d", """
        t = torch.tensor([1.5, 2.])
        print(f"{t}")
    """),
    snippet("fstring-1d-with-spec-error", """
        t = torch.tensor([1.5, 2.])
        print(f"{t:.2f}")
    """),
    snippet("format-item-seed004", """
        pred = torch.tensor([14.8])
        print("pred = {}, loss = {}".format(pred.item(), (pred - 10).pow(2).item()))
    """),
    snippet("print-list-and-tuple-of-tensors", """
        print([torch.tensor(1.), torch.tensor([2, 3])])
        print((torch.tensor([2.]),))
    """),
    snippet("print-grad-none", """
        x = torch.tensor([1.], requires_grad=True)
        print(x.grad, x.grad_fn)
    """),
    snippet("numpy-repr-seed001", "print(repr(torch.tensor([1.0, 2.0]).numpy()))"),
]

GROUPS = {
    "repr_values": VALUES,
    "repr_sci_mode": SCI_MODE,
    "repr_special": SPECIAL,
    "repr_dtype_suffix": DTYPE_SUFFIX,
    "repr_autograd_suffix": AUTOGRAD_SUFFIX,
    "repr_summarised": SUMMARISED,
    "repr_formatting": FORMATTING,
}
