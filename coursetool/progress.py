"""A one-line progress bar for the terminal (no dependency; silent when output is not a terminal)."""

import sys
import time


class ProgressBar:
    """Draw ``[#####-----] done/total label`` on one terminal line, redrawn in place."""

    def __init__(self, total, label="cells", stream=None, width=30):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.done = -1

    def update(self, done):
        """Show `done` finished items (redrawn only when the number changes)."""
        done = min(done, self.total)
        if not self.enabled or done == self.done:
            return
        self.done = done
        filled = self.width * done // self.total
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {self.label}  {elapsed:5.0f} s")
        self.stream.flush()

    def close(self):
        """End the bar's line."""
        if self.enabled and self.done >= 0:
            self.stream.write("\n")
            self.stream.flush()
