"""``raises_exactly``: pytest.raises that checks the whole message, for PyTorch's error texts."""
import pytest


def raises_exactly(exception, message):
    """pytest.raises that also checks the whole message (pytest's match= is a regex search)."""
    class Checker:
        def __enter__(self):
            self.context = pytest.raises(exception)
            self.info = self.context.__enter__()
            return self.info

        def __exit__(self, *exc_info):
            suppressed = self.context.__exit__(*exc_info)
            assert str(self.info.value) == message
            return suppressed

    return Checker()
