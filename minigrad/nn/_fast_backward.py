"""Numpy-only backward formulas for the nn ops of a training step (Addmm, MseLoss, NllLoss).

The same speed-up as ``minigrad/ops/fast_backward.py``, which explains it: each op's own
``backward`` (in ``_layer_functions.py`` and ``_loss_functions.py``) is the reference, and the
engine uses these only when nothing is being recorded. Each returns one array (or None) per
tensor input of the op, in the order of ``next_functions``.
"""
import numpy as np

from ..ops.fast_backward import FAST_BACKWARD, INDEX_INPUTS, _arrays
from ..ops.linalg import mm_backward_arrays
from ._layer_functions import Addmm
from ._loss_functions import MseLoss, NllLoss, mse_loss_gradient


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
    (d_loss_d_input,) = _arrays(ctx)
    if ctx.reduction == "none":
        grad = np.expand_dims(grad, ctx.class_dim)
    elif ctx.reduction == "mean":
        grad = grad / np.asarray(float(ctx.total_weight), dtype=grad.dtype)
    # One entry per tensor input: input, target and, when given, the class weights.
    return (grad * d_loss_d_input,) + (None,) * (len(ctx._edges) - 1)


FAST_BACKWARD.update({Addmm: _addmm, MseLoss: _mse_loss, NllLoss: _nll_loss})
INDEX_INPUTS.add(NllLoss)  # its target holds class indices
