"""The loss ops, each one graph node as in PyTorch: MseLossBackward0, NllLossBackward0, ...

Same pattern as the core ops: ``forward`` computes with numpy, ``backward`` uses minigrad ops
only, so the gradient of a loss can itself be differentiated (``create_graph=True``).

``reduction`` is one of ``'none'`` (a loss per element), ``'sum'`` or ``'mean'``.
"""
import numpy as np

from ..autograd import Function
from ..ops.arithmetic import operands
from ..tensor import Tensor


def _reduce(losses, reduction, total_weight=None):
    """Apply a reduction to a numpy array of per-element losses."""
    if reduction == "none":
        return losses
    # (np.add.reduce: what .sum() calls, without its Python wrapper)
    if reduction == "sum":
        return np.add.reduce(losses, axis=None)
    return np.add.reduce(losses, axis=None) / (losses.size if total_weight is None else total_weight)


class MseLoss(Function):
    """loss = reduce((input - target) ** 2)"""

    node_name = "MseLossBackward0"

    @staticmethod
    def forward(ctx, input, target, reduction):
        ctx.save_for_backward(input, target)
        ctx.reduction = reduction
        x, t = operands(input, target)  # PyTorch's promotion: an int target stays float32
        return _reduce((x - t) ** 2, reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target = ctx.saved_tensors
        needs, reduction = ctx.needs_input_grad, ctx.reduction
        grad_input = MseLossBackward.apply(grad, input, target, reduction) if needs[0] else None
        grad_target = MseLossBackward.apply(grad, target, input, reduction) if needs[1] else None
        return grad_input, grad_target, None


def mse_loss_gradient(grad, x, y, reduction):
    """norm * (x - y) * grad on arrays, norm = 2/n for 'mean', else 2: in PyTorch's order of
    operations, which decides the last bit (also used by nn/_fast_backward.py)."""
    if y.dtype == np.bool_:  # a bool target counts as 0 or 1 here (the - operator refuses)
        y = y.astype(x.dtype)
    difference = x - y
    norm = 2 / difference.size if reduction == "mean" else 2.0
    return difference * norm * grad


class MseLossBackward(Function):
    """mse_loss's backward as an op (PyTorch's mse_loss_backward), so that it can be
    differentiated again:  out = norm * (a - b) * grad,  norm = 2/n for reduction='mean', else 2;
    d out/d grad = norm (a - b) (summed over a reduced loss's elements),
    d out/d a = -d out/d b = 2 grad gg (/ n for 'mean')"""

    node_name = "MseLossBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, a, b, reduction):
        ctx.save_for_backward(grad, a, b)
        ctx.reduction = reduction
        return mse_loss_gradient(grad._data, a._data, b._data, reduction)

    @staticmethod
    def backward(ctx, gg):
        grad, a, b = ctx.saved_tensors
        needs, reduction = ctx.needs_input_grad, ctx.reduction
        grad_grad = None
        if needs[0]:
            if reduction == "none":
                grad_grad = MseLossBackward.apply(gg, a, b, reduction)
            else:
                ones = Tensor._make(np.ones(grad.shape, grad._data.dtype))
                grad_grad = (MseLossBackward.apply(ones, a, b, reduction) * gg).sum()
        twice = 2 * (gg * grad)
        if reduction == "mean":
            twice = twice / twice.numel()
        return (grad_grad, twice if needs[1] else None, -twice if needs[2] else None, None)


class NllLoss(Function):
    """loss_i = -weight[t_i] * input[i, t_i];  mean divides by the sum of the weights used.

    ``input`` holds log-probabilities with the classes along dim 1 (or dim 0 if 1-D);
    ``target`` holds class indices. Targets equal to ``ignore_index`` contribute nothing.
    """

    node_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, input, t, w, reduction, ignore_index):
        """``t`` (class indices) and ``w`` (class weights, or None) are arrays: as in PyTorch,
        the node's only graph input is ``input``."""
        x = input._data
        class_dim = 0 if x.ndim == 1 else 1
        kept = t != ignore_index
        if w is None and np.count_nonzero(kept) == kept.size:
            # The usual case, every sample weighing 1: the same numbers with fewer array steps
            # (minus the sum of x is the sum of -x, exactly).
            index = _target_index(t, class_dim)
            total_weight = x.dtype.type(t.size)
            result = -_reduce(x[index], reduction, total_weight)
            d_loss_d_input = np.zeros(x.shape, x.dtype)
            d_loss_d_input[index] = -1
        else:
            safe_target = np.where(kept, t, 0)
            if w is None:  # every class weighs 1
                sample_weight = kept.astype(x.dtype)
            else:
                sample_weight = np.where(kept, w[safe_target], 0).astype(x.dtype)
            index = _target_index(safe_target, class_dim)
            losses = -x[index] * sample_weight
            total_weight = sample_weight.sum()
            # d loss / d input: -weight at each sample's target class, 0 elsewhere.
            d_loss_d_input = np.zeros(x.shape, x.dtype)
            d_loss_d_input[index] = 0 - sample_weight  # ignored targets get +0.0, not -0.0
            result = _reduce(losses, reduction, total_weight)
        ctx.save_for_backward(input)
        ctx.d_loss_d_input = d_loss_d_input
        ctx.class_dim, ctx.reduction, ctx.total_weight = class_dim, reduction, total_weight
        return result

    @staticmethod
    def backward(ctx, grad):
        (input,) = ctx.saved_tensors  # (saved as PyTorch does: checked for in-place changes)
        return (NllLossBackward.apply(grad, input, ctx.d_loss_d_input, ctx.class_dim,
                                      ctx.reduction, ctx.total_weight), None, None, None, None)


