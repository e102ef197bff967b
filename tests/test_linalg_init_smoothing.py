"""torch.linalg.vector_norm / norm / matrix_norm, nn.init.trunc_normal_ / orthogonal_, and
F.cross_entropy's label_smoothing.

Every expected value, gradient, graph and message below was printed by PyTorch 2.13 (CPU,
float64 unless said otherwise) on the same inputs; the tests themselves never import torch.
"""
import math
import warnings

import numpy as np
import pytest

import minigrad as torch
import minigrad.nn.functional as F
from minigrad import nn
from minigrad.autograd import gradcheck, gradgradcheck
from minigrad.nn import init

from exact_errors import raises_exactly

INF = float("inf")


def graph(node):
    """The backward graph below ``node`` as text: Name(child, child, ...)."""
    if node is None:
        return "None"
    children = [graph(n) for n, _ in node.next_functions]
    name = node.name().replace("torch::autograd::", "")
    return name + (f"({', '.join(children)})" if children else "")


def f64(data, requires_grad=False):
    return torch.tensor(data, dtype=torch.float64, requires_grad=requires_grad)


# ----- torch.linalg -----------------------------------------------------------------------

X = [[1.5, -2.0, 3.0, -3.0], [0.0, 0.5, -0.5, 0.0], [1.0, -1.0, 2.0, 0.25]]
VEC = "LinalgVectorNormBackward0(AccumulateGrad)"
Z = -0.0
# name: (call, value, x.grad for the incoming gradient 1, 2, 3, ..., graph), from PyTorch 2.13
LINALG = {
    "vector_norm()": (lambda x: torch.linalg.vector_norm(x), 5.55090082779363, [
        [0.27022640946662696, -0.36030187928883595, 0.5404528189332539, -0.5404528189332539],
        [0.0, 0.09007546982220899, -0.09007546982220899, 0.0],
        [0.18015093964441797, -0.18015093964441797, 0.36030187928883595, 0.04503773491110449]],
        VEC),
    "vector_norm(-inf, dim=1)": (
        lambda x: torch.linalg.vector_norm(x, -INF, 1), [1.5, 0.0, 0.25],
        [[1.0, Z, 0.0, Z], [0.0, 0.0, Z, 0.0], [0.0, Z, 0.0, 3.0]], VEC),
    "vector_norm(-1, dim=1)": (
        lambda x: torch.linalg.vector_norm(x, -1, 1), [0.5454545454545455, 0.0, 0.15384615384615385],
        [[0.13223140495867772, -0.07438016528925621, 0.03305785123966943, -0.03305785123966943],
         [0.0, 0.0, Z, 0.0],
         [0.07100591715976332, -0.07100591715976332, 0.01775147928994083, 1.136094674556213]], VEC),
    "vector_norm(inf, dim=(0,1), keepdim)": (
        lambda x: torch.linalg.vector_norm(x, INF, (0, 1), True), [[3.0]],
        [[0.0, Z, 0.5, -0.5], [0.0, 0.0, Z, 0.0], [0.0, Z, 0.0, 0.0]], VEC),
    "vector_norm(3, dim=0)": (
        lambda x: torch.linalg.vector_norm(x, 3, 0),
        [1.6355331550942949, 2.089669598190616, 3.274955810059687, 3.000578592106921],
        [[0.8411313369056374, -1.8320390997835536, 2.5174037543519314, -3.9984575339585584],
         [0.0, 0.1145024437364721, -0.06992788206533143, 0.0],
         [0.37383614973583884, -0.4580097749458884, 1.118846113045303, 0.027767066208045546]], VEC),
    "norm()": (lambda x: torch.linalg.norm(x), 5.55090082779363, None, VEC),
    "norm('fro')": (lambda x: torch.linalg.norm(x, "fro"), 5.55090082779363, None, VEC),
    "norm(1)": (lambda x: torch.linalg.norm(x, 1), 5.5,
                [[0.0, Z, 1.0, Z], [0.0, 0.0, -1.0, 0.0], [0.0, Z, 1.0, 0.0]],
                "AmaxBackward0(" + VEC + ")"),
    "norm(-1)": (lambda x: torch.linalg.norm(x, -1), 2.5,
                 [[1.0, Z, 0.0, Z], [0.0, 0.0, Z, 0.0], [1.0, Z, 0.0, 0.0]],
                 "AminBackward0(" + VEC + ")"),
    "norm(inf)": (lambda x: torch.linalg.norm(x, INF), 9.5,
                  [[1.0, -1.0, 1.0, -1.0], [0.0, 0.0, Z, 0.0], [0.0, Z, 0.0, 0.0]],
                  "AmaxBackward0(" + VEC + ")"),
    "norm(-inf, dim=(1,0), keepdim)": (
        lambda x: torch.linalg.norm(x, -INF, (1, 0), True), [[2.5]],
        [[1.0, Z, 0.0, Z], [0.0, 0.0, Z, 0.0], [1.0, Z, 0.0, 0.0]], "AminBackward0(" + VEC + ")"),
    "norm(0.5, dim=1)": (
        lambda x: torch.linalg.norm(x, 0.5, 1), [37.24734196050904, 2.0000000000000004, 15.321067811865474],
        [[4.983127663125442, -4.315515146567616, 3.523603362114274, -3.523603362114274],
         [0.0, 4.0, -4.0, 0.0],
         [11.742640687119284, -11.742640687119284, 8.303300858899105, 23.485281374238568]], VEC),
}
LINALG["norm()"] = LINALG["norm()"][:2] + (LINALG["vector_norm()"][2], VEC)
LINALG["norm('fro')"] = LINALG["norm('fro')"][:2] + (LINALG["vector_norm()"][2], VEC)


