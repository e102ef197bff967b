"""Numpy-only backward formulas for the hottest ops: a speed-up, not part of the algorithm.

Each op's ``backward`` (next to its ``forward``) is the reference: it is written with minigrad
ops so that ``create_graph=True`` can record it. When nothing needs recording (a plain
``loss.backward()``), every one of those minigrad ops still pays for building a Tensor and a
node; the functions here compute the same formulas directly on numpy arrays instead. The
engine uses them only when ``create_graph`` is False. ``gradcheck`` (no create_graph) tests
these, ``gradgradcheck`` (create_graph) tests the reference ones.

Each function takes the node (the op's ctx) and the incoming gradient as an array, and returns
one array (or None) per tensor input, in the order of ``next_functions``.
"""
import numpy as np

from . import arithmetic, elementwise, indexing, linalg, reduce, shape


def _arrays(ctx):
    """The saved tensors' arrays (checked for in-place changes like ``ctx.saved_tensors``);
    None where None was saved (an optional weight)."""
    saved = ctx._saved
    if saved is not None:
        arrays = [entry[0]._data for entry in saved
                  if entry is not None and entry[0]._version_counter[0] == entry[1]]
        if len(arrays) == len(saved):
            return arrays
    # (a None was saved, or a tensor changed in place: this raises the error PyTorch gives)
    return [None if t is None else t._data for t in ctx.saved_tensors]


def _add(ctx, grad):
    return grad, grad


def _sub(ctx, grad):
    return grad, -grad if ctx.needs_input_grad[1] else None


def _mul(ctx, grad):
    a, b = _arrays(ctx)
    needs = ctx.needs_input_grad
    return grad * b if needs[0] else None, grad * a if needs[1] else None


def _div(ctx, grad):
    a, b = _arrays(ctx)
    needs = ctx.needs_input_grad
    return grad / b if needs[0] else None, -grad * ((a / b) / b) if needs[1] else None


def _neg(ctx, grad):
    return (-grad,)


def _pow(ctx, grad):
    (a,) = _arrays(ctx)
    e = ctx.exponent
    if e == 0:
        return (grad * 0,)
    return (grad * (e * a ** np.asarray(e - 1, dtype=a.dtype)),)


def _exp(ctx, grad):
    (z,) = _arrays(ctx)
    return (grad * z,)


def _log(ctx, grad):
    (a,) = _arrays(ctx)
    return (grad / a,)


def _sqrt(ctx, grad):
    (z,) = _arrays(ctx)
    return (grad / (2 * z),)


def _abs(ctx, grad):
    (a,) = _arrays(ctx)
    return (grad * np.sign(a),)


def _tanh(ctx, grad):
    (z,) = _arrays(ctx)
    return (grad * elementwise._one_minus_square(z),)


def _sigmoid(ctx, grad):
    (z,) = _arrays(ctx)
    return (grad * (1 - z) * z,)


def _relu(ctx, grad):
    (z,) = _arrays(ctx)
    return (elementwise._keep_where_positive(grad, z),)


def _mm(ctx, grad):
    a, b = _arrays(ctx)
    return linalg.mm_backward_arrays(grad, a, b, *ctx.needs_input_grad)


def _sum(ctx, grad):
    return (np.broadcast_to(grad, ctx.shape),)


def _restore_dims(grad, dims, keepdim):
    return grad if keepdim else np.expand_dims(grad, tuple(sorted(dims)))


def _sum_dim(ctx, grad):
    return (np.broadcast_to(_restore_dims(grad, ctx.dims, ctx.keepdim), ctx.shape),)


def _mean(ctx, grad):
    return (np.full(ctx.shape, grad / ctx.numel, dtype=grad.dtype),)


def _mean_dim(ctx, grad):
    grad = np.broadcast_to(_restore_dims(grad, ctx.dims, ctx.keepdim), ctx.shape)
    return (grad / ctx.count,)


def _log_softmax(ctx, grad):
    (z,) = _arrays(ctx)
    return (reduce.log_softmax_gradient(grad, z, ctx.dim),)


def _softmax(ctx, grad):
    (z,) = _arrays(ctx)
    return (reduce.softmax_gradient(grad, z, ctx.dim),)


def _read(ctx, grad):
    result = np.zeros(ctx.shape, dtype=grad.dtype)
    np.add.at(result, ctx.key, grad)
    return (result,)


def _view(ctx, grad):
    return (grad.reshape(ctx.shape),)


def _unsqueeze(ctx, grad):
    return (grad.squeeze(ctx.dim),)


def _permute(ctx, grad):
    return (grad.transpose(np.argsort(ctx.dims)),)


def _t(ctx, grad):
    return (grad.T,)


def _expand(ctx, grad):
    return (shape.sum_to_shape(grad, ctx.shape),)


def _sum_to_size(ctx, grad):
    return (np.broadcast_to(grad, ctx.shape),)


FAST_BACKWARD = {
    arithmetic.Add: _add,
    arithmetic.Sub: _sub,
    arithmetic.Mul: _mul,
    arithmetic.Div: _div,
    arithmetic.Neg: _neg,
    arithmetic.Pow: _pow,
    elementwise.Exp: _exp,
    elementwise.Log: _log,
    elementwise.Sqrt: _sqrt,
    elementwise.Abs: _abs,
    elementwise.Tanh: _tanh,
    elementwise.Sigmoid: _sigmoid,
    elementwise.Relu: _relu,
    linalg.Mm: _mm,
    reduce.Sum: _sum,
    reduce.SumDim: _sum_dim,
    reduce.Mean: _mean,
    reduce.MeanDim: _mean_dim,
    reduce.LogSoftmax: _log_softmax,
    reduce.Softmax: _softmax,
    indexing.Select: _read,
    indexing.Slice: _read,
    indexing.Index: _read,
    shape.View: _view,
    shape.UnsafeView: _view,
    shape.Squeeze: _view,
    shape.SqueezeDim: _view,
    shape.SqueezeDims: _view,
    shape.Unsqueeze: _unsqueeze,
    shape.Permute: _permute,
    shape.T: _t,
    shape.Expand: _expand,
    shape.SumToSize: _sum_to_size,
}
