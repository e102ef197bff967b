"""Losses: values and gradients against PyTorch, every reduction, gradcheck, error messages.

RECORDED holds, for each loss and reduction on the fixed inputs of ``_inputs``, PyTorch's loss
(flattened) and the gradient of ``loss.sum()`` with respect to the scores. It was printed by
running this file with PyTorch 2.13 (CPU): ``/work/oracle-venv/bin/python tests/test_nn_loss.py``
(see ``_record`` at the bottom); the same ``_case`` code then runs on minigrad in the tests.
"""
import numpy as np
import pytest

import minigrad
import minigrad.nn.functional as F
from minigrad import nn


def _inputs():
    x = (np.arange(12, dtype=np.float32).reshape(3, 4) - 5.0) / 3        # scores
    y = np.cos(np.arange(12, dtype=np.float32)).reshape(3, 4)             # regression target
    t01 = (np.arange(12).reshape(3, 4) % 3 == 0).astype(np.float32)       # binary target
    cls = np.array([3, 0, 2])                                             # class indices
    w = np.array([1.0, 2.0, 0.5, 1.5], np.float32)                        # class weights
    big = np.array([[1000.0, -1000.0, 0.0, 10.0], [-500.0, 200.0, 300.0, 0.0],
                    [88.0, 89.0, 90.0, -90.0]], np.float32)               # would overflow exp
    return x, y, t01, cls, w, big


def _case(name, lib=minigrad):
    """The loss ``name`` as a function of the scores tensor and the reduction (lib: minigrad or torch)."""
    F = lib.nn.functional
    _, y, t01, cls, w, big = [lib.tensor(a) for a in _inputs()]
    return {
        "mse": lambda a, r: F.mse_loss(a, y, reduction=r),
        "l1": lambda a, r: F.l1_loss(a, y, reduction=r),
        "nll": lambda a, r: F.nll_loss(a, cls, reduction=r),
        "nll_weight": lambda a, r: F.nll_loss(a, cls, weight=w, reduction=r),
        "nll_ignore": lambda a, r: F.nll_loss(a, lib.tensor([3, -100, 2]), reduction=r),
        "cross_entropy": lambda a, r: F.cross_entropy(a, cls, reduction=r),
        "cross_entropy_probs": lambda a, r: F.cross_entropy(a, F.softmax(y, 1), reduction=r),
        "bce": lambda a, r: F.binary_cross_entropy(a.sigmoid(), t01, reduction=r),
        "bce_weight": lambda a, r: F.binary_cross_entropy(a.sigmoid(), t01, weight=w, reduction=r),
        "bce_with_logits": lambda a, r: F.binary_cross_entropy_with_logits(a, t01, reduction=r),
        "cross_entropy_large_logits": lambda a, r: F.cross_entropy(a * 0 + big + a, cls, reduction=r),
        "bce_with_logits_large": lambda a, r: F.binary_cross_entropy_with_logits(a * 0 + big + a, t01, reduction=r),
    }[name]


