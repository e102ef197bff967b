"""Matrix products: ``@``/``matmul`` picks dot, mv, mm or a batched product by the inputs'
dimensions, as PyTorch does.   d(A @ B) = dA @ B + A @ dB."""
import numpy as np

from .._dtype import from_numpy_dtype
from ..autograd.function import Function
from .shape import SqueezeDims, UnsafeView

# PyTorch does not promote in matrix products: mixed dtypes are an error (int @ int is fine).
# mm's message names the C++ types.
_CPP_NAMES = {np.dtype(np.float32): "float", np.dtype(np.float64): "double",
              np.dtype(np.float16): "c10::Half", np.dtype(np.int64): "long int",
              np.dtype(np.int32): "int", np.dtype(np.int16): "short int",
              np.dtype(np.int8): "signed char", np.dtype(np.uint8): "unsigned char",
              np.dtype(np.bool_): "bool"}


def _name(x):
    """PyTorch's name of an array's dtype in error messages: Float, Double, Long, ..."""
    return from_numpy_dtype(x.dtype)._legacy_name[:-len("Tensor")]


def _check_no_bool(x, kernel):
    if x.dtype == np.bool_:
        raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")


def _check_mm(x, y):
    if x.shape[-1] != y.shape[-2 if y.ndim > 1 else 0]:
        a = "x".join(map(str, x.shape))
        b = "x".join(map(str, y.shape))
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a} and {b})")
    if x.dtype != y.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                           f"{_CPP_NAMES[x.dtype]} != {_CPP_NAMES[y.dtype]}")
    _check_no_bool(x, "addmm_impl_cpu_")


class Mm(Function):
    """Z = A @ B for matrices;  grad_A = grad @ B^T,  grad_B = A^T @ grad"""

    node_name = "MmBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = a._data, b._data
        _check_mm(x, y)
        return x @ y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return mm_backward(grad, a, b, *ctx.needs_input_grad)


def column_major(array):
    """True if a 2-D array is stored column by column: a transposed view, like ``weight.t()``
    (PyTorch's test: strides (1, rows) in elements)."""
    return array.strides[0] == array.itemsize and array.strides[1] == array.shape[0] * array.itemsize


def mm_backward(grad, a, b, needs_a, needs_b):
    """The gradients of ``a @ b`` (2-D tensors) as PyTorch's mm backward computes them:
    grad @ b^T and a^T @ grad, except that an input stored column by column gets its gradient
    computed transposed, (b @ grad^T)^T or (grad^T @ a)^T, which gives it the input's layout
    (nn.Linear's weight enters as ``weight.t()``: its gradient then comes out row by row)."""
    grad_a = grad_b = None
    if needs_a:
        grad_a = b.mm(grad.t()).t() if column_major(a._data) else grad.mm(b.t())
    if needs_b:
        grad_b = grad.t().mm(a).t() if column_major(b._data) else a.t().mm(grad)
    return grad_a, grad_b


def mm_backward_arrays(grad, a, b, needs_a, needs_b):
    """``mm_backward`` on numpy arrays (for ops/fast_backward.py): the same products."""
    grad_a = grad_b = None
    if needs_a:
        grad_a = (b @ grad.T).T if column_major(a) else grad @ b.T
    if needs_b:
        grad_b = (grad.T @ a).T if column_major(b) else a.T @ grad
    return grad_a, grad_b


