"""Tensor itself: creation, dtypes and promotion, printing, the numpy bridge, indexing, errors.

Expected reprs, dtypes and error texts are PyTorch 2.13's (checked with the real library).
"""
import numpy as np
import pytest

import minigrad as torch

from exact_errors import raises_exactly


# -- creation and dtype inference ---------------------------------------------------------------

@pytest.mark.parametrize("data, dtype", [
    ([1.0, 2.0], torch.float32),
    ([1, 2], torch.int64),
    ([1, 2.5], torch.float32),
    ([True, False], torch.bool),
    (3.5, torch.float32),
    (7, torch.int64),
    (np.array([1.0, 2.0]), torch.float64),
    (np.array([1, 2], dtype=np.int32), torch.int32),
    (np.array([1.0], dtype=np.float32), torch.float32),
    ([[1, 2], [3, 4]], torch.int64),
])
def test_dtype_inferred_from_data(data, dtype):
    assert torch.tensor(data).dtype is dtype


def test_explicit_dtype_and_default():
    assert torch.tensor([1, 2], dtype=torch.float64).dtype is torch.float64
    assert torch.tensor([1.5], dtype=torch.half).dtype is torch.float16
    assert torch.get_default_dtype() is torch.float32
    assert repr(torch.float32) == "torch.float32" and torch.float is torch.float32
    assert torch.double is torch.float64 and torch.long is torch.int64


@pytest.mark.parametrize("make, shape, dtype", [
    (lambda: torch.zeros(2, 3), (2, 3), torch.float32),
    (lambda: torch.ones((4,)), (4,), torch.float32),
    (lambda: torch.full((2, 2), 7), (2, 2), torch.int64),
    (lambda: torch.full((2,), 0.5), (2,), torch.float32),
    (lambda: torch.arange(5), (5,), torch.int64),
    (lambda: torch.arange(0, 1, 0.25), (4,), torch.float32),
    (lambda: torch.linspace(0, 1, 5), (5,), torch.float32),
    (lambda: torch.eye(2, 3), (2, 3), torch.float32),
    (lambda: torch.rand(3, 2), (3, 2), torch.float32),
    (lambda: torch.randn(4, dtype=torch.float64), (4,), torch.float64),
    (lambda: torch.randint(0, 10, (3, 3)), (3, 3), torch.int64),
    (lambda: torch.zeros_like(torch.tensor([1, 2])), (2,), torch.int64),
    (lambda: torch.ones_like(torch.zeros(2, 1)), (2, 1), torch.float32),
    (lambda: torch.randn_like(torch.zeros(3, dtype=torch.float64)), (3,), torch.float64),
])
def test_factories_shape_and_dtype(make, shape, dtype):
    t = make()
    assert t.shape == shape and t.dtype is dtype


def test_factory_values():
    assert torch.arange(0, 1, 0.25).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert torch.linspace(-1, 1, 5).tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert torch.eye(2, 3).tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    assert torch.full((2,), 7).tolist() == [7, 7]
    r = torch.randint(3, 6, (200,))
    assert 3 <= r.min().item() and r.max().item() < 6
    u = torch.rand(200)
    assert 0 <= u.min().item() and u.max().item() < 1


def test_manual_seed_makes_random_numbers_repeat():
    torch.manual_seed(0)
    first = torch.randn(5).tolist(), torch.rand(3).tolist(), torch.randint(0, 100, (4,)).tolist()
    torch.manual_seed(0)
    again = torch.randn(5).tolist(), torch.rand(3).tolist(), torch.randint(0, 100, (4,)).tolist()
    assert first == again
    assert torch.randn(5).tolist() != first[0]


def test_factories_accept_requires_grad():
    assert torch.zeros(2, requires_grad=True).requires_grad
    assert torch.ones(2, 2, requires_grad=True).is_leaf


