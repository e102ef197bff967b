"""minigrad must do what PyTorch did: replay every oracle snippet and compare with its fixture.

Each snippet in tests/oracle/snippets_*.py was run with real PyTorch by
tests/oracle/record_torch.py; the printed text, exceptions and values are in
tests/oracle/*.json. Here the same code runs with `minigrad` bound to the name `torch`.
Printed text, reprs, node names and error messages must match exactly (memory addresses
aside); values match to float32 tolerance. No PyTorch is needed.
"""

import json
import sys
from functools import cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # make the `oracle` package importable

from oracle.catalogue import FIXTURES, all_snippets, fixture_path  # noqa: E402
from oracle.snippet import code_hash, compare_records, run_snippet  # noqa: E402

CASES = [pytest.param(fixture, snip, id=f"{group}/{snip.name}")
         for fixture, group, snip in all_snippets()]


@cache
def recorded(fixture):
    """The snippets' PyTorch records stored in one fixture file."""
    return json.loads(fixture_path(fixture).read_text())["snippets"]


@pytest.fixture(scope="module")
def minigrad():
    import minigrad
    return minigrad


@pytest.mark.parametrize("fixture, snip", CASES)
def test_snippet_matches_pytorch(fixture, snip, minigrad):
    expected = recorded(fixture).get(snip.name)
    assert expected is not None, (
        f"{snip.name!r} has no recorded PyTorch result: run tests/oracle/record_torch.py")
    assert expected["code_sha256"] == code_hash(snip), (
        f"{snip.name!r} changed since it was recorded: run tests/oracle/record_torch.py")
    actual = run_snippet(snip, minigrad, keep_traceback=True)
    problems = compare_records(expected, actual, snip)
    if problems:
        why = f"\n(tolerance note: {snip.why})" if snip.why else ""
        pytest.fail(f"{snip.name} differs from PyTorch:\n" + "\n".join(problems)
                    + f"\n--- snippet ---\n{snip.code}{why}", pytrace=False)


def test_snippet_names_are_unique_per_fixture():
    for fixture, groups in FIXTURES.items():
        names = [snip.name for snippets in groups.values() for snip in snippets]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        assert not duplicates, f"{fixture}: duplicate snippet names {duplicates}"


def test_every_recorded_snippet_is_still_in_the_catalogue():
    for fixture, groups in FIXTURES.items():
        names = {snip.name for snippets in groups.values() for snip in snippets}
        orphans = sorted(set(recorded(fixture)) - names)
        assert not orphans, f"{fixture}.json records removed snippets {orphans}: re-record"
