"""Record what real PyTorch does for every snippet of the catalogue into JSON fixtures.

Run by hand wherever torch is installed (never in CI):

    /work/oracle-venv/bin/python tests/oracle/record_torch.py

It rewrites tests/oracle/{tensor,repr,autograd,nn,optim}.json. Commit them with the snippet
changes that made them necessary; the parity test refuses fixtures whose code fingerprint does
not match the snippet's current code.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make `oracle` importable

import torch  # noqa: E402  (only this script needs PyTorch)

from oracle.catalogue import all_snippets, fixture_path  # noqa: E402
from oracle.snippet import run_snippet  # noqa: E402


def record_all():
    """Run every snippet with torch and write one JSON file per fixture."""
    torch.set_num_threads(1)  # one thread: reductions sum in a reproducible order
    records = {}
    for fixture, group, snip in all_snippets():
        record = run_snippet(snip, torch)
        records.setdefault(fixture, {})[snip.name] = {"group": group, **record}
        status = f"{record['error']['type']}" if record["error"] else "ok"
        print(f"{fixture}/{group}/{snip.name}: {status}")
    for fixture, snippets in records.items():
        content = {"recorded_with": f"torch {torch.__version__}", "snippets": snippets}
        text = json.dumps(content, indent=1, ensure_ascii=False, sort_keys=False)
        fixture_path(fixture).write_text(text + "\n")
    print(f"recorded {sum(len(s) for s in records.values())} snippets")


if __name__ == "__main__":
    record_all()
