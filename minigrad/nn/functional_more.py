"""More of torch.nn.functional: one_hot, pad, normalize, distances, more activations, kl_div.

Functions that PyTorch writes as a composition of ops are written the same way here (so the
graph has the same nodes, e.g. softsign is ``DivBackward0(x, AddBackward0(AbsBackward0))``);
the others are one op each, from ``_activation_more_functions`` / ``_layer_more_functions``.
"""
import math
import warnings

import numpy as np

import minigrad
from . import _activation_more_functions as _act
from . import _layer_more_functions as _layer
from ..ops.reduce import Norm
from .functional import _broadcast_check, _check_floating, _legacy_reduction, softmax


# ----- indices and shapes -----------------------------------------------------------------

def one_hot(tensor, num_classes=-1):
    """A long tensor of shape ``tensor.shape + (num_classes,)``: 1 at each index, 0 elsewhere
    (torch.nn.functional.one_hot). ``num_classes=-1`` takes ``tensor.max() + 1``.

    Example:
        >>> F.one_hot(minigrad.tensor([0, 2]), 3)
        tensor([[1, 0, 0],
                [0, 0, 1]])
    """
    indices = tensor._data
    if indices.dtype != np.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if indices.size == 0:
        if num_classes == -1:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
    else:
        if indices.min() < 0:
            raise RuntimeError("Class values must be non-negative.")
        if num_classes == -1:
            num_classes = int(indices.max()) + 1
        elif indices.max() >= num_classes:
            raise RuntimeError("Class values must be smaller than num_classes.")
    out = (indices[..., None] == np.arange(num_classes)).astype(np.int64)
    return minigrad.Tensor._make(out)


def pad(input, pad, mode="constant", value=None):
    """Pad the last ``len(pad) // 2`` dimensions (torch.nn.functional.pad, ``mode='constant'``).

    ``pad`` lists (left, right) widths starting from the last dimension:
    ``(1, 2)`` adds 1 column before and 2 after; ``(1, 1, 2, 0)`` also adds 2 rows on top.
    Negative widths crop. One op, ``ConstantPadNdBackward0``, as in PyTorch. The other modes
    (reflect, replicate, circular) are not implemented in minigrad.
    """
    if mode != "constant":
        if mode in ("reflect", "replicate", "circular"):
            raise NotImplementedError(f"minigrad's pad only supports mode='constant', not mode='{mode}'")
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    pad = [int(p) for p in pad]
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > input.dim():
        raise RuntimeError("Padding length should be less than or equal to two times the input "
                           f"dimension but got padding length {len(pad)} and input of dimension "
                           f"{input.dim()}")
    return _layer.ConstantPadNd.apply(input, pad, 0 if value is None else value)


# ----- norms and distances ----------------------------------------------------------------

def _norm_dims(input, dim):
    ndim = max(input.dim(), 1)
    if not -ndim <= dim < ndim:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-ndim}, {ndim - 1}], "
                         f"but got {dim})")
    return (dim % ndim,)


