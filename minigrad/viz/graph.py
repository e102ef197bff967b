"""The autograd graph as plain data: which boxes to draw, which arrows, and what they say.

Starting from ``loss.grad_fn`` we follow ``next_functions`` exactly as PyTorch's engine does
(seed 000 walks it by hand). Every node met becomes a :class:`GraphNode`; every
``(child, 0)`` pair with a child becomes an edge ``parent -> child``: the direction in which
gradients flow during ``backward()``. Leaves show up as ``AccumulateGrad`` nodes whose
``.variable`` is the leaf tensor. Inputs that do not require grad appear as ``(None, 0)`` in
``next_functions`` and, as in PyTorch, are not part of the graph.

Nothing here draws; :mod:`minigrad.viz.draw` turns this data into a picture.
"""
from dataclasses import dataclass, field

import numpy as np

from ..autograd.function import AccumulateGrad, accumulator_of


@dataclass
class GraphNode:
    """One box: an autograd node (``MulBackward0``...) or a leaf's ``AccumulateGrad``."""

    node: object                   # the grad_fn / AccumulateGrad object itself
    name: str                      # node.name(), e.g. "MulBackward0"
    is_leaf: bool                  # True for AccumulateGrad
    tensor: object = None          # the leaf tensor, or the output tensor of this grad_fn if known
    tensor_name: str | None = None  # the name given in ``names=``, if any


@dataclass
class Graph:
    """The nodes reachable from some tensors' ``grad_fn``, and the edges between them.

    ``edges`` holds ``(parent, child)`` index pairs, one per non-None entry of
    ``nodes[parent].node.next_functions`` (so ``x * x`` gives two edges to the same leaf).
    ``roots`` are the indices of the starting nodes.
    """

    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    roots: list = field(default_factory=list)

    def index_of(self, node):
        """The index of an autograd node in ``nodes`` (raises KeyError if absent)."""
        for i, graph_node in enumerate(self.nodes):
            if graph_node.node is node:
                return i
        raise KeyError(node)

    def names(self):
        """The node names in order, e.g. ``['AddBackward0', 'MulBackward0', ...]``."""
        return [n.name for n in self.nodes]

    def leaves(self):
        """The leaf tensors (the ``.variable`` of every AccumulateGrad), in node order."""
        return [n.tensor for n in self.nodes if n.is_leaf]


def build_graph(*tensors, names=None):
    """Collect the backward graph behind ``tensors`` by walking ``grad_fn.next_functions``.

    Args:
        *tensors: outputs, e.g. a loss. Each must require grad.
        names: optional ``{"w": w, "h1": h1}``; leaves and outputs found there get that name.

    Returns:
        A :class:`Graph`. Nodes are numbered in the order a depth-first walk meets them.
    """
    name_of = {id(t): name for name, t in (names or {}).items()}
    tensor_of_node = {}  # id(grad_fn) -> a tensor whose grad_fn it is (named tensors, outputs)
    for t in list((names or {}).values()) + list(tensors):
        if t.grad_fn is not None:
            tensor_of_node.setdefault(id(t.grad_fn), t)

    graph = Graph()
    index = {}  # id(node) -> position in graph.nodes

    def visit(node):
        if id(node) not in index:
            index[id(node)] = len(graph.nodes)
            graph.nodes.append(_describe(node, tensor_of_node, name_of))
        return index[id(node)]

    starts = []
    for i, t in enumerate(tensors):
        if not t.requires_grad:
            raise ValueError(f"tensor {i} does not require grad, so there is no backward graph "
                             "to draw")
        # A leaf has no grad_fn; its AccumulateGrad node stands for it, as in next_functions.
        starts.append(t.grad_fn if t.grad_fn is not None else accumulator_of(t))
    graph.roots = list(dict.fromkeys(visit(node) for node in starts))

    stack = list(reversed(starts))
    expanded = set()
    while stack:  # iterative depth-first walk: long chains do not hit the recursion limit
        node = stack.pop()
        if id(node) in expanded:
            continue
        expanded.add(id(node))
        parent = visit(node)
        children = [child for child, _ in node.next_functions if child is not None]
        for child in children:
            graph.edges.append((parent, visit(child)))
        stack.extend(reversed(children))
    return graph


def _describe(node, tensor_of_node, name_of):
    if isinstance(node, AccumulateGrad):
        leaf = node.variable
        return GraphNode(node, node.name(), True, leaf, name_of.get(id(leaf)))
    tensor = tensor_of_node.get(id(node))
    name = name_of.get(id(tensor)) if tensor is not None else None
    return GraphNode(node, node.name(), False, tensor, name)


# -- what each box says -------------------------------------------------------------------------

def short_name(node_name):
    """``'torch::autograd::AccumulateGrad'`` -> ``'AccumulateGrad'``; others unchanged."""
    return node_name.rsplit("::", 1)[-1]


def format_values(values):
    """A short text for a tensor or array: its values if there are at most 4, else its shape."""
    if values is None:
        return "None"
    array = np.asarray(values._data if hasattr(values, "_data") else values)
    if array.ndim > 1 or array.size > 4:
        return f"shape {tuple(array.shape)}"
    if array.ndim == 0:
        return _format_number(array.item())
    return "[" + ", ".join(_format_number(v) for v in array.tolist()) + "]"


def _format_number(v):
    """Like PyTorch's repr without the padding: ``4.``, ``-0.2650``, ``1.2346e+06``."""
    if isinstance(v, float) and np.isfinite(v) and v == round(v) and abs(v) < 1e6:
        return f"{v:.0f}."
    if isinstance(v, float) and np.isfinite(v) and v != 0 and not 1e-4 <= abs(v) < 1e6:
        return f"{v:.4e}"
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def node_lines(graph_node, show_values=True, grad_text=None):
    """The lines of text in one box; the first line is the node's name.

    Args:
        graph_node: the :class:`GraphNode`.
        show_values: show the leaf's value (and the output's value when the tensor is known).
        grad_text: an extra last line about gradients (see :func:`real_grad_text`), or None.
    """
    lines = [short_name(graph_node.name)]
    t, name = graph_node.tensor, graph_node.tensor_name
    if t is not None:
        value = format_values(t.detach())
        if name is not None:
            lines.append(f"{name} = {value}" if show_values else name)
        elif show_values:
            lines.append(f"{'leaf' if graph_node.is_leaf else 'out'} = {value}")
    if grad_text is not None:
        lines.append(grad_text)
    return lines


def grad_text(graph_node, grad):
    """``'w.grad = [12.]'`` for a named tensor, ``'grad = [12.]'`` otherwise."""
    owner = f"{graph_node.tensor_name}." if graph_node.tensor_name is not None else ""
    return f"{owner}grad = {format_values(grad)}"


def real_grad_text(graph_node):
    """The line about the real ``.grad``: always for leaves, for others only after retain_grad()."""
    t = graph_node.tensor
    if graph_node.is_leaf:
        return grad_text(graph_node, t.grad)
    if t is not None and t.retains_grad:
        return grad_text(graph_node, t.grad)
    return None
