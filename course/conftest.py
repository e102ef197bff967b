"""nbval settings for the course notebooks (``pytest --nbval course/``).

Stored outputs must reproduce exactly, except stderr: warnings and kernel messages carry
machine-specific paths and versions, so stderr is left out of the comparison. Memory addresses
and kernel paths in other outputs are handled by nbval_sanitize.cfg.
"""


def pytest_collectstart(collector):
    """Tell nbval not to compare stderr streams."""
    if type(collector).__name__ == "IPyNbFile" and "stderr" not in collector.skip_compare:
        collector.skip_compare = collector.skip_compare + ("stderr",)
