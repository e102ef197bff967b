"""LayerNorm, BatchNorm1d, F.layer_norm and F.batch_norm.

Every expected value, repr, state_dict and message below was printed by PyTorch 2.13 for the
same call (this file does not import torch). minigrad writes both as compositions of ops, so
float32 results agree with PyTorch's fused kernels to rounding (rtol 1e-6), not bit for bit.
"""
import numpy as np
import pytest

import minigrad
import minigrad.nn.functional as F
from exact_errors import raises_exactly
from minigrad import nn
from minigrad.autograd import gradcheck, gradgradcheck

X = [[0.3, -1.2, 2.0, 0.7], [0.0, 0.5, -0.4, 1.1], [2.2, -0.8, 0.1, -1.6]]
W = [1.5, -0.5, 2.0, 0.25]
B = [0.1, 0.2, -0.3, 0.4]

# (output, grad X, grad W, grad B) of sum(output * [[1, 2, 3, 4], ...]), float64, from PyTorch 2.13
LAYER_NORM = ([[-0.09714782264823696, 0.922875349710202, 2.4162588898201536, 0.4547632840689547], [-0.7017709993144771, 0.021828666819005083, -2.7943986645339285, 0.7563426663619899], [2.452987922571388, 0.47319335430604137, -0.12374622302836055, 0.12240030126966772]], [[-0.05171716547424465, 0.526376861162402, 0.7534638461763479, -1.228123541864505], [-0.455884961383914, -11.351451404667475, 4.875312862804028, 6.932023503247359], [-2.612182536689514, -7.261184552220334, 9.256090116605584, 0.6172769723042659]], [11.313925655947914, -6.217312486789696, -3.6866112177945034, -1.0456076703689998], [15.0, 18.0, 21.0, 24.0])
BATCH_NORM = ([[-0.7212587655304565, 0.6822763942317271, 2.4727383147831055, 0.5330783359305384], [-1.1832168211413383, -0.4889662774738959, -2.169986305318839, 0.6171278112550891], [2.204475586671795, 0.4066898832421688, -1.2027520094642672, 0.04979385281437244]], [[-3.966876043203065, 2.267493224063819, -1.1663731046805208, -0.5521952144131385], [3.4258823410552486, 0.6976741226168065, -4.4319427116866414, 0.470383458094916], [0.5409937021478164, -2.9651673466806256, 5.598315816367161, 0.08181175631822243]], [7.801958272539338, 2.2046920879164658, -7.350980648494748, -7.732551729858656], [15.0, 18.0, 21.0, 24.0])
# X reshaped to (2, 2, 3), no weight/bias: (output, grad X) of sum(output * arange(12))
BATCH_NORM_3D = ([[[-0.29816879254076367, -1.517950216571161, 1.0842501546936865], [1.11757754218638, 0.23195005592547516, 0.8645411175404073]], [[-0.867400123754949, 0.35238130027544823, 1.2468876778977396], [-0.7801956426584163, 0.3584682682484616, -1.792341341242308]]], [[[-2.9339901964069943, -0.8167833035382828, -2.7855034781280383], [-1.6320216864983854, -3.0839279759040874, 0.12203158492261017]], [[2.553677828910536, 2.062846168082354, 1.9197529810804244], [0.13673874009030088, 4.895320250994465, -0.4381409136049038]]])
LAYER_NORM_2_3 = ([[[-0.08793560058156075, -1.6707764110496535, 1.7059506512822777], [0.3341552822099306, -0.4045037626751793, 0.12310984081418497]], [[-0.40031910144073096, 0.8006382028814619, 1.6813402260510701], [-0.7205743825933157, -1.111108709041883e-17, -1.3610849448984854]]], [[[-2.6111409295406722, -1.071226140251258, -1.0499991088686593], [0.4252906694459968, 1.706705414836379, 2.6003700943782126]], [[-2.258208670863331, -0.6877309770028415, 0.6774561859299082], [-0.06158459314668541, 1.2009573043221922, 1.1291107507607565]]])


def _leaves(dtype=minigrad.float64):
    return [minigrad.tensor(v, dtype=dtype, requires_grad=True) for v in (X, W, B)]


