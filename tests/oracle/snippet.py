"""Run a code snippet against a torch-like module and describe what it produced.

The same snippet is run twice: by `record_torch.py` with real PyTorch (the result is stored as
JSON in this folder) and by `tests/test_oracle_parity.py` with `minigrad` bound to the name
`torch`. Both sides build their record with `run_snippet`, so the two records can be compared
key by key with `compare_records`.

A record is a JSON-ready dict:
    {"code_sha256": ..., "stdout": printed text, "error": None or {"type", "message"},
     "results": {variable name: described value}}
"""

import contextlib
import hashlib
import io
import math
import re
import textwrap
import traceback
import warnings
from dataclasses import dataclass

import numpy as np

# Object addresses differ from run to run: `<AddBackward0 object at 0x7f33db45f588>`.
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf")


@dataclass(frozen=True)
class Snippet:
    """One tiny program written against the torch API, plus how strictly to compare it.

    `results` names the variables whose final values are recorded. `rtol`/`atol` apply to
    float32 values; `printed_rtol`, when set, compares the numbers inside printed text with
    that relative tolerance instead of character by character (used for long training loops
    whose last digits legitimately depend on summation order).
    """

    name: str
    code: str
    results: tuple = ()
    rtol: float = 1e-5
    atol: float = 1e-6
    printed_rtol: float | None = None
    why: str = ""


def snippet(name, code, *results, **options):
    """Build a Snippet; the code is dedented so catalogues can indent it naturally."""
    return Snippet(name, textwrap.dedent(code).strip() + "\n", tuple(results), **options)


def code_hash(snip):
    """A short fingerprint of the snippet's code, stored with its fixture to spot stale ones."""
    return hashlib.sha256(snip.code.encode()).hexdigest()[:16]


def normalise_text(text):
    """Replace memory addresses, which differ between runs, by a fixed placeholder."""
    return _ADDRESS.sub("0x…", text)


def run_snippet(snip, torch_module, keep_traceback=False):
    """Execute the snippet with `torch` bound to `torch_module` and `np` to numpy.

    Captures stdout, the exception (type name and message) if one is raised, and the values
    of the variables named in `snip.results` (those that exist when the code stops).
    Warnings are silenced: PyTorch warns on some calls (e.g. `.grad` of a non-leaf) and
    warnings are not part of the compared behaviour. With `keep_traceback`, the record also
    holds the end of the traceback under "traceback" (for failure reports; never compared).
    """
    namespace = {"torch": torch_module, "np": np, "__name__": "__snippet__"}
    printed = io.StringIO()
    error = None
    with contextlib.redirect_stdout(printed), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(snip.code, f"<snippet {snip.name}>", "exec"), namespace)
        except Exception as exc:  # the exception itself is what we record
            error = {"type": type(exc).__name__, "message": normalise_text(str(exc))}
            trace = traceback.format_exc(limit=-6)
    results = {name: describe(namespace[name]) for name in snip.results if name in namespace}
    record = {
        "code_sha256": code_hash(snip),
        "stdout": normalise_text(printed.getvalue()),
        "error": error,
        "results": results,
    }
    if keep_traceback and error is not None:
        record["traceback"] = trace
    return record


def _is_tensor(value):
    # Works for torch.Tensor, torch.nn.Parameter and their minigrad counterparts.
    return type(value).__name__ in ("Tensor", "Parameter") and hasattr(value, "detach")


def describe(value):
    """Turn a value into JSON data that keeps what must match between torch and minigrad."""
    if _is_tensor(value):
        grad_fn = value.grad_fn
        return {"tensor": {
            "dtype": str(value.dtype),
            "shape": list(value.shape),
            "values": value.detach().tolist(),
            "requires_grad": bool(value.requires_grad),
            "grad_fn": None if grad_fn is None else grad_fn.name(),
        }}
    if isinstance(value, np.ndarray):
        return {"ndarray": {"dtype": str(value.dtype), "shape": list(value.shape),
                            "values": value.tolist()}}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return {"int": int(value)}
    if isinstance(value, (float, np.floating)):
        return {"float": float(value)}
    if isinstance(value, tuple):  # includes torch.Size and named tuples
        return {"tuple": [describe(item) for item in value]}
    if isinstance(value, list):
        return {"list": [describe(item) for item in value]}
    if isinstance(value, dict):
        return {"dict": {str(key): describe(item) for key, item in value.items()}}
    return {"repr": normalise_text(repr(value))}


# ---------------------------------------------------------------------------- comparison

