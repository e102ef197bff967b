"""Adagrad: divide each step by the root of the sum of all squared gradients so far
(torch.optim.Adagrad)."""
import minigrad
from ..autograd.grad_mode import no_grad
from .optimizer import Optimizer


class Adagrad(Optimizer):
    r"""Adagrad (torch.optim.Adagrad).

    For every parameter ``p`` with gradient ``g = p.grad``, step number ``t`` does::

        g = -g                                  if maximize
        g = g + weight_decay * p                if weight_decay != 0 (L2 penalty)
        lr_t = lr / (1 + (t - 1) * lr_decay)
        s = s + g * g                           (s starts at initial_accumulator_value)
        p = p - lr_t * g / (sqrt(s) + eps)

    ``s`` only grows, so a weight that has had large gradients takes ever smaller steps.

    Args:
        params: the tensors to optimize, or param-group dicts.
        lr: learning rate (default 1e-2).
        lr_decay: learning rate decay (default 0).
        weight_decay: L2 penalty (default 0).
        initial_accumulator_value: the starting value of ``s`` (default 0).
        eps: added to the denominator to avoid dividing by zero (default 1e-10).
        maximize: maximize the objective instead of minimizing it (default False).

    Unlike the other optimizers, Adagrad creates every parameter's state (``step`` and
    ``sum``) at construction, so ``state_dict()`` holds it before the first step.

    Example:
        >>> optimizer = optim.Adagrad(model.parameters(), lr=0.1)
        >>> optimizer.zero_grad()
        >>> loss_fn(model(x), y).backward()
        >>> optimizer.step()
    """

    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
                 eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= lr_decay:
            raise ValueError(f"Invalid lr_decay value: {lr_decay}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= initial_accumulator_value:
            raise ValueError(f"Invalid initial_accumulator_value value: {initial_accumulator_value}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        # foreach, differentiable and fused are accepted (and shown) like PyTorch's, but
        # minigrad always runs the plain loop below.
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)
        if fused:
            if differentiable:
                raise RuntimeError("`fused` does not support `differentiable`")
            if foreach:
                raise RuntimeError("`fused` and `foreach` cannot be `True` together.")
        for group in self.param_groups:
            for p in group["params"]:
                self._state_of(p)

    @no_grad()
    def step(self, closure=None):
        """Move every parameter one Adagrad step, using ``p.grad`` and its sum of squares."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = -p.grad if group["maximize"] else p.grad
                state = self._state_of(p)
                state["step"] += 1
                t = state["step"].item()
                if group["weight_decay"] != 0:
                    grad = grad.add(p, alpha=group["weight_decay"])
                lr_t = group["lr"] / (1 + (t - 1) * group["lr_decay"])
                state_sum = state["sum"].addcmul_(grad, grad, value=1)
                std = state_sum.sqrt().add_(group["eps"])
                p.add_(grad * -lr_t / std)  # PyTorch's addcdiv_: (value * grad) / std
        return loss

    def _state_of(self, p):
        """p's state: step count and the sum of squared gradients.

        A parameter added later by ``add_param_group`` gets it on its first step, starting from
        the constructor's ``initial_accumulator_value`` (not its group's), as in PyTorch."""
        state = self.state[p]
        if not state:
            state["step"] = minigrad.tensor(0.0)
            state["sum"] = minigrad.full_like(p, self.defaults["initial_accumulator_value"])
        return state
