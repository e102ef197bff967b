"""torch.einsum (minigrad/ops/einsum.py): forward, gradients and error messages.

Every expected value and error message below was recorded from PyTorch 2.13 (this file does
not import torch). Gradients are also checked with gradcheck and gradgradcheck in float64.
"""
import numpy as np
import pytest

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck

from exact_errors import raises_exactly


def values(shape, k, scale=3):
    """Fixed inputs: thirds (inexact in float32, so rounding shows), different for each k."""
    n = int(np.prod(shape))
    return (((np.arange(n) * 7 + 3 * k) % 11 - 5) / scale).reshape(shape)


# (equation, operand shapes, PyTorch's output, PyTorch's gradients for each operand), from
# PyTorch 2.13 in float32: operand k is values(shape, k), the gradient fed to backward is
# values(output shape, 4, scale=4).
CASES = [
    ('ij,jk->ik', [(2, 3), (3, 4)],
     [[2.2222223, -1.6666665, -1.8888891, 2.7777777], [-0.33333334, 4.444444, -0.5555556,
      -0.66666657]],
     [[[3.0833335, -2.25, -0.24999988], [-0.99999994, -0.75, 1.3333334]], [[2.5, -2.0833333, 2.5,
      2.5], [-0.5, 0.3333333, 0.25, -0.75000006], [0.16666669, 0.0, -1.0833334, 0.5833334]]]),
    ('bij,bjk->bik', [(2, 2, 3), (2, 3, 2)],
     [[[0.44444442, -3.4444444], [-2.3333335, 2.4444444]], [[-2.666667, 2.2222223], [-2.3333335,
      2.6666667]]],
     [[[[1.9166667, -1.0833334, -1.3333334], [-1.9166666, 1.1666666, -0.33333334]], [[-1.1666667,
      0.6666666, 0.6666667], [-1.4166667, -0.8333334, 0.6666667]]], [[[1.25, -3.3333333], [-0.75,
      0.08333331], [0.9166667, 0.75]], [[1.9166667, -0.4166667], [-0.4166667, -0.083333336],
      [-2.75, 0.25000003]]]]),
    ('i,j->ij', [(3,), (4,)],
     [[1.1111112, -2.7777777, -0.5555556, 1.6666666], [-0.44444448, 1.1111112, 0.22222224,
      -0.6666667], [0.44444448, -1.1111112, -0.22222224, 0.6666667]],
     [[3.0833335, -0.99999994, 3.1666665], [2.5, -2.25, 1.25, 2.9166667]]),
    ('i,i->', [(4,), (4,)],
     0.33333337,
     [[0.6666667, -1.6666666, -0.33333334, 1.0], [1.6666666, -0.6666667, 0.6666667, -1.6666666]]),
    ('ij->ji', [(2, 3)],
     [[-1.6666666, 1.6666666], [0.6666667, 0.33333334], [-0.6666667, -1.0]],
     [[[-1.0, -0.25, 0.5], [0.75, -1.25, -0.5]]]),
    ('ii->', [(3, 3)],
     -2.6666665,
     [[[-1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, -1.0]]]),
    ('ii->i', [(3, 3)],
     [-1.6666666, 0.33333334, -1.3333334],
     [[[-1.0, 0.0, 0.0], [0.0, 0.75, 0.0], [0.0, 0.0, -0.25]]]),
    ('ij->', [(2, 3)],
     -0.6666666,
     [[[-1.0, -1.0, -1.0], [-1.0, -1.0, -1.0]]]),
    ('ij->j', [(2, 3)],
     [0.0, 1.0, -1.6666667],
     [[[-1.0, 0.75, -0.25], [-1.0, 0.75, -0.25]]]),
    ('ij,jk', [(2, 3), (3, 4)],
     [[2.2222223, -1.6666665, -1.8888891, 2.7777777], [-0.33333334, 4.444444, -0.5555556,
      -0.66666657]],
     [[[3.0833335, -2.25, -0.24999988], [-0.99999994, -0.75, 1.3333334]], [[2.5, -2.0833333, 2.5,
      2.5], [-0.5, 0.3333333, 0.25, -0.75000006], [0.16666669, 0.0, -1.0833334, 0.5833334]]]),
    ('ba', [(2, 3)],
     [[-1.6666666, 1.6666666], [0.6666667, 0.33333334], [-0.6666667, -1.0]],
     [[[-1.0, -0.25, 0.5], [0.75, -1.25, -0.5]]]),
    ('ii', [(3, 3)],
     -2.6666665,
     [[[-1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, -1.0]]]),
    ('bii->bi', [(2, 3, 3)],
     [[-1.6666666, 0.33333334, -1.3333334], [1.0, -0.6666667, 1.3333334]],
     [[[[-1.0, 0.0, 0.0], [0.0, 0.75, 0.0], [0.0, 0.0, -0.25]], [[-1.25, 0.0, 0.0], [0.0, 0.5,
      0.0], [0.0, 0.0, -0.5]]]]),
    ('iji->j', [(2, 3, 2)],
     [-1.6666666, 0.3333333, -1.3333333],
     [[[[-1.0, 0.0], [0.75, 0.0], [-0.25, 0.0]], [[0.0, -1.0], [0.0, 0.75], [0.0, -0.25]]]]),
    ('ij,jk,kl->il', [(2, 3), (3, 2), (2, 2)],
     [[-4.4444447, -0.44444442], [2.4814813, 2.3333335]],
     [[[-1.5, 0.9722222, -1.4444445], [-1.3333334, 0.7222222, 1.5555556]], [[3.75, 1.6666667],
      [-0.33333337, -1.0000001], [-0.44444436, 1.2222223]], [[0.13888896, 3.2500002], [2.8333333,
      -5.638889]]]),
    ('...ij,...jk->...ik', [(2, 2, 3), (3, 2)],
     [[[0.44444442, -3.4444444], [-2.3333335, 2.4444444]], [[-2.666667, 2.2222223], [-3.0, 2.0]]],
     [[[[1.9166667, -1.0833334, -1.3333334], [-1.9166666, 1.1666666, -0.33333334]], [[-1.1666666,
      0.6666667, 0.6666667], [-0.41666672, 0.16666669, 1.6666667]]], [[3.1666667, -3.75],
      [-1.1666667, -2.2351742e-08], [-1.8333333, 1.0000001]]]),
    ('ij,jk->ik', [(2, 1), (3, 4)],
     [[-0.5555556, -0.0, 0.5555555, 1.1111112], [0.22222224, 0.0, -0.22222221, -0.44444448]],
     [[[0.5833334], [-0.41666663]], [[2.0, -1.5833334, 1.25, 2.25], [2.0, -1.5833334, 1.25, 2.25],
      [2.0, -1.5833334, 1.25, 2.25]]]),
    (',i->i', [(), (3,)],
     [1.1111112, -2.7777777, -0.5555556],
     [1.8333334, [1.6666666, -1.25, 0.41666666]]),
    ('i j , j -> i', [(2, 3), (3,)],
     [2.0, -0.88888896],
     [[[0.6666667, -1.6666666, -0.33333334], [-0.5, 1.25, 0.25]], [2.9166665, -0.4166667,
      -0.08333331]]),
]
NAMES = ["matrix product", "batched product", "outer", "dot", "transpose", "trace", "diagonal",
         "sum", "column sums", "implicit matrix product", "implicit transpose", "implicit trace",
         "batched diagonal", "repeated apart", "three operands", "ellipsis", "size-1 broadcast",
         "scalar", "spaces"]


