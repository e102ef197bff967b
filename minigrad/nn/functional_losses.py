"""The loss functions of torch.nn.functional: mse_loss, l1_loss, smooth_l1_loss, huber_loss,
nll_loss, cross_entropy, binary_cross_entropy(_with_logits). ``nn/functional.py`` imports them,
so they are ``torch.nn.functional.mse_loss``, ...; the ops behind them are in _loss_functions.py.
"""
import warnings

import numpy as np

from .._dtype import result_type
from ..autograd import Function
from . import _layer_more_functions, _loss_functions
from .functional import _check_floating, _scalar_name, log_softmax

_REDUCTIONS = ("none", "mean", "sum")

def _legacy_reduction(size_average, reduce, reduction):
    """The reduction, or the one the deprecated ``size_average`` / ``reduce`` flags stand for
    (each True when not given): both True -> 'mean', reduce alone -> 'sum', else 'none'."""
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = ("mean" if size_average else "sum") if reduce else "none"
    warnings.warn("size_average and reduce args will be deprecated, please use "
                  f"reduction='{reduction}' instead.", stacklevel=3)
    return reduction


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _warn_if_sizes_differ(input, target):
    if tuple(target.shape) != tuple(input.shape):
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size "
                      f"({input.shape}). This will likely lead to incorrect results due to "
                      "broadcasting. Please ensure they have the same size.", stacklevel=3)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """Mean squared error: reduce((input - target) ** 2)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _warn_if_sizes_differ(input, target)
    _broadcast_check(input, target)
    dtype = result_type(input, target)  # an int target meets a float32 input as float32
    if dtype.kind != "f":
        raise NotImplementedError(f"\"mse_cpu\" not implemented for '{_scalar_name(dtype)}'")
    return _loss_functions.MseLoss.apply(input, target, reduction)


def _broadcast_check(input, target):
    """Raise PyTorch's message if input and target can't broadcast together."""
    a, b = tuple(input.shape), tuple(target.shape)
    for i in range(1, min(len(a), len(b)) + 1):
        if a[-i] != b[-i] and 1 not in (a[-i], b[-i]):
            raise RuntimeError(f"The size of tensor a ({a[-i]}) must match the size of tensor b "
                               f"({b[-i]}) at non-singleton dimension {max(len(a), len(b)) - i}")


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """Mean absolute error: reduce(|input - target|)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _warn_if_sizes_differ(input, target)
    losses = (input - target).abs()
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """reduce(0.5 d^2 / beta if |d| < beta else |d| - 0.5 beta), d = input - target.

    Quadratic near 0, like L1 further out; ``beta=0`` is exactly ``l1_loss``.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    _warn_if_sizes_differ(input, target)
    _broadcast_check(input, target)
    if beta == 0.0:
        return l1_loss(input, target, reduction=reduction)
    _check_floating(input, "smooth_l1_cpu")
    return _loss_functions.SmoothL1Loss.apply(input, target, reduction, float(beta))


def huber_loss(input, target, reduction="mean", delta=1.0):
    """reduce(0.5 d^2 if |d| < delta else delta * (|d| - 0.5 delta)), d = input - target.

    Equals ``delta * smooth_l1_loss(input, target, beta=delta)``.
    """
    _check_reduction(reduction)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _warn_if_sizes_differ(input, target)
    _broadcast_check(input, target)
    if target._data.dtype != input._data.dtype:  # huber_loss does not promote, unlike mse_loss
        raise RuntimeError(f"Found dtype {_scalar_name(target._data.dtype)} but expected "
                           f"{_scalar_name(input._data.dtype)}")
    _check_floating(input, "huber_cpu")
    return _loss_functions.HuberLoss.apply(input, target, reduction, float(delta))


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """Negative log likelihood: -input[i, target[i]] averaged over the batch.

    ``input`` holds log-probabilities (e.g. from ``log_softmax``), shape (N, C) or (C,);
    ``target`` holds class indices, shape (N,) or ().
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if weight is not None and weight.requires_grad:
        raise RuntimeError("The function 'nll_loss_forward' is not differentiable with respect to "
                           "argument 'weight'. This input cannot have requires_grad True.")
    w = None if weight is None else weight._data
    _check_nll_inputs(input._data, target._data, w, ignore_index)
    return _loss_functions.NllLoss.apply(input, target._data, w, reduction, ignore_index)


