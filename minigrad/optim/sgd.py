"""SGD: stochastic gradient descent, with optional momentum (torch.optim.SGD).

How does ``optimizer.step()`` know the loss? It doesn't. ``loss.backward()`` has already
written d(loss)/d(p) into ``p.grad`` of every parameter; the optimizer was given the same
parameter tensors at construction, so ``step`` only has to read ``p.grad`` and move ``p``.
"""
from ..autograd.grad_mode import no_grad
from .optimizer import Optimizer


class SGD(Optimizer):
    r"""Stochastic gradient descent (torch.optim.SGD).

    For every parameter ``p`` with gradient ``g = p.grad``, one ``step()`` does::

        g = -g                              if maximize
        g = g + weight_decay * p            if weight_decay != 0
        if momentum != 0:
            buf = g                         on the first step, else
            buf = momentum * buf + (1 - dampening) * g
            g = g + momentum * buf          if nesterov, else
            g = buf
        p = p - lr * g

    Args:
        params: the tensors to optimize (e.g. ``model.parameters()``), or param-group dicts.
        lr: learning rate (default 1e-3).
        momentum: momentum factor (default 0).
        dampening: dampening for momentum (default 0).
        weight_decay: L2 penalty (default 0).
        nesterov: use Nesterov momentum (default False).
        maximize: maximize the objective instead of minimizing it (default False).

    Example:
        >>> optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        >>> optimizer.zero_grad()
        >>> loss_fn(model(x), y).backward()
        >>> optimizer.step()
    """

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False,
                 *, maximize=False, foreach=None, differentiable=False, fused=None):
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        # foreach, differentiable and fused are accepted (and shown) like PyTorch's, but
        # minigrad always runs the plain loop below.
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, foreach=foreach,
                        differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        """Move every parameter one step against its gradient ``p.grad``."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue  # this parameter took no part in the loss
                grad = -p.grad if group["maximize"] else p.grad
                if group["weight_decay"] != 0:
                    grad = grad.add(p, alpha=group["weight_decay"])
                if group["momentum"] != 0:
                    grad = self._apply_momentum(p, grad, group)
                p.add_(grad, alpha=-group["lr"])
        return loss

    def _apply_momentum(self, p, grad, group):
        """Update p's momentum buffer with ``grad`` and return the direction to step in."""
        momentum, state = group["momentum"], self.state[p]
        if "momentum_buffer" not in state:
            buf = state["momentum_buffer"] = grad.clone()
        else:
            buf = state["momentum_buffer"]
            buf.mul_(momentum).add_(grad, alpha=1 - group["dampening"])
        return grad.add(buf, alpha=momentum) if group["nesterov"] else buf