def test_only_floating_tensors_can_require_grad():
    with raises_exactly(RuntimeError,
                        "Only Tensors of floating point and complex dtype can require gradients"):
        torch.tensor([1, 2], requires_grad=True)
    with raises_exactly(RuntimeError, "only Tensors of floating point dtype can require gradients"):
        torch.tensor([1, 2]).requires_grad_()


# -- conversions and metadata ---------------------------------------------------------------------

def test_dtype_conversions():
    t = torch.tensor([1.7, -2.2])
    assert t.double().dtype is torch.float64
    assert t.long().tolist() == [1, -2] and t.long().dtype is torch.int64
    assert t.int().dtype is torch.int32
    assert t.to(torch.float16).dtype is torch.float16
    assert t.double().float().dtype is torch.float32
    assert t.type(torch.float64).dtype is torch.float64
    assert t.type() == "torch.FloatTensor"
    assert torch.tensor([1, 2]).type() == "torch.LongTensor"


def test_metadata_and_python_numbers():
    t = torch.zeros(2, 3)
    assert t.shape == (2, 3) and t.size() == (2, 3) and t.size(1) == 3 and t.size(-1) == 3
    assert repr(t.shape) == "torch.Size([2, 3])"
    assert t.dim() == 2 and t.numel() == 6 and len(t) == 2
    s = torch.tensor(2.5)
    assert s.item() == 2.5 and float(s) == 2.5 and int(s) == 2
    assert torch.tensor([[1, 2]]).tolist() == [[1, 2]]
    assert isinstance(torch.tensor([3]).item(), int)


def test_format_of_zero_dim_tensor_is_its_number():
    loss = torch.tensor(0.5062416791915894)
    assert f"{loss}" == "0.5062416791915894"
    assert f"{loss:.3f}" == "0.506"
    assert f"{torch.tensor([1.0, 2.0])}" == "tensor([1., 2.])"


def test_item_of_many_elements_raises():
    with raises_exactly(RuntimeError, "a Tensor with 2 elements cannot be converted to Scalar"):
        torch.tensor([1.0, 2.0]).item()


# -- type promotion ---------------------------------------------------------------------------------

@pytest.mark.parametrize("make, dtype", [
    (lambda: torch.tensor([1, 2]) + 2.5, torch.float32),
    (lambda: torch.tensor([1, 2]) * 2, torch.int64),
    (lambda: torch.tensor([1, 2]) / 2, torch.float32),
    (lambda: torch.tensor([1, 2]) / torch.tensor([2, 2]), torch.float32),
    (lambda: torch.tensor([1, 2], dtype=torch.int32) + 1, torch.int32),
    (lambda: torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([1, 2]), torch.int64),
    (lambda: torch.tensor([1, 2]) * torch.tensor([1.0, 2.0], dtype=torch.float64), torch.float64),
    (lambda: torch.tensor([1.0, 2.0]) + torch.tensor(1.0, dtype=torch.float64), torch.float32),
    (lambda: torch.tensor([1.0]) + torch.tensor([1.0], dtype=torch.float64), torch.float64),
    (lambda: torch.tensor([1.0], dtype=torch.float16) * 2.5, torch.float16),
    (lambda: torch.tensor([1.0], dtype=torch.float16) + torch.tensor([1.0]), torch.float32),
    (lambda: torch.tensor([1, 2]) + torch.tensor(1.5), torch.float32),
    (lambda: torch.tensor([True]) + 1, torch.int64),
    (lambda: 2 ** torch.tensor([1, 2]), torch.int64),
    (lambda: torch.tensor([1, 2]).sum(), torch.int64),
    (lambda: torch.tensor([1, 2]).exp(), torch.float32),
    (lambda: torch.tensor([1.0, 2.0]) > 1, torch.bool),
])
def test_type_promotion(make, dtype):
    assert make().dtype is dtype


