"""Linear: the fully connected layer y = x @ W.T + b (torch.nn.Linear), and Identity."""
import math

import minigrad
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter


class Linear(Module):
    """Apply y = x @ weight.T + bias to the last dimension of the input (torch.nn.Linear).

    Args:
        in_features: size of each input sample.
        out_features: size of each output sample.
        bias: learn an additive bias (default True).

    Shapes: input (*, in_features) -> output (*, out_features); ``weight`` is
    (out_features, in_features), ``bias`` (out_features,).

    Initialisation is PyTorch's: weight and bias drawn from U(-1/sqrt(in_features),
    1/sqrt(in_features)) (for the weight, kaiming_uniform_ with a=sqrt(5) gives that bound).

    Example:
        >>> fc = nn.Linear(1, 1)
        >>> fc
        Linear(in_features=1, out_features=1, bias=True)
    """

    def __init__(self, in_features, out_features, bias=True, dtype=None):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(minigrad.empty(out_features, in_features, dtype=dtype))
        if bias:
            self.bias = Parameter(minigrad.empty(out_features, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        """Draw fresh weights and bias from PyTorch's default distribution."""
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in = self.in_features
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input):
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"


class Identity(Module):
    """Return the input unchanged (torch.nn.Identity): a placeholder layer."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input
