"""PyTorch parity of indexing, ``x[key] = value``, shape errors, torch.cat with empty tensors,
the ``.grad`` setter, requires_grad on integer tensors and ``numpy(force=True)``.

Expected values, node names and error texts were checked against PyTorch 2.13.
"""
import warnings

import numpy as np
import pytest

import minigrad as torch
from minigrad import nn

from exact_errors import raises_exactly


# -- x[key] = value: the node PyTorch records ----------------------------------------------------

@pytest.mark.parametrize("key, value, node, next_nodes", [
    # advanced keys: index_put_ on x itself
    ("[0, 2]", "5.", "IndexPutBackward0", ["MulBackward0", None]),
    ("torch.tensor([0, 2])", "5.", "IndexPutBackward0", ["MulBackward0", None]),
    ("x > 1", "5.", "IndexPutBackward0", ["MulBackward0", None]),
    ("[True, False, True]", "5.", "IndexPutBackward0", ["MulBackward0", None]),
    ("(slice(None), [0, 2])", "v2", "IndexPutBackward0", ["MulBackward0", "AccumulateGrad"]),
    ("(Ellipsis, [0, 2])", "v2", "IndexPutBackward0", ["MulBackward0", "AccumulateGrad"]),
    ("([0, 1], [1, 2])", "v2", "IndexPutBackward0", ["MulBackward0", "AccumulateGrad"]),
    # keys that take a view of x: the base records CopySlices
    ("slice(0, 2)", "5.", "torch::autograd::CopySlices", ["MulBackward0", None]),
    ("0", "5.", "torch::autograd::CopySlices", ["MulBackward0", None]),
    ("None", "5.", "torch::autograd::CopySlices", ["MulBackward0", None]),
    ("torch.tensor(1)", "5.", "torch::autograd::CopySlices", ["MulBackward0", None]),
    ("(0, [0, 2])", "v2", "torch::autograd::CopySlices", ["MulBackward0", "AccumulateGrad"]),
    ("(slice(1, None), [0, 2])", "v2", "torch::autograd::CopySlices",
     ["MulBackward0", "AccumulateGrad"]),
    # keys that pick all of x: fill_ or copy_ on x itself
    ("slice(None)", "5.", "FillBackward3", ["MulBackward0", None]),
    ("slice(0, 30)", "5.", "FillBackward3", ["MulBackward0", None]),
    ("(slice(0, 3), slice(None))", "5.", "FillBackward3", ["MulBackward0", None]),
    ("Ellipsis", "s", "FillBackward3", ["MulBackward0", "AccumulateGrad"]),
    ("slice(None)", "v4", "torch::autograd::CopyBackwards", ["MulBackward0", "ExpandBackward0"]),
    ("Ellipsis", "v34", "torch::autograd::CopyBackwards", ["MulBackward0", "AccumulateGrad"]),
])
def test_setitem_records_pytorchs_node(key, value, node, next_nodes):
    x = torch.ones(3, 4, requires_grad=True) * 2
    v2, v4 = torch.ones(2, requires_grad=True), torch.ones(4, requires_grad=True)
    v34, s = torch.ones(3, 4, requires_grad=True), torch.tensor(2., requires_grad=True)
    x[eval(key)] = eval(value)
    assert x.grad_fn.name() == node
    assert [type(n).__name__ if n else None for n, _ in x.grad_fn.next_functions] == next_nodes