# -- repr -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make, text", [
    (lambda: torch.tensor([1.0, 2.0, 3.0], requires_grad=True),
     "tensor([1., 2., 3.], requires_grad=True)"),
    (lambda: torch.tensor([1.0, 2.0, 3.0], requires_grad=True).sum(),
     "tensor(6., grad_fn=<SumBackward0>)"),
    (lambda: torch.tensor(3.5, requires_grad=True), "tensor(3.5000, requires_grad=True)"),
    (lambda: torch.tensor([-1.5, -1.0, -0.1, 0.9, 1.8, 2.2, 3.1]),
     "tensor([-1.5000, -1.0000, -0.1000,  0.9000,  1.8000,  2.2000,  3.1000])"),
    (lambda: torch.tensor([0.7467, 2.3617, 7.1977, 12.5730]),
     "tensor([ 0.7467,  2.3617,  7.1977, 12.5730])"),
    (lambda: torch.tensor([1, 2]), "tensor([1, 2])"),
    (lambda: torch.tensor([-1, 20]), "tensor([-1, 20])"),
    (lambda: torch.tensor([1.0, 2.0], dtype=torch.float64),
     "tensor([1., 2.], dtype=torch.float64)"),
    (lambda: torch.tensor([1, 2], dtype=torch.int32), "tensor([1, 2], dtype=torch.int32)"),
    (lambda: torch.tensor(2.0, dtype=torch.float16), "tensor(2., dtype=torch.float16)"),
    (lambda: torch.tensor([True, False]), "tensor([ True, False])"),
    (lambda: torch.tensor([[1.0, 2.5], [3.0, 4.0]]),
     "tensor([[1.0000, 2.5000],\n        [3.0000, 4.0000]])"),
    (lambda: torch.zeros(2, 2, 2),
     "tensor([[[0., 0.],\n         [0., 0.]],\n\n        [[0., 0.],\n         [0., 0.]]])"),
    (lambda: torch.tensor([100.0, 1.0]), "tensor([100.,   1.])"),
    (lambda: torch.tensor([1e-5, 1.0]), "tensor([1.0000e-05, 1.0000e+00])"),
    (lambda: torch.tensor([]), "tensor([])"),
    (lambda: torch.tensor(-0.0), "tensor(-0.)"),
    (lambda: torch.tensor([1.0, 2.0], requires_grad=True) * 2,
     "tensor([2., 4.], grad_fn=<MulBackward0>)"),
    (lambda: torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True) + 1,
     "tensor([2., 3.], dtype=torch.float64, grad_fn=<AddBackward0>)"),
])
def test_repr_like_pytorch(make, text):
    assert repr(make()) == text
    assert str(make()) == text


# -- numpy bridge -----------------------------------------------------------------------------------

def test_from_numpy_shares_memory_both_ways():
    array = np.array([1.0, 2.0])
    t = torch.from_numpy(array)
    assert t.dtype is torch.float64
    array[0] = 10.0
    assert t.tolist() == [10.0, 2.0]
    t.add_(1)
    assert array.tolist() == [11.0, 3.0]


def test_tensor_of_ndarray_copies():
    array = np.array([1.0, 2.0])
    t = torch.tensor(array)
    array[0] = 10.0
    assert t.tolist() == [1.0, 2.0]


def test_numpy_shares_memory_and_detach_shares_data():
    t = torch.tensor([1.0, 2.0])
    t.numpy()[1] = 5.0
    assert t.tolist() == [1.0, 5.0]
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    d = w.detach()
    assert not d.requires_grad and d.grad_fn is None
    d[0] = 9.0
    assert w.tolist() == [9.0, 2.0]


def test_clone_copies_and_keeps_the_graph():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    c = w.clone()
    assert c.grad_fn.name() == "CloneBackward0"
    with torch.no_grad():
        c[0] = 5.0
    assert w.tolist() == [1.0, 2.0]


# -- indexing ---------------------------------------------------------------------------------------

