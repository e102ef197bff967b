"""Tensor's indexing: ``x[key]`` (select, slice, advanced indexing, as PyTorch reads a key)
and the index-tensor ops gather, scatter, index_select, masked_select... (``x[key] = value`` is
in tensor_math.py, with the other in-place writes.)

A mixin of ``Tensor``. Each method is a thin door to one op in ``minigrad/ops/indexing.py`` or
``ops/gather.py``.
"""
import warnings

import numpy as np

from . import _dtype, ops
from .tensor_shape import TensorShape, _axis_alias  # (every Tensor is a TensorShape)


class TensorIndexing:
    """Mixin of Tensor's indexing methods."""

    def __getitem__(self, key):
        if isinstance(key, slice):  # x[a:b], even x[:], is one slice (SliceBackward0)
            return ops.Slice.apply(self, (key,))
        key = _index_key(key)
        if any([isinstance(k, np.ndarray) for k in key]):
            return ops.Index.apply(self, key)
        return _basic_index(self, key)

    # -- indexing with index tensors (ops/gather.py) -----------------------------------------------
    @_axis_alias
    def gather(self, dim, index):
        """Elements read at ``index`` along ``dim``: for dim 0, z[i][j] = self[index[i][j]][j]
        (torch.gather)."""
        dim = self._dim(dim)
        ops.gather.check_index("gather", self, dim, index._data)
        return ops.gather.Gather.apply(self, dim, index._data)

    @_axis_alias
    def scatter(self, dim, index, src=None, value=None):
        """A copy with ``src`` (a tensor or a number) written at ``index`` along ``dim``: for
        dim 0, z[index[i][j]][j] = src[i][j] (torch.scatter)."""
        src = value if src is None else src
        dim = self._dim(dim)
        if not isinstance(src, TensorShape):
            ops.gather.check_index("scatter", self, dim, index._data)
            return ops.gather.ScatterValue.apply(self, dim, index._data, src)
        ops.gather.check_index("scatter", self, dim, index._data, src)
        return ops.gather.Scatter.apply(self, dim, index._data, src)

    def scatter_add(self, dim, index, src):
        """A copy with ``src`` added at ``index`` along ``dim`` (torch.scatter_add)."""
        dim = self._dim(dim)
        ops.gather.check_index("scatter", self, dim, index._data, src)
        return ops.gather.ScatterAdd.apply(self, dim, index._data, src)

    @_axis_alias
    def index_select(self, dim, index):
        """The positions ``index`` (a vector) along ``dim`` (torch.index_select)."""
        dim = self._dim(dim)
        positions = index._data
        if positions.dtype.kind not in "iu":
            raise RuntimeError("index_select(): Expected dtype int32 or int64 for index")
        if positions.ndim > 1:
            raise IndexError("index_select(): Index is supposed to be a vector")
        size = self.shape[dim] if self.ndim else 1
        for i in positions.reshape(-1):
            if not 0 <= i < size:
                raise RuntimeError(f"INDICES element is out of DATA bounds, id={i} axis_dim={size}")
        key = (slice(None),) * dim + (positions.reshape(-1),)
        return ops.gather.IndexSelect.apply(self, key)

    def masked_select(self, mask):
        """The elements where ``mask`` is True, as a 1-D tensor (torch.masked_select)."""
        if mask.dtype is not _dtype.bool:
            raise RuntimeError("masked_select: expected BoolTensor for mask")
        shape = np.broadcast_shapes(self.shape, mask.shape)
        t = self if self.shape == shape else self.expand(shape)
        return ops.gather.MaskedSelect.apply(t, np.broadcast_to(mask._data, shape))

    def tril(self, diagonal=0):
        """A copy with the elements above diagonal ``diagonal`` set to 0 (torch.tril)."""
        if self.ndim < 2:
            raise RuntimeError("tril: input tensor must have at least 2 dimensions")
        return ops.gather.Tril.apply(self, diagonal)

    def triu(self, diagonal=0):
        """A copy with the elements below diagonal ``diagonal`` set to 0 (torch.triu)."""
        if self.ndim < 2:
            raise RuntimeError("triu: input tensor must have at least 2 dimensions")
        return ops.gather.Triu.apply(self, diagonal)

    def diag(self, diagonal=0):
        """The diagonal of a matrix as a vector, or a vector as the diagonal of a square
        matrix of zeros (torch.diag)."""
        if self.ndim == 2:
            key = ops.gather.diagonal_key(*self.shape, diagonal)
            return ops.gather.Diagonal.apply(self, key)
        if self.ndim == 1:
            n = self.shape[0] + abs(diagonal)
            key = ops.gather.diagonal_key(n, n, diagonal)
            return ops.gather.DiagEmbed.apply(self, (n, n), key)
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {self.ndim}D")

    def nonzero(self, as_tuple=False):
        """The indices of the nonzero elements: one row per element (torch.nonzero)."""
        data = self._data.reshape(1) if self.ndim == 0 else self._data
        if as_tuple:
            return tuple([type(self)._make(i) for i in np.nonzero(data)])
        return type(self)._make(np.argwhere(self._data))


