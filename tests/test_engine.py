"""The backward engine and the graph: what PyTorch's autograd does, minigrad must do too.

Covers gradient flow (diamonds, reused tensors, long chains), accumulation, retain_graph,
hooks, retain_grad, backward(inputs=...), autograd.grad, grad modes, in-place checks, the
graph objects (nodes, next_functions, AccumulateGrad) and memory (no reference cycles).
Every expected error text below is PyTorch 2.13's, checked with the real library.
"""
import gc
import re
import tracemalloc
import warnings
import weakref

import numpy as np
import pytest

import minigrad as torch
from minigrad.autograd import Function, gradcheck, gradgradcheck

ERR_SECOND_BACKWARD = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)
ERR_LEAF_INPLACE = "a leaf Variable that requires grad is being used in an in-place operation."
ERR_NOT_SCALAR = "grad can be implicitly created only for scalar outputs"
ERR_UNUSED = ("The differentiated Tensor at index 1 appears to not have been used in the "
              "graph. Set allow_unused=True if this is the desired behavior.")


def leaf(*values):
    return torch.tensor(list(values), requires_grad=True)


def assert_values(t, expected):
    assert t is not None, "expected a gradient, got None"
    np.testing.assert_allclose(t.detach().numpy(), expected, rtol=1e-6)


