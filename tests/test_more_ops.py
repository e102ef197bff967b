"""prod, cumsum, logsumexp; split/chunk/unbind, flip, roll, repeat; gather/scatter and friends;
more elementwise math; bmm and outer.

Each differentiable op gets gradcheck and gradgradcheck (float64, hypothesis shapes) and a
check of its node name. The expected values, node names and error messages were checked
against PyTorch 2.13 (this file does not import torch).
"""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck

from exact_errors import raises_exactly
from strategies import dims_of, float64_arrays, shapes

EXAMPLES = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _nodes(outputs):
    outputs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
    return [o.grad_fn.name() for o in outputs]


# -- the table: (name, call, expected node name, minimum number of dims) --------------------------
# ``call(x, dim)`` gets a float64 tensor and a valid dim of it.
UNARY = [
    ("prod", lambda x, d: x.prod(), "ProdBackward0", 0),
    ("prod_dim", lambda x, d: x.prod(d), "ProdBackward1", 0),
    ("prod_keepdim", lambda x, d: torch.prod(x, d, keepdim=True), "ProdBackward1", 0),
    ("cumsum", lambda x, d: x.cumsum(d), "CumsumBackward0", 0),
    ("logsumexp", lambda x, d: torch.logsumexp(x, d), "LogsumexpBackward0", 0),
    ("logsumexp_keepdim", lambda x, d: x.logsumexp(d, keepdim=True), "LogsumexpBackward0", 0),
    ("split", lambda x, d: x.split(2, d), "SplitBackward0", 1),
    ("split_sizes", lambda x, d: torch.split(x, [1, x.shape[d] - 1], d),
     "SplitWithSizesBackward0", 1),
    ("chunk", lambda x, d: x.chunk(2, d), "SplitBackward0", 1),
    ("unbind", lambda x, d: x.unbind(d), "UnbindBackward0", 1),
    ("flip", lambda x, d: torch.flip(x, [d]), "FlipBackward0", 0),
    ("flip_all", lambda x, d: x.flip(*range(x.ndim)), "FlipBackward0", 0),
    ("roll", lambda x, d: torch.roll(x, 1), "RollBackward0", 0),
    ("roll_dim", lambda x, d: x.roll(-2, d), "RollBackward0", 1),
    ("repeat", lambda x, d: x.repeat(*([2] * (x.ndim + 1))), "RepeatBackward0", 0),
]


@st.composite
def tensor_and_dim(draw, min_dims):
    shape = draw(shapes(min_dims=min_dims))
    array = draw(float64_arrays(shape, low=-1.5, high=1.5))
    return torch.tensor(array, requires_grad=True), draw(dims_of(shape))


@pytest.mark.parametrize("name, call, node, min_dims", UNARY, ids=[row[0] for row in UNARY])
@EXAMPLES
@given(data=st.data())
def test_gradcheck_unary(name, call, node, min_dims, data):
    x, dim = data.draw(tensor_and_dim(min_dims))
    assert gradcheck(lambda a: call(a, dim), (x,))
    assert gradgradcheck(lambda a: call(a, dim), (x,))
    assert set(_nodes(call(x, dim))) == {node}


# -- prod -----------------------------------------------------------------------------------------
def test_prod_gradient_with_zeros():
    x = torch.tensor([[1.5, 0., 2.], [0., 0., 3.], [1., -2., 3.]], requires_grad=True)
    x.prod().backward()
    assert torch.equal(x.grad, torch.zeros(3, 3))
    assert not np.signbit(x.grad.numpy()).any()  # zeros without a sign, as PyTorch gives
    x.grad = None
    x.prod(1).sum().backward()
    assert x.grad.tolist() == [[0.0, 3.0, 0.0], [0.0, 0.0, 0.0], [-6.0, 3.0, -2.0]]


