"""Dropout: randomly zero activations while training (torch.nn.Dropout)."""
from . import functional as F
from .module import Module


class Dropout(Module):
    """Zero each element with probability ``p`` and scale the others by 1/(1-p) in training
    mode; do nothing in eval mode (torch.nn.Dropout)."""

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def forward(self, input):
        return F.dropout(input, self.p, self.training)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"
