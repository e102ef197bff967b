"""Weight initialisation, in place (torch.nn.init).

Every function overwrites ``tensor``'s values under ``no_grad`` (so it works on Parameters,
which are leaves that require grad) and returns the same tensor. Random ones draw from
minigrad's global generator, so ``minigrad.manual_seed`` makes them reproducible.
"""
import math
import warnings

import numpy as np

import minigrad
from ..autograd.grad_mode import no_grad


def calculate_gain(nonlinearity, param=None):
    """The recommended scale of the weights for a nonlinearity (torch.nn.init.calculate_gain).

    ``'relu'`` -> sqrt(2), ``'tanh'`` -> 5/3, ``'leaky_relu'`` -> sqrt(2 / (1 + slope**2)),
    linear-like ones (``'linear'``, ``'sigmoid'``, ``'conv2d'``...) -> 1.
    """
    linear_like = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                   "conv_transpose2d", "conv_transpose3d", "sigmoid")
    if nonlinearity in linear_like:
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        if isinstance(slope, bool) or not isinstance(slope, (int, float)):
            raise ValueError(f"negative_slope {slope} not a valid number")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _calculate_fan_in_and_fan_out(tensor):
    """(inputs, outputs) per unit of a weight of shape (out, in, *kernel)."""
    if tensor.dim() < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    receptive_field = math.prod(tensor.shape[2:])
    return tensor.shape[1] * receptive_field, tensor.shape[0] * receptive_field


def uniform_(tensor, a=0.0, b=1.0, generator=None):
    """Fill with values drawn from U(a, b)."""
    with no_grad():
        return tensor.uniform_(a, b, generator=generator)


def normal_(tensor, mean=0.0, std=1.0, generator=None):
    """Fill with values drawn from N(mean, std**2)."""
    with no_grad():
        return tensor.normal_(mean, std, generator=generator)


def constant_(tensor, val):
    """Fill with the value ``val``."""
    with no_grad():
        return tensor.fill_(val)


def zeros_(tensor):
    """Fill with 0."""
    with no_grad():
        return tensor.zero_()


def ones_(tensor):
    """Fill with 1."""
    with no_grad():
        return tensor.fill_(1)


def eye_(tensor):
    """Fill a 2-D tensor with the identity matrix (ones on the diagonal, zeros elsewhere)."""
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    with no_grad():
        return tensor.copy_(minigrad.eye(*tensor.shape))


def xavier_uniform_(tensor, gain=1.0, generator=None):
    """Glorot init: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    bound = math.sqrt(3.0) * std  # U(-b, b) has standard deviation b / sqrt(3)
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor, gain=1.0, generator=None):
    """Glorot init: N(0, std**2) with std = gain * sqrt(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / float(fan_in + fan_out)), generator)


def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He init: U(-bound, bound) with bound = gain * sqrt(3 / fan), gain = calculate_gain(nonlinearity, a).

    ``nn.Linear`` uses ``a=sqrt(5)``, which gives bound = 1 / sqrt(fan_in).
    """
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    fan = fan_in if mode == "fan_in" else fan_out
    if 0 in tensor.shape:
        return tensor
    std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
    bound = math.sqrt(3.0) * std
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He init: N(0, std**2) with std = gain / sqrt(fan)."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    fan = fan_in if mode == "fan_in" else fan_out
    return normal_(tensor, 0.0, calculate_gain(nonlinearity, a) / math.sqrt(fan), generator)


def _normal_cdf(x):
    """P(Z <= x) for a standard normal Z."""
    return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0


def trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None):
    """Fill with values from N(mean, std**2) truncated to [a, b] (torch.nn.init.trunc_normal_).

    PyTorch's two rejection samplers: when most of the normal lies in [a, b] (mass > 0.3), draw
    normal values and redraw those outside [a, b] until none are; otherwise (a narrow or far
    window) draw x uniformly in [a, b] and keep it with probability pdf(x) / pdf(peak), the
    peak being the point of [a, b] closest to the mean, redrawing the rejected ones.
    """
    if mean < a - 2 * std or mean > b + 2 * std:
        warnings.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. "
                      "The distribution of values may be incorrect.", stacklevel=2)
    with no_grad():
        mass = _normal_cdf((b - mean) / std) - _normal_cdf((a - mean) / std)
        if mass > 0.3:
            _redraw_outside(tensor, mean, std, a, b, generator)
        else:
            _uniform_rejection(tensor, mean, std, a, b, generator)
        return tensor


def _redraw_outside(tensor, mean, std, a, b, generator):
    """Normal draws; the ones outside [a, b] are drawn again until none are left."""
    # a and b rounded to the tensor's dtype, so that the test agrees with the values it holds
    low = minigrad.tensor(a, dtype=tensor.dtype).item()
    high = minigrad.tensor(b, dtype=tensor.dtype).item()
    tensor.normal_(mean, std, generator=generator)
    outside = (tensor < low) | (tensor > high)
    while outside.any():
        fresh = minigrad.empty_like(tensor).normal_(mean, std, generator=generator)
        tensor.copy_(minigrad.where(outside, fresh, tensor))
        outside = (tensor < low) | (tensor > high)


def _uniform_rejection(tensor, mean, std, a, b, generator):
    """Uniform draws in [a, b], each kept with probability pdf(x) / pdf(peak); the rejected
    ones are drawn again until none are left."""
    peak = max(a, min(mean, b))
    log_peak = -0.5 * ((peak - mean) / std) ** 2

    def rejected(x):  # u > pdf(x) / pdf(peak), u ~ U(0, 1), compared as logs
        log_ratio = -0.5 * ((x - mean) / std) ** 2 - log_peak
        return minigrad.empty_like(x).uniform_(generator=generator).log() > log_ratio

    tensor.uniform_(a, b, generator=generator)
    pending = rejected(tensor)
    while pending.any():
        candidates = minigrad.empty_like(tensor).uniform_(a, b, generator=generator)
        tensor.copy_(minigrad.where(pending, candidates, tensor))
        pending = pending & rejected(candidates)


def orthogonal_(tensor, gain=1, generator=None):
    """Fill with a (semi-)orthogonal matrix times ``gain`` (torch.nn.init.orthogonal_).

    The tensor is seen as a (rows, cols) matrix, its trailing dims flattened. As PyTorch: take
    the QR decomposition of a matrix of N(0, 1) values (transposed if it is wide), then flip
    the sign of each column of Q by the sign of R's diagonal, which makes Q uniformly
    distributed. Rows (or columns, whichever are fewer) come out orthonormal.
    """
    if tensor.dim() < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.numel() // rows
    normal = minigrad.empty(rows, cols, dtype=tensor.dtype).normal_(0, 1, generator=generator)
    if tensor.dtype == minigrad.float16:  # numpy's QR, like PyTorch's, has no float16 version
        raise NotImplementedError("\"geqrf_cpu\" not implemented for 'Half'")
    matrix = normal.numpy() if rows >= cols else normal.numpy().T
    q, r = np.linalg.qr(matrix)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    with no_grad():
        tensor.copy_(minigrad.from_numpy(np.ascontiguousarray(q).reshape(tensor.shape)))
        return tensor.mul_(gain)
