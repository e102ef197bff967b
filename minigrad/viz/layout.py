"""Where each box goes: a layered left-to-right layout, computed without graphviz.

1. **Layers** (longest-path layering): a node's layer is the length of the longest path from
   a root to it. Every edge then points to a later layer, so all arrows go left to right,
   the way gradients flow in ``backward()``.
2. **Order inside a layer**: each node wants to sit at the mean height of the nodes that
   send it gradients (its *barycenter*); sorting by that keeps arrows short and uncrossed.
3. **No overlaps**: boxes in a layer are pushed apart to keep a gap between them; layers are
   columns side by side, so boxes of different layers cannot overlap either.

Sizes and positions are in inches. ``y`` grows downwards (first box on top).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A box's center ``(x, y)`` and its size ``(width, height)``."""

    x: float
    y: float
    width: float
    height: float

    @property
    def left(self):
        return self.x - self.width / 2

    @property
    def right(self):
        return self.x + self.width / 2

    @property
    def top(self):
        return self.y - self.height / 2

    @property
    def bottom(self):
        return self.y + self.height / 2

    def overlaps(self, other):
        """True if the two boxes share some area (touching edges do not count)."""
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


def longest_path_layers(n_nodes, edges):
    """Layer of each node 0..n_nodes-1: the longest number of edges from a node with no parent.

    Iterative (Kahn's topological order), so a chain of thousands of nodes is fine.
    """
    children = [[] for _ in range(n_nodes)]
    n_parents = [0] * n_nodes
    for parent, child in edges:
        children[parent].append(child)
        n_parents[child] += 1
    layer = [0] * n_nodes
    ready = [i for i in range(n_nodes) if n_parents[i] == 0]
    while ready:
        node = ready.pop()
        for child in children[node]:
            layer[child] = max(layer[child], layer[node] + 1)
            n_parents[child] -= 1
            if n_parents[child] == 0:
                ready.append(child)
    return layer


def layered_layout(sizes, edges, layer_gap=0.45, node_gap=0.18):
    """Place boxes of the given ``(width, height)`` sizes in layers, left to right.

    Args:
        sizes: one ``(width, height)`` per node, in inches.
        edges: ``(parent, child)`` index pairs; parents go in earlier (more left) layers.
        layer_gap: horizontal space between two columns.
        node_gap: vertical space between two boxes of one column.

    Returns:
        A list with one :class:`Box` per node. The top-left corner of the drawing is (0, 0).
    """
    n = len(sizes)
    layer = longest_path_layers(n, edges)
    columns = [[] for _ in range(max(layer, default=-1) + 1)]
    for node in range(n):
        columns[layer[node]].append(node)
    parents = [[] for _ in range(n)]
    for parent, child in edges:
        parents[child].append(parent)

    y = [0.0] * n
    for column in columns:
        # Where each node would like to be: level with the boxes that send it gradients.
        wanted = {node: _mean([y[p] for p in parents[node]], default=0.0) for node in column}
        column.sort(key=lambda node: wanted[node])  # stable: ties keep the walk's order
        _stack_without_overlap(column, wanted, sizes, node_gap, y)

    boxes, left = [None] * n, 0.0
    for column in columns:
        width = max(sizes[node][0] for node in column)
        for node in column:
            boxes[node] = Box(left + width / 2, y[node], *sizes[node])
        left += width + layer_gap
    top = min((box.top for box in boxes), default=0.0)
    return [Box(b.x, b.y - top, b.width, b.height) for b in boxes]


def _stack_without_overlap(column, wanted, sizes, gap, y):
    """Put the column's boxes top to bottom, each at least ``gap`` below the previous one,
    then shift them all together so that on average they sit where they wanted to be."""
    bottom = None
    for node in column:
        half = sizes[node][1] / 2
        y[node] = wanted[node] if bottom is None else max(wanted[node], bottom + gap + half)
        bottom = y[node] + half
    shift = _mean([wanted[node] - y[node] for node in column], default=0.0)
    for node in column:
        y[node] += shift


def _mean(values, default):
    return sum(values) / len(values) if values else default


def extent(boxes):
    """The ``(width, height)`` of the area covered by ``boxes`` (their top-left is at (0, 0))."""
    return (max((b.right for b in boxes), default=0.0), max((b.bottom for b in boxes), default=0.0))


def overlapping_pairs(boxes):
    """All index pairs ``(i, j)`` of boxes that overlap; empty for a good layout."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])]
