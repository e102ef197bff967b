"""Embedding: a lookup table of learnable vectors, one per index (torch.nn.Embedding)."""
import minigrad
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter


class Embedding(Module):
    """Map each integer index to a row of ``weight`` (torch.nn.Embedding).

    Args:
        num_embeddings: size of the vocabulary.
        embedding_dim: size of each vector.
        padding_idx: an index whose row stays zero and gets no gradient.

    Weights start as N(0, 1), like PyTorch's. Input (*) of int64 -> output (*, embedding_dim).
    """

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None):
        super().__init__()
        if padding_idx is not None and padding_idx < 0:
            padding_idx += num_embeddings
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        self.padding_idx = padding_idx
        self.weight = Parameter(minigrad.empty(num_embeddings, embedding_dim))
        self.reset_parameters()

    def reset_parameters(self):
        """Draw the vectors from N(0, 1); zero the padding row."""
        init.normal_(self.weight)
        if self.padding_idx is not None:
            init.zeros_(self.weight[self.padding_idx])

    def forward(self, input):
        return F.embedding(input, self.weight, self.padding_idx)

    def extra_repr(self):
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        return text
