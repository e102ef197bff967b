"""What a benchmark section produces: rows of measurements and targets judged PASS/FAIL."""
from dataclasses import dataclass, field

from .units import format_value


@dataclass
class Row:
    """One measurement, shown beside the baseline it is compared with.

    ``unit`` is ``"s"`` (seconds per call), ``"s/op"`` (seconds per graph node) or ``"B"``
    (bytes). A row whose library could not run has ``value=None`` and says why in ``note``.
    """

    case: str
    library: str
    value: float | None
    unit: str = "s"
    baseline: str | None = None
    baseline_value: float | None = None
    note: str = ""

    @property
    def ratio(self):
        """value / baseline_value, or None when either is missing."""
        if self.value is None or not self.baseline_value:
            return None
        return self.value / self.baseline_value

    def compared_to(self, baseline_row):
        """This row with ``baseline_row`` as its baseline."""
        if baseline_row is not None and baseline_row.value is not None:
            self.baseline = baseline_row.library
            self.baseline_value = baseline_row.value
        return self


@dataclass
class Target:
    """A claim from the issue, checked: ``passed`` is None when it could not be measured."""

    description: str
    passed: bool | None
    detail: str


@dataclass
class Section:
    """The rows and targets of one benchmark (per-op overhead, MLP step, ...)."""

    name: str
    title: str
    rows: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def row(self, case, library):
        """The row measured for ``case`` and ``library``, or None."""
        for row in self.rows:
            if row.case == case and row.library == library:
                return row
        return None


def not_measured(case, library, why, unit="s"):
    """A row for a library that could not run (``why``: "not installed", "not available: ...")."""
    return Row(case, library, None, unit, note=why)


def ratio_target(description, row, baseline_row, limit, *, strictly_below=False):
    """PASS when row.value / baseline_row.value <= limit (or < limit with ``strictly_below``)."""
    missing = [r for r in (row, baseline_row) if r is None or r.value is None]
    if missing:
        why = "; ".join(f"{r.library}: {r.note}" for r in missing if r is not None)
        return Target(description, None, why or "not measured")
    ratio = row.value / baseline_row.value
    passed = ratio < limit if strictly_below else ratio <= limit
    detail = (f"{ratio:.2f}x ({row.library} {format_value(row.value, row.unit)} vs "
              f"{baseline_row.library} {format_value(baseline_row.value, baseline_row.unit)})")
    return Target(description, passed, detail)