@pytest.mark.parametrize("key, value, grad_w, grad_v", [
    ("[0, 2]", "5.", [[0, 0, 0, 0], [8, 10, 12, 14], [0, 0, 0, 0]], None),
    ("(slice(None), [0, 2])", "v2", [[0, 2, 0, 6], [0, 10, 0, 14], [0, 18, 0, 22]], [12, 18]),
    ("([[0, 0], [1, 1]], [0, 2])", "v2", [[0, 2, 0, 6], [0, 10, 0, 14], [16, 18, 20, 22]],
     [4, 8]),
    ("(0, [0, 2])", "v2", [[0, 2, 0, 6], [8, 10, 12, 14], [16, 18, 20, 22]], [0, 2]),
    ("slice(None)", "5.", [[0] * 4] * 3, None),
    ("slice(None)", "v4", [[0] * 4] * 3, [12, 15, 18, 21]),
    ("Ellipsis", "s", [[0] * 4] * 3, 66),
])
def test_setitem_gradients(key, value, grad_w, grad_v):
    w = torch.ones(3, 4, requires_grad=True)
    v2, v4 = torch.ones(2, requires_grad=True), torch.ones(4, requires_grad=True)
    s = torch.tensor(2., requires_grad=True)
    x = w * 2
    x[eval(key)] = eval(value)
    (x * torch.arange(12.).reshape(3, 4)).sum().backward()
    assert w.grad.tolist() == grad_w
    if grad_v is not None:
        assert eval(value).grad.tolist() == grad_v


def test_setitem_on_a_0d_tensor_copies():
    x = torch.tensor(3., requires_grad=True) * 1
    x[...] = 5.
    assert x.grad_fn.name() == "torch::autograd::CopyBackwards"


# -- reading x[key] --------------------------------------------------------------------------------

def test_a_list_of_lists_is_a_tuple_of_indices():
    x = torch.arange(12.).reshape(3, 4)
    with pytest.warns(UserWarning, match="Using a non-tuple sequence for multidimensional"):
        assert x[[[0, 1], [1, 2]]].tolist() == [1., 6.]
        assert x[[0, None]].tolist() == [[0., 1., 2., 3.]]
        assert x[[0, slice(None)]].tolist() == [0., 1., 2., 3.]
        assert x[[torch.tensor(0), 1]].item() == 1.
    assert x[np.array([[0, 1], [1, 2]])].shape == (2, 2, 4)  # an array is one index
    assert x[[1.0]].tolist() == [[4., 5., 6., 7.]]  # a list of numbers becomes a long tensor


def test_a_0d_integer_tensor_selects():
    x = torch.arange(12.).reshape(3, 4).requires_grad_()
    assert x[torch.tensor(1)].grad_fn.name() == "SelectBackward0"
    assert x[0, torch.tensor(1)].grad_fn.name() == "SelectBackward0"
    assert x[torch.tensor([1])].grad_fn.name() == "IndexBackward0"


