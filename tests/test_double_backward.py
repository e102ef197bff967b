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


# -- abs, sign, l1_loss: abs's gradient is grad * sgn(x), and sgn's gradient is zero ---------

def test_abs_first_derivative_graph_and_second_derivative():
    x = minigrad.tensor([-0.5, 0.0, 1.25, 2.0], requires_grad=True)
    (g,) = minigrad.autograd.grad(x.abs().sum(), x, create_graph=True)
    assert repr(g) == "tensor([-1.,  0.,  1.,  1.], grad_fn=<MulBackward0>)"
    assert graph(g.grad_fn, 2) == (
        "MulBackward0(None, SgnBackward0(torch::autograd::AccumulateGrad))")
    (g2,) = minigrad.autograd.grad(g.sum(), x, create_graph=True)
    assert repr(g2) == "tensor([0., 0., 0., 0.])"  # no grad_fn, as in PyTorch


def test_abs_second_and_third_derivative_inside_a_product():
    values = [-0.5, 0.0, 1.25, 2.0, 0.3]
    g, g2, g3 = grads(lambda x: squared_times_x(x, x.abs()), values, 3)
    assert graph(g.grad_fn) == "AddBackward0(MulBackward0, MulBackward0)"
    assert graph(g.grad_fn.next_functions[1][0]) == "MulBackward0(AddBackward0, SgnBackward0)"
    assert same_floats(g, [0.75, 0.0, 4.6875, 12.0, 0.27])
    assert same_floats(g2, [-3.0, 0.0, 7.5, 12.0, 1.7999999999999998])
    assert same_floats(g3, [6.0, 0.0, 6.0, 6.0, 6.0])


def test_l1_loss_grad_of_grad():
    y = minigrad.tensor([-0.5, 0.0, 1.25, 2.0], requires_grad=True)
    loss = minigrad.nn.functional.l1_loss(y, minigrad.zeros(4))
    (g,) = minigrad.autograd.grad(loss, y, create_graph=True)
    assert repr(g) == "tensor([-0.2500,  0.0000,  0.2500,  0.2500], grad_fn=<MulBackward0>)"
    assert repr(minigrad.autograd.grad(g.sum(), y)) == "(tensor([0., 0., 0., 0.]),)"


def test_sign_op_has_zero_gradient():
    sign = minigrad.ops.elementwise.Sign.apply
    y = minigrad.tensor([-0.5, 0.0, 1.25, 2.0], requires_grad=True)
    s = sign(y)
    assert repr(s) == "tensor([-1.,  0.,  1.,  1.], grad_fn=<SignBackward0>)"
    (g,) = minigrad.autograd.grad(s.sum(), y, create_graph=True)
    assert repr(g) == "tensor([0., 0., 0., 0.])"
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad and "
                                           "does not have a grad_fn"):
        minigrad.autograd.grad(g.sum(), y)


def test_tensor_sign_records_sign_backward():
    y = minigrad.tensor([-0.5, 2.0], requires_grad=True)
    assert repr(y.sign()) == "tensor([-1.,  1.], grad_fn=<SignBackward0>)"


# -- tanh, sigmoid: their backward is an op of its own (TanhBackwardBackward0...) ----------

X4 = [-0.5, 0.0, 1.25, 2.0]


def test_tanh_first_second_third_derivative():
    g, g2, g3 = grads(lambda x: x.tanh(), X4, 3)
    assert graph(g.grad_fn, 2) == (
        "TanhBackwardBackward0(None, TanhBackward0(torch::autograd::AccumulateGrad))")
    assert graph(g2.grad_fn, 2) == ("TanhBackwardBackward0(MulBackward0(None, MulBackward0), "
                                    "TanhBackward0(torch::autograd::AccumulateGrad))")
    assert same_floats(g, [0.7864477329659274, 1.0, 0.28041486618043265, 0.07065082485316443])
    assert same_floats(g2, [0.7268619813835873, -0.0, -0.4757426867634726,
                            -0.13621868742711296])
    assert same_floats(g3, [-0.5652092882597705, -2.0, 0.6498644816717909,
                            0.25265406509806265])


