"""broadcast_to/broadcast_tensors, type_as, movedim, unflatten, tile, repeat_interleave, diff,
cumprod, take; meshgrid, logspace; the random draws normal, bernoulli, multinomial,
randint_like.

Every expected value, node name and error message here was recorded from PyTorch 2.13 (this
file does not import torch). Random draws can't match PyTorch's stream: for them the tests
check shapes, dtypes, ranges, seeding and errors.
"""
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck

from exact_errors import raises_exactly
from strategies import broadcastable_shapes, dims_of, float64_arrays, shapes

EXAMPLES = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def chain(t):
    """The node names from t.grad_fn down its first inputs, with each node's next_functions."""
    out, node = [], t.grad_fn
    while node is not None:
        nexts = [n.name() if n is not None else None for n, _ in node.next_functions]
        out.append((node.name(), nexts))
        node = node.next_functions[0][0] if node.next_functions else None
    return out


ACC = "torch::autograd::AccumulateGrad"


# -- graphs: the nodes PyTorch 2.13 records --------------------------------------------------------
def _leaf(*shape):
    return torch.randn(*shape, requires_grad=True)


GRAPHS = [
    ("broadcast_to", lambda: _leaf(3, 1).broadcast_to(2, 3, 4),
     [("ExpandBackward0", [ACC]), (ACC, [])]),
    ("torch.broadcast_to", lambda: torch.broadcast_to(_leaf(3, 1), (3, 4)),
     [("ExpandBackward0", [ACC]), (ACC, [])]),
    ("broadcast_tensors", lambda: torch.broadcast_tensors(_leaf(3, 1), _leaf(4))[1],
     [("ExpandBackward0", [ACC]), (ACC, [])]),
    ("movedim", lambda: _leaf(2, 3, 4).movedim(0, 2), [("PermuteBackward0", [ACC]), (ACC, [])]),
    ("movedim_same", lambda: _leaf(2, 3, 4).movedim(1, 1),
     [("PermuteBackward0", [ACC]), (ACC, [])]),
    ("moveaxis", lambda: torch.moveaxis(_leaf(2, 3, 4), -1, 0),
     [("PermuteBackward0", [ACC]), (ACC, [])]),
    ("unflatten", lambda: _leaf(2, 3, 4).unflatten(1, (3, 1)),
     [("ViewBackward0", [ACC]), (ACC, [])]),
    ("unflatten_transposed", lambda: _leaf(2, 3, 4).transpose(0, 2).unflatten(0, (2, 2)),
     [("ViewBackward0", ["TransposeBackward0"]), ("TransposeBackward0", [ACC]), (ACC, [])]),
    ("type_as", lambda: _leaf(2).type_as(torch.ones(1, dtype=torch.float64)),
     [("ToCopyBackward0", [ACC]), (ACC, [])]),
    ("tile", lambda: torch.tile(_leaf(2, 3), (2,)), [("RepeatBackward0", [ACC]), (ACC, [])]),
    ("tile_empty", lambda: _leaf(2, 3).tile(()), [("RepeatBackward0", [ACC]), (ACC, [])]),
    ("repeat_interleave", lambda: _leaf(2, 3).repeat_interleave(2),
     [("ViewBackward0", ["CloneBackward0"]), ("CloneBackward0", ["ExpandBackward0"]),
      ("ExpandBackward0", ["UnsqueezeBackward0"]), ("UnsqueezeBackward0", ["ViewBackward0"]),
      ("ViewBackward0", [ACC]), (ACC, [])]),
    ("repeat_interleave_dim", lambda: _leaf(2, 3).repeat_interleave(2, dim=1),
     [("ViewBackward0", ["CloneBackward0"]), ("CloneBackward0", ["ExpandBackward0"]),
      ("ExpandBackward0", ["UnsqueezeBackward0"]), ("UnsqueezeBackward0", [ACC]), (ACC, [])]),
    ("repeat_interleave_1d", lambda: _leaf(3).repeat_interleave(2),
     [("ViewBackward0", ["CloneBackward0"]), ("CloneBackward0", ["ExpandBackward0"]),
      ("ExpandBackward0", ["UnsqueezeBackward0"]), ("UnsqueezeBackward0", [ACC]), (ACC, [])]),
    ("repeat_interleave_tensor", lambda: _leaf(2, 3).repeat_interleave(torch.tensor([1, 2]), 0),
     [("IndexSelectBackward0", [ACC]), (ACC, [])]),
    ("repeat_interleave_tensor_flat",
     lambda: _leaf(2, 3).repeat_interleave(torch.tensor([2, 1, 1, 1, 1, 1])),
     [("IndexSelectBackward0", ["ViewBackward0"]), ("ViewBackward0", [ACC]), (ACC, [])]),
    ("diff", lambda: _leaf(2, 4).diff(),
     [("SubBackward0", ["SliceBackward0", "SliceBackward0"]), ("SliceBackward0", [ACC]),
      (ACC, [])]),
    ("diff_2", lambda: _leaf(2, 4).diff(n=2),
     [("SubBackward0", ["SliceBackward0", "SliceBackward0"]),
      ("SliceBackward0", ["SubBackward0"]),
      ("SubBackward0", ["SliceBackward0", "SliceBackward0"]), ("SliceBackward0", [ACC]),
      (ACC, [])]),
    ("diff_0", lambda: _leaf(2, 4).diff(n=0), [("CopyBackwards", [ACC]), (ACC, [])]),
    ("diff_prepend", lambda: _leaf(2, 4).diff(prepend=torch.ones(2, 1), append=torch.ones(2, 2)),
     [("SubBackward0", ["SliceBackward0", "SliceBackward0"]), ("SliceBackward0", ["CatBackward0"]),
      ("CatBackward0", [None, ACC, None])]),
    ("cumprod", lambda: _leaf(2, 3).cumprod(1), [("CumprodBackward0", [ACC]), (ACC, [])]),
    ("take", lambda: _leaf(2, 3).take(torch.tensor([[0, 5], [-1, 2]])),
     [("TakeBackward0", [ACC]), (ACC, [])]),
    ("meshgrid", lambda: torch.meshgrid(_leaf(3), _leaf(2), indexing="xy")[1],
     [("ExpandBackward0", ["ViewBackward0"]), ("ViewBackward0", [ACC]), (ACC, [])]),
    ("normal_mean", lambda: torch.normal(_leaf(3), 1.0), [("NormalBackward1", [ACC]), (ACC, [])]),
    ("normal_std", lambda: torch.normal(0.0, _leaf(3).exp()),
     [("NormalBackward2", ["ExpBackward0"]), ("ExpBackward0", [ACC]), (ACC, [])]),
    ("normal_both", lambda: torch.normal(_leaf(3), torch.ones(3)),
     [("NormalBackward3", [ACC, None]), (ACC, [])]),
    ("bernoulli", lambda: torch.bernoulli(_leaf(3).sigmoid()),
     [("BernoulliBackward0", ["SigmoidBackward0"]), ("SigmoidBackward0", [ACC]), (ACC, [])]),
    ("bernoulli_number_", lambda: (_leaf(3) * 1).bernoulli_(0.5),
     [("BernoulliBackward2", ["MulBackward0"]), ("MulBackward0", [ACC, None]), (ACC, [])]),
    ("bernoulli_tensor_", lambda: (_leaf(3) * 1).bernoulli_(torch.tensor([0., 1., 1.])),
     [("BernoulliBackward1", ["MulBackward0", None]), ("MulBackward0", [ACC, None]), (ACC, [])]),
]