def compare_records(expected, actual, snip):
    """Return a list of human-readable differences (empty when the records match)."""
    problems = []
    if expected["error"] != actual["error"]:
        problems.append(f"exception differs:\n  torch:    {expected['error']}\n"
                        f"  minigrad: {actual['error']}")
        if "traceback" in actual:
            problems.append("minigrad's traceback (last frames):\n" + actual["traceback"])
    problems += _compare_printed(expected["stdout"], actual["stdout"], snip.printed_rtol)
    for name, want in expected["results"].items():
        if name not in actual["results"]:
            problems.append(f"result {name!r}: missing (torch had {_short(want)})")
            continue
        problems += _compare_values(want, actual["results"][name], name, snip)
    return problems


def _compare_printed(want, got, rtol):
    if want == got:
        return []
    if rtol is not None and _printed_close(want, got, rtol):
        return []
    return ["printed output differs:\n" + _diff(want, got)]


def _printed_close(want, got, rtol):
    """Same text around the numbers, and numbers equal within `rtol`."""
    if _NUMBER.split(want) != _NUMBER.split(got):
        return False
    want_numbers = [float(x) for x in _NUMBER.findall(want)]
    got_numbers = [float(x) for x in _NUMBER.findall(got)]
    return len(want_numbers) == len(got_numbers) and all(
        _close(w, g, rtol, 0.0) for w, g in zip(want_numbers, got_numbers))


def _diff(want, got):
    import difflib
    lines = difflib.unified_diff(want.splitlines(), got.splitlines(),
                                 "torch", "minigrad", lineterm="", n=1)
    return "\n".join(list(lines)[:60])


def _close(want, got, rtol, atol):
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if math.isinf(want) or math.isinf(got):
        return want == got
    return abs(want - got) <= atol + rtol * abs(want)


def _short(value):
    text = repr(value)
    return text if len(text) < 300 else text[:300] + "…"


def _compare_values(want, got, path, snip):
    if isinstance(want, dict) and isinstance(got, dict) and want.keys() == got.keys():
        kind = next(iter(want))
        if kind == "tensor":
            return _compare_tensors(want["tensor"], got["tensor"], path, snip)
        if kind == "ndarray":
            return _compare_arrays(want["ndarray"], got["ndarray"], path, snip)
        if kind == "float":
            if _close(want["float"], got["float"], snip.rtol, snip.atol):
                return []
            return [f"{path}: {got['float']!r} != torch's {want['float']!r}"]
        if kind in ("tuple", "list"):
            if len(want[kind]) != len(got[kind]):
                return [f"{path}: {kind} of length {len(got[kind])}, torch's has "
                        f"{len(want[kind])}"]
            return [problem for i, (w, g) in enumerate(zip(want[kind], got[kind]))
                    for problem in _compare_values(w, g, f"{path}[{i}]", snip)]
        if kind == "dict":
            if want["dict"].keys() != got["dict"].keys():
                return [f"{path}: keys {sorted(got['dict'])} != torch's {sorted(want['dict'])}"]
            return [problem for key in want["dict"] for problem in
                    _compare_values(want["dict"][key], got["dict"][key], f"{path}[{key!r}]",
                                    snip)]
    if want == got:
        return []
    return [f"{path}: minigrad {_short(got)}\n    torch    {_short(want)}"]


def _compare_tensors(want, got, path, snip):
    problems = [f"{path}.{key}: {got[key]!r} != torch's {want[key]!r}"
                for key in ("dtype", "shape", "requires_grad", "grad_fn")
                if want[key] != got[key]]
    if want["shape"] == got["shape"]:
        problems += _compare_numbers(want["values"], got["values"], want["dtype"], path, snip)
    return problems


def _compare_arrays(want, got, path, snip):
    problems = [f"{path}.{key}: {got[key]!r} != numpy-from-torch's {want[key]!r}"
                for key in ("dtype", "shape") if want[key] != got[key]]
    if want["shape"] == got["shape"]:
        problems += _compare_numbers(want["values"], got["values"], want["dtype"], path, snip)
    return problems


def _compare_numbers(want, got, dtype, path, snip):
    want_array, got_array = np.asarray(want, dtype=float), np.asarray(got, dtype=float)
    if not ("float" in dtype or "half" in dtype or "double" in dtype):
        same = np.array_equal(want_array, got_array)
    else:
        # float64 results must agree far more tightly than float32 ones.
        rtol, atol = (1e-10, 1e-12) if "64" in dtype else (snip.rtol, snip.atol)
        same = np.allclose(got_array, want_array, rtol=rtol, atol=atol, equal_nan=True)
    if same:
        return []
    return [f"{path}.values:\n    minigrad {_short(got)}\n    torch    {_short(want)}"]
