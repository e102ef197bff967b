"""sort, argsort, msort, topk, kthvalue, median, mode; unique, bincount, count_nonzero.

Every expected value, index, node name, repr and error message below was recorded from
PyTorch 2.13 (this file does not import torch). Which of several equal elements PyTorch
returns depends on its C++ sorting routines; the tie-heavy rows check that minigrad returns
the same indices.
"""
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck

from exact_errors import raises_exactly
from strategies import dims_of, float64_arrays, shapes

EXAMPLES = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
NAN = math.nan


# -- the table: (name, call, node name); call(x, dim) gets a float64 tensor and a valid dim -------
SELECTIONS = [
    ("sort", lambda x, d: x.sort(d).values, "SortBackward0"),
    ("sort_descending", lambda x, d: torch.sort(x, d, True).values, "SortBackward0"),
    ("sort_stable", lambda x, d: x.sort(dim=d, stable=True).values, "SortBackward1"),
    ("msort", lambda x, d: torch.msort(x), "SortBackward0"),
    ("topk", lambda x, d: x.topk(1, d).values, "TopkBackward0"),
    ("topk_smallest", lambda x, d: torch.topk(x, 1, d, largest=False, sorted=False).values,
     "TopkBackward0"),
    ("kthvalue", lambda x, d: x.kthvalue(1, d).values, "KthvalueBackward0"),
    ("kthvalue_keepdim", lambda x, d: torch.kthvalue(x, 1, d, True).values, "KthvalueBackward0"),
    ("median", lambda x, d: x.median(), "MedianBackward0"),
    ("median_dim", lambda x, d: torch.median(x, d).values, "MedianBackward1"),
    ("median_keepdim", lambda x, d: x.median(d, keepdim=True).values, "MedianBackward1"),
    ("mode", lambda x, d: x.mode(d).values, "ModeBackward0"),
]


@st.composite
def tensor_and_dim(draw):
    shape = draw(shapes())
    array = draw(float64_arrays(shape, low=-1.5, high=1.5, unique=True))  # no ties: no kinks
    return torch.tensor(array, requires_grad=True), draw(dims_of(shape))


@pytest.mark.parametrize("name, call, node", SELECTIONS, ids=[row[0] for row in SELECTIONS])
@EXAMPLES
@given(data=st.data())
def test_gradcheck(name, call, node, data):
    x, dim = data.draw(tensor_and_dim())
    assert gradcheck(lambda a: call(a, dim), (x,))
    assert gradgradcheck(lambda a: call(a, dim), (x,))
    assert call(x, dim).grad_fn.name() == node