@pytest.mark.parametrize("make, expected", [row[1:] for row in GRAPHS],
                         ids=[row[0] for row in GRAPHS])
def test_graph_nodes(make, expected):
    assert chain(make()) == expected


def test_broadcast_tensors_keeps_tensors_of_the_full_shape():
    a, b = _leaf(3, 1), _leaf(3, 4)
    ra, rb = torch.broadcast_tensors(a, b)
    assert rb is b and ra.shape == (3, 4)
    c = torch.ones(4)
    _, _, rc = torch.broadcast_tensors(b, a, c)
    assert rc.grad_fn is None and rc._base is c  # a view, as in PyTorch
    assert torch.broadcast_tensors() == ()


def test_view_ops_share_memory():
    x = torch.zeros(2, 3, 4)
    x.movedim(0, -1)[1, 2, 0] = 5.0
    x.unflatten(-1, (2, 2))[0, 0, 1, 1] = 7.0
    assert x[0, 1, 2].item() == 5.0 and x[0, 0, 3].item() == 7.0


def test_type_as():
    x = torch.ones(2)
    assert x.type_as(x) is x
    assert x.type_as(torch.ones(1, dtype=torch.int64)).dtype is torch.int64


# -- gradients: gradcheck and gradgradcheck (float64) --------------------------------------------
@st.composite
def tensor_and_dim(draw, min_dims=1, zeros=False):
    shape = draw(shapes(min_dims=min_dims))
    array = draw(float64_arrays(shape, low=-1.5, high=1.5))
    if zeros:  # some exact zeros, where cumprod's formula must not divide
        array = np.where(draw(st.lists(st.booleans(), min_size=array.size,
                                       max_size=array.size).map(
                                           lambda b: np.reshape(b, shape))), 0.0, array)
    return torch.tensor(array, requires_grad=True), draw(dims_of(shape))


