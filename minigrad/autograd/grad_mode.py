"""Grad mode: whether operations are recorded in the graph (PyTorch's torch.no_grad & co)."""
import functools


class _GradModeFlag:
    """Process-wide flag. PyTorch's is thread-local; one flag is enough for a course."""

    __slots__ = ("enabled",)  # an instance, not class attributes: every op sets it, cheaply

    def __init__(self):
        self.enabled = True


_GradMode = _GradModeFlag()


def is_grad_enabled():
    """Return True if operations are currently recorded for autograd (torch.is_grad_enabled)."""
    return _GradMode.enabled


class _ModeContext:
    """Base of the grad-mode context managers: save the mode on enter, restore it on exit.

    Restoring (instead of setting True) is what makes them nest correctly. Each one also works
    as a decorator, like PyTorch's.
    """

    _target = True

    def __enter__(self):
        self._prev = _GradMode.enabled
        _GradMode.enabled = self._target

    def __exit__(self, *exc_info):
        _GradMode.enabled = self._prev
        return False

    def __call__(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self.__class__(*self._init_args()):
                return func(*args, **kwargs)

        return wrapper

    def _init_args(self):
        return ()


class _BareDecorator:
    """Lets the class itself decorate a function, without parentheses: ``@no_grad``."""

    def __new__(cls, orig_func=None):
        if callable(orig_func):
            return cls()(orig_func)
        return super().__new__(cls)


class no_grad(_BareDecorator, _ModeContext):
    """Context manager and decorator that disables gradient recording (torch.no_grad).

    Example:
        >>> with no_grad():
        ...     y = x * 2          # y.requires_grad is False
    """

    _target = False


class enable_grad(_BareDecorator, _ModeContext):
    """Context manager and decorator that enables gradient recording (torch.enable_grad)."""

    _target = True


class set_grad_enabled(_ModeContext):
    """Set grad mode on or off (torch.set_grad_enabled).

    Works as a function call (takes effect at once), as a context manager (restores the previous
    mode on exit) and as a decorator.
    """

    def __init__(self, mode):
        self._prev = _GradMode.enabled
        self._target = bool(mode)
        _GradMode.enabled = self._target

    def __enter__(self):
        pass  # the mode was already set in __init__, as PyTorch does

    def __call__(self, func):
        _GradMode.enabled = self._prev  # used as a decorator: do not switch the mode now
        return super().__call__(func)

    def _init_args(self):
        return (self._target,)


class inference_mode(no_grad):
    """Like no_grad (torch.inference_mode); minigrad has no separate inference tensors."""

    def __init__(self, mode=True):
        self._target = not mode

    def _init_args(self):
        return (not self._target,)
