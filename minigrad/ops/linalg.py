"""Matrix products: ``@``/``matmul`` picks dot, mv, mm or a batched product by the inputs'
dimensions, as PyTorch does.   d(A @ B) = dA @ B + A @ dB."""
import numpy as np

from ..autograd.function import Function
from .arithmetic import operands
from .shape import SqueezeDims, UnsafeView


def _check_mm(x, y):
    if x.shape[-1] != y.shape[-2 if y.ndim > 1 else 0]:
        a = "x".join(map(str, x.shape))
        b = "x".join(map(str, y.shape))
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a} and {b})")


class Mm(Function):
    """Z = A @ B for matrices;  grad_A = grad @ B^T,  grad_B = A^T @ grad"""

    node_name = "MmBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        x, y = operands(a, b)
        _check_mm(x, y)
        return x @ y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_a = grad.mm(b.t()) if ctx.needs_input_grad[0] else None
        grad_b = a.t().mm(grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Mv(Function):
    """z = A @ v, matrix times vector;  grad_A = outer(grad, v),  grad_v = A^T @ grad"""

    node_name = "MvBackward0"

    @staticmethod
    def forward(ctx, a, v):
        ctx.save_for_backward(a, v)
        x, y = operands(a, v)
        if x.shape[1] != y.shape[0]:
            raise RuntimeError(
                f"size mismatch, got input ({x.shape[0]}), mat ({x.shape[0]}x{x.shape[1]}), "
                f"vec ({y.shape[0]})"
            )
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
        x, y = operands(u, v)
        if x.shape != y.shape:
            raise RuntimeError(
                "inconsistent tensor size, expected tensor [{}] and src [{}] to have the same "
                "number of elements, but got {} and {} elements respectively".format(
                    x.shape[0], y.shape[0], x.shape[0], y.shape[0])
            )
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
        x, y = operands(a, b)
        try:
            return np.matmul(x, y)
        except ValueError:
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to match: "
                f"got shapes {list(x.shape)} and {list(y.shape)}"
            ) from None

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        if a.ndim == 1:  # a vector was treated as a row: (n) -> (1, n)
            return (grad.unsqueeze(-2) @ b.mT).squeeze(-2), a.unsqueeze(-1) @ grad.unsqueeze(-2)
        if b.ndim == 1:  # a vector was treated as a column
            return grad.unsqueeze(-1) @ b.unsqueeze(-2), (a.mT @ grad.unsqueeze(-1)).squeeze(-1)
        return grad @ b.mT, a.mT @ grad


def matmul(a, b):
    """Matrix product with PyTorch's dispatch on dimensions (torch.matmul)."""
    if a.ndim == 1 and b.ndim == 1:
        return Dot.apply(a, b)
    if a.ndim == 2 and b.ndim == 2:
        return Mm.apply(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return Mv.apply(a, b)
    if a.ndim == 1 and b.ndim == 2:  # a row vector: (n) -> (1, n), then drop the 1 again
        return SqueezeDims.apply(Mm.apply(a.unsqueeze(0), b), 0)
    if a.ndim > 2 and b.ndim == 2:  # fold the batch into rows: one matrix product
        rows = a.reshape(-1, a.shape[-1])
        return UnsafeView.apply(Mm.apply(rows, b), tuple(a.shape[:-1]) + (b.shape[1],))
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {a.ndim}D and {b.ndim}D"
        )
    return Matmul.apply(a, b)
