"""Tensor methods for more shape ops and random fills (broadcast_to, movedim, tile, repeat_interleave, ...).

A mixin of ``Tensor``, like ``TensorFunctions`` (tensor_functions.py). Most methods are built
from existing ops exactly as PyTorch builds them, so the graph shows the same nodes (movedim
is a PermuteBackward0, tile a RepeatBackward0); the others call one op from
``minigrad/ops/shape_more.py``. The ``torch.*`` functions are in functional_shape_more.py.
"""
import numpy as np

from . import _dtype
from .autograd.function import _CopyGrad
from .ops import shape_more as _ops
from .ops.gather import IndexSelect
from .random import _generator
from .tensor_shape import _shape_args

_P_RANGE = ("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error "
            "message be improved?  If so, please report an enhancement request to PyTorch.)")


def _type_name(t):
    return t.dtype._legacy_name[:-len("Tensor")]  # "FloatTensor" -> "Float"


def _int_list(dims):
    return [int(d) for d in dims] if isinstance(dims, (tuple, list)) else [int(dims)]


class TensorShapeMore:
    """Mixin of Tensor's methods for more shape ops and random fills (broadcast_to, movedim, tile, repeat_interleave, ...)."""

    # -- views --------------------------------------------------------------------------------
    def broadcast_to(self, *shape):
        """This tensor broadcast to ``shape``, a view without copying: the same as ``expand``
        (ExpandBackward0) (torch.broadcast_to)."""
        return self.expand(*shape)

    def type_as(self, other):
        """This tensor converted to ``other``'s dtype (itself if it already has it)
        (Tensor.type_as)."""
        return self.to(other.dtype)

    def movedim(self, source, destination):
        """A view with dimension(s) ``source`` moved to position(s) ``destination``, the other
        dimensions keeping their order: a permute (PermuteBackward0) (torch.movedim).

        Example: a (2, 3, 4) tensor's ``movedim(0, -1)`` has shape (3, 4, 2).
        """
        source, destination = _int_list(source), _int_list(destination)
        if len(source) != len(destination):
            raise RuntimeError(
                f"movedim: Invalid source or destination dims: source ({source} dims) should "
                f"contain the same number of dims as destination ({destination} dims)")
        for name, dims in (("source", source), ("destination", destination)):
            if len(set([self._dim(d) for d in dims])) != len(dims):
                raise RuntimeError(f"movedim: repeated dim in `{name}` ({dims})")
        source = [self._dim(d) for d in source]
        destination = [self._dim(d) for d in destination]
        rest = iter([d for d in range(self.ndim) if d not in source])
        moved = dict(zip(destination, source))
        order = tuple([moved[i] if i in moved else next(rest) for i in range(self.ndim)])
        return self.permute(order)

    moveaxis = movedim

    def unflatten(self, dim, sizes):
        """A view with dimension ``dim`` split into dimensions of ``sizes`` (one may be -1),
        the inverse of ``flatten`` (ViewBackward0) (Tensor.unflatten)."""
        sizes = [int(s) for s in sizes]
        dim = self._dim(dim)
        if not sizes:
            raise RuntimeError("unflatten: sizes must be non-empty")
        n = self.shape[dim]
        known = int(np.prod([s for s in sizes if s != -1]))
        if sizes.count(-1) > 1:
            raise RuntimeError("unflatten got an unexpected error:\nonly one dimension can be "
                               "inferred")
        if -1 in sizes and known == 0 and n == 0:
            raise RuntimeError(
                f"unflatten got an unexpected error:\ncannot reshape tensor of 0 elements into "
                f"shape {sizes} because the unspecified dimension size -1 can be any value and "
                "is ambiguous")
        if (-1 not in sizes and known != n) or (-1 in sizes and (known == 0 or n % known)):
            raise RuntimeError(f"unflatten: Provided sizes {sizes} don't multiply up to the "
                               f"size of dim {dim} ({n}) in the input tensor")
        return self.view(self.shape[:dim] + tuple(sizes) + self.shape[dim + 1:])

    # -- copies made of repeats -------------------------------------------------------------------
    def tile(self, *dims):
        """The tensor repeated ``dims[d]`` times along each dimension d; with fewer ``dims``
        than dimensions, the leading ones are repeated once (RepeatBackward0) (torch.tile)."""
        dims = _shape_args(dims)
        return self.repeat((1,) * (self.ndim - len(dims)) + dims)

    def repeat_interleave(self, repeats, dim=None, *, output_size=None):
        """Each element repeated ``repeats`` times in a row along ``dim`` (of the flattened
        tensor if None): [1, 2] -> [1, 1, 2, 2] (torch.repeat_interleave).

        ``repeats`` may be a tensor giving a count per element. PyTorch builds the int case
        from unsqueeze, expand, clone and view, the tensor case from index_select; so does
        minigrad, to record the same nodes.
        """
        t = self.flatten() if dim is None else self
        dim = t._dim(0 if dim is None else dim)
        if hasattr(repeats, "_data"):
            counts = _repeat_counts(repeats, t.shape[dim] if t.ndim else 1, dim)
            index = np.repeat(np.arange(len(counts)), counts)
            return IndexSelect.apply(t, (slice(None),) * dim + (index,))
        if repeats < 0:
            raise RuntimeError("Repeats must be non-negative")
        wide = t.unsqueeze(dim + 1)
        copies = wide.expand(wide.shape[:dim + 1] + (repeats,) + wide.shape[dim + 2:]).clone()
        return copies.view(t.shape[:dim] + (t.shape[dim] * repeats,) + t.shape[dim + 1:])

    # -- differences and running products ----------------------------------------------------------
    def diff(self, n=1, dim=-1, prepend=None, append=None):
        """The n-th difference along ``dim``: out[i] = x[i + 1] - x[i], n times (for bools,
        x[i + 1] != x[i]); ``prepend``/``append`` are joined on first (torch.diff)."""
        if self.ndim == 0:
            raise RuntimeError("diff expects input to be at least one-dimensional")
        if n < 0:
            raise RuntimeError(f"order must be non-negative but got {n}")
        dim = self._dim(dim)
        if prepend is not None or append is not None:
            from .functional import cat

            extra = [t for t in (prepend, self, append) if t is not None]
            for t in extra:
                _check_diff_extra(self, t, dim)
            t = cat(extra, dim)
        elif n == 0:
            return _CopyGrad.apply(self)  # a copy: PyTorch's node is CopyBackwards
        else:
            t = self
        for _ in range(min(n, t.shape[dim])):
            size = t.shape[dim] - 1
            later, earlier = t.narrow(dim, 1, size), t.narrow(dim, 0, size)
            t = later != earlier if t.dtype is _dtype.bool else later - earlier
        return t

    def cumprod(self, dim, dtype=None):
        """Running product along ``dim``: z_i = a_0 * ... * a_i (CumprodBackward0)
        (torch.cumprod)."""
        t = self if dtype is None else self.to(dtype)
        return _ops.Cumprod.apply(t, self._dim(dim))

    def take(self, index):
        """The elements of the flattened tensor at ``index``; the result has index's shape
        (TakeBackward0) (torch.take)."""
        if index.dtype is not _dtype.int64:
            raise RuntimeError(
                f"take(): Expected a long tensor for index, but got {_type_name(index)}")
        n = self.numel()
        for i in index._data.reshape(-1):
            if not -n <= i < n:
                raise IndexError(f"out of range: tried to access index {i} on a tensor of "
                                 f"{n} elements.")
        return _ops.Take.apply(self, index._data % max(n, 1))

    # -- random draws ------------------------------------------------------------------------------
    def bernoulli(self, p=None, *, generator=None):
        """1 with probability self[i], else 0 (self holds the probabilities), in self's dtype;
        no gradient flows through the draw (BernoulliBackward0) (torch.bernoulli)."""
        if p is not None:
            return self.new_zeros(self.shape).bernoulli_(p, generator=generator)
        _check_probabilities(self, "bernoulli_tensor_cpu_p_")
        draws = _generator(generator).random(self.shape) < self._data
        return _ops.Bernoulli.apply(draws.astype(self._data.dtype), self)

    def bernoulli_(self, p=0.5, *, generator=None):
        """Fill in place with 1 with probability ``p`` (a number, or a tensor broadcast to
        this one's shape), else 0 (Tensor.bernoulli_)."""
        if hasattr(p, "_data"):
            _check_probabilities(p, "bernoulli_tensor_cpu_p_")
            p_full = p.expand(self.shape)._data
            op, args = _ops.BernoulliTensor_, (p,)
        else:
            if not 0 <= p <= 1:
                raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p}")
            p_full = p
            op, args = _ops.BernoulliNumber_, ()
        draws = (_generator(generator).random(self.shape) < p_full).astype(self._data.dtype)
        return self._inplace(lambda old, *ps: op.apply(draws, old, *ps), *args)

    def multinomial(self, num_samples, replacement=False, *, generator=None):
        """Indices drawn with probabilities proportional to the rows of this 1-D or 2-D
        tensor (weights need not sum to 1), without putting them back unless
        ``replacement`` (torch.multinomial)."""
        if self.dtype.is_floating_point is False:
            raise RuntimeError("multinomial only supports floating-point dtypes for input, "
                               f"got: {_type_name(self)}")
        if self.ndim not in (1, 2):
            raise RuntimeError("prob_dist must be 1 or 2 dim")
        if num_samples <= 0:
            raise RuntimeError("cannot sample n_sample <= 0 samples")
        if not replacement and num_samples > self.shape[-1]:
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                               "replacement")
        rows = self._data.reshape(-1, self.shape[-1]).astype(np.float64)
        if not np.isfinite(rows).all() or (rows < 0).any():
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if (rows.sum(-1) <= 0).any():
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        rng = _generator(generator)
        if replacement:
            samples = [rng.choice(len(w), num_samples, p=w / w.sum()) for w in rows]
        else:
            # Each index gets a random key Exp(1) / w: sorting the keys draws without putting
            # back; weight 0 gives the key inf, drawn only once every other index is taken.
            with np.errstate(divide="ignore"):
                keys = rng.standard_exponential(rows.shape) / rows
            samples = np.argsort(keys, axis=-1, kind="stable")[:, :num_samples]
        samples = np.asarray(samples, dtype=np.int64).reshape(self.shape[:-1] + (num_samples,))
        return type(self)._make(samples)


