"""torch.set_printoptions, Tensor.stride / storage_offset / data_ptr / layout, and
Tensor.register_post_accumulate_grad_hook. Every expected text and number below was printed by
PyTorch 2.13 running the same code (with ``T`` = torch)."""
import math

import pytest

import minigrad as torch
from minigrad._tensor_str import PRINT_OPTS, get_printoptions, printoptions

from exact_errors import raises_exactly

DEFAULTS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


@pytest.fixture(autouse=True)
def default_printoptions():
    """Every test starts and ends with PyTorch's default options (other tests and the notebooks
    print with them)."""
    torch.set_printoptions(profile="default")
    yield
    torch.set_printoptions(profile="default")


# -- set_printoptions ------------------------------------------------------------------------
# (name, options, expression, repr) as PyTorch 2.13 printed them.
PRINTED = [
    ('precision=2', {'precision': 2}, 'T.tensor([1.12345, -22.5])',
     'tensor([  1.12, -22.50])'),
    ('precision=0', {'precision': 0}, 'T.tensor([1.5, 2.25, -0.75])',
     'tensor([ 2,  2, -1])'),
    ('precision=8 double', {'precision': 8}, 'T.tensor([1/3, 2.0], dtype=T.float64)',
     'tensor([0.33333333, 2.00000000], dtype=torch.float64)'),
    ('threshold ints', {'threshold': 5}, 'T.arange(10)',
     'tensor([0, 1, 2,  ..., 7, 8, 9])'),
    ('threshold 2-d', {'threshold': 5}, 'T.arange(64.).reshape(8, 8) / 7',
     'tensor([[0.0000, 0.1429, 0.2857,  ..., 0.7143, 0.8571, 1.0000],\n        [1.1429, 1.2857, 1.4286,  ..., 1.8571, 2.0000, 2.1429],\n        [2.2857, 2.4286, 2.5714,  ..., 3.0000, 3.1429, 3.2857],\n        ...,\n        [5.7143, 5.8571, 6.0000,  ..., 6.4286, 6.5714, 6.7143],\n        [6.8571, 7.0000, 7.1429,  ..., 7.5714, 7.7143, 7.8571],\n        [8.0000, 8.1429, 8.2857,  ..., 8.7143, 8.8571, 9.0000]])'),
    ('edgeitems', {'threshold': 5, 'edgeitems': 1}, 'T.arange(24.).reshape(2, 3, 4)',
     'tensor([[[ 0.,  ...,  3.],\n         ...,\n         [ 8.,  ..., 11.]],\n\n        [[12.,  ..., 15.],\n         ...,\n         [20.,  ..., 23.]]])'),
    ('edgeitems=0', {'threshold': 3, 'edgeitems': 0}, 'T.arange(12.).reshape(3, 4)',
     'tensor([...], size=(3, 4))'),
    ('linewidth', {'linewidth': 30}, 'T.arange(12.) / 4',
     'tensor([0.0000, 0.2500,\n        0.5000, 0.7500,\n        1.0000, 1.2500,\n        1.5000, 1.7500,\n        2.0000, 2.2500,\n        2.5000, 2.7500])'),
    ('linewidth suffix', {'linewidth': 40}, 'T.arange(6.).requires_grad_() * 2',
     'tensor([ 0.,  2.,  4.,  6.,  8., 10.],\n       grad_fn=<MulBackward0>)'),
    ('linewidth wide', {'linewidth': 200}, 'T.arange(30.)',
     'tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27., 28., 29.])'),
    ('sci True', {'sci_mode': True}, "T.tensor([1.5, -2.25, float('nan'), float('inf')])",
     'tensor([ 1.5000e+00, -2.2500e+00,         nan,         inf])'),
    ('sci True ints', {'sci_mode': True}, 'T.tensor([1., 2., 300.])',
     'tensor([1.0000e+00, 2.0000e+00, 3.0000e+02])'),
    ('sci True precision', {'sci_mode': True, 'precision': 2}, 'T.tensor(0.5)',
     'tensor(5.00e-01)'),
    ('sci False small', {'sci_mode': False}, 'T.tensor([1e-5, 1.0])',
     'tensor([0.0000, 1.0000])'),
    ('sci False big', {'sci_mode': False}, 'T.tensor([1e9, 1.0])',
     'tensor([1000000000.,          1.])'),
    ('sci False big ints', {'sci_mode': False, 'precision': 1}, 'T.tensor([123456.789, 0.5])',
     'tensor([123456.8,      0.5])'),
    ('sci True zeros', {'sci_mode': True}, 'T.zeros(2)',
     'tensor([0., 0.])'),
    ('sci True int dtype', {'sci_mode': True}, 'T.tensor([1, 20000])',
     'tensor([    1, 20000])'),
    ('profile short', {'profile': 'short'}, 'T.arange(2000.) / 3',
     'tensor([0.00e+00, 3.33e-01,  ..., 6.66e+02, 6.66e+02])'),
    ('profile short 2-d', {'profile': 'short'}, 'T.arange(1100.).reshape(11, 100)',
     'tensor([[0.00e+00, 1.00e+00,  ..., 9.80e+01, 9.90e+01],\n        [1.00e+02, 1.01e+02,  ..., 1.98e+02, 1.99e+02],\n        ...,\n        [9.00e+02, 9.01e+02,  ..., 9.98e+02, 9.99e+02],\n        [1.00e+03, 1.00e+03,  ..., 1.10e+03, 1.10e+03]])'),
    ('profile full', {'profile': 'full', 'linewidth': 120}, 'T.arange(1005) % 7',
     'tensor([0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,\n        2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3,\n        4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5,\n        6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0,\n        1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2,\n        3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4,\n        5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6,\n        0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,\n        2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3,\n        4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5,\n        6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0,\n        1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2,\n        3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4,\n        5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6,\n        0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,\n        2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3,\n        4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5,\n        6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0,\n        1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2,\n        3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4,\n        5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6,\n        0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,\n        2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3,\n        4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5,\n        6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0,\n        1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2,\n        3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4,\n        5, 6, 0, 1, 2, 3])'),
    ('profile short + precision', {'profile': 'short', 'precision': 3}, 'T.tensor([3.14159, 2.71828])',
     'tensor([3.142, 2.718])'),
]