@pytest.mark.parametrize("function, expected", [
    (lambda x, w, b: F.layer_norm(x, (4,), w, b), LAYER_NORM),
    (lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), BATCH_NORM),
])
def test_values_and_gradients_float64(function, expected):
    x, w, b = _leaves()
    out = function(x, w, b)
    (out * minigrad.arange(1.0, 13.0).reshape(3, 4).double()).sum().backward()
    for got, want in zip([out.detach(), x.grad, w.grad, b.grad], expected):
        np.testing.assert_allclose(got.numpy(), want, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("function, expected", [
    (lambda x: F.layer_norm(x, (2, 3)), LAYER_NORM_2_3),
    (lambda x: F.batch_norm(x, None, None, training=True), BATCH_NORM_3D),
])
def test_three_dimensional_inputs(function, expected):
    x = minigrad.tensor(X, dtype=minigrad.float64).reshape(2, 2, 3).requires_grad_()
    out = function(x)
    (out * minigrad.arange(12.0).reshape(2, 2, 3).double()).sum().backward()
    np.testing.assert_allclose(out.detach().numpy(), expected[0], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(x.grad.numpy(), expected[1], rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("function, expected", [
    (lambda x, w, b: F.layer_norm(x, (4,), w, b), LAYER_NORM),
    (lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), BATCH_NORM),
])
def test_float32_matches_to_rounding(function, expected):
    x, w, b = _leaves(minigrad.float32)
    out = function(x, w, b)
    (out * minigrad.arange(1.0, 13.0).reshape(3, 4)).sum().backward()
    assert out.dtype == x.grad.dtype == minigrad.float32
    for got, want in zip([out.detach(), x.grad, w.grad, b.grad], expected):
        np.testing.assert_allclose(got.numpy(), want, rtol=2e-6, atol=1e-6)


@pytest.mark.parametrize("function", [
    lambda x, w, b: F.layer_norm(x, (4,), w, b),
    lambda x, w, b: F.layer_norm(x, (3, 4)),
    lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True),
    lambda x, w, b: F.batch_norm(x, minigrad.tensor([0.5, 0, 1, -1.0], dtype=minigrad.float64),
                                 minigrad.tensor([2.0, 1, 0.5, 3], dtype=minigrad.float64), w, b),
])
def test_gradcheck_and_gradgradcheck(function):
    leaves = _leaves()
    assert gradcheck(function, leaves)
    assert gradgradcheck(function, leaves)


def test_reprs_and_state_dicts():
    assert repr(nn.LayerNorm(3)) == "LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)"
    assert repr(nn.LayerNorm((3, 4), bias=False)) == \
        "LayerNorm((3, 4), eps=1e-05, elementwise_affine=True, bias=False)"
    assert repr(nn.LayerNorm(3, elementwise_affine=False)) == \
        "LayerNorm((3,), eps=1e-05, elementwise_affine=False, bias=False)"
    assert repr(nn.BatchNorm1d(3)) == \
        "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
    assert repr(nn.BatchNorm1d(3, affine=False, momentum=None, track_running_stats=False)) == \
        "BatchNorm1d(3, eps=1e-05, momentum=None, affine=False, bias=False, track_running_stats=False)"
    state = nn.BatchNorm1d(3).state_dict()
    assert list(state) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    assert repr(state["num_batches_tracked"]) == "tensor(0)"
    assert state["running_var"].tolist() == [1.0, 1.0, 1.0] and state["running_mean"].tolist() == [0.0] * 3
    assert list(nn.BatchNorm1d(3, track_running_stats=False).state_dict()) == ["weight", "bias"]
    layer = nn.LayerNorm(3)
    assert list(layer.state_dict()) == ["weight", "bias"]
    assert layer.weight.tolist() == [1.0, 1.0, 1.0] and layer.bias.tolist() == [0.0, 0.0, 0.0]
    assert [name for name, _ in nn.BatchNorm1d(2).named_parameters()] == ["weight", "bias"]


BATCHES = [[[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-0.75, 1.0, 0.0], [2.5, -2.0, 1.0]],
           [[1.0, 0.0, -1.0], [0.5, 0.5, 0.5], [3.0, -1.5, 2.5], [-1.0, 1.0, 0.25]]]

# momentum: (output of the last training batch, eval output on batch 0, state_dict), float32
BATCH_NORM_RUNS = {
    0.1: ([[0.08737021684646606, 0.0, -1.2453347444534302], [-0.26211056113243103, 0.5345194339752197, -0.04981338977813721], [1.4852933883666992, -1.6035583019256592, 1.5442150831222534], [-1.3105528354644775, 1.0690388679504395, -0.24906694889068604]],
          [[0.29268503189086914, -0.921981930732727, 1.775193691253662], [1.1846776008605957, 0.27773430943489075, -0.5760562419891357], [-0.8223055601119995, 0.9975640773773193, -0.10580624639987946], [2.0766701698303223, -1.881754994392395, 0.8346937298774719]],
          {'weight': [1.0, 1.0, 1.0], 'bias': [0.0, 0.0, 0.0], 'running_mean': [0.171875, -0.039374999701976776, 0.11249999701976776], 'running_var': [1.256822943687439, 1.0855728387832642, 1.1305208206176758], 'num_batches_tracked': 2}),
    None: ([[0.08737021684646606, 0.0, -1.2453347444534302], [-0.26211056113243103, 0.5345194339752197, -0.04981338977813721], [1.4852933883666992, -1.6035583019256592, 1.5442150831222534], [-1.3105528354644775, 1.0690388679504395, -0.24906694889068604]],
           [[-0.26610100269317627, -0.6452083587646484, 1.090125322341919], [0.38891685009002686, 0.38712501525878906, -0.8478752374649048], [-1.0848733186721802, 1.0065250396728516, -0.4602751135826111], [1.04393470287323, -1.4710750579833984, 0.31492507457733154]],
           {'weight': [1.0, 1.0, 1.0], 'bias': [0.0, 0.0, 0.0], 'running_mean': [0.90625, -0.21875, 0.59375], 'running_var': [2.3307292461395264, 1.4661457538604736, 1.6640625], 'num_batches_tracked': 2}),
}


@pytest.mark.parametrize("momentum", [0.1, None])
def test_batch_norm_running_stats_train_then_eval(momentum):
    train_out, eval_out, state = BATCH_NORM_RUNS[momentum]
    bn = nn.BatchNorm1d(3, momentum=momentum)
    for batch in BATCHES:
        out = bn(minigrad.tensor(batch))
    np.testing.assert_allclose(out.detach().numpy(), train_out, rtol=1e-6, atol=1e-7)
    bn.eval()
    np.testing.assert_allclose(bn(minigrad.tensor(BATCHES[0])).detach().numpy(), eval_out, rtol=1e-6, atol=1e-7)
    got = bn.state_dict()
    assert list(got) == list(state)
    for name, value in state.items():
        np.testing.assert_allclose(got[name].numpy(), value, rtol=1e-6)
    assert got["num_batches_tracked"].dtype == minigrad.int64
    assert got["running_mean"].dtype == minigrad.float32


def test_batch_norm_without_running_stats_uses_batch_stats_in_eval():
    bn = nn.BatchNorm1d(3, affine=False, track_running_stats=False).eval()
    x = minigrad.tensor(BATCHES[0])
    np.testing.assert_allclose(bn(x).numpy(), F.batch_norm(x, None, None, training=True).numpy())


def test_errors():
    with raises_exactly(ValueError, "Expected more than 1 value per channel when training, got input "
                                    "size torch.Size([1, 3])"):
        nn.BatchNorm1d(3)(minigrad.randn(1, 3))
    with raises_exactly(ValueError, "expected 2D or 3D input (got 4D input)"):
        nn.BatchNorm1d(3)(minigrad.randn(2, 3, 4, 5))
    with raises_exactly(RuntimeError, "running_mean should contain 4 elements not 3"):
        nn.BatchNorm1d(3)(minigrad.randn(2, 4))
    with raises_exactly(RuntimeError, "Given normalized_shape=[3], expected input with shape [*, 3], "
                                      "but got input of size[2, 4]"):
        nn.LayerNorm(3)(minigrad.randn(2, 4))
    with raises_exactly(RuntimeError, "Given normalized_shape=[4], expected input with shape [*, 4], "
                                      "but got input of size[2, 3]"):
        F.layer_norm(minigrad.randn(2, 3), (4,))
