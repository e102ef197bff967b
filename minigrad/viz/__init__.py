"""minigrad.viz: see the autograd graph and the backward pass (matplotlib + ipywidgets only).

- :func:`draw_graph` draws the graph behind a tensor: ``grad_fn`` nodes, leaves, gradients.
- :class:`BackwardStepper` replays ``loss.backward()`` node by node, in the engine's order.
- :class:`LearningRateExplorer` re-trains seed 000's linear regression as a slider moves.
- :func:`plot_losses`, :func:`plot_fit` are the training plots used in the notebooks.

Import it explicitly (``from minigrad.viz import draw_graph``): ``import minigrad`` does not
load matplotlib.
"""
from .draw import draw_graph
from .explorer import LearningRateExplorer
from .plots import plot_fit, plot_losses
from .stepper import BackwardStepper

__all__ = ["draw_graph", "BackwardStepper", "LearningRateExplorer", "plot_losses", "plot_fit"]
