"""Tensor's shape and dtype methods: view/reshape, permute, squeeze, expand, split, ``.to(dtype)``.
Each is a thin door to one op in ``minigrad/ops/shape.py`` or ``ops/rearrange.py``. (Indexing,
``x[...]``, is in tensor_indexing.py.)"""
import functools
import warnings

from . import _dtype, ops


def _axis_alias(method):
    """Let a method with a ``dim`` argument take numpy's name ``axis`` too, as PyTorch's do
    (``x.squeeze(axis=0)``)."""
    @functools.wraps(method)
    def with_axis(self, *args, **kwargs):
        if "axis" in kwargs and "dim" not in kwargs:  # both: Python's TypeError, as PyTorch
            kwargs["dim"] = kwargs.pop("axis")
        return method(self, *args, **kwargs)

    return with_axis


def _resolve(shape, size):
    """Replace a -1 in ``shape`` by the size it stands for (or raise PyTorch's error)."""
    known = 1
    inferred = None  # the position of the -1
    for i, s in enumerate(shape):
        if s == -1:
            if inferred is not None:
                raise RuntimeError("only one dimension can be inferred")
            inferred = i
        elif s < 0:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {list(shape)}")
        else:
            known *= s
    if inferred is not None:
        if known == 0 and size == 0:
            raise RuntimeError(
                f"cannot reshape tensor of 0 elements into shape {list(shape)} because the "
                "unspecified dimension size -1 can be any value and is ambiguous"
            )
        if known == 0 or size % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {size}")
        return tuple([size // known if s == -1 else s for s in shape])
    if known != size:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {size}")
    return shape


def _shape_args(shape):
    """Accept both ``x.view(2, 3)`` and ``x.view((2, 3))``."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        return tuple(shape[0])
    return tuple([int(s) for s in shape])


class TensorShape:
    """Mixin of Tensor's shape, indexing and dtype methods."""

    # -- shapes ---------------------------------------------------------------------------
    def reshape(self, *shape):
        """The same values in another shape: a view when possible, else a copy (torch.reshape)."""
        shape = _shape_args(shape)
        if ops.shape.can_view(self._data, _resolve(shape, self._data.size)):
            return ops.View.apply(self, shape)
        return ops.UnsafeView.apply(self.clone(), shape)

    def view(self, *shape):
        if len(shape) == 1 and not isinstance(shape[0], (int, tuple, list, TensorShape)):
            return self.to(shape[0])
        shape = _shape_args(shape)
        if not ops.shape.can_view(self._data, _resolve(shape, self._data.size)):
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            )
        return ops.View.apply(self, shape)

    def view_as(self, other):
        return self.view(other.shape)

    def reshape_as(self, other):
        return self.reshape(other.shape)

    def flatten(self, start_dim=0, end_dim=-1):
        if self.ndim <= 1:
            return self if self.ndim == 1 else self.reshape(1)
        start, end = self._dim(start_dim), self._dim(end_dim)
        if start == end:
            return self
        shape = self.shape[:start] + (-1,) + self.shape[end + 1:]
        return self.reshape(shape)

    @_axis_alias  # also x.squeeze(axis=...), as PyTorch
    def squeeze(self, dim=None):
        """This tensor without its size-1 dimensions, or without those of ``dim`` (an int, or a
        tuple of ints) that have size 1 (torch.squeeze); a view."""
        if dim is None:
            return ops.Squeeze.apply(self)
        if isinstance(dim, (tuple, list)):
            dims = tuple([self._dim(d) for d in dim])
            for i, d in enumerate(dims):
                if d in dims[:i]:
                    raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
            return ops.shape.SqueezeTuple.apply(self, dims)
        return ops.SqueezeDim.apply(self, self._dim(dim))

    @_axis_alias
    def unsqueeze(self, dim):
        ndim = self.ndim + 1
        if not -ndim <= dim < ndim:
            raise IndexError(
                f"Dimension out of range (expected to be in range of [{-ndim}, {ndim - 1}], "
                f"but got {dim})"
            )
        return ops.Unsqueeze.apply(self, dim % ndim)

    def permute(self, *dims):
        dims = _shape_args(dims)
        if len(dims) != self.ndim:
            raise RuntimeError(
                "permute(sparse_coo): number of dimensions in the tensor input does not match "
                "the length of the desired ordering of dimensions i.e. input.dim() = "
                f"{self.ndim} is not equal to len(dims) = {len(dims)}"
            )
        dims = tuple([self._dim(d) for d in dims])
        if len(set(dims)) != len(dims):
            raise RuntimeError("permute(): duplicate dims are not allowed.")
        return ops.Permute.apply(self, dims)

    def transpose(self, dim0, dim1):
        return ops.Transpose.apply(self, self._dim(dim0), self._dim(dim1))

    swapaxes = transpose

    def t(self):
        """Transpose of a tensor with at most 2 dimensions (torch.t)."""
        if self.ndim > 2:
            raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {self.ndim}D")
        return ops.T.apply(self)

    @property
    def T(self):
        return self.permute(*reversed(range(self.ndim)))

    @property
    def mT(self):
        return self.transpose(-2, -1)

    def expand(self, *shape):
        shape = _shape_args(shape)
        lead = len(shape) - self.ndim
        if lead < 0:
            raise RuntimeError(
                f"expand(torch.{self.dtype._legacy_name}{{{list(self.shape)}}}, size={list(shape)}): "
                f"the number of sizes provided ({len(shape)}) must be greater or equal to the "
                f"number of dimensions in the tensor ({self.ndim})"
            )
        target = tuple([s if s != -1 else self.shape[i - lead] for i, s in enumerate(shape)])
        check_expandable(self.shape, shape)
        return ops.Expand.apply(self, target)

    def expand_as(self, other):
        return self.expand(other.shape)

    def sum_to_size(self, *shape):
        """Sum this tensor down to ``shape``, undoing broadcasting (Tensor.sum_to_size)."""
        shape = _shape_args(shape)
        if tuple(self.shape) == shape:
            return self
        return ops.SumToSize.apply(self, shape)

    @_axis_alias
    def narrow(self, dim, start, length):
        dim = self._dim(dim)
        key = (slice(None),) * dim + (slice(start, start + length),)
        return ops.Slice.apply(self, key)

    @_axis_alias
    def select(self, dim, index):
        dim = self._dim(dim)
        return ops.Select.apply(self, (slice(None),) * dim + (index,))

    # -- pieces and rearrangements (ops/rearrange.py) ---------------------------------------------
    def split(self, split_size_or_sections, dim=0):
        """Views of consecutive pieces along ``dim``: of ``split_size`` elements each (the last
        may be shorter), or of the sizes in a list (torch.split)."""
        dim = self._dim(dim)
        n = self.shape[dim] if self.ndim else 1
        if isinstance(split_size_or_sections, (list, tuple)):
            sizes = [int(s) for s in split_size_or_sections]
            if sum(sizes) != n or min(sizes, default=0) < 0:
                raise RuntimeError(
                    f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's "
                    f"size at dimension {dim}), but got split_sizes={sizes}")
            return _pieces(self, ops.rearrange.SplitWithSizes, dim, sizes)
        size = int(split_size_or_sections)
        if size < 0:
            raise RuntimeError(
                f"split expects split_size be non-negative, but got split_size={size}")
        if size == 0:
            if n != 0:
                raise RuntimeError("split_size can only be 0 if dimension size is 0, but got "
                                   f"dimension size of {n}")
            return (ops.rearrange.Split.apply(self, (slice(None),) * dim + (slice(0, 0),)),)
        return _pieces(self, ops.rearrange.Split, dim, [min(size, n - start)
                                                        for start in range(0, n, size)] or [0])

    @_axis_alias
    def chunk(self, chunks, dim=0):
        """At most ``chunks`` views of (nearly) equal size along ``dim`` (torch.chunk)."""
        if chunks <= 0:
            raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
        n = self.shape[self._dim(dim)] if self.ndim else 1
        return self.split(max(-(-n // chunks), 1), dim)

    @_axis_alias
    def unbind(self, dim=0):
        """The slices along ``dim``, as views without that dimension (torch.unbind)."""
        if self.ndim == 0:
            raise IndexError("Dimension specified as 0 but tensor has no dimensions")
        dim = self._dim(dim)
        return tuple([ops.rearrange.Unbind.apply(self, (slice(None),) * dim + (i,))
                      for i in range(self.shape[dim])])

    def flip(self, *dims):
        """A copy with the elements in reverse order along ``dims`` (torch.flip)."""
        dims = tuple([self._dim(d) for d in _shape_args(dims)])
        for d in dims:
            if dims.count(d) > 1:
                raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        return ops.rearrange.Flip.apply(self, dims if self.ndim else ())

    def roll(self, shifts, dims=None):
        """Shift elements along ``dims`` (of the flattened tensor if None), wrapping around at
        the ends (torch.roll)."""
        shifts = tuple(shifts) if isinstance(shifts, (list, tuple)) else (shifts,)
        if dims is None:
            if len(shifts) != 1:
                raise RuntimeError(
                    f"shifts and dimensions must align. shifts: {len(shifts)}, dims:0")
            return ops.rearrange.Roll.apply(self, shifts, None)
        dims = tuple(dims) if isinstance(dims, (list, tuple)) else (dims,)
        if not shifts:
            raise RuntimeError("`shifts` required")
        if len(shifts) != len(dims):
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                               f"dims:{len(dims)}")
        dims = tuple([self._dim(d) for d in dims])
        return ops.rearrange.Roll.apply(self, shifts, dims if self.ndim else ())

    def repeat(self, *sizes):
        """The tensor tiled ``sizes[d]`` times along each dimension d (Tensor.repeat)."""
        sizes = _shape_args(sizes)
        if len(sizes) < self.ndim:
            raise RuntimeError("Number of dimensions of repeat dims can not be smaller than "
                               "number of dimensions of tensor")
        shape = (1,) * (len(sizes) - self.ndim) + tuple(self.shape)
        target = [r * n for r, n in zip(sizes, shape)]
        for n in target:
            if n < 0:
                raise RuntimeError(f"Trying to create tensor with negative dimension {n}: {target}")
        return ops.rearrange.Repeat.apply(self, sizes)

    # -- dtype conversion ---------------------------------------------------------------------
    def to(self, *args, **kwargs):
        """Convert to a dtype (``x.to(torch.float64)``); devices other than the CPU fail."""
        target = kwargs.get("dtype")
        for a in args:
            if isinstance(a, _dtype.dtype):
                target = a
            elif hasattr(a, "dtype") and hasattr(a, "_data"):
                target = a.dtype
            elif str(a) != "cpu":
                raise RuntimeError(f"minigrad only supports the CPU, not {a!r}")
        if target is None or target is self.dtype:
            return self
        return ops.ToCopy.apply(self, target._np)

    def type(self, dtype=None):
        if dtype is None:
            return f"torch.{self.dtype._legacy_name}"
        return self.to(dtype)

    def float(self):
        return self.to(_dtype.float32)

    def double(self):
        return self.to(_dtype.float64)

    def half(self):
        return self.to(_dtype.float16)

    def long(self):
        return self.to(_dtype.int64)

    def int(self):
        return self.to(_dtype.int32)

    def bool(self):
        return self.to(_dtype.bool)

    def cpu(self):
        return self

    def clone(self):
        """A copy with its own memory; gradients flow back to the original (torch.clone)."""
        return ops.Clone.apply(self)

    def is_contiguous(self):
        """True if the elements lie in memory in row-major order (Tensor.is_contiguous);
        ``t()``, ``permute`` and ``expand`` give views that are not."""
        return self._data.flags.c_contiguous

    def contiguous(self):
        """This tensor if it is contiguous, else a row-major copy (CloneBackward0), so that
        ``view`` works on it (Tensor.contiguous)."""
        return self if self.is_contiguous() else ops.Clone.apply(self)

    def diagonal(self, offset=0, dim1=0, dim2=1):
        """The elements self[..., i, ..., i + offset, ...] of dims dim1 and dim2, as a view whose
        last dim runs along the diagonal (torch.diagonal); ``offset`` > 0 is above it."""
        d1, d2 = self._dim(dim1), self._dim(dim2)
        if d1 == d2:
            raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
        return ops.shape.Diagonal.apply(self, offset, d1, d2)

    # -- new tensors with this one's dtype (unless ``dtype`` is given) --------------------
    def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
        """A tensor of zeros of shape ``size`` (Tensor.new_zeros)."""
        from .creation import zeros

        return zeros(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
        """A tensor of ones of shape ``size`` (Tensor.new_ones)."""
        from .creation import ones

        return ones(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
        """An uninitialised tensor of shape ``size`` (Tensor.new_empty; minigrad fills zeros)."""
        from .creation import empty

        return empty(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_full(self, size, fill_value, *, dtype=None, device=None, requires_grad=False):
        """A tensor of shape ``size`` (a tuple) filled with ``fill_value`` (Tensor.new_full)."""
        from .creation import full

        if not isinstance(size, (tuple, list)):
            raise TypeError("new_full(): argument 'size' (position 1) must be tuple of ints, not "
                            f"{type(size).__name__}")
        return full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_tensor(self, data, *, dtype=None, device=None, requires_grad=False):
        """A copy of ``data`` (lists, numbers, an array or a tensor), out of any graph
        (Tensor.new_tensor)."""
        from .creation import tensor

        if isinstance(data, TensorShape):
            warnings.warn(
                "To copy construct from a tensor, it is recommended to use "
                "sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), "
                "rather than tensor.new_tensor(sourceTensor).", UserWarning, stacklevel=2)
            data = data._data
        return tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)


def _pieces(t, op, dim, sizes):
    """The views ``op`` takes of consecutive pieces of ``sizes`` elements along ``dim``."""
    pieces, start = [], 0
    for size in sizes:
        pieces.append(op.apply(t, (slice(None),) * dim + (slice(start, start + size),)))
        start += size
    return tuple(pieces)


def check_expandable(shape, target):
    """PyTorch's error when a tensor of ``shape`` cannot be expanded to ``target``."""
    lead = len(target) - len(shape)
    for i in reversed(range(len(target))):  # PyTorch checks from the last dimension
        want = target[i]
        if i < lead:
            if want == -1:
                raise RuntimeError(
                    f"The expanded size of the tensor (-1) isn't allowed in a leading, "
                    f"non-existing dimension {i}"
                )
            continue
        n = shape[i - lead]
        if n != 1 and want != -1 and n != want:
            raise RuntimeError(
                f"The expanded size of the tensor ({want}) must match the existing size ({n}) at "
                f"non-singleton dimension {i}.  Target sizes: {list(target)}.  Tensor "
                f"sizes: {list(shape)}"
            )
