"""Activation, Embedding, Dropout, Flatten layers and nn.init: values, graph nodes, messages.

Graph-node names and messages were printed by PyTorch 2.13 for the same calls.
"""
import math

import numpy as np
import pytest

import minigrad
import minigrad.nn.functional as F
from minigrad import nn


@pytest.mark.parametrize("layer, node, reference", [
    (nn.ReLU(), "ReluBackward0", lambda x: np.maximum(x, 0)),
    (nn.Sigmoid(), "SigmoidBackward0", lambda x: 1 / (1 + np.exp(-x))),
    (nn.Tanh(), "TanhBackward0", np.tanh),
    (nn.Softmax(dim=1), "SoftmaxBackward0", lambda x: np.exp(x) / np.exp(x).sum(1, keepdims=True)),
    (nn.LogSoftmax(dim=1), "LogSoftmaxBackward0",
     lambda x: x - np.log(np.exp(x).sum(1, keepdims=True))),
])
def test_activation_layers(layer, node, reference):
    x = minigrad.randn(3, 4, requires_grad=True)
    out = layer(x)
    assert out.grad_fn.name() == node
    np.testing.assert_allclose(out.detach().numpy(), reference(x.detach().numpy()), rtol=1e-5, atol=1e-6)


def test_softmax_without_dim_warns_like_pytorch():
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax has been deprecated"):
        out = F.softmax(minigrad.randn(3, 4))
    np.testing.assert_allclose(out.sum(1).numpy(), np.ones(3), rtol=1e-6)


def test_flatten_merges_all_but_the_batch_dimension():
    x = minigrad.randn(2, 3, 4, requires_grad=True)
    out = nn.Flatten()(x)
    assert tuple(out.shape) == (2, 12)
    assert out.grad_fn.name() == "ViewBackward0"
    assert tuple(nn.Flatten(0, 1)(x).shape) == (6, 4)


def test_embedding_looks_up_rows_and_accumulates_repeated_indices():
    minigrad.manual_seed(0)
    emb = nn.Embedding(5, 3)
    idx = minigrad.tensor([[1, 4], [1, 0]])
    out = emb(idx)
    assert tuple(out.shape) == (2, 2, 3)
    assert out.grad_fn.name() == "EmbeddingBackward0"
    np.testing.assert_array_equal(out.detach().numpy(), emb.weight.detach().numpy()[idx.numpy()])
    out.sum().backward()
    np.testing.assert_array_equal(emb.weight.grad.numpy()[:, 0], [1, 2, 0, 0, 1])


def test_embedding_weights_are_standard_normal_and_padding_row_is_zero():
    minigrad.manual_seed(0)
    weights = nn.Embedding(1000, 20).weight.detach().numpy()
    assert abs(weights.mean()) < 0.02 and abs(weights.std() - 1) < 0.02
    padded = nn.Embedding(4, 2, padding_idx=0)
    assert not padded.weight.detach().numpy()[0].any()
    padded(minigrad.tensor([0, 1, 0])).sum().backward()
    np.testing.assert_array_equal(padded.weight.grad.numpy()[:, 0], [0, 1, 0, 0])
    assert repr(padded) == "Embedding(4, 2, padding_idx=0)"


def test_embedding_gradcheck_and_errors():
    weight = minigrad.randn(4, 3, dtype=minigrad.float64, requires_grad=True)
    idx = minigrad.tensor([0, 2, 2, 3])
    assert minigrad.autograd.gradcheck(lambda w: F.embedding(idx, w), (weight,))
    with pytest.raises(IndexError, match="^index out of range in self$"):
        nn.Embedding(3, 2)(minigrad.tensor([5]))
    with pytest.raises(RuntimeError, match="Expected tensor for argument #1 'indices' to have one of "
                                           "the following scalar types: Long, Int; but got torch.FloatTensor"):
        nn.Embedding(3, 2)(minigrad.tensor([1.0]))


def test_dropout_zeroes_and_rescales_in_training_and_is_identity_in_eval():
    minigrad.manual_seed(0)
    layer = nn.Dropout(p=0.25)
    x = minigrad.ones(100, 100, requires_grad=True)
    out = layer(x)
    values = out.detach().numpy()
    assert set(np.unique(values)) == {0.0, np.float32(1 / 0.75)}
    assert abs((values == 0).mean() - 0.25) < 0.02
    assert out.grad_fn.name() == "MulBackward0"
    layer.eval()
    assert layer(x) is x
    with pytest.raises(ValueError, match="^dropout probability has to be between 0 and 1, but got 1.5$"):
        nn.Dropout(1.5)


def test_init_functions_fill_in_place_without_recording():
    w = nn.Parameter(minigrad.empty(30, 40))
    assert nn.init.constant_(w, 0.5) is w
    assert (w.detach().numpy() == 0.5).all() and w.is_leaf and w.grad_fn is None
    nn.init.zeros_(w)
    assert not w.detach().numpy().any()
    nn.init.ones_(w)
    assert (w.detach().numpy() == 1).all()
    minigrad.manual_seed(0)
    nn.init.uniform_(w, -2, 3)
    assert w.detach().numpy().min() >= -2 and w.detach().numpy().max() <= 3
    nn.init.normal_(w, mean=1.0, std=0.1)
    assert abs(w.detach().numpy().mean() - 1.0) < 0.02
    nn.init.xavier_uniform_(w)
    bound = math.sqrt(6 / (30 + 40))
    assert np.abs(w.detach().numpy()).max() <= bound and np.abs(w.detach().numpy()).max() > 0.9 * bound
    nn.init.kaiming_uniform_(w, a=math.sqrt(5))
    assert np.abs(w.detach().numpy()).max() <= 1 / math.sqrt(40)


def test_calculate_gain_and_fan_errors_match_pytorch():
    assert nn.init.calculate_gain("relu") == math.sqrt(2.0)
    assert nn.init.calculate_gain("tanh") == 5.0 / 3
    assert nn.init.calculate_gain("leaky_relu", math.sqrt(5)) == math.sqrt(2.0 / 6)
    with pytest.raises(ValueError, match="^Fan in and fan out can not be computed for tensor with "
                                         "fewer than 2 dimensions$"):
        nn.init.kaiming_uniform_(minigrad.empty(3))
