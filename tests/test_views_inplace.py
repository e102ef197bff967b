"""Views and in-place ops, and the small parity fixes around them: torch.Size arithmetic,
requires_grad_ on non-leaves, 0-d tensors with dim=0, index errors.

Expected values, node names and error texts were checked against PyTorch 2.13.
"""
import pytest

import minigrad as torch

from exact_errors import raises_exactly


# -- torch.Size ---------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, expected", [
    ("s[1:]", "torch.Size([3])"),
    ("s[::-1]", "torch.Size([3, 2])"),
    ("s[-1]", "3"),
    ("s + (4,)", "torch.Size([2, 3, 4])"),
    ("(4,) + s", "torch.Size([4, 2, 3])"),
    ("s * 2", "torch.Size([2, 3, 2, 3])"),
    ("2 * s", "torch.Size([2, 3, 2, 3])"),
    ("s * 0", "torch.Size([])"),
])
def test_size_slicing_and_arithmetic_give_a_size(expression, expected):
    s = torch.ones(2, 3).shape
    assert repr(eval(expression)) == expected


def test_size_plus_list_fails_like_pytorch():
    with raises_exactly(TypeError, "can only concatenate tuple (not list) to torch.Size"):
        torch.ones(2, 3).shape + [4]


# -- requires_grad_ -----------------------------------------------------------------------------

def test_requires_grad_true_on_a_non_leaf_is_a_no_op():
    y = torch.ones(2, requires_grad=True) * 2
    assert y.requires_grad_() is y
    assert y.requires_grad_(True) is y and y.grad_fn.name() == "MulBackward0"


def test_requires_grad_false_on_a_non_leaf_fails():
    y = torch.ones(2, requires_grad=True) * 2
    with raises_exactly(RuntimeError,
                        "you can only change requires_grad flags of leaf variables. If you want "
                        "to use a computed variable in a subgraph that doesn't require "
                        "differentiation use var_no_grad = var.detach()."):
        y.requires_grad_(False)
    with raises_exactly(RuntimeError, "you can only change requires_grad flags of leaf variables."):
        y.requires_grad = True  # the attribute still refuses, as in PyTorch


# -- index errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("key, message", [
    ((0, 5), "index 5 is out of bounds for dimension 1 with size 3"),
    ((5,), "index 5 is out of bounds for dimension 0 with size 2"),
    ((0, -4), "index -4 is out of bounds for dimension 1 with size 3"),
    ((None, 0, 5), "index 5 is out of bounds for dimension 2 with size 3"),
    ((Ellipsis, 9), "index 9 is out of bounds for dimension 1 with size 4"),
    ((0, Ellipsis, 9), "index 9 is out of bounds for dimension 2 with size 4"),
    ((0, 0, 0, 0), "too many indices for tensor of dimension 3"),
    (([0, 5],), "index 5 is out of bounds for dimension 0 with size 2"),
    ((slice(None), [0, 5]), "index 5 is out of bounds for dimension 0 with size 3"),
    (([0, 1], slice(None), [0, 5]), "index 5 is out of bounds for dimension 1 with size 4"),
    ((None, [0, 1], 5), "index 5 is out of bounds for dimension 2 with size 3"),
    (([0, 0], [0, 0], [0, 0], [0, 0]), "too many indices for tensor of dimension 3"),
])
def test_index_errors_name_the_dimension_like_pytorch(key, message):
    x = torch.ones(2, 3, 4)
    with raises_exactly(IndexError, message):
        x[key]
    with raises_exactly(IndexError, message):
        x[key] = 1.0


def test_integer_index_of_a_0d_tensor():
    with raises_exactly(IndexError, "invalid index of a 0-dim tensor. Use `tensor.item()` in "
                        "Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"):
        torch.tensor(1.0)[0]


# -- 0-d tensors accept dim 0 and -1 ------------------------------------------------------------

