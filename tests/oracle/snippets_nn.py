"""Snippets about torch.nn: parameters, modules, layers, losses, and the seeds' models.

nn.Linear's random initial weights differ between PyTorch and minigrad (each has its own
generator), so every snippet that trains or prints values first sets the weights from numpy.
Snippets reach submodules as attributes (`torch.nn`, `torch.optim`) rather than with
`import torch.nn`, because the same code must run with `minigrad` bound to `torch`.
"""

import textwrap

from oracle.snippet import snippet

PRELUDE = """
nn = torch.nn
F = torch.nn.functional
optim = torch.optim
"""


def nn_snippet(name, code, *results, **options):
    """A snippet with `nn`, `F` and `optim` bound like `import torch.nn as nn` would."""
    return snippet(name, PRELUDE + textwrap.dedent(code), *results, **options)


PARAMETERS = [
    nn_snippet("parameter-repr", """
        p = nn.Parameter(torch.tensor([1., 2.]))
        print(p)
        print(repr(nn.Parameter(torch.tensor(0.5))))
        print(p.requires_grad, p.is_leaf, p.grad, type(p).__name__)
    """),
    nn_snippet("parameter-without-grad", """
        p = nn.Parameter(torch.tensor([1., 2.]), requires_grad=False)
        print(p, p.requires_grad)
    """),
    nn_snippet("parameter-2d-repr", "print(nn.Parameter(torch.ones(2, 3)))"),
    nn_snippet("parameter-arithmetic-gives-tensor", """
        p = nn.Parameter(torch.tensor([1., 2.]))
        y = p * 2
        print(type(y).__name__, y)
    """),
    nn_snippet("parameter-is-a-tensor", """
        p = nn.Parameter(torch.tensor([1.]))
        print(isinstance(p, torch.Tensor), isinstance(p, nn.Parameter))
    """),
]

MODULES = [
    nn_snippet("linear-repr-and-shapes", """
        layer = nn.Linear(1, 1)
        print(layer)
        print(nn.Linear(3, 2, bias=False))
        print(layer.weight.shape, layer.bias.shape, layer.in_features, layer.out_features)
        print(nn.Linear(4, 5).weight.shape)
    """),
    nn_snippet("init-constant-seed003", """
        model1 = nn.Linear(1, 1)
        w = torch.nn.init.constant_(model1.weight, 1.0)
        torch.nn.init.constant_(model1.bias, 0.0)
        print(w is model1.weight)
        print(model1.weight)
        print(model1.bias)
        print(model1.weight.requires_grad, model1.weight.is_leaf)
    """),
    nn_snippet("init-zeros-ones", """
        layer = nn.Linear(2, 2)
        nn.init.zeros_(layer.weight)
        nn.init.ones_(layer.bias)
        print(layer.weight, layer.bias, sep="\\n")
    """),
    nn_snippet("sequential-repr", """
        model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid())
        print(model)
        print(model[0], model[1], len(model))
    """),
    nn_snippet("activation-module-reprs", """
        print(nn.ReLU(), nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.LogSoftmax(dim=1))
        print(nn.Flatten(), nn.Dropout(p=0.5), nn.Embedding(10, 3))
        print(nn.MSELoss(), nn.CrossEntropyLoss(), nn.NLLLoss())
    """),
    nn_snippet("custom-module-repr", """
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.hidden = nn.Linear(2, 4)
                self.act = nn.Tanh()
                self.out = nn.Linear(4, 1)

            def forward(self, x):
                return self.out(self.act(self.hidden(x)))

        net = Net()
        print(net)
        print([name for name, _ in net.named_parameters()])
        print([tuple(p.shape) for p in net.parameters()])
        print([type(m).__name__ for m in net.children()])
        print([type(m).__name__ for m in net.modules()])
        print(list(net.state_dict().keys()))
    """),
    nn_snippet("module-zero-grad-sets-none", """
        layer = nn.Linear(2, 1)
        layer(torch.ones(3, 2)).sum().backward()
        print(layer.weight.grad is None)
        layer.zero_grad()
        print(layer.weight.grad, layer.bias.grad)
    """),
    nn_snippet("module-train-eval", """
        model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
        print(model.training, model[1].training)
        model.eval()
        print(model.training, model[1].training)
        x = torch.ones(1, 2)
        with torch.no_grad():
            model[0].weight.copy_(torch.tensor([[1., 2.], [3., 4.]]))
            model[0].bias.fill_(0.5)
        print(model(x))
        model.train()
        print(model.training)
    """),
    nn_snippet("module-load-state-dict", """
        a = nn.Linear(2, 2)
        b = nn.Linear(2, 2)
        with torch.no_grad():
            a.weight.copy_(torch.tensor([[1., 2.], [3., 4.]]))
            a.bias.copy_(torch.tensor([5., 6.]))
        b.load_state_dict(a.state_dict())
        print(b.weight, b.bias, sep="\\n")
        print(a.state_dict()["bias"])
    """),
    nn_snippet("module-requires-grad-false", """
        layer = nn.Linear(2, 1)
        layer.requires_grad_(False)
        print([p.requires_grad for p in layer.parameters()])
    """),
]

