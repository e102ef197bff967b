"""Creating tensors: ``tensor(data)`` and the factory functions (zeros, ones, arange, randn...).

Python floats become float32 (the default dtype), Python ints int64, numpy arrays keep their
dtype. ``tensor()`` always copies; ``from_numpy`` and ``as_tensor`` share memory.
"""
import warnings

import numpy as np

from . import _dtype
from .random import _generator
from .tensor import Tensor


def _finish(array, dtype, requires_grad):
    if dtype is not None:
        array = array.astype(dtype._np, copy=False)
    if requires_grad and array.dtype.kind != "f":
        raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
    return Tensor._make(array, bool(requires_grad))


def _python_data_to_array(data, dtype=None):
    """Nested lists of Python numbers (and one-element tensors) to a numpy array."""
    def convert(item):
        if isinstance(item, Tensor):
            return item.item() if item.numel() == 1 else _raise_scalar()
        if isinstance(item, (list, tuple)):
            return [convert(i) for i in item]
        return item

    values = convert(data)
    _check_rectangular(values)
    if dtype is not None:  # straight to the requested dtype: no detour through float32
        return np.array(values, dtype=dtype._np)
    array = np.array(values)
    if array.dtype == object or array.dtype.kind in "USO":
        raise TypeError(f"can't convert {type(data).__name__} of {array.dtype} to a tensor")
    if array.dtype.kind == "f" and not _has_numpy_floats(data):
        array = array.astype(_dtype.get_default_dtype()._np)
    return array


def _check_rectangular(values, dim=0):
    """PyTorch's error for ragged nested lists: every row of a dimension must have one length."""
    if not isinstance(values, list) or not values:
        return
    lengths = [len(v) if isinstance(v, list) else None for v in values]
    first = lengths[0]
    for n in lengths[1:]:
        if n != first:
            raise ValueError(f"expected sequence of length {first} at dim {dim + 1} (got {n})")
    for v in values:
        _check_rectangular(v, dim + 1)


def _raise_scalar():
    raise ValueError("only one element tensors can be converted to Python scalars")


def _has_numpy_floats(data):
    if isinstance(data, (list, tuple)):
        return any([_has_numpy_floats(d) for d in data])
    return isinstance(data, np.floating)


def tensor(data, dtype=None, device=None, requires_grad=False):
    """A new tensor holding a copy of ``data`` (torch.tensor).

    Example:
        >>> tensor([1.0, 2.0], requires_grad=True)
        tensor([1., 2.], requires_grad=True)
    """
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() "
            "or sourceTensor.detach().clone().requires_grad_(True), rather than "
            "torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
        array = data._data.copy()
    elif isinstance(data, np.ndarray):
        array = np.array(data)
    elif isinstance(data, np.generic):
        array = np.array(data)
    else:
        array = _python_data_to_array(data, dtype)
    return _finish(array, dtype, requires_grad)


def as_tensor(data, dtype=None, device=None):
    """Like ``tensor`` but shares memory with a numpy array when no conversion is needed."""
    if isinstance(data, Tensor) and (dtype is None or data.dtype is dtype):
        return data
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype._np):
        return Tensor._make(data)
    return tensor(data, dtype=dtype)


def from_numpy(array):
    """A tensor sharing memory with a numpy array (torch.from_numpy)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    _dtype.from_numpy_dtype(array.dtype)
    return Tensor._make(array)


def _size(size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        return tuple(size[0])
    return tuple(size)


def _default(dtype):
    return dtype or _dtype.get_default_dtype()


def zeros(*size, dtype=None, device=None, requires_grad=False):
    """A tensor of zeros of the given shape (torch.zeros)."""
    return _finish(np.zeros(_size(size), dtype=_default(dtype)._np), None, requires_grad)


def ones(*size, dtype=None, device=None, requires_grad=False):
    """A tensor of ones of the given shape (torch.ones)."""
    return _finish(np.ones(_size(size), dtype=_default(dtype)._np), None, requires_grad)


def empty(*size, dtype=None, device=None, requires_grad=False):
    """An uninitialised tensor (here: zeros) of the given shape (torch.empty)."""
    return zeros(*size, dtype=dtype, requires_grad=requires_grad)


def full(size, fill_value, dtype=None, device=None, requires_grad=False):
    """A tensor of the given shape filled with ``fill_value`` (torch.full)."""
    if dtype is None:
        dtype = tensor(fill_value).dtype
    return _finish(np.full(tuple(size), fill_value, dtype=dtype._np), None, requires_grad)


def zeros_like(t, dtype=None, requires_grad=False):
    return zeros(t.shape, dtype=dtype or t.dtype, requires_grad=requires_grad)


def ones_like(t, dtype=None, requires_grad=False):
    return ones(t.shape, dtype=dtype or t.dtype, requires_grad=requires_grad)


def empty_like(t, dtype=None, requires_grad=False):
    return zeros_like(t, dtype=dtype, requires_grad=requires_grad)


def full_like(t, fill_value, dtype=None, requires_grad=False):
    return full(t.shape, fill_value, dtype=dtype or t.dtype, requires_grad=requires_grad)


def arange(start, end=None, step=1, dtype=None, device=None, requires_grad=False):
    """Values from ``start`` to ``end`` (exclusive) by ``step`` (torch.arange)."""
    if end is None:
        start, end = 0, start
    numbers = (start, end, step)
    if dtype is None:
        is_float = any([isinstance(n, float) or (isinstance(n, Tensor) and n.is_floating_point())
                       for n in numbers])
        dtype = _dtype.get_default_dtype() if is_float else _dtype.int64
    start, end, step = (float(n) if isinstance(n, Tensor) else n for n in numbers)
    return _finish(np.arange(start, end, step).astype(dtype._np), None, requires_grad)


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False):
    """``steps`` evenly spaced values from ``start`` to ``end`` inclusive (torch.linspace)."""
    array = np.linspace(start, end, steps).astype(_default(dtype)._np)
    return _finish(array, None, requires_grad)


def eye(n, m=None, dtype=None, device=None, requires_grad=False):
    """An identity matrix (torch.eye)."""
    return _finish(np.eye(n, m, dtype=_default(dtype)._np), None, requires_grad)


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False):
    """Uniform random numbers in [0, 1) (torch.rand), from minigrad's generator."""
    array = _generator(generator).random(_size(size)).astype(_default(dtype)._np)
    return _finish(array, None, requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False):
    """Standard normal random numbers (torch.randn), from minigrad's generator."""
    array = _generator(generator).standard_normal(_size(size)).astype(_default(dtype)._np)
    return _finish(array, None, requires_grad)


def randint(low, high=None, size=None, generator=None, dtype=None, device=None):
    """Random integers in [low, high) (torch.randint)."""
    if size is None:
        low, high, size = 0, low, high
    array = _generator(generator).integers(low, high, tuple(size))
    return _finish(array.astype((dtype or _dtype.int64)._np), None, False)


def randperm(n, generator=None, dtype=None, device=None):
    """A random permutation of 0..n-1 (torch.randperm)."""
    return _finish(_generator(generator).permutation(n).astype((dtype or _dtype.int64)._np), None, False)


def rand_like(t, dtype=None, requires_grad=False):
    return rand(t.shape, dtype=dtype or t.dtype, requires_grad=requires_grad)


def randn_like(t, dtype=None, requires_grad=False):
    return randn(t.shape, dtype=dtype or t.dtype, requires_grad=requires_grad)
