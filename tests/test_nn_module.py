"""nn.Parameter and nn.Module: registration, traversal, modes, state dicts, reprs.

Expected reprs and error messages were printed by PyTorch 2.13 (the oracle venv) for the same
code and pasted here.
"""
from collections import OrderedDict

import numpy as np
import pytest

import minigrad
from minigrad import nn


class TwoLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(3, 1)
        self.scale = nn.Parameter(minigrad.ones(1))

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale


def test_parameter_is_a_leaf_that_requires_grad_and_shares_data():
    data = minigrad.zeros(2)
    p = nn.Parameter(data)
    assert isinstance(p, minigrad.Tensor) and isinstance(p, nn.Parameter)
    assert p.requires_grad and p.is_leaf and p.grad_fn is None
    with minigrad.no_grad():
        p.add_(1.0)
    np.testing.assert_array_equal(data.numpy(), [1.0, 1.0])


def test_parameter_repr_matches_pytorch():
    assert repr(nn.Parameter(minigrad.tensor([0.0, 0.0]))) == (
        "Parameter containing:\ntensor([0., 0.], requires_grad=True)")
    assert repr(nn.Parameter(minigrad.tensor([0.0, 0.0]), requires_grad=False)) == (
        "Parameter containing:\ntensor([0., 0.])")


def test_results_of_ops_on_parameters_are_plain_tensors():
    p = nn.Parameter(minigrad.ones(2))
    out = p * 2
    assert type(out) is minigrad.Tensor
    assert type(p.detach()) is minigrad.Tensor


