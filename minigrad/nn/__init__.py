"""minigrad.nn: layers, losses and the Module base class (torch.nn)."""
from . import _fast_backward, functional, init, utils  # noqa: F401 (_fast_backward registers formulas)
from .activation import (ELU, GELU, Hardtanh, LeakyReLU, LogSoftmax, ReLU, ReLU6, SiLU, Sigmoid, Softmax,
                         Softplus, Tanh)
from .containers import ModuleDict, ModuleList, Sequential
from .dropout import Dropout
from .embedding import Embedding
from .flatten import Flatten, Unflatten
from .linear import Identity, Linear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss, NLLLoss,
                   SmoothL1Loss)
from .module import Module
from .parameter import Parameter
from .activation_more import (CELU, GLU, SELU, Hardsigmoid, Hardswish, LogSigmoid, Mish,  # noqa: E402,F401
                              Softmin, Softsign)
from .loss_more import KLDivLoss  # noqa: E402,F401
from .normalization import BatchNorm1d, LayerNorm  # noqa: E402,F401
from .parameter_containers import ParameterDict, ParameterList