def _repeat_counts(repeats, size, dim):
    """The repeat count of each of the ``size`` elements, from a tensor of counts (PyTorch's
    checks: integers, at most 1-D, non-negative, one per element or a single one)."""
    counts = repeats._data
    if counts.dtype.kind not in "iu":
        raise NotImplementedError(
            f"\"repeat_interleave_cpu\" not implemented for '{_type_name(repeats)}'")
    if counts.ndim > 1:
        raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    counts = counts.reshape(-1)
    if counts.size == 1:
        return np.full(size, counts[0])
    if counts.size != size:
        raise RuntimeError(
            "repeats must have the same size as input along dim, but got repeats.size(0) = "
            f"{counts.size} and input.size({dim}) = {size}")
    return counts


def _check_diff_extra(input, t, dim):
    """PyTorch's checks of diff's ``prepend`` / ``append``: same shape except along ``dim``."""
    if t is input:
        return
    if t.ndim != input.ndim:
        raise RuntimeError("diff expects prepend or append to be the same dimension as input")
    for d, (m, k) in enumerate(zip(input.shape, t.shape)):
        if d != dim and m != k:
            raise RuntimeError(
                "diff expects the shape of tensor to prepend or append to match that of input "
                f"except along the differencing dimension; input.size({d}) = {m}, but got "
                f"tensor.size({d}) = {k}")


def _check_probabilities(p, kernel):
    """bernoulli's checks of a tensor of probabilities: floating point, all in [0, 1]."""
    if not p.dtype.is_floating_point:
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_type_name(p)}'")
    if not ((p._data >= 0) & (p._data <= 1)).all():
        raise RuntimeError(_P_RANGE)