UNARY = [
    ("broadcast_to", lambda x, d: x.broadcast_to((2,) + x.shape)),
    ("movedim", lambda x, d: x.movedim(d, 0)),
    ("unflatten", lambda x, d: x.unflatten(d, (1, x.shape[d], 1))),
    ("tile", lambda x, d: x.tile(2, 3)),
    ("repeat_interleave", lambda x, d: x.repeat_interleave(2, d)),
    ("repeat_interleave_flat", lambda x, d: torch.repeat_interleave(x, 3)),
    ("repeat_interleave_tensor",
     lambda x, d: x.repeat_interleave(torch.arange(x.shape[d]) % 3, dim=d)),
    ("diff", lambda x, d: x.diff(dim=d)),
    ("diff_2_prepend", lambda x, d: torch.diff(x, 2, d, prepend=x.narrow(d, 0, 1) * 2)),
    ("cumprod", lambda x, d: x.cumprod(d)),
    ("take", lambda x, d: x.take(torch.tensor([[0, -1], [0, x.numel() // 2]]))),
]


@pytest.mark.parametrize("call", [row[1] for row in UNARY], ids=[row[0] for row in UNARY])
@EXAMPLES
@given(data=st.data())
def test_gradcheck(call, data):
    x, dim = data.draw(tensor_and_dim())
    assert gradcheck(lambda a: call(a, dim), (x,))
    assert gradgradcheck(lambda a: call(a, dim), (x,))


@EXAMPLES
@given(data=st.data())
def test_cumprod_gradcheck_with_zeros(data):
    x, dim = data.draw(tensor_and_dim(min_dims=0, zeros=True))
    assert gradcheck(lambda a: a.cumprod(dim), (x,))
    assert gradgradcheck(lambda a: a.cumprod(dim), (x,))


@EXAMPLES
@given(shapes=broadcastable_shapes(count=3))
def test_broadcast_tensors_shapes_and_gradients(shapes):
    tensors = [torch.randn(*s, dtype=torch.float64, requires_grad=True) for s in shapes]
    out = torch.broadcast_tensors(*tensors)
    assert {o.shape for o in out} == {tuple(np.broadcast_shapes(*shapes))}
    assert gradcheck(lambda *ts: torch.broadcast_tensors(*ts), tensors)


# -- values and gradients recorded from PyTorch 2.13 -----------------------------------------------
CUMPROD_GRAD = torch.tensor([1., -2., 0.5, -1.])
CUMPROD_CASES = [  # input, gradient for CUMPROD_GRAD (PyTorch 2.13; -0.0 never appears)
    ([1.5, -2., 0.5, 3.], [7.5, -4.875, 7.5, 1.5]),
    ([1.5, 0., 0.5, 3.], [1.0, -4.875, 0.0, 0.0]),
    ([0., 2., 0., 3.], [-3.0, 0.0, 0.0, 0.0]),
    ([2., 3., 0., 0.], [-5.0, -4.0, 3.0, 0.0]),
    ([0., 0., 0., 0.], [1.0, 0.0, 0.0, 0.0]),
    ([-1., 0., 0., 2.], [1.0, 2.0, 0.0, 0.0]),
]


@pytest.mark.parametrize("values, expected", CUMPROD_CASES)
def test_cumprod_gradient_with_zeros(values, expected):
    x = torch.tensor(values, requires_grad=True)
    x.cumprod(0).backward(CUMPROD_GRAD)
    assert x.grad.tolist() == expected
    assert np.signbit(x.grad.numpy()).tolist() == [v < 0 for v in expected]


def test_cumprod_matrix_gradients():
    x = torch.tensor([[1.5, 0., 2.], [0.5, -1., 3.], [0., 0., -2.]], requires_grad=True)
    x.cumprod(0).backward(-torch.ones(3, 3))
    assert x.grad.tolist() == [[-1.5, 0.0, 2.0], [-1.5, 0.0, 2.0], [-0.75, 0.0, -6.0]]
    assert not np.signbit(x.grad.numpy())[:, 1].any()  # 0.0, as PyTorch, not -0.0
    x.grad = None
    torch.cumprod(x, dim=1).backward(-torch.ones(3, 3))
    assert x.grad.tolist() == [[-1.0, -4.5, 0.0], [3.0, -2.0, 0.5], [-1.0, 0.0, 0.0]]
    assert np.signbit(x.grad.numpy()).tolist() == [[True, True, False], [False, True, False],
                                                   [True, False, False]]


def test_cumprod_float32_bit_exact_and_double_backward():
    x = torch.tensor([0.1, 0.7, -1.3, 2.9, 0.33], requires_grad=True)
    y = x.cumprod(0)
    y.backward(torch.tensor([0.3, -0.2, 1.1, 0.7, -0.9]))
    assert y.tolist() == [0.10000000149011612, 0.07000000029802322, -0.09099999815225601,
                          -0.2639000117778778, -0.0870870053768158]
    assert x.grad.tolist() == [-1.9045170545578003, -0.3149310350418091, 0.15880902111530304,
                               -0.03667299821972847, 0.23751001060009003]
    x = torch.tensor([1.5, 0., 0.5, 3.], dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(x.cumprod(0), x, CUMPROD_GRAD.double(), create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    assert g.tolist() == [1.0, -4.875, 0.0, 0.0]
    assert gg.tolist() == [-3.25, -7.75, -3.75, -0.75]


def test_cumprod_dtypes_and_0d():
    assert torch.tensor([1, 2, 3]).cumprod(0).dtype is torch.int64
    assert torch.tensor([1, 2], dtype=torch.int32).cumprod(0).dtype is torch.int64
    assert torch.tensor([True, True]).cumprod(0).dtype is torch.int64
    assert torch.tensor([1, 2]).cumprod(0, dtype=torch.float64).tolist() == [1.0, 2.0]
    s = torch.tensor(2., requires_grad=True)
    s.cumprod(-1).backward()
    assert s.grad.item() == 1.0


def test_take_values_and_gradient():
    x = torch.tensor([[1.5, 0., 2.], [0.5, -1., 3.]], requires_grad=True)
    y = x.take(torch.tensor([[0, 5], [-1, 2]]))
    assert y.tolist() == [[1.5, 3.0], [3.0, 2.0]]
    y.backward(torch.tensor([[1., 2.], [3., 4.]]))
    assert x.grad.tolist() == [[1., 0., 4.], [0., 0., 5.]]
    x.grad = None
    torch.take(x, torch.tensor([1, 1, 1])).sum().backward()
    assert x.grad.tolist() == [[0., 3., 0.], [0., 0., 0.]]
    assert x.take(torch.tensor(3)).shape == ()
    assert torch.tensor(5.).take(torch.tensor([0, 0])).tolist() == [5., 5.]


def test_repeat_interleave_values_and_gradients():
    x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    y = x.repeat_interleave(torch.tensor([2, 1]), dim=0)
    y.backward(torch.arange(9.).reshape(3, 3))
    assert y.tolist() == [[1., 2., 3.], [1., 2., 3.], [4., 5., 6.]]
    assert x.grad.tolist() == [[3., 5., 7.], [6., 7., 8.]]
    x.grad = None
    y = x.repeat_interleave(2, dim=1)
    y.backward(torch.arange(12.).reshape(2, 6))
    assert y.tolist() == [[1., 1., 2., 2., 3., 3.], [4., 4., 5., 5., 6., 6.]]
    assert x.grad.tolist() == [[1., 5., 9.], [13., 17., 21.]]
    assert torch.repeat_interleave(torch.tensor([1, 0, 3])).tolist() == [0, 2, 2, 2]
    assert torch.repeat_interleave(torch.tensor([1, 2], dtype=torch.int32)).dtype is torch.int32
    assert x.repeat_interleave(torch.tensor(2), dim=1).shape == (2, 6)
    assert x.repeat_interleave(0).shape == (0,)
    assert x.repeat_interleave(torch.tensor([0, 0]), dim=0).shape == (0, 3)


def test_tile_and_unflatten_shapes():
    x = torch.ones(2, 3)
    assert [x.tile(d).shape for d in [(2,), (2, 2), (1, 2, 1), ()]] == [
        (2, 6), (4, 6), (1, 4, 3), (2, 3)]
    assert x.tile(2, 1).shape == (4, 3)
    y = torch.ones(2, 3, 4)
    assert y.unflatten(-1, (2, -1)).shape == (2, 3, 2, 2)
    assert torch.unflatten(y, 2, [2, 2]).shape == (2, 3, 2, 2)
    assert y.movedim((0, 1), (2, 0)).shape == (3, 4, 2)
    assert y.movedim([0, 1], [1, 0]).shape == (3, 2, 4)


def test_diff_values():
    x = torch.tensor([[1., 4., 9., 16.], [2., 3., 5., 7.]])
    assert x.diff().tolist() == [[3., 5., 7.], [1., 2., 2.]]
    assert x.diff(n=2).tolist() == [[2., 2.], [1., 0.]]
    assert x.diff(dim=0).tolist() == [[1., -1., -4., -9.]]
    assert x.diff(n=5).shape == (2, 0)
    assert x.diff(prepend=torch.ones(2, 1), append=torch.ones(2, 2)).tolist() == [
        [0., 3., 5., 7., -15., 0.], [1., 1., 2., 2., -6., 0.]]
    assert x.diff(dim=0, prepend=torch.ones(1, 4)).tolist() == [
        [0., 3., 8., 15.], [1., -1., -4., -9.]]
    assert x.diff(prepend=torch.ones(2, 1, dtype=torch.float64)).dtype is torch.float64
    assert torch.tensor([1, 5, 2], dtype=torch.int32).diff().tolist() == [4, -3]
    assert torch.tensor([1, 5, 2], dtype=torch.int32).diff().dtype is torch.int32
    assert torch.tensor([True, False, False]).diff().tolist() == [True, False]
    assert x.diff(n=0)._base is None and x.diff(n=0).tolist() == x.tolist()


def test_meshgrid():
    a, b, c = torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])
    xy = torch.meshgrid(a, b, c, indexing="xy")
    assert [g.shape for g in xy] == [(2, 3, 1)] * 3
    assert xy[0].tolist() == [[[1], [2], [3]], [[1], [2], [3]]]
    assert xy[1].tolist() == [[[4], [4], [4]], [[5], [5], [5]]]
    ij = torch.meshgrid([a, b], indexing="ij")
    assert ij[0].tolist() == [[1, 1], [2, 2], [3, 3]] and ij[1].tolist() == [[4, 5]] * 3
    assert [g.shape for g in torch.meshgrid(torch.tensor(2.), torch.ones(2), indexing="ij")] == [
        (1, 2), (1, 2)]
    assert torch.meshgrid(a, indexing="ij")[0] is not a


def test_meshgrid_warns_without_indexing():
    message = ("torch.meshgrid: in an upcoming release, it will be required to pass the "
               "indexing argument. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/"
               "native/TensorShape.cpp:4215.)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grids = torch.meshgrid(torch.ones(3), torch.ones(2))
    assert [str(w.message) for w in caught] == [message]
    assert caught[0].category is UserWarning and caught[0].filename == __file__
    assert [g.shape for g in grids] == [(3, 2), (3, 2)]  # "ij"


def test_logspace():
    assert torch.logspace(0., 1., 7).tolist() == [
        1.0, 1.4677993059158325, 2.1544346809387207, 3.1622776985168457, 4.6415886878967285,
        6.812920570373535, 10.0]
    assert torch.logspace(-1, 1, 5, dtype=torch.float64).tolist() == [
        0.1, 0.31622776601683794, 1.0, 3.1622776601683795, 10.0]
    assert torch.logspace(0, 2, 5, dtype=torch.int64).tolist() == [1, 3, 10, 31, 100]
    assert torch.logspace(1., -1., 9, base=3.).tolist() == [
        3.0, 2.2795071601867676, 1.7320507764816284, 1.316074013710022, 1.0,
        0.7598356604576111, 0.5773502588272095, 0.4386913478374481, 0.3333333432674408]
    assert torch.logspace(0, 2, 3).dtype is torch.float32
    assert torch.logspace(2, 2, 1, base=3).tolist() == [9.0]
    assert torch.logspace(0, 1, 0).shape == (0,)
    assert torch.logspace(0, 1, 3, requires_grad=True).requires_grad


# -- random draws ----------------------------------------------------------------------------------
DRAWS = [
    ("normal", lambda: torch.normal(2.0, 3.0, (4, 5))),
    ("normal_tensors", lambda: torch.normal(torch.zeros(2, 1), torch.ones(3))),
    ("bernoulli", lambda: torch.bernoulli(torch.full((4, 5), 0.5))),
    ("bernoulli_", lambda: torch.zeros(4, 5).bernoulli_(0.3)),
    ("multinomial", lambda: torch.multinomial(torch.tensor([[1., 2., 3., 4.]] * 2), 3)),
    ("multinomial_replacement", lambda: torch.ones(3).multinomial(10, replacement=True)),
    ("randint_like", lambda: torch.randint_like(torch.zeros(3, 4), 3, 10)),
]


@pytest.mark.parametrize("draw", [row[1] for row in DRAWS], ids=[row[0] for row in DRAWS])
def test_draws_are_reproducible_with_manual_seed(draw):
    torch.manual_seed(7)
    first = draw()
    torch.manual_seed(7)
    assert torch.equal(draw(), first)
    assert not all([torch.equal(draw(), first) for _ in range(3)])


def test_draw_shapes_dtypes_and_ranges():
    torch.manual_seed(0)
    x = torch.normal(2.0, 3.0, (200, 50))
    assert x.shape == (200, 50) and x.dtype is torch.float32
    assert abs(x.mean().item() - 2.0) < 0.1 and abs(x.std().item() - 3.0) < 0.1
    assert torch.normal(0, 1, (2,), dtype=torch.float64).dtype is torch.float64
    assert torch.normal(torch.zeros(3, dtype=torch.float64), torch.ones(3)).dtype is torch.float64
    assert torch.normal(torch.zeros(3), torch.ones(3, dtype=torch.float64)).dtype is torch.float32
    assert torch.normal(0., torch.ones(4)).shape == (4,)
    assert torch.normal(2., 0., (3,)).tolist() == [2., 2., 2.]
    b = torch.bernoulli(torch.full((1000,), 0.25))
    assert set(b.tolist()) == {0., 1.} and 0.2 < b.mean().item() < 0.3
    assert torch.bernoulli(torch.tensor([0., 1., 1., 0.])).tolist() == [0., 1., 1., 0.]
    assert torch.bernoulli(torch.tensor([0., 1.], dtype=torch.float64)).dtype is torch.float64
    assert torch.bernoulli(torch.zeros(3), 1.0).tolist() == [1., 1., 1.]
    assert torch.zeros(3).bernoulli_(torch.tensor([0., 1., 1.])).tolist() == [0., 1., 1.]
    assert torch.zeros(3, dtype=torch.long).bernoulli_(1.).tolist() == [1, 1, 1]
    assert torch.zeros(2, dtype=torch.bool).bernoulli_(1).tolist() == [True, True]
    r = torch.randint_like(torch.zeros(3, 4), 3, 10)
    assert r.dtype is torch.float32 and r.shape == (3, 4)
    assert 3 <= r.min().item() <= r.max().item() < 10
    assert torch.randint_like(torch.zeros(2, dtype=torch.int32), 10).dtype is torch.int32
    assert torch.randint_like(torch.zeros(2), 10, dtype=torch.int64).dtype is torch.int64
    assert torch.randint_like(torch.zeros(2), 10, requires_grad=True).requires_grad


def test_multinomial():
    torch.manual_seed(0)
    w = torch.tensor([0., 1., 3., 0.])
    for _ in range(20):
        assert sorted(torch.multinomial(w, 2).tolist()) == [1, 2]
    three = torch.multinomial(w, 3)  # more than the nonzero weights: PyTorch allows it
    assert three.shape == (3,) and len(set(three.tolist())) == 3
    many = torch.multinomial(torch.tensor([[1., 0.], [0., 2.]]), 50, replacement=True)
    assert many.dtype is torch.int64 and many.shape == (2, 50)
    assert set(many[0].tolist()) == {0} and set(many[1].tolist()) == {1}
    counts = np.bincount(torch.multinomial(torch.tensor([1., 3.]), 1000, True).numpy())
    assert 650 < counts[1] < 850


def test_random_draws_give_zero_gradients():
    m, s = torch.zeros(3, requires_grad=True), torch.ones(3, requires_grad=True)
    torch.normal(m, s).backward(torch.tensor([1., -2., 3.]))
    assert m.grad.tolist() == [0., 0., 0.] and s.grad.tolist() == [0., 0., 0.]
    p = torch.full((3,), 0.5, requires_grad=True)
    torch.bernoulli(p).backward(-torch.ones(3))
    assert p.grad.tolist() == [0., 0., 0.] and not np.signbit(p.grad.numpy()).any()
    p.grad = None
    y = p * 1
    y.bernoulli_(p)
    y.sum().backward()
    assert p.grad.tolist() == [0., 0., 0.]


# -- errors (PyTorch 2.13's types and messages) ----------------------------------------------------
P_RANGE = ("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message "
           "be improved?  If so, please report an enhancement request to PyTorch.)")
ERRORS = [
    (lambda: torch.broadcast_tensors(torch.ones(3), torch.ones(3, 1), torch.ones(5)), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1"),
    (lambda: torch.ones(3, 1).broadcast_to(4, 2), RuntimeError,
     "The expanded size of the tensor (4) must match the existing size (3) at non-singleton "
     "dimension 0.  Target sizes: [4, 2].  Tensor sizes: [3, 1]"),
    (lambda: torch.ones(2, 3, 4).movedim((0, 1), (1,)), RuntimeError,
     "movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the same "
     "number of dims as destination ([1] dims)"),
    (lambda: torch.ones(2, 3, 4).movedim((0, -3), (1, 2)), RuntimeError,
     "movedim: repeated dim in `source` ([0, -3])"),
    (lambda: torch.ones(2, 3, 4).movedim((0, 1), (1, -2)), RuntimeError,
     "movedim: repeated dim in `destination` ([1, -2])"),
    (lambda: torch.ones(2, 3, 4).movedim(0, 3), IndexError,
     "Dimension out of range (expected to be in range of [-3, 2], but got 3)"),
    (lambda: torch.ones(2, 3, 4).unflatten(1, (2, -1)), RuntimeError,
     "unflatten: Provided sizes [2, -1] don't multiply up to the size of dim 1 (3) in the input "
     "tensor"),
    (lambda: torch.ones(2, 3, 4).unflatten(1, ()), RuntimeError,
     "unflatten: sizes must be non-empty"),
    (lambda: torch.ones(2, 0).unflatten(1, (0, -1)), RuntimeError,
     "unflatten got an unexpected error:\ncannot reshape tensor of 0 elements into shape [0, -1] "
     "because the unspecified dimension size -1 can be any value and is ambiguous"),
    (lambda: torch.ones(2, 3).tile((-1, 2)), RuntimeError,
     "Trying to create tensor with negative dimension -2: [-2, 6]"),
    (lambda: torch.ones(2, 3).repeat_interleave(-1, 0), RuntimeError,
     "Repeats must be non-negative"),
    (lambda: torch.ones(2, 3).repeat_interleave(torch.tensor([1, 2]), dim=1), RuntimeError,
     "repeats must have the same size as input along dim, but got repeats.size(0) = 2 and "
     "input.size(1) = 3"),
    (lambda: torch.ones(2, 3).repeat_interleave(torch.tensor([1., 2.]), 0), NotImplementedError,
     "\"repeat_interleave_cpu\" not implemented for 'Float'"),
    (lambda: torch.ones(2, 3).repeat_interleave(torch.tensor([[1, 2]]), 0), RuntimeError,
     "repeats must be 0-dim or 1-dim tensor"),
    (lambda: torch.ones(2, 3).repeat_interleave(torch.tensor([-1, 2]), 0), RuntimeError,
     "repeats can not be negative"),
    (lambda: torch.tensor(1.).repeat_interleave(2, 0), IndexError,
     "Dimension out of range (expected to be in range of [-1, 0], but got 1)"),
    (lambda: torch.repeat_interleave(torch.tensor([[1, 2]])), RuntimeError,
     "repeat_interleave only accept 1D vector as repeat"),
    (lambda: torch.tensor(1.).diff(), RuntimeError,
     "diff expects input to be at least one-dimensional"),
    (lambda: torch.ones(3).diff(n=-1), RuntimeError, "order must be non-negative but got -1"),
    (lambda: torch.ones(2, 3).diff(prepend=torch.ones(2)), RuntimeError,
     "diff expects prepend or append to be the same dimension as input"),
    (lambda: torch.ones(2, 3).diff(dim=0, append=torch.ones(1, 2)), RuntimeError,
     "diff expects the shape of tensor to prepend or append to match that of input except along "
     "the differencing dimension; input.size(1) = 3, but got tensor.size(1) = 2"),
    (lambda: torch.ones(2, 3).cumprod(2), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    (lambda: torch.ones(2, 3).take(torch.tensor([1], dtype=torch.int32)), RuntimeError,
     "take(): Expected a long tensor for index, but got Int"),
    (lambda: torch.ones(2, 3).take(torch.tensor([0, -7])), IndexError,
     "out of range: tried to access index -7 on a tensor of 6 elements."),
    (lambda: torch.meshgrid(indexing="ij"), RuntimeError,
     "meshgrid expects a non-empty TensorList"),
    (lambda: torch.meshgrid(torch.ones(2), torch.ones(3, dtype=torch.float64), indexing="ij"),
     RuntimeError, "meshgrid expects all tensors to have the same dtype"),
    (lambda: torch.meshgrid(torch.ones(2), torch.ones(3), indexing="ab"), RuntimeError,
     'torch.meshgrid: indexing must be one of "xy" or "ij", but received: ab'),
    (lambda: torch.logspace(0, 1, -1), RuntimeError, "number of steps must be non-negative"),
    (lambda: torch.normal(0., -1., (2,)), RuntimeError,
     "normal expects std >= 0.0, but found std -1"),
    (lambda: torch.normal(torch.zeros(2), -0.5), RuntimeError,
     "normal expects std >= 0.0, but found std -0.5"),
    (lambda: torch.normal(torch.zeros(3), torch.tensor([1., -1., 1.])), RuntimeError,
     "normal expects all elements of std >= 0.0"),
    (lambda: torch.normal(torch.zeros(3, dtype=torch.long), 1.), NotImplementedError,
     "\"normal_kernel_cpu\" not implemented for 'Long'"),
    (lambda: torch.bernoulli(torch.tensor([float("nan")])), RuntimeError, P_RANGE),
    (lambda: torch.bernoulli(torch.tensor([1, 0])), NotImplementedError,
     "\"bernoulli_tensor_cpu_p_\" not implemented for 'Long'"),
    (lambda: torch.zeros(3).bernoulli_(1.5), RuntimeError,
     "bernoulli_ expects p to be in [0, 1], but got p=1.5"),
    (lambda: torch.zeros(3).bernoulli_(torch.tensor([0., 1.5, 1.])), RuntimeError, P_RANGE),
    (lambda: torch.zeros(3, requires_grad=True).bernoulli_(), RuntimeError,
     "a leaf Variable that requires grad is being used in an in-place operation."),
    (lambda: torch.multinomial(torch.tensor([1, 2]), 1), RuntimeError,
     "multinomial only supports floating-point dtypes for input, got: Long"),
    (lambda: torch.multinomial(torch.ones(2, 2, 2), 1), RuntimeError,
     "prob_dist must be 1 or 2 dim"),
    (lambda: torch.multinomial(torch.tensor([[1., -1.]]), 0), RuntimeError,
     "cannot sample n_sample <= 0 samples"),
    (lambda: torch.multinomial(torch.tensor([1., -1.]), 3), RuntimeError,
     "cannot sample n_sample > prob_dist.size(-1) samples without replacement"),
    (lambda: torch.multinomial(torch.tensor([1., float("inf")]), 1), RuntimeError,
     "probability tensor contains either `inf`, `nan` or element < 0"),
    (lambda: torch.multinomial(torch.tensor([[1., 0.], [0., 0.]]), 1), RuntimeError,
     "invalid multinomial distribution (sum of probabilities <= 0)"),
    (lambda: torch.randint_like(torch.zeros(2), 5, 2), RuntimeError,
     "random_ expects 'from' to be less than 'to', but got from=5 >= to=2"),
]


@pytest.mark.parametrize("call, exception, message", ERRORS,
                         ids=[f"error{i}" for i in range(len(ERRORS))])
def test_errors(call, exception, message):
    with raises_exactly(exception, message):
        call()