@EXAMPLES
@given(data=st.data())
def test_values_match_numpy(data):
    shape = data.draw(shapes(min_dims=1))
    array = data.draw(float64_arrays(shape, low=-0.5, high=0.5))  # a small grid: many ties
    dim = data.draw(dims_of(shape))
    x = torch.tensor(array)
    n = shape[dim]
    k = data.draw(st.integers(1, n))
    ascending = np.sort(array, axis=dim)
    values, indices = x.sort(dim)
    assert np.array_equal(values.numpy(), ascending)
    assert np.array_equal(np.take_along_axis(array, indices.numpy(), dim), ascending)
    assert np.array_equal(x.argsort(dim, stable=True).numpy(),
                          np.argsort(array, axis=dim, kind="stable"))
    assert np.array_equal(x.argsort(dim).numpy(), indices.numpy())
    top = x.topk(k, dim)
    assert np.array_equal(top.values.numpy(), np.flip(ascending, dim).take(range(k), dim))
    assert np.array_equal(np.take_along_axis(array, top.indices.numpy(), dim), top.values.numpy())
    kth = x.kthvalue(k, dim, keepdim=True)
    assert np.array_equal(kth.values.numpy(), ascending.take([k - 1], dim))
    assert np.array_equal(x.median(dim).values.numpy(), ascending.take((n - 1) // 2, dim))


# -- which of several equal elements: indices recorded from PyTorch 2.13 ----------------------------
def _tie_rows():
    """3 rows of 40 values in {0, 1, 2, 3}, two nans in the last row."""
    values = [float((i * 7 + i // 3) % 4) for i in range(120)]
    values[97] = values[110] = NAN
    return torch.tensor(values).reshape(3, 40)


TIES = {
    "sort": (lambda x: x.sort().indices, [[0, 24, 36, 5, 6, 35, 18, 23, 17, 11, 12, 30, 29, 10, 28, 16, 22, 34, 4, 32, 26, 27, 20, 33, 38, 39, 21, 15, 14, 9, 8, 3, 2, 25, 19, 31, 13, 7, 37, 1], [1, 38, 37, 32, 31, 26, 25, 20, 19, 14, 13, 2, 7, 8, 12, 0, 36, 30, 6, 24, 18, 22, 23, 17, 16, 5, 11, 28, 29, 4, 10, 34, 35, 15, 39, 9, 33, 3, 27, 21], [28, 16, 15, 21, 22, 27, 10, 9, 33, 34, 4, 3, 39, 20, 32, 26, 38, 2, 14, 8, 1, 37, 36, 6, 7, 31, 12, 25, 24, 13, 0, 19, 18, 11, 29, 23, 5, 35, 30, 17]]),  # noqa: E501
    "sort_desc": (lambda x: torch.argsort(x, descending=True), [[1, 37, 31, 7, 25, 13, 19, 39, 38, 33, 32, 27, 26, 21, 20, 15, 2, 3, 14, 8, 9, 16, 34, 4, 28, 10, 22, 24, 23, 29, 30, 6, 5, 11, 12, 35, 36, 18, 17, 0], [39, 27, 21, 33, 15, 9, 3, 29, 5, 10, 11, 28, 35, 34, 4, 16, 17, 23, 22, 18, 30, 24, 0, 6, 12, 36, 38, 32, 31, 20, 37, 26, 25, 19, 14, 13, 8, 7, 2, 1], [17, 30, 23, 5, 35, 29, 11, 12, 24, 25, 0, 19, 18, 13, 31, 7, 6, 36, 37, 1, 20, 26, 32, 38, 14, 8, 2, 22, 21, 16, 27, 28, 15, 10, 9, 33, 34, 4, 3, 39]]),  # noqa: E501
    "sort_stable_desc": (lambda x: x.sort(descending=True, stable=True).indices, [[1, 7, 13, 19, 25, 31, 37, 2, 3, 8, 9, 14, 15, 20, 21, 26, 27, 32, 33, 38, 39, 4, 10, 16, 22, 28, 34, 0, 5, 6, 11, 12, 17, 18, 23, 24, 29, 30, 35, 36], [3, 9, 15, 21, 27, 33, 39, 4, 5, 10, 11, 16, 17, 22, 23, 28, 29, 34, 35, 0, 6, 12, 18, 24, 30, 36, 1, 2, 7, 8, 13, 14, 19, 20, 25, 26, 31, 32, 37, 38], [17, 30, 5, 11, 23, 29, 35, 0, 1, 6, 7, 12, 13, 18, 19, 24, 25, 31, 36, 37, 2, 8, 14, 20, 26, 32, 38, 3, 4, 9, 10, 15, 16, 21, 22, 27, 28, 33, 34, 39]]),  # noqa: E501
    "sort_dim0": (lambda x: x.sort(0).indices[:, :6], [[0, 1, 1, 2, 2, 0], [1, 2, 2, 0, 0, 1], [2, 0, 0, 1, 1, 2]]),  # noqa: E501
    "topk3": (lambda x: x.topk(3).indices, [[13, 31, 25], [33, 9, 15], [30, 17, 23]]),
    "topk20_smallest_unsorted": (lambda x: x.topk(20, largest=False, sorted=False).indices, [[10, 0, 24, 36, 28, 5, 6, 35, 18, 23, 17, 11, 12, 16, 30, 29, 34, 4, 22, 26], [1, 38, 37, 32, 31, 26, 25, 20, 19, 14, 13, 30, 8, 2, 7, 24, 36, 0, 6, 12], [20, 39, 38, 3, 4, 34, 33, 32, 28, 9, 10, 27, 26, 22, 21, 15, 16, 14, 8, 2]]),  # noqa: E501
    "kthvalue7": (lambda x: x.kthvalue(7).indices, [12, 31, 15]),
    "median": (lambda x: x.median(1).indices, [2, 30, 17]),
    "mode": (lambda x: x.mode(1).indices, [2, 8, 24]),
    "mode_values": (lambda x: x.mode(1).values, [2.0, 0.0, 2.0]),
    # 200 values in {0, 1, 2}: topk with k * 64 <= n takes another route (std::partial_sort)
    "topk_partial_sort": (lambda x: torch.tensor([float(i * 5 % 3) for i in range(200)]).topk(3).indices, [7, 1, 4]),  # noqa: E501
    "kthvalue_big": (lambda x: torch.tensor([float(i * 5 % 3) for i in range(200)]).kthvalue(150).indices, 61),  # noqa: E501
}


@pytest.mark.parametrize("name", TIES)
def test_indices_of_ties_as_pytorch(name):
    call, expected = TIES[name]
    assert call(_tie_rows()).tolist() == expected


def test_nan_sorts_as_largest():
    x = torch.tensor([1., NAN, -1., NAN, math.inf, -math.inf])
    assert x.sort().indices.tolist() == [5, 2, 0, 4, 1, 3]
    assert x.sort(descending=True).indices.tolist() == [1, 3, 4, 0, 2, 5]
    assert x.topk(2).indices.tolist() == [1, 3]
    assert x.kthvalue(6).indices.item() == 3
    assert math.isnan(x.median().item()) and x.median(0).indices.item() == 1


# -- gradients: recorded from PyTorch 2.13 with grad = arange(numel) - 4.5 --------------------------
X = [[3., 1., 2., 1.], [1., 3., 1., -2.]]
GRADS = [
    ("sort", lambda x: x.sort(1).values, [[-1.5, -4.5, -2.5, -3.5], [0.5, 2.5, 1.5, -0.5]]),
    ("sort_desc", lambda x: x.sort(0, True).values, [[-4.5, 0.5, -2.5, -1.5], [-0.5, -3.5, 1.5, 2.5]]),
    ("topk", lambda x: x.topk(2).values, [[-4.5, 0.0, -3.5, 0.0], [0.0, -2.5, -1.5, 0.0]]),
    ("topk_dim0", lambda x: x.topk(1, 0, False, False).values, [[0.0, -3.5, 0.0, 0.0], [-4.5, 0.0, -2.5, -1.5]]),  # noqa: E501
    ("kthvalue", lambda x: x.kthvalue(2).values, [[0.0, 0.0, 0.0, -4.5], [-3.5, 0.0, 0.0, 0.0]]),
    ("kthvalue_keepdim", lambda x: x.kthvalue(2, 0, True).values, [[-4.5, 0.0, -2.5, -1.5], [0.0, -3.5, 0.0, 0.0]]),  # noqa: E501
    ("median", lambda x: x.median(), [[0.0, -1.125, 0.0, -1.125], [-1.125, 0.0, -1.125, 0.0]]),
    ("median_dim", lambda x: x.median(0).values, [[0.0, -3.5, 0.0, 0.0], [-4.5, 0.0, -2.5, -1.5]]),
    ("median_keepdim", lambda x: x.median(1, True).values, [[0.0, 0.0, 0.0, -4.5], [-3.5, 0.0, 0.0, 0.0]]),  # noqa: E501
    ("mode", lambda x: x.mode(1).values, [[0.0, 0.0, 0.0, -4.5], [0.0, 0.0, -3.5, 0.0]]),
    ("mode_keepdim", lambda x: x.mode(0, keepdim=True).values, [[0.0, -3.5, 0.0, 0.0], [-4.5, 0.0, -2.5, -1.5]]),  # noqa: E501
    ("msort", lambda x: x.msort(), [[-0.5, -3.5, 1.5, 2.5], [-4.5, 0.5, -2.5, -1.5]]),
]
# The node that computes the gradient, and its next_functions, under create_graph=True
# (PyTorch's median() gives MaskedFillBackward1 here: minigrad routes with where, as for max()).
DOUBLE_BACKWARD = {"kthvalue": ["ScatterBackward0", [None, "UnsqueezeBackward0"]],
                   "topk": ["ScatterBackward0", [None, "torch::autograd::AccumulateGrad"]],
                   "median": ["WhereBackward0", ["DivBackward0", None]]}


@pytest.mark.parametrize("name, call, expected", GRADS, ids=[row[0] for row in GRADS])
def test_gradients_as_pytorch(name, call, expected):
    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    y = call(x)
    grad = (torch.arange(y.numel(), dtype=torch.float64).reshape(y.shape) - 4.5).requires_grad_()
    (g,) = torch.autograd.grad(y, x, grad, create_graph=True)
    assert g.tolist() == expected
    assert not np.signbit(g.detach().numpy()[g.detach().numpy() == 0]).any()  # 0.0, never -0.0
    if name in DOUBLE_BACKWARD:
        node, next_nodes = DOUBLE_BACKWARD[name]
        assert g.grad_fn.name() == node
        assert [n.name() if n else None for n, _ in g.grad_fn.next_functions] == next_nodes


def test_graph():
    x = torch.tensor(X, requires_grad=True)
    values, indices = x.sort()
    assert values.grad_fn.name() == "SortBackward0"
    assert values.grad_fn.next_functions == ((x.grad_fn or _accumulator(x), 0),)
    assert not indices.requires_grad and indices.dtype == torch.int64
    assert torch.sort(x, stable=False).values.grad_fn.name() == "SortBackward1"


def _accumulator(x):
    return x.sum().grad_fn.next_functions[0][0]


def test_median_shares_the_gradient_between_ties_and_nans():
    x = torch.tensor([2., 1., 1., 2., 1], requires_grad=True)
    x.median().backward()
    assert x.grad.tolist() == pytest.approx([0.0, 1 / 3, 1 / 3, 0.0, 1 / 3])
    x = torch.tensor([NAN, 1., NAN], requires_grad=True)
    x.median().backward()
    assert x.grad.tolist() == [0.5, 0.0, 0.5]


def test_zero_dim_and_empty():
    s = torch.tensor(2., requires_grad=True)
    for call in (lambda: s.sort().values, lambda: s.topk(1).values, lambda: s.kthvalue(1).values,
                 lambda: s.median(0).values, lambda: s.mode().values, lambda: s.median()):
        y = call()
        assert y.shape == () and y.item() == 2.0
        (g,) = torch.autograd.grad(y, s, torch.tensor(-3.))
        assert g.item() == -3.0
    assert s.sort().indices.shape == () and s.sort().indices.item() == 0
    z = torch.zeros(2, 0, requires_grad=True)
    for y in (z.sort(1).values, z.median(0).values, z.topk(0).values, z.kthvalue(1, 0).values,
              z.mode(0).values):
        y.sum().backward()
        assert z.grad.shape == (2, 0)
    assert z.median(0).values.shape == (0,)
    assert math.isnan(torch.tensor([]).median().item())


def test_repr():
    result = torch.tensor([[3., 1., 2.], [1., 3., 1.]]).kthvalue(2, 1, True)
    assert repr(result) == ("torch.return_types.kthvalue(\nvalues=tensor([[2.],\n        [1.]]),\n"
                            "indices=tensor([[2],\n        [0]]))")
    assert repr(torch.tensor([3, 1]).sort()) == (
        "torch.return_types.sort(\nvalues=tensor([1, 3]),\nindices=tensor([1, 0]))")
    assert type(torch.tensor([1.]).topk(1)).__name__ == "topk"
    values, indices = torch.tensor([1., 2.]).median(0)
    assert (values.item(), indices.item()) == (1.0, 0)


# -- errors (messages from PyTorch 2.13) ------------------------------------------------------------
M = [[3., 1., 2.], [1., 3., 1.]]
ERRORS = [
    (lambda x: x.topk(4), RuntimeError, "selected index k out of range"),
    (lambda x: x.topk(-1), RuntimeError, "selected index k out of range"),
    (lambda x: torch.tensor(5.).topk(2), RuntimeError, "selected index k out of range"),
    (lambda x: x.topk(1.5), TypeError, "topk(): argument 'k' (position 1) must be int, not float"),
    (lambda x: x.bool().topk(1), RuntimeError, "topk does not support bool dtypes on CPU"),
    (lambda x: x.kthvalue(0), RuntimeError, "kthvalue(): selected number k out of range for dimension 1"),  # noqa: E501
    (lambda x: x.kthvalue(3, 0), RuntimeError, "kthvalue(): selected number k out of range for dimension 0"),  # noqa: E501
    (lambda x: x.bool().kthvalue(1), NotImplementedError, "\"kthvalue_cpu\" not implemented for 'Bool'"),  # noqa: E501
    (lambda x: x.bool().median(), NotImplementedError, "\"median_cpu\" not implemented for 'Bool'"),
    (lambda x: x.bool().median(0), NotImplementedError, "\"median_out\" not implemented for 'Bool'"),
    (lambda x: torch.zeros(2, 0).median(1), IndexError, "median(): Expected reduction dim 1 to have non-zero size."),  # noqa: E501
    (lambda x: torch.zeros(2, 0).mode(-1), IndexError, "mode(): Expected reduction dim 1 to have non-zero size."),  # noqa: E501
    (lambda x: x.median(keepdim=True), TypeError, 'median() missing 1 required positional arguments: "dim"'),  # noqa: E501
    (lambda x: x.sort(2), IndexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),  # noqa: E501
    (lambda x: torch.bincount(torch.tensor([-1, 1])), RuntimeError, "bincount only supports 1-d non-negative integral inputs."),  # noqa: E501
    (lambda x: torch.bincount(torch.tensor([[1, 2]])), RuntimeError, "bincount only supports 1-d non-negative integral inputs."),  # noqa: E501
    (lambda x: torch.bincount(x[0]), NotImplementedError, "\"bincount_cpu\" not implemented for 'Float'"),  # noqa: E501
    (lambda x: torch.bincount(torch.tensor([1]), minlength=-1), RuntimeError, "minlength should be >= 0"),  # noqa: E501
    (lambda x: torch.bincount(torch.tensor([1, 2]), torch.tensor([1.])), RuntimeError, "weights should be 1-d and have the same length as input"),  # noqa: E501
    (lambda x: x.count_nonzero((0, 0)), RuntimeError, "dim 0 appears multiple times in the list of dims"),  # noqa: E501
    (lambda x: x.unique().sum().backward(), NotImplementedError, "the derivative for '_unique2' is not implemented."),  # noqa: E501
]


@pytest.mark.parametrize("call, error, message", ERRORS)
def test_errors(call, error, message):
    x = torch.tensor(M, requires_grad=True)
    with raises_exactly(error, message):
        call(x)


# -- unique, bincount, count_nonzero (values from PyTorch 2.13) -------------------------------------
def test_unique():
    x = torch.tensor([[3, 1], [2, 1]])
    values, inverse, counts = torch.unique(x, return_inverse=True, return_counts=True)
    assert (values.tolist(), inverse.tolist(), counts.tolist()) == ([1, 2, 3], [[2, 0], [1, 0]], [2, 1, 1])  # noqa: E501
    assert torch.tensor([3, 1, 2, 1, 3]).unique(sorted=False).tolist() == [1, 2, 3]
    values, counts = torch.tensor([NAN, 1., NAN]).unique(return_counts=True)
    assert str(values) == "tensor([1., nan, nan])" and counts.tolist() == [1, 1, 1]
    assert np.signbit(torch.tensor([-0.0, 0.0]).unique().numpy()).tolist() == [True]
    assert not np.signbit(torch.tensor([0.0, -0.0]).unique().numpy()).any()
    values, inverse, counts = torch.tensor(5.).unique(return_inverse=True, return_counts=True)
    assert (values.shape, inverse.shape, counts.tolist()) == ((1,), (), [1])
    y = torch.tensor([1., 2., 1.], requires_grad=True).unique()
    assert y.grad_fn.name() == "Unique2Backward0"


def test_bincount():
    assert torch.bincount(torch.tensor([1, 1, 3])).tolist() == [0, 2, 0, 1]
    assert torch.tensor([1, 1, 3]).bincount(minlength=6).tolist() == [0, 2, 0, 1, 0, 0]
    assert torch.bincount(torch.tensor([], dtype=torch.int64), minlength=3).tolist() == [0, 0, 0]
    weighted = torch.bincount(torch.tensor([1, 1, 3]), weights=torch.tensor([0.5, 1., 2.]))
    assert weighted.tolist() == [0.0, 1.5, 0.0, 2.0] and weighted.dtype == torch.float32
    assert torch.bincount(torch.tensor([1, 1, 3]), torch.tensor([1, 2, 3])).dtype == torch.float64
    w = torch.tensor([0.5, 1.], requires_grad=True)
    assert torch.bincount(torch.tensor([0, 1]), w).grad_fn.name() == "torch::autograd::NotImplemented"


def test_count_nonzero():
    x = torch.tensor([[3., 1., 2.], [1., NAN, 0.]])
    assert torch.count_nonzero(x).item() == 5
    assert x.count_nonzero(0).tolist() == [2, 2, 1]
    assert x.count_nonzero(dim=-1).tolist() == [3, 2]
    assert torch.count_nonzero(x, (0, 1)).dtype == torch.int64
    assert torch.count_nonzero(torch.tensor(2.), 0).item() == 1
    assert torch.count_nonzero(torch.tensor([-0.0, 0.0, 1.])).item() == 1


def test_rows_longer_than_the_replay_limit_keep_numpys_order_for_ties(monkeypatch):
    """The replay of PyTorch's tie order is slow Python: long rows skip it. Their values are
    still PyTorch's; their equal elements come in numpy's stable order."""
    from minigrad.ops import sorting

    monkeypatch.setattr(sorting, "REPLAY_LIMIT", 20)
    row = np.array([3, 1, 2, 1, 3, 0, 2, 2, 1, 3] * 3, dtype=np.float32)  # 30 elements, ties
    x = torch.tensor(row)
    values, indices = x.sort()
    np.testing.assert_array_equal(values.numpy(), np.sort(row))
    np.testing.assert_array_equal(indices.numpy(), np.argsort(row, kind="stable"))
    top = x.topk(4, sorted=False)
    np.testing.assert_array_equal(row[top.indices.numpy()], top.values.numpy())
    assert sorted(top.values.tolist()) == [3.0, 3.0, 3.0, 3.0]
    assert x.mode().values.item() == 1.0 and row[x.mode().indices.item()] == 1.0  # 1, 2, 3: 9 each