def test_setattr_registers_parameters_and_submodules_in_order():
    model = TwoLayer()
    names = [name for name, _ in model.named_parameters()]
    assert names == ["scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert [name for name, _ in model.named_children()] == ["fc1", "act", "fc2"]
    assert [name for name, _ in model.named_modules()] == ["", "fc1", "act", "fc2"]
    assert len(list(model.parameters())) == 5
    assert list(model.parameters(recurse=False)) == [model.scale]


def test_shared_parameter_is_listed_once():
    model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
    model[1].weight = model[0].weight
    assert len(list(model.parameters())) == 3


def test_plain_tensor_attribute_is_not_a_parameter():
    model = nn.Module()
    model.t = minigrad.ones(1, requires_grad=True)
    assert list(model.parameters()) == []


def test_assigning_a_tensor_over_a_parameter_is_an_error():
    with pytest.raises(TypeError) as info:
        nn.Linear(1, 1).weight = minigrad.ones(1, 1)
    assert str(info.value) == (
        "cannot assign 'torch.FloatTensor' as parameter 'weight' (torch.nn.Parameter or None expected)")


def test_parameter_before_init_is_an_error():
    class Broken(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(minigrad.zeros(1))

    with pytest.raises(AttributeError, match=r"cannot assign parameters before Module.__init__\(\) call"):
        Broken()


def test_missing_attribute_and_missing_forward_messages():
    with pytest.raises(AttributeError, match="^'Linear' object has no attribute 'foo'$"):
        nn.Linear(1, 1).foo
    with pytest.raises(NotImplementedError, match='Module \\[Module\\] is missing the required "forward" function'):
        nn.Module()(1)


def test_call_runs_forward():
    model = TwoLayer()
    x = minigrad.ones(4, 2)
    np.testing.assert_array_equal(model(x).detach().numpy(), model.forward(x).detach().numpy())


def test_train_eval_switch_every_module():
    model = TwoLayer()
    assert model.eval() is model
    assert not any(m.training for m in model.modules())
    model.train()
    assert all(m.training for m in model.modules())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        model.train("yes")


def test_zero_grad_sets_to_none_by_default_or_zeros():
    model = TwoLayer()
    model(minigrad.ones(4, 2)).sum().backward()
    assert all(p.grad is not None for p in model.parameters())
    model.zero_grad(set_to_none=False)
    assert all((p.grad.numpy() == 0).all() for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_requires_grad_freezes_parameters():
    model = TwoLayer()
    assert model.requires_grad_(False) is model
    assert not any(p.requires_grad for p in model.parameters())


def test_state_dict_round_trip():
    source, target = TwoLayer(), TwoLayer()
    state = source.state_dict()
    assert isinstance(state, OrderedDict)
    assert list(state) == ["scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert not any(t.requires_grad for t in state.values())
    assert repr(target.load_state_dict(state)) == "<All keys matched successfully>"
    for (name, a), b in zip(source.named_parameters(), target.parameters()):
        np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy(), err_msg=name)
    assert target.fc1.weight.requires_grad and target.fc1.weight.is_leaf


def test_load_state_dict_errors_match_pytorch():
    model = nn.Linear(2, 1)
    with pytest.raises(RuntimeError) as info:
        model.load_state_dict({"weight": minigrad.zeros(1, 1), "foo": minigrad.zeros(1)})
    assert str(info.value) == (
        'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". '
        '\n\tUnexpected key(s) in state_dict: "foo". \n\tsize mismatch for weight: copying a '
        "param with shape torch.Size([1, 1]) from checkpoint, the shape in current model is "
        "torch.Size([1, 2]).")
    result = model.load_state_dict({"weight": minigrad.zeros(1, 2)}, strict=False)
    assert repr(result) == "_IncompatibleKeys(missing_keys=['bias'], unexpected_keys=[])"


def test_module_reprs_match_pytorch():
    assert repr(nn.Linear(1, 1)) == "Linear(in_features=1, out_features=1, bias=True)"
    assert repr(nn.Linear(2, 3, bias=False)) == "Linear(in_features=2, out_features=3, bias=False)"
    assert repr(nn.Module()) == "Module()"
    assert repr(TwoLayer()) == (
        "TwoLayer(\n"
        "  (fc1): Linear(in_features=2, out_features=3, bias=True)\n"
        "  (act): ReLU()\n"
        "  (fc2): Linear(in_features=3, out_features=1, bias=True)\n"
        ")")
    model = nn.Sequential(
        nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 3), nn.Tanh()),
        nn.Softmax(dim=1), nn.LogSoftmax(dim=-1), nn.Flatten(), nn.Embedding(10, 3),
        nn.Dropout(), nn.Sigmoid(), nn.MSELoss(), nn.CrossEntropyLoss(), nn.NLLLoss(),
        nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.L1Loss(reduction="sum"))
    assert repr(model) == """Sequential(
  (0): Linear(in_features=2, out_features=3, bias=True)
  (1): ReLU()
  (2): Sequential(
    (0): Linear(in_features=3, out_features=3, bias=True)
    (1): Tanh()
  )
  (3): Softmax(dim=1)
  (4): LogSoftmax(dim=-1)
  (5): Flatten(start_dim=1, end_dim=-1)
  (6): Embedding(10, 3)
  (7): Dropout(p=0.5, inplace=False)
  (8): Sigmoid()
  (9): MSELoss()
  (10): CrossEntropyLoss()
  (11): NLLLoss()
  (12): BCELoss()
  (13): BCEWithLogitsLoss()
  (14): L1Loss()
)"""


def test_sequential_indexing_and_named_form():
    model = nn.Sequential(OrderedDict([("fc", nn.Linear(1, 1)), ("act", nn.ReLU())]))
    assert repr(model) == (
        "Sequential(\n  (fc): Linear(in_features=1, out_features=1, bias=True)\n  (act): ReLU()\n)")
    assert model[0] is model.fc and model[-1] is model.act and len(model) == 2
    assert isinstance(model[0:1], nn.Sequential) and len(model[0:1]) == 1


def test_module_list_registers_its_modules():
    layers = nn.ModuleList([nn.Linear(1, 1), nn.Linear(1, 1)])
    assert len(list(layers.parameters())) == 4
    assert repr(nn.ModuleList([nn.ReLU()])) == "ModuleList(\n  (0): ReLU()\n)"
