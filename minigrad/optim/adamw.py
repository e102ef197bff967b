"""AdamW: Adam with decoupled weight decay (torch.optim.AdamW)."""
from .adam import Adam


class AdamW(Adam):
    r"""Adam whose weight decay shrinks the parameters directly (torch.optim.AdamW).

    Adam with ``weight_decay`` adds ``weight_decay * p`` to the gradient, so the decay passes
    through the running averages. AdamW instead does, before the Adam update::

        p = p * (1 - lr * weight_decay)

    Same arguments as ``Adam``, except that ``weight_decay`` defaults to 1e-2.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False, foreach=None, capturable=False,
                 differentiable=False, fused=None):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach,
                         maximize=maximize, capturable=capturable, differentiable=differentiable,
                         fused=fused, decoupled_weight_decay=True)