NOT_AN_INDEX = ("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                "are valid indices (got {})")


@pytest.mark.parametrize("code, error, message", [
    ("x[1.0]", IndexError, NOT_AN_INDEX.format("float")),
    ("x[0, 1.0]", IndexError, NOT_AN_INDEX.format("float")),
    ("x[np.float64(1)]", IndexError, NOT_AN_INDEX.format("numpy.float64")),
    ("x[1 + 2j]", IndexError, NOT_AN_INDEX.format("complex")),
    ("x['a']", TypeError, "new(): invalid data type 'str'"),
    ("x[1.0] = 3", IndexError, NOT_AN_INDEX.format("float")),
    ("x[torch.tensor([1.0])]", IndexError,
     "tensors used as indices must be long, int, byte or bool tensors"),
    ("x[torch.tensor(1.)]", IndexError,
     "tensors used as indices must be long, int, byte or bool tensors"),
    ("x[torch.tensor([1.0])] = 2", IndexError,
     "tensors used as indices must be long, int, byte or bool tensors"),
    ("x[[True, False]]", IndexError, "The shape of the mask [2] at index 0 does not match the "
     "shape of the indexed tensor [3, 4] at index 0"),
    ("x[:, torch.tensor([True, False])]", IndexError, "The shape of the mask [2] at index 0 does "
     "not match the shape of the indexed tensor [3, 4] at index 1"),
    ("x[torch.tensor([True, False])] = 1.", IndexError, "The shape of the mask [2] at index 0 "
     "does not match the shape of the indexed tensor [3, 4] at index 0"),
    ("y[0, :, torch.tensor([True, False])]", IndexError, "The shape of the mask [2] at index 0 "
     "does not match the shape of the indexed tensor [3, 4] at index 1"),
    ("y[torch.ones(2, 2, dtype=torch.bool)]", IndexError, "The shape of the mask [2, 2] at index "
     "1 does not match the shape of the indexed tensor [2, 3, 4] at index 1"),
    ("y[None, torch.ones(3, dtype=torch.bool)]", IndexError, "The shape of the mask [3] at index "
     "0 does not match the shape of the indexed tensor [1, 2, 3, 4] at index 1"),
    ("y[..., torch.ones(3, dtype=torch.bool)]", IndexError, "The shape of the mask [3] at index "
     "0 does not match the shape of the indexed tensor [2, 3, 4] at index 2"),
    ("y[[0, 1], torch.ones(4, dtype=torch.bool)]", IndexError, "The shape of the mask [4] at "
     "index 0 does not match the shape of the indexed tensor [2, 3, 4] at index 1"),
])
def test_bad_indices_raise_pytorchs_errors(code, error, message):
    x = torch.arange(12.).reshape(3, 4)
    y = torch.arange(24.).reshape(2, 3, 4)
    with raises_exactly(error, message):
        exec(code)


def test_a_byte_tensor_is_a_mask():
    x = torch.arange(12.).reshape(3, 4)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert x[torch.tensor([1, 0, 1], dtype=torch.uint8)].tolist() == [
            [0., 1., 2., 3.], [8., 9., 10., 11.]]


# -- the .grad setter, requires_grad, numpy(force=True) ------------------------------------------

GRAD_DTYPE = ("attempting to assign a gradient with dtype '{}' to a tensor with grad_dtype '{}'. "
              "The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). "
              "You can set the tensor's grad_dtype attribute with a specific dtype, or None to "
              "allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and "
              "its gradient may break downstream systems that assume they match.")


@pytest.mark.parametrize("code, error, message", [
    ("torch.zeros(2, requires_grad=True).grad = torch.zeros(1)", RuntimeError,
     "attempting to assign a gradient of size '[1]' to a tensor of size '[2]'. Please ensure "
     "that the gradient and the tensor are the same size"),
    ("(torch.zeros(2, 3) * 1).grad = torch.zeros(3, 2)", RuntimeError,
     "attempting to assign a gradient of size '[3, 2]' to a tensor of size '[2, 3]'. Please "
     "ensure that the gradient and the tensor are the same size"),
    ("torch.zeros(2, requires_grad=True).grad = torch.zeros(2, dtype=torch.int64)", RuntimeError,
     GRAD_DTYPE.format("long int", "Float")),
    ("torch.zeros(2).grad = torch.zeros(1, dtype=torch.int32)", RuntimeError,
     GRAD_DTYPE.format("int", "Float")),  # the dtype is checked first
    ("torch.zeros(2, dtype=torch.float64).grad = torch.zeros(2)", RuntimeError,
     GRAD_DTYPE.format("float", "Double")),
    ("torch.zeros(2, dtype=torch.int64).grad = torch.zeros(2, dtype=torch.float16)", RuntimeError,
     GRAD_DTYPE.format("c10::Half", "Long")),
    ("torch.zeros(2, dtype=torch.uint8).grad = torch.zeros(2, dtype=torch.bool)", RuntimeError,
     GRAD_DTYPE.format("bool", "Byte")),
    ("torch.zeros(2, requires_grad=True).grad = 3", TypeError,
     "assigned grad expected to be a Tensor or None but got grad of type int"),
])
def test_grad_setter_errors(code, error, message):
    with raises_exactly(error, message):
        exec(code)


def test_grad_setter_accepts_a_matching_gradient():
    t = torch.zeros(2, dtype=torch.int64)
    t.grad = torch.ones(2, dtype=torch.int64)
    assert t.grad.tolist() == [1, 1]
    t.grad = None
    assert t.grad is None


def test_integer_tensors_cannot_require_grad():
    with raises_exactly(RuntimeError,
                        "Only Tensors of floating point and complex dtype can require gradients"):
        nn.Parameter(torch.tensor([1, 2]))
    with raises_exactly(RuntimeError,
                        "only Tensors of floating point and complex dtype can require gradients"):
        torch.tensor([1, 2]).requires_grad = True
    with raises_exactly(RuntimeError, "only Tensors of floating point dtype can require gradients"):
        torch.tensor([1, 2]).requires_grad_()
    assert repr(nn.Parameter(torch.tensor([1, 2]), requires_grad=False)) == (
        "Parameter containing:\ntensor([1, 2])")


def test_numpy_force_shares_memory_even_with_requires_grad():
    t = torch.ones(2, requires_grad=True)
    a = t.numpy(force=True)
    assert isinstance(a, np.ndarray) and a.tolist() == [1., 1.]
    a[0] = 5.
    assert t.tolist() == [5., 1.]
    assert (t * 2).numpy(force=True).tolist() == [10., 2.]


# -- shape errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("code, message", [
    ("x.view(-1, -1)", "only one dimension can be inferred"),
    ("x.reshape(-1, -1, 12)", "only one dimension can be inferred"),
    ("x.view(-1, -2)", "invalid shape dimension -2 at index 1 of shape [-1, -2]"),
    ("x.reshape(-3, -4)", "invalid shape dimension -3 at index 0 of shape [-3, -4]"),
    ("torch.zeros(0).view(-1, 0)", "cannot reshape tensor of 0 elements into shape [-1, 0] "
     "because the unspecified dimension size -1 can be any value and is ambiguous"),
    ("x.expand(4, 3)", "The expanded size of the tensor (3) must match the existing size (4) at "
     "non-singleton dimension 1.  Target sizes: [4, 3].  Tensor sizes: [3, 4]"),
    ("x.expand(3)", "expand(torch.FloatTensor{[3, 4]}, size=[3]): the number of sizes provided "
     "(1) must be greater or equal to the number of dimensions in the tensor (2)"),
    ("x.long().expand(4)", "expand(torch.LongTensor{[3, 4]}, size=[4]): the number of sizes "
     "provided (1) must be greater or equal to the number of dimensions in the tensor (2)"),
    ("x.expand(-1, 3, 4)", "The expanded size of the tensor (-1) isn't allowed in a leading, "
     "non-existing dimension 0"),
    ("x.expand(-1, 4, 4)", "The expanded size of the tensor (4) must match the existing size (3) "
     "at non-singleton dimension 1.  Target sizes: [-1, 4, 4].  Tensor sizes: [3, 4]"),
    ("x.permute(0, 0)", "permute(): duplicate dims are not allowed."),
    ("x.permute(0, -2)", "permute(): duplicate dims are not allowed."),
    ("y = x * 1; y[0:2] = torch.ones(3)", "The expanded size of the tensor (4) must match the "
     "existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]"),
    ("y = x * 1; y[[0, 1]] = torch.ones(3)", "shape mismatch: value tensor of shape [3] cannot "
     "be broadcast to indexing result of shape [2, 4]"),
])
def test_shape_errors(code, message):
    x = torch.arange(12.).reshape(3, 4)
    with raises_exactly(RuntimeError, message):
        exec(code)


