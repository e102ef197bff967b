"""Hypothesis strategies shared by the tests: shapes, broadcastable shape pairs, float64 arrays.

Values are drawn from a grid, ``(i + offset) / 64``, instead of from all floats. Hypothesis
likes simple floats (0.0, 1.0, repeated fill values), and those sit exactly on the kinks where
a finite-difference gradient is wrong: ``abs`` and ``relu`` at 0, ``clamp`` at its bounds,
``max`` and ``maximum`` at ties. A grid shifted by a quarter step never hits 0 nor any
multiple of 1/64, and two arrays drawn with offsets 0.25 and 0.75 never share a value.
"""
import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

GRID = 64  # values are multiples of 1/64, shifted by an offset in (0, 1)

# Shapes stay small: gradcheck runs the function twice per input element.
MAX_DIMS = 3
MAX_SIDE = 3


def shapes(min_dims=0, max_dims=MAX_DIMS, min_side=1, max_side=MAX_SIDE):
    """Tensor shapes as tuples, e.g. ``()``, ``(3,)``, ``(2, 1, 3)``."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side)


def broadcastable_shapes(count=2, min_dims=0, max_dims=MAX_DIMS, max_side=MAX_SIDE):
    """Tuples of ``count`` shapes that broadcast together, e.g. ``((2, 1), (3,))``."""
    return hnp.mutually_broadcastable_shapes(
        num_shapes=count, min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side
    ).map(lambda drawn: drawn.input_shapes)


def float64_arrays(shape, low=-2.0, high=2.0, offset=0.25, unique=False):
    """float64 arrays of ``shape`` with values ``(i + offset) / 64`` inside ``[low, high]``.

    ``unique=True`` makes all values distinct (for max/min, where ties have no gradient).
    """
    first = math.ceil(low * GRID - offset)
    last = math.floor(high * GRID - offset)
    values = st.integers(first, last).map(lambda i: (i + offset) / GRID)
    return hnp.arrays(np.float64, shape, elements=values, unique=unique)


def positive_float64_arrays(shape, offset=0.25):
    """float64 arrays with values in [0.5, 2]: safe for log, sqrt, division and powers."""
    return float64_arrays(shape, low=0.5, high=2.0, offset=offset)


def dims_of(shape):
    """A valid dimension index of ``shape``, sometimes negative (as users write ``dim=-1``)."""
    ndim = max(len(shape), 1)
    return st.integers(-ndim, ndim - 1)


def dim_tuples(shape):
    """A non-empty tuple of distinct non-negative dims of ``shape`` (needs ``len(shape) >= 1``)."""
    return st.lists(st.integers(0, len(shape) - 1), min_size=1, max_size=len(shape),
                    unique=True).map(tuple)


def basic_index_keys(shape):
    """Basic index keys (ints, slices, None, Ellipsis) as PyTorch accepts them: no negative
    slice steps, which PyTorch rejects."""
    def positive_steps(key):
        parts = key if isinstance(key, tuple) else (key,)
        return all(not isinstance(k, slice) or k.step is None or k.step > 0 for k in parts)

    return hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True).filter(positive_steps)


def integer_index_arrays(shape):
    """Tuples of int64 index arrays for advanced indexing; indices may repeat."""
    return hnp.integer_array_indices(shape, result_shape=shapes(min_dims=1, max_dims=2),
                                     dtype=np.dtype(np.int64))


def bool_masks(shape):
    """Boolean arrays of ``shape``."""
    return hnp.arrays(np.bool_, shape)