@pytest.mark.parametrize("expression, node, value, grad", [
    ("t.sum(0)", "SumBackward1", 1.5, 1.0),
    ("t.sum(-1, keepdim=True)", "SumBackward1", 1.5, 1.0),
    ("t.sum((0,))", "SumBackward1", 1.5, 1.0),
    ("t.mean(0)", "MeanBackward1", 1.5, 1.0),
    ("t.max(0)[0]", "MaxBackward0", 1.5, 1.0),
    ("t.min(-1)[0]", "MinBackward0", 1.5, 1.0),
    ("t.amax(0)", "AmaxBackward0", 1.5, 1.0),
    ("t.amin(-1)", "AminBackward0", 1.5, 1.0),
    ("t.std(0, correction=0)", "StdBackward0", 0.0, 0.0),
    ("t.squeeze(0)", "SqueezeBackward1", 1.5, 1.0),
    ("t.softmax(0)", "SoftmaxBackward0", 1.0, 0.0),
    ("t.log_softmax(-1)", "LogSoftmaxBackward0", 0.0, 0.0),
    ("t.norm(dim=0)", "LinalgVectorNormBackward0", 1.5, 1.0),
])
def test_0d_reductions_over_dim_0(expression, node, value, grad):
    t = torch.tensor(1.5, requires_grad=True)
    y = eval(expression)
    y.backward()
    assert (y.grad_fn.name(), y.shape, y.item(), t.grad.item()) == (node, torch.Size([]), value, grad)


def test_0d_max_over_dim_0_returns_values_and_indices():
    result = torch.tensor(1.5).max(0)
    assert repr(result) == "torch.return_types.max(\nvalues=tensor(1.5000),\nindices=tensor(0))"


def test_size_of_a_0d_tensor():
    with raises_exactly(IndexError, "Dimension specified as -1 but tensor has no dimensions"):
        torch.tensor(1.5).size(-1)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # numpy, inf * 0
def test_variance_without_degrees_of_freedom_warns_and_gives_nan():
    t = torch.tensor(1.5, requires_grad=True)
    message = ("var(): degrees of freedom is <= 0. Correction should be strictly less than the "
               "reduction factor (input numel divided by output numel). (Triggered internally at "
               "/__w/pytorch/pytorch/aten/src/ATen/native/ReduceOps.cpp:1861.)")
    with pytest.warns(UserWarning) as record:
        y = t.var(0)
    assert [str(w.message) for w in record] == [message]
    y.backward()
    assert repr(y.detach()) == "tensor(nan)" and repr(t.grad) == "tensor(nan)"
    assert repr(torch.tensor([[1.0, 2.0, 4.0]]).std(0, correction=0)) == "tensor([0., 0., 0.])"


# -- in-place ops on views ----------------------------------------------------------------------
# A view shares its base's memory: an in-place op on it must change the base's graph too.

VIEW_OF_LEAF = "a view of a leaf Variable that requires grad is being used in an in-place operation."


@pytest.mark.parametrize("code", [
    "a[0:2].mul_(3)",
    "a.view(-1).zero_()",
    "a.T[0] = 1.0",
    "a[0] = 5.0",
    "a[0:2][0] = 5.0",
    "a.unsqueeze(0).add_(1)",
    "a.T[0].fill_(1)",
])
def test_in_place_on_a_view_of_a_leaf_fails(code):
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with raises_exactly(RuntimeError, VIEW_OF_LEAF):
        exec(code)
    assert a.tolist() == [1.0, 2.0, 3.0]


def test_in_place_on_a_view_of_a_detached_leaf_is_allowed():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    a.detach()[0:2].mul_(2)
    with torch.no_grad():
        a[2:].mul_(3)
    assert a.tolist() == [2.0, 4.0, 9.0] and a._version == 2


def test_in_place_on_a_view_records_copyslices_on_the_base():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 2
    v, w = b[0:2], b[1:3]
    v.mul_(3)
    assert b.grad_fn.name() == "torch::autograd::CopySlices"
    assert v.grad_fn.name() == "AsStridedBackward0" and w.grad_fn.name() == "AsStridedBackward0"
    assert v.grad_fn.next_functions[0][0] is b.grad_fn
    (b.sum() + w.sum()).backward()
    assert a.grad.tolist() == [6.0, 12.0, 4.0]


