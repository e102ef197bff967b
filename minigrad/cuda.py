"""torch.cuda as seen from a numpy library: there is no GPU, so code that checks for one runs
on the CPU (``device = "cuda" if torch.cuda.is_available() else "cpu"``)."""


def is_available():
    """Always False: minigrad computes with numpy on the CPU."""
    return False


def device_count():
    """Always 0."""
    return 0


def manual_seed(seed):
    """Accepted for compatibility; there is no GPU generator to seed."""


manual_seed_all = manual_seed
