"""Printing tensors exactly as PyTorch does (the rules of torch/_tensor_str.py).

One format is chosen for the whole tensor: integers for integer dtypes; for floats, ``1.`` style
when every value is integral, ``1.2346e+05`` style when the values span more than 1000x or go
beyond 1e8 (or below 1e-4), and 4 decimals otherwise. Every element is padded to the widest.
``set_printoptions`` changes the number of decimals, when a big tensor is summarised with
``...``, the line width, and can force or forbid the ``e+05`` style.
"""
import contextlib
import math

import numpy as np


class _PrintOptions:
    """The current options (PyTorch's PRINT_OPTS); change them with set_printoptions."""

    def __init__(self):
        self.precision, self.threshold, self.edgeitems, self.linewidth = 4, 1000, 3, 80
        self.sci_mode = None  # None: chosen from the values; True/False: forced

    def __repr__(self):
        return f"PrintOptions({get_printoptions()})"


PRINT_OPTS = _PrintOptions()

# set_printoptions(profile=...): (precision, threshold, edgeitems, linewidth)
_PROFILES = {
    "default": (4, 1000, 3, 80),
    "short": (2, 1000, 2, 80),
    "full": (4, math.inf, 3, 80),
}


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
        if PRINT_OPTS.sci_mode is None:
            self.sci_mode = bool(high / low > 1000.0 or high > 1.0e8 or low < 1.0e-4)
        else:  # forced by set_printoptions (but not above, when no value is nonzero and finite)
            self.sci_mode = PRINT_OPTS.sci_mode
        for v in finite.tolist():
            self.width = max(self.width, len(self._plain(v)) + (self.int_mode and not self.sci_mode))

    def _plain(self, value):
        if self.sci_mode:
            return f"{value:.{PRINT_OPTS.precision}e}"
        if self.int_mode:
            return f"{value:.0f}"
        return f"{value:.{PRINT_OPTS.precision}f}"

    def format(self, value):
        precision = PRINT_OPTS.precision
        if not self.floating:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:{self.width}.{precision}e}"
        elif self.int_mode:
            text = f"{value:.0f}" + ("" if math.isinf(value) or math.isnan(value) else ".")
        else:
            text = f"{value:.{precision}f}"
        return " " * (self.width - len(text)) + text


def _summarized(array):
    """Only the first and last ``edgeitems`` along each dimension (for tensors too big to print)."""
    edge = PRINT_OPTS.edgeitems
    if array.ndim == 0:
        return array
    if not edge:
        return array[(slice(0, 0),) * array.ndim]
    if array.shape[0] > 2 * edge:
        array = np.concatenate([array[:edge], array[-edge:]])
    return np.stack([_summarized(row) for row in array]) if array.ndim > 1 else array


def _vector(array, indent, summarize, fmt):
    edge = PRINT_OPTS.edgeitems
    per_line = max(1, int(math.floor((PRINT_OPTS.linewidth - indent) / (fmt.width + 2))))
    if summarize and not edge:
        items = ["..."]
    elif summarize and array.shape[0] > 2 * edge:
        items = ([fmt.format(v) for v in array[:edge].tolist()] + [" ..."]
                 + [fmt.format(v) for v in array[-edge:].tolist()])
    else:
        items = [fmt.format(v) for v in array.tolist()]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _body(array, indent, summarize, fmt):
    if array.ndim == 0:
        return fmt.format(array.item())
    if array.ndim == 1:
        return _vector(array, indent, summarize, fmt)
    edge = PRINT_OPTS.edgeitems
    if summarize and array.shape[0] > 2 * edge:
        rows = ([_body(array[i], indent + 1, summarize, fmt) for i in range(edge)] + ["..."]
                + [_body(array[i], indent + 1, summarize, fmt)
                   for i in range(len(array) - edge, len(array))])
    else:
        rows = [_body(row, indent + 1, summarize, fmt) for row in array]
    return "[" + ("," + "\n" * (array.ndim - 1) + " " * (indent + 1)).join(rows) + "]"


def tensor_body(array, indent):
    """The bracketed values, as PyTorch's _tensor_str prints them."""
    if array.size == 0:
        return "[]"
    summarize = array.size > PRINT_OPTS.threshold
    if array.dtype == np.float16:
        array = array.astype(np.float32)
    floating = array.dtype.kind == "f"
    fmt = _Formatter(_summarized(array) if summarize else array, floating)
    return _body(array, indent, summarize, fmt)


def _add_suffixes(text, suffixes, indent):
    parts = [text]
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > PRINT_OPTS.linewidth:
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
        if not PRINT_OPTS.edgeitems:  # the values may all be hidden: PyTorch prints the size
            suffixes.append(f"size={tuple(array.shape)}")
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
    """Set how tensors print (torch.set_printoptions).

    Args:
        precision: digits after the decimal point of floats (default 4).
        threshold: tensors with more elements than this are summarised with ``...``
            (default 1000).
        edgeitems: how many items a summary keeps at each end of each dimension (default 3).
        linewidth: characters per line before wrapping (default 80).
        profile: ``'default'``, ``'short'`` (2 decimals, 2 edge items) or ``'full'`` (never
            summarise); the other arguments override it. An unknown name changes nothing.
        sci_mode: True forces the ``1.0000e+00`` style, False forbids it, None (the default)
            lets the values choose. Unlike the others it is always set: every call without
            it goes back to None.

    Example:
        >>> torch.set_printoptions(precision=2)
        >>> torch.tensor([1.12345])
        tensor([1.12])
        >>> torch.set_printoptions(profile="default")
    """
    if profile in _PROFILES:
        (PRINT_OPTS.precision, PRINT_OPTS.threshold, PRINT_OPTS.edgeitems,
         PRINT_OPTS.linewidth) = _PROFILES[profile]
    if precision is not None:
        PRINT_OPTS.precision = precision
    if threshold is not None:
        PRINT_OPTS.threshold = threshold
    if edgeitems is not None:
        PRINT_OPTS.edgeitems = edgeitems
    if linewidth is not None:
        PRINT_OPTS.linewidth = linewidth
    PRINT_OPTS.sci_mode = sci_mode


def get_printoptions():
    """The current print options as a dict that ``set_printoptions(**options)`` accepts
    (torch._tensor_str.get_printoptions)."""
    return {"precision": PRINT_OPTS.precision, "threshold": PRINT_OPTS.threshold,
            "edgeitems": PRINT_OPTS.edgeitems, "linewidth": PRINT_OPTS.linewidth,
            "sci_mode": PRINT_OPTS.sci_mode}


@contextlib.contextmanager
def printoptions(**options):
    """Use other print options inside a ``with`` block, then restore the previous ones
    (torch._tensor_str.printoptions); it takes set_printoptions's arguments."""
    previous = get_printoptions()
    set_printoptions(**options)
    try:
        yield
    finally:
        set_printoptions(**previous)
