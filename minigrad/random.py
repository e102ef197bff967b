"""minigrad's random numbers: one global numpy Generator, seeded by ``manual_seed``.

The numbers differ from PyTorch's (a different algorithm), but a seed gives the same numbers
on every run, which is what notebooks and tests need.
"""
import numpy as np


class Generator:
    """A source of random numbers (torch.Generator); ``manual_seed`` makes it repeatable."""

    def __init__(self, device="cpu"):
        self._rng = np.random.default_rng()
        self._seed = None

    def manual_seed(self, seed):
        """Reset this generator to a fixed seed; returns the generator."""
        self._seed = int(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self):
        return self._seed

    def get_state(self):
        return self._rng.bit_generator.state

    def set_state(self, state):
        self._rng.bit_generator.state = state


default_generator = Generator().manual_seed(0)


def manual_seed(seed):
    """Seed minigrad's global random generator (torch.manual_seed)."""
    return default_generator.manual_seed(seed)


def seed():
    """Seed the global generator non-deterministically and return the seed."""
    s = int(np.random.SeedSequence().entropy % (2**63))
    default_generator.manual_seed(s)
    return s


def initial_seed():
    return default_generator.initial_seed()


def _generator(generator):
    """The numpy Generator behind a minigrad Generator (the global one if None)."""
    return (generator or default_generator)._rng