@pytest.mark.parametrize("equation, shapes, expected, expected_grads", CASES, ids=NAMES)
def test_float32_matches_pytorch(equation, shapes, expected, expected_grads):
    xs = [torch.tensor(values(s, k), dtype=torch.float32, requires_grad=True)
          for k, s in enumerate(shapes)]
    out = torch.einsum(equation, *xs)
    grad = torch.tensor(values(tuple(out.shape), 4, scale=4), dtype=torch.float32)
    grads = torch.autograd.grad(out, xs, grad)
    assert out.dtype == torch.float32
    # atol: sums that cancel to about 0 differ from PyTorch's by float32 rounding of the terms.
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-6, atol=1e-7)
    for g, e in zip(grads, expected_grads):
        assert g.shape == np.shape(e)
        np.testing.assert_allclose(g.numpy(), e, rtol=1e-6, atol=1e-7)


GRADCHECK = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]),
    ("i,j->ij", [(3,), (4,)]),
    ("ii->", [(3, 3)]),
    ("ii->i", [(3, 3)]),
    ("iji->j", [(2, 3, 2)]),
    ("ij->j", [(2, 3)]),
    ("ij,jk,kl", [(2, 3), (3, 2), (2, 2)]),
    ("...ij,...jk->...ik", [(2, 2, 3), (3, 2)]),
    ("ij,jk->ik", [(2, 1), (3, 4)]),
    ("ii,i->i", [(1, 1), (3,)]),
    ("ij,ij->", [(2, 3), (2, 3)]),
]


