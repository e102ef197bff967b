"""Optimizer: the base class of SGD, Adam and AdamW (torch.optim.Optimizer).

An optimizer holds *references* to parameter tensors, grouped in ``param_groups``: a list of
dicts, each with its ``"params"`` and its own hyper-parameters (``"lr"``, ...). ``step()``
reads ``p.grad`` of each parameter and changes ``p`` in place. It never sees the loss:
``loss.backward()`` has already left the gradients in ``p.grad``.
"""
from collections import defaultdict

from ..autograd.grad_mode import enable_grad
from ..tensor import Tensor


class _RequiredParameter:
    """Marks a hyper-parameter that has no default (e.g. an lr that must be given)."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


class Optimizer:
    """Base class for all optimizers (torch.optim.Optimizer).

    Args:
        params: an iterable of Tensors, or of dicts ``{"params": [...], "lr": ...}`` to give
            groups of parameters their own settings.
        defaults: the hyper-parameters used by groups that don't set them.

    Attributes:
        param_groups: list of dicts, one per group, each with ``"params"`` and settings.
        state: per-parameter state (momentum buffers, Adam moments), keyed by the tensor.
    """

    def __init__(self, params, defaults):
        self.defaults = defaults
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of "
                            f"Tensors or dicts, but got {params.type()}")
        self.state = defaultdict(dict)
        self.param_groups = []
        param_groups = list(params)
        if len(param_groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)

    def add_param_group(self, param_group):
        """Add a group of parameters with its own settings, e.g. to unfreeze a layer later."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, but "
                            "the ordering of tensors in sets will change between runs. Please use a list instead.")
        param_group["params"] = [params] if isinstance(params, Tensor) else list(params)
        for param in param_group["params"]:
            if not isinstance(param, Tensor):
                raise TypeError("optimizer can only optimize Tensors, but one of the params is "
                                + type(param).__qualname__)
            if not param.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required "
                                 f"optimization parameter {name}")
            param_group.setdefault(name, default)
        already_optimized = {id(p) for group in self.param_groups for p in group["params"]}
        if any([id(p) in already_optimized for p in param_group["params"]]):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none=True):
        """Reset ``p.grad`` of every parameter: to None by default (PyTorch 2), else to zeros."""
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    p.grad = p.grad.detach()
                    p.grad.zero_()

    def step(self, closure=None):
        """Update every parameter from its ``.grad``; each optimizer defines the rule."""
        raise NotImplementedError

    def _evaluate(self, closure):
        """Run ``closure`` (which recomputes the loss) with grad enabled, if one is given."""
        if closure is None:
            return None
        with enable_grad():
            return closure()

    def state_dict(self):
        """Return ``{"state": ..., "param_groups": ...}`` with parameters replaced by indices.

        The indices count parameters across groups in order; ``load_state_dict`` maps them
        back onto this optimizer's parameters.
        """
        index_of = {}
        packed_groups = []
        for group in self.param_groups:
            packed = {key: value for key, value in group.items() if key != "params"}
            for p in group["params"]:
                index_of.setdefault(id(p), len(index_of))
            packed["params"] = [index_of[id(p)] for p in group["params"]]
            packed_groups.append(packed)
        packed_state = {index_of[id(p)]: state for p, state in self.state.items()}
        return {"state": packed_state, "param_groups": packed_groups}

    def load_state_dict(self, state_dict):
        """Restore hyper-parameters and per-parameter state saved by ``state_dict()``."""
        saved_groups = state_dict["param_groups"]
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        for group, saved in zip(self.param_groups, saved_groups):
            if len(group["params"]) != len(saved["params"]):
                raise ValueError("loaded state dict contains a parameter group that doesn't "
                                 "match the size of optimizer's group")
        self.state = defaultdict(dict)
        for group, saved in zip(self.param_groups, saved_groups):
            for p, index in zip(group["params"], saved["params"]):
                if index in state_dict["state"]:
                    self.state[p] = {key: value.clone() if isinstance(value, Tensor) else value
                                     for key, value in state_dict["state"][index].items()}
            group.update({key: value for key, value in saved.items() if key != "params"})

    def __repr__(self):
        lines = [f"{type(self).__name__} ("]
        for i, group in enumerate(self.param_groups):
            lines.append(f"Parameter Group {i}")
            for key in sorted(group):
                if key != "params":
                    lines.append(f"    {key}: {group[key]}")
        lines.append(")")
        return "\n".join(lines)

