"""Module: the base class of every layer and model (torch.nn.Module).

A Module keeps three ordered registries, filled automatically by ``__setattr__``:

    self.weight = Parameter(...)   ->  self._parameters["weight"]
    self.fc1 = Linear(...)         ->  self._modules["fc1"]
    self.register_buffer("running_mean", tensor)  ->  self._buffers["running_mean"]

Everything else (``parameters()``, ``zero_grad()``, ``state_dict()``, the repr) just walks
those registries, recursing into the submodules. Converting dtypes and saving/loading live in
``module_state.py`` (a mixin).
"""
import itertools
from collections import OrderedDict

from ..tensor import Tensor
from .module_state import ModuleState
from .parameter import Parameter


def _typename(value):
    """Name of a value's type the way PyTorch's error messages spell it (torch.typename)."""
    if isinstance(value, Tensor):
        return value.type()
    return type(value).__qualname__


def _indent_continuation_lines(text, spaces=2):
    """Indent every line but the first, so a child's repr nests inside its parent's."""
    first, *rest = text.split("\n")
    return "\n".join([first] + [" " * spaces + line for line in rest])


class RemovableHandle:
    """What ``register_forward_hook`` and friends return: ``handle.remove()`` unregisters the hook.

    Also a context manager: the hook is removed at the end of the ``with`` block.
    """

    _next_id = itertools.count()

    def __init__(self, hooks):
        self.hooks_dict = hooks
        self.id = next(RemovableHandle._next_id)

    def remove(self):
        self.hooks_dict.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.remove()


