"""Datasets and the DataLoader that cuts them into mini-batches (torch.utils.data).

    dataset[i]            -> one sample, e.g. (features, label)
    sampler               -> the order of the indices (0, 1, 2, ... or a permutation)
    batch sampler         -> groups of batch_size indices
    collate_fn            -> stacks the samples of a group into batched tensors
    DataLoader            -> ties the four together; iterating it yields batches

Only single-process loading (PyTorch's ``num_workers=0``).
"""
import numpy as np

import minigrad
from ..tensor import Tensor


class Dataset:
    """Base class for a map-style dataset: define ``__getitem__(i)`` and ``__len__()``."""

    def __getitem__(self, index):
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")


class TensorDataset(Dataset):
    """A dataset whose i-th sample is ``(t[i] for t in tensors)`` (torch.utils.data.TensorDataset).

    Example:
        >>> ds = TensorDataset(x, y)     # x: (N, 2), y: (N,)
        >>> ds[0]                        # (x[0], y[0])
    """

    def __init__(self, *tensors):
        assert all([tensors[0].shape[0] == t.shape[0] for t in tensors]), "Size mismatch between tensors"
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple([t[index] for t in self.tensors])

    def __len__(self):
        return self.tensors[0].shape[0]


class Sampler:
    """Base class of the objects that decide in which order the indices are visited."""

    def __iter__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    """Indices 0, 1, ..., len(data_source) - 1, in order."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class RandomSampler(Sampler):
    """A new random permutation of the indices at every pass (every epoch).

    ``generator`` is a ``minigrad.Generator`` or a ``numpy.random.Generator``; without one,
    minigrad's global generator is used, so ``minigrad.manual_seed`` makes the order reproducible.
    """

    def __init__(self, data_source, generator=None):
        self.data_source = data_source
        self.generator = generator

    def __iter__(self):
        n = len(self.data_source)
        if isinstance(self.generator, np.random.Generator):
            return iter(self.generator.permutation(n).tolist())
        return iter(minigrad.randperm(n, generator=self.generator).tolist())

    def __len__(self):
        return len(self.data_source)


class BatchSampler(Sampler):
    """Group the indices of ``sampler`` into lists of ``batch_size`` (the last may be shorter)."""

    def __init__(self, sampler, batch_size, drop_last):
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        batch = []
        for index in self.sampler:
            batch.append(index)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch and not self.drop_last:
            yield batch

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return -(-len(self.sampler) // self.batch_size)


def default_collate(batch):
    """Stack a list of samples into a batch, keeping the samples' structure.

    Tensors are stacked along a new first dimension; Python ints and floats become int64 and
    float64 tensors; tuples, lists and dicts are collated field by field.
    """
    first = batch[0]
    if isinstance(first, Tensor):
        return minigrad.stack(batch)
    if isinstance(first, np.ndarray):
        return minigrad.stack([minigrad.tensor(sample) for sample in batch])
    if isinstance(first, bool):
        return minigrad.tensor(batch)
    if isinstance(first, (int, float)):
        return minigrad.tensor(np.array(batch, dtype=np.int64 if isinstance(first, int) else np.float64))
    if isinstance(first, dict):
        return {key: default_collate([sample[key] for sample in batch]) for key in first}
    if isinstance(first, (tuple, list)):
        return [default_collate(list(field)) for field in zip(*batch)]
    return batch


class DataLoader:
    """Iterate over a dataset in mini-batches (torch.utils.data.DataLoader).

    Args:
        dataset: a ``Dataset`` (anything with ``__getitem__`` and ``__len__``).
        batch_size: samples per batch (default 1).
        shuffle: visit the samples in a new random order every epoch.
        sampler: a custom order of indices (instead of ``shuffle``).
        collate_fn: turns a list of samples into a batch (default: ``default_collate``).
        drop_last: drop the last batch if it is smaller than ``batch_size``.
        generator: the random generator used to shuffle.

    Example:
        >>> loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)
        >>> for xb, yb in loader:
        ...     loss = loss_fn(model(xb), yb)
    """

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=None, pin_memory=False, drop_last=False,
                 timeout=0, worker_init_fn=None, generator=None):
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        self.collate_fn = collate_fn or default_collate

    def __iter__(self):
        for indices in self.batch_sampler:
            yield self.collate_fn([self.dataset[i] for i in indices])

    def __len__(self):
        return len(self.batch_sampler)