def test_getitem_matches_numpy():
    array = np.arange(24.0).reshape(2, 3, 4)
    t = torch.tensor(array)
    for key in [0, -1, (1, 2), (slice(None), 1), (Ellipsis, 2), (0, slice(1, None), None),
                (slice(None, None, 2),), ([0, 1, 1],), (slice(None), [2, 0])]:
        np.testing.assert_array_equal(t[key].numpy(), array[key])
    mask = array > 10
    np.testing.assert_array_equal(t[torch.tensor(mask)].numpy(), array[mask])
    np.testing.assert_array_equal(t[torch.tensor([1, 0])].numpy(), array[[1, 0]])


def test_getitem_gradient_adds_for_repeated_indices():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x[[0, 0, 2]].sum().backward()
    assert x.grad.tolist() == [2.0, 0.0, 1.0]
    assert x[0].grad_fn.name() == "SelectBackward0"
    assert x[1:].grad_fn.name() == "SliceBackward0"
    assert x[[0, 1]].grad_fn.name() == "IndexBackward0"


def test_index_out_of_range():
    with raises_exactly(IndexError, "index 5 is out of bounds for dimension 0 with size 3"):
        torch.tensor([1, 2, 3])[5]


def test_setitem_writes_in_place():
    t = torch.zeros(2, 3)
    t[0] = 1.0
    t[:, 2] = torch.tensor([7.0, 8.0])
    t[t == 0] = -1.0
    t[[1], [0]] = 4.0
    assert t.tolist() == [[1.0, 1.0, 7.0], [4.0, -1.0, 8.0]]
    assert t.dtype is torch.float32


def test_setitem_casts_to_the_tensor_dtype():
    t = torch.tensor([1, 2, 3])
    t[0] = 9.7
    assert t.tolist() == [9, 2, 3] and t.dtype is torch.int64


def test_setitem_on_a_non_leaf_is_recorded():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    v = torch.tensor(5.0, requires_grad=True)
    y = x * 2
    y[1] = v * 3
    assert y.grad_fn.name() == "torch::autograd::CopySlices"   # a C++ node in PyTorch
    assert repr(y.grad_fn).startswith("<CopySlices object at 0x")
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 0.0, 2.0]
    assert v.grad.item() == 3.0


# -- shape errors name both shapes ----------------------------------------------------------------

