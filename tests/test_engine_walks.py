"""The engine's two walks give the same gradients.

``loss.backward()`` without create_graph or ``inputs`` takes ``engine._plain_backward``, which
passes numpy arrays between nodes; everything else takes ``run_backward``'s reference walk on
Tensors. Registering an observer (what minigrad.viz does) forces the reference walk, so each
graph below is run both ways and the leaves' gradients must be identical, bit for bit.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as torch
from minigrad.autograd import Function, engine

from strategies import broadcastable_shapes, float64_arrays


class Cube(Function):
    """A Function with no numpy formula in ops/fast_backward.py: the plain walk must call it."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x._data ** 3

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 3 * x * x


def mlp_cross_entropy(rng):
    x = torch.from_numpy(rng.standard_normal((8, 5), dtype=np.float32))
    w1 = torch.from_numpy(rng.standard_normal((5, 7), dtype=np.float32)).requires_grad_()
    b1 = torch.zeros(7, requires_grad=True)
    w2 = torch.from_numpy(rng.standard_normal((7, 3), dtype=np.float32)).requires_grad_()
    labels = torch.from_numpy(rng.integers(0, 3, 8))
    out = (x @ w1 + b1).relu() @ w2
    return -out.log_softmax(1)[torch.arange(8), labels].mean(), [w1, b1, w2]


def reused_and_broadcast(rng):
    a = torch.from_numpy(rng.standard_normal((3, 1), dtype=np.float32)).requires_grad_()
    b = torch.from_numpy(rng.standard_normal(4, dtype=np.float32)).requires_grad_()
    c = a * b + a / (b * b + 1) - a  # a used three times, b twice, both broadcast to (3, 4)
    return (c * c).sum() + c.exp().mean(), [a, b]


def custom_function_and_hooks(rng):
    x = torch.from_numpy(rng.standard_normal(5)).requires_grad_()  # float64
    y = Cube.apply(x * 2)
    y.register_hook(lambda g: g * 10)  # a tensor hook on a non-leaf
    x.register_hook(lambda g: g + 1)  # a hook on the leaf
    z = y.sum_to_size(1).pow(2)
    z.retain_grad()
    return z.sum(), [x]


def mixed_dtypes(rng):
    half = torch.from_numpy(rng.standard_normal(4, dtype=np.float32)).requires_grad_()
    double = torch.from_numpy(rng.standard_normal(4)).requires_grad_()
    return (half * double).sum() + (half ** 2).mean(), [half, double]


def nn_losses(rng):
    """nn's fused ops (Addmm, NllLoss, MseLoss) have numpy formulas of their own."""
    torch.manual_seed(0)
    layer = torch.nn.Linear(4, 3)
    x = torch.from_numpy(rng.standard_normal((6, 4), dtype=np.float32))
    out = layer(x)
    labels = torch.tensor([0, 2, 1, -100, 2, 0])  # one ignored sample
    weight = torch.tensor([1.0, 0.5, 2.0])
    ce = torch.nn.functional.cross_entropy(out, labels, weight=weight)
    per_sample = torch.nn.functional.nll_loss(out.log_softmax(1), labels, reduction="none")
    mse = torch.nn.functional.mse_loss(out, torch.ones(6, 3), reduction="sum")
    return ce + per_sample.sum() + mse, [layer.weight, layer.bias]


def elementwise_and_shapes(rng):
    """Common ops of the course: each has a numpy formula the plain walk uses."""
    # Enough elements for a formula that rounds differently to show (e.g. g * z * (1 - z)).
    a = torch.from_numpy(rng.uniform(0.5, 2.0, (200, 3)).astype(np.float32)).requires_grad_()
    b = torch.from_numpy(rng.standard_normal((3, 1), dtype=np.float32)).requires_grad_()
    h = (a.log() + a.sqrt() - a.abs()) @ b  # (200, 1)
    s = h.squeeze(1).tanh().unsqueeze(0).sigmoid()  # (1, 200)
    weights = torch.from_numpy(rng.standard_normal(200, dtype=np.float32))
    return (s * weights).sum() + (s.softmax(1) * weights).sum() + a.t().exp().mean(), [a, b]


def activations(rng):
    """nn's leaky_relu has a numpy formula too."""
    x = torch.from_numpy(rng.standard_normal((60, 4), dtype=np.float32) * 2).requires_grad_()
    F = torch.nn.functional
    weights = torch.from_numpy(rng.standard_normal((60, 4), dtype=np.float32))
    return (F.leaky_relu(x, 0.1) * weights).sum(), [x]


