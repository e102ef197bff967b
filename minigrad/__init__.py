"""minigrad: a small, readable autograd on numpy with PyTorch's API.

    import minigrad as torch
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x ** 2).sum().backward()
    x.grad            # tensor([2., 4.])
"""
from . import _dtype
from ._dtype import (bool, double, dtype, float, float16, float32, float64, get_default_dtype,
                     half, int, int8, int16, int32, int64, long, set_default_dtype, short, uint8)
from .tensor import Size, Tensor, device, layout, strided
from .autograd.grad_mode import (enable_grad, inference_mode, is_grad_enabled, no_grad,
                                 set_grad_enabled)
from . import autograd, cuda
from .creation import (arange, as_tensor, empty, empty_like, eye, from_numpy, full, full_like,
                       linspace, ones, ones_like, rand, rand_like, randint, randn, randn_like,
                       randperm, tensor, zeros, zeros_like)
from .random import Generator, default_generator, initial_seed, manual_seed, seed
from .functional import (abs, add, allclose, amax, amin, argmax, argmin, cat, clamp, clip,
                         clone, concat, concatenate, cos, div, dot, equal, exp, flatten, is_tensor,
                         isclose, log, log_softmax, masked_fill, matmul, max, maximum, mean, min,
                         minimum, mm, mul, mv, narrow, neg, numel, permute, pow, reciprocal, relu,
                         reshape, select, sigmoid, sign, sin, softmax, sqrt, square, squeeze, stack,
                         std, sub, sum, t, tanh, transpose, unsqueeze, var, norm, where)
from .functional import (argwhere, chunk, cumsum, diag, flip, gather, index_select, logsumexp,
                         masked_select, nonzero, prod, roll, scatter, scatter_add, split, tril,
                         triu, unbind)
from .functional import (acos, arccos, arcsin, arctan, asin, atan, ceil, cosh, eq, erf, expm1, fix,
                         floor, frac, ge, gt, isfinite, isinf, isnan, le, log10, log1p, log2,
                         logical_not, lt, ne, round, rsqrt, sinh, tan, trunc)
from .functional import bmm, ger, outer
from .functional import bitwise_not, diagonal, floor_divide, remainder
from .functional import einsum
from .functional_math_more import *  # noqa: F401,F403  (each lists its names in __all__)
from .functional_shape_more import *  # noqa: F401,F403
from .functional_sorting import *  # noqa: F401,F403
from ._tensor_str import set_printoptions
from . import linalg  # noqa: E402

__version__ = "0.1.0"

from . import nn, optim, utils  # noqa: E402  (they sit on top of the core)

# PyTorch computes inf and nan silently (1 / 0 is inf, without a message); numpy warns. Like
# PyTorch, minigrad's ops stay silent: numpy's floating-point RuntimeWarnings are ignored when
# they come from minigrad's own code (a student's own numpy code still gets them).
import warnings as _warnings  # noqa: E402

_warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"minigrad\.")