@pytest.mark.parametrize("make, exception, message", [
    (lambda: torch.ones(3) + torch.ones(4), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0"),
    (lambda: torch.ones(2, 3) * torch.ones(2, 2), RuntimeError,
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"),
    (lambda: torch.ones(2, 3) @ torch.ones(2, 3), RuntimeError,
     "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
    (lambda: torch.ones(2, 3).mm(torch.ones(4, 1)), RuntimeError,
     "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x1)"),
    (lambda: torch.ones(2, 3).view(4), RuntimeError, "shape '[4]' is invalid for input of size 6"),
    (lambda: torch.ones(2, 3).reshape(5, -1), RuntimeError,
     "shape '[5, -1]' is invalid for input of size 6"),
    (lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]), RuntimeError,
     "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for "
     "tensor number 1 in the list."),
    (lambda: torch.stack([torch.ones(2), torch.ones(3)]), RuntimeError,
     "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1"),
    (lambda: torch.ones(2, 3).expand(4, 3), RuntimeError,
     "The expanded size of the tensor (4) must match the existing size (2) at non-singleton "
     "dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]"),
    (lambda: torch.ones(2, 3).sum(2), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    (lambda: torch.ones(2, 3).transpose(0, -3), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got -3)"),
    (lambda: torch.tensor(1.0) @ torch.ones(2), RuntimeError,
     "both arguments to matmul need to be at least 1D, but they are 0D and 1D"),
])
def test_shape_errors(make, exception, message):
    with raises_exactly(exception, message):
        make()


def test_backward_gradient_of_wrong_shape():
    x = torch.ones(3, requires_grad=True)
    with raises_exactly(RuntimeError, "Mismatch in shape: grad_output[0] has a shape of "
                        "torch.Size([2]) and output[0] has a shape of torch.Size([3])."):
        (x * 2).backward(torch.ones(2))


@pytest.mark.parametrize("value", [torch.tensor(1.0), "float64", 3])
def test_set_default_dtype_rejects_what_is_not_a_dtype(value):
    # PyTorch 2.13's message, checked with the real library.
    with pytest.raises(TypeError, match="^invalid dtype object: only floating-point types are "
                                        "supported as the default type$"):
        torch.set_default_dtype(value)
    assert torch.get_default_dtype() is torch.float32


@pytest.mark.parametrize("make", [
    lambda x: x == 3, lambda x: x > 1, lambda x: x.sign(), lambda x: torch.isclose(x, x),
    lambda x: x * 2, lambda x: x.sum(), lambda x: x.exp(),
], ids=["eq", "gt", "sign", "isclose", "mul", "sum", "exp"])
def test_results_on_0d_tensors_are_0d_arrays(make):
    """numpy gives 0-d results as scalars (np.float32); tensors must hold arrays, so that
    ``.numpy()`` shares memory and in-place writes work, as in PyTorch."""
    result = make(torch.tensor(2.0))
    assert type(result.numpy()) is np.ndarray and result.numpy().shape == ()
    result.numpy()[...] = 0
    assert result.item() == 0


def test_contiguous_and_is_contiguous():
    x = torch.ones(2, 3, requires_grad=True)
    assert x.is_contiguous() and x.contiguous() is x
    y = x.t()
    assert not y.is_contiguous()
    z = y.contiguous()
    assert z.is_contiguous() and z.grad_fn.name() == "CloneBackward0"
    z.view(-1).sum().backward()
    assert x.grad.tolist() == [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]


@pytest.mark.parametrize("call, expected", [
    (lambda x: x.sum(axis=0), [3.0, 5.0, 7.0]),
    (lambda x: x.mean(axis=1, keepdims=True), [[1.0], [4.0]]),
    (lambda x: x.amax(axis=0), [3.0, 4.0, 5.0]),
    (lambda x: x.max(axis=1).values, [2.0, 5.0]),
    (lambda x: x.argmin(axis=1), [0, 0]),
    (lambda x: x.cumsum(axis=1), [[0.0, 1.0, 3.0], [3.0, 7.0, 12.0]]),
    (lambda x: x.prod(axis=0, keepdims=True), [[0.0, 4.0, 10.0]]),
], ids=["sum", "mean", "amax", "max", "argmin", "cumsum", "prod"])
def test_reductions_take_numpy_keyword_names(call, expected):
    """PyTorch's reductions accept numpy's axis= and keepdims= (values checked with 2.13)."""
    x = torch.arange(6.0).reshape(2, 3)
    assert call(x).tolist() == expected


@pytest.mark.parametrize("a, b, message", [
    ((3, 4), (3, 4), "1D tensors expected, but got 2D and 2D tensors"),
    ((3,), (3, 4), "1D tensors expected, but got 1D and 2D tensors"),
    ((3,), (4,), "inconsistent tensor size, expected tensor [3] and src [4] to have the same "
                 "number of elements, but got 3 and 4 elements respectively"),
])
def test_dot_errors(a, b, message):
    # PyTorch 2.13's messages, checked with the real library.
    with raises_exactly(RuntimeError, message):
        torch.ones(*a).dot(torch.ones(*b))


def test_any_all_take_a_tuple_of_dims_and_0d_dims():
    # Values checked against PyTorch 2.13.
    x = torch.tensor([[True, False], [True, True]])
    assert x.any((0, 1)).tolist() is True
    assert x.all(dim=(0, 1), keepdim=True).tolist() == [[False]]
    assert x.all(1).tolist() == [False, True]
    assert torch.tensor(True).any(0).tolist() is True


def test_a_tuple_where_one_dim_is_expected_is_a_clear_type_error():
    with raises_exactly(TypeError, "argument 'dim' must be int, not tuple"):
        torch.ones(2, 3).cumsum((0, 1))
