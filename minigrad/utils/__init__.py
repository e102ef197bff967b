"""minigrad.utils: helpers around training (torch.utils)."""
from . import data
