"""Views and in-place ops, and the small parity fixes around them: torch.Size arithmetic,
requires_grad_ on non-leaves, 0-d tensors with dim=0, index errors.

Expected values, node names and error texts were checked against PyTorch 2.13.
"""
import pytest

import minigrad as torch


def raises_exactly(exception, message):
    """pytest.raises that also checks the whole message (pytest's match= is a regex search)."""
    class Checker:
        def __enter__(self):
            self.context = pytest.raises(exception)
            self.info = self.context.__enter__()
            return self.info

        def __exit__(self, *exc_info):
            suppressed = self.context.__exit__(*exc_info)
            assert str(self.info.value) == message
            return suppressed

    return Checker()


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
