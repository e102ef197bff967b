"""More of torch.nn.functional: one_hot, pad, normalize, distances, activations, kl_div.

Every expected value, repr, node name, warning and message below was printed by PyTorch 2.13
for the same call (this file does not import torch).
"""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad
import minigrad.nn.functional as F
from exact_errors import raises_exactly
from minigrad import nn
from minigrad.autograd import gradcheck, gradgradcheck
from strategies import float64_arrays, shapes

X = [-3.5, -2.0, -0.7, 0.0, 0.4, 1.3, 3.2, 4.0]

FUNCTIONS = {
    "logsigmoid": F.logsigmoid, "softsign": F.softsign, "selu": F.selu,
    "celu": lambda x: F.celu(x, 0.7), "mish": F.mish, "hardswish": F.hardswish,
    "hardsigmoid": F.hardsigmoid, "softmin": lambda x: F.softmin(x, 0), "glu": lambda x: F.glu(x, 0),
}

# name: (output, gradient of sum(output * [1, 2, 3, ...]), node) for input X, from PyTorch 2.13.
FLOAT64 = {
    "logsigmoid": ([-3.5297504182726205, -2.1269280110429727, -1.103186048885458, -0.6931471805599453, -0.5130152523999526, -0.2410084538329922, -0.03995333316243035, -0.018149927917809738],
             [0.9706877692486436, 1.7615941559557649, 2.0045633165044983, 2.0, 2.00656169943774, 1.2849901017446483, 0.27416005957735046, 0.14388967969673244], "LogSigmoidBackward0"),
    "softsign": ([-0.7777777777777778, -0.6666666666666666, -0.4117647058823529, 0.0, 0.28571428571428575, 0.5652173913043479, 0.7619047619047619, 0.8],
             [0.04938271604938271, 0.2222222222222222, 1.0380622837370241, 4.0, 2.5510204081632653, 1.1342155009451793, 0.39682539682539697, 0.32000000000000006], "DivBackward0"),
    "selu": ([-1.705009340957283, -1.5201664685956948, -0.8850530455772052, 0.0, 0.4202803949421922, 1.3659112835621245, 3.3622431595375377, 4.202803949421922],
             [0.05308999989009366, 0.4758657445033636, 2.6191388858105142, 7.0323973633895065, 5.253504936777402, 6.304205924132883, 7.354906911488364, 8.405607898843844], "EluBackward0"),
    "celu": ([-0.6952834371006401, -0.6597971665126678, -0.44248439117999033, 0.0, 0.4, 1.3, 3.2, 4.0],
             [0.006737946540099262, 0.11486523490239701, 1.1036383235143268, 4.000000068119595, 5.0, 6.0, 7.0, 8.0], "CeluBackward0"),
    "mish": ([-0.10409575448637122, -0.2525014826957089, -0.2678702347955009, 0.0, 0.2890305340723631, 1.185976571527536, 3.1901977316371823, 3.9974128069762385],
             [-0.07276041344326706, -0.2167101848407878, 0.5532482197703457, 2.4, 4.185087512708981, 6.501826242999903, 7.110212561350118, 8.035463015230002], "MishBackward0"),
    "hardswish": ([-0.0, -0.3333333333333333, -0.2683333333333333, 0.0, 0.22666666666666668, 0.9316666666666666, 3.2000000000000006, 4.0],
             [0.0, -0.33333333333333326, 0.8000000000000002, 2.0, 3.1666666666666665, 5.6, 7.0, 8.0], "HardswishBackward0"),
    "hardsigmoid": ([0.0, 0.16666666666666666, 0.3833333333333333, 0.5, 0.5666666666666667, 0.7166666666666667, 1.0, 1.0],
             [0.0, 0.3333333432674408, 0.5000000149011612, 0.6666666865348816, 0.833333358168602, 1.0000000298023224, 0.0, 0.0], "HardsigmoidBackward0"),
    "softmin": ([0.7438299707655753, 0.1659709005001247, 0.04523234710476869, 0.02246171882822004, 0.015056540398972045, 0.006121532506880649, 0.0009155891645806141, 0.00041140073087795974],
             [0.31466084196601213, -0.09576057643980865, -0.07133014870388037, -0.057883222391822885, -0.05385682469734991, -0.0280180833987913, -0.005106215211802461, -0.0027057711225567595], "SoftmaxBackward0"),
    "glu": ([-2.095406810393582, -1.5716699660851172, -0.6725839940422649, 0.0],
             [0.598687660112452, 1.5716699660851172, 2.882502831609707, 3.928055160151634, -0.840912610095352, -0.673193449876241, -0.07902671480459983, 0.0], "GluBackward0"),
}
FLOAT32 = {
    "logsigmoid": ([-3.529750347137451, -2.1269280910491943, -1.103186011314392, -0.6931471824645996, -0.5130152702331543, -0.241008460521698, -0.0399533286690712, -0.018149929121136665],
             [0.970687747001648, 1.7615941762924194, 2.004563331604004, 2.0, 2.006561517715454, 1.2849901914596558, 0.2741600275039673, 0.1438896805047989], "LogSigmoidBackward0"),
    "softsign": ([-0.7777777910232544, -0.6666666865348816, -0.4117646813392639, 0.0, 0.2857142984867096, 0.5652173757553101, 0.7619048357009888, 0.800000011920929],
             [0.04938271641731262, 0.222222238779068, 1.0380622148513794, 4.0, 2.551020383834839, 1.1342155933380127, 0.39682531356811523, 0.3200000524520874], "DivBackward0"),
    "selu": ([-1.7050093412399292, -1.5201665163040161, -0.8850530385971069, 0.0, 0.42028042674064636, 1.3659112453460693, 3.362243413925171, 4.202804088592529],
             [0.05308999866247177, 0.4758657217025757, 2.619138717651367, 7.032397270202637, 5.253505229949951, 6.304205894470215, 7.354907035827637, 8.405608177185059], "EluBackward0"),
    "celu": ([-0.6952834129333496, -0.659797191619873, -0.44248437881469727, 0.0, 0.4000000059604645, 1.2999999523162842, 3.200000047683716, 4.0],
             [0.0067379469983279705, 0.11486522853374481, 1.1036382913589478, 4.0, 5.0, 6.0, 7.0, 8.0], "CeluBackward0"),
    "mish": ([-0.10409574955701828, -0.2525014579296112, -0.2678702175617218, 0.0, 0.289030522108078, 1.185976505279541, 3.190197706222534, 3.997412919998169],
             [-0.07276041805744171, -0.21671020984649658, 0.5532481074333191, 2.4000000953674316, 4.185087203979492, 6.501826286315918, 7.1102118492126465, 8.03546142578125], "MishBackward0"),
    "hardswish": ([-0.0, -0.3333333432674408, -0.2683333158493042, 0.0, 0.2266666740179062, 0.9316666722297668, 3.200000047683716, 4.0],
             [0.0, -0.3333333730697632, 0.7999999523162842, 2.0, 3.1666665077209473, 5.59999942779541, 7.0, 8.0], "HardswishBackward0"),
    "hardsigmoid": ([0.0, 0.1666666716337204, 0.38333332538604736, 0.5, 0.5666666626930237, 0.7166666984558105, 1.0, 1.0],
             [0.0, 0.3333333432674408, 0.5, 0.6666666865348816, 0.8333333730697632, 1.0, 0.0, 0.0], "HardsigmoidBackward0"),
    "softmin": ([0.7438299059867859, 0.16597089171409607, 0.045232344418764114, 0.022461717948317528, 0.015056537464261055, 0.0061215306632220745, 0.0009155892767012119, 0.0004114006878808141],
             [0.31466078758239746, -0.09576057642698288, -0.07133014500141144, -0.05788321793079376, -0.05385681241750717, -0.028018074110150337, -0.0051062158308923244, -0.0027057707775384188], "SoftmaxBackward0"),
    "glu": ([-2.0954067707061768, -1.5716700553894043, -0.6725839972496033, 0.0],
             [0.5986876487731934, 1.5716700553894043, 2.882502794265747, 3.9280550479888916, -0.8409126400947571, -0.6731933355331421, -0.0790267363190651, 0.0], "GluBackward0"),
}


