"""minigrad.optim: optimizers that update parameters from their .grad (torch.optim)."""
from . import lr_scheduler
from .adam import Adam
from .adamw import AdamW
from .optimizer import Optimizer
from .sgd import SGD
from .adagrad import Adagrad
from .rmsprop import RMSprop