# Weights shared by the layer snippets: a 3 -> 2 Linear layer.
LINEAR_SETUP = """
layer = nn.Linear(3, 2)
with torch.no_grad():
    layer.weight.copy_(torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]))
    layer.bias.copy_(torch.tensor([0.01, -0.02]))
"""


def layer_snippet(name, code, *results, **options):
    """A snippet that starts with the fixed 3 -> 2 Linear layer `layer`."""
    return nn_snippet(name, LINEAR_SETUP + textwrap.dedent(code), *results, **options)


LAYERS = [
    layer_snippet("linear-forward-2d-addmm", """
        x = torch.tensor([[1., 2., 3.], [-1., 0., 1.]], requires_grad=True)
        y = layer(x)
        print(y)
        print([(f.name() if f else None) for f, _ in y.grad_fn.next_functions])
        y.sum().backward()
    """, "y", "x"),
    layer_snippet("linear-weight-and-bias-grads", """
        x = torch.tensor([[1., 2., 3.], [-1., 0., 1.]])
        (layer(x) ** 2).sum().backward()
        wg, bg = layer.weight.grad, layer.bias.grad
    """, "wg", "bg"),
    layer_snippet("linear-forward-1d", """
        y = layer(torch.tensor([1., 2., 3.]))
        print(y)
    """, "y"),
    layer_snippet("linear-forward-3d", """
        y = layer(torch.ones(2, 4, 3))
        print(y.shape, y.grad_fn.name())
    """, "y"),
    nn_snippet("linear-without-bias-grad-fn", """
        layer = nn.Linear(2, 2, bias=False)
        with torch.no_grad():
            layer.weight.copy_(torch.tensor([[1., 2.], [3., 4.]]))
        y = layer(torch.ones(3, 2))
        print(y, y.grad_fn.name())
    """),
    layer_snippet("linear-wrong-input-size-error", "layer(torch.ones(4, 5))"),
    nn_snippet("functional-linear", """
        w = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        b = torch.tensor([0.5, -0.5], requires_grad=True)
        y = F.linear(torch.tensor([[1., 1.]]), w, b)
        print(y)
    """),
    nn_snippet("activation-modules", """
        x = torch.tensor([[-1., 0.5, 2.]], requires_grad=True)
        for module in (nn.ReLU(), nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.LogSoftmax(dim=1)):
            y = module(x)
            print(y)
    """),
    nn_snippet("functional-activations", """
        x = torch.tensor([[-1., 0.5, 2.]], requires_grad=True)
        print(F.relu(x))
        print(F.softmax(x, dim=1))
        print(F.log_softmax(x, dim=1))
        print(torch.sigmoid(x))
    """),
    nn_snippet("flatten-module", """
        y = nn.Flatten()(torch.arange(12.).reshape(2, 3, 2))
        print(y.shape, y)
    """),
    nn_snippet("dropout-eval-is-identity", """
        drop = nn.Dropout(0.3)
        drop.eval()
        print(drop(torch.tensor([1., 2., 3.])))
    """),
    nn_snippet("embedding", """
        emb = nn.Embedding(4, 2)
        with torch.no_grad():
            emb.weight.copy_(torch.tensor([[0., 1.], [2., 3.], [4., 5.], [6., 7.]]))
        y = emb(torch.tensor([[1, 3], [1, 0]]))
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(emb.weight.grad)
    """),
    nn_snippet("sequential-forward", """
        model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
        with torch.no_grad():
            model[0].weight.copy_(torch.tensor([[1., -1.], [0.5, 2.]]))
            model[0].bias.copy_(torch.tensor([0., -1.]))
            model[2].weight.copy_(torch.tensor([[2., 3.]]))
            model[2].bias.copy_(torch.tensor([0.25]))
        y = model(torch.tensor([[1., 2.], [3., -1.]]))
        print(y)
        y.sum().backward()
        grads = [p.grad for p in model.parameters()]
    """, "y", "grads"),
]

