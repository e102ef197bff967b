"""Stand-in that makes jsonschema's optional ``import rfc3987_syntax`` fail fast.

The real package builds a grammar for about 3.5 s on every import, and nbval imports it through
nbformat -> jsonschema in every pytest process. nbformat never checks IRIs, so the nbval runs
coursetool starts put this directory first on PYTHONPATH (see nbval_run.py).
"""

raise ImportError("rfc3987_syntax is disabled in coursetool's nbval runs")
