"""Regenerate the figures in docs/figures (``make figures``).

Usage: python -m minigrad.viz.make_figures [OUTPUT_DIR]     (default: docs/figures)
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no window; must come before pyplot is imported

import minigrad  # noqa: E402
from minigrad.viz import BackwardStepper, draw_graph  # noqa: E402

DPI = 110  # about 900 pixels wide: the width of a notebook's output area


def seed004_chain():
    """Seed 004's two-layer chain y = w2 * (w1 * x + b1) + b2 at x = 3, and its names."""
    x = minigrad.tensor([3.])
    w1 = minigrad.tensor([2.], requires_grad=True)
    b1 = minigrad.tensor([-10.], requires_grad=True)
    w2 = minigrad.tensor([4.], requires_grad=True)
    b2 = minigrad.tensor([7.], requires_grad=True)
    h1 = w1 * x + b1  # -4
    y = w2 * h1 + b2  # -9
    return y, {"w1": w1, "b1": b1, "w2": w2, "b2": b2, "h1": h1, "y": y}


def main(out_dir="docs/figures"):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    y, names = seed004_chain()
    stepper = BackwardStepper(y, names=names)  # before backward: it must not need .grad
    for _ in range(4):
        stepper.step()
    (out / "seed004_backward_step4.png").write_bytes(stepper.image.value)

    y.backward()
    draw_graph(y, names=names).savefig(out / "seed004_chain.png", dpi=DPI)
    for name in ("seed004_chain.png", "seed004_backward_step4.png"):
        print(out / name)


if __name__ == "__main__":
    main(*sys.argv[1:])
