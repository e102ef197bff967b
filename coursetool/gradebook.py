"""The grader's outputs: ``gradebook.csv`` (one row per student, notebook and test) and
``feedback/<student>.md`` (what each failed test expected), both written atomically."""

import csv
import io
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from .notebook import write_atomically

MAX_REASON = 300


@dataclass
class Row:
    """One graded test of one student's notebook."""

    student: str
    notebook: str
    grade_id: str
    points: float
    max_points: float
    status: str  # passed, failed, timeout, crashed, tampered, missing, invalid
    reason: str


FIELDS = [f.name for f in fields(Row)]


def format_points(value):
    """2.0 -> "2", 1.5 -> "1.5": the same number always prints the same way."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def one_line(text, limit=MAX_REASON):
    """A reason squeezed onto one line of at most `limit` characters."""
    text = " / ".join(line.strip() for line in str(text).splitlines() if line.strip())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def gradebook_text(rows):
    """The CSV text of a gradebook."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        values = list(astuple(row))
        values[3], values[4] = format_points(row.points), format_points(row.max_points)
        values[6] = one_line(row.reason)
        writer.writerow(values)
    return buffer.getvalue()


def write_gradebook(rows, path):
    """Write the gradebook CSV atomically (temporary file, then rename)."""
    write_atomically(path, gradebook_text(rows))


def read_gradebook(path):
    """Read a gradebook CSV back into Rows."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != FIELDS:
            raise ValueError(f"{path} is not a coursetool gradebook (columns {reader.fieldnames})")
        return [Row(r["student"], r["notebook"], r["grade_id"], float(r["points"]),
                    float(r["max_points"]), r["status"], r["reason"]) for r in reader]


def feedback_text(student, rows, details, notes):
    """Markdown feedback for one student.

    details maps (notebook, grade_id) to the full explanation of a failed test; notes maps a
    notebook to remarks about the submission (deleted or edited cells, errors in own cells).
    """
    lines = [f"# Feedback for {student}", ""]
    notebooks = list(dict.fromkeys(row.notebook for row in rows))
    for notebook in notebooks:
        mine = [row for row in rows if row.notebook == notebook]
        score = sum(row.points for row in mine)
        total = sum(row.max_points for row in mine)
        lines += [f"## {notebook}: {format_points(score)} / {format_points(total)} points", ""]
        for row in mine:
            mark = "passed" if row.status == "passed" else row.status
            lines.append(f"- `{row.grade_id}` ({format_points(row.points)}/{format_points(row.max_points)}): {mark}")
            if row.status != "passed":
                explanation = details.get((notebook, row.grade_id)) or row.reason
                for text_line in str(explanation).strip().splitlines() or [""]:
                    lines.append(f"    > {text_line}")
        if notes.get(notebook):
            lines += ["", "Notes:"]
            lines += [f"- {note}" for note in notes[notebook]]
        lines.append("")
    return "\n".join(lines)


def write_feedback(out_dir, student, text):
    """Write feedback/<student>.md under out_dir atomically."""
    write_atomically(Path(out_dir) / "feedback" / f"{student}.md", text)