def test_expand_with_minus_one_keeps_the_size():
    x = torch.arange(12.).reshape(3, 4)
    assert x.expand(2, -1, 4).shape == (2, 3, 4)


# -- torch.cat ----------------------------------------------------------------------------------

def test_cat_skips_empty_1d_tensors():
    x = torch.arange(12.).reshape(3, 4)
    assert torch.cat([x, torch.zeros(0)]).tolist() == x.tolist()
    assert torch.cat([torch.zeros(0), x], dim=1).tolist() == x.tolist()
    assert torch.cat([torch.zeros(0), torch.zeros(0)], dim=1).shape == (0,)
    assert torch.cat([torch.zeros(0, 2), torch.zeros(0)], dim=1).shape == (0, 2)


def test_cat_promotes_dtypes_like_pytorch():
    x = torch.arange(12.).reshape(3, 4)
    assert torch.cat([x, torch.zeros(0, dtype=torch.float64)]).dtype == torch.float64
    assert torch.cat([x.long(), torch.zeros(0)]).dtype == torch.float32
    assert torch.cat([x.long(), torch.zeros(3, 4)]).dtype == torch.float32  # numpy: float64
    assert torch.cat([x.int(), torch.zeros(3, 4, dtype=torch.int64)]).dtype == torch.int64


