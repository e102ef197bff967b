"""Record the order in which the backward engine runs the nodes, without touching ``.grad``.

The engine calls every function in ``minigrad.autograd.engine.observers`` with
``(node, grad_output, grad_inputs)`` right after it runs a node. We add an observer, replay the
backward pass with ``autograd.grad(..., retain_graph=True)`` (which returns gradients instead
of adding them into the leaves' ``.grad``), and remove the observer again. What we record is
therefore the engine's real order, not a re-implementation of it.
"""
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .. import autograd
from ..autograd import engine
from .graph import build_graph


@dataclass(frozen=True)
class BackwardStep:
    """One node run by the engine: the gradient flowing into it and the ones it sends on.

    ``grad_inputs`` has one entry per ``node.next_functions`` entry (empty for AccumulateGrad).
    Gradients are numpy copies, or None where no gradient flowed.
    """

    node: object
    grad_output: np.ndarray | None
    grad_inputs: tuple


def record_backward(output, gradient=None):
    """The list of :class:`BackwardStep` that ``output.backward(gradient)`` would run, in order.

    Nothing is written into any tensor's ``.grad`` and the graph is kept (retain_graph=True),
    so ``output.backward()`` can still be called afterwards.
    """
    if output.grad_fn is None:
        raise ValueError("record_backward needs a tensor produced by an operation (with a grad_fn)")
    graph = build_graph(output)
    steps = []

    def observer(node, grad_output, grad_inputs):
        steps.append(BackwardStep(node, _copy(grad_output), tuple(_copy(g) for g in grad_inputs)))

    engine.observers.append(observer)
    try:
        with _retained_grads_restored(graph):
            autograd.grad(output, graph.leaves(), grad_outputs=gradient, retain_graph=True,
                          allow_unused=True)
    finally:
        engine.observers.remove(observer)
    return steps


def _copy(grad):
    return None if grad is None else np.array(grad.detach().numpy(), copy=True)


@contextmanager
def _retained_grads_restored(graph):
    """Like PyTorch, autograd.grad fills ``.grad`` of tensors that called retain_grad();
    put those back as they were so the replay leaves no trace."""
    retained = [ref() for ref in (n.node._retained for n in graph.nodes) if ref is not None]
    retained = [t for t in retained if t is not None]
    saved = [t.grad for t in retained]
    try:
        yield
    finally:
        for t, grad in zip(retained, saved):
            t.grad = grad
