"""Higher-order gradients (``autograd.grad(..., create_graph=True)``) match PyTorch.

For each op we check what a student sees after the first ``autograd.grad`` with
``create_graph=True``: the gradient's values, its ``grad_fn`` and the names of the nodes
below it; then the second (and for some ops third) derivative, value for value.

Every expected value and node name here was checked against PyTorch 2.13.
"""
import numpy as np
import pytest

import minigrad
from minigrad.autograd import gradgradcheck


def graph(node, depth=1):
    """A node's name with those of its next_functions, ``depth`` levels down:
    ``'MulBackward0(None, SgnBackward0(torch::autograd::AccumulateGrad))'``."""
    if node is None:
        return "None"
    if depth == 0:
        return node.name()
    below = [graph(child, depth - 1) for child, _ in node.next_functions]
    return node.name() + (f"({', '.join(below)})" if below else "")


def grads(f, values, order):
    """The first ``order`` derivatives of ``f(x).sum()`` at ``values``, each taken from the
    sum of the previous one (all with create_graph=True), as float64."""
    x = minigrad.tensor(values, dtype=minigrad.float64, requires_grad=True)
    result, y = [], f(x)
    for _ in range(order):
        (y,) = minigrad.autograd.grad(y.sum(), x, create_graph=True)
        result.append(y)
    return result


def squared_times_x(x, y):
    """y * y * x: the incoming gradient of y's backward then depends on x (it is 2 y x)."""
    return y * y * x


def same_floats(tensor, expected):
    """Bit-for-bit equal, including the sign of zeros (PyTorch prints -0. for -0.0)."""
    actual = tensor.detach().numpy()
    expected = np.array(expected, dtype=actual.dtype)
    return np.array_equal(actual, expected) and np.array_equal(np.signbit(actual),
                                                               np.signbit(expected))


# -- relu: its gradient is a node of its own, ThresholdBackwardBackward0 ---------------------

def test_relu_grad_of_grad_when_the_incoming_grad_is_a_constant():
    x = minigrad.tensor([-0.5, 1.25, 2.0], requires_grad=True)
    (g,) = minigrad.autograd.grad(x.relu().sum(), x, create_graph=True)
    assert repr(g) == "tensor([0., 1., 1.], grad_fn=<ThresholdBackwardBackward0>)"
    assert graph(g.grad_fn, 2) == (
        "ThresholdBackwardBackward0(None, ReluBackward0(torch::autograd::AccumulateGrad))")
    assert repr(minigrad.autograd.grad(g.sum(), x)) == "(tensor([0., 0., 0.]),)"


def test_relu_second_and_third_derivative_inside_a_product():
    # d/dx sum(relu(x)^2 x) = relu(x)^2 + 2 relu(x) x [x > 0]
    values = [-0.5, 0.0, 1.25, 2.0, 0.3]
    g, g2, g3 = grads(lambda x: squared_times_x(x, x.relu()), values, 3)
    assert graph(g.grad_fn) == "AddBackward0(MulBackward0, ThresholdBackwardBackward0)"
    assert same_floats(g, [0.0, 0.0, 4.6875, 12.0, 0.27])
    assert same_floats(g2, [0.0, 0.0, 7.5, 12.0, 1.7999999999999998])
    assert same_floats(g3, [0.0, 0.0, 6.0, 6.0, 6.0])


@pytest.mark.parametrize("create_graph", [False, True])
def test_relu_gradient_is_positive_zero_where_inactive(create_graph):
    # numpy-formula path (create_graph=False) and the op's own backward (True) agree
    x = minigrad.tensor([-1.0, 2.0, -3.0], requires_grad=True)
    (g,) = minigrad.autograd.grad((x.relu() * -1).sum(), x, create_graph=create_graph)
    assert str(g.detach()) == "tensor([ 0., -1.,  0.])"
