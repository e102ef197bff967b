"""Tensor.norm for any p, values and gradients as PyTorch 2.13 printed them (float64), with
its signs of zero: where the norm is 0, p = 1, 2, 0.5 and inf give -0.0 for a negative
incoming gradient (a product with 0), p = 3 and 1.5 give 0.0 (a masked fill)."""
import numpy as np
import pytest

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck

X = [[1.5, -2.0, 3.0, -3.0], [0.0, 0.0, 0.0, 0.0]]
Z = -0.0
RECORDED = {
    1: ([9.5, 0.0], [[1.0, -1.0, 1.0, -1.0], [Z, Z, Z, Z]]),
    2: ([4.924428900898052, 0.0], [[0.30460384954008574, -0.40613846605344767,
                                     0.6092076990801715, -0.6092076990801715], [Z, Z, Z, Z]]),
    3: ([4.028443101437774, 0.0], [[0.13864622528848938, -0.24648217829064778,
                                     0.5545849011539575, -0.5545849011539575], [0.0] * 4]),
    0.5: ([37.24734196050904, 0.0], [[4.983127663125442, -4.315515146567616, 3.523603362114274,
                                      -3.523603362114274], [Z, Z, Z, Z]]),
    1.5: ([6.097829783000977, 0.0], [[0.4959729384882532, -0.5727002190939254,
                                       0.7014116561801245, -0.7014116561801245], [0.0] * 4]),
    float("inf"): ([3.0, 0.0], [[0.0, Z, 0.5, -0.5], [Z, Z, Z, Z]]),
    "fro": ([4.924428900898052, 0.0], [[0.30460384954008574, -0.40613846605344767,
                                         0.6092076990801715, -0.6092076990801715], [Z, Z, Z, Z]]),
}


@pytest.mark.parametrize("p", RECORDED, ids=str)
def test_norm_values_and_gradients_match_pytorch(p):
    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    n = x.norm(p=p, dim=1)
    assert n.grad_fn.name() == "LinalgVectorNormBackward0"
    n.backward(torch.tensor([1.0, -1.0], dtype=torch.float64))
    values, grads = RECORDED[p]
    np.testing.assert_allclose(n.detach().numpy(), values, rtol=1e-14)
    np.testing.assert_allclose(x.grad.numpy(), grads, rtol=1e-14)
    np.testing.assert_array_equal(np.signbit(x.grad.numpy()), np.signbit(grads))


def test_the_zero_norm_counts_and_gives_no_gradient():
    x = torch.tensor([1.5, -2.0, 0.0], requires_grad=True)
    n = x.norm(0)
    n.backward()
    assert n.item() == 2.0 and x.grad is None  # as PyTorch: no gradient at all


@pytest.mark.parametrize("p", [1, 2, 3, 0.5, 1.5, float("inf")], ids=str)
def test_norm_gradcheck(p):
    x = torch.tensor([[1.5, -2.0, 3.0, -3.5], [0.3, -0.7, 1.1, 2.0]], dtype=torch.float64,
                     requires_grad=True)
    assert gradcheck(lambda x: x.norm(p=p, dim=1), (x,))
    assert gradgradcheck(lambda x: x.norm(p=p), (x,))
