"""Numpy-only backward formulas for the nn ops of a training step (Addmm and the losses).

The same speed-up as ``minigrad/ops/fast_backward.py``, which explains it: each op's own
``backward`` (in ``_layer_functions.py`` and ``_loss_functions.py``) is the reference, and the
engine uses these only when nothing is being recorded. Each returns one array (or None) per
tensor input of the op, in the order of ``next_functions``.
"""
import numpy as np

from ..ops.fast_backward import FAST_BACKWARD, _arrays
from ..ops.linalg import mm_backward_arrays
from ._activation_functions import Gelu, LeakyRelu, gelu_gradient, leaky_relu_gradient
from ._layer_functions import Addmm
from ._loss_functions import (BinaryCrossEntropy, BinaryCrossEntropyWithLogits, MseLoss, NllLoss,
                              mse_loss_gradient, nll_loss_gradient)


def _addmm(ctx, grad):
    mat1, mat2 = _arrays(ctx)
    needs = ctx.needs_input_grad
    # bias's gradient is grad itself: the engine sums it over the batch (bias broadcast).
    return (grad if needs[0] else None,) + mm_backward_arrays(grad, mat1, mat2, *needs[1:])


def _mse_loss(ctx, grad):
    input, target = _arrays(ctx)
    grad_input = mse_loss_gradient(grad, input, target, ctx.reduction)
    return grad_input, -grad_input if ctx.needs_input_grad[1] else None


def _nll_loss(ctx, grad):
    _arrays(ctx)  # (checks the saved input for in-place changes)
    grad_input = nll_loss_gradient(grad, ctx.d_loss_d_input, ctx.class_dim, ctx.reduction,
                                   ctx.total_weight)
    return (grad_input,)  # (input is the node's only tensor input)


def _clamped_log(x):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.maximum(np.log(x), np.asarray(-100, x.dtype))


def _binary_cross_entropy(ctx, grad):
    x, t, weight = _arrays(ctx)
    if ctx.reduction == "mean":
        grad = grad / np.asarray(x.size, grad.dtype)
    if weight is not None:
        grad = grad * weight
    grad_input = grad * (x - t) / np.maximum((1 - x) * x, np.asarray(1e-12, x.dtype))
    grad_target = None
    if ctx.needs_input_grad[1]:
        grad_target = grad * (_clamped_log(1 - x) - _clamped_log(x))
    return grad_input, grad_target, None


def _sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


def _log_sigmoid(z):
    """``_loss_functions._log_sigmoid_tensor`` on arrays: the same steps and roundings."""
    e = np.exp(-np.abs(z))
    return np.minimum(z, np.asarray(0, z.dtype)) - np.log1p(e.astype(np.float64)).astype(z.dtype)


def _binary_cross_entropy_with_logits(ctx, grad):
    z, t, weight, pos_weight = _arrays(ctx)
    if pos_weight is None:
        grad_input, grad_target = _sigmoid(z) - t, -z
    else:
        positive = pos_weight * t
        grad_input = (positive + 1 - t) * _sigmoid(z) - positive
        grad_target = _log_sigmoid(-z) - _log_sigmoid(z) * pos_weight
    grad_input, grad_target = grad_input * grad, grad_target * grad
    if weight is not None:
        grad_input, grad_target = grad_input * weight, grad_target * weight
    if ctx.reduction == "mean":
        n = np.asarray(z.size, grad_input.dtype)
        grad_input, grad_target = grad_input / n, grad_target / n
    return grad_input, grad_target, None, None


def _leaky_relu(ctx, grad):
    (a,) = _arrays(ctx)
    return (leaky_relu_gradient(grad, a, ctx.negative_slope),)


def _gelu(ctx, grad):
    (a,) = _arrays(ctx)
    return (gelu_gradient(grad, a, ctx.approximate),)


FAST_BACKWARD.update({LeakyRelu: _leaky_relu, Gelu: _gelu, Addmm: _addmm, MseLoss: _mse_loss, NllLoss: _nll_loss,
                      BinaryCrossEntropy: _binary_cross_entropy,
                      BinaryCrossEntropyWithLogits: _binary_cross_entropy_with_logits})
