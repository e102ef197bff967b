"""minigrad.viz: the structure of what is drawn (nodes, edges, labels, boxes), not pixels.

Expected values come from the seeds (seed 004's chain and its printed gradients, seed 000's
printed losses), from PyTorch's graph for the same code (checked with the oracle), or from a
plain training loop / a real ``backward()``.
"""
import random
from collections import Counter

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import minigrad  # noqa: E402
from minigrad.autograd import engine  # noqa: E402
from minigrad.viz import (BackwardStepper, LearningRateExplorer, draw_graph, plot_fit,  # noqa: E402
                          plot_losses)
from minigrad.viz.draw import box_size  # noqa: E402
from minigrad.viz.explorer import seed000_data, train_linear_regression  # noqa: E402
from minigrad.viz.graph import build_graph, node_lines, real_grad_text  # noqa: E402
from minigrad.viz.layout import (Box, layered_layout, longest_path_layers,  # noqa: E402
                                 overlapping_pairs)

ACC = "torch::autograd::AccumulateGrad"


def seed004_chain(x_requires_grad=False):
    """Seed 004: h1 = w1*x + b1 (= -4), y = w2*h1 + b2 (= -9), every intermediate named."""
    x = minigrad.tensor([3.], requires_grad=x_requires_grad)
    w1 = minigrad.tensor([2.], requires_grad=True)
    b1 = minigrad.tensor([-10.], requires_grad=True)
    w2 = minigrad.tensor([4.], requires_grad=True)
    b2 = minigrad.tensor([7.], requires_grad=True)
    m1 = w1 * x
    h1 = m1 + b1
    m2 = w2 * h1
    y = m2 + b2
    names = {"x": x, "w1": w1, "b1": b1, "w2": w2, "b2": b2, "m1": m1, "h1": h1, "m2": m2, "y": y}
    return y, names


def edges_by_name(graph):
    return Counter((graph.nodes[p].tensor_name, graph.nodes[c].tensor_name) for p, c in graph.edges)


def figure_texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def boxes_of(graph, show_values=True):
    lines = [node_lines(n, show_values, real_grad_text(n)) for n in graph.nodes]
    return layered_layout([box_size(node) for node in lines], graph.edges)


# -- graph: nodes, edges, labels ---------------------------------------------------------------

def test_seed004_chain_has_the_nodes_and_edges_of_the_expression():
    y, names = seed004_chain()
    graph = build_graph(y, names=names)
    assert Counter(graph.names()) == {"AddBackward0": 2, "MulBackward0": 2, ACC: 4}
    assert {n.tensor_name for n in graph.nodes if n.is_leaf} == {"w1", "b1", "w2", "b2"}
    assert graph.nodes[graph.roots[0]].tensor_name == "y"
    # gradients flow from each result to the operands it was computed from (x: no grad, no edge)
    assert edges_by_name(graph) == {("y", "m2"): 1, ("y", "b2"): 1, ("m2", "w2"): 1,
                                    ("m2", "h1"): 1, ("h1", "m1"): 1, ("h1", "b1"): 1,
                                    ("m1", "w1"): 1}
    kinds = {n.tensor_name: n.name for n in graph.nodes}
    assert kinds["y"] == kinds["h1"] == "AddBackward0" and kinds["m1"] == kinds["m2"] == "MulBackward0"


def test_seed004_with_x_requiring_grad_has_five_leaves():
    y, names = seed004_chain(x_requires_grad=True)  # exactly seed 004's In[7]
    graph = build_graph(y, names=names)
    assert Counter(graph.names())[ACC] == 5
    assert edges_by_name(graph)[("m1", "x")] == 1


def test_draw_graph_labels_show_names_values_and_seed004_grads():
    y, names = seed004_chain()
    y.backward()
    texts = figure_texts(draw_graph(y, names=names))
    assert Counter(texts)["AccumulateGrad"] == 4
    assert Counter(texts)["AddBackward0"] == 2 and Counter(texts)["MulBackward0"] == 2
    # seed 004 prints w1.grad, b1.grad, w2.grad, b2.grad = 12, 4, -4, 1; y = -9, h1 = -4
    for line in ["w1.grad = [12.]", "b1.grad = [4.]", "w2.grad = [-4.]", "b2.grad = [1.]",
                 "w1 = [2.]", "b1 = [-10.]", "y = [-9.]", "h1 = [-4.]"]:
        assert line in texts


def test_draw_graph_options_hide_values_and_grads():
    y, names = seed004_chain()
    texts = figure_texts(draw_graph(y, names=names, show_values=False, show_grads=False))
    assert "w1" in texts
    assert not any("=" in t for t in texts)


def test_draw_graph_into_given_axes_and_from_a_leaf():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    w = minigrad.tensor([2.], requires_grad=True)
    assert draw_graph(w * 3, ax=ax) is fig
    plt.close(fig)
    texts = figure_texts(draw_graph(w, names={"w": w}))
    assert texts == ["AccumulateGrad", "w = [2.]", "w.grad = None"]


