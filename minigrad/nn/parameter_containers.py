"""ParameterList and ParameterDict: containers whose Parameters a Module registers
(torch.nn.ParameterList, torch.nn.ParameterDict).

A plain Python list of Parameters, stored on a module, would hide them from ``parameters()``
(and so from the optimizer); these register each one under its position or key.
"""
from collections.abc import Mapping

from ..tensor import Tensor
from .module import Module
from .parameter import Parameter


def _as_parameter(value):
    """A plain tensor becomes a Parameter (requires_grad=True), as PyTorch's containers do."""
    if isinstance(value, Tensor) and not isinstance(value, Parameter):
        return Parameter(value)
    return value


def _describe(value, type_name):
    """One line of the repr: ``Parameter containing: [<type_name> of size 3x4]``."""
    if not isinstance(value, Tensor):
        return f"Object of type: {type(value).__name__}"
    kind = "Parameter" if isinstance(value, Parameter) else "Tensor"
    size = "x".join(str(n) for n in value.shape)
    return f"{kind} containing: [{type_name} of size {size}]"


class ParameterList(Module):
    """A list of Parameters, registered under "0", "1", ... (torch.nn.ParameterList).

    Example:
        >>> weights = nn.ParameterList([nn.Parameter(torch.randn(3, 3)) for _ in range(2)])
        >>> len(list(model.parameters()))   # both weights, if model.weights = weights
    """

    def __init__(self, values=None):
        super().__init__()
        self._size = 0
        if values is not None:
            self.extend(values)

    def _index(self, index):
        if not -len(self) <= index < len(self):
            raise IndexError(f"index {index} is out of range")
        return str(index % len(self))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ParameterList(list(self)[index])
        return getattr(self, self._index(index))

    def __setitem__(self, index, value):
        setattr(self, self._index(index), _as_parameter(value))

    def __len__(self):
        return self._size

    def __iter__(self):
        return iter([getattr(self, str(i)) for i in range(len(self))])

    def __iadd__(self, values):
        return self.extend(values)

    def append(self, value):
        """Add ``value`` (a Parameter, or a tensor made into one) at the end; return self."""
        self._size += 1
        setattr(self, str(self._size - 1), _as_parameter(value))
        return self

    def extend(self, values):
        """Append every value of ``values``; return self."""
        for value in values:
            self.append(value)
        return self

    def extra_repr(self):
        return "\n".join(f"  ({i}): " + _describe(p, p.dtype if isinstance(p, Tensor) else "")
                         for i, p in enumerate(self))


class ParameterDict(Module):
    """A dict of Parameters, registered under their keys (torch.nn.ParameterDict).

    Example:
        >>> scales = nn.ParameterDict({"a": nn.Parameter(torch.ones(2))})
        >>> scales["b"] = nn.Parameter(torch.zeros(2))
    """

    def __init__(self, parameters=None):
        super().__init__()
        self._keys = {}  # the keys in insertion order (a dict used as an ordered set)
        if parameters is not None:
            self.update(parameters)

    def __getitem__(self, key):
        return getattr(self, key)  # (a missing key: AttributeError, as in PyTorch)

    def __setitem__(self, key, value):
        self._keys[key] = None
        setattr(self, key, _as_parameter(value))

    def __delitem__(self, key):
        del self._keys[key]
        delattr(self, key)

    def __len__(self):
        return len(self._keys)

    def __iter__(self):
        return iter(self._keys)

    def __contains__(self, key):
        return key in self._keys

    def keys(self):
        return self._keys.keys()

    def items(self):
        return [(key, self[key]) for key in self._keys]

    def values(self):
        return [self[key] for key in self._keys]

    def get(self, key, default=None):
        return self[key] if key in self else default

    def pop(self, key):
        """Remove the Parameter under ``key`` and return it."""
        value = self[key]
        del self[key]
        return value

    def clear(self):
        """Remove every Parameter."""
        for key in list(self._keys):
            del self[key]

    def update(self, parameters):
        """Add Parameters from a mapping or from an iterable of (key, value) pairs."""
        pairs = parameters.items() if isinstance(parameters, (Mapping, ParameterDict)) else parameters
        for key, value in pairs:
            self[key] = value

    def extra_repr(self):
        return "\n".join(f"  ({key}): " + _describe(p, p.type() if isinstance(p, Tensor) else "")
                         for key, p in self.items())