@pytest.mark.parametrize("name", LINALG)
def test_linalg_values_gradients_and_graphs_match_pytorch(name):
    call, value, grad, expected_graph = LINALG[name]
    x = f64(X, requires_grad=True)
    n = call(x)
    assert graph(n.grad_fn) == expected_graph
    assert n.dtype == torch.float64
    n.backward(torch.arange(1.0, n.numel() + 1, dtype=torch.float64).reshape(n.shape))
    np.testing.assert_allclose(n.detach().numpy(), value, rtol=1e-15)
    np.testing.assert_allclose(x.grad.numpy(), grad, rtol=1e-14)
    np.testing.assert_array_equal(np.signbit(x.grad.numpy()), np.signbit(grad))


@pytest.mark.parametrize("call", [
    lambda x: torch.linalg.vector_norm(x, 2, 1),
    lambda x: torch.linalg.vector_norm(x, -1, 0),
    lambda x: torch.linalg.vector_norm(x, -INF, 1),
    lambda x: torch.linalg.vector_norm(x, INF),
    lambda x: torch.linalg.vector_norm(x, 1.5, (0, 1), True),
    lambda x: torch.linalg.norm(x),
    lambda x: torch.linalg.norm(x, 1),
    lambda x: torch.linalg.norm(x, -INF),
    lambda x: torch.linalg.matrix_norm(x, INF, (1, 0), keepdim=True),
], ids=["2", "-1", "-inf", "inf", "1.5", "fro", "mat1", "mat-inf", "matinf-keepdim"])
def test_linalg_gradcheck(call):
    x = f64([[1.5, -2.0, 3.0, -3.5], [0.3, -0.7, 1.1, 2.0]], requires_grad=True)
    assert gradcheck(call, (x,))
    assert gradgradcheck(call, (x,))


def test_vector_norm_flattens_any_shape_and_takes_dtype():
    x = torch.arange(24.0).reshape(2, 3, 4)
    assert torch.linalg.vector_norm(x).item() == 65.75712585449219  # PyTorch 2.13, float32
    assert torch.linalg.norm(x).shape == ()  # ord and dim None: any number of dims
    assert torch.linalg.vector_norm(x, dim=()).shape == ()  # () means all dims, as in PyTorch
    assert torch.linalg.norm(x, 1, dim=(0, 2)).tolist() == [18.0, 26.0, 34.0]
    assert torch.linalg.norm(x, INF, dim=(2, 0), keepdim=True).tolist() == [[[18.0], [26.0], [34.0]]]
    assert torch.linalg.vector_norm(torch.tensor([3.0, 4.0]), dtype=torch.float64).dtype == torch.float64
    assert torch.linalg.vector_norm(torch.tensor(-3.0), 1, 0).item() == 3.0
    assert torch.linalg.vector_norm(torch.tensor([3.0, -4.0]), ord=True).item() == 7.0  # True is 1


