"""Containers: modules that hold other modules (torch.nn.Sequential, ModuleList)."""
from collections import OrderedDict

from .module import Module, _indent_continuation_lines


class Sequential(Module):
    """Run modules one after another, feeding each output to the next (torch.nn.Sequential).

    Example:
        >>> model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
        >>> model[0]
        Linear(in_features=2, out_features=8, bias=True)
    """

    def __init__(self, *modules):
        super().__init__()
        if len(modules) == 1 and isinstance(modules[0], OrderedDict):
            for name, module in modules[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(modules):
                self.add_module(str(index), module)

    def forward(self, input):
        for module in self._modules.values():
            input = module(input)
        return input

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Sequential(OrderedDict(list(self._modules.items())[index]))
        return list(self._modules.values())[index]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module):
        """Add ``module`` at the end; return self."""
        self.add_module(str(len(self)), module)
        return self


class ModuleList(Module):
    """A list of modules whose parameters are registered (torch.nn.ModuleList).

    A plain Python list would hide its modules from ``parameters()``; this one doesn't.
    """

    def __init__(self, modules=None):
        super().__init__()
        for module in modules or []:
            self.append(module)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ModuleList(list(self._modules.values())[index])
        return list(self._modules.values())[index]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module):
        """Add ``module`` at the end; return self."""
        self.add_module(str(len(self)), module)
        return self

    def __repr__(self):
        # Like PyTorch, a run of identical children prints once: "(0-2): 3 x Linear(...)".
        runs = []  # [first index, last index, repr]
        for i, module in enumerate(self):
            text = repr(module)
            if runs and runs[-1][2] == text:
                runs[-1][1] = i
            else:
                runs.append([i, i, text])
        if not runs:
            return f"{type(self).__name__}()"
        lines = [f"({first}): {text}" if first == last else f"({first}-{last}): {last - first + 1} x {text}"
                 for first, last, text in runs]
        return f"{type(self).__name__}(\n  " + "\n  ".join(map(_indent_continuation_lines, lines)) + "\n)"

    def extend(self, modules):
        """Append every module of ``modules``; return self."""
        for module in modules:
            self.append(module)
        return self
