"""Print the sections as tables and write them to ``benchmarks/results.json``."""
import dataclasses
import json
from pathlib import Path

from .units import format_value

DEFAULT_JSON = Path(__file__).with_name("results.json")

_STATUS = {True: "PASS", False: "FAIL", None: "N/A "}


def _ratio_text(row):
    return "" if row.ratio is None else f"{row.ratio:.3g}x"


def format_section(section):
    """The section as text: a table of rows, then its targets with PASS/FAIL."""
    header = ("case", "library", "value", "baseline", "baseline value", "ratio")
    lines = [[row.case, row.library, format_value(row.value, row.unit) if row.value is not None
              else row.note, row.baseline or "", format_value(row.baseline_value, row.unit)
              if row.baseline else "", _ratio_text(row)] for row in section.rows]
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    out = [f"== {section.title} =="]
    for cells in [header, *lines]:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip())
    for note in section.notes:
        out.append(f"  note: {note}")
    for target in section.targets:
        out.append(f"  [{_STATUS[target.passed]}] {target.description}: {target.detail}")
    return "\n".join(out)


def print_report(meta, sections):
    """Print the environment line and every section's table."""
    print(" | ".join(f"{key}={value}" for key, value in meta.items()))
    for section in sections:
        print()
        print(format_section(section))
    targets = [t for s in sections for t in s.targets]
    counts = {label.strip(): sum(1 for t in targets if t.passed is value)
              for value, label in _STATUS.items()}
    print(f"\ntargets: {counts['PASS']} passed, {counts['FAIL']} failed, "
          f"{counts['N/A']} not measured")


def to_json(meta, sections):
    """The results as plain data: meta, then per section its rows (with ratios) and targets."""
    data = {"meta": meta, "sections": []}
    for section in sections:
        rows = [dict(dataclasses.asdict(row), ratio=row.ratio) for row in section.rows]
        data["sections"].append({
            "name": section.name,
            "title": section.title,
            "rows": rows,
            "targets": [dataclasses.asdict(t) for t in section.targets],
            "notes": list(section.notes),
        })
    return data


def write_json(meta, sections, path=DEFAULT_JSON):
    """Write ``to_json(...)`` to ``path`` (benchmarks/results.json by default)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(meta, sections), indent=2) + "\n")