class NllLossBackward(Function):
    """nll_loss's backward as an op (PyTorch's nll_loss_backward), so that it can be
    differentiated again:  out = grad (/ total weight for 'mean') * d_loss_d_input, an array
    holding -weight at each sample's target and 0 elsewhere.

    d out/d grad sums gg * d_loss_d_input back to grad's shape; d out/d input is zero (the
    input is an argument only because PyTorch's node has it as one)."""

    node_name = "NllLossBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, input, d_loss_d_input, class_dim, reduction, total_weight):
        ctx.d_loss_d_input = d_loss_d_input
        ctx.class_dim, ctx.reduction, ctx.total_weight = class_dim, reduction, total_weight
        return nll_loss_gradient(grad._data, d_loss_d_input, class_dim, reduction, total_weight)

    @staticmethod
    def backward(ctx, gg):
        products = gg * Tensor._make(ctx.d_loss_d_input)
        if ctx.reduction == "none":
            grad_grad = products.sum(ctx.class_dim)
        elif ctx.reduction == "mean":
            grad_grad = products.sum() / float(ctx.total_weight)
        else:
            grad_grad = products.sum()
        return grad_grad, gg.new_zeros(gg.shape), None, None, None, None


def nll_loss_gradient(grad, d_loss_d_input, class_dim, reduction, total_weight):
    """nll_loss's input gradient on arrays (also used by nn/_fast_backward.py)."""
    if reduction == "none":
        grad = np.expand_dims(grad, class_dim)
    elif reduction == "mean":
        if total_weight == 0:  # every target ignored: no gradient anywhere (not 0/0 = nan)
            return np.zeros_like(d_loss_d_input)
        grad = grad / np.asarray(float(total_weight), dtype=grad.dtype)
    out = grad * d_loss_d_input
    out += 0  # a negative grad times 0 is -0.0; PyTorch writes only the targets, leaving 0.0
    return out


def _target_index(target, class_dim):
    """The index that picks each sample's target class: ``input[index]`` has the target's shape
    (``input[i, t[i]]`` for a batch of shape (N, C), ``input[t]`` for one sample of shape (C,))."""
    if class_dim == 0:
        return (target,)
    # One arange per target dim, each along its own axis so that they broadcast together.
    if target.ndim == 1:  # a batch of samples: (0, 1, ..., N-1), target
        return (np.arange(target.shape[0]), target)
    grids = [np.arange(n).reshape((n,) + (1,) * (target.ndim - 1 - i))
             for i, n in enumerate(target.shape)]
    return (grids[0], target, *grids[1:])


def _clamped_log(x):
    """log(x) clamped to >= -100, as PyTorch's binary_cross_entropy does (log(0) = -inf)."""
    return x.log().clamp(min=-100)


class BinaryCrossEntropy(Function):
    """loss = reduce(-weight * (t * log(x) + (1 - t) * log(1 - x))), logs clamped at -100"""

    node_name = "BinaryCrossEntropyBackward0"

    @staticmethod
    def forward(ctx, input, target, weight, reduction):
        x, t = input._data, target._data
        with np.errstate(divide="ignore"):
            log_x = np.maximum(np.log(x), -100)
            log_1mx = np.maximum(np.log1p(-x), -100)
        losses = -(t * log_x + (1 - t) * log_1mx)
        if weight is not None:
            losses = (losses * weight._data).astype(x.dtype, copy=False)  # weights don't promote
        ctx.save_for_backward(input, target, weight)
        ctx.reduction = reduction
        return _reduce(losses, reduction)

    @staticmethod
    def backward(ctx, grad):
        x, t, weight = ctx.saved_tensors
        if ctx.reduction == "mean":
            grad = grad / x.numel()
        if weight is not None:
            grad = grad * weight
        # The 1e-12 floor keeps x = 0 or 1 from dividing by zero (PyTorch's EPSILON).
        grad_input = grad * (x - t) / ((1 - x) * x).clamp(min=1e-12)
        grad_target = grad * (_clamped_log(1 - x) - _clamped_log(x))
        return grad_input, grad_target, None, None


