"""More activation layers (torch.nn.LogSigmoid, Mish, SELU, CELU, GLU, Softmin, ...): each
holds its settings and calls the function of the same name in nn.functional."""
from . import functional_more as F
from .module import Module


class LogSigmoid(Module):
    """log(sigmoid(x)) elementwise (torch.nn.LogSigmoid)."""

    def forward(self, input):
        return F.logsigmoid(input)


class Softsign(Module):
    """x / (1 + |x|) elementwise (torch.nn.Softsign)."""

    def forward(self, input):
        return F.softsign(input)


class _Inplace(Module):
    """An activation with an (ignored) ``inplace`` flag shown in its repr, as PyTorch's."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def extra_repr(self):
        return "inplace=True" if self.inplace else ""


class SELU(_Inplace):
    """scale * elu(x, alpha) with fixed alpha ~ 1.6733, scale ~ 1.0507 (torch.nn.SELU)."""

    def forward(self, input):
        return F.selu(input)


class Mish(_Inplace):
    """x * tanh(softplus(x)) elementwise (torch.nn.Mish)."""

    def forward(self, input):
        return F.mish(input)


class CELU(Module):
    """x if x > 0 else alpha * (exp(x / alpha) - 1) (torch.nn.CELU)."""

    def __init__(self, alpha=1.0, inplace=False):
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input):
        return F.celu(input, self.alpha)

    def extra_repr(self):
        return f"alpha={self.alpha}" + (", inplace=True" if self.inplace else "")


class Hardswish(Module):
    """x * relu6(x + 3) / 6 elementwise (torch.nn.Hardswish; its repr never shows inplace)."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return F.hardswish(input)


class Hardsigmoid(Hardswish):
    """relu6(x + 3) / 6 elementwise (torch.nn.Hardsigmoid)."""

    def forward(self, input):
        return F.hardsigmoid(input)


class GLU(Module):
    """a * sigmoid(b), a and b the halves of the input along ``dim`` (torch.nn.GLU)."""

    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.glu(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"


class Softmin(Module):
    """softmax(-x) along ``dim`` (torch.nn.Softmin)."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.softmin(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"