def _weighted_backward(function, dtype):
    x = minigrad.tensor(X, dtype=dtype, requires_grad=True)
    out = function(x)
    (out * minigrad.arange(1, out.numel() + 1).to(dtype)).sum().backward()
    return out, x.grad


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_activation_float64_values_gradients_and_node(name):
    expected, expected_grad, node = FLOAT64[name]
    out, grad = _weighted_backward(FUNCTIONS[name], minigrad.float64)
    assert out.grad_fn.name() == node
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(grad.numpy(), expected_grad, rtol=1e-14, atol=1e-16)
    # -0.0 and 0.0 where PyTorch has them (hardswish(-3.5) is -0.0, its gradient 0.0)
    assert np.array_equal(np.signbit(out.detach().numpy()), np.signbit(expected))
    assert np.array_equal(np.signbit(grad.numpy()), np.signbit(expected_grad))


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_activation_float32_values_and_gradients(name):
    expected, expected_grad, node = FLOAT32[name]
    out, grad = _weighted_backward(FUNCTIONS[name], minigrad.float32)
    assert out.dtype == minigrad.float32 and grad.dtype == minigrad.float32
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(grad.numpy(), expected_grad, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_activation_gradcheck_and_gradgradcheck(name):
    # no point on a kink (hardswish / hardsigmoid at +-3)
    x = minigrad.tensor([-3.3, -2.1, -0.6, 0.2, 0.5, 1.1, 2.7, 3.6], dtype=minigrad.float64,
                        requires_grad=True)
    assert gradcheck(FUNCTIONS[name], (x,))
    assert gradgradcheck(FUNCTIONS[name], (x,))


@pytest.mark.parametrize("name, kernel", [
    ("logsigmoid", "log_sigmoid_cpu"), ("selu", "elu_cpu"), ("celu", "elu_cpu"), ("mish", "mish_cpu"),
    ("hardswish", "hardswish_cpu"), ("hardsigmoid", "hardsigmoid_cpu"), ("glu", "glu_cpu")])
def test_activation_of_integers_is_an_error(name, kernel):
    with raises_exactly(NotImplementedError, f"\"{kernel}\" not implemented for 'Long'"):
        getattr(F, name)(minigrad.tensor([1, 2]))


def test_glu_errors():
    with raises_exactly(RuntimeError, "Halving dimension must be even, but dimension 1 is size 3"):
        F.glu(minigrad.randn(2, 3))
    with raises_exactly(RuntimeError, "glu does not support scalars because halving size must be even"):
        F.glu(minigrad.tensor(2.0))


def test_activation_module_reprs():
    modules = [nn.LogSigmoid(), nn.Mish(), nn.SELU(), nn.CELU(), nn.GLU(), nn.Softmin(1), nn.Softsign(),
               nn.Hardswish(), nn.Hardsigmoid(), nn.SELU(inplace=True), nn.CELU(0.5, True), nn.Softmin(),
               nn.Mish(True), nn.Hardswish(True)]
    assert [repr(m) for m in modules] == [
        "LogSigmoid()", "Mish()", "SELU()", "CELU(alpha=1.0)", "GLU(dim=-1)", "Softmin(dim=1)", "Softsign()",
        "Hardswish()", "Hardsigmoid()", "SELU(inplace=True)", "CELU(alpha=0.5, inplace=True)",
        "Softmin(dim=None)", "Mish(inplace=True)", "Hardswish()"]
    x = minigrad.tensor([[-1.0, 0.5], [2.0, -0.25]])
    assert nn.GLU(0)(x).tolist() == F.glu(x, 0).tolist()
    assert nn.Mish()(x).tolist() == F.mish(x).tolist()


# ----- one_hot ----------------------------------------------------------------------------

def test_one_hot_values_and_dtype():
    out = F.one_hot(minigrad.tensor([[0, 2]]), 4)
    assert out.dtype == minigrad.int64
    assert repr(out) == "tensor([[[1, 0, 0, 0],\n         [0, 0, 1, 0]]])"
    assert repr(F.one_hot(minigrad.tensor(2))) == "tensor([0, 0, 1])"
    assert repr(F.one_hot(minigrad.tensor([], dtype=minigrad.long), 3)) == \
        "tensor([], size=(0, 3), dtype=torch.int64)"


def test_one_hot_errors():
    with raises_exactly(RuntimeError, "one_hot is only applicable to index tensor of type LongTensor."):
        F.one_hot(minigrad.tensor([1.0, 2.0]))
    with raises_exactly(RuntimeError, "one_hot is only applicable to index tensor of type LongTensor."):
        F.one_hot(minigrad.tensor([1, 2], dtype=minigrad.int32))
    with raises_exactly(RuntimeError, "Class values must be non-negative."):
        F.one_hot(minigrad.tensor([1, -2]))
    with raises_exactly(RuntimeError, "Class values must be smaller than num_classes."):
        F.one_hot(minigrad.tensor([1, 2]), 2)
    with raises_exactly(RuntimeError, "Can not infer total number of classes from empty tensor."):
        F.one_hot(minigrad.tensor([], dtype=minigrad.long))


@given(shapes(max_dims=3), st.integers(1, 5), st.data())
def test_one_hot_shape_and_rows(shape, num_classes, data):
    indices = data.draw(st.lists(st.integers(0, num_classes - 1), min_size=int(np.prod(shape)),
                                 max_size=int(np.prod(shape))))
    out = F.one_hot(minigrad.tensor(indices).reshape(*shape), num_classes)
    assert tuple(out.shape) == shape + (num_classes,)
    assert (out.sum(-1) == 1).all()
    assert out.argmax(-1).reshape(-1).tolist() == indices


# ----- two-input functions and pad (float64, A and B below) -------------------------------

A = [[0.3, -1.2, 2.0], [0.0, 0.5, -0.4]]
B = [[1.1, 0.2, -0.6], [0.7, -0.3, 0.9]]

PAIRS = {
    "normalize": lambda a, b: F.normalize(a),
    "normalize_p3_dim0": lambda a, b: F.normalize(a, p=3, dim=0),
    "cosine_similarity": lambda a, b: F.cosine_similarity(a, b),
    "pairwise_distance": lambda a, b: F.pairwise_distance(a, b),
    "pairwise_distance_p1_keepdim": lambda a, b: F.pairwise_distance(a, b, p=1, keepdim=True),
    "kl_div_none": lambda a, b: F.kl_div(a, b.abs(), reduction="none"),
    "kl_div_batchmean": lambda a, b: F.kl_div(a, b.abs(), reduction="batchmean"),
    "kl_div_mean": lambda a, b: F.kl_div(a, b.abs()),
    "kl_div_sum_log_target": lambda a, b: F.kl_div(a, b, reduction="sum", log_target=True),
    "pad": lambda a, b: F.pad(a, (1, -1, 0, 2), value=-1.5),
}

# name: (output, grad of A, grad of B) for sum(output * [1, 2, ...]), from PyTorch 2.13.
PAIR_RESULTS = {
    "normalize": ([[0.1275729766687687, -0.5102919066750748, 0.8504865111251246], [0.0, 0.7808688094430303, -0.6246950475544243]],
        [[0.3352731635176802, 1.2103668793046531, 0.6759291530551396], [6.246950475544242, 7.618232287249076, 9.522790359061345]],
        None),
    "normalize_p3_dim0": ([[1.0, -0.9769884727370302, 0.9973474676476257], [0.0, 0.4070785303070959, -0.19946949352952517]],
        [[0.0, 1.6915837470937065, 0.6055323910717728], [13.333333333333334, 4.059800993024896, 3.027661955358864]],
        None),
    "cosine_similarity": ([-0.372003884729952, -0.6755707652959961],
        [[0.3888335409522787, -0.013696443306610823, -0.06654289712680825], [1.8545079831654794, 0.8529444382503248, 1.0661805478129063]],
        [[0.35470573531410565, -0.3559546991708455, 0.5316422816855786], [0.6804309866290608, 1.0330352794200306, -0.1848790075714818]]),
    "pairwise_distance": ([3.0594118389002487, 1.6792848477858069],
        [[-0.26148784214928433, -0.45760396890640603, 0.8498368761410721], [-0.8336870316229816, 0.9527877311044973, -1.5482769367139735]],
        [[0.26148784214928433, 0.45760396890640603, -0.8498368761410721], [0.8336870316229816, -0.9527877311044973, 1.5482769367139735]]),
    "pairwise_distance_p1_keepdim": ([[4.799999], [2.799999]],
        [[-1.0, -1.0, 1.0], [-2.0, 2.0, -2.0]],
        [[1.0, 1.0, -1.0], [2.0, -2.0, 2.0]]),
    "kl_div_none": ([[-0.2251588022152426, -0.0818875824868201, -1.5064953742595943], [-0.2496724607571127, -0.5111918412977808, 0.2651755359079564]],
        [[-1.1, -0.4, -1.7999999999999998], [-2.8, -1.5, -5.4]],
        [[0.795310179804325, 1.1811241751317993, 4.532476871297972], [2.57330022424507, 3.5198640216296804, 7.767836906053042]]),
    "kl_div_batchmean": (-1.1546152625542971,
        [[-0.55, -0.1, -0.3], [-0.35, -0.15, -0.45]],
        [[0.3976550899021625, 0.29528104378294984, 0.7554128118829954], [0.3216625280306338, 0.35198640216296806, 0.6473197421710868]]),
    "kl_div_mean": (-0.3848717541847657,
        [[-0.18333333333333335, -0.03333333333333333, -0.09999999999999999], [-0.11666666666666665, -0.049999999999999996, -0.15]],
        [[0.13255169663405417, 0.09842701459431663, 0.2518042706276651], [0.10722084267687793, 0.11732880072098935, 0.2157732473903623]]),
    "kl_div_sum_log_target": (6.700842789924909,
        [[-3.0041660239464334, -1.2214027581601699, -0.5488116360940265], [-2.0137527074704766, -0.7408182206817179, -2.45960311115695]],
        [[5.40749884310358, 2.9313666195844075, -0.8780986177504424], [3.4233796026998102, 0.14816364413634353, 5.657087155660985]]),
    "pad": ([[-1.5, 0.3, -1.2], [-1.5, 0.0, 0.5], [-1.5, -1.5, -1.5], [-1.5, -1.5, -1.5]],
        [[2.0, 3.0, 0.0], [5.0, 6.0, 0.0]],
        None),
}


@pytest.mark.parametrize("name", list(PAIRS))
def test_pair_functions_values_and_gradients(name):
    expected, expected_a, expected_b = PAIR_RESULTS[name]
    a = minigrad.tensor(A, dtype=minigrad.float64, requires_grad=True)
    b = minigrad.tensor(B, dtype=minigrad.float64, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = PAIRS[name](a, b)
    (out * minigrad.arange(1, out.numel() + 1).to(minigrad.float64).reshape(*out.shape)).sum().backward()
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(a.grad.numpy(), expected_a, rtol=1e-14, atol=1e-16)
    if expected_b is None:
        assert b.grad is None
    else:
        np.testing.assert_allclose(b.grad.numpy(), expected_b, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize("name", list(PAIRS))
def test_pair_functions_gradcheck_and_gradgradcheck(name):
    a = minigrad.tensor(A, dtype=minigrad.float64, requires_grad=True)
    b = minigrad.tensor(B, dtype=minigrad.float64, requires_grad=True)
    function = PAIRS[name]
    if name == "pairwise_distance_p1_keepdim":  # |.| has a kink at 0: only the p=2 version
        function = lambda a, b: F.pairwise_distance(a, b, keepdim=True)  # noqa: E731
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert gradcheck(function, (a, b))
        assert gradgradcheck(function, (a, b))


def _tree(node):
    """A node and everything below it, by name, e.g. 'DivBackward0(AccumulateGrad, ...)'."""
    if node is None:
        return "None"
    children = ", ".join(_tree(n) for n, _ in node.next_functions)
    name = node.name().replace("torch::autograd::", "")
    return f"{name}({children})" if children else name


# The graphs PyTorch 2.13 records for the same calls on (3, 4) leaves x, y.
GRAPHS = {
    "normalize": (lambda x, y: F.normalize(x),
                  "DivBackward0(AccumulateGrad, ExpandBackward0(ClampMinBackward0("
                  "LinalgVectorNormBackward0(AccumulateGrad))))"),
    "cosine_similarity": (lambda x, y: F.cosine_similarity(x, y),
                          "SumBackward1(MulBackward0(DivBackward0(AccumulateGrad, CloneBackward0("
                          "LinalgVectorNormBackward0(AccumulateGrad))), DivBackward0(AccumulateGrad, "
                          "CloneBackward0(LinalgVectorNormBackward0(AccumulateGrad)))))"),
    "cosine_similarity_broadcast": (
        lambda x, y: F.cosine_similarity(x, y[:1]),
        "SumBackward1(MulBackward0(DivBackward0(ExpandBackward0(AccumulateGrad), CloneBackward0("
        "LinalgVectorNormBackward0(ExpandBackward0(AccumulateGrad)))), DivBackward0(ExpandBackward0("
        "SliceBackward0(AccumulateGrad)), CloneBackward0(LinalgVectorNormBackward0(ExpandBackward0("
        "SliceBackward0(AccumulateGrad)))))))"),
    "pairwise_distance": (lambda x, y: F.pairwise_distance(x, y),
                          "NormBackward1(AddBackward1(SubBackward0(AccumulateGrad, AccumulateGrad)))"),
    "softmin": (lambda x, y: F.softmin(x, 1), "SoftmaxBackward0(NegBackward0(AccumulateGrad))"),
    "softsign": (lambda x, y: F.softsign(x), "DivBackward0(AccumulateGrad, AddBackward0(AbsBackward0(AccumulateGrad), None))"),
    "kl_div_batchmean": (lambda x, y: F.kl_div(x, y, reduction="batchmean"),
                         "DivBackward0(SumBackward0(SubBackward0(XlogyBackward0(AccumulateGrad, AccumulateGrad), "
                         "MulBackward0(AccumulateGrad, AccumulateGrad))), None)"),
    "kl_div_log_target": (lambda x, y: F.kl_div(x, y, reduction="sum", log_target=True),
                          "SumBackward0(MulBackward0(ExpBackward0(AccumulateGrad), SubBackward0(AccumulateGrad, "
                          "AccumulateGrad)))"),
    "pad": (lambda x, y: F.pad(x, (1, 1)), "ConstantPadNdBackward0(AccumulateGrad)"),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_graph_is_pytorchs(name):
    function, expected = GRAPHS[name]
    x, y = minigrad.ones(3, 4, requires_grad=True), minigrad.ones(3, 4, requires_grad=True)
    assert _tree(function(x, y).grad_fn) == expected


# ----- pad --------------------------------------------------------------------------------

def test_pad_values_dtype_and_cropping():
    x = minigrad.arange(6.0).reshape(2, 3)
    assert F.pad(x, (1, -1, 2, 0), value=7.0).tolist() == [
        [7.0, 7.0, 7.0], [7.0, 7.0, 7.0], [7.0, 0.0, 1.0], [7.0, 3.0, 4.0]]
    ints = F.pad(minigrad.arange(6).reshape(2, 3), (1, 1), value=2.5)
    assert ints.dtype == minigrad.int64
    assert ints.tolist() == [[2, 0, 1, 2, 2], [2, 3, 4, 5, 2]]
    assert tuple(F.pad(x, (-2, -1)).shape) == (2, 0)
    assert tuple(F.pad(x, (-3, 1)).shape) == (2, 1)


def test_pad_errors():
    x = minigrad.randn(2, 3)
    with raises_exactly(RuntimeError, "Padding length must be divisible by 2"):
        F.pad(x, (1,))
    with raises_exactly(RuntimeError, "Padding length should be less than or equal to two times the "
                                      "input dimension but got padding length 6 and input of dimension 2"):
        F.pad(x, (1, 1, 1, 1, 1, 1))
    with raises_exactly(RuntimeError, "narrow(): length must be non-negative."):
        F.pad(x, (-2, -2))
    with raises_exactly(NotImplementedError, "Unrecognised padding mode foo"):
        F.pad(x, (1, 1), mode="foo")
    with raises_exactly(NotImplementedError, "minigrad's pad only supports mode='constant', not mode='reflect'"):
        F.pad(x, (1, 1), mode="reflect")


@settings(deadline=None, max_examples=30)
@given(shapes(min_dims=1), st.data())
def test_pad_shape_and_gradient_crop(shape, data):
    widths = data.draw(st.lists(st.integers(0, 2), min_size=2, max_size=2 * len(shape)).filter(
        lambda w: len(w) % 2 == 0))
    x = minigrad.tensor(data.draw(float64_arrays(shape)), requires_grad=True)
    out = F.pad(x, widths)
    expected = list(shape)
    for i in range(len(widths) // 2):
        expected[-1 - i] += widths[2 * i] + widths[2 * i + 1]
    assert tuple(out.shape) == tuple(expected)
    assert out.sum().item() == pytest.approx(x.sum().item())
    assert gradcheck(lambda t: F.pad(t, widths), (x,))


# ----- kl_div -----------------------------------------------------------------------------

KL_MEAN_WARNING = ("reduction: 'mean' divides the total loss by both the batch size and the support "
                   "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
                   "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
                   "major release.")


def test_kl_div_warnings_and_errors():
    x, t = minigrad.randn(2, 3), minigrad.rand(2, 3)
    with pytest.warns(UserWarning) as record:
        F.kl_div(x, t)
    assert [str(w.message) for w in record] == [KL_MEAN_WARNING]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.kl_div(x, t, reduction="batchmean")
    with pytest.warns(UserWarning, match="reduction='sum' instead"):
        F.kl_div(x, t, size_average=False)
    with raises_exactly(ValueError, "foo is not a valid value for reduction"):
        F.kl_div(x, t, reduction="foo")
    with raises_exactly(RuntimeError, "The size of tensor a (3) must match the size of tensor b (2) at "
                                      "non-singleton dimension 0"):
        F.kl_div(minigrad.randn(2, 3), minigrad.randn(3, 3), reduction="sum")


def test_kl_div_loss_module():
    x = minigrad.tensor([[-1.2, -0.4], [-0.1, -2.3]])
    t = minigrad.tensor([[0.3, 0.7], [0.9, 0.1]])
    assert repr(nn.KLDivLoss()) == "KLDivLoss()"
    assert repr(nn.KLDivLoss(reduction="batchmean", log_target=True)) == "KLDivLoss()"
    loss = nn.KLDivLoss(reduction="batchmean")(x, t)
    assert loss.item() == F.kl_div(x, t, reduction="batchmean").item()
    # xlogy(0, 0) = 0: a zero target adds nothing (not nan)
    zero = F.kl_div(x, minigrad.tensor([[0.0, 1.0], [1.0, 0.0]]), reduction="sum")
    np.testing.assert_allclose(zero.item(), 0.5, rtol=1e-6)  # PyTorch 2.13: 0.5


def test_norm_errors():
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)"):
        F.normalize(minigrad.randn(2, 3), dim=2)
    message = "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"
    with raises_exactly(RuntimeError, message):
        F.cosine_similarity(minigrad.randn(2, 3), minigrad.randn(3, 3))
    with raises_exactly(RuntimeError, message):
        F.pairwise_distance(minigrad.randn(2, 3), minigrad.randn(3, 3))
