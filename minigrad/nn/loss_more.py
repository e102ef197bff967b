"""KLDivLoss (torch.nn.KLDivLoss)."""
from . import functional_more as F
from .loss import _Loss


class KLDivLoss(_Loss):
    """The Kullback-Leibler divergence of ``target`` from ``input`` (torch.nn.KLDivLoss).

    ``input`` holds log-probabilities, ``target`` probabilities (log-probabilities with
    ``log_target=True``); use ``reduction='batchmean'`` for the mathematical KL divergence.
    """

    def __init__(self, size_average=None, reduce=None, reduction="mean", log_target=False):
        super().__init__(size_average, reduce, reduction)
        self.log_target = log_target

    def forward(self, input, target):
        return F.kl_div(input, target, reduction=self.reduction, log_target=self.log_target)
