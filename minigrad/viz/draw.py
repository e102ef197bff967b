"""draw_graph: a picture of the autograd graph behind some tensors, drawn with matplotlib.

The graph comes from :mod:`minigrad.viz.graph`, the positions from :mod:`minigrad.viz.layout`;
this module only paints. Text is monospace so a box's size can be computed from its lines
before anything is drawn: that is what lets the layout guarantee that boxes never overlap.
"""
from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, Rectangle

from .graph import build_graph, node_lines, real_grad_text
from .layout import extent, layered_layout

FONT_SIZE = 9            # points, at scale 1
CHAR_WIDTH = 0.62        # width of one monospace character, in font sizes
LINE_HEIGHT = 1.35       # distance between two lines, in font sizes
PADDING = 0.07           # inches between a box's border and its text
MARGIN = 0.08            # inches around the whole drawing
MAX_FIGURE_WIDTH = 10.0  # inches; wider graphs get smaller text instead of a wider figure

OP_COLOR = "#dbe9f6"     # boxes of grad_fn nodes (MulBackward0...)
LEAF_COLOR = "#d9f0d3"   # boxes of leaves (AccumulateGrad)
EDGE_COLOR = "#555555"


@dataclass
class BoxStyle:
    """How one box is painted."""

    facecolor: str
    edgecolor: str = "#333333"
    linewidth: float = 1.0


def default_style(graph_node):
    """Blue for operations, green for leaves, as in most autograd diagrams."""
    return BoxStyle(LEAF_COLOR if graph_node.is_leaf else OP_COLOR)


def box_size(lines):
    """The ``(width, height)`` in inches of a box holding ``lines`` at scale 1."""
    em = FONT_SIZE / 72
    width = max(len(line) for line in lines) * CHAR_WIDTH * em + 2 * PADDING
    height = len(lines) * LINE_HEIGHT * em + 2 * PADDING
    return width, height


def draw_graph(*tensors, names=None, show_values=True, show_grads=True, ax=None):
    """Draw the backward graph behind ``tensors`` (like torchviz's make_dot, without graphviz).

    One box per ``grad_fn`` node, named as PyTorch names it (``MulBackward0``...), and one per
    leaf (``AccumulateGrad``, with the leaf's name, value and ``.grad``). Arrows point the way
    gradients flow in ``backward()``: from the output on the left to the leaves on the right.

    Args:
        *tensors: the outputs to start from, e.g. ``loss``.
        names: ``{"w": w, ...}`` to label leaves (and intermediate tensors) by name.
        show_values: print the leaves' values (and outputs' values where known).
        show_grads: print the leaves' ``.grad`` (and retained grads of named tensors).
        ax: a matplotlib Axes to draw into; by default a new figure sized to the graph.

    Returns:
        The matplotlib Figure. In a notebook it is shown when it is the cell's last value.

    Example:
        >>> y = w2 * (w1 * x + b1) + b2
        >>> draw_graph(y, names={"w1": w1, "b1": b1, "w2": w2, "b2": b2})
    """
    graph = build_graph(*tensors, names=names)
    lines = [node_lines(n, show_values, real_grad_text(n) if show_grads else None)
             for n in graph.nodes]
    boxes = layered_layout([box_size(node) for node in lines], graph.edges)
    if ax is None:
        fig = new_figure_for(boxes)
        ax = fig.add_axes((0, 0, 1, 1))
        plt.close(fig)  # returned, not queued: a notebook shows it once, as the cell's value
    render(ax, graph, boxes, lines)
    return ax.figure


def new_figure_for(boxes, max_width=MAX_FIGURE_WIDTH):
    """A pyplot figure for the drawing (see :func:`figure_size_for`)."""
    return plt.figure(figsize=figure_size_for(boxes, max_width))


def figure_size_for(boxes, max_width=MAX_FIGURE_WIDTH):
    """``(width, height)`` in inches: the drawing's own size, shrunk to ``max_width`` if wider."""
    width, height = extent(boxes)
    width, height = width + 2 * MARGIN, height + 2 * MARGIN
    scale = min(1.0, max_width / width)
    return width * scale, height * scale


def render(ax, graph, boxes, lines, styles=None, edge_colors=None):
    """Paint boxes, their text and the arrows into ``ax``.

    ``styles`` (one :class:`BoxStyle` per node) and ``edge_colors`` (one color per edge) let
    the stepper highlight nodes and the arrows gradients have already travelled.
    """
    styles = styles or [default_style(n) for n in graph.nodes]
    edge_colors = edge_colors or [EDGE_COLOR] * len(graph.edges)
    width, height = extent(boxes)
    ax.set_xlim(-MARGIN, width + MARGIN)
    ax.set_ylim(height + MARGIN, -MARGIN)  # y grows downwards, as in the layout
    ax.set_aspect("equal")
    ax.set_axis_off()
    scale = _points_scale(ax, width + 2 * MARGIN, height + 2 * MARGIN)

    for box, text, style in zip(boxes, lines, styles):
        ax.add_patch(Rectangle((box.left, box.top), box.width, box.height,
                               facecolor=style.facecolor, edgecolor=style.edgecolor,
                               linewidth=style.linewidth * scale, zorder=2))
        _write_lines(ax, box, text, scale)

    seen = {}
    for (parent, child), color in zip(graph.edges, edge_colors):
        repeat = seen.get((parent, child), 0)  # x * x: bend the second arrow to keep it visible
        seen[(parent, child)] = repeat + 1
        a, b = boxes[parent], boxes[child]
        ax.add_patch(FancyArrowPatch(
            (a.right, a.y), (b.left, b.y), arrowstyle="-|>", mutation_scale=10 * scale,
            connectionstyle=f"arc3,rad={0.25 * repeat}", color=color,
            linewidth=1.1 * scale, shrinkA=0, shrinkB=0, zorder=1))


def _write_lines(ax, box, lines, scale):
    """One line per text object (the first in bold), at the spacing box_size assumed."""
    line_height = LINE_HEIGHT * FONT_SIZE / 72
    first_line_center = box.top + PADDING + line_height / 2
    for i, line in enumerate(lines):
        ax.text(box.x, first_line_center + i * line_height, line, ha="center", va="center",
                family="monospace", fontsize=FONT_SIZE * scale,
                fontweight="bold" if i == 0 else "normal", zorder=3)


def _points_scale(ax, width, height):
    """How many real inches one layout inch becomes in ``ax`` (text sizes follow it)."""
    fig_width, fig_height = ax.figure.get_size_inches()
    position = ax.get_position()
    return min(position.width * fig_width / width, position.height * fig_height / height)