def test_sigmoid_first_second_third_derivative():
    g, g2, g3 = grads(lambda x: x.sigmoid(), X4, 3)
    assert graph(g.grad_fn, 2) == (
        "SigmoidBackwardBackward0(None, SigmoidBackward0(torch::autograd::AccumulateGrad))")
    assert graph(g2.grad_fn) == "SigmoidBackwardBackward0(MulBackward0, SigmoidBackward0)"
    assert same_floats(g, [0.2350037122015945, 0.25, 0.17310478699249707, 0.10499358540350662])
    assert same_floats(g2, [0.05755679485232075, 0.0, -0.09600386680338781,
                            -0.07996250105615312])
    assert same_floats(g3, [-0.0963567562895846, -0.125, -0.006686816685809614,
                            0.03885166754820599])


@pytest.mark.parametrize("op, node", [("tanh", "TanhBackwardBackward0"),
                                      ("sigmoid", "SigmoidBackwardBackward0")])
def test_tanh_sigmoid_backward_node_inside_a_product(op, node):
    values = [-0.5, 0.0, 1.25, 2.0, 0.3]
    g, g2 = grads(lambda x: squared_times_x(x, getattr(x, op)()), values, 2)
    assert graph(g.grad_fn) == f"AddBackward0(MulBackward0, {node})"
    assert graph(g2.grad_fn) == f"AddBackward0(MulBackward0, {node})"
    expected = {
        "tanh": ([0.5769832577258662, 0.0, 1.3142634922739083, 1.2017865500010614,
                  0.24481760163380709],
                 [-1.7363286068970598, 0.0, 0.13915477143720661, -0.23287075534189927,
                  1.4756555882332458]),
        "sigmoid": ([0.05381349792191405, 0.25, 0.94058089142705, 1.1457156654936953,
                     0.4142405538148098],
                    [0.2779370591275948, 0.5, 0.426570994944797, 0.13228383571060126,
                     0.5850204016771894]),
    }[op]
    assert same_floats(g, expected[0]) and same_floats(g2, expected[1])


@pytest.mark.parametrize("dtype, values, expected", [
    ("float32", [1.136, 1.635, -1.233, -0.958],
     [0.3389289081096649, 0.14109675586223602, 0.28859660029411316, 0.4473811089992523]),
    ("float64", [1.791, 0.918, 1.44, -1.685],
     [0.10533750475557659, 0.47444765028865005, 0.20130437239063265, 0.12856396715209764]),
])
def test_tanh_gradient_rounds_one_minus_z_squared_once_like_pytorch(dtype, values, expected):
    # plain numpy 1 - z*z rounds twice and is one ulp off for some of these values
    x = minigrad.tensor(values, dtype=getattr(minigrad, dtype), requires_grad=True)
    x.tanh().sum().backward()
    assert same_floats(x.grad, expected)


def test_sigmoid_forward_uses_pytorchs_formula():
    z = minigrad.tensor([-0.5, 3.1, -800.0, 800.0], dtype=minigrad.float64).sigmoid()
    assert same_floats(z, [0.3775406687981454, 0.9568927450589139, 0.0, 1.0])


@pytest.mark.parametrize("op", ["tanh", "sigmoid"])
def test_tanh_sigmoid_gradgradcheck(op):
    x = minigrad.tensor([-1.3, -0.2, 0.4, 2.1], dtype=minigrad.float64, requires_grad=True)
    assert gradgradcheck(lambda t: getattr(t, op)(), (x,))
    grad_out = minigrad.tensor([0.5, -2.0, 1.5, 0.25], dtype=minigrad.float64)
    assert gradgradcheck(lambda t: getattr(t, op)(), (x,), (grad_out,))


# -- softmax, log_softmax: their backward is an op of its own (...BackwardDataBackward0) ----

