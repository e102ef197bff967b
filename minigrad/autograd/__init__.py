"""minigrad.autograd: backward, grad, Function, and the gradient checkers (torch.autograd)."""
from .. import tensor as _tensor
from .engine import run_backward
from .function import Function
from .gradcheck import gradcheck, gradgradcheck
from .grad_mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled

__all__ = ["backward", "grad", "Function", "Variable", "gradcheck", "gradgradcheck",
           "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled"]


def _as_tuple(x):
    if x is None:
        return None
    if isinstance(x, _tensor.Tensor):
        return (x,)
    return tuple(x)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate the gradients of ``tensors`` into the leaves' ``.grad`` (torch.autograd.backward).

    ``grad_tensors`` gives the gradient to start from for each tensor (the "vector" of a
    vector-Jacobian product); it may be omitted for tensors with one element.
    """
    tensors = _as_tuple(tensors)
    grads = _as_tuple(grad_tensors) or (None,) * len(tensors)
    inputs = _as_tuple(inputs)
    if inputs is not None and len(inputs) == 0:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    run_backward(tensors, grads, retain_graph, create_graph, inputs=inputs, accumulate=True)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, materialize_grads=False):
    """The gradients of ``outputs`` w.r.t. ``inputs``, returned as a tuple (torch.autograd.grad).

    Nothing is written to ``.grad``. With ``create_graph=True`` the returned gradients are
    themselves part of a graph, so they can be differentiated again (2nd, 3rd derivatives).

    Example:
        >>> x = minigrad.tensor(2.0, requires_grad=True)
        >>> (dy,) = grad(x**3, x, create_graph=True)    # 3x^2 = 12
        >>> grad(dy, x)                                  # 6x = 12
    """
    outputs, inputs = _as_tuple(outputs), _as_tuple(inputs)
    grads = _as_tuple(grad_outputs) or (None,) * len(outputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    result = run_backward(outputs, grads, retain_graph, create_graph, inputs=inputs,
                          allow_unused=allow_unused, accumulate=False)
    if materialize_grads:
        from ..creation import zeros_like
        result = tuple([zeros_like(i) if g is None else g for g, i in zip(result, inputs)])
    return result


def Variable(data, requires_grad=False):
    """Old PyTorch's Variable: today just a tensor (seed 002 uses it)."""
    return data.detach().requires_grad_(requires_grad)


class set_detect_anomaly:
    """Accepted for compatibility (torch.autograd.set_detect_anomaly); minigrad does nothing."""

    def __init__(self, mode, check_nan=True):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


detect_anomaly = set_detect_anomaly
