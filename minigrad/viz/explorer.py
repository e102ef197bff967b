"""LearningRateExplorer: re-train seed 000's linear regression while you move a learning-rate slider.

Small rates learn slowly, good rates converge, and past a threshold (about 0.29 for this data)
every step overshoots more than the last: the loss explodes. The training loop is the one from
seed 000, written with minigrad exactly as one would with PyTorch.
"""
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import no_grad, tensor
from .plots import figure_png, plot_fit, plot_losses


def seed000_data():
    """Seed 000's data: y = 4.5 x + 7 + noise (numpy seed 42), as float32 tensors ``(x, y)``."""
    rng = np.random.RandomState(42)  # the legacy generator np.random.seed(42) uses
    x = np.array([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1])
    y = 4.5 * x + 7.0 + rng.normal(size=x.shape[0])
    return tensor(x).float(), tensor(y).float()


@dataclass
class TrainingRun:
    """What one training run produced: the loss at each epoch and the final parameters.

    ``losses[k]`` is the loss computed in epoch ``k + 1``, before that epoch's update (seed 000
    prints it the same way). ``diverged_at`` is the first epoch whose loss was not finite;
    training stops there.
    """

    losses: list
    w: float
    b: float
    diverged_at: int | None = None

    @property
    def growing(self):
        """True if the last loss is larger than the first: the steps overshoot."""
        return self.diverged_at is not None or self.losses[-1] > self.losses[0]


def train_linear_regression(x, y, lr, epochs, w=1.0, b=0.0):
    """Fit ``y ≈ w * x + b`` by gradient descent on the mean squared error (seed 000's loop).

    Each epoch: predict, compute ``loss = ((w * x + b - y) ** 2).mean()``, ``loss.backward()``,
    then step ``w -= lr * w.grad`` (under ``no_grad``) and clear the gradients.

    Returns:
        A :class:`TrainingRun`.
    """
    w = tensor([w], requires_grad=True)
    b = tensor([b], requires_grad=True)
    losses, diverged_at = [], None
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows on purpose
        for epoch in range(1, epochs + 1):
            loss = ((w * x + b - y) ** 2).mean()
            losses.append(loss.item())
            if not np.isfinite(losses[-1]):
                diverged_at = epoch
                break
            loss.backward()
            with no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
            w.grad = None
            b.grad = None
    return TrainingRun(losses, w.item(), b.item(), diverged_at)


class LearningRateExplorer(widgets.VBox):
    """Sliders for the learning rate (log scale) and the number of epochs; on every change the
    linear regression is trained again and the loss curve and fitted line are redrawn.

    Args:
        x, y: the data; by default seed 000's seven points.
        lr: the starting learning rate.
        epochs: the starting number of epochs.
        w, b: the starting parameters (seed 000 starts from w=1, b=0).

    ``explorer.run`` holds the last :class:`TrainingRun`; set ``explorer.lr_slider.value`` or
    ``explorer.epochs_slider.value`` from code to re-train without a browser.
    """

    def __init__(self, x=None, y=None, lr=0.01, epochs=300, w=1.0, b=0.0):
        if x is None or y is None:
            x, y = seed000_data()
        self.x, self.y, self.w0, self.b0 = x, y, w, b
        self.lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-4, max=0, step=0.05,
                                                description="lr", readout_format=".4f",
                                                continuous_update=False)
        self.epochs_slider = widgets.IntSlider(value=epochs, min=1, max=500, description="epochs",
                                               continuous_update=False)
        self.image = widgets.Image(format="png")
        self.status = widgets.HTML()
        self.run = None
        for slider in (self.lr_slider, self.epochs_slider):
            slider.observe(lambda _: self.update(), names="value")
        super().__init__([widgets.HBox([self.lr_slider, self.epochs_slider]), self.status,
                          self.image])
        self.update()

    def update(self):
        """Train with the sliders' values and redraw."""
        lr, epochs = self.lr_slider.value, self.epochs_slider.value
        self.run = train_linear_regression(self.x, self.y, lr, epochs, self.w0, self.b0)
        self.status.value = self._summary(lr)
        self.image.value = figure_png(self._figure(), tight=False)

    def _summary(self, lr):
        run = self.run
        if run.diverged_at is not None:
            return (f"lr = {lr:.4g}: <b style='color:#c92a2a'>diverged</b>, the loss overflowed "
                    f"at epoch {run.diverged_at}.")
        text = (f"lr = {lr:.4g}: loss after {len(run.losses)} epochs = {run.losses[-1]:.4g}, "
                f"w = {run.w:.4g}, b = {run.b:.4g}")
        if run.growing:
            text += " <b style='color:#c92a2a'>(the loss is growing: lr is too large)</b>"
        return text

    def _figure(self):
        fig, (loss_ax, fit_ax) = plt.subplots(1, 2, figsize=(9, 3.2))
        plt.close(fig)  # drawn into the Image widget, never shown by pyplot
        run = self.run
        plot_losses(run.losses, ax=loss_ax, log_scale=True)
        loss_ax.set_title("loss per epoch")
        loss_ax.set_xlim(0, self.epochs_slider.value + 1)  # a diverged run stops early: show it
        w, b = run.w, run.b
        plot_fit(self.x, self.y, lambda x: w * x + b, ax=fit_ax)
        fit_ax.set_title(f"fitted line: y = {w:.3g} x + {b:.3g}")
        if run.growing:
            fit_ax.set_title("lr too large: the fit diverges", color="#c92a2a")
            y_values = self.y.detach().numpy()
            fit_ax.set_ylim(y_values.min() - 5, y_values.max() + 5)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
        return fig
