"""utils.data: TensorDataset, DataLoader batching, shuffling with a generator, drop_last."""
import numpy as np
import pytest

import minigrad
from minigrad.utils.data import DataLoader, Dataset, TensorDataset


def _dataset(n=10):
    x = minigrad.arange(n * 2, dtype=minigrad.float32).reshape(n, 2)
    y = minigrad.arange(n)
    return TensorDataset(x, y)


def test_tensor_dataset_indexes_every_tensor():
    ds = _dataset()
    assert len(ds) == 10
    x0, y0 = ds[3]
    np.testing.assert_array_equal(x0.numpy(), [6.0, 7.0])
    assert y0.item() == 3
    with pytest.raises(AssertionError, match="Size mismatch between tensors"):
        TensorDataset(minigrad.zeros(3), minigrad.zeros(4))


def test_loader_yields_stacked_batches_in_order():
    loader = DataLoader(_dataset(), batch_size=4)
    batches = list(loader)
    assert len(loader) == 3 and len(batches) == 3
    xb, yb = batches[0]
    assert tuple(xb.shape) == (4, 2) and xb.dtype == minigrad.float32
    assert yb.tolist() == [0, 1, 2, 3] and yb.dtype == minigrad.int64
    assert batches[-1][1].tolist() == [8, 9]  # the last batch is smaller...
    dropped = DataLoader(_dataset(), batch_size=4, drop_last=True)
    assert len(dropped) == 2 and [b[1].tolist() for b in dropped] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_shuffle_visits_every_sample_once_per_epoch_in_a_new_order():
    loader = DataLoader(_dataset(), batch_size=3, shuffle=True, generator=minigrad.Generator().manual_seed(0))
    first = [i for _, yb in loader for i in yb.tolist()]
    second = [i for _, yb in loader for i in yb.tolist()]
    assert sorted(first) == sorted(second) == list(range(10))
    assert first != second
    again = DataLoader(_dataset(), batch_size=3, shuffle=True, generator=minigrad.Generator().manual_seed(0))
    assert [i for _, yb in again for i in yb.tolist()] == first


def test_shuffle_uses_the_global_seed_or_a_numpy_generator():
    minigrad.manual_seed(5)
    a = [yb.tolist() for _, yb in DataLoader(_dataset(), batch_size=5, shuffle=True)]
    minigrad.manual_seed(5)
    b = [yb.tolist() for _, yb in DataLoader(_dataset(), batch_size=5, shuffle=True)]
    assert a == b
    numpy_gen = np.random.default_rng(1)
    order = [i for _, yb in DataLoader(_dataset(), batch_size=5, shuffle=True, generator=numpy_gen)
             for i in yb.tolist()]
    assert order == np.random.default_rng(1).permutation(10).tolist()


def test_custom_dataset_and_python_numbers_are_collated():
    class Squares(Dataset):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return {"x": float(i), "y": i * i}

    (batch,) = list(DataLoader(Squares(), batch_size=5))
    assert batch["x"].dtype == minigrad.float64 and batch["y"].dtype == minigrad.int64
    assert batch["y"].tolist() == [0, 1, 4, 9, 16]


def test_training_with_a_loader_reduces_the_loss():
    from minigrad import nn, optim

    minigrad.manual_seed(0)
    x = minigrad.randn(64, 3)
    y = x @ minigrad.tensor([[1.0], [-2.0], [0.5]]) + 0.3
    model = nn.Linear(3, 1)
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    loader = DataLoader(TensorDataset(x, y), batch_size=16, shuffle=True)
    losses = []
    for _ in range(20):
        for xb, yb in loader:
            loss = nn.functional.mse_loss(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 1e-3 < losses[0]