class Module(ModuleState):
    """Base class for all neural network modules (torch.nn.Module).

    Subclasses call ``super().__init__()`` first, assign parameters and submodules as
    attributes, and define ``forward``. Calling the module runs ``forward``.

    Example:
        >>> class Model(nn.Module):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.fc = nn.Linear(1, 1)
        ...     def forward(self, x):
        ...         return self.fc(x)
    """

    def __init__(self):
        # object.__setattr__ because our own __setattr__ needs these dicts to exist.
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_forward_pre_hooks", OrderedDict())
        object.__setattr__(self, "_forward_hooks", OrderedDict())
        object.__setattr__(self, "_hooks_with_kwargs", set())

    def forward(self, *args, **kwargs):
        """The computation of the module; every subclass defines it."""
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args, **kwargs):
        if self._forward_pre_hooks or self._forward_hooks:
            return self._call_with_hooks(args, kwargs)
        return self.forward(*args, **kwargs)

    # ----- hooks --------------------------------------------------------------------------

    def register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False):
        """Call ``hook(module, args)`` before every ``forward`` (Module.register_forward_pre_hook).

        If the hook returns something other than None, that becomes the input: a tuple of
        positional arguments, or a single value. With ``with_kwargs=True`` the hook is called
        as ``hook(module, args, kwargs)`` and may return a new ``(args, kwargs)``.
        Returns a handle whose ``remove()`` unregisters the hook.
        """
        return self._add_hook(self._forward_pre_hooks, hook, prepend, with_kwargs)

    def register_forward_hook(self, hook, *, prepend=False, with_kwargs=False):
        """Call ``hook(module, args, output)`` after every ``forward`` (Module.register_forward_hook).

        If the hook returns something other than None, that replaces the output. With
        ``with_kwargs=True`` the hook is called as ``hook(module, args, kwargs, output)``.
        Returns a handle whose ``remove()`` unregisters the hook.

        Example:
            >>> activations = {}
            >>> handle = model[0].register_forward_hook(
            ...     lambda module, args, output: activations.update(fc=output))
            >>> model(x); handle.remove()
        """
        return self._add_hook(self._forward_hooks, hook, prepend, with_kwargs)

    def _add_hook(self, hooks, hook, prepend, with_kwargs):
        handle = RemovableHandle(hooks)
        hooks[handle.id] = hook
        if prepend:
            hooks.move_to_end(handle.id, last=False)
        if with_kwargs:
            self._hooks_with_kwargs.add(handle.id)
        return handle

    def _call_with_hooks(self, args, kwargs):
        """``forward`` wrapped in the forward pre-hooks and forward hooks, as PyTorch runs them."""
        for hook_id, hook in list(self._forward_pre_hooks.items()):
            if hook_id in self._hooks_with_kwargs:
                new = hook(self, args, kwargs)
                if new is not None:
                    if not (isinstance(new, tuple) and len(new) == 2):
                        raise RuntimeError("forward pre-hook must return None or a tuple of "
                                           f"(new_args, new_kwargs), but got {new}.")
                    args, kwargs = new
            else:
                new = hook(self, args)
                if new is not None:
                    args = new if isinstance(new, tuple) else (new,)
        output = self.forward(*args, **kwargs)
        for hook_id, hook in list(self._forward_hooks.items()):
            if hook_id in self._hooks_with_kwargs:
                new = hook(self, args, kwargs, output)
            else:
                new = hook(self, args, output)
            if new is not None:
                output = new
        return output

    # ----- registration -------------------------------------------------------------------

    def register_parameter(self, name, param):
        """Add a Parameter (or None) under ``name`` (Module.register_parameter)."""
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(f"cannot assign '{_typename(param)}' object to parameter '{name}' "
                            "(torch.nn.Parameter or None required)")
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """Add a tensor that is state but not a parameter, e.g. BatchNorm's running mean."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        self._buffers[name] = tensor
        if not persistent:
            self.__dict__.setdefault("_non_persistent_buffers", set()).add(name)

    def add_module(self, name, module):
        """Add a child module under ``name`` (Module.add_module)."""
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{_typename(module)} is not a Module subclass")
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {_typename(name)}")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        if "." in name:
            raise KeyError(f'module name can\'t contain ".", got: {name}')
        if name == "":
            raise KeyError('module name can\'t be empty string ""')
        self._modules[name] = module

    def register_module(self, name, module):
        """Alias of ``add_module``."""
        self.add_module(name, module)

    def __setattr__(self, name, value):
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self._forget(name)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(f"cannot assign '{_typename(value)}' as parameter '{name}' "
                                "(torch.nn.Parameter or None expected)")
            params[name] = None
        elif isinstance(value, Module):
            if params is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self._forget(name)
            self._modules[name] = value
        elif params is not None and name in self._modules:
            if value is not None:
                raise TypeError(f"cannot assign '{_typename(value)}' as child module '{name}' "
                                "(torch.nn.Module or None expected)")
            self._modules[name] = None
        elif params is not None and name in self._buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"cannot assign '{_typename(value)}' as buffer '{name}' "
                                "(torch.Tensor or None expected)")
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def _forget(self, name):
        """Remove ``name`` from every registry, so re-assigning it moves it to the right one."""
        self.__dict__.pop(name, None)
        for registry in (self._parameters, self._buffers, self._modules):
            registry.pop(name, None)

    def __getattr__(self, name):
        # Only called when normal lookup fails: look in the registries.
        for registry in ("_parameters", "_buffers", "_modules"):
            entries = self.__dict__.get(registry)
            if entries is not None and name in entries:
                return entries[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        for registry in (self._parameters, self._buffers, self._modules):
            if name in registry:
                del registry[name]
                return
        object.__delattr__(self, name)

    # ----- walking the tree ---------------------------------------------------------------

    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        """Yield ``(name, module)`` for this module and every module below it, depth first."""
        memo = set() if memo is None else memo
        if remove_duplicate:
            if self in memo:
                return
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is not None:
                child_prefix = f"{prefix}.{name}" if prefix else name
                yield from module.named_modules(memo, child_prefix, remove_duplicate)

    def modules(self):
        """Yield this module and every module below it."""
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        """Yield ``(name, module)`` for the direct submodules."""
        seen = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self):
        """Yield the direct submodules."""
        for _, module in self.named_children():
            yield module

    def _named_members(self, registry, prefix, recurse, remove_duplicate):
        """Yield ``(qualified name, tensor)`` from one registry of this module (and below)."""
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        seen = set()
        for module_prefix, module in modules:
            for name, tensor in getattr(module, registry).items():
                if tensor is None or (remove_duplicate and id(tensor) in seen):
                    continue
                seen.add(id(tensor))
                yield (f"{module_prefix}.{name}" if module_prefix else name), tensor

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        """Yield ``(name, Parameter)`` pairs, e.g. ``("fc.weight", ...)``; each Parameter once."""
        yield from self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        """Yield every Parameter of this module and its submodules: what an optimizer needs."""
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        """Yield ``(name, buffer)`` pairs."""
        yield from self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        """Yield every buffer of this module and its submodules."""
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def apply(self, fn):
        """Call ``fn`` on every submodule, then on this module; return self (e.g. for init)."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # ----- training helpers ---------------------------------------------------------------

    def train(self, mode=True):
        """Set training mode (affects Dropout and friends) on this module and below; return self."""
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self):
        """Set evaluation mode: same as ``train(False)``."""
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        """Switch gradient recording on or off for every parameter (e.g. to freeze a layer)."""
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        """Reset the gradients of every parameter: to None by default, like PyTorch 2."""
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                param.grad = param.grad.detach()
                param.grad.zero_()

    # ----- repr ---------------------------------------------------------------------------

    def extra_repr(self):
        """The text between the parentheses of the repr, e.g. ``in_features=1, ...``."""
        return ""

    def __repr__(self):
        extra_lines = self.extra_repr().split("\n") if self.extra_repr() else []
        child_lines = [f"({name}): " + _indent_continuation_lines(repr(module))
                       for name, module in self._modules.items()]
        lines = extra_lines + child_lines
        if not lines:
            return f"{type(self).__name__}()"
        if len(extra_lines) == 1 and not child_lines:
            return f"{type(self).__name__}({extra_lines[0]})"
        return f"{type(self).__name__}(\n  " + "\n  ".join(lines) + "\n)"