@pytest.mark.parametrize("equation, shapes", GRADCHECK, ids=[e for e, _ in GRADCHECK])
def test_gradcheck_and_gradgradcheck(equation, shapes):
    rng = np.random.default_rng(0)
    xs = [torch.tensor(rng.standard_normal(s), requires_grad=True) for s in shapes]
    assert gradcheck(lambda *a: torch.einsum(equation, *a), xs)
    assert gradgradcheck(lambda *a: torch.einsum(equation, *a), xs)


def test_same_tensor_twice_accumulates():
    x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    torch.einsum("i,i->", x, x).backward()  # sum of squares
    assert x.grad.tolist() == [2.0, -4.0, 6.0]


def test_list_of_operands_and_integers():
    a = torch.tensor([[1, 2], [3, 4]])
    out = torch.einsum("ij,jk->ik", [a, a])
    assert out.dtype == torch.int64 and out.tolist() == [[7, 10], [15, 22]]


def test_one_node_and_no_shared_memory():
    x = torch.ones(3, 3, requires_grad=True)
    y = torch.einsum("ij->ji", x)
    # PyTorch records PermuteBackward0 here (and several nodes for a product): minigrad, one.
    assert y.grad_fn.name() == "EinsumBackward0"
    y.detach()[0, 1] = 5.0
    assert x.tolist() == [[1.0] * 3] * 3


# (equation, operand shapes, PyTorch 2.13's exception and message)
ERRORS = [
    ("ij,jk->ik", [(2, 3)], RuntimeError,
     "einsum(): fewer operands were provided than specified in the equation"),
    ("ij,jk->ik", [(2, 3), (3, 4), (3, 4)], RuntimeError,
     "einsum(): more operands were provided than specified in the equation"),
    ("ij->ij", [(3,)], RuntimeError,
     "einsum(): the number of subscripts in the equation (2) does not match the number of "
     "dimensions (1) for operand 0 and no ellipsis was given"),
    ("...ij->...", [(2,)], RuntimeError,
     "einsum(): the number of subscripts in the equation (2) is more than the number of "
     "dimensions (1) for operand 0"),
    ("ij,jk->ik", [(2, 3), (2, 3)], RuntimeError,
     "einsum(): subscript j has size 2 for operand 1 which does not broadcast with previously "
     "seen size 3"),
    ("ij,jk->il", [(2, 3), (3, 4)], RuntimeError,
     "einsum(): output subscript l does not appear in the equation for any input operand"),
    ("i->ii", [(3,)], RuntimeError,
     "einsum(): output subscript i appears more than once in the output"),
    ("ij,jk->i1", [(2, 3), (3, 4)], RuntimeError,
     "einsum(): invalid subscript given at index 8 in the equation string, subscripts must be "
     "in [a-zA-Z]"),
    ("i j->i1", [(2, 3)], RuntimeError,
     "einsum(): invalid subscript given at index 6 in the equation string, subscripts must be "
     "in [a-zA-Z]"),
    ("ii->i", [(2, 3)], RuntimeError,
     "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2"),
    ("i.j->j", [(2, 3)], RuntimeError,
     "einsum(): found '.' for operand 0 that is not part of any ellipsis"),
    ("....->", [(3,)], RuntimeError,
     "einsum(): found '.' for operand 0 for which an ellipsis was already found"),
    ("ij->.i", [(2, 3)], RuntimeError,
     "einsum(): found '.' for output that is not part of any ellipsis (...)"),
    ("...i,...i", [(2, 5, 3), (2, 7, 3)], RuntimeError,
     "einsum(): dimension 1 covered by ellipsis in operand 1has size 7 which does not "
     "broadcast with previously seen ellipsis with size 5 for the respective dimension"),
]


@pytest.mark.parametrize("equation, shapes, exception, message", ERRORS,
                         ids=[m[10:40] for *_, m in ERRORS])
def test_errors_match_pytorch(equation, shapes, exception, message):
    operands = [torch.ones(*s) for s in shapes]
    with raises_exactly(exception, message):
        torch.einsum(equation, *operands)


def test_argument_errors_match_pytorch():
    no_operand = ("einsum(): must specify the equation string and at least one operand, or at "
                  "least one operand and its subscripts list")
    with raises_exactly(ValueError, no_operand):
        torch.einsum("ij")
    with raises_exactly(ValueError, no_operand):
        torch.einsum("ij", [])
    with raises_exactly(TypeError, "expected Tensor as element 1 in argument 1, but got int"):
        torch.einsum("i,i", torch.ones(2), 3)
    with raises_exactly(RuntimeError, "expected scalar type Double but found Float"):
        torch.einsum("ij,jk->ik", torch.ones(2, 3, dtype=torch.float64), torch.ones(3, 4))


def test_sublist_format_is_not_supported():
    with pytest.raises(NotImplementedError, match="sublist"):
        torch.einsum(torch.ones(2), [0])