def _check_norm_order(p):
    if not (p > 0 and math.isfinite(p)):
        raise NotImplementedError(f"minigrad only computes p-norms with 0 < p < inf, not p={p}")


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p, eps) along ``dim``: unit-length vectors (torch.nn.functional.normalize).

    Example:
        >>> F.normalize(minigrad.tensor([[3.0, 4.0]]))
        tensor([[0.6000, 0.8000]])
    """
    _check_norm_order(p)
    norm = Norm.apply(input, p, _norm_dims(input, dim), True)
    return input / _layer.ClampMin.apply(norm, eps).expand_as(input)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """sum(x1 * x2) / (||x1|| ||x2||) along ``dim`` (torch.nn.functional.cosine_similarity).

    As in PyTorch, each input is divided by its own norm first (clamped to at least ``eps``
    with gradient recording off, so the clamp leaves no node: a ``CloneBackward0`` stands
    where it was), and the products are summed.
    """
    _broadcast_check(x1, x2)
    shape = np.broadcast_shapes(tuple(x1.shape), tuple(x2.shape))
    if tuple(x1.shape) != tuple(x2.shape):  # PyTorch then expands both (ExpandBackward0 nodes)
        x1, x2 = x1.expand(*shape), x2.expand(*shape)
    dims = _norm_dims(x1, dim)
    norms = []
    for x in (x1, x2):
        norm = Norm.apply(x, 2, dims, True).clone()
        with minigrad.no_grad():
            norm.clamp_(min=eps)
        norms.append(norm)
    return ((x1 / norms[0]) * (x2 / norms[1])).sum(dims[0])


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """||x1 - x2 + eps||_p over the last dimension (torch.nn.functional.pairwise_distance).

    The graph is PyTorch's: NormBackward1(AddBackward1(SubBackward0)).
    """
    _check_norm_order(p)
    _broadcast_check(x1, x2)
    last = max(x1.dim(), x2.dim()) - 1
    return _layer.NormDim.apply(_layer.AddScalar.apply(x1 - x2, eps), p, (last,), keepdim)


# ----- activations ------------------------------------------------------------------------

def softmin(input, dim=None):
    """softmax(-input) along ``dim``: small values get large probabilities (torch.nn.functional.softmin)."""
    return softmax(-input, dim)


def logsigmoid(input):
    """log(sigmoid(x)) elementwise, without overflow (torch.nn.functional.logsigmoid)."""
    _check_floating(input, "log_sigmoid_cpu")
    return _act.LogSigmoid.apply(input)


def softsign(input):
    """x / (1 + |x|) elementwise (torch.nn.functional.softsign; a composition in PyTorch too)."""
    return input / (input.abs() + 1)


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(input, inplace=False):
    """scale * elu(x, alpha) with PyTorch's fixed alpha ~ 1.6733 and scale ~ 1.0507
    (torch.nn.functional.selu). One node, ``EluBackward0``, as in PyTorch."""
    _check_floating(input, "elu_cpu")
    return _act.Elu.apply(input, _SELU_ALPHA, _SELU_SCALE, 1.0)


def celu(input, alpha=1.0, inplace=False):
    """x if x > 0 else alpha * (exp(x / alpha) - 1), elementwise (torch.nn.functional.celu)."""
    _check_floating(input, "elu_cpu")
    return _act.Celu.apply(input, alpha, 1.0, 1.0 / alpha)


def mish(input, inplace=False):
    """x * tanh(softplus(x)) elementwise (torch.nn.functional.mish)."""
    _check_floating(input, "mish_cpu")
    return _act.Mish.apply(input)


def hardswish(input, inplace=False):
    """x * relu6(x + 3) / 6 elementwise (torch.nn.functional.hardswish)."""
    _check_floating(input, "hardswish_cpu")
    return _act.Hardswish.apply(input)


def hardsigmoid(input, inplace=False):
    """relu6(x + 3) / 6 elementwise: a piecewise-linear sigmoid (torch.nn.functional.hardsigmoid)."""
    _check_floating(input, "hardsigmoid_cpu")
    return _act.Hardsigmoid.apply(input)


def glu(input, dim=-1):
    """a * sigmoid(b), where a and b are the two halves of ``input`` along ``dim``
    (torch.nn.functional.glu, the gated linear unit)."""
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    _check_floating(input, "glu_cpu")
    dim = dim % input.dim() if -input.dim() <= dim < input.dim() else dim
    if not 0 <= dim < input.dim():
        raise IndexError(f"Dimension out of range (expected to be in range of [{-input.dim()}, "
                         f"{input.dim() - 1}], but got {dim})")
    if input.shape[dim] % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {dim} is size "
                           f"{input.shape[dim]}")
    return _act.Glu.apply(input, dim)


# ----- losses -----------------------------------------------------------------------------

def _xlogy(input, other):
    """input * log(other), and 0 where input is 0 (torch.xlogy): ``XlogyBackward0``."""
    return _act.Xlogy.apply(input, other)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """The Kullback-Leibler divergence loss (torch.nn.functional.kl_div).

    ``input`` holds log-probabilities; ``target`` probabilities (or log-probabilities with
    ``log_target=True``). Per element: target * (log(target) - input), written as PyTorch
    does, ``xlogy(target, target) - target * input``. ``reduction='batchmean'`` (sum / batch
    size) is the mathematical KL divergence; 'mean' also divides by the number of classes,
    and warns so.
    """
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce, reduction)
        batchmean = False
    else:
        if reduction == "mean":
            warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the "
                          "support size.'batchmean' divides only by the batch size, and aligns with "
                          "the KL div math definition.'mean' will be changed to behave the same as "
                          "'batchmean' in the next major release.", stacklevel=2)
        batchmean = reduction == "batchmean"
        if batchmean:
            reduction = "sum"
        elif reduction not in ("none", "mean", "sum"):
            raise ValueError(f"{reduction} is not a valid value for reduction")
    _broadcast_check(target, input)  # PyTorch's first failing op is target * input
    if log_target:
        losses = target.exp() * (target - input)
    else:
        losses = _xlogy(target, target) - target * input
    if reduction == "none":
        return losses
    loss = losses.sum() if reduction == "sum" else losses.mean()
    if batchmean and input.dim() != 0:
        loss = loss / input.shape[0]
    return loss
