"""Normalization layers: LayerNorm and BatchNorm1d, and F.layer_norm / F.batch_norm.

Both are written as compositions of minigrad ops (mean, var, rsqrt, ...), so their graph has
several nodes where PyTorch records a single fused one (``NativeLayerNormBackward0``,
``NativeBatchNormBackward0``); the values and gradients agree to float32 rounding.
"""
import numbers

import numpy as np

import minigrad
from . import init
from .module import Module
from .parameter import Parameter


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalize over the last dims (``normalized_shape``) to mean 0 and variance 1, then
    scale by ``weight`` and shift by ``bias`` (torch.nn.functional.layer_norm).

    y = (x - mean) / sqrt(var + eps) * weight + bias, mean and (biased) var taken over the
    last ``len(normalized_shape)`` dims of each sample.

    PyTorch records one node, ``NativeLayerNormBackward0``; here the graph is made of the
    ops in the formula.
    """
    normalized_shape = tuple(normalized_shape)
    n = len(normalized_shape)
    if n == 0 or tuple(input.shape[input.dim() - n:]) != normalized_shape or input.dim() < n:
        raise RuntimeError(f"Given normalized_shape={list(normalized_shape)}, expected input with "
                           f"shape [*, {', '.join(str(s) for s in normalized_shape)}], but got "
                           f"input of size{list(input.shape)}")
    dims = tuple(range(input.dim() - n, input.dim()))
    mean = input.mean(dims, keepdim=True)
    var = input.var(dims, unbiased=False, keepdim=True)
    out = (input - mean) * (var + eps).rsqrt()
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Normalize each channel (dim 1) to mean 0 and variance 1 over the batch (and any
    length dims), then scale by ``weight`` and shift by ``bias`` (torch.nn.functional.batch_norm).

    Training: use the batch's mean and (biased) variance, and update the running stats in
    place: running = (1 - momentum) * running + momentum * batch stat (the variance unbiased).
    Evaluation (``training=False``): use ``running_mean`` and ``running_var`` instead.

    PyTorch records one node, ``NativeBatchNormBackward0``; here the graph is made of the
    ops in the formula.
    """
    if training:
        count = input.shape[0] * int(np.prod(input.shape[2:], dtype=np.int64))
        if count == 1:
            raise ValueError("Expected more than 1 value per channel when training, got input size "
                             f"{input.shape}")
    channels = input.shape[1] if input.dim() > 1 else 1
    for name, stat in (("running_mean", running_mean), ("running_var", running_var),
                       ("weight", weight), ("bias", bias)):
        if stat is not None and stat.numel() != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {stat.numel()}")
    dims = (0,) + tuple(range(2, input.dim()))
    shape = (1, channels) + (1,) * (input.dim() - 2)  # a (C,) vector as it lines up with dim 1
    if training:
        mean = input.mean(dims, keepdim=True)
        var = input.var(dims, unbiased=False, keepdim=True)
        _update_running_stats(input, running_mean, running_var, momentum, dims)
    else:
        if running_mean is None or running_var is None:
            raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
        mean, var = running_mean.reshape(shape), running_var.reshape(shape)
    out = (input - mean) * (var + eps).rsqrt()
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return out


def _update_running_stats(input, running_mean, running_var, momentum, dims):
    """running = (1 - momentum) * running + momentum * stat, in place, in float64 as PyTorch's
    CPU kernel does; the variance is the unbiased one (divided by n - 1)."""
    x = input._data.astype(np.float64)
    with minigrad.no_grad():
        if running_mean is not None:
            new = momentum * x.mean(axis=dims) + (1 - momentum) * running_mean._data
            running_mean.copy_(minigrad.tensor(new, dtype=running_mean.dtype))
        if running_var is not None:
            n = x.size // x.shape[1]
            unbiased = x.var(axis=dims) * n / (n - 1) if n > 1 else np.full(x.shape[1], np.inf)
            new = momentum * unbiased + (1 - momentum) * running_var._data
            running_var.copy_(minigrad.tensor(new, dtype=running_var.dtype))


class LayerNorm(Module):
    """Normalize each sample over its last dims, then scale and shift (torch.nn.LayerNorm).

    Args:
        normalized_shape: the trailing shape to normalize over (an int for the last dim).
        eps: added to the variance before the square root.
        elementwise_affine: learn ``weight`` (init ones) and ``bias`` (init zeros) of that shape.
        bias: learn the bias too (when elementwise_affine).

    Example:
        >>> nn.LayerNorm(4)
        LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)
    """

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, device=None,
                 dtype=None):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = Parameter(minigrad.empty(*self.normalized_shape, dtype=dtype))
            if bias:
                self.bias = Parameter(minigrad.empty(*self.normalized_shape, dtype=dtype))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        """weight to ones, bias to zeros."""
        if self.elementwise_affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input):
        return layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, "
                f"bias={self.bias is not None}")


class BatchNorm1d(Module):
    """Normalize each feature over the batch, then scale and shift (torch.nn.BatchNorm1d).

    Input (N, C) or (N, C, L). In training mode the batch statistics are used and the running
    ones (buffers ``running_mean``, ``running_var``, ``num_batches_tracked``) updated with
    ``momentum`` (``None``: a plain average over all batches seen); in eval mode the running
    statistics are used.

    Example:
        >>> nn.BatchNorm1d(4)
        BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
    """

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
                 device=None, dtype=None, *, bias=True):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = Parameter(minigrad.empty(num_features, dtype=dtype))
            if bias:
                self.bias = Parameter(minigrad.empty(num_features, dtype=dtype))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", minigrad.zeros(num_features, dtype=dtype))
            self.register_buffer("running_var", minigrad.ones(num_features, dtype=dtype))
            self.register_buffer("num_batches_tracked", minigrad.tensor(0, dtype=minigrad.long))
        else:
            for name in ("running_mean", "running_var", "num_batches_tracked"):
                self.register_buffer(name, None)
        self.reset_parameters()

    def reset_running_stats(self):
        """running_mean to zeros, running_var to ones, num_batches_tracked to 0."""
        if self.track_running_stats:
            self.running_mean.zero_()
            self.running_var.fill_(1)
            self.num_batches_tracked.zero_()

    def reset_parameters(self):
        """Reset the running stats; weight to ones, bias to zeros."""
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input):
        if input.dim() not in (2, 3):
            raise ValueError(f"expected 2D or 3D input (got {input.dim()}D input)")
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # cumulative moving average
                factor = 1.0 / float(self.num_batches_tracked)
        use_batch_stats = self.training or (self.running_mean is None and self.running_var is None)
        keep_running = not self.training or self.track_running_stats
        return batch_norm(input, self.running_mean if keep_running else None,
                          self.running_var if keep_running else None, self.weight, self.bias,
                          use_batch_stats, factor, self.eps)

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}")