def gelus(rng):
    """gelu, both forms (x and y get separate leaves: their gradients never add up)."""
    x = torch.from_numpy(rng.standard_normal((60, 4), dtype=np.float32) * 2).requires_grad_()
    y = torch.from_numpy(rng.standard_normal((60, 4), dtype=np.float32) * 2).requires_grad_()
    F = torch.nn.functional
    weights = torch.from_numpy(rng.standard_normal((60, 4), dtype=np.float32))
    return (F.gelu(x) * weights).sum() + (F.gelu(y, approximate="tanh") * weights).sum(), [x, y]


def linear_layers_with_tanh(rng):
    """nn.Linear multiplies by weight.t(), a column-major view: its gradient is computed
    transposed, as PyTorch does, in both walks."""
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(5, 6), torch.nn.Tanh(), torch.nn.Linear(6, 2))
    x = torch.from_numpy(rng.standard_normal((7, 5), dtype=np.float32))
    w = torch.from_numpy(rng.standard_normal((2, 6), dtype=np.float32)).requires_grad_()
    out = model(x) + torch.tanh(model[0](x)) @ w.t()  # Mm with a column-major operand too
    target = torch.from_numpy(rng.integers(0, 2, 7))
    return torch.nn.functional.cross_entropy(out, target), [*model.parameters(), w]


def binary_cross_entropy(weighted, logits):
    """A graph builder for one binary loss: with logits or on probabilities, with or without
    weights (and then a target that requires grad). One loss per graph: added together, one
    loss's last-bit differences would vanish into the others' larger gradients."""
    def build(rng):
        z = torch.from_numpy(rng.standard_normal((50, 3), dtype=np.float32) * 3).requires_grad_()
        if not weighted:
            hard = torch.from_numpy(rng.integers(0, 2, (50, 3)).astype(np.float32))
            if logits:
                return torch.nn.functional.binary_cross_entropy_with_logits(z, hard), [z]
            return torch.nn.functional.binary_cross_entropy(z.sigmoid(), hard), [z]
        t = torch.from_numpy(rng.uniform(0, 1, (50, 3)).astype(np.float32)).requires_grad_()
        weight = torch.tensor([0.5, 1.0, 2.0])
        if logits:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                z, t, weight=weight, pos_weight=weight * 3, reduction="sum")
        else:
            loss = torch.nn.functional.binary_cross_entropy(z.sigmoid(), t, weight=weight,
                                                            reduction="sum")
        return loss, [z, t]

    build.__name__ = ("weighted_" if weighted else "") + ("bce_with_logits" if logits else "bce")
    return build


BINARY_LOSSES = [binary_cross_entropy(weighted, logits)
                 for weighted in (False, True) for logits in (False, True)]

GRAPHS = [mlp_cross_entropy, reused_and_broadcast, custom_function_and_hooks, mixed_dtypes,
          nn_losses, elementwise_and_shapes, activations, gelus, linear_layers_with_tanh,
          *BINARY_LOSSES]


@pytest.mark.parametrize("build", [mlp_cross_entropy, elementwise_and_shapes, activations,
                                   gelus, linear_layers_with_tanh, *BINARY_LOSSES],
                         ids=lambda f: f.__name__)
def test_the_plain_walk_uses_numpy_formulas_for_common_ops(build, monkeypatch):
    """No node of these graphs falls back to the op's own backward (wrapping arrays in
    Tensors): integer targets and column-major weights included."""
    fallbacks = []
    run_node = engine._run_node
    monkeypatch.setattr(engine, "_run_node",
                        lambda node, *args: fallbacks.append(node.name()) or run_node(node, *args))
    loss, _ = build(np.random.default_rng(0))
    loss.backward()
    assert fallbacks == []


@pytest.fixture
def walks(monkeypatch):
    """Count the calls of the plain walk, so that each test knows which walk ran."""
    calls = []
    plain = engine._plain_backward
    monkeypatch.setattr(engine, "_plain_backward",
                        lambda *args: calls.append(1) or plain(*args))
    return calls


def gradients(build, seed, reference, retain_twice=False):
    """The leaves' gradients after ``loss.backward()`` (twice with retain_graph if asked)."""
    loss, leaves = build(np.random.default_rng(seed))
    if reference:
        engine.observers.append(lambda node, grad_outputs, grad_inputs: None)
    try:
        loss.backward(retain_graph=retain_twice)
        if retain_twice:
            loss.backward()
    finally:
        if reference:
            engine.observers.pop()
    return [leaf.grad.numpy().copy() for leaf in leaves]