def _makes_view(key):
    """True if ``x[key]`` is a view in PyTorch: basic indexing that picks a part of ``x``."""
    key = key if isinstance(key, tuple) else (key,)
    if any([isinstance(k, (list, np.ndarray, TensorShape)) for k in key]):
        return False
    return any([k is None or isinstance(k, (int, np.integer)) or
                (isinstance(k, slice) and k != slice(None)) for k in key])


def _index_key(key):
    """The key of ``x[key]`` as PyTorch reads it, as a tuple that numpy can index with: index
    tensors and lists become numpy arrays, a 0-dim integer tensor an integer (it selects, as
    an int does). Raises PyTorch's IndexError for keys it rejects (``x[1.0]``)."""
    if isinstance(key, list) and _list_is_tuple(key):
        warnings.warn(
            "Using a non-tuple sequence for multidimensional indexing is deprecated and will be "
            "changed in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will "
            "be interpreted as tensor index, x[torch.tensor(seq)], which will result either in an "
            "error or a different result", UserWarning, stacklevel=3)
        key = tuple(key)  # x[[[0, 1], [1, 2]]] is x[[0, 1], [1, 2]]
    elif not isinstance(key, tuple):
        key = (key,)
    return tuple(map(_index_part, key))  # (map: no frame of its own, for warnings' stacklevel)


def _list_is_tuple(key):
    """PyTorch's (and old numpy's) rule: a short list holding a list, tensor, slice, None or
    ``...`` is a tuple of indices, one per dimension; other lists index one dimension."""
    return len(key) < 32 and any([
        k is None or k is Ellipsis or isinstance(k, (list, tuple, slice, TensorShape))
        for k in key])


def _index_part(k):
    """One part of an index key, checked and converted for numpy (see _index_key)."""
    if k is None or k is Ellipsis or isinstance(k, (int, slice, np.integer)):
        return k
    if isinstance(k, TensorShape):
        if k._data.ndim == 0 and k._data.dtype.kind in "iu":
            return int(k._data)
        k = k._data
    elif isinstance(k, (list, tuple)):
        k = np.asarray([i._data if isinstance(i, TensorShape) else i for i in k])
        if k.dtype.kind == "f":  # PyTorch makes a list of numbers a long tensor
            k = k.astype(np.int64)
    elif isinstance(k, str):
        raise TypeError("new(): invalid data type 'str'")
    elif not isinstance(k, np.ndarray):
        kind = type(k)
        name = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
        raise IndexError(
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
            f"valid indices (got {name})"
        )
    if k.dtype.kind not in "biu":
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    if k.dtype == np.uint8:  # a byte tensor is a mask, as in old PyTorch
        warnings.warn("indexing with dtype torch.uint8 is now deprecated, please use a dtype "
                      "torch.bool instead.", UserWarning, stacklevel=4)
        k = k.astype(bool)
    return k


def _basic_index(t, key):
    """x[0, 1:3, None, ...] as a chain of select / slice / unsqueeze, like PyTorch's graph; a key
    that picks everything (``x[...]``, ``x[:, :]``) gives a new view all the same (an alias)."""
    specified = sum([1 for k in key if k is not None and k is not Ellipsis])
    if t.ndim == 0 and specified == 1 and not isinstance(key[0], slice):
        raise IndexError(
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
            "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"
        )
    if specified > t.ndim:
        raise IndexError(
            f"too many indices for tensor of dimension {t.ndim}"
        )
    original = t
    dim = 0  # the dimension of the result so far that k applies to
    for position, k in enumerate(key):
        if k is Ellipsis:
            dim += t.ndim - dim - specified
        elif k is None:
            t = ops.Unsqueeze.apply(t, dim)
            dim += 1
        elif isinstance(k, slice):
            if k != slice(None):
                t = ops.Slice.apply(t, (slice(None),) * dim + (k,))
            dim += 1
        else:
            index = int(k)
            size = t.shape[dim]
            if not -size <= index < size:
                # PyTorch names the dimension by the index's position in the key.
                raise IndexError(
                    f"index {index} is out of bounds for dimension {position} with size {size}"
                )
            t = ops.Select.apply(t, (slice(None),) * dim + (index,))
        if k is not None and k is not Ellipsis and not isinstance(k, slice):
            specified -= 1
        elif isinstance(k, slice):
            specified -= 1
    return t if t is not original else ops.shape.Alias.apply(t)