def test_broadcasting_graph_reduces_to_shapes():
    x = minigrad.randn(4, 3, requires_grad=True)
    b = minigrad.tensor([1., 2., 3.], requires_grad=True)
    loss = ((x + b) ** 2).mean()
    graph = build_graph(loss, names={"x": x, "b": b})
    assert graph.names() == ["MeanBackward0", "PowBackward0", "AddBackward0", ACC, ACC]
    assert graph.edges == [(0, 1), (1, 2), (2, 3), (2, 4)]
    loss.backward()
    texts = figure_texts(draw_graph(loss, names={"x": x, "b": b}))
    assert "x = shape (4, 3)" in texts and "x.grad = shape (4, 3)" in texts
    assert "b = [1., 2., 3.]" in texts


def test_linear_and_loss_graph_matches_pytorch():
    # PyTorch: MseLossBackward0 -> AddmmBackward0 -> (AccumulateGrad bias, None, TBackward0 ->
    # AccumulateGrad weight); the input and target need no grad and are not drawn.
    minigrad.manual_seed(0)
    linear = minigrad.nn.Linear(3, 2)
    loss = minigrad.nn.functional.mse_loss(linear(minigrad.randn(5, 3)), minigrad.randn(5, 2))
    graph = build_graph(loss, names={"weight": linear.weight, "bias": linear.bias})
    assert graph.names() == ["MseLossBackward0", "AddmmBackward0", ACC, "TBackward0", ACC]
    assert [n.tensor_name for n in graph.nodes if n.is_leaf] == ["bias", "weight"]
    assert overlapping_pairs(boxes_of(graph)) == []


def test_a_leaf_used_twice_gives_two_edges():
    x = minigrad.tensor([3.], requires_grad=True)
    graph = build_graph(x * x + x, names={"x": x})
    assert graph.names() == ["AddBackward0", "MulBackward0", ACC]
    assert Counter(graph.edges) == {(0, 1): 1, (1, 2): 2, (0, 2): 1}


# -- layout --------------------------------------------------------------------------------------

def test_longest_path_layers_of_a_diamond_with_a_shortcut():
    # 0 -> 1 -> 2 -> 3 and a shortcut 0 -> 3: node 3 goes to the layer after 2
    assert longest_path_layers(4, [(0, 1), (1, 2), (2, 3), (0, 3)]) == [0, 1, 2, 3]


def test_seed004_layout_has_no_overlaps_and_arrows_go_right():
    y, names = seed004_chain()
    graph = build_graph(y, names=names)
    boxes = boxes_of(graph)
    assert overlapping_pairs(boxes) == []
    assert all(boxes[p].right < boxes[c].left for p, c in graph.edges)


def test_forty_node_graph_has_no_overlaps():
    ws = [minigrad.tensor([float(i)], requires_grad=True) for i in range(10)]
    x = minigrad.tensor([2.], requires_grad=True)
    total = ws[0] * x
    for w in ws[1:]:
        total = total + (w * x).tanh()
    graph = build_graph(total, names={f"w{i}": w for i, w in enumerate(ws)})
    assert 35 <= len(graph.nodes) <= 45
    assert overlapping_pairs(boxes_of(graph)) == []


def test_random_dags_of_random_boxes_never_overlap():
    rng = random.Random(0)
    for _ in range(20):
        n = 40
        edges = [(rng.randrange(c), c) for c in range(1, n) for _ in range(rng.randint(1, 2))]
        sizes = [(rng.uniform(0.5, 2.0), rng.uniform(0.2, 0.8)) for _ in range(n)]
        boxes = layered_layout(sizes, edges)
        assert overlapping_pairs(boxes) == []
        assert [(b.width, b.height) for b in boxes] == sizes


def test_overlap_check_can_fail():
    assert overlapping_pairs([Box(0, 0, 1, 1), Box(0.5, 0.5, 1, 1), Box(5, 5, 1, 1)]) == [(0, 1)]


# -- the backward stepper ----------------------------------------------------------------------

def engine_trace(run):
    """The nodes the real engine runs during ``run()``, in order."""
    seen = []
    observer = lambda node, grad_output, grad_inputs: seen.append(node)  # noqa: E731
    engine.observers.append(observer)
    try:
        run()
    finally:
        engine.observers.remove(observer)
    return seen


def test_stepper_follows_the_engine_and_ends_at_the_real_grads():
    y, names = seed004_chain()
    leaves = [names[k] for k in ("w1", "b1", "w2", "b2")]
    stepper = BackwardStepper(y, names=names)
    stepper.slider.value = stepper.slider.max
    assert all(leaf.grad is None for leaf in leaves)  # the replay wrote no .grad
    replayed = [stepper.grad_of(leaf) for leaf in leaves]

    trace = engine_trace(lambda: y.backward())
    assert [id(n) for n in stepper.visited_nodes()] == [id(n) for n in trace]
    for leaf, grad in zip(leaves, replayed):
        np.testing.assert_array_equal(grad, leaf.grad.numpy())
    np.testing.assert_array_equal(np.concatenate(replayed), [12., 4., -4., 1.])  # seed 004