def test_gradient_of_the_base_after_an_in_place_op_on_its_slice():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 2
    b[0:2].mul_(3)
    b.sum().backward()
    assert repr(a.grad) == "tensor([6., 6., 2.])"


# (code, the base's grad_fn, a.grad, b's values) with out = the code's result and the loss
# sum(out * [1, 2, 3, ...]); a = [[1, 2, 3], [4, 5, 6]].
VIEW_PATTERNS = [
    ("b = a * 2; b[0:1].mul_(3); out = b", "torch::autograd::CopySlices",
     [6, 12, 18, 8, 10, 12], [6, 12, 18, 8, 10, 12]),
    ("b = a * 2; c = torch.tensor([1., 2., 3.], requires_grad=True); b[1].add_(c * a[0]); out = b",
     "torch::autograd::CopySlices", [6, 14, 24, 8, 10, 12], [2, 4, 6, 9, 14, 21]),
    ("b = a * 2; b.view(-1)[2:4].zero_(); out = b * b", "torch::autograd::CopySlices",
     [8, 32, 0, 0, 200, 288], [2, 4, 0, 0, 10, 12]),
    ("b = a + 0; b.T[0] = 7.; out = b", "torch::autograd::CopySlices",
     [0, 2, 3, 0, 5, 6], [7, 2, 3, 7, 5, 6]),
    ("b = (a * 3).unsqueeze(1); b.squeeze(1)[:, 1].pow_(2); out = b", "AsStridedBackward0",
     [3, 72, 9, 12, 450, 18], [3, 36, 9, 12, 225, 18]),
    ("b = a * 2; b.reshape(3, 2)[1:].div_(4); out = b", "torch::autograd::CopySlices",
     [2, 4, 1.5, 2, 2.5, 3], [2, 4, 1.5, 2, 2.5, 3]),
    ("b = a * 2; v = b[:, 1:]; w = b[1]; v[0].mul_(5); out = w * 10 + b",
     "torch::autograd::CopySlices", [2, 20, 30, 108, 150, 192], [2, 20, 30, 8, 10, 12]),
    ("b = a * 2; v = b[0]; b.mul_(3); out = v", "MulBackward0",
     [6, 12, 18, 0, 0, 0], [6, 12, 18, 24, 30, 36]),
    ("b = torch.zeros(2, 3); b[0].copy_(a[1] * 2); b[1, 1:].copy_(a[0, :2]); out = b",
     "torch::autograd::CopySlices", [5, 6, 0, 2, 4, 6], [8, 10, 12, 0, 1, 2]),
    ("b = torch.zeros(2, 3); v = b[1]; w = b[:, 1]; v.copy_(a[0]); out = w * torch.tensor([3., 5.])",
     "torch::autograd::CopySlices", [0, 10, 0, 0, 0, 0], [0, 0, 0, 1, 2, 3]),
    ("b = a * 2; b[:, 0].fill_(3.); out = b * a", "torch::autograd::CopySlices",
     [3, 16, 36, 12, 100, 144], [3, 4, 6, 3, 10, 12]),
    ("b = a * 2; v = b[1]; v[0:2] = a[0, 1:] * 4; out = b", "torch::autograd::CopySlices",
     [2, 20, 26, 0, 0, 12], [2, 4, 6, 8, 12, 12]),
    ("b = a * 2; b[:].mul_(3); b[...].add_(1); out = b", "torch::autograd::CopySlices",
     [6, 12, 18, 24, 30, 36], [7, 13, 19, 25, 31, 37]),
    ("b = a * 2; v = b[0]; v += a[1]; out = b", "torch::autograd::CopySlices",
     [2, 4, 6, 9, 12, 15], [6, 9, 12, 8, 10, 12]),
    ("b = a * 2; b.zero_(); out = b + a", "ZeroBackward0", [1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]),
]


