"""Helpers for training loops: gradient clipping and flat parameter vectors (torch.nn.utils).

Gradient clipping runs between ``loss.backward()`` and ``optimizer.step()``: it rescales the
``.grad`` of the parameters in place, so one unlucky batch can't take a huge step.
"""
import math

import minigrad
from ..autograd.grad_mode import no_grad
from ..tensor import Tensor


def _as_list(parameters):
    """A single tensor or an iterable of tensors (e.g. ``model.parameters()``), as a list."""
    return [parameters] if isinstance(parameters, Tensor) else list(parameters)


def _vector_norm(tensor, norm_type):
    """The p-norm of all elements: (sum |x|^p)^(1/p); the largest |x| for p = inf."""
    if norm_type == math.inf:
        return tensor.abs().max()
    if norm_type == 2.0:
        return tensor.norm()
    return (tensor.abs() ** norm_type).sum() ** (1.0 / norm_type)


def get_total_norm(tensors, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """The norm of all ``tensors`` together, as if concatenated into one vector.

    Computed as PyTorch does: the norm of the vector of each tensor's norm.
    """
    tensors = _as_list(tensors)
    norm_type = float(norm_type)
    if not tensors:
        return minigrad.tensor(0.0)
    with no_grad():
        norms = [_vector_norm(t, norm_type) for t in tensors]
        total_norm = _vector_norm(minigrad.stack(norms), norm_type)
    if error_if_nonfinite and not math.isfinite(total_norm.item()):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it "
            "cannot be clipped. To disable this error and scale the gradients by the non-finite norm "
            "anyway, set `error_if_nonfinite=False`")
    return total_norm


def clip_grads_with_norm_(parameters, max_norm, total_norm, foreach=None):
    """Scale the gradients in place by max_norm / (total_norm + 1e-6), if that is below 1."""
    grads = [p.grad for p in _as_list(parameters) if p.grad is not None]
    if not grads:
        return
    with no_grad():
        clip_coef = (float(max_norm) / (total_norm + 1e-6)).clamp(max=1.0)
        for grad in grads:
            grad.mul_(clip_coef)  # multiplying by 1.0 when not clipping keeps the code branch-free


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """Rescale the gradients so that their total norm is at most ``max_norm`` (in place).

    Args:
        parameters: a tensor or an iterable of tensors whose ``.grad`` is clipped.
        max_norm: the largest total norm allowed.
        norm_type: p of the p-norm (``float('inf')`` for the largest absolute value).
        error_if_nonfinite: raise if the total norm is nan or inf.

    Returns:
        The total norm of the gradients *before* clipping, as a tensor.

    Example:
        >>> loss.backward()
        >>> nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        >>> optimizer.step()
    """
    parameters = _as_list(parameters)  # a generator could only be walked once
    grads = [p.grad for p in parameters if p.grad is not None]
    total_norm = get_total_norm(grads, norm_type, error_if_nonfinite)
    clip_grads_with_norm_(parameters, max_norm, total_norm)
    return total_norm


def clip_grad_value_(parameters, clip_value, foreach=None):
    """Clamp every gradient element to [-clip_value, clip_value], in place."""
    clip_value = float(clip_value)
    with no_grad():
        for p in _as_list(parameters):
            if p.grad is not None:
                p.grad.clamp_(min=-clip_value, max=clip_value)


def parameters_to_vector(parameters):
    """All parameters flattened and joined into one 1-D tensor (part of the graph)."""
    return minigrad.cat([p.view(-1) for p in parameters])


def vector_to_parameters(vec, parameters):
    """Copy consecutive slices of the 1-D tensor ``vec`` into the parameters (their ``.data``)."""
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    start = 0
    for param in parameters:
        n = param.numel()
        param.data = vec[start:start + n].view_as(param).data
        start += n
