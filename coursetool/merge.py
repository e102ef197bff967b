"""`coursetool merge`: join the outputs of `coursetool grade --shard K/N` runs into one."""

import json
import shutil
from pathlib import Path

from .gradebook import read_gradebook, write_gradebook
from .notebook import write_atomically


def merge(shard_dirs, out_dir):
    """Combine gradebooks and feedback of shard output folders into out_dir; return the rows.

    Refuses (ValueError) when a student appears in two shards or when the shards of a K/N
    split are incomplete, so a lost shard cannot go unnoticed.
    """
    out_dir = Path(out_dir)
    rows, owner, seen_shards, split = [], {}, set(), set()
    for shard_dir in map(Path, shard_dirs):
        info_path = shard_dir / "run.json"
        info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else {}
        if info.get("shard"):
            k, n = info["shard"]
            if (k, n) in seen_shards:
                raise ValueError(f"shard {k}/{n} given twice ({shard_dir})")
            seen_shards.add((k, n))
            split.add(n)
        for row in read_gradebook(shard_dir / "gradebook.csv"):
            if owner.setdefault(row.student, shard_dir) != shard_dir:
                raise ValueError(f"student {row.student!r} is in both {owner[row.student]} and {shard_dir}")
            rows.append(row)
    if len(split) > 1:
        raise ValueError(f"shards of different splits: {sorted(seen_shards)}")
    if split:
        n = split.pop()
        missing = [f"{k}/{n}" for k in range(1, n + 1) if (k, n) not in seen_shards]
        if missing:
            raise ValueError(f"missing shard(s): {', '.join(missing)}")
    # A stable sort keeps each notebook's tests in the master's order, as one run writes them.
    rows.sort(key=lambda row: (row.student, row.notebook))
    write_gradebook(rows, out_dir / "gradebook.csv")
    (out_dir / "feedback").mkdir(parents=True, exist_ok=True)
    for shard_dir in map(Path, shard_dirs):
        for feedback in sorted((shard_dir / "feedback").glob("*.md")):
            shutil.copyfile(feedback, out_dir / "feedback" / feedback.name)
    students = sorted(owner)
    write_atomically(out_dir / "run.json", json.dumps(
        {"shard": None, "students": students, "merged_from": [str(d) for d in shard_dirs]}, indent=1) + "\n")
    return rows