@pytest.mark.parametrize("name, options, expression, expected", PRINTED,
                         ids=[case[0] for case in PRINTED])
def test_printoptions_print_as_pytorch(name, options, expression, expected):
    torch.set_printoptions(**options)
    assert repr(eval(expression, {"T": torch})) == expected


def test_the_docstring_example_and_profile_default_restores():
    torch.set_printoptions(precision=2)
    assert repr(torch.tensor([1.12345])) == "tensor([1.12])"
    torch.set_printoptions(threshold=5)
    assert repr(torch.arange(10)) == "tensor([0, 1, 2,  ..., 7, 8, 9])"
    torch.set_printoptions(profile="default")
    assert repr(torch.tensor([1.12345])) == "tensor([1.1235])"
    assert get_printoptions() == DEFAULTS


def test_profiles_set_four_options_and_the_others_override():
    torch.set_printoptions(profile="short")
    assert get_printoptions() == {**DEFAULTS, "precision": 2, "edgeitems": 2}
    torch.set_printoptions(profile="full", precision=6)
    assert get_printoptions() == {**DEFAULTS, "precision": 6, "threshold": math.inf}
    torch.set_printoptions(profile="no such profile")  # PyTorch ignores an unknown name
    assert get_printoptions() == {**DEFAULTS, "precision": 6, "threshold": math.inf}


def test_sci_mode_goes_back_to_none_on_every_call_without_it():
    torch.set_printoptions(sci_mode=True)
    assert repr(torch.tensor([1.5])) == "tensor([1.5000e+00])"
    torch.set_printoptions(precision=3)  # sci_mode=None: the values choose again
    assert PRINT_OPTS.sci_mode is None
    assert repr(torch.tensor([1.5])) == "tensor([1.500])"


def test_printoptions_context_manager_restores_the_previous_options():
    torch.set_printoptions(precision=2)
    with printoptions(precision=6, sci_mode=False):
        assert repr(torch.tensor([1 / 3])) == "tensor([0.333333])"
    assert get_printoptions() == {**DEFAULTS, "precision": 2}


def test_full_profile_never_summarises():
    torch.set_printoptions(profile="full")
    text = repr(torch.arange(5000))
    assert "..." not in text and text.endswith("4998, 4999])")