# Loss inputs: fixed values, so that the gradients are recorded exactly.
_REGRESSION = """
pred = torch.tensor([[0.5, -1.0], [2.0, 0.25], [1.5, 3.0]], requires_grad=True)
target = torch.tensor([[1.0, -1.5], [0.0, 0.25], [2.0, 1.0]])
"""
_CLASSIFICATION = """
logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [2.0, 2.0, -2.0], [0.0, 0.5, 1.0]],
                      requires_grad=True)
labels = torch.tensor([1, 2, 0, 0])
"""
_BINARY = """
probs = torch.tensor([0.9, 0.2, 0.6, 0.01], requires_grad=True)
logit_scores = torch.tensor([2.0, -1.5, 0.3, -4.0], requires_grad=True)
labels01 = torch.tensor([1.0, 0.0, 0.0, 1.0])
"""


def _loss_snippets(name, setup, call, inputs):
    """Three snippets (one per reduction) recording the loss value, node name and input grads."""
    made = []
    for reduction in ("mean", "sum", "none"):
        code = (setup + f"loss = {call.format(reduction=reduction)}\n"
                "print(loss.grad_fn.name())\n"
                "loss.backward(torch.ones_like(loss))\n"
                f"grads = [{', '.join(f'{i}.grad' for i in inputs)}]\n")
        made.append(nn_snippet(f"{name}-{reduction}", code, "loss", "grads"))
    return made


LOSSES = [
    *_loss_snippets("mse-loss", _REGRESSION, "nn.MSELoss(reduction='{reduction}')(pred, target)",
                    ["pred"]),
    *_loss_snippets("l1-loss", _REGRESSION, "nn.L1Loss(reduction='{reduction}')(pred, target)",
                    ["pred"]),
    *_loss_snippets("nll-loss", _CLASSIFICATION,
                    "nn.NLLLoss(reduction='{reduction}')(F.log_softmax(logits, dim=1), labels)",
                    ["logits"]),
    *_loss_snippets("cross-entropy-loss", _CLASSIFICATION,
                    "nn.CrossEntropyLoss(reduction='{reduction}')(logits, labels)", ["logits"]),
    *_loss_snippets("bce-loss", _BINARY, "nn.BCELoss(reduction='{reduction}')(probs, labels01)",
                    ["probs"]),
    *_loss_snippets("bce-with-logits-loss", _BINARY,
                    "nn.BCEWithLogitsLoss(reduction='{reduction}')(logit_scores, labels01)",
                    ["logit_scores"]),
    nn_snippet("functional-losses", _REGRESSION + _CLASSIFICATION + _BINARY + textwrap.dedent("""
        values = [F.mse_loss(pred, target), F.l1_loss(pred, target),
                  F.nll_loss(F.log_softmax(logits, dim=1), labels),
                  F.cross_entropy(logits, labels), F.binary_cross_entropy(probs, labels01),
                  F.binary_cross_entropy_with_logits(logit_scores, labels01),
                  F.mse_loss(pred, target, reduction='sum')]
        print([v.grad_fn.name() for v in values])
    """), "values"),
    nn_snippet("cross-entropy-large-logits", """
        logits = torch.tensor([[1000., 0., -1000.], [-500., 500., 0.], [80., 90., 100.]],
                              requires_grad=True)
        loss = nn.CrossEntropyLoss()(logits, torch.tensor([0, 0, 2]))
        print(loss)
        loss.backward()
    """, "loss", "logits"),
    nn_snippet("bce-with-logits-large", """
        x = torch.tensor([100., -100., 50.], requires_grad=True)
        loss = F.binary_cross_entropy_with_logits(x, torch.tensor([0., 1., 1.]))
        print(loss)
        loss.backward()
    """, "loss", "x"),
    nn_snippet("bce-clamps-log-at-minus-100", """
        p = torch.tensor([0., 1.], requires_grad=True)
        loss = F.binary_cross_entropy(p, torch.tensor([1., 0.]))
        print(loss)
    """, "loss"),
    nn_snippet("mse-loss-module-grad-fn", """
        loss = nn.MSELoss()(torch.tensor([1., 2.], requires_grad=True), torch.tensor([0., 0.]))
        print(loss, loss.grad_fn.name())
    """),
    nn_snippet("nll-loss-batch-size-mismatch-error", """
        F.nll_loss(torch.zeros(2, 3), torch.tensor([0, 1, 2]))
    """),
    nn_snippet("cross-entropy-target-out-of-bounds-error", """
        F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 5]))
    """),
    nn_snippet("mse-loss-broadcast-shapes", """
        loss = F.mse_loss(torch.tensor([[1.], [2.], [3.]]), torch.tensor([1., 2., 4.]))
        print(loss)
    """),
    nn_snippet("mse-loss-incompatible-shapes-error", """
        F.mse_loss(torch.zeros(2, 3), torch.zeros(4))
    """),
    nn_snippet("bce-loss-input-out-of-range-error", """
        F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.]))
    """),
    nn_snippet("bce-loss-shape-mismatch-error", """
        F.binary_cross_entropy(torch.tensor([0.5, 0.5]), torch.tensor([[1.], [0.]]))
    """),
]