class Mv(Function):
    """z = A @ v, matrix times vector;  grad_A = outer(grad, v),  grad_v = A^T @ grad"""

    node_name = "MvBackward0"

    @staticmethod
    def forward(ctx, a, v):
        ctx.save_for_backward(a, v)
        x, y = a._data, v._data
        if x.shape[1] != y.shape[0]:
            raise RuntimeError(
                f"size mismatch, got input ({x.shape[0]}), mat ({x.shape[0]}x{x.shape[1]}), "
                f"vec ({y.shape[0]})"
            )
        if x.dtype != y.dtype:  # PyTorch names (result, mat, vec); the result has vec's dtype
            raise RuntimeError(f"addmv input tensors must have the same dtype, but got "
                               f"{_name(y)}, {_name(x)}, and {_name(y)}")
        _check_no_bool(x, "addmv_impl_cpu")
        return x @ y

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        grad_a = grad.unsqueeze(1) * v if ctx.needs_input_grad[0] else None
        grad_v = a.t().mv(grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_v


class Dot(Function):
    """z = u . v, two vectors;  grad_u = grad * v,  grad_v = grad * u"""

    node_name = "DotBackward0"

    @staticmethod
    def forward(ctx, u, v):
        ctx.save_for_backward(u, v)
        x, y = u._data, v._data
        if x.ndim != 1 or y.ndim != 1:
            raise RuntimeError(f"1D tensors expected, but got {x.ndim}D and {y.ndim}D tensors")
        if x.dtype != y.dtype:
            raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                               f"{_name(x)} and {_name(y)}")
        if x.shape != y.shape:
            raise RuntimeError(
                "inconsistent tensor size, expected tensor [{}] and src [{}] to have the same "
                "number of elements, but got {} and {} elements respectively".format(
                    x.shape[0], y.shape[0], x.shape[0], y.shape[0])
            )
        _check_no_bool(x, "dot")
        return np.dot(x, y)

    @staticmethod
    def backward(ctx, grad):
        u, v = ctx.saved_tensors
        grad_u = grad * v if ctx.needs_input_grad[0] else None
        grad_v = grad * u if ctx.needs_input_grad[1] else None
        return grad_u, grad_v


class Matmul(Function):
    """Z = A @ B with batch dimensions (broadcast);  grads as for mm, batch by batch"""

    node_name = "BmmBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = a._data, b._data
        _check_batched(x, y)
        return np.matmul(x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        if a.ndim == 1:  # a vector was treated as a row: (n) -> (1, n)
            return (grad.unsqueeze(-2) @ b.mT).squeeze(-2), a.unsqueeze(-1) @ grad.unsqueeze(-2)
        return grad @ b.mT, a.mT @ grad


def _check_batched(x, y):
    """PyTorch's errors for a batched product (b is at least 2-D, a at least 1-D)."""
    rows = x.shape[-2:] if x.ndim > 1 else (1,) + x.shape
    batch_x, batch_y = x.shape[:-2], y.shape[:-2]
    for i, (m, n) in enumerate(zip(reversed(batch_x), reversed(batch_y))):
        if m != n and m != 1 and n != 1:
            dim = max(len(batch_x), len(batch_y)) - 1 - i
            raise RuntimeError(f"The size of tensor a ({m}) must match the size of tensor b ({n}) "
                               f"at non-singleton dimension {dim}")
    if rows[-1] != y.shape[-2]:
        batch = int(np.prod(np.broadcast_shapes(batch_x, batch_y)))
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{batch}, {rows[-1]}] but got: [{batch}, {y.shape[-2]}].")
    if x.dtype != y.dtype:
        raise RuntimeError(f"expected scalar type {_name(x)} but found {_name(y)}")
    _check_no_bool(x, "bmm")


def matmul(a, b):
    """Matrix product with PyTorch's dispatch on dimensions (torch.matmul)."""
    if a._data.ndim == 2 and b._data.ndim == 2:  # the most common case, first
        return Mm.apply(a, b)
    if a.ndim == 1 and b.ndim == 1:
        return Dot.apply(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return Mv.apply(a, b)
    if a.ndim == 1 and b.ndim == 2:  # a row vector: (n) -> (1, n), then drop the 1 again
        return SqueezeDims.apply(Mm.apply(a.unsqueeze(0), b), 0)
    if a.ndim > 2 and b.ndim == 2:  # fold the batch into rows: one matrix product
        rows = a.reshape(-1, a.shape[-1])
        return UnsafeView.apply(Mm.apply(rows, b), tuple(a.shape[:-1]) + (b.shape[1],))
    if a.ndim > 2 and b.ndim == 1:  # fold the batch into rows: one matrix-vector product
        rows = a.reshape(-1, a.shape[-1])
        return UnsafeView.apply(Mv.apply(rows, b), tuple(a.shape[:-1]))
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {a.ndim}D and {b.ndim}D"
        )
    return Matmul.apply(a, b)
