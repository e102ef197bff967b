"""BackwardStepper: replay ``loss.backward()`` one node at a time, in the engine's own order.

The order comes from :func:`minigrad.viz.trace.record_backward`, which listens to the real
engine, so the widget cannot drift from the algorithm. Replaying uses ``autograd.grad``:
the tensors' real ``.grad`` stay exactly as they were.
"""
import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from .draw import EDGE_COLOR, BoxStyle, box_size, default_style, figure_size_for, render
from .graph import build_graph, format_values, grad_text, node_lines, short_name
from .layout import layered_layout
from .plots import figure_png
from .trace import record_backward

CURRENT = BoxStyle("#ffd8a8", "#e8590c", 2.5)   # the node the engine is running
WAITING = BoxStyle("#ffffff", "#aaaaaa")        # nodes the engine has not reached yet
NEW_EDGE_COLOR = "#e8590c"                      # arrows the current node just sent gradients on
UNUSED_EDGE_COLOR = "#cccccc"                   # arrows no gradient has travelled yet
MAX_WIDTH = 9.0                                 # inches of the picture
DPI = 90


class BackwardStepper(widgets.VBox):
    """A widget that steps through ``loss.backward()`` node by node.

    Step ``k`` shows the graph after the engine has run its first ``k`` nodes: the ``k``-th
    node is highlighted with the gradient flowing into it (``grad_output``), nodes already run
    show theirs, and each leaf shows the ``.grad`` it has accumulated so far. Step 0 is
    before anything ran; the last step equals the result of ``loss.backward()``.

    Args:
        loss: the tensor to backpropagate from (usually a scalar loss).
        names: ``{"w": w, ...}`` to label leaves and intermediate tensors.
        gradient: the starting gradient, as in ``loss.backward(gradient)``; needed only when
            ``loss`` has more than one element.
        interval: milliseconds between steps when playing.

    Drive it with the buttons, the slider, or from code: ``stepper.step()``,
    ``stepper.slider.value = 3``, ``stepper.reset()``.
    """

    def __init__(self, loss, names=None, gradient=None, interval=1200):
        self.graph = build_graph(loss, names=names)
        self.steps = record_backward(loss, gradient)
        self._index = {id(n.node): i for i, n in enumerate(self.graph.nodes)}
        self._boxes = layered_layout(self._reserved_sizes(), self.graph.edges)

        last = len(self.steps)
        self.play = widgets.Play(value=0, min=0, max=last, step=1, interval=interval,
                                 description="Play")
        self.slider = widgets.IntSlider(value=0, min=0, max=last, description="step",
                                        continuous_update=True)
        self.step_button = widgets.Button(description="Step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.image = widgets.Image(format="png")
        self.info = widgets.HTML()
        widgets.link((self.play, "value"), (self.slider, "value"))
        self.slider.observe(lambda change: self._show(change["new"]), names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        controls = widgets.HBox([self.play, self.step_button, self.reset_button, self.slider])
        super().__init__([controls, self.image, self.info])
        self._show(0)

    # -- driving it ---------------------------------------------------------------------------
    def step(self):
        """Let the engine run one more node (what the Step button does)."""
        self.slider.value = min(self.slider.value + 1, self.slider.max)

    def reset(self):
        """Go back to before backward started (what the Reset button does)."""
        self.play.playing = False
        self.slider.value = 0

    # -- what it shows, for code and tests -----------------------------------------------------
    @property
    def position(self):
        """How many nodes the engine has run at the step shown."""
        return self.slider.value

    @property
    def current(self):
        """The :class:`~minigrad.viz.trace.BackwardStep` shown, or None before the first one."""
        return self.steps[self.position - 1] if self.position > 0 else None

    def visited_nodes(self):
        """The autograd nodes run so far, in the engine's order."""
        return [step.node for step in self.steps[:self.position]]

    def grad_of(self, leaf):
        """The ``.grad`` that ``leaf`` has accumulated so far in the replay (None before any)."""
        return self._leaf_grads(self.position).get(id(leaf))

    # -- drawing ------------------------------------------------------------------------------
    def _leaf_grads(self, position):
        """id(leaf) -> gradient summed into it by the first ``position`` steps."""
        grads = {}
        for step in self.steps[:position]:
            leaf = getattr(step.node, "variable", None)
            if leaf is not None and step.grad_output is not None:
                previous = grads.get(id(leaf))
                grads[id(leaf)] = step.grad_output if previous is None else previous + step.grad_output
        return grads

    def _lines(self, position):
        """The text of every box after ``position`` steps."""
        leaf_grads = self._leaf_grads(position)
        grad_in = {id(step.node): step.grad_output for step in self.steps[:position]}
        lines = []
        for node in self.graph.nodes:
            if node.is_leaf:
                extra = grad_text(node, leaf_grads.get(id(node.tensor)))
            elif id(node.node) in grad_in:
                extra = f"grad in = {format_values(grad_in[id(node.node)])}"
            else:
                extra = None
            lines.append(node_lines(node, show_values=True, grad_text=extra))
        return lines

    def _reserved_sizes(self):
        """Box sizes big enough for every step, so that boxes do not move while stepping."""
        first, final = self._lines(0), self._lines(len(self.steps))
        sizes = []
        for a, b in zip(first, final):
            (wa, ha), (wb, hb) = box_size(a), box_size(b)
            sizes.append((max(wa, wb), max(ha, hb)))
        return sizes

    def _styles_and_edge_colors(self, position):
        done = {self._index[id(step.node)] for step in self.steps[:position]}
        current = self._index[id(self.steps[position - 1].node)] if position > 0 else None
        styles = []
        for i, node in enumerate(self.graph.nodes):
            styles.append(CURRENT if i == current else
                          default_style(node) if i in done else WAITING)
        colors = [NEW_EDGE_COLOR if parent == current else
                  EDGE_COLOR if parent in done else UNUSED_EDGE_COLOR
                  for parent, _ in self.graph.edges]
        return styles, colors

    def _show(self, position):
        styles, colors = self._styles_and_edge_colors(position)
        fig = Figure(figsize=figure_size_for(self._boxes, MAX_WIDTH))  # not pyplot: never shown
        render(fig.add_axes((0, 0, 1, 1)), self.graph, self._boxes, self._lines(position),
               styles, colors)
        self.image.value = figure_png(fig, dpi=DPI, tight=False)
        self.info.value = self._describe(position)

    def _describe(self, position):
        """The text under the picture: what the engine does at this step."""
        total = len(self.steps)
        if position == 0:
            root = self.graph.nodes[self.graph.roots[0]].name
            text = (f"<b>Step 0 of {total}</b>: before backward. The engine starts at "
                    f"<code>{html.escape(root)}</code> (the output's <code>grad_fn</code>).")
        else:
            step = self.steps[position - 1]
            text = (f"<b>Step {position} of {total}</b>: the engine runs "
                    f"<code>{html.escape(self._label(step.node))}</code>.<br>"
                    f"Gradient flowing in (<code>grad_output</code>): "
                    f"<code>{format_values(step.grad_output)}</code>")
            sent = [f"<code>{format_values(g)}</code> &rarr; <code>{html.escape(self._label(child))}</code>"
                    for (child, _), g in zip(step.node.next_functions, step.grad_inputs)
                    if child is not None and g is not None]
            if sent:
                text += "<br>It sends on (<code>grad_inputs</code>): " + ", ".join(sent)
        leaf_grads = self._leaf_grads(position)
        leaves = [f"{html.escape(self._label_leaf(n))}: <code>{format_values(leaf_grads.get(id(n.tensor)))}</code>"
                  for n in self.graph.nodes if n.is_leaf]
        return text + "<br><b>.grad accumulated so far</b>: " + ", ".join(leaves)

    def _label(self, node):
        graph_node = self.graph.nodes[self._index[id(node)]]
        if graph_node.is_leaf:
            return f"AccumulateGrad ({self._label_leaf(graph_node)})"
        return short_name(graph_node.name)

    @staticmethod
    def _label_leaf(graph_node):
        return graph_node.tensor_name or f"leaf {format_values(graph_node.tensor.detach())}"
