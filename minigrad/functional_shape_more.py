"""The ``torch.*`` functions for more shape ops and random fills (broadcast_to, movedim, tile, repeat_interleave, ...) (their Tensor methods are in tensor_shape_more.py).

``minigrad/__init__.py`` imports everything listed in ``__all__``.
"""
import warnings

import numpy as np

from . import _dtype, ops
from .creation import _finish
from .functional import _method
from .random import _generator
from .tensor import Tensor
from .tensor_math import _broadcast_error

__all__ = ["broadcast_to", "broadcast_tensors", "movedim", "moveaxis", "unflatten", "tile",
           "repeat_interleave", "diff", "cumprod", "take", "meshgrid", "logspace", "normal",
           "bernoulli", "multinomial", "randint_like"]

broadcast_to = _method("broadcast_to", "A tensor broadcast to a shape (torch.broadcast_to).")
movedim = moveaxis = _method("movedim", "Move dimensions to new positions (torch.movedim).")
unflatten = _method("unflatten", "Split one dimension into several (torch.unflatten).")
tile = _method("tile", "Repeat the tensor along each dimension (torch.tile).")
diff = _method("diff", "The n-th difference along dim (torch.diff).")
cumprod = _method("cumprod", "Running product along dim (torch.cumprod).")
take = _method("take", "Elements of the flattened tensor at index (torch.take).")
bernoulli = _method("bernoulli", "1 with probability p, else 0 (torch.bernoulli).")
multinomial = _method("multinomial", "Indices drawn with weights (torch.multinomial).")


def broadcast_tensors(*tensors):
    """The tensors broadcast to one common shape, as views (ExpandBackward0); a tensor that
    already has that shape comes back as itself (torch.broadcast_tensors)."""
    shape = ()
    for t in tensors:
        try:
            shape = np.broadcast_shapes(shape, t.shape)
        except ValueError:
            raise _broadcast_error(Tensor._make(np.empty(shape)), t) from None
    return tuple([t if t.shape == shape else t.expand(shape) for t in tensors])


def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    """Each element repeated ``repeats`` times in a row (torch.repeat_interleave). With only
    a tensor of counts, the indices 0, 1, ... each repeated its count: [1, 0, 3] -> [0, 2, 2, 2]."""
    if repeats is not None:
        return input.repeat_interleave(repeats, dim, output_size=output_size)
    counts = input._data
    if counts.dtype.kind not in "iu":
        raise NotImplementedError(
            f"\"repeat_interleave_cpu\" not implemented for '{input.dtype._legacy_name[:-6]}'")
    if counts.ndim != 1:
        raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    return Tensor._make(np.repeat(np.arange(len(counts), dtype=counts.dtype), counts))


def meshgrid(*tensors, indexing=None):
    """Grids from 1-D tensors: output i holds tensor i's values along dimension i, repeated
    along the others (views: ViewBackward0 then ExpandBackward0) (torch.meshgrid).

    ``indexing="ij"`` gives shape (len(t0), len(t1), ...); ``"xy"`` swaps the first two
    dimensions, as numpy's meshgrid and plotting libraries expect.
    """
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if indexing is None:
        # PyTorch's text, location included (it comes from its C++ code).
        warnings.warn(
            "torch.meshgrid: in an upcoming release, it will be required to pass the indexing "
            "argument. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/"
            "TensorShape.cpp:4215.)", UserWarning, stacklevel=2)
        indexing = "ij"
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    for t in tensors:
        if t.dtype is not tensors[0].dtype:
            raise RuntimeError("meshgrid expects all tensors to have the same dtype")
        if t.ndim > 1:
            raise RuntimeError("torch.meshgrid: Expected 0D or 1D tensor in the tensor list "
                               f"but got: {t!r}")
    if indexing not in ("ij", "xy"):
        raise RuntimeError('torch.meshgrid: indexing must be one of "xy" or "ij", but '
                           f"received: {indexing}")
    axes = list(range(len(tensors)))
    if indexing == "xy" and len(tensors) > 1:
        axes[0], axes[1] = 1, 0
    shape = [0] * len(tensors)
    for t, axis in zip(tensors, axes):
        shape[axis] = t.numel()
    grids = []
    for t, axis in zip(tensors, axes):
        along = [1] * len(tensors)
        along[axis] = -1
        grids.append(t.view(along).expand(shape))
    return tuple(grids)


def logspace(start, end, steps, base=10.0, *, dtype=None, requires_grad=False, device=None):
    """``steps`` values from base**start to base**end, evenly spaced in the exponent
    (torch.logspace)."""
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    dtype = dtype or _dtype.get_default_dtype()
    # As PyTorch: the first half of the exponents counts up from start, the second half down
    # from end, so that both ends are exact.
    i = np.arange(steps)
    step = (end - start) / (steps - 1) if steps > 1 else 0.0
    exponents = np.where(i < steps // 2, start + step * i, end - step * (steps - 1 - i))
    return _finish(np.power(float(base), exponents).astype(dtype._np), None, requires_grad)


def normal(mean, std=1.0, size=None, *, generator=None, dtype=None, requires_grad=False):
    """Random numbers from normal distributions (torch.normal): ``mean`` and ``std`` are
    numbers (then ``size`` is needed) or tensors (broadcast together). The draw has no
    gradient: a mean or std that requires grad gets zeros (NormalBackward1/2/3)."""
    mean_is_t, std_is_t = isinstance(mean, Tensor), isinstance(std, Tensor)
    like = mean if mean_is_t else std if std_is_t else None
    if like is None:
        if size is None:
            raise TypeError("normal() received an invalid combination of arguments: without "
                            "a tensor mean or std, it needs a size")
        np_dtype = (dtype or _dtype.get_default_dtype())._np
        shape = tuple(size)
    else:
        if not like.dtype.is_floating_point:
            raise NotImplementedError(
                f"\"normal_kernel_cpu\" not implemented for '{like.dtype._legacy_name[:-6]}'")
        np_dtype = like._data.dtype
        shape = broadcast_tensors(*[t for t in (mean, std) if isinstance(t, Tensor)])[0].shape
    if std_is_t and (std._data < 0).any():
        raise RuntimeError("normal expects all elements of std >= 0.0")
    if not std_is_t and std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    m = mean._data if mean_is_t else mean
    s = std._data if std_is_t else std
    values = (m + s * _generator(generator).standard_normal(shape)).astype(np_dtype)
    if like is None:
        return _finish(values, None, requires_grad)
    op = (ops.shape_more.NormalMeanStd if mean_is_t and std_is_t
          else ops.shape_more.NormalMean if mean_is_t else ops.shape_more.NormalStd)
    return op.apply(values, *[t for t in (mean, std) if isinstance(t, Tensor)])


def randint_like(input, low=0, high=None, *, generator=None, dtype=None, requires_grad=False):
    """Random integers in [low, high) in a tensor of ``input``'s shape and dtype (or
    ``dtype``) (torch.randint_like); ``randint_like(x, high)`` starts at 0."""
    if high is None:
        low, high = 0, low
    if not low < high:
        raise RuntimeError(
            f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    values = _generator(generator).integers(low, high, input.shape)
    return _finish(values.astype((dtype or input.dtype)._np), None, requires_grad)
