"""Stateless functions behind the nn layers and losses (torch.nn.functional, imported as F);
the losses are written in functional_losses.py, more functions in functional_more.py.

The modules in ``nn`` hold parameters and settings and call these functions in ``forward``.
"""
import warnings

import minigrad
from .._dtype import from_numpy_dtype
from . import _activation_functions, _layer_functions


# ----- layers -----------------------------------------------------------------------------

def linear(input, weight, bias=None):
    """y = input @ weight.T + bias (torch.nn.functional.linear).

    For a 2-D input with a bias this is one fused op, ``AddmmBackward0``, as in PyTorch.
    """
    if input.dim() == 2 and bias is not None:
        if input._data.shape[1] != weight._data.shape[1]:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({input.shape[0]}x{input.shape[1]} "
                               f"and {weight.shape[1]}x{weight.shape[0]})")
        if input._data.dtype != weight._data.dtype:
            raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got "
                               f"{input.dtype._legacy_name[:-6]} and {weight.dtype._legacy_name[:-6]}")
        return _layer_functions.Addmm.apply(bias, input, weight.t())
    if input.dim() != 2 and bias is not None:
        batch_shape = input.shape[:-1]
        out = linear(input.reshape(-1, input.shape[-1]), weight, bias)
        return out.reshape(*batch_shape, weight.shape[0])
    return input @ weight.t()


def embedding(input, weight, padding_idx=None):
    """Look up rows of ``weight`` by index: ``weight[input]`` (torch.nn.functional.embedding)."""
    if input.dtype._np.kind not in "iu":
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar "
                           f"types: Long, Int; but got torch.{input.dtype._legacy_name} instead "
                           "(while checking arguments for embedding)")
    if input.numel() and (input._data.min() < 0 or input._data.max() >= weight.shape[0]):
        raise IndexError("index out of range in self")
    if padding_idx is not None and padding_idx < 0:
        padding_idx += weight.shape[0]
    return _layer_functions.Embedding.apply(weight, input, padding_idx)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability ``p`` and scale the rest by 1/(1-p), when training."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return input
    keep = minigrad.rand(*input.shape) >= p
    scale = 0.0 if p == 1.0 else 1.0 / (1.0 - p)
    return input * (keep.to(input.dtype) * scale)


# ----- activations ------------------------------------------------------------------------

def relu(input, inplace=False):
    """max(x, 0) elementwise."""
    return input.relu()


def sigmoid(input):
    """1 / (1 + exp(-x)) elementwise."""
    return input.sigmoid()


def tanh(input):
    """tanh(x) elementwise."""
    return input.tanh()


def _scalar_name(dtype):
    """PyTorch's name for a dtype in error messages: Float, Double, Long, Bool, ..."""
    return from_numpy_dtype(dtype)._legacy_name[:-len("Tensor")]


def _check_floating(input, kernel):
    """PyTorch's error for an activation of an integer tensor: it has no integer kernel."""
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_scalar_name(input._data.dtype)}'")


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x if x > 0 else negative_slope * x, elementwise."""
    _check_floating(input, "leaky_relu_cpu")
    return _activation_functions.LeakyRelu.apply(input, negative_slope)


def elu(input, alpha=1.0, inplace=False):
    """x if x > 0 else alpha * (exp(x) - 1), elementwise."""
    _check_floating(input, "elu_cpu")
    return _activation_functions.Elu.apply(input, alpha)


def gelu(input, approximate="none"):
    """x * Phi(x), Phi the standard normal CDF; ``approximate='tanh'`` uses a tanh formula for Phi."""
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    _check_floating(input, "GeluKernelImpl")
    return _activation_functions.Gelu.apply(input, approximate)


def silu(input, inplace=False):
    """x * sigmoid(x), elementwise (also called swish)."""
    _check_floating(input, "silu_cpu")
    return _activation_functions.Silu.apply(input)


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta * x)) / beta, a smooth relu; x itself where beta * x > threshold."""
    _check_floating(input, "softplus_cpu")
    return _activation_functions.Softplus.apply(input, beta, threshold)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """x clamped to [min_val, max_val]."""
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    return _activation_functions.Hardtanh.apply(input, min_val, max_val)


def relu6(input, inplace=False):
    """min(max(x, 0), 6): hardtanh(x, 0, 6)."""
    return hardtanh(input, 0.0, 6.0)


def _softmax_dim(ndim, name):
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. "
                  "Change the call to include dim=X as an argument.", stacklevel=3)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None):
    """exp(x) / sum(exp(x)) along ``dim``: each slice becomes a probability distribution."""
    if dim is None:
        dim = _softmax_dim(input.dim(), "softmax")
    return input.softmax(dim)


def log_softmax(input, dim=None):
    """log(softmax(x)) along ``dim``, computed without overflow (x - logsumexp(x))."""
    if dim is None:
        dim = _softmax_dim(input.dim(), "log_softmax")
    return input.log_softmax(dim)


# The losses live in functional_losses.py; here they are torch.nn.functional.<name> too.
from .functional_losses import (  # noqa: E402,F401
    binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, huber_loss, l1_loss,
    mse_loss, nll_loss, smooth_l1_loss)
from .functional_losses import _broadcast_check, _legacy_reduction  # noqa: E402,F401  (for functional_more)
from .functional_more import (celu, cosine_similarity, glu, hardsigmoid, hardswish, kl_div,  # noqa: E402,F401
                              logsigmoid, mish, normalize, one_hot, pad, pairwise_distance, selu,
                              softmin, softsign)
from .normalization import batch_norm, layer_norm  # noqa: E402,F401