@pytest.mark.parametrize("name, node, expected", [
    ("softmax", "SoftmaxBackwardDataBackward0",
     [[-0.004896641968155192, 0.2312041252184315, -0.2263074832502763],
      [-0.12948434702226488, -0.0002650506855496246, 0.12974939770781452]]),
    ("log_softmax", "LogSoftmaxBackwardDataBackward0",
     [[0.04471099052363811, -0.04869248943009687, 0.00398149890645875],
      [0.0017010968305519961, 0.008720836561782882, -0.010421933392334876]]),
])
def test_softmax_second_derivative(name, node, expected):
    """Names, inputs and values checked against PyTorch 2.13 (float64)."""
    x = minigrad.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=minigrad.float64,
                        requires_grad=True)
    w = minigrad.tensor([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]], dtype=minigrad.float64)
    (g,) = minigrad.autograd.grad((getattr(x, name)(1) * w).sum(), x, create_graph=True)
    assert g.grad_fn.name() == node
    assert [n.name() if n else None for n, _ in g.grad_fn.next_functions] == [
        None, node.replace("DataBackward0", "0")]
    (g2,) = minigrad.autograd.grad((g * w).sum(), x)
    np.testing.assert_allclose(g2.numpy(), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("reduction, expected", [
    # d/d(gout) of sum(g^2), g = -w[t] * gout / total: 2 * 1.5 * w[t]^2 (/ 8^2 for 'mean')
    ("mean", 78 / 64), ("sum", 78.0), ("none", [3.0, 27.0, 48.0])])
def test_nll_loss_backward_is_a_node_of_its_own(reduction, expected):
    """PyTorch records nll_loss's backward as NllLossBackwardBackward0, with the incoming
    gradient and the input (whose derivative is zero) as its inputs."""
    x = minigrad.tensor(np.arange(12.0).reshape(3, 4) / 10, requires_grad=True)
    target = minigrad.tensor([0, 2, 3])
    weight = minigrad.tensor([1.0, 2.0, 3.0, 4.0], dtype=minigrad.float64)
    out = minigrad.nn.functional.nll_loss(x, target, weight=weight, reduction=reduction)
    upstream = minigrad.ones_like(out, requires_grad=True) * 1.5
    (g,) = minigrad.autograd.grad(out, x, upstream, create_graph=True)
    assert graph(g.grad_fn) == ("NllLossBackwardBackward0(MulBackward0, "
                                "torch::autograd::AccumulateGrad)")
    (gg,) = minigrad.autograd.grad((g * g).sum(), upstream)
    np.testing.assert_allclose(gg.numpy(), expected, rtol=1e-15)
    assert gradgradcheck(lambda x: minigrad.nn.functional.nll_loss(x, target, reduction=reduction),
                         (x,))


@pytest.mark.parametrize("create_graph", [False, True])
def test_nll_loss_gradient_is_positive_zero_off_the_targets(create_graph):
    """PyTorch writes the gradient only at each sample's target: elsewhere it is 0.0, even
    when the incoming gradient is negative (a product would give -0.0)."""
    x = minigrad.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], requires_grad=True)
    loss = -minigrad.nn.functional.nll_loss(x, minigrad.tensor([0, 2]))
    (g,) = minigrad.autograd.grad(loss, x, create_graph=create_graph)
    np.testing.assert_array_equal(g.detach().numpy(), [[0.5, 0, 0], [0, 0, 0.5]])
    assert not np.signbit(g.detach().numpy()).any()


@pytest.mark.parametrize("create_graph", [False, True])
def test_nll_loss_with_every_target_ignored_has_a_zero_gradient(create_graph):
    """The mean over no samples is nan (0 / 0), but the gradient is 0, as in PyTorch 2.13."""
    x = minigrad.tensor([[0.1, 0.2, 0.3]], requires_grad=True)
    loss = minigrad.nn.functional.cross_entropy(x, minigrad.tensor([-100]))
    (g,) = minigrad.autograd.grad(loss, x, create_graph=create_graph)
    assert np.isnan(loss.item())
    np.testing.assert_array_equal(g.detach().numpy(), [[0.0, 0.0, 0.0]])
