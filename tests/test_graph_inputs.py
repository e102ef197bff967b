"""Which inputs a node lists in ``next_functions``: PyTorch records a number operand (``x % 2``)
or an integer target (nll_loss's class indices) as no input at all, while ``x * 2`` keeps a
``(None, 0)`` for the wrapped number. Every expected value here was printed by PyTorch 2.13.
"""
import pytest

import minigrad as torch
from exact_errors import raises_exactly

LEAF = "torch::autograd::AccumulateGrad"
NOT_IMPLEMENTED = "torch::autograd::NotImplemented"


def _node(y):
    return y.grad_fn.name(), tuple(n.name() if n else None for n, _ in y.grad_fn.next_functions)


@pytest.mark.parametrize("expression, expected", [
    (lambda x: x % 2, ("RemainderBackward0", (LEAF,))),
    (lambda x: 7 % x, (NOT_IMPLEMENTED, (LEAF,))),
    (lambda x: x // 2, (NOT_IMPLEMENTED, (LEAF,))),
    (lambda x: 7 // x, (NOT_IMPLEMENTED, (LEAF,))),
    (lambda x: x % torch.tensor(2.0), ("RemainderBackward1", (LEAF, None))),
    (lambda x: x * 2, ("MulBackward0", (LEAF, None))),
    (lambda x: torch.nn.functional.nll_loss(x.reshape(1, 3), torch.tensor([1])),
     ("NllLossBackward0", ("ViewBackward0",))),
    (lambda x: torch.nn.functional.cross_entropy(x.reshape(1, 3), torch.tensor([1]),
                                                 weight=torch.ones(3)),
     ("NllLossBackward0", ("LogSoftmaxBackward0",))),
])
def test_next_functions_list_the_inputs_pytorch_lists(expression, expected):
    x = torch.tensor([1.5, -2.0, 3.0], requires_grad=True)
    assert _node(expression(x)) == expected


@pytest.mark.parametrize("expression, message", [
    (lambda x: 7 % x, "derivative for aten::remainder is not implemented"),
    (lambda x: x // 2, "derivative for aten::floor_divide is not implemented"),
])
def test_no_gradient_where_pytorch_has_none(expression, message):
    x = torch.tensor([1.5, -2.0, 3.0], requires_grad=True)
    with raises_exactly(RuntimeError, message):
        expression(x).sum().backward()


def test_number_operands_still_promote_like_numbers():
    xi = torch.tensor([3, 4])
    assert (xi % 2.5).tolist() == [0.5, 1.5] and (xi % 2.5).dtype == torch.float32
    assert (xi // 2.5).tolist() == [1.0, 1.0] and (7 % xi).tolist() == [1, 3]
    assert (7.5 // xi).tolist() == [2.0, 1.0] and (7 % xi).dtype == torch.int64


def test_nll_loss_refuses_class_weights_that_require_grad():
    x = torch.zeros(2, 3, requires_grad=True)
    with raises_exactly(RuntimeError, "The function 'nll_loss_forward' is not differentiable "
                                      "with respect to argument 'weight'. This input cannot have "
                                      "requires_grad True."):
        torch.nn.functional.nll_loss(x, torch.tensor([1, 2]),
                                     weight=torch.ones(3, requires_grad=True))


def test_tensor_where_is_torch_where_with_self_as_input():
    x = torch.tensor([1.5, -2.0, 3.0], requires_grad=True)
    y = x.where(x > 0, 0.0)
    assert y.tolist() == [1.5, 0.0, 3.0]
    assert _node(y) == ("WhereBackward0", (LEAF, None))  # as PyTorch 2.13


@pytest.mark.parametrize("code, expected", [
    ("y.normal_()", ("NormalBackward0", ("MulBackward0",))),
    ("y.uniform_()", ("UniformBackward0", ("MulBackward0",))),
    ("y.fill_(2)", ("FillBackward2", ("MulBackward0",))),
    ("y.zero_()", ("ZeroBackward0", ("MulBackward0",))),
    ("y.fill_(torch.tensor(2.0))", ("FillBackward3", ("MulBackward0", None))),
    ("y.fill_(torch.tensor(2.0, requires_grad=True))", ("FillBackward3", ("MulBackward0", LEAF))),
    ("y.copy_(torch.ones(3))", ("torch::autograd::CopyBackwards", ("MulBackward0", None))),
    ("y.copy_(torch.ones(1, requires_grad=True))",
     ("torch::autograd::CopyBackwards", ("MulBackward0", LEAF))),
])
def test_overwriting_in_place_records_pytorchs_nodes(code, expected):
    x = torch.ones(3, requires_grad=True)
    scope = {"y": x * 2, "torch": torch}
    exec(code, scope)
    assert _node(scope["y"]) == expected


def test_copy_and_fill_pass_the_gradient_to_their_source():
    x = torch.ones(3, requires_grad=True)
    weights = torch.tensor([1.0, 2.0, 3.0])
    source = torch.ones(1, requires_grad=True)
    y = x * 2
    y.copy_(source)
    (y * weights).sum().backward()
    assert source.grad.tolist() == [6.0] and x.grad.tolist() == [0.0, 0.0, 0.0]
    value = torch.tensor(2.0, requires_grad=True)
    z = torch.ones(3)
    z.fill_(value)
    (z * weights).sum().backward()
    assert value.grad.item() == 6.0


@pytest.mark.parametrize("code, error, message", [
    ("torch.ones(2).fill_(torch.ones(2))", RuntimeError,
     "fill_ only supports 0-dimension value tensor but got tensor with 1 dimensions."),
    ("torch.ones(2).normal_(0, -1)", RuntimeError, "normal expects std >= 0.0, but found std -1"),
    ("torch.ones(2, dtype=torch.long).normal_()", NotImplementedError,
     "\"normal_kernel_cpu\" not implemented for 'Long'"),
    ("torch.ones(2, dtype=torch.long).uniform_(0, 5)", NotImplementedError,
     "\"check_uniform_bounds\" not implemented for 'Long'"),
    ("torch.ones(2).uniform_(2, 1)", RuntimeError,
     "uniform_ expects to return a [from, to) range, but found from=2 > to=1"),
    ("torch.ones(3).copy_(torch.ones(2))", RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
])
def test_overwriting_errors_are_pytorchs(code, error, message):
    with raises_exactly(error, message):
        eval(code)
