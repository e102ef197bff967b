"""Every snippet, grouped by topic, and where each topic's PyTorch results are stored.

One JSON fixture per snippet module keeps the fixtures few and readable:
`tensor.json`, `repr.json`, `autograd.json`, `nn.json`, `optim.json`.
"""

from pathlib import Path

from oracle import snippets_autograd, snippets_nn, snippets_optim, snippets_repr, snippets_tensor

FIXTURE_DIR = Path(__file__).parent

# fixture name -> {group name -> [Snippet, ...]}
FIXTURES = {
    "tensor": snippets_tensor.GROUPS,
    "repr": snippets_repr.GROUPS,
    "autograd": snippets_autograd.GROUPS,
    "nn": snippets_nn.GROUPS,
    "optim": snippets_optim.GROUPS,
}


def fixture_path(fixture):
    """The JSON file holding the recorded PyTorch results of one fixture."""
    return FIXTURE_DIR / f"{fixture}.json"


def all_snippets():
    """Yield (fixture, group, snippet) for every snippet in the catalogue."""
    for fixture, groups in FIXTURES.items():
        for group, snippets in groups.items():
            for snip in snippets:
                yield fixture, group, snip