def _check_nll_inputs(x, t, w, ignore_index):
    """Raise PyTorch's errors for nll_loss's inputs, in PyTorch's order."""
    if x.ndim < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {x.ndim})")
    if x.ndim != 1 and x.shape[0] != (t.shape[0] if t.ndim else 0):
        raise ValueError(f"Expected input batch_size ({x.shape[0]}) to match target "
                         f"batch_size ({t.shape[0] if t.ndim else 0}).")
    if x.ndim <= 2 and t.ndim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if t.dtype != np.int64 and t.dtype != np.uint8:  # int32 or bool class indices are refused too
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_scalar_name(t.dtype)}")
    if x.ndim == 1 and t.ndim == 1 and t.shape[0] != 1:
        raise ValueError(f"For 1D input, 1D target must have size 1, but got target size: {t.shape[0]}")
    if x.ndim > 2 and t.shape != x.shape[:1] + x.shape[2:]:
        raise RuntimeError(f"Expected target size {list(x.shape[:1] + x.shape[2:])}, got {list(t.shape)}")
    num_classes = x.shape[0 if x.ndim == 1 else 1]
    if w is not None:
        if w.size != num_classes:
            raise RuntimeError(f"weight tensor should be defined either for all {num_classes} classes "
                               f"or no classes but got weight tensor of shape: {list(w.shape)}")
        if w.dtype != x.dtype:
            raise RuntimeError(f"expected scalar type {_scalar_name(x.dtype)} but found "
                               f"{_scalar_name(w.dtype)}")
    if x.dtype.kind != "f":
        kernel = "nll_loss_out_frame" if x.ndim <= 2 else "nll_loss2d_forward_out_frame"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_scalar_name(x.dtype)}'")
    if t.dtype == np.int64 and not np.count_nonzero(t.view(np.uint64) >= num_classes):
        return  # all in [0, num_classes): seen at once, as negatives are huge unsigned numbers
    bad = (t != ignore_index) & ((t < 0) | (t >= num_classes))
    if bad.any():
        raise IndexError(f"Target {t[bad].flat[0]} is out of bounds.")


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """Cross-entropy of raw scores (logits) against targets: nll_loss(log_softmax(input), target).

    ``target`` is either class indices, or class probabilities of the same shape as input
    (PyTorch decides by the shape alone: a float target of another shape is an error).
    ``label_smoothing`` = s in [0, 1] mixes the target with the uniform distribution over the
    C classes: (1 - s) * target + s / C (see ``_smoothed_cross_entropy`` for class indices).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    class_dim = 0 if input.dim() == 1 else 1
    if tuple(target.shape) != tuple(input.shape):  # class indices (even in a float tensor)
        if label_smoothing > 0.0:  # (PyTorch ignores a negative or nan one, as here)
            _check_reduction(reduction)
            _check_label_smoothing(label_smoothing)
            return _smoothed_cross_entropy(input, target, weight, ignore_index, reduction,
                                           label_smoothing, class_dim)
        return nll_loss(log_softmax(input, class_dim), target, weight, ignore_index=ignore_index,
                        reduction=reduction)
    if not target.dtype.is_floating_point:
        raise RuntimeError("Expected floating point type for target with class probabilities, "
                           f"got {_scalar_name(target._data.dtype)}")
    if ignore_index >= 0:
        raise RuntimeError("ignore_index is not supported for floating point target")
    _check_reduction(reduction)
    _check_label_smoothing(label_smoothing)
    if label_smoothing > 0.0:
        n_classes = input.shape[class_dim]
        target = _layer_more_functions.AddScalar.apply(
            _MulScalar.apply(target, 1 - label_smoothing), label_smoothing / n_classes)
    log_probs = log_softmax(input, class_dim)
    losses = log_probs * target if weight is None else log_probs * target * weight
    if reduction == "none":
        return -losses.sum(class_dim)
    if reduction == "sum":
        return -losses.sum()
    return -losses.sum() / (input.numel() // input.shape[class_dim])


def _check_label_smoothing(label_smoothing):
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")


class _MulScalar(Function):
    """z = a * c, c a Python number: PyTorch's mul.Scalar, which its C++ code calls (the node is
    MulBackward1, with one input; Python's ``a * c`` records MulBackward0);  dz/da = c"""

    node_name = "MulBackward1"

    @staticmethod
    def forward(ctx, a, c):
        ctx.c = c
        return a._data * np.asarray(c, a._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return _MulScalar.apply(grad, ctx.c), None


def _smoothed_cross_entropy(input, target, weight, ignore_index, reduction, s, class_dim):
    """Cross-entropy of class indices with label smoothing s, as PyTorch computes it:

        (1 - s) * nll_loss(log_p, target) + s / C * smooth,   log_p = log_softmax(input),

    ``smooth`` being the loss against a uniform target: -sum over classes of log_p (each class
    times its weight), 0 where target == ignore_index, reduced as nll_loss reduces: 'mean'
    divides by the number of targets not ignored (by the sum of their weights, with a weight).
    """
    n_classes = input.shape[class_dim]
    log_probs = log_softmax(input, class_dim)
    nll = nll_loss(log_probs, target, weight, ignore_index=ignore_index, reduction=reduction)
    if weight is not None:
        shape = [1] * input.dim()
        shape[class_dim] = n_classes  # one weight per class, along the class dim
        log_probs = log_probs * weight.reshape(shape)
    ignored = target == ignore_index
    smooth = (-log_probs.sum(class_dim)).masked_fill(ignored, 0.0)
    if reduction == "sum":
        smooth = smooth.sum()
    elif reduction == "mean":
        kept = ~ignored
        smooth = smooth.sum() / (kept.sum() if weight is None else weight[target[kept]].sum())
    return _MulScalar.apply(nll, 1 - s) + _MulScalar.apply(smooth, s / n_classes)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """Binary cross-entropy of probabilities: -(t log(x) + (1 - t) log(1 - x))."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input size "
                         f"({input.shape}) is deprecated. Please ensure they have the same size.")
    if target._data.dtype != input._data.dtype:  # an int target (a classic mistake) included
        raise RuntimeError(f"Found dtype {_scalar_name(target._data.dtype)} but expected "
                           f"{_scalar_name(input._data.dtype)}")
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f"\"binary_cross_entropy\" not implemented for "
                                  f"'{_scalar_name(input._data.dtype)}'")
    if ((input._data < 0) | (input._data > 1)).any():
        raise RuntimeError("all elements of input should be between 0 and 1")
    return _loss_functions.BinaryCrossEntropy.apply(input, target, weight, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """Binary cross-entropy of logits: binary_cross_entropy(sigmoid(input), target), computed stably.

    ``pos_weight`` (e.g. one per class, broadcast against the last dim) weighs the positive
    term: -(pos_weight * t * log(sigmoid(x)) + (1 - t) * log(1 - sigmoid(x))).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    x, t = input._data.dtype, target._data.dtype
    if x.kind != "f":
        raise NotImplementedError(f"\"log_sigmoid_cpu\" not implemented for '{_scalar_name(x)}'")
    if t == np.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if t.kind != "f":  # PyTorch computes the loss in a tensor of the target's dtype
        raise RuntimeError(f"result type {_scalar_name(x)} can't be cast to the desired output "
                           f"type {_scalar_name(t)}")
    if pos_weight is not None:
        _broadcast_check(pos_weight, target)
    return _loss_functions.BinaryCrossEntropyWithLogits.apply(input, target, weight, pos_weight,
                                                              reduction)