@pytest.mark.parametrize("code, node, grad, values", VIEW_PATTERNS)
def test_gradients_through_in_place_ops_on_views(code, node, grad, values):
    a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    scope = {"a": a, "torch": torch}
    exec(code, scope)
    out, b = scope["out"], scope["b"]
    (out * torch.arange(1.0, out.numel() + 1).reshape(out.shape)).sum().backward()
    assert b.grad_fn.name() == node
    assert a.grad.reshape(-1).tolist() == grad
    assert b.detach().reshape(-1).tolist() == values


def modified_message(shape, op, version=1):
    return (
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [torch.FloatTensor {shape}], which is output 0 of {op}, is at version "
        f"{version}; expected version 0 instead. Hint: enable anomaly detection to find the "
        "operation that failed to compute its gradient, with "
        "torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )


@pytest.mark.parametrize("code, shape, op", [
    ("b = a * 2; c = b * b; b[0:2].mul_(3)", [3], "torch::autograd::CopySlices"),
    ("b = a * 2; v = b[1:]; c = v * v; b[0].mul_(3)", [2], "AsStrided"),
    ("b = a * 2; v = b[1:]; c = b * b; v.zero_()", [3], "torch::autograd::CopySlices"),
])
def test_a_view_and_its_base_share_the_version_counter(code, shape, op):
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    scope = {"a": a}
    exec(code, scope)
    with raises_exactly(RuntimeError, modified_message(shape, op)):
        scope["c"].sum().backward()


def test_versions_of_a_view_and_its_base_go_up_together():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 2
    v = b[0:2]
    v.mul_(2)
    assert (v._version, b._version) == (1, 1)
    b.add_(1)
    assert (v._version, b._version) == (2, 2)


def test_double_backward_through_an_in_place_op_on_a_view():
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 2
    b[0:2].mul_(a[1:] ** 2)
    (g,) = torch.autograd.grad((b * b).sum(), a, create_graph=True)
    assert g.tolist() == [128.0, 1424.0, 1752.0] and g.grad_fn.name() == "AddBackward0"
    (g2,) = torch.autograd.grad(g.sum(), a)
    assert g2.tolist() == [384.0, 2824.0, 3464.0]


def test_writing_into_an_expanded_view_fails():
    b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True) * 2
    with raises_exactly(RuntimeError, "unsupported operation: more than one element of the "
                        "written-to tensor refers to a single memory location. Please clone() "
                        "the tensor before performing the operation."):
        b.expand(2, 3).mul_(2)


def test_in_place_on_a_view_taken_under_no_grad_fails():
    b = torch.tensor([1.0, 2.0, 3.0], requires_grad=True) * 2
    with torch.no_grad():
        v = b[0:2]
    with raises_exactly(RuntimeError, "A view was created in no_grad mode and is being modified "
                        "inplace with grad mode enabled. Given that this use case is ambiguous "
                        "and error-prone, it is forbidden. You can clarify your code by moving "
                        "both the view and the inplace either both inside the no_grad block (if "
                        "you don't want the inplace to be tracked) or both outside (if you want "
                        "the inplace to be tracked)."):
        v.mul_(2)


# -- x[:] and x[...] are new views --------------------------------------------------------------

@pytest.mark.parametrize("key, node", [
    (slice(None), "SliceBackward0"),
    (Ellipsis, "AliasBackward0"),
    ((slice(None), slice(None)), "AliasBackward0"),
    ((slice(None), Ellipsis), "AliasBackward0"),
    ((Ellipsis, slice(None)), "AliasBackward0"),
])
def test_indexing_that_picks_everything_gives_a_new_view(key, node):
    x = torch.ones(2, 3, requires_grad=True)
    y = x[key]
    assert y is not x and not y.is_leaf and y.grad_fn.name() == node and y._base is x
    y.sum().backward()
    assert x.grad.tolist() == [[1.0] * 3] * 2