def test_stepper_accumulates_a_reused_leaf_like_backward():
    x = minigrad.tensor([3.], requires_grad=True)
    y = x * x + x
    stepper = BackwardStepper(y, names={"x": x})
    stepper.slider.value = stepper.slider.max
    trace = engine_trace(lambda: y.backward())
    assert [id(n) for n in stepper.visited_nodes()] == [id(n) for n in trace]
    np.testing.assert_array_equal(stepper.grad_of(x), x.grad.numpy())  # 2x + 1 = 7


def test_stepper_controls_and_display():
    y, names = seed004_chain()
    stepper = BackwardStepper(y, names=names)
    assert stepper.position == 0 and stepper.current is None
    assert bytes(stepper.image.value).startswith(b"\x89PNG")
    stepper.step_button.click()
    assert stepper.current.node is y.grad_fn and "AddBackward0" in stepper.info.value
    np.testing.assert_array_equal(stepper.current.grad_output, [1.])
    first_image = stepper.image.value
    stepper.play.value = 3  # the Play widget drives the slider
    assert stepper.position == 3 and stepper.image.value != first_image
    assert stepper.grad_of(names["w1"]) is None  # not reached yet
    stepper.reset_button.click()
    assert stepper.position == 0
    stepper.slider.value = len(stepper.steps) - 1
    for _ in range(3):  # Step stops at the end
        stepper.step()
    assert stepper.position == len(stepper.steps)


def test_stepper_leaves_existing_and_retained_grads_untouched():
    y, names = seed004_chain()
    names["h1"].retain_grad()
    names["w1"].grad = minigrad.tensor([100.])
    BackwardStepper(y, names=names)
    assert names["h1"].grad is None
    np.testing.assert_array_equal(names["w1"].grad.numpy(), [100.])
    y.backward()  # the graph is still there
    np.testing.assert_array_equal(names["w1"].grad.numpy(), [112.])


# -- the learning-rate explorer and plots -------------------------------------------------------

def test_seed000_data_matches_the_article():
    x, y = seed000_data()
    np.testing.assert_allclose(y.numpy(), [0.7467, 2.3617, 7.1977, 12.5730, 14.8658, 16.6659,
                                           22.5292], atol=1e-4)
    assert x.dtype == minigrad.float32


def plain_training_loop(x, y, lr, epochs):
    """Seed 000's loop: update with detach().requires_grad_()."""
    w = minigrad.tensor([1.0], requires_grad=True)
    b = minigrad.tensor([0.0], requires_grad=True)
    for _ in range(epochs):
        loss = minigrad.mean((w * x + b - y) ** 2)
        loss.backward()
        w = (w - w.grad * lr).detach().requires_grad_()
        b = (b - b.grad * lr).detach().requires_grad_()
    return loss.item(), w.item(), b.item()


def test_explorer_loss_equals_a_plain_training_loop():
    x, y = seed000_data()
    explorer = LearningRateExplorer(lr=0.01, epochs=20)
    run = explorer.run
    assert (run.losses[-1], run.w, run.b) == plain_training_loop(x, y, 0.01, 20)
    # seed 000 prints "Epoch 10: loss=52.31643295288086" and "Epoch 20: loss=23.30514..."
    assert run.losses[9] == pytest.approx(52.31643295288086, rel=1e-6)
    assert run.losses[19] == pytest.approx(23.30514144897461, rel=1e-6)

    explorer.lr_slider.value = 0.05
    assert explorer.run.losses[-1] == plain_training_loop(x, y, 0.05, 20)[0]
    explorer.epochs_slider.value = 7
    assert len(explorer.run.losses) == 7
    assert explorer.run.losses[-1] == plain_training_loop(x, y, 0.05, 7)[0]


def test_explorer_shows_divergence_for_large_rates():
    explorer = LearningRateExplorer(lr=0.01, epochs=60)
    assert explorer.run.diverged_at is None and not explorer.run.growing
    explorer.lr_slider.value = 1.0
    assert explorer.run.diverged_at is not None and "diverged" in explorer.status.value
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert train_linear_regression(*seed000_data(), lr=0.35, epochs=30).growing


def test_plot_losses_and_plot_fit_are_labelled():
    fig = plot_losses([4.0, 2.0, 1.0])
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "loss")
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [4.0, 2.0, 1.0])

    x, y = seed000_data()
    fig = plot_fit(x, y, lambda t: 2 * t + 1)
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    line_x, line_y = ax.lines[0].get_data()
    np.testing.assert_allclose(line_y, 2 * line_x + 1, rtol=1e-6)
    assert (line_x[0], line_x[-1]) == pytest.approx((-1.5, 3.1))


def test_plot_fit_takes_a_linear_module_with_column_inputs():
    minigrad.manual_seed(0)
    linear = minigrad.nn.Linear(1, 1)
    x, y = seed000_data()
    fig = plot_fit(x.reshape(-1, 1), y.reshape(-1, 1), linear)
    line_x, line_y = fig.axes[0].lines[0].get_data()
    expected = line_x * linear.weight.item() + linear.bias.item()
    np.testing.assert_allclose(line_y, expected, rtol=1e-5, atol=1e-6)