def test_prod_double_backward_with_one_zero():
    x = torch.tensor([[1.5, 0., 2.], [0.5, 0.7, 3.], [1., -2., 3.]], requires_grad=True)
    (g,) = torch.autograd.grad(x.prod(), x, create_graph=True)
    assert g.grad_fn.name() == "ViewBackward0"
    assert g[0, 1].item() == pytest.approx(-18.9)
    g.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [[-12.6, -108.9, -9.45], [-37.8, -27.0, -6.3],
                                                [-18.9, 9.45, -6.3]], rtol=1e-6)


@pytest.mark.parametrize("array", [
    [[1.0, 0.0, 2.0], [0.0, 0.0, 3.0], [1.0, -2.0, 3.0]],
    [[0.0, 0.5, 2.0], [0.25, 1.5, 3.0], [1.0, -2.0, 0.0]],
])
def test_prod_with_zeros_gradchecks(array):
    x = torch.tensor(array, dtype=torch.float64, requires_grad=True)
    for call in (lambda a: a.prod(), lambda a: a.prod(0), lambda a: a.prod(1, keepdim=True)):
        assert gradcheck(call, (x,))
        assert gradgradcheck(call, (x,))


def test_prod_dtypes():
    assert torch.tensor([[1, 2], [3, 4]]).prod().item() == 24
    assert torch.tensor([[1, 2], [3, 4]]).prod().dtype == torch.int64
    assert torch.tensor([True, False]).prod(0).dtype == torch.int64
    assert torch.tensor([1, 2]).prod(dtype=torch.float64).dtype == torch.float64
    assert torch.tensor(2.0, requires_grad=True).prod(0).grad_fn.name() == "ProdBackward1"
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-3, 2], "
                                    "but got 3)"):
        torch.ones(2, 3, 4).prod(3)


# -- cumsum and logsumexp -------------------------------------------------------------------------
def test_cumsum_values_and_gradient():
    x = torch.tensor([[0.1, 0.2, 0.3, 0.4], [1.0, 2.0, 3.0, 4.0]], requires_grad=True)
    y = x.cumsum(1)
    (y * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
    assert y.tolist() == [[0.10000000149011612, 0.30000001192092896, 0.6000000238418579, 1.0],
                          [1.0, 3.0, 6.0, 10.0]]
    assert x.grad.tolist() == [[10.0, 9.0, 7.0, 4.0], [10.0, 9.0, 7.0, 4.0]]
    assert torch.tensor([[1, 2], [3, 4]]).cumsum(0).tolist() == [[1, 2], [4, 6]]
    assert torch.tensor([True, True]).cumsum(0).dtype == torch.int64
    assert torch.tensor([1, 2]).cumsum(0, dtype=torch.float32).dtype == torch.float32
    assert torch.tensor(2.0).cumsum(0).item() == 2.0
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-1, 0], "
                                    "but got 2)"):
        torch.ones(2).cumsum(2)


def test_logsumexp_values():
    x = torch.tensor([[0.1, 0.2, 0.3, 0.4], [1.0, 2.0, 3.0, 40.0]], requires_grad=True)
    y = torch.logsumexp(x, dim=(0, 1), keepdim=True)
    y.sum().backward()
    assert y.shape == (1, 1) and y.item() == 40.0
    assert x.grad[1, 3].item() == 1.0
    assert x.grad[0, 0].item() == pytest.approx(4.6952e-18, rel=1e-4)
    assert torch.logsumexp(torch.tensor([[1, 2], [3, 4]]), 0).tolist() == pytest.approx(
        [3.1269, 4.1269], abs=1e-4)
    assert torch.tensor([-float("inf"), -float("inf")]).logsumexp(0).item() == -float("inf")
    assert torch.tensor([1000.0, 1000.0]).logsumexp(0).item() == pytest.approx(1000.6932)


# -- split, chunk, unbind, flip, roll, repeat -----------------------------------------------------
def test_split_pieces_are_views():
    x = torch.tensor([[0.0, 1, 2, 3, 4], [5, 6, 7, 8, 9]], requires_grad=True)
    pieces = x.split(2, 1)
    assert [p.shape for p in pieces] == [(2, 2), (2, 2), (2, 1)]
    assert all([p._base is x for p in pieces])
    pieces = torch.split(x, [1, 4], dim=1)
    (pieces[1] * 2).sum().backward()
    assert x.grad.tolist() == [[0.0, 2.0, 2.0, 2.0, 2.0], [0.0, 2.0, 2.0, 2.0, 2.0]]
    assert [p.shape for p in x.chunk(3, 1)] == [(2, 2), (2, 2), (2, 1)]
    assert [p.shape for p in torch.zeros(6).chunk(4)] == [(2,), (2,), (2,)]
    assert len(x.split(10, 1)) == 1