RECORDED = {
    ('mse', 'none'): ([7.111110210418701, 3.5105104446411133, 0.3408845365047455, 0.10453958064317703, 0.10259866714477539, 0.08046422898769379, 0.3929244875907898, 0.007610044442117214, 1.312170386314392, 5.037617206573486, 6.278724193572998, 3.9823169708251953], [-5.3333330154418945, -3.7472712993621826, -1.1677063703536987, 0.6466516256332397, 0.6406205296516418, -0.5673243403434753, -1.253673791885376, -0.17447113990783691, 2.2910001277923584, 4.488927364349365, 5.011476516723633, 3.9911487102508545]),
    ('mse', 'mean'): ([2.3551225662231445], [-0.4444444179534912, -0.3122726082801819, -0.09730886667966843, 0.053887635469436646, 0.05338504537940025, -0.04727702960371971, -0.104472815990448, -0.014539262279868126, 0.19091668725013733, 0.37407729029655457, 0.41762304306030273, 0.33259573578834534]),
    ('mse', 'sum'): ([28.261470794677734], [-5.3333330154418945, -3.7472712993621826, -1.1677063703536987, 0.6466516256332397, 0.6406205296516418, -0.5673243403434753, -1.253673791885376, -0.17447113990783691, 2.2910001277923584, 4.488927364349365, 5.011476516723633, 3.9911487102508545]),
    ('l1', 'none'): ([2.6666665077209473, 1.8736356496810913, 0.5838531851768494, 0.3233258128166199, 0.3203102648258209, 0.28366217017173767, 0.626836895942688, 0.08723556995391846, 1.1455000638961792, 2.2444636821746826, 2.5057382583618164, 1.9955743551254272], [-1.0, -1.0, -1.0, 1.0, 1.0, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0]),
    ('l1', 'mean'): ([1.2214001417160034], [-0.0833333358168602, -0.0833333358168602, -0.0833333358168602, 0.0833333358168602, 0.0833333358168602, -0.0833333358168602, -0.0833333358168602, -0.0833333358168602, 0.0833333358168602, 0.0833333358168602, 0.0833333358168602, 0.0833333358168602]),
    ('l1', 'sum'): ([14.6568021774292], [-1.0, -1.0, -1.0, 1.0, 1.0, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0]),
    ('nll', 'none'): ([0.6666666865348816, 0.3333333432674408, -1.6666666269302368], [0.0, 0.0, 0.0, -1.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0]),
    ('nll', 'mean'): ([-0.2222221940755844], [0.0, 0.0, 0.0, -0.3333333432674408, -0.3333333432674408, 0.0, 0.0, 0.0, 0.0, 0.0, -0.3333333432674408, 0.0]),
    ('nll', 'sum'): ([-0.666666567325592], [0.0, 0.0, 0.0, -1.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0]),
    ('nll_weight', 'none'): ([1.0, 0.3333333432674408, -0.8333333134651184], [0.0, 0.0, 0.0, -1.5, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, 0.0]),
    ('nll_weight', 'mean'): ([0.1666666716337204], [0.0, 0.0, 0.0, -0.5, -0.3333333432674408, 0.0, 0.0, 0.0, 0.0, 0.0, -0.1666666716337204, 0.0]),
    ('nll_weight', 'sum'): ([0.5], [0.0, 0.0, 0.0, -1.5, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, 0.0]),
    ('nll_ignore', 'none'): ([0.6666666865348816, 0.0, -1.6666666269302368], [0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0]),
    ('nll_ignore', 'mean'): ([-0.4999999701976776], [0.0, 0.0, 0.0, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, 0.0]),
    ('nll_ignore', 'sum'): ([-0.9999999403953552], [0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0]),
    ('cross_entropy', 'none'): ([0.9546756744384766, 1.9546756744384766, 1.2880090475082397], [0.14161039888858795, 0.19763320684432983, 0.27581942081451416, -0.6150630712509155, -0.8583896160125732, 0.19763320684432983, 0.2758193910121918, 0.38493695855140686, 0.14161039888858795, 0.19763323664665222, -0.7241805791854858, 0.38493695855140686]),
    ('cross_entropy', 'mean'): ([1.3991202116012573], [0.047203466296195984, 0.06587773561477661, 0.09193980693817139, -0.20502102375030518, -0.2861298620700836, 0.06587773561477661, 0.09193979948759079, 0.12831231951713562, 0.047203466296195984, 0.0658777505159378, -0.2413935363292694, 0.12831231951713562]),
    ('cross_entropy', 'sum'): ([4.197360515594482], [0.14161039888858795, 0.19763320684432983, 0.27581942081451416, -0.6150630712509155, -0.8583896160125732, 0.19763320684432983, 0.2758193910121918, 0.38493695855140686, 0.14161039888858795, 0.19763323664665222, -0.7241805791854858, 0.38493695855140686]),
    ('cross_entropy_probs', 'none'): ([1.701568365097046, 1.3003087043762207, 1.4269567728042603], [-0.3556996285915375, -0.11640537530183792, 0.15514856576919556, 0.316956490278244, 0.06262729316949844, -0.004018047358840704, -0.12082800269126892, 0.06221868097782135, -0.1782282143831253, 0.04889523983001709, 0.11596791446208954, 0.013365089893341064]),
    ('cross_entropy_probs', 'mean'): ([1.4762779474258423], [-0.11856655031442642, -0.03880179673433304, 0.05171618610620499, 0.10565216094255447, 0.02087576501071453, -0.0013393501285463572, -0.04027600586414337, 0.020739562809467316, -0.05940941348671913, 0.016298407688736916, 0.03865596652030945, 0.0044550225138664246]),
    ('cross_entropy_probs', 'sum'): ([4.428833961486816], [-0.3556996285915375, -0.11640537530183792, 0.15514856576919556, 0.316956490278244, 0.06262729316949844, -0.004018047358840704, -0.12082800269126892, 0.06221868097782135, -0.1782282143831253, 0.04889523983001709, 0.11596791446208954, 0.013365089893341064]),
    ('bce', 'none'): ([1.839674711227417, 0.2339625358581543, 0.3132616877555847, 1.0810368061065674, 0.5403055548667908, 0.6931471824645996, 0.5403056144714355, 1.0810366868972778, 1.3132617473602295, 0.2339625060558319, 1.8396743535995483, 2.126927614212036], [-0.8411309123039246, 0.20860853791236877, 0.2689414322376251, -0.6607563495635986, 0.41742974519729614, 0.5, -0.4174298048019409, 0.6607563495635986, 0.7310585975646973, -0.2086085081100464, 0.8411308526992798, 0.8807970285415649]),
    ('bce', 'mean'): ([0.9863796830177307], [-0.07009424269199371, 0.01738404482603073, 0.022411786019802094, -0.05506302788853645, 0.034785814583301544, 0.0416666679084301, -0.03478581830859184, 0.05506303161382675, 0.06092154607176781, -0.017384042963385582, 0.07009424269199371, 0.07339974492788315]),
    ('bce', 'sum'): ([11.836556434631348], [-0.8411309123039246, 0.20860853791236877, 0.2689414322376251, -0.6607563495635986, 0.41742974519729614, 0.5, -0.4174298048019409, 0.6607563495635986, 0.7310585975646973, -0.2086085081100464, 0.8411308526992798, 0.8807970285415649]),
    ('bce_weight', 'none'): ([1.839674711227417, 0.4679250717163086, 0.15663084387779236, 1.621555209159851, 0.5403055548667908, 1.3862943649291992, 0.2701528072357178, 1.6215550899505615, 1.3132617473602295, 0.4679250121116638, 0.9198371767997742, 3.1903915405273438], [-0.8411309123039246, 0.41721707582473755, 0.13447071611881256, -0.991134524345398, 0.41742974519729614, 1.0, -0.20871490240097046, 0.991134524345398, 0.7310585975646973, -0.4172170162200928, 0.4205654263496399, 1.3211954832077026]),
    ('bce_weight', 'mean'): ([1.1496257781982422], [-0.07009424269199371, 0.03476808965206146, 0.011205893009901047, -0.08259454369544983, 0.034785814583301544, 0.0833333358168602, -0.01739290915429592, 0.08259454369544983, 0.06092154607176781, -0.034768085926771164, 0.03504712134599686, 0.11009962856769562]),
    ('bce_weight', 'sum'): ([13.795509338378906], [-0.8411309123039246, 0.41721707582473755, 0.13447071611881256, -0.991134524345398, 0.41742974519729614, 1.0, -0.20871490240097046, 0.991134524345398, 0.7310585975646973, -0.4172170162200928, 0.4205654263496399, 1.3211954832077026]),
    ('bce_with_logits', 'none'): ([1.8396745920181274, 0.2339625358581543, 0.3132617473602295, 1.0810368061065674, 0.540305495262146, 0.6931471824645996, 0.5403055548667908, 1.0810368061065674, 1.3132617473602295, 0.2339625209569931, 1.8396745920181274, 2.1269280910491943], [-0.8411309123039246, 0.20860853791236877, 0.2689414322376251, -0.6607563495635986, 0.41742977499961853, 0.5, -0.4174298048019409, 0.6607563495635986, 0.7310585975646973, -0.2086085081100464, 0.8411308526992798, 0.8807970285415649]),
    ('bce_with_logits', 'mean'): ([0.9863798022270203], [-0.07009424269199371, 0.01738404482603073, 0.022411786019802094, -0.05506302788853645, 0.034785814583301544, 0.0416666679084301, -0.03478581830859184, 0.05506302788853645, 0.060921549797058105, -0.017384042963385582, 0.07009423524141312, 0.07339975237846375]),
    ('bce_with_logits', 'sum'): ([11.836557388305664], [-0.8411309123039246, 0.20860853791236877, 0.2689414322376251, -0.6607563495635986, 0.41742977499961853, 0.5, -0.4174298048019409, 0.6607563495635986, 0.7310585975646973, -0.2086085081100464, 0.8411308526992798, 0.8807970285415649]),
    ('cross_entropy_large_logits', 'none'): ([989.0, 800.6666870117188, 0.28749361634254456], [1.0, 0.0, 0.0, -1.0, -1.0, 2.6624670822171524e-44, 1.0, 0.0, 0.052122537046670914, 0.19773612916469574, -0.24985861778259277, 0.0]),
    ('cross_entropy_large_logits', 'mean'): ([596.6513671875], [0.3333333432674408, 0.0, 0.0, -0.3333333432674408, -0.3333333432674408, 8.407790785948902e-45, 0.3333333432674408, 0.0, 0.017374180257320404, 0.06591204553842545, -0.08328621089458466, 0.0]),
    ('cross_entropy_large_logits', 'sum'): ([1789.9541015625], [1.0, 0.0, 0.0, -1.0, -1.0, 2.6624670822171524e-44, 1.0, 0.0, 0.052122537046670914, 0.19773612916469574, -0.24985861778259277, 0.0]),
    ('bce_with_logits_large', 'none'): ([0.0, 0.0, 0.3132617473602295, 8.842310489853844e-05, 0.0, 200.0, 0.0, 1.0810368061065674, 89.0, 5.871244383735978e-40, 91.66666412353516, 0.0], [0.0, 0.0, 0.2689414322376251, -8.845329284667969e-05, 0.0, 1.0, 0.0, 0.6607563495635986, 1.0, 0.0, 1.0, 6.054601485195952e-39]),
    ('bce_with_logits_large', 'mean'): ([31.83841896057129], [0.0, 0.0, 0.022411786019802094, -7.371107585640857e-06, 0.0, 0.0833333358168602, 0.0, 0.05506302788853645, 0.0833333358168602, 0.0, 0.0833333358168602, 5.045501237663293e-40]),
    ('bce_with_logits_large', 'sum'): ([382.06103515625], [0.0, 0.0, 0.2689414322376251, -8.845329284667969e-05, 0.0, 1.0, 0.0, 0.6607563495635986, 1.0, 0.0, 1.0, 6.054601485195952e-39]),
}


