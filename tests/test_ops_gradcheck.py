"""Every differentiable op, checked three ways from one table, in float64:

1. forward: the value equals a plain numpy computation;
2. gradcheck: backward's Jacobian equals finite differences;
3. gradgradcheck: the backward is itself differentiable (``create_graph=True``) and right.

Each row of ``OPS`` names an op, calls it the way a student would (``a + b``, ``x.sum(1)``),
gives the numpy reference, and says which inputs to draw. Hypothesis draws shapes (with
broadcasting pairs) and values from ``strategies.py``.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import minigrad
from minigrad.autograd import gradcheck, gradgradcheck

from strategies import (basic_index_keys, bool_masks, broadcastable_shapes, dim_tuples, dims_of,
                        float64_arrays, integer_index_arrays, positive_float64_arrays, shapes)

EXAMPLES = settings(max_examples=10, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@dataclass(frozen=True)
class OpCase:
    """One row of the table.

    ``inputs`` draws ``(arrays, params)``: the arrays become float64 tensors (those that are
    differentiated), ``params`` are passed as keyword arguments to both ``op`` and
    ``reference`` (dims, keys, masks...).
    """

    name: str
    op: Callable
    reference: Callable
    inputs: st.SearchStrategy

    def __repr__(self):
        return self.name


# -- input strategies: each draws (arrays, params) -------------------------------------------

def one_array(min_dims=0, low=-2.0, high=2.0, unique=False):
    return shapes(min_dims=min_dims).flatmap(
        lambda s: float64_arrays(s, low, high, unique=unique)).map(lambda a: ((a,), {}))


def one_positive_array():
    return shapes().flatmap(positive_float64_arrays).map(lambda a: ((a,), {}))


@st.composite
def broadcast_pair(draw, positive_a=False, positive_b=False):
    """Two arrays whose shapes broadcast; their values never tie (offsets 0.25 and 0.75)."""
    shape_a, shape_b = draw(broadcastable_shapes(2))
    a = draw(positive_float64_arrays(shape_a) if positive_a else float64_arrays(shape_a))
    b = draw(positive_float64_arrays(shape_b, offset=0.75) if positive_b
             else float64_arrays(shape_b, offset=0.75))
    return (a, b), {}


@st.composite
def with_params(draw, make_params, min_dims=1, unique=False, positive=False):
    """One array and the params ``make_params(shape)`` draws for it."""
    shape = draw(shapes(min_dims=min_dims))
    array = draw(positive_float64_arrays(shape) if positive
                 else float64_arrays(shape, unique=unique))
    return (array,), draw(make_params(shape))


def dim_params(shape):
    return st.fixed_dictionaries({"dim": dims_of(shape)})


def dim_keepdim_params(shape):
    return st.fixed_dictionaries({"dim": dims_of(shape), "keepdim": st.booleans()})


def dims_keepdim_params(shape):
    return st.fixed_dictionaries({"dim": dim_tuples(shape), "keepdim": st.booleans()})


def reshape_params(shape):
    n = int(np.prod(shape))
    return st.fixed_dictionaries({"shape": st.sampled_from([(n,), (-1,), (1, -1), (n, 1),
                                                            tuple(reversed(shape))])})


def flatten_params(shape):
    ndim = max(len(shape), 1)
    return st.tuples(st.integers(-ndim, ndim - 1), st.integers(-ndim, ndim - 1)).map(
        lambda d: {"start_dim": min(d, key=lambda x: x % ndim),
                   "end_dim": max(d, key=lambda x: x % ndim)})


def unsqueeze_params(shape):
    return st.fixed_dictionaries({"dim": st.integers(-len(shape) - 1, len(shape))})


def transpose_params(shape):
    return st.fixed_dictionaries({"dim0": dims_of(shape), "dim1": dims_of(shape)})


def permute_params(shape):
    return st.fixed_dictionaries({"dims": st.permutations(range(len(shape))).map(tuple)})


def clamp_params(shape):
    return st.sampled_from([{"min": -0.5, "max": 0.5}, {"min": -0.5, "max": None},
                            {"min": None, "max": 0.5}])


def basic_key_params(shape):
    return st.fixed_dictionaries({"key": basic_index_keys(shape)})


def int_key_params(shape):
    return st.fixed_dictionaries({"key": integer_index_arrays(shape)})


def mask_params(shape):
    return st.fixed_dictionaries({"mask": bool_masks(shape)})


def narrow_params(shape):
    @st.composite
    def draw_params(draw):
        dim = draw(dims_of(shape))
        size = shape[dim]
        start = draw(st.integers(0, size - 1))
        return {"dim": dim, "start": start, "length": draw(st.integers(1, size - start))}

    return draw_params()


@st.composite
def expand_inputs(draw):
    """An array and a shape it broadcasts to (for expand); or the reverse (for sum_to_size)."""
    small, big = draw(broadcastable_shapes(2))
    target = np.broadcast_shapes(small, big)
    return (draw(float64_arrays(small)),), {"shape": target}


@st.composite
def sum_to_size_inputs(draw):
    (small,), params = draw(expand_inputs())
    big = params["shape"]
    return (draw(float64_arrays(big)),), {"shape": small.shape}


@st.composite
def matmul_pairs(draw):
    """Operands for every case of matmul's dispatch: dot, mv, mm, vector @ batch, batch @
    vector, and batched products whose batch dimensions broadcast."""
    n, k, m = (draw(st.integers(1, 3)) for _ in range(3))
    batch_a, batch_b = draw(broadcastable_shapes(2, max_dims=2))
    kind = draw(st.sampled_from(["dot", "mv", "mm", "vector@batch", "batch@vector", "batched"]))
    shape_a, shape_b = {
        "dot": ((k,), (k,)),
        "mv": ((n, k), (k,)),
        "mm": ((n, k), (k, m)),
        "vector@batch": ((k,), (*batch_b, k, m)),
        "batch@vector": ((*batch_a, n, k), (k,)),
        "batched": ((*batch_a, n, k), (*batch_b, k, m)),
    }[kind]
    return (draw(float64_arrays(shape_a)), draw(float64_arrays(shape_b, offset=0.75))), {}


@st.composite
def mm_pairs(draw, b_is_vector=False):
    n, k, m = (draw(st.integers(1, 3)) for _ in range(3))
    shape_b = (k,) if b_is_vector else (k, m)
    return (draw(float64_arrays((n, k))), draw(float64_arrays(shape_b, offset=0.75))), {}


@st.composite
def dot_pairs(draw):
    k = draw(st.integers(1, 4))
    return (draw(float64_arrays((k,))), draw(float64_arrays((k,), offset=0.75))), {}


@st.composite
def where_inputs(draw):
    cond_shape, shape_a, shape_b = draw(broadcastable_shapes(3))
    arrays = (draw(float64_arrays(shape_a)), draw(float64_arrays(shape_b, offset=0.75)))
    return arrays, {"condition": draw(bool_masks(cond_shape))}


@st.composite
def masked_fill_inputs(draw):
    shape, mask_shape = draw(broadcastable_shapes(2))
    shape = np.broadcast_shapes(shape, mask_shape)  # masked_fill keeps the input's shape
    return (draw(float64_arrays(shape)),), {"mask": draw(bool_masks(mask_shape))}


@st.composite
def cat_inputs(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(dims_of(shape))
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    arrays = []
    for i, size in enumerate(sizes):
        piece = list(shape)
        piece[dim] = size
        arrays.append(draw(float64_arrays(tuple(piece), offset=0.25 + 0.5 * (i % 2))))
    return tuple(arrays), {"dim": dim}


@st.composite
def stack_inputs(draw):
    shape = draw(shapes())
    count = draw(st.integers(1, 3))
    arrays = tuple(draw(float64_arrays(shape)) for _ in range(count))
    return arrays, {"dim": draw(st.integers(-len(shape) - 1, len(shape)))}


@st.composite
def setitem_inputs(draw):
    """``out = a.clone(); out[key] = value`` with a basic key and a broadcastable value."""
    shape = draw(shapes(min_dims=1))
    key = draw(basic_index_keys(shape))
    target = np.empty(shape)[key].shape
    # The value broadcasts to the target: a suffix of its shape, some sizes replaced by 1.
    kept = draw(st.integers(0, len(target)))
    suffix = target[len(target) - kept:]
    ones = draw(st.lists(st.booleans(), min_size=kept, max_size=kept))
    value_shape = tuple(1 if one else n for one, n in zip(ones, suffix))
    return (draw(float64_arrays(shape)), draw(float64_arrays(value_shape, offset=0.75))), {"key": key}


@st.composite
def setitem_mask_inputs(draw):
    shape = draw(shapes(min_dims=1))
    return ((draw(float64_arrays(shape)), draw(float64_arrays((), offset=0.75))),
            {"mask": draw(bool_masks(shape))})


def pow_number_inputs(exponents, positive):
    base = one_positive_array() if positive else one_array()
    return st.tuples(base, st.sampled_from(exponents)).map(
        lambda drawn: (drawn[0][0], {"exponent": drawn[1]}))


# -- numpy references that need more than one line ------------------------------------------

def np_softmax(x, dim):
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return e / e.sum(axis=dim, keepdims=True)


def np_log_softmax(x, dim):
    return np.log(np_softmax(x, dim))


def np_flatten(x, start_dim, end_dim):
    if x.ndim == 0:
        return x.reshape(1)
    start, end = start_dim % x.ndim, end_dim % x.ndim
    return x.reshape(x.shape[:start] + (-1,) + x.shape[end + 1:])


def np_squeeze_dim(x, dim):
    return np.squeeze(x, axis=dim) if x.ndim and x.shape[dim] == 1 else x


def np_sum_to_size(x, shape):
    lead = x.ndim - len(shape)
    x = x.sum(axis=tuple(range(lead)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1)
    return x.sum(axis=stretched, keepdims=True)


def np_setitem(a, value, key):
    out = a.copy()
    out[key] = value
    return out


def np_clamp(x, min, max):
    return np.clip(x, -np.inf if min is None else min, np.inf if max is None else max)


# -- minigrad calls that need more than one line ------------------------------------------------

def setitem(a, value, key):
    out = a.clone()
    out[key] = value
    return out


def setitem_mask(a, value, mask):
    out = a.clone()
    out[minigrad.tensor(mask)] = value
    return out


def advanced_index(a, key):
    return a[tuple(minigrad.tensor(k) for k in key)]


def mask_index(a, mask):
    return a[minigrad.tensor(mask)]


def where(a, b, condition):
    return minigrad.where(minigrad.tensor(condition), a, b)


def masked_fill(a, mask):
    return a.masked_fill(minigrad.tensor(mask), 0.5)


OPS = [
    # arithmetic, with broadcasting and Python numbers on either side
    OpCase("add", lambda a, b: a + b, np.add, broadcast_pair()),
    OpCase("sub", lambda a, b: a - b, np.subtract, broadcast_pair()),
    OpCase("mul", lambda a, b: a * b, np.multiply, broadcast_pair()),
    OpCase("div", lambda a, b: a / b, np.divide, broadcast_pair(positive_b=True)),
    OpCase("pow_tensor", lambda a, b: a ** b, np.power, broadcast_pair(positive_a=True)),
    OpCase("add_alpha", lambda a, b: minigrad.add(a, b, alpha=2.5),
           lambda a, b: a + 2.5 * b, broadcast_pair()),
    OpCase("neg", lambda a: -a, np.negative, one_array()),
    OpCase("radd", lambda a: 2.5 + a, lambda a: 2.5 + a, one_array()),
    OpCase("rsub", lambda a: 2.5 - a, lambda a: 2.5 - a, one_array()),
    OpCase("rmul", lambda a: 3 * a, lambda a: 3 * a, one_array()),
    OpCase("rdiv", lambda a: 2.5 / a, lambda a: 2.5 / a, one_positive_array()),
    OpCase("rpow", lambda a: 2.5 ** a, lambda a: 2.5 ** a, one_array()),
    OpCase("reciprocal", lambda a: a.reciprocal(), np.reciprocal, one_positive_array()),
    OpCase("pow_int", lambda a, exponent: a ** exponent, lambda a, exponent: a ** exponent,
           pow_number_inputs([0, 1, 2, 3], positive=False)),
    OpCase("pow_float", lambda a, exponent: minigrad.pow(a, exponent),
           lambda a, exponent: a ** exponent, pow_number_inputs([0.5, -1.5, 2.5], positive=True)),
    # matrix products
    OpCase("matmul", lambda a, b: a @ b, np.matmul, matmul_pairs()),
    OpCase("mm", minigrad.mm, np.matmul, mm_pairs()),
    OpCase("mv", minigrad.mv, np.matmul, mm_pairs(b_is_vector=True)),
    OpCase("dot", minigrad.dot, np.dot, dot_pairs()),
    # elementwise math
    OpCase("exp", minigrad.exp, np.exp, one_array()),
    OpCase("log", minigrad.log, np.log, one_positive_array()),
    OpCase("sin", minigrad.sin, np.sin, one_array()),
    OpCase("cos", minigrad.cos, np.cos, one_array()),
    OpCase("tanh", minigrad.tanh, np.tanh, one_array()),
    OpCase("sigmoid", minigrad.sigmoid, lambda a: 1 / (1 + np.exp(-a)), one_array()),
    OpCase("relu", minigrad.relu, lambda a: np.where(a > 0, a, 0.0), one_array()),
    OpCase("sqrt", minigrad.sqrt, np.sqrt, one_positive_array()),
    OpCase("abs", minigrad.abs, np.abs, one_array()),
    OpCase("clamp", lambda a, min, max: a.clamp(min, max), np_clamp,
           with_params(clamp_params, min_dims=0)),
    OpCase("maximum", minigrad.maximum, np.maximum, broadcast_pair()),
    OpCase("minimum", minigrad.minimum, np.minimum, broadcast_pair()),
    OpCase("where", where, lambda a, b, condition: np.where(condition, a, b), where_inputs()),
    OpCase("masked_fill", masked_fill, lambda a, mask: np.where(mask, 0.5, a),
           masked_fill_inputs()),
    # reductions
    OpCase("sum", lambda a: a.sum(), np.sum, one_array()),
    OpCase("sum_dim", lambda a, dim, keepdim: a.sum(dim, keepdim=keepdim),
           lambda a, dim, keepdim: a.sum(axis=dim, keepdims=keepdim),
           with_params(dims_keepdim_params)),
    OpCase("mean", lambda a: a.mean(), np.mean, one_array()),
    OpCase("mean_dim", lambda a, dim, keepdim: a.mean(dim, keepdim=keepdim),
           lambda a, dim, keepdim: a.mean(axis=dim, keepdims=keepdim),
           with_params(dims_keepdim_params)),
    OpCase("max", lambda a: a.max(), np.max, one_array(unique=True)),
    OpCase("min", lambda a: a.min(), np.min, one_array(unique=True)),
    OpCase("max_dim", lambda a, dim, keepdim: a.max(dim, keepdim=keepdim).values,
           lambda a, dim, keepdim: a.max(axis=dim, keepdims=keepdim),
           with_params(dim_keepdim_params, unique=True)),
    OpCase("min_dim", lambda a, dim, keepdim: minigrad.min(a, dim, keepdim)[0],
           lambda a, dim, keepdim: a.min(axis=dim, keepdims=keepdim),
           with_params(dim_keepdim_params, unique=True)),
    OpCase("amax", lambda a, dim, keepdim: a.amax(dim, keepdim=keepdim),
           lambda a, dim, keepdim: a.max(axis=dim, keepdims=keepdim),
           with_params(dims_keepdim_params, unique=True)),
    OpCase("amin", lambda a, dim, keepdim: minigrad.amin(a, dim, keepdim),
           lambda a, dim, keepdim: a.min(axis=dim, keepdims=keepdim),
           with_params(dims_keepdim_params, unique=True)),
    OpCase("var_dim", lambda a, dim, keepdim: a.var(dim, unbiased=False, keepdim=keepdim),
           lambda a, dim, keepdim: a.var(axis=dim, keepdims=keepdim),
           with_params(dims_keepdim_params, unique=True)),
    OpCase("norm", lambda a: a.norm(), lambda a: np.sqrt((a * a).sum()), one_array()),
    OpCase("softmax", lambda a, dim: a.softmax(dim), np_softmax, with_params(dim_params)),
    OpCase("log_softmax", lambda a, dim: minigrad.log_softmax(a, dim), np_log_softmax,
           with_params(dim_params)),
    # shapes
    OpCase("reshape", lambda a, shape: a.reshape(shape), lambda a, shape: a.reshape(shape),
           with_params(reshape_params, min_dims=0)),
    OpCase("view", lambda a, shape: a.view(shape), lambda a, shape: a.reshape(shape),
           with_params(reshape_params, min_dims=0)),
    OpCase("flatten", lambda a, start_dim, end_dim: a.flatten(start_dim, end_dim), np_flatten,
           with_params(flatten_params, min_dims=0)),
    OpCase("squeeze", lambda a: a.squeeze(), np.squeeze, one_array()),
    OpCase("squeeze_dim", lambda a, dim: a.squeeze(dim), np_squeeze_dim, with_params(dim_params)),
    OpCase("unsqueeze", lambda a, dim: a.unsqueeze(dim),
           lambda a, dim: np.expand_dims(a, dim % (a.ndim + 1)),
           with_params(unsqueeze_params, min_dims=0)),
    OpCase("transpose", lambda a, dim0, dim1: a.transpose(dim0, dim1),
           lambda a, dim0, dim1: np.swapaxes(a, dim0, dim1), with_params(transpose_params)),
    OpCase("t", lambda a: a.t(), lambda a: a.T, one_array().filter(lambda x: x[0][0].ndim <= 2)),
    OpCase("T", lambda a: a.T, lambda a: a.T, one_array().filter(lambda x: x[0][0].ndim <= 2)),
    OpCase("permute", lambda a, dims: a.permute(dims), lambda a, dims: a.transpose(dims),
           with_params(permute_params, min_dims=0)),
    OpCase("expand", lambda a, shape: a.expand(shape), lambda a, shape: np.broadcast_to(a, shape),
           expand_inputs()),
    OpCase("sum_to_size", lambda a, shape: a.sum_to_size(shape), np_sum_to_size,
           sum_to_size_inputs()),
    OpCase("cat", lambda *arrays, dim: minigrad.cat(arrays, dim),
           lambda *arrays, dim: np.concatenate(arrays, axis=dim), cat_inputs()),
    OpCase("stack", lambda *arrays, dim: minigrad.stack(arrays, dim),
           lambda *arrays, dim: np.stack(arrays, axis=dim), stack_inputs()),
    OpCase("clone", lambda a: a.clone(), np.copy, one_array()),
    OpCase("double", lambda a: a.double(), lambda a: a, one_array()),
    # indexing
    OpCase("getitem_basic", lambda a, key: a[key], lambda a, key: a[key],
           with_params(basic_key_params, min_dims=0)),
    OpCase("getitem_int_arrays", advanced_index, lambda a, key: a[key], with_params(int_key_params)),
    OpCase("getitem_mask", mask_index, lambda a, mask: a[mask], with_params(mask_params)),
    OpCase("narrow", lambda a, dim, start, length: a.narrow(dim, start, length),
           lambda a, dim, start, length: np.take(a, range(start, start + length), axis=dim),
           with_params(narrow_params)),
    OpCase("setitem_basic", setitem, np_setitem, setitem_inputs()),
    OpCase("setitem_mask", setitem_mask, lambda a, value, mask: np_setitem(a, value, mask),
           setitem_mask_inputs()),
]

op_cases = pytest.mark.parametrize("case", OPS, ids=lambda case: case.name)


def as_tensors(arrays, requires_grad):
    """float64 tensors with their own copies of the arrays (gradcheck nudges them in place)."""
    return tuple(minigrad.tensor(a, dtype=minigrad.float64, requires_grad=requires_grad)
                 for a in arrays)


@op_cases
@EXAMPLES
@given(data=st.data())
def test_forward_matches_numpy(case, data):
    arrays, params = data.draw(case.inputs, label="inputs")
    out = case.op(*as_tensors(arrays, requires_grad=False), **params)
    expected = np.asarray(case.reference(*arrays, **params))
    assert out.dtype == minigrad.float64
    assert out.shape == expected.shape
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-12, atol=1e-12)


@op_cases
@EXAMPLES
@given(data=st.data())
def test_gradcheck(case, data):
    arrays, params = data.draw(case.inputs, label="inputs")
    inputs = as_tensors(arrays, requires_grad=True)
    assert gradcheck(lambda *xs: case.op(*xs, **params), inputs)


@op_cases
@EXAMPLES
@given(data=st.data())
def test_gradgradcheck(case, data):
    arrays, params = data.draw(case.inputs, label="inputs")
    inputs = as_tensors(arrays, requires_grad=True)
    out_shape = case.op(*inputs, **params).shape
    grad_output = data.draw(float64_arrays(tuple(out_shape), offset=0.5), label="grad_output")
    grad_outputs = as_tensors([grad_output], requires_grad=True)
    assert gradgradcheck(lambda *xs: case.op(*xs, **params), inputs, grad_outputs)


@pytest.mark.parametrize("call", [
    lambda a: a.std(),
    lambda a: a.std(1),
    lambda a: a.std(0, unbiased=False, keepdim=True),
    lambda a: minigrad.std(a, (0, 1)),
], ids=["all", "dim1", "dim0-biased-keepdim", "dims-tuple"])
def test_std_gradients(call):
    """std has no gradient where it is 0 (one element, or all equal), so it is checked on fixed,
    spread-out values instead of the generated ones."""
    a = minigrad.tensor([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]], dtype=minigrad.float64,
                        requires_grad=True)
    assert gradcheck(call, (a,))
    assert gradgradcheck(call, (a,))


@settings(max_examples=60, deadline=None)
@given(size=st.integers(1, 3000), dtype=st.sampled_from([np.float16, np.float32, np.float64]),
       seed=st.integers(0, 2**32 - 1))
def test_mean_of_all_elements_has_numpys_bits(size, dtype, seed):
    """Mean skips numpy's Python-level mean; it must still give numpy's exact result."""
    x = (np.random.default_rng(seed).standard_normal(size) * 100).astype(dtype)
    result = minigrad.from_numpy(x).mean().numpy()
    assert result.dtype == x.dtype and result == x.mean()