@pytest.mark.parametrize("build", GRAPHS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("retain_twice", [False, True])
def test_both_walks_agree(build, retain_twice, walks):
    plain = gradients(build, 0, reference=False, retain_twice=retain_twice)
    assert walks, "loss.backward() should have taken the plain walk"
    walks.clear()
    reference = gradients(build, 0, reference=True, retain_twice=retain_twice)
    assert not walks, "with an observer, the reference walk should have run"
    for p, r in zip(plain, reference):
        assert p.dtype == r.dtype and p.shape == r.shape
        np.testing.assert_array_equal(p, r)


@pytest.mark.parametrize("build", GRAPHS, ids=lambda f: f.__name__)
def test_numpy_formulas_agree_with_the_ops_own_backward(build):
    """Without create_graph both walks use the numpy formulas (ops/fast_backward.py); with it,
    each op's own backward runs, on Tensors. Same gradients, bit for bit."""
    loss, leaves = build(np.random.default_rng(0))
    own = torch.autograd.grad(loss, leaves, create_graph=True)
    loss, leaves = build(np.random.default_rng(0))
    loss.backward()
    for leaf, g in zip(leaves, own):
        assert leaf.grad.dtype == g.dtype
        np.testing.assert_array_equal(leaf.grad.numpy(), g.detach().numpy())


def test_the_plain_walk_frees_the_graph():
    x = torch.ones(3, requires_grad=True)
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()


def test_the_plain_walk_checks_saved_tensors_for_inplace_changes():
    x = torch.ones(3, requires_grad=True)
    y = x * 2
    z = y * y
    y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.sum().backward()


@settings(max_examples=40, deadline=None)
@given(shapes=broadcastable_shapes(count=2), data=st.data())
def test_both_walks_agree_on_broadcasting(shapes, data):
    """Random broadcast shapes: the plain walk's sum-to-shape matches the reference's."""
    arrays = [data.draw(float64_arrays(shape, offset=offset))
              for shape, offset in zip(shapes, (0.25, 0.75))]
    results = []
    for reference in (False, True):
        a, b = [torch.from_numpy(array.copy()).requires_grad_() for array in arrays]
        if reference:
            engine.observers.append(lambda *args: None)
        try:
            ((a * b - b).relu() * a + b / 3).sum().backward()
        finally:
            if reference:
                engine.observers.pop()
        results.append((a.grad.numpy(), b.grad.numpy()))
    for p, r in zip(*results):
        assert p.shape == r.shape
        np.testing.assert_array_equal(p, r)


@pytest.mark.parametrize("reference", [False, True], ids=["plain walk", "reference walk"])
def test_gradients_of_0d_tensors_are_arrays(reference):
    """numpy turns 0-d results into scalars (np.float32); gradients must stay real tensors, so
    that ``x.grad.zero_()`` and ``x.grad.numpy()`` work as in PyTorch."""
    x = torch.tensor(2.0, requires_grad=True)
    w = torch.tensor(3.0, requires_grad=True)
    if reference:
        engine.observers.append(lambda *args: None)
    try:
        ((x * w + x).relu() * x).backward()
    finally:
        if reference:
            engine.observers.pop()
    for leaf, expected in ((x, 2 * 2.0 * 3.0 + 2 * 2.0), (w, 4.0)):
        assert type(leaf.grad.numpy()) is np.ndarray
        assert leaf.grad.item() == expected
        leaf.grad.zero_()
        assert leaf.grad.item() == 0.0
    (dx,) = torch.autograd.grad(x * w * x, x)
    assert type(dx.numpy()) is np.ndarray and dx.item() == 2 * 2.0 * 3.0


def test_grad_of_a_linear_weight_is_c_contiguous():
    """The weight's gradient arrives transposed (Addmm sees weight.t()); .grad must still have
    the parameter's layout, as PyTorch's, or every optimizer step reads it the slow way."""
    layer = torch.nn.Linear(4, 3)
    layer(torch.ones(2, 4)).sum().backward()
    assert layer.weight.grad.numpy().flags.c_contiguous
    assert layer.weight.grad.is_contiguous()


@pytest.mark.parametrize("reference", [False, True])
def test_a_root_gradient_of_another_dtype_is_cast_to_the_outputs(reference):
    """PyTorch casts ``gradient`` to the output's dtype: the leaves' .grad keep their dtype."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * torch.tensor([3.0, 4.0])
    if reference:
        engine.observers.append(lambda node, grad_outputs, grad_inputs: None)
    try:
        y.backward(torch.tensor([1.0, 0.5], dtype=torch.float64))
    finally:
        if reference:
            engine.observers.pop()
    assert x.grad.dtype == torch.float32
    np.testing.assert_array_equal(x.grad.numpy(), [3.0, 2.0])


def test_a_hook_registered_after_the_forward_still_runs_in_the_plain_walk():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    z = (y * 2).sum()
    seen = []
    y.grad_fn.register_prehook(lambda grads: seen.append("pre") or None)
    y.grad_fn.register_hook(lambda grads_in, grads_out: seen.append("post") or None)
    z.backward()
    assert seen == ["pre", "post"]