@pytest.fixture
def gc_disabled():
    """Run a test with the garbage collector off: memory must be freed by reference counting."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


# -- gradients flow where they should ---------------------------------------------------------

def test_diamond_graph_sums_both_paths():
    #     x
    #    / \
    #   a   b      a = 2x, b = 3x
    #    \ /
    #     y        y = a * b = 6x^2  ->  dy/dx = 12x
    x = leaf(1.0, 2.0)
    a, b = x * 2, x * 3
    (a * b).sum().backward()
    assert_values(x.grad, [12.0, 24.0])


def test_diamond_through_shared_intermediate():
    x = leaf(0.5, -1.0)
    h = x.exp()
    y = (h * h + h.sin()).sum()      # dy/dx = (2h + cos h) * h
    y.backward()
    h_ = np.exp([0.5, -1.0])
    assert_values(x.grad, (2 * h_ + np.cos(h_)) * h_)


def test_x_times_x():
    x = leaf(3.0, -2.0)
    (x * x).sum().backward()
    assert_values(x.grad, [6.0, -4.0])


def test_leaf_reused_many_times():
    x = leaf(1.0)
    y = x + x + x * x + x * 4
    y.backward()                     # 1 + 1 + 2x + 4
    assert_values(x.grad, [8.0])


def test_broadcasting_gradients_are_summed_to_each_input_shape():
    a = torch.ones(3, 1, requires_grad=True)
    b = torch.ones(4, requires_grad=True)
    (a * b * 2).sum().backward()
    assert a.grad.shape == (3, 1) and b.grad.shape == (4,)
    assert_values(a.grad, np.full((3, 1), 8.0))
    assert_values(b.grad, np.full(4, 6.0))


def test_non_scalar_backward_takes_the_gradient_argument():
    x = leaf(1.0, 2.0, 3.0)
    y = x * x
    y.backward(torch.tensor([1.0, 0.1, 0.01]))
    assert_values(x.grad, [2.0, 0.4, 0.06])


@pytest.mark.slow
def test_long_chain_backward_has_no_recursion():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0
    del y  # freeing a 100,000-node chain must not overflow the stack either


# -- accumulation and retain_graph ---------------------------------------------------------------

def test_backward_twice_accumulates_with_retain_graph():
    x = leaf(1.0, 2.0)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert_values(x.grad, [4.0, 8.0])


def test_second_backward_without_retain_graph_raises():
    x = leaf(1.0, 2.0)
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError) as info:
        y.backward()
    assert str(info.value) == ERR_SECOND_BACKWARD


def test_second_autograd_grad_without_retain_graph_raises():
    x = leaf(1.0)
    y = x.exp()
    torch.autograd.grad(y, x)
    with pytest.raises(RuntimeError) as info:
        torch.autograd.grad(y, x)
    assert str(info.value) == ERR_SECOND_BACKWARD


def test_graph_without_saved_tensors_can_backward_twice():
    # PyTorch only complains when a freed saved tensor is needed; x + 2 saves nothing.
    x = leaf(1.0, 2.0)
    y = (x + 2).sum()
    y.backward()
    y.backward()
    assert_values(x.grad, [2.0, 2.0])


def test_gradients_accumulate_across_graphs_until_zeroed():
    w = leaf(1.0)
    for step in range(1, 4):
        (w * 5).sum().backward()
        assert_values(w.grad, [5.0 * step])
    w.grad.zero_()
    (w * 5).sum().backward()
    assert_values(w.grad, [5.0])


def test_implicit_gradient_only_for_scalars():
    x = leaf(1.0, 2.0)
    with pytest.raises(RuntimeError) as info:
        (2 * x).backward()
    assert str(info.value) == ERR_NOT_SCALAR


def test_backward_of_tensor_without_grad_raises():
    with pytest.raises(RuntimeError) as info:
        torch.tensor([1.0]).sum().backward()
    assert str(info.value) == "element 0 of tensors does not require grad and does not have a grad_fn"


# -- hooks and retain_grad --------------------------------------------------------------------------

def test_hooks_run_in_registration_order_and_can_replace_the_gradient():
    x = leaf(1.0, 2.0)
    h = x * 2
    log = []
    x.register_hook(lambda g: log.append(("x", g.tolist())))
    h.register_hook(lambda g: log.append(("h1", g.tolist())))
    h.register_hook(lambda g: g * 10)
    h.register_hook(lambda g: log.append(("h3", g.tolist())))
    (h * 1 + h * 2).sum().backward()
    # h's hooks see the *summed* gradient (1 + 2), once; x's hook runs after them.
    assert log == [("h1", [3.0, 3.0]), ("h3", [30.0, 30.0]), ("x", [60.0, 60.0])]
    assert_values(x.grad, [60.0, 60.0])


def test_leaf_hook_changes_what_is_accumulated():
    x = leaf(1.0, 2.0)
    x.register_hook(lambda g: g + 100)
    (x * 3).sum().backward()
    assert_values(x.grad, [103.0, 103.0])


def test_removed_hook_is_not_called():
    x = leaf(1.0)
    calls = []
    handle = x.register_hook(calls.append)
    handle.remove()
    (x * 2).sum().backward()
    assert calls == []


def test_hook_on_tensor_without_grad_raises():
    with pytest.raises(RuntimeError, match="cannot register a hook on a tensor that doesn't require gradient"):
        torch.tensor([1.0]).register_hook(print)


def test_retain_grad_keeps_an_intermediate_gradient():
    x = torch.tensor(1.0, requires_grad=True)
    y = x ** 2
    z = y ** 2
    y.retain_grad()
    z.backward()
    assert y.retains_grad and not x.retains_grad
    assert y.grad.item() == 2.0 and x.grad.item() == 4.0


def test_retained_grad_sees_hook_changes():
    x = leaf(1.0, 2.0)
    h = x * 2
    h.retain_grad()
    h.register_hook(lambda g: g * 10)
    h.sum().backward()
    assert_values(h.grad, [10.0, 10.0])
    assert_values(x.grad, [20.0, 20.0])


def test_non_leaf_grad_is_none_with_a_warning():
    h = leaf(1.0) * 2
    h.sum().backward()
    with pytest.warns(UserWarning, match="is not a leaf Tensor is being accessed"):
        assert h.grad is None


def test_retain_grad_on_leaf_is_a_no_op():
    x = leaf(1.0)
    x.retain_grad()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad is None


# -- backward(inputs=...) and autograd.grad ----------------------------------------------------------

def test_backward_inputs_fills_only_those():
    w, b = leaf(2.0), leaf(3.0)
    (w * b).sum().backward(inputs=[w])
    assert_values(w.grad, [3.0])
    assert b.grad is None


def test_backward_inputs_may_be_a_non_leaf():
    x = leaf(1.0, 2.0)
    h = x * 2
    (h * h).sum().backward(inputs=[h])
    assert_values(h.grad, [4.0, 8.0])
    assert x.grad is None


def test_autograd_grad_returns_a_tuple_and_leaves_grad_alone():
    x, w = leaf(3.0), leaf(2.0)
    gx, gw = torch.autograd.grad((w * x).sum(), [x, w])
    assert_values(gx, [2.0])
    assert_values(gw, [3.0])
    assert x.grad is None and w.grad is None
    assert gx.grad_fn is None and not gx.requires_grad


def test_autograd_grad_unused_input():
    x, unused = leaf(1.0), leaf(1.0)
    y = (x * 2).sum()
    with pytest.raises(RuntimeError) as info:
        torch.autograd.grad(y, [x, unused], retain_graph=True)
    assert str(info.value) == ERR_UNUSED
    gx, gu = torch.autograd.grad(y, [x, unused], allow_unused=True)
    assert_values(gx, [2.0])
    assert gu is None


def test_autograd_grad_input_must_require_grad():
    x = leaf(1.0)
    with pytest.raises(RuntimeError) as info:
        torch.autograd.grad((x * 2).sum(), [x, torch.tensor([1.0])])
    assert str(info.value) == "One of the differentiated Tensors does not require grad"


def test_create_graph_gives_higher_derivatives():
    x = torch.tensor([2.0], requires_grad=True)
    y = x ** 3 + x ** 2 + x + 1
    (d1,) = torch.autograd.grad(y, x, create_graph=True)
    (d2,) = torch.autograd.grad(d1, x, create_graph=True)
    (d3,) = torch.autograd.grad(d2, x, create_graph=True)
    (d4,) = torch.autograd.grad(d3, x, allow_unused=True)
    assert d1.grad_fn is not None and d2.grad_fn is not None
    assert [d1.item(), d2.item(), d3.item()] == [17.0, 14.0, 6.0]
    assert d4 is None or d4.item() == 0.0


def test_create_graph_backward_builds_a_differentiable_grad():
    x = torch.tensor(1.0, requires_grad=True)
    (x ** 3).backward(create_graph=True)
    assert x.grad.item() == 3.0 and x.grad.requires_grad
    (g,) = torch.autograd.grad(x.grad, x)
    assert g.item() == 6.0


def test_gradgradcheck_with_default_grad_outputs():
    x = torch.tensor([0.3, -0.7], dtype=torch.float64, requires_grad=True)
    assert gradcheck(lambda a: (a * a).sin(), (x,))
    assert gradgradcheck(lambda a: (a * a).sin(), (x,))


def test_gradcheck_catches_a_wrong_backward():
    class WrongSquare(Function):
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return a._data ** 2

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            return grad * a  # should be 2a

    x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
    assert not gradcheck(WrongSquare.apply, (x,), raise_exception=False)
    with pytest.raises(RuntimeError, match="Jacobian mismatch"):
        gradcheck(WrongSquare.apply, (x,))


# -- grad mode --------------------------------------------------------------------------------------

def test_no_grad_enable_grad_nest_and_restore():
    x = leaf(1.0)
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        assert not (x * 2).requires_grad
        with torch.enable_grad():
            assert (x * 2).requires_grad
            with torch.no_grad():
                assert not (x * 2).requires_grad
            assert torch.is_grad_enabled()
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_set_grad_enabled_as_function_and_context():
    x = leaf(1.0)
    try:
        torch.set_grad_enabled(False)
        assert not (x * 2).requires_grad
    finally:
        torch.set_grad_enabled(True)
    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
        with torch.set_grad_enabled(True):
            assert (x * 2).requires_grad
        assert not torch.is_grad_enabled()
    assert torch.is_grad_enabled()


def test_grad_modes_as_decorators():
    x = leaf(1.0)

    @torch.no_grad()
    def without(t):
        return t * 2

    @torch.enable_grad()
    def with_grad(t):
        return t * 2

    @torch.set_grad_enabled(False)
    def switched_off(t):
        return t * 2

    assert torch.is_grad_enabled()  # decorating does not switch the mode
    assert not without(x).requires_grad and not switched_off(x).requires_grad
    with torch.no_grad():
        assert with_grad(x).requires_grad
    assert torch.is_grad_enabled()


def test_grad_mode_restored_after_an_exception():
    with pytest.raises(ValueError):
        with torch.no_grad():
            raise ValueError
    assert torch.is_grad_enabled()


def test_tensors_made_under_no_grad_are_leaves_without_grad():
    x = leaf(1.0)
    with torch.no_grad():
        y = x * 2
    assert y.requires_grad is False and y.grad_fn is None and y.is_leaf


# -- in-place operations ----------------------------------------------------------------------------

@pytest.mark.parametrize("inplace", [
    lambda t: t.add_(1), lambda t: t.sub_(1), lambda t: t.mul_(2), lambda t: t.zero_(),
    lambda t: t.fill_(3), lambda t: t.copy_(torch.tensor([5.0, 6.0])),
    lambda t: t.__iadd__(1), lambda t: t.__setitem__([0], 7.0),
], ids=["add_", "sub_", "mul_", "zero_", "fill_", "copy_", "+=", "setitem"])
def test_inplace_on_leaf_requiring_grad_raises(inplace):
    w = leaf(1.0, 2.0)
    with pytest.raises(RuntimeError) as info:
        inplace(w)
    assert str(info.value) == ERR_LEAF_INPLACE
    with torch.no_grad():   # the update step of gradient descent
        inplace(w)
    assert w.requires_grad and w.is_leaf and w.grad_fn is None


def test_setitem_through_a_view_of_a_leaf_raises():
    # w[0] is a view of w, so PyTorch names the view in its message.
    w = leaf(1.0, 2.0)
    with pytest.raises(RuntimeError) as info:
        w[0] = 7.0
    assert str(info.value) == "a view of " + ERR_LEAF_INPLACE


def test_inplace_update_under_no_grad_then_train_again():
    w = leaf(1.0)
    (w * 3).sum().backward()
    with torch.no_grad():
        w -= w.grad * 0.1
        w.grad.zero_()
    assert_values(w, [0.7])
    (w * 3).sum().backward()
    assert_values(w.grad, [3.0])


def test_inplace_on_non_leaf_is_recorded():
    x = leaf(1.0, 2.0)
    h = x * 2
    h.mul_(3)
    assert h.grad_fn.name() == "MulBackward0"
    h.sum().backward()
    assert_values(x.grad, [6.0, 6.0])


def saved_tensor_error(shape, op):
    where = f", which is output 0 of {op}," if op else ""
    return (
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [torch.FloatTensor {shape}]{where} is at version 1; expected version 0 "
        "instead. Hint: enable anomaly detection to find the operation that failed to compute "
        "its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )


def test_modified_saved_input_raises_at_backward():
    x = leaf(1.0, 2.0, 3.0)
    a = x * 1
    b = a.sin()        # saves a
    a.add_(1)          # a is now the output of an add
    with pytest.raises(RuntimeError) as info:
        b.sum().backward()
    assert str(info.value) == saved_tensor_error("[3]", "Add")


def test_modified_saved_output_raises_at_backward():
    x = leaf(1.0, 2.0, 3.0)
    a = x.exp()        # exp saves its own output
    a.add_(1)
    with pytest.raises(RuntimeError) as info:
        a.sum().backward()
    assert str(info.value) == saved_tensor_error("[3]", "Exp")


def test_modified_saved_leaf_raises_at_backward():
    w = leaf(1.0, 2.0)
    z = w * w
    with torch.no_grad():
        w.add_(1)
    with pytest.raises(RuntimeError) as info:
        z.sum().backward()
    assert str(info.value) == saved_tensor_error("[2]", None)


# -- the graph objects ------------------------------------------------------------------------------

def test_next_functions_structure_and_accumulate_grad():
    w, b = leaf(1.0), leaf(0.0)
    x = torch.tensor([-1.5, 2.0])
    y = w * x + b
    add = y.grad_fn
    assert add.name() == "AddBackward0"
    (mul, i), (acc_b, j) = add.next_functions
    assert (i, j) == (0, 0)
    assert mul.name() == "MulBackward0"
    assert acc_b.name() == "torch::autograd::AccumulateGrad"
    assert acc_b.variable is b
    (acc_w, _), (nothing, k) = mul.next_functions
    assert acc_w.variable is w
    assert nothing is None and k == 0
    assert acc_w.next_functions == ()
    assert re.fullmatch(r"<AddBackward0 object at 0x[0-9a-f]+>", repr(add))
    assert re.fullmatch(r"<AccumulateGrad object at 0x[0-9a-f]+>", repr(acc_w))


def test_leaf_has_one_accumulate_grad_node_while_the_graph_lives():
    x = leaf(1.0)
    a, b = x * 2, x * 3
    assert a.grad_fn.next_functions[0][0] is b.grad_fn.next_functions[0][0]


def test_calling_nodes_by_hand():
    w, b = leaf(1.0), leaf(0.0)
    x = torch.tensor([-1.5, 2.0])
    y = w * x + b
    g_mul, g_b = y.grad_fn(torch.tensor([-1.5, 1.0]))
    assert_values(g_mul, [-1.5, 1.0])
    assert_values(g_b, [-1.5, 1.0])
    mul = y.grad_fn.next_functions[0][0]
    g_w, g_x = mul(torch.tensor([1.0, 1.0]))
    assert_values(g_w, [-1.5, 2.0])
    assert g_x is None   # x does not require grad: PyTorch gives None


def test_seed000_walk_from_loss_to_the_add_node():
    w, b = leaf(1.0), leaf(0.0)
    x, target = torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])
    y_p = w * x + b
    loss = torch.mean((y_p - target) ** 2)
    names = []
    node = loss.grad_fn
    for _ in range(3):
        names.append(node.name())
        node = node.next_functions[0][0]
    assert names == ["MeanBackward0", "PowBackward0", "SubBackward0"]
    assert node is y_p.grad_fn


def test_custom_function_is_a_node_with_needs_input_grad():
    seen = {}

    class Cube(Function):
        @staticmethod
        def forward(ctx, a, scale):
            seen["needs_input_grad"] = ctx.needs_input_grad
            ctx.save_for_backward(a)
            ctx.scale = scale
            return a._data ** 3 * scale

        @staticmethod
        def backward(ctx, grad):
            (a,) = ctx.saved_tensors
            return grad * 3 * a * a * ctx.scale, None

    x = torch.tensor([2.0], requires_grad=True)
    y = Cube.apply(x, 2.0)
    assert seen["needs_input_grad"] == (True, False)
    assert y.grad_fn.name() == "CubeBackward"
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    assert g.item() == 24.0
    (gg,) = torch.autograd.grad(g, x)   # backward written with minigrad ops: differentiable
    assert gg.item() == 24.0


# -- memory -----------------------------------------------------------------------------------------

def test_graph_is_freed_by_reference_counting(gc_disabled):
    x = leaf(1.0, 2.0)
    h = x.exp()
    y = (h * h).sum()
    nodes = [weakref.ref(y.grad_fn), weakref.ref(h.grad_fn),
             weakref.ref(h.grad_fn.next_functions[0][0])]
    intermediate = weakref.ref(h)
    del h, y
    assert intermediate() is None
    assert all(node() is None for node in nodes)
    assert x._accumulator is None or x._accumulator() is None


def test_graph_is_freed_after_backward(gc_disabled):
    x = leaf(1.0, 2.0)
    y = (x.exp() * x).sum()
    node = weakref.ref(y.grad_fn)
    y.backward()
    del y
    assert node() is None
    assert x.grad is not None


def test_leaf_outlives_nothing_it_should_not(gc_disabled):
    x = leaf(1.0)
    y = x * 2
    leaf_ref = weakref.ref(x)
    del x
    assert leaf_ref() is not None                  # the graph still needs the leaf
    del y
    assert leaf_ref() is None


@pytest.mark.slow
def test_memory_stays_flat_over_many_training_steps(gc_disabled):
    x = torch.linspace(-1, 1, 16)
    target = 3 * x + 1
    w = torch.tensor([0.0], requires_grad=True)

    def step():
        loss = ((w * x - target) ** 2).sum()   # Mul and Pow save tensors for backward
        loss.backward()
        with torch.no_grad():
            w.sub_(w.grad * 0.01)
        w.grad = None

    tracemalloc.start()
    try:
        for _ in range(1_000):      # warm-up: caches and free lists fill up
            step()
        early = tracemalloc.get_traced_memory()[0]
        for _ in range(9_000):
            step()
        late = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # Leaking even one small object per step would add hundreds of kilobytes over 9,000 steps.
    # (Some memory from the first 1,000 steps stays: Python keeps freed tuples in free lists.)
    assert late - early < 20_000, f"memory grew by {late - early} bytes over 9,000 steps"