SEEDS = [
    nn_snippet("seed003-nn-linear-regression", """
        np.random.seed(0)
        x_np = np.random.uniform(0, 10, 50).astype(np.float32)
        y_np = (2 * x_np + np.random.normal(0, 2, 50)).astype(np.float32)
        x, y = torch.tensor(x_np), torch.tensor(y_np)

        model1 = nn.Linear(1, 1)
        torch.nn.init.constant_(model1.weight, 1.0)
        torch.nn.init.constant_(model1.bias, 0.0)
        criteria = nn.MSELoss()
        optimizer = torch.optim.SGD(model1.parameters(), lr=1.0e-4)
        losses = []
        for epoch in range(3000):
            p = model1(x.reshape(-1, 1))
            model1.zero_grad()
            loss = criteria(p, y.reshape(-1, 1))
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        print('loss   = ', loss.item())
        print('weight = ', model1.weight.item())
        print('bias   = ', model1.bias.item())
        print(p.grad_fn.name(), loss.grad_fn.name())
        final_weight, final_bias = model1.weight, model1.bias
        some_losses = losses[::250]
    """, "final_weight", "final_bias", "some_losses", printed_rtol=1e-5),
    nn_snippet("seed002-bag-of-words-nll", """
        train = [("the cat sat on the mat".split(), "ENGLISH"),
                 ("neko ga matto ni suwatta".split(), "JAPANESE"),
                 ("a dog ran in the park".split(), "ENGLISH"),
                 ("inu ga kouen de hashitta".split(), "JAPANESE"),
                 ("the bird sang".split(), "ENGLISH"),
                 ("tori ga utatta".split(), "JAPANESE")]
        test = [("the dog sat".split(), "ENGLISH"),
                ("neko ga hashitta".split(), "JAPANESE")]
        word_to_ix = {}
        for sentence, _ in train + test:
            for word in sentence:
                word_to_ix.setdefault(word, len(word_to_ix))
        label_to_ix = {"ENGLISH": 0, "JAPANESE": 1}
        VOCAB_SIZE, NUM_LABELS = len(word_to_ix), 2

        class BoWClassifier(nn.Module):
            def __init__(self, num_labels, vocab_size):
                super().__init__()
                self.linear = nn.Linear(vocab_size, num_labels)

            def forward(self, bow_vec):
                return F.log_softmax(self.linear(bow_vec), dim=1)

        def make_bow_vector(sentence):
            vec = torch.zeros(len(word_to_ix))
            for word in sentence:
                vec[word_to_ix[word]] += 1
            return vec.view(1, -1)

        def make_target(label):
            return torch.tensor([label_to_ix[label]])

        model = BoWClassifier(NUM_LABELS, VOCAB_SIZE)
        rng = np.random.RandomState(1)
        with torch.no_grad():
            model.linear.weight.copy_(torch.tensor(rng.uniform(-0.2, 0.2, (2, VOCAB_SIZE)).astype(np.float32)))
            model.linear.bias.copy_(torch.tensor(rng.uniform(-0.2, 0.2, 2).astype(np.float32)))
        print(model)
        with torch.no_grad():
            for sentence, label in test:
                print(model(make_bow_vector(sentence)))

        loss_function = nn.NLLLoss()
        optimizer = optim.SGD(model.parameters(), lr=0.1)
        for epoch in range(100):
            for sentence, label in train:
                model.zero_grad()
                bow_vec = make_bow_vector(sentence)
                target = make_target(label)
                log_probs = model(bow_vec)
                loss = loss_function(log_probs, target)
                loss.backward()
                optimizer.step()

        print(loss.grad_fn.name(), log_probs.grad_fn.name())
        with torch.no_grad():
            for sentence, label in test:
                print(model(make_bow_vector(sentence)))
            correct = sum(int(model(make_bow_vector(s)).argmax(dim=1).item() == label_to_ix[l])
                          for s, l in train + test)
        print(f"accuracy: {correct}/{len(train + test)}")
        weight, bias = model.linear.weight, model.linear.bias
    """, "weight", "bias"),
]

GROUPS = {
    "nn_parameters": PARAMETERS,
    "nn_modules": MODULES,
    "nn_layers": LAYERS,
    "nn_losses": LOSSES,
    "nn_seeds": SEEDS,
}
