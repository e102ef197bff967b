"""nn.ParameterList and nn.ParameterDict: registration, indexing and reprs as PyTorch 2.13
printed them for the same code."""
import pytest

import minigrad as torch
from minigrad import nn


def test_parameter_list_registers_each_parameter_under_its_position():
    params = nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(3, 4))])
    assert [name for name, _ in params.named_parameters()] == ["0", "1"]
    params.append(torch.ones(1))  # a plain tensor becomes a Parameter
    assert type(params[-1]).__name__ == "Parameter" and params[-1].requires_grad
    assert len(params) == 3 and len(params[1:]) == 2 and params[2].shape == (1,)
    assert repr(params) == (
        "ParameterList(\n"
        "    (0): Parameter containing: [torch.float32 of size 2]\n"
        "    (1): Parameter containing: [torch.float32 of size 3x4]\n"
        "    (2): Parameter containing: [torch.float32 of size 1]\n"
        ")")
    with pytest.raises(IndexError, match="index 5 is out of range"):
        params[5]


def test_a_module_with_a_parameter_list_gives_its_parameters_to_the_optimizer():
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.ps = nn.ParameterList([nn.Parameter(torch.ones(2)) for _ in range(2)])

    model = Model()
    assert [name for name, _ in model.named_parameters()] == ["ps.0", "ps.1"]
    assert len(torch.optim.SGD(model.parameters(), lr=0.1).param_groups[0]["params"]) == 2
    assert repr(model) == (
        "Model(\n"
        "  (ps): ParameterList(\n"
        "      (0): Parameter containing: [torch.float32 of size 2]\n"
        "      (1): Parameter containing: [torch.float32 of size 2]\n"
        "  )\n"
        ")")
    one = nn.ParameterList([nn.Parameter(torch.ones(2, dtype=torch.float64))])
    assert repr(one) == "ParameterList(  (0): Parameter containing: [torch.float64 of size 2])"
    assert repr(nn.ParameterList()) == "ParameterList()"


def test_parameter_dict_registers_each_parameter_under_its_key():
    params = nn.ParameterDict({"a": nn.Parameter(torch.ones(2)), "b": nn.Parameter(torch.zeros(3))})
    assert repr(params) == (  # (PyTorch's ParameterDict names the legacy tensor type)
        "ParameterDict(\n"
        "    (a): Parameter containing: [torch.FloatTensor of size 2]\n"
        "    (b): Parameter containing: [torch.FloatTensor of size 3]\n"
        ")")
    params["c"] = nn.Parameter(torch.ones(1))
    assert list(params.state_dict().keys()) == ["a", "b", "c"] and "a" in params
    del params["a"]
    assert params.pop("b").shape == (3,) and list(params.keys()) == ["c"]
    with pytest.raises(AttributeError, match="'ParameterDict' object has no attribute 'zz'"):
        params["zz"]
