"""End-to-end training with nn + optim: seed 003's nn.Linear loop, seed 002's bag-of-words
classifier, and an MLP (64 -> 128 -> 10) learning two spirals."""
import numpy as np

import minigrad
import minigrad.nn.functional as F
from minigrad import nn, optim

# Seed 003's loop (nn.Linear(1, 1), init.constant_, MSELoss, SGD lr=1e-4) run for 300 epochs on
# the data of ``_seed_003_like_data``; PyTorch 2.13 printed (loss, weight, bias) =
SEED_003_LIKE_PYTORCH = (23.951231002807617, 2.030970335006714, 0.030844399705529213)


def _seed_003_like_data():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 50, 100).astype(np.float32)
    y = (2 * x + rng.normal(0, 5, 100)).astype(np.float32)
    return minigrad.tensor(x), minigrad.tensor(y)


def test_seed_003_linear_regression_with_nn_linear_matches_pytorch():
    x, y = _seed_003_like_data()
    model1 = nn.Linear(1, 1)
    nn.init.constant_(model1.weight, 1.0)
    nn.init.constant_(model1.bias, 0.0)
    criteria = nn.MSELoss()
    optimizer = optim.SGD(model1.parameters(), lr=1.0e-4)
    for _ in range(300):
        p = model1(x.reshape(-1, 1))
        model1.zero_grad()
        loss = criteria(p, y.reshape(-1, 1))
        loss.backward()
        optimizer.step()
    result = (loss.item(), model1.weight.item(), model1.bias.item())
    np.testing.assert_allclose(result, SEED_003_LIKE_PYTORCH, rtol=1e-5)


# Seed 002: PyTorch tutorial's bag-of-words logistic regression (Spanish vs English).
BOW_DATA = [("me gusta comer en la cafeteria".split(), "SPANISH"),
            ("Give it to me".split(), "ENGLISH"),
            ("No creo que sea una buena idea".split(), "SPANISH"),
            ("No it is not a good idea to get lost at sea".split(), "ENGLISH")]
LABEL_TO_IX = {"SPANISH": 0, "ENGLISH": 1}


class BoWClassifier(nn.Module):
    def __init__(self, num_labels, vocab_size):
        super().__init__()
        self.linear = nn.Linear(vocab_size, num_labels)

    def forward(self, bow_vec):
        return F.log_softmax(self.linear(bow_vec), dim=1)


def test_seed_002_bag_of_words_with_nll_loss_learns_its_toy_data():
    word_to_ix = {}
    for sentence, _ in BOW_DATA:
        for word in sentence:
            word_to_ix.setdefault(word, len(word_to_ix))

    def make_bow_vector(sentence):
        vec = minigrad.zeros(len(word_to_ix))
        for word in sentence:
            vec[word_to_ix[word]] += 1
        return vec.view(1, -1)

    def make_target(label):
        return minigrad.tensor([LABEL_TO_IX[label]])

    minigrad.manual_seed(1)
    model = BoWClassifier(2, len(word_to_ix))
    loss_function = nn.NLLLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    for _ in range(100):
        for sentence, label in BOW_DATA:
            model.zero_grad()
            log_probs = model(make_bow_vector(sentence))
            loss = loss_function(log_probs, make_target(label))
            assert loss.grad_fn.name() == "NllLossBackward0"
            loss.backward()
            optimizer.step()
    with minigrad.no_grad():
        predictions = [model(make_bow_vector(s)).argmax(1).item() for s, _ in BOW_DATA]
        final_losses = [loss_function(model(make_bow_vector(s)), make_target(l)).item() for s, l in BOW_DATA]
    assert predictions == [LABEL_TO_IX[label] for _, label in BOW_DATA]
    assert max(final_losses) < 0.2


def two_spirals(n_per_arm, rng):
    """Two interleaved spiral arms in 2-D, one per class (labels 0 and 1)."""
    angle = np.sqrt(rng.uniform(0.02, 1.0, n_per_arm)) * 3 * np.pi
    arm = np.stack([angle * np.cos(angle), angle * np.sin(angle)], 1) / (3 * np.pi)
    points = np.concatenate([arm, -arm]) + rng.normal(0, 0.01, (2 * n_per_arm, 2))
    return points, np.repeat([0, 1], n_per_arm)


def test_mlp_learns_two_spirals_above_95_percent():
    rng = np.random.default_rng(0)
    points, labels = two_spirals(150, rng)
    # 64 input features: the 2-D points seen through a fixed random linear map, so the
    # network still has to learn the spiral-shaped boundary itself.
    features = (points @ rng.normal(0, 1, (2, 64))).astype(np.float32)
    x, y = minigrad.tensor(features), minigrad.tensor(labels)

    minigrad.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    loss_fn = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=0.01)
    first_loss = None
    for _ in range(400):
        logits = model(x)
        loss = loss_fn(logits, y)
        first_loss = first_loss or loss.item()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if (logits.argmax(1) == y).float().mean().item() > 0.97:
            break
    model.eval()
    with minigrad.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    assert accuracy > 0.95
    assert loss.item() < first_loss / 3