class BinaryCrossEntropyWithLogits(Function):
    """loss = reduce(weight * ((1 - t) z - (1 + (pos_weight - 1) t) log(sigmoid(z))))

    That is -weight * (pos_weight t log(sigmoid(z)) + (1 - t) log(1 - sigmoid(z))): binary
    cross-entropy of sigmoid(z), with the positive (t = 1) term weighted by ``pos_weight``.
    log(sigmoid(z)) = min(z, 0) - log(1 + e^-|z|), so large |z| can't overflow.
    """

    node_name = "BinaryCrossEntropyWithLogitsBackward0"

    @staticmethod
    def forward(ctx, input, target, weight, pos_weight, reduction):
        z, t = input._data, target._data
        log_sigmoid = _log_sigmoid(z)
        if pos_weight is not None:
            log_sigmoid = log_sigmoid * ((pos_weight._data - 1) * t + 1)
        losses = (1 - t) * z - log_sigmoid
        if weight is not None:
            losses = losses * weight._data
        # PyTorch accumulates the loss in a tensor of the target's dtype, whatever z's and w's.
        losses = losses.astype(t.dtype, copy=False)
        ctx.save_for_backward(input, target, weight, pos_weight)
        ctx.reduction = reduction
        return _reduce(losses, reduction)

    @staticmethod
    def backward(ctx, grad):
        z, t, weight, pos_weight = ctx.saved_tensors
        if pos_weight is None:
            grad_input, grad_target = z.sigmoid() - t, -z
        else:
            # d loss/dz = (pos_weight t + 1 - t) sigmoid(z) - pos_weight t
            # d loss/dt = log(sigmoid(-z)) - pos_weight log(sigmoid(z))
            positive = pos_weight * t
            grad_input = (positive + 1 - t) * z.sigmoid() - positive
            grad_target = _log_sigmoid_tensor(-z) - _log_sigmoid_tensor(z) * pos_weight
        # PyTorch's order: times grad, then the weights, then / n for the mean (float32 rounding)
        grad_input, grad_target = grad_input * grad, grad_target * grad
        if weight is not None:
            grad_input, grad_target = grad_input * weight, grad_target * weight
        if ctx.reduction == "mean":
            grad_input, grad_target = grad_input / z.numel(), grad_target / z.numel()
        return grad_input, grad_target, None, None, None


def _log_sigmoid(z):
    """log(sigmoid(z)) = min(z, 0) - log(1 + e^-|z|), in PyTorch's steps (float32 rounds alike:
    exp and log1p each rounded once, as correctly rounded float32 functions are)."""
    e = np.exp(-np.abs(z).astype(np.float64)).astype(z.dtype)
    return np.minimum(z, 0) - np.log1p(e.astype(np.float64)).astype(z.dtype)


def _log_sigmoid_tensor(z):
    """log(sigmoid(z)) with minigrad ops, for backward."""
    return z.clamp(max=0) - (-z.abs()).exp().log1p()


class SmoothL1Loss(Function):
    """loss = reduce(0.5 d^2 / beta if |d| < beta else |d| - 0.5 beta), d = input - target

    d loss / d input = clamp(d, -beta, beta) / beta: d / beta near 0, then +-1 (as L1).
    """

    node_name = "SmoothL1LossBackward0"

    @staticmethod
    def forward(ctx, input, target, reduction, beta):
        ctx.save_for_backward(input, target)
        ctx.reduction, ctx.beta = reduction, beta
        x, t = operands(input, target)
        z = np.abs(x - t)
        return _reduce(np.where(z < beta, 0.5 * z * z / beta, z - 0.5 * beta).astype(z.dtype), reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target = ctx.saved_tensors
        grad_input = _norm(ctx, input, target) * _difference(input, target).clamp(-ctx.beta, ctx.beta) * grad / ctx.beta
        return grad_input, -grad_input, None, None


class HuberLoss(Function):
    """loss = reduce(0.5 d^2 if |d| < delta else delta * (|d| - 0.5 delta)), d = input - target

    d loss / d input = clamp(d, -delta, delta): Huber is SmoothL1 with beta = delta, times delta.
    """

    node_name = "HuberLossBackward0"

    @staticmethod
    def forward(ctx, input, target, reduction, delta):
        ctx.save_for_backward(input, target)
        ctx.reduction, ctx.delta = reduction, delta
        x, t = operands(input, target)
        z = np.abs(x - t)
        return _reduce(np.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta)).astype(z.dtype), reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target = ctx.saved_tensors
        grad_input = _norm(ctx, input, target) * (input - target).clamp(-ctx.delta, ctx.delta) * grad
        return grad_input, -grad_input, None, None


def _difference(input, target):
    """input - target, as the loss kernels compute it: a bool target counts as 0 or 1 there
    (PyTorch's ``-`` operator itself refuses bool tensors)."""
    if target._data.dtype == np.bool_:
        target = Tensor._make(target._data.astype(input._data.dtype))
    return input - target


def _norm(ctx, input, target):
    """1 / (number of losses) for reduction='mean', else 1: the gradient of the reduction."""
    if ctx.reduction != "mean":
        return 1.0
    return 1.0 / np.prod(np.broadcast_shapes(tuple(input.shape), tuple(target.shape)))
