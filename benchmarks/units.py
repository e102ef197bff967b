"""Values with readable units, for the table and the PASS/FAIL lines."""


def format_value(value, unit):
    """A value with a readable unit: 412 ns, 1.23 ms, 3.4 MB."""
    if value is None:
        return "-"
    if unit == "B":
        for scale, name in ((2**20, "MB"), (2**10, "KB")):
            if abs(value) >= scale:
                return f"{value / scale:.2f} {name}"
        return f"{value:.0f} B"
    if unit == "count":
        return f"{value:.0f}"
    suffix = "/op" if unit == "s/op" else ""
    for scale, name in ((1, "s"), (1e-3, "ms"), (1e-6, "us")):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {name}{suffix}"
    return f"{value / 1e-9:.3g} ns{suffix}"
