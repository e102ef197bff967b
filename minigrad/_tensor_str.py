"""Printing tensors exactly as PyTorch does (the rules of torch/_tensor_str.py).

One format is chosen for the whole tensor: integers for integer dtypes; for floats, ``1.`` style
when every value is integral, ``1.2346e+05`` style when the values span more than 1000x or go
beyond 1e8 (or below 1e-4), and 4 decimals otherwise. Every element is padded to the widest.
"""
import math

import numpy as np

PRECISION, THRESHOLD, EDGEITEMS, LINEWIDTH = 4, 1000, 3, 80


class _Formatter:
    def __init__(self, values, floating):
        self.floating = floating
        self.int_mode, self.sci_mode, self.width = True, False, 1
        values = values.ravel()
        if not floating:
            self.width = max((len(str(v)) for v in values.tolist()), default=1)
            return
        finite = values[np.isfinite(values) & (values != 0)].astype(np.float64)
        if finite.size == 0:
            return
        low, high = np.abs(finite).min(), np.abs(finite).max()
        self.int_mode = bool(np.all(finite == np.ceil(finite)))
        if self.int_mode:
            self.sci_mode = high / low > 1000.0 or high > 1.0e8
        else:
            self.sci_mode = high / low > 1000.0 or high > 1.0e8 or low < 1.0e-4
        for v in finite.tolist():
            self.width = max(self.width, len(self._plain(v)) + (self.int_mode and not self.sci_mode))

    def _plain(self, value):
        if self.sci_mode:
            return f"{value:.{PRECISION}e}"
        if self.int_mode:
            return f"{value:.0f}"
        return f"{value:.{PRECISION}f}"

    def format(self, value):
        if not self.floating:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:{self.width}.{PRECISION}e}"
        elif self.int_mode:
            text = f"{value:.0f}" + ("" if math.isinf(value) or math.isnan(value) else ".")
        else:
            text = f"{value:.{PRECISION}f}"
        return " " * (self.width - len(text)) + text


def _summarized(array):
    """Only the first and last EDGEITEMS along each dimension (for tensors too big to print)."""
    if array.ndim == 0:
        return array
    if array.shape[0] > 2 * EDGEITEMS:
        array = np.concatenate([array[:EDGEITEMS], array[-EDGEITEMS:]])
    return np.stack([_summarized(row) for row in array]) if array.ndim > 1 else array


def _vector(array, indent, summarize, fmt):
    per_line = max(1, int(math.floor((LINEWIDTH - indent) / (fmt.width + 2))))
    if summarize and array.shape[0] > 2 * EDGEITEMS:
        items = ([fmt.format(v) for v in array[:EDGEITEMS].tolist()] + [" ..."]
                 + [fmt.format(v) for v in array[-EDGEITEMS:].tolist()])
    else:
        items = [fmt.format(v) for v in array.tolist()]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _body(array, indent, summarize, fmt):
    if array.ndim == 0:
        return fmt.format(array.item())
    if array.ndim == 1:
        return _vector(array, indent, summarize, fmt)
    if summarize and array.shape[0] > 2 * EDGEITEMS:
        rows = ([_body(array[i], indent + 1, summarize, fmt) for i in range(EDGEITEMS)] + ["..."]
                + [_body(array[i], indent + 1, summarize, fmt)
                   for i in range(len(array) - EDGEITEMS, len(array))])
    else:
        rows = [_body(row, indent + 1, summarize, fmt) for row in array]
    return "[" + ("," + "\n" * (array.ndim - 1) + " " * (indent + 1)).join(rows) + "]"


def tensor_body(array, indent):
    """The bracketed values, as PyTorch's _tensor_str prints them."""
    if array.size == 0:
        return "[]"
    summarize = array.size > THRESHOLD
    if array.dtype == np.float16:
        array = array.astype(np.float32)
    floating = array.dtype.kind == "f"
    fmt = _Formatter(_summarized(array) if summarize else array, floating)
    return _body(array, indent, summarize, fmt)


def _add_suffixes(text, suffixes, indent):
    parts = [text]
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > LINEWIDTH:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(t, prefix="tensor("):
    """``tensor([1., 2.], requires_grad=True)`` and friends."""
    from . import _dtype

    indent = len(prefix)
    suffixes = []
    array = t._data
    shown = (_dtype.get_default_dtype(), _dtype.int64, _dtype.bool)
    if array.size == 0:
        if array.ndim != 1:
            suffixes.append(f"size={tuple(array.shape)}")
        if t.dtype is not _dtype.get_default_dtype():
            suffixes.append(f"dtype={t.dtype}")
        body = "[]"
    else:
        if t.dtype not in shown:
            suffixes.append(f"dtype={t.dtype}")
        body = tensor_body(array, indent)
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None, sci_mode=None):
    """How tensors print (torch.set_printoptions). (Being written: see the helper's commit.)"""
    raise NotImplementedError("set_printoptions is not written yet")