def test_cat_gradients_with_empty_and_mixed_dtypes():
    a = torch.ones(2, 2, requires_grad=True)
    e = torch.zeros(0, requires_grad=True)
    y = torch.cat([a, e], dim=1)
    assert y.grad_fn.name() == "CatBackward0"
    assert [type(n).__name__ for n, _ in y.grad_fn.next_functions] == ["AccumulateGrad"] * 2
    (y * 3).sum().backward()
    assert a.grad.tolist() == [[3., 3.], [3., 3.]] and e.grad.shape == (0,)
    a = torch.ones(2, requires_grad=True)
    b = torch.ones(2, dtype=torch.float64, requires_grad=True)
    y = torch.cat([a, b])
    y.sum().backward()
    assert y.dtype == torch.float64
    assert a.grad.dtype == torch.float32 and b.grad.dtype == torch.float64


@pytest.mark.parametrize("code, error, message", [
    ("torch.cat([])", ValueError, "torch.cat(): expected a non-empty list of Tensors"),
    ("torch.cat([x, x[0]])", RuntimeError, "Tensors must have same number of dimensions: got 2 "
     "and 1"),
    ("torch.cat([x, torch.zeros(2, 2, 4)])", RuntimeError, "Tensors must have same number of "
     "dimensions: got 2 and 3"),
    ("torch.cat([torch.zeros(0), x, torch.zeros(2, 3)])", RuntimeError, "Sizes of tensors must "
     "match except in dimension 0. Expected size 4 but got size 3 for tensor number 2 in the "
     "list."),
    ("torch.cat([torch.zeros(0), x], dim=5)", IndexError, "Dimension out of range (expected to "
     "be in range of [-2, 1], but got 5)"),
])
def test_cat_errors(code, error, message):
    x = torch.arange(12.).reshape(3, 4)
    with raises_exactly(error, message):
        exec(code)


# -- numpy's axis= for dim= ----------------------------------------------------------------------

@pytest.mark.parametrize("code, shape", [
    ("x.squeeze(axis=0)", [3, 4]),
    ("x.unsqueeze(axis=0)", [1, 3, 4]),
    ("x.select(axis=0, index=1)", [4]),
    ("x.narrow(axis=0, start=0, length=1)", [1, 4]),
    ("x.chunk(2, axis=0)[0]", [2, 4]),
    ("x.unbind(axis=0)[0]", [4]),
    ("x.gather(axis=0, index=torch.zeros(1, 4, dtype=torch.long))", [1, 4]),
    ("x.scatter(axis=0, index=torch.zeros(1, 4, dtype=torch.long), value=1.)", [3, 4]),
    ("x.index_select(axis=0, index=torch.tensor([0]))", [1, 4]),
    ("torch.cat([x, x], axis=0)", [6, 4]),
])
def test_axis_is_an_alias_of_dim(code, shape):
    x = torch.arange(12.).reshape(3, 4)
    assert list(eval(code).shape) == shape
    assert x.size(axis=1) == 4
