"""Module's state as tensors: converting its dtype (``to``, ``double``...) and saving and loading
it (``state_dict``, ``load_state_dict``). A mixin of ``Module``, which keeps the registries
(``_parameters``, ``_buffers``) and the tree walk (``modules()``, ``named_modules()``) used here.
"""
from collections import OrderedDict, namedtuple

from .. import _dtype
from ..autograd.grad_mode import no_grad


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What ``load_state_dict`` returns: the keys it could not match."""

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys}, unexpected_keys={self.unexpected_keys})"


class ModuleState:
    """The dtype-conversion and state_dict methods of ``Module`` (see module.py)."""

    # ----- dtype conversion ---------------------------------------------------------------

    def _apply(self, fn):
        """Replace every parameter's (and its grad's) data and every buffer by ``fn`` of it.

        The Parameter objects stay the same (only their ``.data`` changes), so an optimizer
        built before the conversion still holds the right tensors.
        """
        with no_grad():
            for module in self.modules():
                for param in module._parameters.values():
                    if param is not None:
                        param.data = fn(param)
                        if param.grad is not None:
                            param.grad.data = fn(param.grad)
                for name, buffer in module._buffers.items():
                    if buffer is not None:
                        module._buffers[name] = fn(buffer)
        return self

    def to(self, *args, **kwargs):
        """Convert the floating point parameters and buffers to a dtype, in place; return self.

        ``model.to(torch.float64)``, ``model.to(dtype=...)``; ``model.to("cpu")`` changes nothing
        (minigrad only has the CPU). Integer tensors (e.g. counters) keep their dtype.
        """
        dtype = kwargs.get("dtype")
        for arg in args:
            if isinstance(arg, _dtype.dtype):
                dtype = arg
        if dtype is not None and not dtype.is_floating_point:
            raise TypeError("nn.Module.to only accepts floating point or complex dtypes, "
                            f"but got desired dtype={dtype}")
        return self._apply(lambda t: t.to(*args, **kwargs) if t.is_floating_point() else t)

    def double(self):
        """Convert floating point parameters and buffers to float64; return self."""
        return self.to(_dtype.float64)

    def float(self):
        """Convert floating point parameters and buffers to float32; return self."""
        return self.to(_dtype.float32)

    def half(self):
        """Convert floating point parameters and buffers to float16; return self."""
        return self.to(_dtype.float16)

    def cpu(self):
        """Move to the CPU: minigrad's tensors always are there, so this returns self."""
        return self

    # ----- saving and loading -------------------------------------------------------------

    def state_dict(self, destination=None, prefix="", keep_vars=False):
        """Return an OrderedDict ``name -> tensor`` of all parameters and persistent buffers.

        The tensors share memory with the module's (they are detached, not copied).
        """
        destination = OrderedDict() if destination is None else destination
        for module_prefix, module in self.named_modules(prefix=prefix.rstrip(".")):
            skip = module.__dict__.get("_non_persistent_buffers", set())
            entries = list(module._parameters.items())
            entries += [(name, b) for name, b in module._buffers.items() if name not in skip]
            for name, tensor in entries:
                if tensor is not None:
                    key = f"{module_prefix}.{name}" if module_prefix else name
                    destination[key] = tensor if keep_vars else tensor.detach()
        return destination

    def load_state_dict(self, state_dict, strict=True):
        """Copy tensors from ``state_dict`` into this module's parameters and buffers.

        With ``strict=True`` missing or unexpected keys raise PyTorch's RuntimeError; a
        shape mismatch always does. Returns the missing and unexpected keys.
        """
        own = self.state_dict(keep_vars=True)
        missing = [key for key in own if key not in state_dict]
        unexpected = [key for key in state_dict if key not in own]
        errors = []
        if strict:
            if unexpected:
                errors.append("Unexpected key(s) in state_dict: " + ", ".join([f'"{k}"' for k in unexpected]) + ". ")
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: " + ", ".join([f'"{k}"' for k in missing]) + ". ")
        for key, target in own.items():
            if key in state_dict and tuple(state_dict[key].shape) != tuple(target.shape):
                errors.append(f"size mismatch for {key}: copying a param with shape {state_dict[key].shape} "
                              f"from checkpoint, the shape in current model is {target.shape}.")
        if errors:
            raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t" + "\n\t".join(errors))
        with no_grad():
            for key, target in own.items():
                if key in state_dict:
                    target.copy_(state_dict[key])
        return _IncompatibleKeys(missing, unexpected)