def test_empty_inputs_as_pytorch():
    e = torch.zeros(0, 3)
    assert torch.linalg.vector_norm(e, INF, 1).shape == (0,)
    assert torch.linalg.vector_norm(e, 1, 0).tolist() == [0.0, 0.0, 0.0]
    # a matrix max over no sums is 0, with no graph; a min over none is amin's error
    n = torch.linalg.matrix_norm(torch.zeros(3, 0, requires_grad=True), 1)
    assert n.item() == 0.0 and n.grad_fn is None
    assert torch.linalg.norm(e, 1).grad_fn is None
    with raises_exactly(IndexError, "amin(): Expected reduction dim 1 to have non-zero size."):
        torch.linalg.matrix_norm(torch.zeros(2, 3, 0), -1)


LINALG_ERRORS = [  # (call, exception, PyTorch 2.13's message)
    (lambda: torch.linalg.vector_norm(torch.tensor([[1, 2]])), RuntimeError,
     "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long"),
    (lambda: torch.linalg.norm(torch.tensor([[1, 2]]), "fro"), RuntimeError,
     "linalg.matrix_norm: Expected a floating point or complex tensor as input. Got Long"),
    (lambda: torch.linalg.norm(torch.tensor([[1, 2]]), "abc"), RuntimeError,
     "linalg.matrix_norm: Order abc not supported."),
    (lambda: torch.linalg.vector_norm(torch.ones(2, 3), "fro"), TypeError,
     "linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str"),
    (lambda: torch.linalg.vector_norm(torch.ones(2, 3), None), TypeError,
     "linalg_vector_norm(): argument 'ord' (position 2) must be Number, not NoneType"),
    (lambda: torch.linalg.vector_norm(torch.ones(2, 3), 2, 1.0), TypeError,
     "linalg_vector_norm(): argument 'dim' (position 3) must be tuple of ints, not float"),
    (lambda: torch.linalg.norm(torch.ones(2, 3), 3), RuntimeError,
     "linalg.matrix_norm: Order 3 not supported."),
    (lambda: torch.linalg.norm(torch.ones(2, 3), 0.5, dim=(0, 1)), RuntimeError,
     "linalg.matrix_norm: Order 0.5 not supported."),
    (lambda: torch.linalg.norm(torch.ones(2, 3), "fro", dim=0), RuntimeError,
     "linalg.matrix_norm: dim must be a 2-tuple. Got 0"),
    (lambda: torch.linalg.matrix_norm(torch.ones(2, 3, 4), dim=(0, 1, 2)), RuntimeError,
     "linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2"),
    (lambda: torch.linalg.norm(torch.ones(2, 3), 1, dim=(-1, 1)), RuntimeError,
     "linalg.matrix_norm: dims must be different. Got (1, 1)"),
    (lambda: torch.linalg.norm(torch.ones(2), "fro"), RuntimeError,
     "linalg.matrix_norm: The input tensor A must have at least 2 dimensions."),
    (lambda: torch.linalg.norm(torch.ones(2, 3, 4), 2), RuntimeError,
     "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D."),
    (lambda: torch.linalg.norm(torch.ones(2, 3, 4), dim=(0, 1, 2)), RuntimeError,
     "linalg.norm: If dim is specified, it must be of length 1 or 2. Got [0, 1, 2]"),
    (lambda: torch.linalg.norm(torch.ones(2, 3), dim=()), RuntimeError,
     "linalg.norm: If dim is specified, it must be of length 1 or 2. Got []"),
    (lambda: torch.linalg.vector_norm(torch.ones(2, 3), dim=(0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    (lambda: torch.linalg.vector_norm(torch.ones(2, 3), dim=2), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    (lambda: torch.linalg.vector_norm(torch.zeros(0, 3), -INF), RuntimeError,
     "linalg.vector_norm cannot compute the -inf norm on an empty tensor because the operation "
     "does not have an identity"),
    (lambda: torch.linalg.vector_norm(torch.zeros(0, 3), -0.5, (0, 1)), RuntimeError,
     "linalg.vector_norm cannot compute the -0.5 norm on the dimension 0because this dimension is "
     "empty and the operation does not have an identity"),
]


@pytest.mark.parametrize("call, exception, message", LINALG_ERRORS)
def test_linalg_errors_match_pytorch(call, exception, message):
    with raises_exactly(exception, message):
        call()


@pytest.mark.parametrize("ord", ["nuc", 2, -2])
def test_matrix_norms_from_singular_values_are_not_implemented(ord):
    with pytest.raises(NotImplementedError, match=repr(ord)):
        torch.linalg.norm(torch.ones(2, 3), ord)


# ----- nn.init.trunc_normal_ and orthogonal_ ----------------------------------------------

def _truncated_normal_moments(mean, std, a, b):
    """Mean and standard deviation of N(mean, std^2) restricted to [a, b] (textbook formulas)."""
    pdf = lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    cdf = lambda z: (1 + math.erf(z / math.sqrt(2))) / 2  # noqa: E731
    alpha, beta = (a - mean) / std, (b - mean) / std
    mass = cdf(beta) - cdf(alpha)
    shift = (pdf(alpha) - pdf(beta)) / mass
    var = 1 + (alpha * pdf(alpha) - beta * pdf(beta)) / mass - shift**2
    return mean + std * shift, std * math.sqrt(var)


@pytest.mark.parametrize("mean, std, a, b", [
    (0.0, 1.0, -2.0, 2.0),   # mass 0.95: normal draws, the ones outside redrawn
    (1.0, 2.0, 0.0, 3.0),    # mass 0.53
    (0.0, 1.0, 1.0, 1.5),    # mass 0.09: uniform proposals, accepted by pdf ratio
    (0.0, 0.5, -3.0, -1.0),  # a far tail, mass 0.02
])
def test_trunc_normal_has_the_truncated_normal_distribution(mean, std, a, b):
    torch.manual_seed(0)
    x = init.trunc_normal_(torch.empty(200_000, dtype=torch.float64), mean, std, a, b).numpy()
    expected_mean, expected_std = _truncated_normal_moments(mean, std, a, b)
    assert a <= x.min() and x.max() <= b
    assert x.mean() == pytest.approx(expected_mean, abs=0.01)
    assert x.std() == pytest.approx(expected_std, abs=0.01)


def test_trunc_normal_fills_in_place_without_recording():
    w = nn.Parameter(torch.empty(3, 5))
    torch.manual_seed(1)
    out = init.trunc_normal_(w, std=0.02)
    assert out is w and w.grad_fn is None and w.is_leaf and w.requires_grad
    assert w.dtype == torch.float32 and abs(w).max().item() <= 0.04
    torch.manual_seed(1)
    assert init.trunc_normal_(torch.empty(3, 5), std=0.02).tolist() == w.tolist()
    assert init.trunc_normal_(torch.empty(0)).shape == (0,)
    assert init.trunc_normal_(torch.empty(4, dtype=torch.float16)).dtype == torch.float16
    g = torch.Generator().manual_seed(5)
    first = init.trunc_normal_(torch.empty(4), generator=g).tolist()
    g.manual_seed(5)
    assert init.trunc_normal_(torch.empty(4), generator=g).tolist() == first


def test_trunc_normal_warnings_and_errors_as_pytorch():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        init.trunc_normal_(torch.empty(3), mean=5.0)
    assert [str(w.message) for w in caught] == [
        "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. "
        "The distribution of values may be incorrect."]
    assert caught[0].filename == __file__  # stacklevel: the caller's line
    with raises_exactly(ZeroDivisionError, "float division by zero"):
        init.trunc_normal_(torch.empty(3), std=0)
    with raises_exactly(RuntimeError, "uniform_ expects to return a [from, to) range, but found "
                                      "from=1 > to=0"):
        init.trunc_normal_(torch.empty(3), a=1, b=0)
    with raises_exactly(NotImplementedError, "\"normal_kernel_cpu\" not implemented for 'Long'"):
        init.trunc_normal_(torch.empty(3, dtype=torch.long))


@pytest.mark.parametrize("shape", [(3, 5), (5, 3), (4, 4), (2, 3, 4)])
def test_orthogonal_gives_orthonormal_rows_or_columns(shape):
    w = nn.Parameter(torch.empty(*shape))
    out = init.orthogonal_(w, gain=2)
    assert out is w and w.grad_fn is None and w.shape == shape and w.dtype == torch.float32
    m = w.detach().numpy().reshape(shape[0], -1) / 2
    gram = m @ m.T if m.shape[0] <= m.shape[1] else m.T @ m
    np.testing.assert_allclose(gram, np.eye(len(gram)), atol=1e-6)


def test_orthogonal_is_seeded_and_keeps_float64():
    torch.manual_seed(3)
    a = init.orthogonal_(torch.empty(4, 6, dtype=torch.float64))
    torch.manual_seed(3)
    b = init.orthogonal_(torch.empty(4, 6, dtype=torch.float64))
    assert a.dtype == torch.float64 and a.tolist() == b.tolist()
    np.testing.assert_allclose(a.numpy() @ a.numpy().T, np.eye(4), atol=1e-14)
    assert init.orthogonal_(torch.empty(0, 3)).shape == (0, 3)


def test_orthogonal_flips_columns_by_the_sign_of_r():
    # LAPACK's QR always gives Q[0, 0] <= 0; multiplying the columns by sign(diag(R)) makes Q
    # uniformly distributed, so its first entry is as often positive as negative
    torch.manual_seed(0)
    firsts = np.array([init.orthogonal_(torch.empty(3, 3)).numpy()[0, 0] for _ in range(400)])
    assert 150 < (firsts > 0).sum() < 250


@pytest.mark.parametrize("tensor, exception, message", [
    (lambda: torch.empty(3), ValueError, "Only tensors with 2 or more dimensions are supported"),
    (lambda: torch.empty(()), ValueError, "Only tensors with 2 or more dimensions are supported"),
    (lambda: torch.empty(3, 3, dtype=torch.long), NotImplementedError,
     "\"normal_kernel_cpu\" not implemented for 'Long'"),
    (lambda: torch.empty(3, 3, dtype=torch.float16), NotImplementedError,
     "\"geqrf_cpu\" not implemented for 'Half'"),
])
def test_orthogonal_errors_as_pytorch(tensor, exception, message):
    with raises_exactly(exception, message):
        init.orthogonal_(tensor())


# ----- cross_entropy(label_smoothing=...) -------------------------------------------------

XC = [[0.3, -1.2, 2.0], [1.1, 0.4, -0.7], [-0.5, 0.9, 0.2], [2.2, -0.3, 0.1]]
TARGETS = {-100: [0, 2, -100, 1], 2: [0, 2, 1, 2]}  # by ignore_index
W = [0.2, 1.0, 3.0]
P = [[0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [1.0, 0.0, 0.0], [0.3, 0.3, 0.4]]
# (reduction, weighted, ignore_index): (loss, gradient of loss.sum()), label_smoothing=0.2
SMOOTHED = {
    ("mean", False, -100): (2.165240731655265, [[-0.23911593482775848, -0.011116375011501761, 0.2502323098392602], [0.1783533262638462, 0.07738064745586067, -0.25573397371970685], [0.0, 0.0, 0.0], [0.2545082628368061, -0.2661734674036277, 0.011665204566821566]]),  # noqa: E501
    ("mean", False, 2): (1.2920251219827716, [[-0.35867390224163775, -0.016674562517252637, 0.3753484647588904], [0.0, 0.0, 0.0], [0.0373985024896361, -0.14650159504916477, 0.1091030925595286], [0.0, 0.0, 0.0]]),  # noqa: E501
    ("mean", True, -100): (2.2553254594528447, [[-0.025626912850628864, -0.012382606749646584, 0.03800951960027545], [0.3807843039272993, 0.17479533465359995, -0.5555796385808992], [0.0, 0.0, 0.0], [0.2103031995852187, -0.1888258812034334, -0.021477318381785262]]),  # noqa: E501
    ("mean", True, 2): (1.1296427778163896, [[-0.08969419497720105, -0.04333912362376305, 0.13303331860096407], [0.0, 0.0, 0.0], [0.11620619337023388, -0.2059250933107188, 0.08971889994048482], [0.0, 0.0, 0.0]]),  # noqa: E501
    ("sum", False, -100): (6.495722194965796, [[-0.7173478044832755, -0.033349125034505274, 0.7506969295177808], [0.5350599787915387, 0.232141942367582, -0.7672019211591206], [0.0, 0.0, 0.0], [0.7635247885104185, -0.7985204022108832, 0.03499561370046472]]),  # noqa: E501
    ("sum", False, 2): (2.5840502439655433, [[-0.7173478044832755, -0.033349125034505274, 0.7506969295177808], [0.0, 0.0, 0.0], [0.0747970049792722, -0.29300319009832954, 0.2182061851190572], [0.0, 0.0, 0.0]]),  # noqa: E501
    ("sum", True, -100): (9.47236692970195, [[-0.10763303397264123, -0.05200694834851565, 0.1596399823211569], [1.5992940764946573, 0.73414040554512, -2.333434482039777], [0.0, 0.0, 0.0], [0.8832734382579187, -0.7930687010544204, -0.0902047372034981]]),  # noqa: E501
    ("sum", True, 2): (1.3555713333796673, [[-0.10763303397264123, -0.05200694834851565, 0.1596399823211569], [0.0, 0.0, 0.0], [0.13944743204428064, -0.24711011197286253, 0.10766267992858178], [0.0, 0.0, 0.0]]),  # noqa: E501
    ("none", False, -100): ([1.8883379116194572, 2.1146186807762555, 0.0, 2.492765602570083], [[-0.7173478044832755, -0.033349125034505274, 0.7506969295177808], [0.5350599787915387, 0.232141942367582, -0.7672019211591206], [0.0, 0.0, 0.0], [0.7635247885104185, -0.7985204022108832, 0.03499561370046472]]),  # noqa: E501
    ("none", False, 2): ([1.8883379116194572, 0.0, 0.6957123323460858, 0.0], [[-0.7173478044832755, -0.033349125034505274, 0.7506969295177808], [0.0, 0.0, 0.0], [0.0747970049792722, -0.29300319009832954, 0.2182061851190572], [0.0, 0.0, 0.0]]),  # noqa: E501
    ("none", True, -100): ([0.5967353477792279, 6.087978064480366, 0.0, 2.7876535174423567], [[-0.10763303397264123, -0.05200694834851565, 0.1596399823211569], [1.5992940764946573, 0.73414040554512, -2.333434482039777], [0.0, 0.0, 0.0], [0.8832734382579187, -0.7930687010544204, -0.0902047372034981]]),  # noqa: E501
    ("none", True, 2): ([0.5967353477792279, 0.0, 0.7588359856004393, 0.0], [[-0.10763303397264123, -0.05200694834851565, 0.1596399823211569], [0.0, 0.0, 0.0], [0.13944743204428064, -0.24711011197286253, 0.10766267992858178], [0.0, 0.0, 0.0]]),  # noqa: E501
}
# (reduction, weighted): (loss, gradient of loss.sum()) for the probability targets P
PROB = {
    ("mean", False): (1.8578586318279704, [[0.0006630488791811301, -0.1283372812586263, 0.1276742323794452], [0.09376499469788466, 0.018035485591895495, -0.11180048028978012], [-0.18130074875518196, 0.12674920247541763, 0.0545515462797643], [0.13088119712760463, -0.05963010055272076, -0.07125109657488383]]),  # noqa: E501
    ("mean", True): (2.5742442584299017, [[0.04851192112325497, -0.1242059060962383, 0.07569398497298335], [0.2762920031956888, 0.08616384845170419, -0.3624558516473929], [-0.02777232945228006, 0.04643631575585042, -0.018663986303570378], [0.3017998025443132, -0.05063479364455733, -0.25116500889975585]]),  # noqa: E501
    ("sum", False): (7.431434527311882, [[0.0026521955167245204, -0.5133491250345052, 0.5106969295177808], [0.37505997879153863, 0.07214194236758198, -0.4472019211591205], [-0.7252029950207278, 0.5069968099016705, 0.2182061851190572], [0.5235247885104185, -0.23852040221088305, -0.28500438629953534]]),  # noqa: E501
    ("sum", True): (10.296977033719607, [[0.19404768449301987, -0.4968236243849532, 0.3027759398919334], [1.1051680127827552, 0.34465539380681676, -1.4498234065895717], [-0.11108931780912024, 0.1857452630234017, -0.07465594521428151], [1.2071992101772528, -0.20253917457822931, -1.0046600355990234]]),  # noqa: E501
    ("none", False): ([2.2003379116194575, 1.6506186807762553, 1.8157123323460858, 1.7647656025700833], [[0.0026521955167245204, -0.5133491250345052, 0.5106969295177808], [0.37505997879153863, 0.07214194236758198, -0.4472019211591205], [-0.7252029950207278, 0.5069968099016705, 0.2182061851190572], [0.5235247885104185, -0.23852040221088305, -0.28500438629953534]]),  # noqa: E501
    ("none", True): ([2.100900182449375, 4.0818709176442, 0.6271800928989444, 3.4870258407270875], [[0.19404768449301987, -0.4968236243849532, 0.3027759398919334], [1.1051680127827552, 0.34465539380681676, -1.4498234065895717], [-0.11108931780912024, 0.1857452630234017, -0.07465594521428151], [1.2071992101772528, -0.20253917457822931, -1.0046600355990234]]),  # noqa: E501
}
SMOOTH_BRANCH = "MaskedFillBackward0(NegBackward0(SumBackward1({})))"
NLL_BRANCH = "MulBackward1(NllLossBackward0(LogSoftmaxBackward0(AccumulateGrad)))"
# PyTorch 2.13's graphs, by (reduction, weighted)
GRAPHS = {
    ("mean", False): f"AddBackward0({NLL_BRANCH}, MulBackward1(DivBackward0(SumBackward0("
                     + SMOOTH_BRANCH.format("LogSoftmaxBackward0(AccumulateGrad)") + "), None)))",
    ("mean", True): f"AddBackward0({NLL_BRANCH}, MulBackward1(DivBackward0(SumBackward0("
                    + SMOOTH_BRANCH.format("MulBackward0(LogSoftmaxBackward0(AccumulateGrad), None)")
                    + "), None)))",
    ("sum", False): f"AddBackward0({NLL_BRANCH}, MulBackward1(SumBackward0("
                    + SMOOTH_BRANCH.format("LogSoftmaxBackward0(AccumulateGrad)") + ")))",
    ("none", True): f"AddBackward0({NLL_BRANCH}, MulBackward1("
                    + SMOOTH_BRANCH.format("MulBackward0(LogSoftmaxBackward0(AccumulateGrad), None)")
                    + "))",
}


@pytest.mark.parametrize("key", SMOOTHED, ids=str)
def test_label_smoothing_class_indices_matches_pytorch(key):
    reduction, weighted, ignore_index = key
    x = f64(XC, requires_grad=True)
    loss = F.cross_entropy(x, torch.tensor(TARGETS[ignore_index]), reduction=reduction,
                           weight=f64(W) if weighted else None, ignore_index=ignore_index,
                           label_smoothing=0.2)
    loss.sum().backward()
    value, grad = SMOOTHED[key]
    np.testing.assert_allclose(loss.detach().numpy(), value, rtol=1e-15)
    np.testing.assert_allclose(x.grad.numpy(), grad, rtol=1e-14, atol=1e-17)
    if (reduction, weighted) in GRAPHS:
        assert graph(loss.grad_fn) == GRAPHS[reduction, weighted]


@pytest.mark.parametrize("key", PROB, ids=str)
def test_label_smoothing_probability_targets_matches_pytorch(key):
    reduction, weighted = key
    x = f64(XC, requires_grad=True)
    loss = F.cross_entropy(x, f64(P), reduction=reduction, weight=f64(W) if weighted else None,
                           label_smoothing=0.2)
    loss.sum().backward()
    value, grad = PROB[key]
    np.testing.assert_allclose(loss.detach().numpy(), value, rtol=1e-15)
    np.testing.assert_allclose(x.grad.numpy(), grad, rtol=1e-14, atol=1e-17)


def test_smoothed_probability_target_records_the_smoothing():
    x, p = f64(XC, requires_grad=True), f64(P, requires_grad=True)
    loss = F.cross_entropy(x, p, reduction="sum", label_smoothing=0.2)
    loss.backward()
    assert graph(loss.grad_fn) == ("NegBackward0(SumBackward0(MulBackward0(LogSoftmaxBackward0("
                                   "AccumulateGrad), AddBackward1(MulBackward1(AccumulateGrad)))))")
    np.testing.assert_allclose(p.grad.numpy(), [  # PyTorch 2.13
        [1.5213369959622325, 2.7213369959622327, 0.16133699596223247],
        [0.40636161128767095, 0.9663616112876711, 1.846361611287671],
        [1.5645698658768685, 0.44456986587686864, 1.0045698658768687],
        [0.14887914872273325, 2.1488791487227332, 1.8288791487227334]], rtol=1e-14)


def test_label_smoothing_in_float32():
    x = torch.tensor(XC, requires_grad=True)
    loss = F.cross_entropy(x, torch.tensor(TARGETS[-100]), weight=torch.tensor(W),
                           label_smoothing=0.2)
    loss.backward()
    assert loss.dtype == torch.float32
    assert loss.item() == pytest.approx(2.2553253173828125, rel=2e-7)  # PyTorch 2.13, float32
    np.testing.assert_allclose(x.grad.numpy(), [
        [-0.02562691457569599, -0.012382606975734234, 0.03800952434539795],
        [0.38078436255455017, 0.17479535937309265, -0.5555797219276428], [0.0, 0.0, 0.0],
        [0.2103032022714615, -0.18882590532302856, -0.02147732861340046]], rtol=1e-6, atol=1e-8)
    one = F.cross_entropy(torch.tensor(XC[1]), torch.tensor(2), label_smoothing=0.2)
    assert one.item() == pytest.approx(2.1146185398101807, rel=2e-7)


@pytest.mark.parametrize("kwargs", [
    dict(), dict(reduction="sum"), dict(reduction="none"), dict(ignore_index=1),
    dict(weight=f64([0.5, 2.0, 1.0])), dict(weight=f64([0.5, 2.0, 1.0]), reduction="none"),
], ids=str)
def test_label_smoothing_gradcheck(kwargs):
    x = f64([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7], [-0.5, 0.9, 0.2]], requires_grad=True)
    target = torch.tensor([0, 1, 2])
    assert gradcheck(lambda x: F.cross_entropy(x, target, label_smoothing=0.3, **kwargs), (x,))
    assert gradgradcheck(lambda x: F.cross_entropy(x, target, label_smoothing=0.3, **kwargs), (x,))
    probs = f64(P[:3])
    assert gradcheck(lambda x: F.cross_entropy(x, probs, label_smoothing=0.3), (x,))


def test_negative_or_nan_smoothing_is_ignored_and_the_module_passes_it_on():
    x, t = f64(XC), torch.tensor(TARGETS[-100])
    plain = F.cross_entropy(x, t)
    assert F.cross_entropy(x, t, label_smoothing=-0.5).item() == plain.item()
    assert F.cross_entropy(x, t, label_smoothing=float("nan")).item() == plain.item()
    module = nn.CrossEntropyLoss(label_smoothing=0.2)
    assert module(x, t).item() == pytest.approx(SMOOTHED["mean", False, -100][0], rel=1e-15)


@pytest.mark.parametrize("call, exception, message", [
    (lambda: F.cross_entropy(f64(XC), torch.tensor([0, 1, 2, 1]), label_smoothing=1.5),
     RuntimeError, "label_smoothing must be between 0.0 and 1.0. Got: 1.5"),
    (lambda: F.cross_entropy(f64(XC), torch.tensor([0, 1, 2, 1]), label_smoothing=2.0),
     RuntimeError, "label_smoothing must be between 0.0 and 1.0. Got: 2"),
    (lambda: F.cross_entropy(f64(XC), f64(P), label_smoothing=1.0000001),
     RuntimeError, "label_smoothing must be between 0.0 and 1.0. Got: 1"),
    (lambda: F.cross_entropy(f64(XC), torch.tensor([0, 1, 2, 1]), label_smoothing=1.5,
                             reduction="bad"), ValueError, "bad is not a valid value for reduction"),
    (lambda: F.cross_entropy(f64(XC), f64(P), label_smoothing=1.5, ignore_index=1),
     RuntimeError, "ignore_index is not supported for floating point target"),
    (lambda: F.cross_entropy(f64(XC), torch.tensor([0, 1, 5, 1]), label_smoothing=0.5),
     IndexError, "Target 5 is out of bounds."),
])
def test_label_smoothing_errors_match_pytorch(call, exception, message):
    with raises_exactly(exception, message):
        call()