# -- stride, storage_offset, data_ptr, layout --------------------------------------------------
# (expression, stride(), storage_offset()) as PyTorch 2.13 gave them.
STRIDES = [
    ('T.arange(6.).reshape(2, 3)', (3, 1), 0),
    ('T.arange(6.).reshape(2, 3).t()', (1, 3), 0),
    ('T.arange(6.).reshape(2, 3)[:, 1:]', (3, 1), 1),
    ('T.arange(6.).reshape(2, 3)[:, 1]', (3,), 1),
    ('T.arange(6.).reshape(2, 3)[1]', (1,), 3),
    ('T.arange(12.).reshape(3, 4)[::2, 1::2]', (8, 2), 1),
    ('T.arange(6.).reshape(2, 3).t()[0:1]', (1, 3), 0),
    ('T.arange(6.).reshape(2, 3)[None]', (6, 3, 1), 0),
    ('T.arange(6.).reshape(2, 3)[:, None]', (3, 3, 1), 0),
    ('T.arange(6.).reshape(2, 3)[..., None]', (3, 1, 1), 0),
    ('T.arange(6.).reshape(2, 3).unsqueeze(0)', (6, 3, 1), 0),
    ('T.arange(3.).expand(4, 3)', (0, 1), 0),
    ('T.ones(3, 1).expand(3, 4)', (1, 0), 0),
    ('T.ones(3).expand(2, 1, 3)', (0, 3, 1), 0),
    ('T.tensor(5.)', (), 0),
    ('T.tensor(5.).expand(1, 3)', (0, 0), 0),
    ('T.zeros(0)', (1,), 0),
    ('T.zeros(2, 0, 3)', (3, 3, 1), 0),
    ('T.ones(2, 1, 3)', (3, 3, 1), 0),
    ('T.ones(2, 3, 4).permute(2, 0, 1)', (1, 12, 4), 0),
    ('T.ones(2, 3, 4).view(6, 4)', (4, 1), 0),
    ('T.ones(2, 3, 4)[..., 1:3]', (12, 4, 1), 1),
    ('T.ones(2, 6).chunk(2, 1)[1]', (6, 1), 3),
    ('T.ones(6, 2).unbind(0)[3]', (1,), 6),
    ('T.ones(4, 3).t().contiguous()', (4, 1), 0),
    ('T.ones(4, 3).t() + 1', (1, 3), 0),
    ('T.ones(4, 3).flip(0)', (3, 1), 0),
    ('T.ones(4, 3).sum(1, keepdim=True)', (1, 1), 0),
    ('T.ones(4, 3)[T.tensor([0, 2])]', (3, 1), 0),
    ('T.ones(2, 3, dtype=T.float64)[1:]', (3, 1), 3),
    ('T.ones(2, 3, dtype=T.int32).t()[1]', (3,), 1),
]


@pytest.mark.parametrize("expression, stride, offset", STRIDES, ids=[s[0] for s in STRIDES])
def test_stride_and_storage_offset_as_pytorch(expression, stride, offset):
    t = eval(expression, {"T": torch})
    assert t.stride() == stride
    assert t.storage_offset() == offset


def test_stride_of_one_dimension_and_its_errors():
    x = torch.arange(6.).reshape(2, 3)
    assert (x.stride(0), x.stride(-1), x.t().stride(1), x.stride(dim=1)) == (3, 1, 3, 1)
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of "
                                    "[-2, 1], but got 2)"):
        x.stride(2)
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of "
                                    "[-2, 1], but got -3)"):
        x.stride(-3)
    with raises_exactly(IndexError, "Dimension specified as -1 but tensor has no dimensions"):
        torch.tensor(1.).stride(-1)
    with raises_exactly(IndexError, "Dimension out of range (expected to be in range of "
                                    "[-1, 0], but got 1)"):
        torch.zeros(0).stride(1)


def test_data_ptr_is_the_address_of_the_first_element():
    x = torch.arange(6.).reshape(2, 3)
    assert isinstance(x.data_ptr(), int)
    assert x[1:].data_ptr() - x.data_ptr() == 12
    assert x.t().data_ptr() == x.data_ptr()
    assert x[1, 1:].data_ptr() == x.data_ptr() + x[1, 1:].storage_offset() * x.element_size()
    assert x.clone().data_ptr() != x.data_ptr()
    assert torch.zeros(0).data_ptr() == 0
    # detach() shares the memory, so a detached view keeps its offset
    assert x.detach()[1, 1:].storage_offset() == 4 and x[1:].detach().storage_offset() == 3