def test_unbind():
    x = torch.arange(10.0).reshape(2, 5).requires_grad_()
    pieces = torch.unbind(x, 1)
    assert len(pieces) == 5 and pieces[2].tolist() == [2.0, 7.0]
    pieces[2].sum().backward()
    assert x.grad.tolist() == [[0.0, 0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0]]


def test_flip_roll_repeat_values():
    x = torch.arange(6.0).reshape(2, 3)
    assert torch.flip(x, [0, 1]).tolist() == [[5.0, 4.0, 3.0], [2.0, 1.0, 0.0]]
    assert torch.roll(x, 1).tolist() == [[5.0, 0.0, 1.0], [2.0, 3.0, 4.0]]
    assert torch.roll(x, shifts=(1, -1), dims=(0, 1)).tolist() == [[4.0, 5.0, 3.0],
                                                                   [1.0, 2.0, 0.0]]
    assert x.repeat(2, 1, 2).shape == (2, 2, 6)
    assert x.repeat(0, 2).shape == (0, 6)
    y = x.requires_grad_().repeat(2, 1, 2)
    (y * torch.arange(24.0).reshape(2, 2, 6)).sum().backward()
    assert x.grad.tolist() == [[30.0, 34.0, 38.0], [54.0, 58.0, 62.0]]


