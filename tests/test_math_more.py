"""clamp_min/clamp_max, lerp, addcmul, addcdiv, atan2, hypot, logaddexp, exp2, fmod, nan_to_num,
sinc and heaviside (minigrad/ops/math_more.py).

Every expected value, dtype, node name and error message below was recorded from PyTorch 2.13
(this file does not import torch). Gradients are also checked with gradcheck and gradgradcheck
in float64, on hypothesis-drawn broadcasting shapes.
"""
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck

from exact_errors import raises_exactly
from strategies import broadcastable_shapes, float64_arrays, positive_float64_arrays

EXAMPLES = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def same_bits(got, expected):
    """Equal values, with nan equal to nan and -0.0 told apart from 0.0."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    return got.shape == expected.shape and bool(np.all(
        ((got == expected) & (np.signbit(got) == np.signbit(expected)))
        | (np.isnan(got) & np.isnan(expected))))


# -- forward and gradients against PyTorch 2.13, float32 ---------------------------------------
X = [0.5, -1.25, 3.0, 0.0, -0.0, 2.5, -3.5, 1.0]
Y = [0.5, 2.0, -1.5, -2.0, 0.75, 2.5, 1.25, -0.25]
Z = [0.25, -0.75, 0.6, 1.5, -2.0, 0.3, 0.9, -1.1]
G = [-1.5, 2.0, -0.5, -1.0, 3.0, -2.0, 1.0, -0.75]  # the gradient fed to backward

# name: (expression, PyTorch's output, PyTorch's gradients for x, y, z), from PyTorch 2.13
RECORDED = {
    'clamp_min': ('x.clamp_min(0.5)', [0.5, 0.5, 3.0, 0.5, 0.5, 2.5, 0.5, 1.0],
        [[-1.5, 0.0, -0.5, 0.0, 0.0, -2.0, 0.0, -0.75]]),
    'clamp_max': ('x.clamp_max(0.5)', [0.5, -1.25, 0.5, 0.0, -0.0, 0.5, -3.5, 0.5],
        [[-1.5, 2.0, 0.0, -1.0, 3.0, 0.0, 1.0, 0.0]]),
    'clamp_min_tensor': ('x.clamp_min(y)', [0.5, 2.0, 3.0, 0.0, 0.75, 2.5, 1.25, 1.0],
        [[-1.5, 0.0, -0.5, -1.0, 0.0, -2.0, 0.0, -0.75], [0.0, 2.0, 0.0, 0.0, 3.0, 0.0, 1.0, 0.0]]),
    'clamp_max_tensor': ('torch.clamp_max(x, y)', [0.5, -1.25, -1.5, -2.0, -0.0, 2.5, -3.5, -0.25],
        [[-1.5, 2.0, 0.0, 0.0, 3.0, -2.0, 1.0, 0.0], [0.0, 0.0, -0.5, -1.0, 0.0, 0.0, 0.0, -0.75]]),
    'lerp': ('x.lerp(y, 0.3)', [0.5, -0.2749999761581421, 1.649999976158142, -0.6000000238418579, 0.22500000894069672, 2.5, -2.075000047683716, 0.625],
        [[-1.0499999523162842, 1.399999976158142, -0.3499999940395355, -0.699999988079071, 2.0999999046325684, -1.399999976158142, 0.699999988079071, -0.5249999761581421], [-0.45000001788139343, 0.6000000238418579, -0.15000000596046448, -0.30000001192092896, 0.9000000357627869, -0.6000000238418579, 0.30000001192092896, -0.22500000894069672]]),
    'lerp_big_weight': ('torch.lerp(x, y, 0.8)', [0.5, 1.350000023841858, -0.6000000238418579, -1.600000023841858, 0.6000000238418579, 2.5, 0.30000007152557373, -1.4901161193847656e-08],
        [[-0.30000001192092896, 0.4000000059604645, -0.10000000149011612, -0.20000000298023224, 0.6000000238418579, -0.4000000059604645, 0.20000000298023224, -0.15000000596046448], [-1.2000000476837158, 1.600000023841858, -0.4000000059604645, -0.800000011920929, 2.4000000953674316, -1.600000023841858, 0.800000011920929, -0.6000000238418579]]),
    'lerp_tensor': ('x.lerp(y, z)', [0.5, -3.6875, 0.2999998927116394, -3.0, -1.5, 2.5, 0.7749998569488525, 2.375],
        [[-1.125, 3.5, -0.19999998807907104, 0.5, 9.0, -1.399999976158142, 0.10000002384185791, -1.5749999284744263], [-0.375, -1.5, -0.30000001192092896, -1.5, -6.0, -0.6000000238418579, 0.8999999761581421, 0.8250000476837158], [-0.0, 6.5, 2.25, 2.0, 2.25, -0.0, 4.75, 0.9375]]),
    'addcmul': ('x.addcmul(y, z, value=0.3)', [0.5375000238418579, -1.7000000476837158, 2.7300000190734863, -0.9000000357627869, -0.45000001788139343, 2.7249999046325684, -3.1624999046325684, 1.0824999809265137],
        [[-1.5, 2.0, -0.5, -1.0, 3.0, -2.0, 1.0, -0.75], [-0.11250000447034836, -0.45000001788139343, -0.09000000357627869, -0.45000001788139343, -1.8000000715255737, -0.18000000715255737, 0.27000001072883606, 0.2475000023841858], [-0.22500000894069672, 1.2000000476837158, 0.22500000894069672, 0.6000000238418579, 0.675000011920929, -1.5, 0.375, 0.05625000223517418]]),
    'addcdiv': ('torch.addcdiv(x, y, z, value=-0.7)', [-0.8999999761581421, 0.6166666746139526, 4.75, 0.9333333373069763, 0.26249998807907104, -3.3333330154418945, -4.472222328186035, 0.8409091234207153],
        [[-1.5, 2.0, -0.5, -1.0, 3.0, -2.0, 1.0, -0.75], [4.199999809265137, 1.8666666746139526, 0.5833333134651184, 0.46666666865348816, 1.0499999523162842, 4.666666507720947, -0.7777777910232544, -0.47727271914482117], [-8.399999618530273, 4.977777481079102, 1.4583332538604736, 0.6222221851348877, 0.39374998211860657, -38.888885498046875, 1.0802470445632935, 0.10847106575965881]]),
    'atan2': ('x.atan2(y)', [0.7853981852531433, -0.5585992932319641, 2.0344438552856445, 3.1415927410125732, -0.0, 0.7853981852531433, -1.2277723550796509, 1.815774917602539],
        [[-1.5, 0.7191011309623718, 0.06666667014360428, 0.5, 4.0, -0.3999999761581421, 0.09049773961305618, 0.1764705926179886], [1.5, 0.449438214302063, 0.13333334028720856, 0.0, 0.0, 0.3999999761581421, 0.25339367985725403, 0.7058823704719543]]),
    'hypot': ('torch.hypot(x, y)', [0.7071067690849304, 2.3584952354431152, 3.3541018962860107, 2.0, 0.75, 3.535533905029297, 3.716517210006714, 1.0307763814926147],
        [[-1.0606602430343628, -1.0599979162216187, -0.4472135901451111, -0.0, -0.0, -1.4142135381698608, -0.9417418837547302, -0.7276068925857544], [-1.0606602430343628, 1.695996642112732, 0.22360679507255554, 1.0, 3.0, -1.4142135381698608, 0.3363364040851593, 0.1819017231464386]]),
    'logaddexp': ('x.logaddexp(y)', [1.1931471824645996, 2.038041353225708, 3.011047840118408, 0.12692800164222717, 1.1368709802627563, 3.1931471824645996, 1.2586145401000977, 1.2519290447235107],
        [[-0.75, 0.07465377449989319, -0.4945065379142761, -0.8807970285415649, 0.9624638557434082, -1.0, 0.00857748556882143, -0.582974910736084], [-0.75, 1.9253461360931396, -0.005493471398949623, -0.11920291930437088, 2.037536144256592, -1.0, 0.9914224743843079, -0.1670251041650772]]),
    'exp2': ('torch.exp2(x)', [1.4142135381698608, 0.4204482138156891, 8.0, 1.0, 1.0, 5.656854152679443, 0.0883883461356163, 2.0],
        [[-1.4703871011734009, 0.5828649997711182, -2.7725887298583984, -0.6931471824645996, 2.079441547393799, -7.84206485748291, 0.061266131699085236, -1.0397207736968994]]),
    'fmod': ('x.fmod(1.5)', [0.5, -1.25, 0.0, 0.0, -0.0, 1.0, -0.5, 1.0],
        [[-1.5, 2.0, -0.5, -1.0, 3.0, -2.0, 1.0, -0.75]]),
    'fmod_tensor': ('torch.fmod(x, y)', [0.0, -1.25, 0.0, 0.0, -0.0, 0.0, -1.0, 0.0],
        [[-1.5, 2.0, -0.5, -1.0, 3.0, -2.0, 1.0, -0.75], [1.5, 0.0, -1.0, -0.0, 0.0, 2.0, 2.0, -3.0]]),
    'sinc': ('x.sinc()', [0.6366197466850281, -0.18006327748298645, -2.530538223410872e-09, 1.0, 1.0, 0.1273239552974701, -0.09094567596912384, -2.7827534054836178e-08],
        [[1.9098594188690186, 0.843269407749176, 0.1666666716337204, 0.0, 0.0, 0.1018594279885292, -0.025984667241573334, 0.75]]),
}

# PyTorch computes these with SLEEF's vectorised atan2/exp/sin (not correctly rounded), which
# numpy can't reproduce bit for bit: they are compared to a few float32 ulps.
NOT_BIT_EXACT = {"atan2", "logaddexp", "exp2", "sinc"}


@pytest.mark.parametrize("name", list(RECORDED))
@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # sinc's backward: 0 / 0, masked
def test_values_and_gradients_match_pytorch(name):
    expression, expected_out, expected_grads = RECORDED[name]
    x, y, z = [torch.tensor(v, requires_grad=True) for v in (X, Y, Z)]
    out = eval(expression)
    out.backward(torch.tensor(G))
    got = [out.tolist()] + [t.grad.tolist() for t in (x, y, z)[:len(expected_grads)]]
    assert out.dtype == torch.float32
    for value, expected in zip(got, [expected_out] + expected_grads):
        if name in NOT_BIT_EXACT:
            np.testing.assert_allclose(value, expected, rtol=1e-6, atol=1e-7)
        else:
            assert same_bits(value, expected), (value, expected)


NODES = {  # from PyTorch 2.13
    "clamp_min": "ClampMinBackward0", "clamp_max": "ClampMaxBackward0",
    "clamp_min_tensor": "ClampMinBackward1", "clamp_max_tensor": "ClampMaxBackward1",
    "lerp": "LerpBackward0", "lerp_big_weight": "LerpBackward0", "lerp_tensor": "LerpBackward1",
    "addcmul": "AddcmulBackward0", "addcdiv": "AddcdivBackward0", "atan2": "Atan2Backward0",
    "hypot": "HypotBackward0", "logaddexp": "LogaddexpBackward0", "exp2": "Exp2Backward0",
    "fmod": "FmodBackward0", "fmod_tensor": "FmodBackward1", "sinc": "SincBackward0",
}


@pytest.mark.parametrize("name", list(RECORDED))
def test_node_names_and_next_functions(name):
    x = torch.tensor(X, requires_grad=True)
    y, z = torch.tensor(Y), torch.tensor(Z)  # no grad: their edges are (None, 0)
    node = eval(RECORDED[name][0]).grad_fn
    assert node.name() == NODES[name]
    inputs = len(RECORDED[name][2])
    assert node.next_functions[0][0] is x.grad_fn or node.next_functions[0][0].variable is x
    assert [f for f, _ in node.next_functions[1:]] == [None] * (inputs - 1)


def test_nan_to_num_values_and_gradient():
    x = torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5], requires_grad=True)
    out = x.nan_to_num()
    out.backward(torch.tensor([-1.0, -2.0, 3.0, -4.0]))
    # from PyTorch 2.13: its backward is grad * isfinite(x), a product, so -0.0 for a negative grad
    assert same_bits(out.tolist(), [0.0, 3.4028234663852886e+38, -3.4028234663852886e+38, 1.5])
    assert same_bits(x.grad.tolist(), [-0.0, -0.0, 0.0, -4.0])
    assert out.grad_fn.name() == "NanToNumBackward0"
    assert torch.nan_to_num(torch.tensor([float("nan"), float("inf"), -float("inf")]),
                            1.0, 2, -3).tolist() == [1.0, 2.0, -3.0]
    wide = torch.tensor([float("nan"), float("inf"), -float("inf")], dtype=torch.float64)
    assert wide.nan_to_num().tolist() == [0.0, 1.7976931348623157e+308, -1.7976931348623157e+308]


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
def test_sinc_is_one_at_zero_with_zero_gradient():
    x = torch.tensor([0.0, -0.0, 1.0], requires_grad=True)
    (x.sinc() * -1).sum().backward()
    assert x.sinc().tolist()[:2] == [1.0, 1.0]
    assert same_bits(x.grad.tolist(), [0.0, 0.0, 1.0])  # from PyTorch 2.13
    # float32 pi: sinc(2) is not 0 (PyTorch 2.13 gives this value)
    assert torch.tensor([2.0]).sinc().tolist() == [2.7827534054836178e-08]


def test_clamp_min_tensor_with_nan():
    # from PyTorch 2.13: nan wins from either side, and its gradient goes nowhere
    x = torch.tensor([float("nan"), 1.0], requires_grad=True)
    low = torch.tensor([0.0, float("nan")], requires_grad=True)
    out = x.clamp_min(low)
    out.sum().backward()
    assert np.isnan(out.tolist()).all()
    assert x.grad.tolist() == [0.0, 0.0] and low.grad.tolist() == [0.0, 0.0]


# -- rounding: lerp and addcmul round once (a fused multiply-add), as PyTorch's CPU kernels --------
# Elements where plain float32 arithmetic (a + value * b * c, a + w * (b - a), ...) differs from
# PyTorch 2.13, which rounds once through a fused multiply-add: (inputs..., PyTorch's results).
ADDCMUL_VALUE_0_1 = [[-0.6957971453666687, 0.07277869433164597, 1.6353166103363037, 2.6476168632507324, 2.010313034057617, -0.6165691614151001, 0.18406052887439728, 2.271663188934326, -1.827648401260376, 1.0635958909988403, -0.06495368480682373, -0.9637317657470703], [-0.31489160656929016, -1.310228705406189, -1.7629401683807373, -2.9103024005889893, -1.7248016595840454, 1.5092480182647705, -0.5040048956871033, 1.885517954826355, -1.8225876092910767, -1.5466668605804443, 5.285586833953857, 2.3512415885925293], [8.872247695922852, 0.3265896737575531, 2.4138972759246826, -4.06964635848999, -2.402212142944336, 2.473963737487793, 3.562427520751953, 5.5640974044799805, -2.70603084564209, 1.7319624423980713, -6.301578044891357, 4.121665000915527], [-0.9751767516136169, 0.02998797781765461, 1.2097610235214233, 3.8320071697235107, 2.424647092819214, -0.24318666756153107, 0.00451242970302701, 3.320783853530884, -1.334450602531433, 0.7957189679145813, -3.395707368850708, 0.005371238570660353]]
LERP_TENSOR_WEIGHT = [[6.122757434844971, -7.666995048522949, -1.357947826385498, -0.6467915177345276, 0.6773598194122314, -0.8438622355461121, -1.1724029779434204, -0.715660810470581, 2.8732759952545166, 1.6353166103363037, -0.5485169291496277, 5.805263996124268], [-4.2127766609191895, -2.3178279399871826, 1.2994450330734253, -1.0638216733932495, -4.586483955383301, 1.289401650428772, -6.748325347900391, 0.09580932557582855, -3.9023196697235107, -1.7629401683807373, -0.2226402312517166, -1.694956660270691], [0.6665244698524475, 0.10057932883501053, 0.7953570485115051, 0.5600545406341553, 0.31819507479667664, 0.6498838067054749, 0.0644678846001625, 0.7790833115577698, 0.8585855960845947, 0.5360456109046936, 0.810511589050293, 0.6294723749160767], [-0.7661289572715759, -7.128979206085205, 0.7556282877922058, -0.8803511261940002, -0.9975692629814148, 0.5425114631652832, -1.53187096118927, -0.08345797657966614, -2.94415283203125, -0.1863040179014206, -0.28439009189605713, 1.0840823650360107]]
LERP_0_1 = [[1.2542965412139893, 0.6773598194122314, 0.07277869433164597, -0.6165691614151001, -0.6444867253303528, -2.892298936843872, -3.145216464996338, -0.06495368480682373], [1.0753127336502075, -4.586483955383301, -1.310228705406189, 1.5092480182647705, 5.2847371101379395, 2.283273458480835, -10.076705932617188, 5.285586833953857], [1.2363981008529663, 0.15097545087337494, -0.06552204489707947, -0.40398743748664856, -0.05156431347131729, -2.374741792678833, -3.838365316390991, 0.47010037302970886]]
LERP_0_9 = [[6.122757434844971, -7.666995048522949, -1.7033088207244873, 9.968998908996582, -1.0578924417495728, -0.8438622355461121, 1.4458361864089966, -0.715660810470581], [-4.2127766609191895, -2.3178279399871826, -0.3652881979942322, -3.1846423149108887, -0.33948561549186707, 1.289401650428772, -3.5507521629333496, 0.09580932557582855], [-3.17922306060791, -2.8527448177337646, -0.4990902841091156, -1.8692779541015625, -0.4113263189792633, 1.0760751962661743, -3.051093339920044, 0.014662290923297405]]
ADDCDIV_VALUE_MINUS_0_003 = [[-0.07876156270503998, -0.021098917350172997, -0.022416092455387115, 3.237046480178833, 0.22989588975906372, 0.01859338954091072, -0.16556556522846222, -1.6148923635482788, 1.8874140977859497, 0.04651385918259621, -0.010274422354996204, 0.008075577206909657], [-1.9459974765777588, 2.065248966217041, -2.1245687007904053, 1.1248459815979004, 3.525238275527954, 4.41316556930542, 6.9244608879089355, -5.534785270690918, -6.491644859313965, 2.7848498821258545, 0.8302788138389587, 2.4867265224456787], [0.3856755197048187, 1.604354977607727, 0.8461048603057861, 1.0845438241958618, 0.6557830572128296, 0.972038745880127, 1.6307554244995117, 0.4483950734138489, 0.6551698446273804, 0.2984778583049774, 2.4169626235961914, 5.056990623474121], [-0.06362450867891312, -0.024960746988654137, -0.01488309446722269, 3.2339351177215576, 0.21376904845237732, 0.0049730511382222176, -0.178304061293602, -1.5778616666793823, 1.9171391725540161, 0.01852334290742874, -0.011304987594485283, 0.006600355729460716]]


def test_addcmul_rounds_like_pytorch():
    a, b, c, expected = ADDCMUL_VALUE_0_1
    out = torch.tensor(a).addcmul(torch.tensor(b), torch.tensor(c), value=0.1)
    assert out.tolist() == expected


def test_addcdiv_rounds_like_pytorch():
    a, b, c, expected = ADDCDIV_VALUE_MINUS_0_003
    out = torch.addcdiv(torch.tensor(a), torch.tensor(b), torch.tensor(c), value=-0.003)
    assert out.tolist() == expected


def test_lerp_rounds_like_pytorch():
    a, b, w, expected = LERP_TENSOR_WEIGHT
    assert torch.tensor(a).lerp(torch.tensor(b), torch.tensor(w)).tolist() == expected
    for weight, (a, b, expected) in [(0.1, LERP_0_1), (0.9, LERP_0_9)]:
        assert torch.lerp(torch.tensor(a), torch.tensor(b), weight).tolist() == expected


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3, width=32), min_size=3, max_size=3),
       st.floats(-1, 1, width=32))
def test_addcmul_is_the_exact_result_rounded_once(values, value):
    a, b, c = [np.float32(v) for v in values]
    scaled = np.float32(value) * b  # PyTorch rounds value * tensor1 first
    exact = Fraction(float(scaled)) * Fraction(float(c)) + Fraction(float(a))
    got = np.float32(torch.tensor([a]).addcmul(torch.tensor([b]), torch.tensor([c]),
                                               value=float(value)).item())
    # no float32 lies nearer to the exact result than the one we got
    for direction in (np.inf, -np.inf):
        neighbour = np.nextafter(got, np.float32(direction))
        assert abs(Fraction(float(got)) - exact) <= abs(Fraction(float(neighbour)) - exact)


P0 = [0.001230153371579945, 0.2987455427646637, -0.27413785457611084, -0.8905918598175049,
      -0.454670786857605, -0.9916465282440186, 0.0601436011493206, 1.3402152061462402]
GRADS = [[-0.49220651388168335, -0.6204748749732971, 0.4898420572280884, 0.35688701272010803,
          0.1054142490029335, -0.9304680228233337, -0.02925182320177555, 0.695303201675415],
         [-1.3442145586013794, -0.45761576294898987, -1.9012227058410645, -1.289537787437439,
          -1.8417350053787231, -0.23509113490581512, -1.267446517944336, 0.27126434445381165]]


def test_adam_moments_by_hand_match_pytorch():
    p, m, v = torch.tensor(P0), torch.zeros(8), torch.zeros(8)
    for g in GRADS:
        g = torch.tensor(g)
        m.lerp_(g, 1 - 0.9)
        v.mul_(0.999).addcmul_(g, g, value=1 - 0.999)
        p.addcdiv_(m, v + 1e-3, value=-0.01)
    # from PyTorch 2.13, the same lines
    assert m.tolist() == [-0.17872004210948944, -0.10160432010889053, -0.14603647589683533,
                          -0.09683395177125931, -0.1746862232685089, -0.10725124180316925,
                          -0.1293773204088211, 0.08970372378826141]
    assert v.tolist() == [0.002048937836661935, 0.0005940163391642272, 0.0038543532136827707,
                          0.0017901487881317735, 0.0034030890092253685, 0.0009201728389598429,
                          0.0016072755679488182, 0.0005565474857576191]
    assert p.tolist() == [0.9836178421974182, 1.3841561079025269, -0.36835312843322754,
                          -0.8601017594337463, -0.16219094395637512, 0.0656076967716217,
                          0.5855869054794312, 0.29520803689956665]


# -- gradcheck and gradgradcheck (float64, broadcasting shapes) -------------------------------------
# (name, number of tensor inputs, call); inputs are drawn on a grid that avoids kinks and ties
DIFFERENTIABLE = [
    ("clamp_min", 1, lambda x: x.clamp_min(0.5)),
    ("clamp_max", 1, lambda x: torch.clamp_max(x, -0.5)),
    ("clamp_min_tensor", 2, lambda x, y: x.clamp_min(y)),
    ("clamp_max_tensor", 2, lambda x, y: x.clamp_max(y)),
    ("lerp", 2, lambda x, y: x.lerp(y, 0.3)),
    ("lerp_big_weight", 2, lambda x, y: x.lerp(y, 0.7)),
    ("lerp_tensor", 3, lambda x, y, w: torch.lerp(x, y, w)),
    ("addcmul", 3, lambda x, y, z: x.addcmul(y, z, value=-0.5)),
    ("addcdiv", 3, lambda x, y, z: torch.addcdiv(x, y, z.abs() + 0.5, value=2)),
    ("atan2", 2, lambda x, y: x.atan2(y)),
    ("hypot", 2, lambda x, y: torch.hypot(x, y)),
    ("logaddexp", 2, lambda x, y: x.logaddexp(y)),
    ("exp2", 1, lambda x: x.exp2()),
    ("fmod", 1, lambda x: x.fmod(1.3)),
    ("nan_to_num", 1, lambda x: x.nan_to_num()),
    ("sinc", 1, lambda x: torch.sinc(x)),
]


@pytest.mark.parametrize("name, count, call", DIFFERENTIABLE, ids=[r[0] for r in DIFFERENTIABLE])
@EXAMPLES
@given(data=st.data())
def test_gradcheck(name, count, call, data):
    shapes = data.draw(broadcastable_shapes(count))
    offsets = [0.25, 0.75, 0.5][:count]  # different grids: two inputs never tie
    inputs = [torch.tensor(data.draw(float64_arrays(s, offset=o)), requires_grad=True)
              for s, o in zip(shapes, offsets)]
    assert gradcheck(call, inputs)
    assert gradgradcheck(call, inputs)
    out = call(*inputs)
    assert out.shape == np.broadcast_shapes(*shapes)
    out.sum().backward()
    assert [t.grad.shape for t in inputs] == [t.shape for t in inputs]


@EXAMPLES
@given(data=st.data())
def test_gradcheck_fmod_tensor(data):
    shapes = data.draw(broadcastable_shapes(2))
    x = data.draw(float64_arrays(shapes[0]))
    y = data.draw(positive_float64_arrays(shapes[1], offset=0.75))
    quotient = x / y
    assume(np.all(np.abs(quotient - np.round(quotient)) > 1e-3))  # fmod jumps at whole numbers
    x, y = torch.tensor(x, requires_grad=True), torch.tensor(y, requires_grad=True)
    assert gradcheck(torch.fmod, (x, y))
    assert gradgradcheck(torch.fmod, (x, y))


def test_heaviside_values_and_no_gradient():
    x = torch.tensor([0.0, -0.0, float("nan"), -2.0, 3.0], requires_grad=True)
    out = x.heaviside(torch.tensor(0.5))
    assert out.tolist() == [0.5, 0.5, 0.0, 0.0, 1.0]  # from PyTorch 2.13 (nan gives 0)
    assert out.grad_fn.name() == "torch::autograd::NotImplemented"  # as PyTorch 2.13
    assert len(out.grad_fn.next_functions) == 1
    with raises_exactly(RuntimeError, "derivative for aten::heaviside is not implemented"):
        out.sum().backward()
    ints = torch.tensor([1, 0, -3])
    assert torch.heaviside(ints, torch.tensor([7, 7, 7])).tolist() == [1, 7, 0]


# -- in-place forms ----------------------------------------------------------------------------
def test_in_place_forms():
    x = torch.tensor([0.5, 1.5, -2.0], requires_grad=True)
    y = x.clone()
    y.clamp_min_(0)
    assert y.grad_fn.name() == "ClampMinBackward0"
    y = x.clone()
    y.clamp_max_(torch.tensor(0.0))
    assert y.grad_fn.name() == "ClampMaxBackward1"
    y = x.clone()
    y.addcdiv_(x, x)
    assert y.grad_fn.name() == "AddcdivBackward0" and y.tolist() == [1.5, 2.5, -1.0]
    f = torch.tensor([0.5, 1.5, -2.0])
    # from PyTorch 2.13
    assert f.clone().addcmul_(f, f, value=2).tolist() == [1.0, 6.0, 6.0]
    assert f.clone().lerp_(torch.ones(3), 0.5).tolist() == [0.75, 1.25, -0.5]
    assert f.clone().fmod_(2).tolist() == [0.5, 1.5, -0.0]
    assert torch.exp2_(f.clone()).tolist() == [1.4142135381698608, 2.8284270763397217, 0.25]
    assert f.clone().hypot_(f).tolist() == [0.7071067690849304, 2.1213202476501465,
                                            2.8284270763397217]
    assert f.clone().heaviside_(f).tolist() == [1.0, 1.0, 0.0]
    with raises_exactly(RuntimeError, "a leaf Variable that requires grad is being used in an "
                                      "in-place operation."):
        x.clamp_min_(0)


# -- dtypes (type promotion), from PyTorch 2.13 ----------------------------------------------------
I = torch.tensor([1, -2, 3])
F = torch.tensor([0.5, 1.5, -2.0])
D = F.double()
B = torch.tensor([True, False, True])

DTYPES = [
    (lambda: I.clamp_min(1), torch.int64, [1, 1, 3]),
    (lambda: I.clamp_min(1.5), torch.float32, [1.5, 1.5, 3.0]),
    (lambda: B.clamp_min(0), torch.int64, [1, 0, 1]),
    (lambda: I.clamp_max(2.5), torch.float32, [1.0, -2.0, 2.5]),
    (lambda: F.clamp_min(D), torch.float64, [0.5, 1.5, -2.0]),
    (lambda: I.clamp_min(F), torch.float32, [1.0, 1.5, 3.0]),
    (lambda: F.clamp_min(torch.tensor(1.0, dtype=torch.float64)), torch.float32, [1.0, 1.5, 1.0]),
    (lambda: F.lerp(F, torch.tensor(0.5, dtype=torch.float64)), torch.float32, [0.5, 1.5, -2.0]),
    (lambda: I.addcmul(I, I, value=-2.7), torch.int64, [-1, -10, -15]),
    (lambda: I.addcmul(B, B), torch.int64, [2, -2, 4]),
    (lambda: I.addcmul(F, F), torch.float32, [1.25, 0.25, 7.0]),
    (lambda: F.addcmul(D, F), torch.float64, [0.75, 3.75, 2.0]),
    (lambda: I.addcdiv(F, F), torch.float32, [2.0, -1.0, 4.0]),
    (lambda: I.atan2(I), torch.float32, [0.7853981852531433, -2.356194496154785,
                                         0.7853981852531433]),
    (lambda: F.hypot(I), torch.float32, [1.1180340051651, 2.5, 3.605551242828369]),
    (lambda: F.logaddexp(D), torch.float64, [1.1931471805599454, 2.1931471805599454,
                                             -1.3068528194400546]),
    (lambda: B.exp2(), torch.float32, [2.0, 1.0, 2.0]),
    (lambda: I.fmod(2), torch.int64, [1, 0, 1]),
    (lambda: I.fmod(1.5), torch.float32, [1.0, -0.5, 0.0]),
    (lambda: I.fmod(F), torch.float32, [0.0, -0.5, 1.0]),
    (lambda: torch.fmod(I, torch.tensor(2.5, dtype=torch.float64)), torch.float64, [1.0, -2.0, 0.5]),
    (lambda: F.fmod(0), torch.float32, [math.nan] * 3),
    (lambda: I.nan_to_num(), torch.int64, [1, -2, 3]),
    (lambda: B.nan_to_num(), torch.bool, [True, False, True]),
    (lambda: I.sinc(), torch.float32, [-2.7827534054836178e-08, 2.7827534054836178e-08,
                                       -2.530538223410872e-09]),
    (lambda: B.heaviside(B), torch.bool, [True, False, True]),
]


@pytest.mark.parametrize("index", range(len(DTYPES)))
def test_dtypes(index):
    call, dtype, expected = DTYPES[index]
    out = call()
    assert out.dtype == dtype
    assert same_bits(out.tolist(), expected)


# -- errors, with PyTorch 2.13's messages -----------------------------------------------------------
_ADDCDIV_INTEGER = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will "
    "perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be "
    "implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer "
    "inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv "
    "behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all "
    "dtypes.")
ERRORS = [
    (lambda: I.lerp(I, 0.5), NotImplementedError, "\"lerp_kernel_scalar\" not implemented for 'Long'"),
    (lambda: I.lerp(I, torch.tensor(1)), NotImplementedError,
     "\"lerp_kernel_tensor\" not implemented for 'Long'"),
    (lambda: F.lerp(D, 0.5), RuntimeError, "expected dtype float for `end` but got dtype double"),
    (lambda: I.lerp(F, 0.5), RuntimeError, "expected dtype long int for `end` but got dtype float"),
    (lambda: F.lerp(F, D), RuntimeError, "expected dtype float for `weight` but got dtype double"),
    (lambda: F.lerp(torch.ones(2), torch.ones(2, 3)), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
    (lambda: F.addcmul(torch.ones(2, 1), torch.ones(2)), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"),
    (lambda: B.addcmul(B, B), NotImplementedError, "\"addcmul_cpu_out\" not implemented for 'Bool'"),
    (lambda: F.addcdiv(I, I), RuntimeError, _ADDCDIV_INTEGER),
    (lambda: F.addcdiv(B, B), RuntimeError, _ADDCDIV_INTEGER),
    (lambda: F.addcmul(F, 2), TypeError,
     "addcmul(): argument 'tensor2' (position 2) must be Tensor, not int"),
    (lambda: torch.addcmul(F, 2, F), TypeError,
     "addcmul(): argument 'tensor1' (position 2) must be Tensor, not int"),
    (lambda: torch.addcmul(1.0, F, F), TypeError,
     "addcmul(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda: F.atan2(2), TypeError, "atan2(): argument 'other' (position 1) must be Tensor, not int"),
    (lambda: torch.atan2(F, 2.0), TypeError,
     "atan2(): argument 'other' (position 2) must be Tensor, not float"),
    (lambda: torch.arctan2(F, 2), TypeError,
     "arctan2(): argument 'other' (position 2) must be Tensor, not int"),
    (lambda: F.atan2(torch.ones(2)), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
    (lambda: I.hypot(I), NotImplementedError, "\"hypot_cpu\" not implemented for 'Long'"),
    (lambda: F.hypot(2.0), TypeError, "hypot(): argument 'other' (position 1) must be Tensor, not float"),
    (lambda: B.logaddexp(B), NotImplementedError, "\"logaddexp_cpu\" not implemented for 'Bool'"),
    (lambda: I.fmod(0), RuntimeError, "ZeroDivisionError"),
    (lambda: I.fmod(torch.tensor([0, 1, 1])), RuntimeError, "ZeroDivisionError"),
    (lambda: B.fmod(B), NotImplementedError, "\"fmod_cpu\" not implemented for 'Bool'"),
    (lambda: F.heaviside(D), RuntimeError,
     "heaviside is not yet implemented for tensors with different dtypes."),
    (lambda: torch.heaviside(F, 2), TypeError,
     "heaviside(): argument 'values' (position 2) must be Tensor, not int"),
    (lambda: torch.exp2(1.0), TypeError, "exp2(): argument 'input' (position 1) must be Tensor, not float"),
    (lambda: I.clone().clamp_min_(1.5), RuntimeError,
     "result type Float can't be cast to the desired output type long int"),
    (lambda: I.clone().clamp_max_(F), RuntimeError,
     "result type Float can't be cast to the desired output type Long"),
    (lambda: I.clone().addcmul_(F, F), RuntimeError,
     "result type Float can't be cast to the desired output type Long"),
    (lambda: F.clone().clamp_min_(torch.tensor([1.0, 2.0])), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
]


@pytest.mark.parametrize("index", range(len(ERRORS)))
def test_errors(index):
    call, exception, message = ERRORS[index]
    with raises_exactly(exception, message):
        call()