def test_layout_prints_as_torch_strided():
    x = torch.ones(2)
    assert repr(x.layout) == str(x.layout) == "torch.strided"
    assert type(x.layout).__name__ == "layout"
    assert x.layout is x.t().layout


# -- register_post_accumulate_grad_hook --------------------------------------------------------
def test_post_accumulate_hook_runs_after_grad_is_accumulated():
    x = torch.tensor([1., 2.], requires_grad=True)
    calls = []
    handle = x.register_post_accumulate_grad_hook(
        lambda t: calls.append(("post", t is x, t.grad.tolist())))
    x.register_hook(lambda g: calls.append(("hook", g.tolist())))
    (x * 3).sum().backward()
    (x * 3).sum().backward()
    # PyTorch 2.13: the tensor hook first, then the post-accumulate hook with the summed .grad
    assert calls == [("hook", [3., 3.]), ("post", True, [3., 3.]),
                     ("hook", [3., 3.]), ("post", True, [6., 6.])]
    handle.remove()
    handle.remove()  # removing twice is fine
    calls.clear()
    (x * 3).sum().backward()
    assert calls == [("hook", [3., 3.])]


def test_post_accumulate_hook_runs_once_per_backward_for_a_reused_leaf():
    z = torch.tensor(1., requires_grad=True)
    seen = []
    z.register_post_accumulate_grad_hook(lambda t: seen.append(t.grad.item()))
    (z * z + z).backward()
    assert seen == [3.0]


def test_post_accumulate_hook_not_called_by_autograd_grad_nor_for_leaves_left_out():
    a = torch.tensor(1., requires_grad=True)
    b = torch.tensor(2., requires_grad=True)
    seen = []
    a.register_post_accumulate_grad_hook(lambda t: seen.append("a"))
    torch.autograd.grad(a * b, a)
    (a * b).backward(inputs=[b])
    assert seen == []
    (a * b).backward(inputs=[a])
    assert seen == ["a"]


def test_optimizer_step_in_a_post_accumulate_hook():
    q = torch.tensor([1., 2.], requires_grad=True)

    def step(t):
        with torch.no_grad():
            t -= 0.1 * t.grad
        t.grad = None

    q.register_post_accumulate_grad_hook(step)
    (q * q).sum().backward()
    assert repr(q) == "tensor([0.8000, 1.6000], requires_grad=True)" and q.grad is None


def test_post_accumulate_hook_on_a_parameter_gets_the_parameter():
    p = torch.nn.Parameter(torch.ones(2))
    seen = []
    p.register_post_accumulate_grad_hook(lambda t: seen.append(type(t).__name__))
    (p * 2).sum().backward()
    assert seen == ["Parameter"]


def test_post_accumulate_hook_errors_as_pytorch():
    x = torch.tensor([1., 2.], requires_grad=True)
    with raises_exactly(RuntimeError,
                        "post accumulate grad hooks cannot be registered on non-leaf tensors"):
        (x * 2).register_post_accumulate_grad_hook(lambda t: None)
    for t in (torch.tensor([1.]), torch.tensor([1, 2]), (x * 2).detach()):
        with raises_exactly(RuntimeError,
                            "cannot register a hook on a tensor that doesn't require gradient"):
            t.register_post_accumulate_grad_hook(lambda t: None)


@pytest.mark.parametrize("returned, error, message", [
    (5, TypeError, "expected Variable, but hook returned 'int'"),
    ("s", TypeError, "expected Variable, but hook returned 'str'"),
    (torch.zeros(2), RuntimeError, "Tensor post accumulate grad hooks should return None."),
])
def test_post_accumulate_hook_must_return_none(returned, error, message):
    x = torch.tensor([1., 2.], requires_grad=True)
    x.register_post_accumulate_grad_hook(lambda t: returned)
    with raises_exactly(error, message):
        (x * 3).sum().backward()
    assert x.grad.tolist() == [3., 3.]  # accumulated before the hook ran