@pytest.mark.parametrize("call, error, message", [
    (lambda x: x.split([1, 1], 1), RuntimeError,
     "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at "
     "dimension 1), but got split_sizes=[1, 1]"),
    (lambda x: x.split(0, 1), RuntimeError,
     "split_size can only be 0 if dimension size is 0, but got dimension size of 3"),
    (lambda x: x.split(-1, 1), RuntimeError,
     "split expects split_size be non-negative, but got split_size=-1"),
    (lambda x: x.chunk(0), RuntimeError, "chunk expects `chunks` to be greater than 0, got: 0"),
    (lambda x: torch.tensor(1.0).unbind(), IndexError,
     "Dimension specified as 0 but tensor has no dimensions"),
    (lambda x: x.unbind(2), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    (lambda x: x.flip(0, -2), RuntimeError, "dim 0 appears multiple times in the list of dims"),
    (lambda x: x.repeat(2), RuntimeError,
     "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"),
    (lambda x: x.repeat(-1, 2), RuntimeError,
     "Trying to create tensor with negative dimension -2: [-2, 6]"),
    (lambda x: x.roll((1, 2)), RuntimeError, "shifts and dimensions must align. shifts: 2, dims:0"),
    (lambda x: x.roll((1, 2), 0), RuntimeError,
     "shifts and dimensions must align. shifts: 2, dims:1"),
])
def test_rearrange_errors(call, error, message):
    with raises_exactly(error, message):
        call(torch.arange(6.0).reshape(2, 3))


# -- gather, scatter, index_select, masked_select, tril/triu, diag --------------------------------
@st.composite
def gather_inputs(draw):
    """A float64 tensor, a dim, and an index for gather/scatter along it: no larger than the
    tensor apart from ``dim``, values in range (repeats allowed)."""
    shape = draw(shapes(min_dims=1))
    x = torch.tensor(draw(float64_arrays(shape)), requires_grad=True)
    dim = draw(dims_of(shape)) % len(shape)
    index_shape = tuple([draw(st.integers(1, 3 if d == dim else n)) for d, n in enumerate(shape)])
    values = st.integers(0, shape[dim] - 1)
    index = draw(st.lists(values, min_size=int(np.prod(index_shape)),
                          max_size=int(np.prod(index_shape))))
    return x, dim, torch.tensor(index).reshape(index_shape)


def _unique_index(index, dim):
    """index with its repeats along ``dim`` removed (scatter's result depends on which write
    wins where an index repeats, so finite differences there are meaningless)."""
    array = np.arange(index.shape[dim]).reshape([-1 if d == dim else 1
                                                 for d in range(index.ndim)])
    return torch.tensor(np.broadcast_to(array, index.shape).copy())


@EXAMPLES
@given(gather_inputs())
def test_gather_scatter_gradcheck(inputs):
    x, dim, index = inputs
    src = torch.tensor(np.linspace(-1, 1, index.numel()).reshape(index.shape), requires_grad=True)
    unique = _unique_index(index.narrow(dim, 0, min(index.shape[dim], x.shape[dim])), dim)
    unique_src = torch.tensor(np.linspace(-1, 1, unique.numel()).reshape(unique.shape),
                              requires_grad=True)
    calls = [
        ("GatherBackward0", lambda a: a.gather(dim, index), (x,)),
        ("ScatterAddBackward0", lambda a, s: a.scatter_add(dim, index, s), (x, src)),
        ("ScatterBackward0", lambda a, s: torch.scatter(a, dim, unique, s), (x, unique_src)),
        ("ScatterBackward1", lambda a: a.scatter(dim, index, 0.5), (x,)),
    ]
    for node, call, inputs in calls:
        assert gradcheck(call, inputs)
        assert gradgradcheck(call, inputs)
        assert call(*inputs).grad_fn.name() == node


@st.composite
def matrices(draw, min_dims=2):
    shape = draw(shapes(min_dims=min_dims))
    return torch.tensor(draw(float64_arrays(shape)), requires_grad=True)


@EXAMPLES
@given(x=matrices(min_dims=1), data=st.data())
def test_index_select_masked_select_gradcheck(x, data):
    dim = data.draw(dims_of(x.shape))
    positions = data.draw(st.lists(st.integers(0, x.shape[dim] - 1), min_size=1, max_size=4))
    mask = torch.tensor(data.draw(st.lists(st.booleans(), min_size=x.shape[-1],
                                           max_size=x.shape[-1])))
    calls = [
        ("IndexSelectBackward0", lambda a: a.index_select(dim, torch.tensor(positions))),
        ("MaskedSelectBackward0", lambda a: torch.masked_select(a, mask)),
    ]
    for node, call in calls:
        assert gradcheck(call, (x,))
        assert gradgradcheck(call, (x,))
        assert call(x).grad_fn.name() == node


@EXAMPLES
@given(x=matrices(), diagonal=st.integers(-3, 3))
def test_tril_triu_diag_gradcheck(x, diagonal):
    matrix = x[(0,) * (x.ndim - 2)] if x.ndim > 2 else x
    vector = matrix[0]
    calls = [
        ("TrilBackward0", lambda a: a.tril(diagonal), x),
        ("TriuBackward0", lambda a: torch.triu(a, diagonal), x),
        ("DiagonalBackward0_copy", lambda a: a.diag(diagonal), matrix),
        ("DiagEmbedBackward0", lambda a: torch.diag(a, diagonal), vector),
    ]
    for node, call, a in calls:
        a = a.detach().requires_grad_()
        assert gradcheck(call, (a,))
        assert gradgradcheck(call, (a,))
        assert call(a).grad_fn.name() == node


def _x34():
    return torch.tensor([[0.5, 1.5, 2.5, 3.5], [4.5, 5.5, 6.5, 7.5], [8.5, 9.5, 10.5, 11.5]],
                        requires_grad=True)


def test_gather_scatter_values():
    x = _x34()
    y = x.gather(0, torch.tensor([[0, 1], [2, 0]]))
    (y * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
    assert y.tolist() == [[0.5, 5.5], [8.5, 1.5]]
    assert x.grad.tolist() == [[1.0, 4.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0], [3.0, 0.0, 0.0, 0.0]]
    x, s = _x34(), torch.tensor([[10.0, 20.0], [30.0, 40.0]], requires_grad=True)
    y = x.scatter_add(1, torch.tensor([[0, 0], [2, 0]]), s)
    (y * torch.arange(12.0).reshape(3, 4)).sum().backward()
    assert y.tolist() == [[30.5, 1.5, 2.5, 3.5], [44.5, 5.5, 36.5, 7.5], [8.5, 9.5, 10.5, 11.5]]
    assert x.grad.tolist() == torch.arange(12.0).reshape(3, 4).tolist()
    assert s.grad.tolist() == [[0.0, 0.0], [6.0, 4.0]]
    x, s = _x34(), torch.tensor([[10.0, 20.0], [30.0, 40.0]], requires_grad=True)
    y = x.scatter(1, torch.tensor([[0, 1], [2, 0]]), s)
    (y * torch.arange(12.0).reshape(3, 4)).sum().backward()
    assert y.tolist() == [[10.0, 20.0, 2.5, 3.5], [40.0, 5.5, 30.0, 7.5], [8.5, 9.5, 10.5, 11.5]]
    assert x.grad.tolist() == [[0.0, 0.0, 2.0, 3.0], [0.0, 5.0, 0.0, 7.0], [8.0, 9.0, 10.0, 11.0]]
    assert s.grad.tolist() == [[0.0, 1.0], [6.0, 4.0]]
    ints = torch.arange(12).reshape(3, 4).scatter(1, torch.tensor([[0, 1], [2, 0]]), 2.5)
    assert ints.tolist() == [[2, 2, 2, 3], [2, 5, 2, 7], [8, 9, 10, 11]]


def test_select_triangle_diag_values():
    x = _x34()
    y = x.index_select(1, torch.tensor([3, 0, 3]))
    (y * torch.arange(9.0).reshape(3, 3)).sum().backward()
    assert y.tolist() == [[3.5, 0.5, 3.5], [7.5, 4.5, 7.5], [11.5, 8.5, 11.5]]
    assert x.grad.tolist() == [[1.0, 0.0, 0.0, 2.0], [4.0, 0.0, 0.0, 8.0], [7.0, 0.0, 0.0, 14.0]]
    assert torch.index_select(x, 0, torch.tensor(1)).shape == (1, 4)
    x = _x34()
    y = torch.masked_select(x, torch.tensor([True, False, True, False]))
    y.sum().backward()
    assert y.tolist() == [0.5, 2.5, 4.5, 6.5, 8.5, 10.5]
    assert x.grad.tolist() == [[1.0, 0.0, 1.0, 0.0]] * 3
    x = _x34()
    assert x.tril().tolist() == [[0.5, 0, 0, 0], [4.5, 5.5, 0, 0], [8.5, 9.5, 10.5, 0]]
    assert torch.triu(x, -1).tolist() == [[0.5, 1.5, 2.5, 3.5], [4.5, 5.5, 6.5, 7.5],
                                          [0, 9.5, 10.5, 11.5]]
    assert x.diag(1).tolist() == [1.5, 6.5, 11.5]
    assert torch.diag(x, -1).tolist() == [4.5, 9.5] and x.diag(7).shape == (0,)
    v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = torch.diag(v, -1)
    (y * torch.arange(16.0).reshape(4, 4)).sum().backward()
    assert y.tolist() == [[0, 0, 0, 0], [1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0]]
    assert v.grad.tolist() == [4.0, 9.0, 14.0]


def test_nonzero():
    t = torch.tensor([[1, 0], [0, 3]])
    assert t.nonzero().tolist() == [[0, 0], [1, 1]] and t.nonzero().dtype == torch.int64
    assert [i.tolist() for i in t.nonzero(as_tuple=True)] == [[0, 1], [0, 1]]
    assert torch.tensor(1.0).nonzero().shape == (1, 0)
    assert [i.tolist() for i in torch.tensor(1.0).nonzero(as_tuple=True)] == [[0]]
    assert torch.argwhere(torch.tensor([0.0, 1.0])).tolist() == [[1]]


@pytest.mark.parametrize("call, error, message", [
    (lambda x: x.gather(0, torch.tensor([[5]])), RuntimeError,
     "index 5 is out of bounds for dimension 0 with size 3"),
    (lambda x: x.gather(0, torch.tensor([[-1]])), RuntimeError,
     "index -1 is out of bounds for dimension 0 with size 3"),
    (lambda x: x.gather(0, torch.tensor([[0.0]])), RuntimeError,
     "gather(): Expected dtype int32/int64 for index"),
    (lambda x: x.gather(0, torch.tensor([0, 1])), RuntimeError,
     "Index tensor must have the same number of dimensions as input tensor"),
    (lambda x: x.gather(0, torch.zeros(3, 5, dtype=torch.int64)), RuntimeError,
     "Size does not match at dimension 1 expected index [3, 5] to be no larger than self "
     "[3, 4] apart from dimension 0"),
    (lambda x: x.scatter(1, torch.tensor([[7]]), x), RuntimeError,
     "index 7 is out of bounds for dimension 1 with size 4"),
    (lambda x: x.scatter(1, torch.tensor([[0]]), x.double()), RuntimeError,
     "scatter(): Expected self.dtype to be equal to src.dtype"),
    (lambda x: x.scatter_add(1, torch.tensor([[0, 1], [2, 0]]), torch.ones(1, 1)), RuntimeError,
     "Expected index [2, 2] to be no larger than self [3, 4] apart from dimension 1 and to be "
     "no larger size than src [1, 1]"),
    (lambda x: x.scatter(1, torch.zeros(4, 1, dtype=torch.int64), 1.0), RuntimeError,
     "Expected index [4, 1] to be no larger than self [3, 4] apart from dimension 1"),
    (lambda x: x.scatter(1, torch.tensor([0, 1]), x), RuntimeError,
     "Index tensor must have the same number of dimensions as self tensor"),
    (lambda x: x.index_select(1, torch.tensor([4])), RuntimeError,
     "INDICES element is out of DATA bounds, id=4 axis_dim=4"),
    (lambda x: x.index_select(1, torch.tensor([[1]])), IndexError,
     "index_select(): Index is supposed to be a vector"),
    (lambda x: x.index_select(1, torch.tensor([1.0])), RuntimeError,
     "index_select(): Expected dtype int32 or int64 for index"),
    (lambda x: x.masked_select(x), RuntimeError, "masked_select: expected BoolTensor for mask"),
    (lambda x: torch.ones(3).tril(), RuntimeError,
     "tril: input tensor must have at least 2 dimensions"),
    (lambda x: torch.ones(3).triu(), RuntimeError,
     "triu: input tensor must have at least 2 dimensions"),
    (lambda x: torch.ones(2, 3, 4).diag(), RuntimeError,
     "diag(): Supports 1D or 2D tensors. Got 3D"),
])
def test_indexing_errors(call, error, message):
    with raises_exactly(error, message):
        call(torch.arange(12.0).reshape(3, 4))


# -- more elementwise math ------------------------------------------------------------------------
# (function, node name, low, high): values drawn inside the function's domain
ELEMENTWISE = [
    (torch.log1p, "Log1PBackward0", -0.9, 2.0),
    (torch.expm1, "Expm1Backward0", -2.0, 2.0),
    (torch.log2, "Log2Backward0", 0.5, 2.0),
    (torch.log10, "Log10Backward0", 0.5, 2.0),
    (torch.rsqrt, "RsqrtBackward0", 0.5, 2.0),
    (torch.tan, "TanBackward0", -1.2, 1.2),
    (torch.atan, "AtanBackward0", -2.0, 2.0),
    (torch.asin, "AsinBackward0", -0.9, 0.9),
    (torch.acos, "AcosBackward0", -0.9, 0.9),
    (torch.sinh, "SinhBackward0", -2.0, 2.0),
    (torch.cosh, "CoshBackward0", -2.0, 2.0),
    (torch.erf, "ErfBackward0", -2.0, 2.0),
    (torch.floor, "FloorBackward0", -2.0, 2.0),
    (torch.ceil, "CeilBackward0", -2.0, 2.0),
    (torch.round, "RoundBackward0", -2.0, 2.0),
    (torch.trunc, "TruncBackward0", -2.0, 2.0),
    (torch.frac, "FracBackward0", -2.0, 2.0),
    (lambda a: a.round(decimals=1), "RoundBackward1", -2.0, 2.0),
]


@pytest.mark.parametrize("fn, node, low, high", ELEMENTWISE, ids=[row[1] for row in ELEMENTWISE])
@EXAMPLES
@given(data=st.data())
def test_elementwise_gradcheck(fn, node, low, high, data):
    # The grid of strategies.py keeps values 1/256 away from the jumps of the rounding functions
    # (whole numbers; for round, halves; for round(decimals=1), multiples of 0.05).
    array = data.draw(shapes().flatmap(lambda s: float64_arrays(s, low, high, offset=0.375)))
    x = torch.tensor(array, requires_grad=True)
    assert gradcheck(fn, (x,))
    assert gradgradcheck(fn, (x,))
    assert fn(x).grad_fn.name() == node


def test_elementwise_values():
    x = torch.tensor([0.3, -0.7, 0.05, 0.9, -0.25, 2.5, -1.5], requires_grad=True)
    assert torch.log1p(x).tolist()[:5] == [0.2623642683029175, -1.2039728164672852,
                                           0.04879016429185867, 0.6418538689613342,
                                           -0.28768208622932434]
    assert torch.expm1(x).tolist()[:2] == [0.349858820438385, -0.5034146904945374]
    assert x.floor().tolist() == [0.0, -1.0, 0.0, 0.0, -1.0, 2.0, -2.0]
    assert x.ceil().tolist() == [1.0, -0.0, 1.0, 1.0, -0.0, 3.0, -1.0]
    assert x.round().tolist() == [0.0, -1.0, 0.0, 1.0, -0.0, 2.0, -2.0]
    assert x.trunc().tolist() == [0.0, -0.0, 0.0, 0.0, -0.0, 2.0, -1.0]
    assert x.frac().tolist() == [0.30000001192092896, -0.699999988079071, 0.05000000074505806,
                                 0.8999999761581421, -0.25, 0.5, -0.5]
    y = torch.tensor([1.2345678, 0.5, 1.5, 2.5, -0.125]).round(decimals=2)
    assert y.tolist() == [1.2300000190734863, 0.5, 1.5, 2.5, -0.11999999731779099]
    (x.floor() + x.frac() * 2).sum().backward()
    assert x.grad.tolist() == [2.0] * 7
    assert torch.tensor([1, -2, 0]).floor().dtype == torch.int64
    assert torch.tensor([True, False]).log1p().dtype == torch.float32
    assert torch.tensor([0, 1]).rsqrt().tolist() == [float("inf"), 1.0]


def test_predicates_and_comparisons():
    x = torch.tensor([0.0, 1.0, -float("inf"), float("nan")])
    assert torch.isnan(x).tolist() == [False, False, False, True]
    assert torch.isinf(x).tolist() == [False, False, True, False]
    assert x.isfinite().tolist() == [True, True, False, False]
    assert torch.logical_not(x).tolist() == [True, False, False, False]
    assert torch.tensor([0, 3]).logical_not().dtype == torch.bool
    y = torch.tensor([0.0, 1.0, 2.0])
    assert torch.eq(y, 1).tolist() == [False, True, False]
    assert torch.ne(y, torch.tensor([2.0, 1.0, 0.0])).tolist() == [True, False, True]
    assert torch.lt(y, 1.5).tolist() == [True, True, False]
    assert torch.le(y, 1).tolist() == [True, True, False]
    assert torch.gt(y, 1).tolist() == [False, False, True]
    assert torch.ge(y, 1).tolist() == [False, True, True]


@pytest.mark.parametrize("call, message", [
    (lambda: torch.tensor([True]).floor(), "\"floor_vml_cpu\" not implemented for 'Bool'"),
    (lambda: torch.tensor([True]).ceil(), "\"ceil_vml_cpu\" not implemented for 'Bool'"),
    (lambda: torch.tensor([True]).round(), "\"round_vml_cpu\" not implemented for 'Bool'"),
    (lambda: torch.tensor([True]).trunc(), "\"trunc_vml_cpu\" not implemented for 'Bool'"),
    (lambda: torch.tensor([1]).frac(), "\"frac_cpu\" not implemented for 'Long'"),
    (lambda: torch.tensor([True]).frac(), "\"frac_cpu\" not implemented for 'Bool'"),
    (lambda: torch.tensor([1, 2]).round(decimals=1), "\"round_cpu\" not implemented for 'Long'"),
])
def test_rounding_errors(call, message):
    with raises_exactly(NotImplementedError, message):
        call()


# -- bmm and outer --------------------------------------------------------------------------------
@EXAMPLES
@given(sizes=st.tuples(*[st.integers(1, 3)] * 4), data=st.data())
def test_bmm_outer_gradcheck(sizes, data):
    batch, n, m, p = sizes
    a = torch.tensor(data.draw(float64_arrays((batch, n, m))), requires_grad=True)
    b = torch.tensor(data.draw(float64_arrays((batch, m, p), offset=0.75)), requires_grad=True)
    assert gradcheck(torch.bmm, (a, b)) and gradgradcheck(torch.bmm, (a, b))
    assert torch.bmm(a, b).grad_fn.name() == "BmmBackward0"
    u, v = a[0, 0].detach().requires_grad_(), b[0, 0].detach().requires_grad_()
    assert gradcheck(torch.outer, (u, v)) and gradgradcheck(torch.outer, (u, v))
    y = torch.outer(u, v)
    assert y.grad_fn.name() == "MulBackward0"  # PyTorch computes it as column * row
    assert [node.name() for node, _ in y.grad_fn.next_functions] == [
        "ViewBackward0", "torch::autograd::AccumulateGrad"]


def test_bmm_outer_values():
    a = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[0.5, -1.0], [2.0, 0.25]]], requires_grad=True)
    b = torch.tensor([[[1.0, 0.0, 2.0], [-1.0, 1.0, 0.5]], [[2.0, 1.0, 0.0], [0.0, 3.0, 1.0]]],
                     requires_grad=True)
    y = torch.bmm(a, b)
    (y * torch.arange(12.0).reshape(2, 2, 3)).sum().backward()
    assert y.tolist() == [[[-1.0, 2.0, 3.0], [-1.0, 4.0, 8.0]],
                          [[1.0, -2.5, -1.0], [4.0, 2.75, 0.25]]]
    assert a.grad.tolist() == [[[4.0, 2.0], [13.0, 3.5]], [[19.0, 29.0], [28.0, 41.0]]]
    assert b.grad.tolist() == [[[9.0, 13.0, 17.0], [12.0, 18.0, 24.0]],
                               [[21.0, 23.5, 26.0], [-3.75, -4.5, -5.25]]]
    assert torch.outer(torch.tensor([1.0, 2.0]), torch.tensor([3.0, -1.0])).tolist() == [
        [3.0, -1.0], [6.0, -2.0]]


@pytest.mark.parametrize("call, message", [
    (lambda: torch.bmm(torch.ones(2, 3, 4), torch.ones(3, 4, 5)),
     "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4]."),
    (lambda: torch.bmm(torch.ones(3, 4), torch.ones(3, 4, 5)), "batch1 must be a 3D tensor"),
    (lambda: torch.ones(2, 3, 4).bmm(torch.ones(4, 5)), "batch2 must be a 3D tensor"),
    (lambda: torch.ones(2, 3, 4).bmm(torch.ones(2, 4, 5).double()),
     "expected scalar type Float but found Double"),
    (lambda: torch.outer(torch.ones(2), torch.ones(2, 2)),
     "outer: Expected 1-D argument vec2, but got 2-D"),
    (lambda: torch.outer(torch.ones(2, 2), torch.ones(2)),
     "outer: Expected 1-D argument self, but got 2-D"),
])
def test_bmm_outer_errors(call, message):
    with raises_exactly(RuntimeError, message):
        call()
