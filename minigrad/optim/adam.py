"""Adam: gradient descent with running averages of the gradient and its square (torch.optim.Adam)."""
from ..autograd.grad_mode import no_grad
import minigrad
from .optimizer import Optimizer


class Adam(Optimizer):
    r"""Adam (torch.optim.Adam).

    For every parameter ``p`` with gradient ``g = p.grad``, step number ``t`` does::

        g = -g                                   if maximize
        g = g + weight_decay * p                 if weight_decay != 0 (L2 penalty)
        m = beta1 * m + (1 - beta1) * g          running mean of g
        v = beta2 * v + (1 - beta2) * g * g      running mean of g squared
        v_max = max(v_max, v); use v_max for v   if amsgrad
        p = p - lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)

    The ``1 - beta**t`` factors undo the bias of m and v towards their zero start.

    Args:
        params: the tensors to optimize, or param-group dicts.
        lr: learning rate (default 1e-3).
        betas: decay rates (beta1, beta2) of the two running averages (default (0.9, 0.999)).
        eps: added to the denominator to avoid dividing by zero (default 1e-8).
        weight_decay: L2 penalty (default 0).
        amsgrad: use the maximum of all v so far (default False).
        maximize: maximize the objective instead of minimizing it (default False).
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False,
                 *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        # foreach, capturable, differentiable and fused are accepted like PyTorch's, but
        # minigrad always runs the plain loop below.
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                        maximize=maximize, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused,
                        decoupled_weight_decay=decoupled_weight_decay)
        super().__init__(params, defaults)

    @no_grad()
    def step(self, closure=None):
        """Move every parameter one Adam step, using ``p.grad`` and its running averages."""
        loss = self._evaluate(closure)
        for group in self.param_groups:
            lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = -p.grad if group["maximize"] else p.grad
                state = self._state_of(p, group)
                state["step"] += 1
                t = state["step"].item()
                if group["weight_decay"] != 0:
                    if group["decoupled_weight_decay"]:
                        p.mul_(1 - lr * group["weight_decay"])  # AdamW: shrink p directly
                    else:
                        grad = grad.add(p, alpha=group["weight_decay"])
                m, v = state["exp_avg"], state["exp_avg_sq"]
                m.mul_(beta1).add_(grad, alpha=1 - beta1)
                v.mul_(beta2).add_(grad * grad, alpha=1 - beta2)
                if group["amsgrad"]:
                    state["max_exp_avg_sq"].copy_(state["max_exp_avg_sq"].maximum(v))
                    v = state["max_exp_avg_sq"]
                step_size = lr / (1 - beta1**t)
                denom = (v.sqrt() / (1 - beta2**t) ** 0.5).add_(eps)
                p.add_(m / denom, alpha=-step_size)
        return loss

    def _state_of(self, p, group):
        """p's state, created on its first step: step count and zeroed running averages."""
        state = self.state[p]
        if not state:
            state["step"] = minigrad.tensor(0.0)
            state["exp_avg"] = minigrad.zeros_like(p)
            state["exp_avg_sq"] = minigrad.zeros_like(p)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = minigrad.zeros_like(p)
        return state
