"""RMSprop: divide each step by a running average of the squared gradient (torch.optim.RMSprop).

Its updates use ``Tensor.addcmul_`` and ``Tensor.lerp_``, which round as PyTorch's CPU kernels
do (ops/fused.py): so with the same gradients, the state has PyTorch's float32 bits.
"""
import minigrad
from ..autograd.grad_mode import no_grad
from .optimizer import Optimizer


class RMSprop(Optimizer):
    r"""RMSprop (torch.optim.RMSprop).

    For every parameter ``p`` with gradient ``g = p.grad``, one ``step()`` does::

        g = -g                                  if maximize
        g = g + weight_decay * p                if weight_decay != 0 (L2 penalty)
        v = alpha * v + (1 - alpha) * g * g     running mean of g squared (starts at 0)
        if centered:
            m = m + (1 - alpha) * (g - m)       running mean of g (starts at 0)
            v_hat = v - m * m                   an estimate of g's variance
        else:
            v_hat = v
        d = g / (sqrt(v_hat) + eps)
        if momentum > 0:
            buf = momentum * buf + d            (buf starts at 0)
            d = buf
        p = p - lr * d

    Each weight gets its own step size: ``lr`` divided by the size of its recent gradients.

    Args:
        params: the tensors to optimize, or param-group dicts.
        lr: learning rate (default 1e-2).
        alpha: decay rate of the running average of g squared (default 0.99).
        eps: added to the denominator to avoid dividing by zero (default 1e-8).
        weight_decay: L2 penalty (default 0).
        momentum: momentum factor (default 0).
        centered: divide by the (estimated) variance of g instead of its mean square
            (default False).
        maximize: maximize the objective instead of minimizing it (default False).

    Example:
        >>> optimizer = optim.RMSprop(model.parameters(), lr=0.01)
        >>> optimizer.zero_grad()
        >>> loss_fn(model(x), y).backward()
        >>> optimizer.step()
    """

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False, capturable=False, foreach=None, maximize=False,
                 differentiable=False):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= momentum:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= alpha:
            raise ValueError(f"Invalid alpha value: {alpha}")
        # capturable, foreach and differentiable are accepted (and shown) like PyTorch's, but
        # minigrad always runs the plain loop below.
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
                        weight_decay=weight_decay, capturable=capturable, foreach=foreach,
                        maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        """Move every parameter one RMSprop step, using ``p.grad`` and its running averages."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, alpha, momentum = group["lr"], group["alpha"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = -p.grad if group["maximize"] else p.grad
                state = self._state_of(p, group)
                state["step"] += 1
                if group["weight_decay"] != 0:
                    grad = grad.add(p, alpha=group["weight_decay"])
                square_avg = state["square_avg"]
                square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
                if group["centered"]:
                    grad_avg = state["grad_avg"].lerp_(grad, 1 - alpha)
                    avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt()
                else:
                    avg = square_avg.sqrt()
                avg.add_(group["eps"])
                if momentum > 0:
                    buf = state["momentum_buffer"]
                    buf.mul_(momentum).add_(grad / avg)
                    p.add_(buf, alpha=-lr)
                else:
                    p.add_(grad * -lr / avg)  # PyTorch's addcdiv_: (value * grad) / avg
        return loss

    def _state_of(self, p, group):
        """p's state, created on its first step: step count and zeroed running averages."""
        state = self.state[p]
        if not state:
            state["step"] = minigrad.tensor(0.0)
            state["square_avg"] = minigrad.zeros_like(p)
            if group["momentum"] > 0:
                state["momentum_buffer"] = minigrad.zeros_like(p)
            if group["centered"]:
                state["grad_avg"] = minigrad.zeros_like(p)
        return state
