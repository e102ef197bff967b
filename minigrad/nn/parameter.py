"""Parameter: a tensor that a Module registers as one of its learnable weights."""
import minigrad
from ..tensor import Tensor


class Parameter(Tensor):
    """A leaf tensor that requires grad and marks itself as a model weight (torch.nn.Parameter).

    Assigning a Parameter to an attribute of a ``Module`` registers it, so it shows up in
    ``module.parameters()`` and therefore in the optimizer. The Parameter shares its data with
    the tensor it was made from, like PyTorch's.

    Example:
        >>> w = nn.Parameter(minigrad.zeros(2))
        >>> w
        Parameter containing:
        tensor([0., 0.], requires_grad=True)
    """

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = minigrad.empty(0)
        if requires_grad and not data.dtype.is_floating_point:
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        param = data.detach()
        param.__class__ = cls
        param.requires_grad_(requires_grad)
        return param

    def __init__(self, data=None, requires_grad=True):
        pass  # __new__ has built the Parameter; Tensor.__init__ must not run again

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()