@pytest.mark.parametrize("name, reduction", list(RECORDED))
def test_value_and_gradient_match_pytorch(name, reduction):
    expected_loss, expected_grad = RECORDED[(name, reduction)]
    x = minigrad.tensor(_inputs()[0], requires_grad=True)
    loss = _case(name)(x, reduction)
    loss.sum().backward()
    assert loss.dtype == minigrad.float32
    assert np.isfinite(loss.detach().numpy()).all()
    np.testing.assert_allclose(loss.detach().numpy().ravel(), expected_loss, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(x.grad.numpy().ravel(), expected_grad, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("module, name", [
    (nn.MSELoss, "MseLossBackward0"), (nn.NLLLoss, "NllLossBackward0"),
    (nn.CrossEntropyLoss, "NllLossBackward0"), (nn.BCELoss, "BinaryCrossEntropyBackward0"),
    (nn.BCEWithLogitsLoss, "BinaryCrossEntropyWithLogitsBackward0"), (nn.L1Loss, "MeanBackward0"),
])
def test_loss_modules_and_their_graph_nodes_match_pytorch(module, name):
    x = minigrad.tensor(_inputs()[0], requires_grad=True)
    if module in (nn.NLLLoss, nn.CrossEntropyLoss):
        target = minigrad.tensor(_inputs()[3])
    else:
        target = minigrad.tensor(_inputs()[2])
    input = x.sigmoid() if module is nn.BCELoss else x
    assert module()(input, target).grad_fn.name() == name
    summed = module(reduction="sum")(input, target)
    assert summed.item() == pytest.approx(module(reduction="none")(input, target).sum().item(), rel=1e-5)


_GRADCHECK_CASES = {
    "mse": lambda x, t, r: F.mse_loss(x, t, reduction=r),
    "l1": lambda x, t, r: F.l1_loss(x, t, reduction=r),
    "bce": lambda x, t, r: F.binary_cross_entropy(x.sigmoid(), t, reduction=r),
    "bce_with_logits": lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r),
}


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("name", list(_GRADCHECK_CASES))
def test_gradcheck_regression_losses_wrt_input_and_target(name, reduction):
    gen = np.random.default_rng(0)
    x = minigrad.tensor(gen.normal(size=(3, 4)), requires_grad=True)
    t = minigrad.tensor(gen.uniform(0.1, 0.9, size=(3, 4)), requires_grad=True)
    fn = lambda a, b: _GRADCHECK_CASES[name](a, b, reduction)  # noqa: E731
    assert minigrad.autograd.gradcheck(fn, (x, t))
    assert minigrad.autograd.gradgradcheck(fn, (x, t))


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("weighted", [False, True])
def test_gradcheck_classification_losses(reduction, weighted):
    gen = np.random.default_rng(1)
    x = minigrad.tensor(gen.normal(size=(5, 3)), requires_grad=True)
    target = minigrad.tensor([0, 2, 1, 2, -100])
    weight = minigrad.tensor([0.5, 2.0, 1.0], dtype=minigrad.float64) if weighted else None
    for fn in (lambda a: F.cross_entropy(a, target, weight=weight, reduction=reduction),
               lambda a: F.nll_loss(a.log_softmax(1), target, weight=weight, reduction=reduction)):
        assert minigrad.autograd.gradcheck(fn, (x,))
        assert minigrad.autograd.gradgradcheck(fn, (x,))


def test_cross_entropy_of_huge_logits_does_not_overflow():
    logits = minigrad.tensor([[1e4, -1e4, 0.0]], requires_grad=True)
    loss = F.cross_entropy(logits, minigrad.tensor([1]))
    loss.backward()
    assert loss.item() == pytest.approx(2e4)
    np.testing.assert_allclose(logits.grad.numpy(), [[1.0, -1.0, 0.0]])


def test_bad_reduction_and_loss_shape_messages_match_pytorch():
    x = minigrad.randn(3, 4)
    with pytest.raises(ValueError, match="^avg is not a valid value for reduction$"):
        F.mse_loss(x, x, reduction="avg")
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[3, 1\]\)\) that is "
                                         r"different to the input size \(torch.Size\(\[3, 4\]\)\)"):
        F.mse_loss(x, minigrad.randn(3, 1))
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of "
                                           r"tensor b \(2\) at non-singleton dimension 0"):
        with pytest.warns(UserWarning):
            F.mse_loss(x, minigrad.randn(2, 4))
    with pytest.raises(ValueError, match=r"^Expected input batch_size \(3\) to match target batch_size \(2\)\.$"):
        F.cross_entropy(x, minigrad.tensor([0, 1]))
    with pytest.raises(IndexError, match="^Target 7 is out of bounds.$"):
        F.nll_loss(x, minigrad.tensor([0, 1, 7]))
    with pytest.raises(RuntimeError, match="^expected target dtype to be Long or Byte, but got Float$"):
        F.nll_loss(x, minigrad.tensor([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match=r"^Using a target size \(torch.Size\(\[3, 1\]\)\) that is different "
                                         r"to the input size \(torch.Size\(\[3, 4\]\)\) is deprecated"):
        F.binary_cross_entropy(x.sigmoid(), minigrad.rand(3, 1))
    with pytest.raises(RuntimeError, match="^all elements of input should be between 0 and 1$"):
        F.binary_cross_entropy(x * 0 + 2, minigrad.rand(3, 4))
    with pytest.raises(ValueError, match=r"^Target size \(torch.Size\(\[3, 1\]\)\) must be the same as "
                                         r"input size \(torch.Size\(\[3, 4\]\)\)$"):
        F.binary_cross_entropy_with_logits(x, minigrad.rand(3, 1))


def _record():
    """Print RECORDED from PyTorch (run in the oracle venv)."""
    import torch

    def fmt(a):
        return "[" + ", ".join(repr(float(v)) for v in np.ravel(a)) + "]"

    print("RECORDED = {")
    for name in ["mse", "l1", "nll", "nll_weight", "nll_ignore", "cross_entropy", "cross_entropy_probs",
                 "bce", "bce_weight", "bce_with_logits", "cross_entropy_large_logits", "bce_with_logits_large"]:
        for reduction in ("none", "mean", "sum"):
            x = torch.tensor(_inputs()[0], requires_grad=True)
            loss = _case(name, torch)(x, reduction)
            loss.sum().backward()
            print(f"    ({name!r}, {reduction!r}): ({fmt(loss.detach().numpy())}, {fmt(x.grad.numpy())}),")
    print("}")


if __name__ == "__main__":
    _record()
