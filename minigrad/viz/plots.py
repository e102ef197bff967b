"""Small plotting helpers for the notebooks: a loss curve and a fitted line, axes labelled."""
import io

import matplotlib.pyplot as plt
import numpy as np

from .. import no_grad, tensor as make_tensor


def plot_losses(history, ax=None, log_scale=None):
    """Plot the loss recorded at each epoch, like ``plt.plot(loss_hist)`` in seed 004.

    Args:
        history: a list of losses (floats or one-element tensors), one per epoch.
        ax: a matplotlib Axes to draw into; by default a new figure.
        log_scale: use a logarithmic loss axis; by default only when the losses span more
            than two orders of magnitude (or grow without bound, as when training diverges).

    Returns:
        The matplotlib Figure. In a notebook it is shown when it is the cell's last value.
    """
    ax = ax or _new_axes()
    losses = np.array([float(loss) for loss in history], dtype=float)
    epochs = np.arange(1, len(losses) + 1)
    ax.plot(epochs, losses, marker="." if len(losses) <= 30 else None)
    finite = losses[np.isfinite(losses) & (losses > 0)]
    if log_scale is None:
        log_scale = len(finite) > 0 and finite.max() > 100 * finite.min()
    if log_scale:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.grid(alpha=0.3)
    return ax.figure


def plot_fit(x, y, model, ax=None):
    """Scatter the data ``(x, y)`` and draw the line the model predicts over ``x``'s range.

    Args:
        x, y: the inputs and targets (tensors or arrays); one feature per sample, so ``x``
            has shape ``(N,)`` or ``(N, 1)`` (what ``nn.Linear(1, 1)`` takes).
        model: any callable from a tensor of inputs to a tensor of predictions, e.g. an
            ``nn.Module`` or ``lambda x: w * x + b``. It is called under ``no_grad()``.
        ax: a matplotlib Axes to draw into; by default a new figure.

    Returns:
        The matplotlib Figure. In a notebook it is shown when it is the cell's last value.
    """
    ax = ax or _new_axes()
    x_values, y_values = _as_array(x), _as_array(y)
    grid = np.linspace(x_values.min(), x_values.max(), 100, dtype=np.float32)
    grid = grid.reshape((-1,) + x_values.shape[1:])  # (N, 1) inputs get (100, 1) inputs
    with no_grad():
        predictions = _as_array(model(make_tensor(grid)))
    ax.scatter(x_values.ravel(), y_values.ravel(), label="data", zorder=2)
    ax.plot(grid.ravel(), predictions.ravel(), color="C1", label="model")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    ax.grid(alpha=0.3)
    return ax.figure


def _new_axes():
    """Axes in a new figure that is returned rather than queued for display (so a notebook
    shows it once, as the cell's value, not twice)."""
    fig, ax = plt.subplots(figsize=(5, 3.2))
    plt.close(fig)
    return ax


def _as_array(values):
    return np.asarray(values.detach().numpy() if hasattr(values, "detach") else values)


def figure_png(fig, dpi=90, tight=True):
    """The figure as PNG bytes (what an ipywidgets Image shows); ``tight`` crops empty margins."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None)
    return buffer.getvalue()
