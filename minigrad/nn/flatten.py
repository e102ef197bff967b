"""Flatten: merge a range of dimensions into one (torch.nn.Flatten), and Unflatten, its inverse."""
import math

from .module import Module


class Flatten(Module):
    """Reshape (N, d1, d2, ...) to (N, d1 * d2 * ...) by default (torch.nn.Flatten)."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input):
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Split dimension ``dim`` into ``unflattened_size``, e.g. (N, 6) -> (N, 2, 3) (torch.nn.Unflatten)."""

    def __init__(self, dim, unflattened_size):
        super().__init__()
        if not isinstance(unflattened_size, (tuple, list)):
            raise TypeError("unflattened_size must be a tuple of ints, "
                            f"but found type {type(unflattened_size).__name__}")
        for i, size in enumerate(unflattened_size):
            if not isinstance(size, int):
                raise TypeError("unflattened_size must be tuple of ints, "
                                f"but found element of type {type(size).__name__} at pos {i}")
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input):
        shape = list(input.shape)
        dim = self.dim % len(shape)
        sizes = list(self.unflattened_size)
        known = math.prod([n for n in sizes if n != -1])
        if (-1 in sizes and shape[dim] % known) or (-1 not in sizes and known != shape[dim]):
            raise RuntimeError(f"unflatten: Provided sizes {sizes} don't multiply up to the size of "
                               f"dim {self.dim} ({shape[dim]}) in the input tensor")
        return input.view(*shape[:dim], *sizes, *shape[dim + 1:])

    def extra_repr(self):
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
