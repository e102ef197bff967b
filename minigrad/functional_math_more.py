"""The ``torch.*`` functions for more elementwise and binary math (lerp, addcmul, atan2, clamp_min, ...) (their Tensor methods are in tensor_math_more.py).

``minigrad/__init__.py`` imports everything listed in ``__all__``.
"""
from .tensor_math_more import _need_tensor

__all__ = ["clamp_min", "clamp_max", "clamp_min_", "clamp_max_", "lerp", "addcmul", "addcdiv",
           "atan2", "arctan2", "hypot", "logaddexp", "fmod", "heaviside", "exp2", "exp2_",
           "sinc", "sinc_", "nan_to_num", "nan_to_num_"]


def _function(name, doc, tensor_args=()):
    """torch.<name>(input, ...): checks that ``input`` (and the arguments named in
    ``tensor_args``, with their positions) are tensors, then calls the Tensor method."""
    def function(input, *args, **kwargs):
        _need_tensor(name, input, "input", 1)
        for position, arg in tensor_args:
            if position - 2 < len(args):
                _need_tensor(name, args[position - 2], arg, position)
        return getattr(input, name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


clamp_min = _function("clamp_min", "max(input, min) elementwise (torch.clamp_min).")
clamp_max = _function("clamp_max", "min(input, max) elementwise (torch.clamp_max).")
clamp_min_ = _function("clamp_min_", "In-place clamp_min (torch.clamp_min_).")
clamp_max_ = _function("clamp_max_", "In-place clamp_max (torch.clamp_max_).")
lerp = _function("lerp", "input + weight * (end - input) (torch.lerp).")
atan2 = _function("atan2", "The angle of the point (other, input) (torch.atan2).",
                  [(2, "other")])
arctan2 = _function("arctan2", "Alias of atan2 (torch.arctan2).", [(2, "other")])
hypot = _function("hypot", "sqrt(input^2 + other^2) without overflow (torch.hypot).",
                  [(2, "other")])
logaddexp = _function("logaddexp", "log(exp(input) + exp(other)) without overflow "
                      "(torch.logaddexp).", [(2, "other")])
fmod = _function("fmod", "The remainder of input / other with input's sign (torch.fmod).")
heaviside = _function("heaviside", "0 below zero, values at zero, 1 above (torch.heaviside).",
                      [(2, "values")])
exp2 = _function("exp2", "2 to the power of each element (torch.exp2).")
exp2_ = _function("exp2_", "In-place exp2 (torch.exp2_).")
sinc = _function("sinc", "sin(pi x) / (pi x), 1 at 0 (torch.sinc).")
sinc_ = _function("sinc_", "In-place sinc (torch.sinc_).")
nan_to_num = _function("nan_to_num", "Replace nan and infinities by finite numbers "
                       "(torch.nan_to_num).")
nan_to_num_ = _function("nan_to_num_", "In-place nan_to_num (torch.nan_to_num_).")


def addcmul(input, tensor1, tensor2, *, value=1):
    """input + value * tensor1 * tensor2, rounded once as PyTorch does (torch.addcmul)."""
    _need_tensor("addcmul", input, "input", 1)
    _need_tensor("addcmul", tensor1, "tensor1", 2)
    _need_tensor("addcmul", tensor2, "tensor2", 3)
    return input.addcmul(tensor1, tensor2, value=value)


def addcdiv(input, tensor1, tensor2, *, value=1):
    """input + value * tensor1 / tensor2 (torch.addcdiv)."""
    _need_tensor("addcdiv", input, "input", 1)
    _need_tensor("addcdiv", tensor1, "tensor1", 2)
    _need_tensor("addcdiv", tensor2, "tensor2", 3)
    return input.addcdiv(tensor1, tensor2, value=value)
