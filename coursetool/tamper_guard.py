"""The code the grader adds to a student's notebook so that tampering makes tests fail.

Two defences, both inside the kernel that runs the student's code:

1. A *guard*: the first cell of the graded notebook (before any student code) records the
   objects the tests rely on: every public name of ``builtins``, ``math``, ``numpy``,
   ``numpy.testing`` and any module the notebook asks to protect, the exception and display
   hooks, IPython's input/AST transformers and custom exception handler. Each graded cell calls
   the guard before and after its asserts; a replaced object raises
   ``GradingEnvironmentModified`` naming it.
2. A *canary*: each graded cell ends by printing a random token that changes on every run and
   is checked with ``# NBVAL_CHECK_OUTPUT``. A cell whose failure was swallowed (an IPython
   custom exception handler, a replaced ``showtraceback``) never reaches that line, so it fails.

This raises the bar for casual gaming; code running in the same process as the tests can
always do more, so graded work still deserves a human look when scores look odd.
"""

DEFAULT_PROTECTED_MODULES = ("builtins", "math", "numpy", "numpy.testing")

# Exception name the grader looks for in a traceback to report "tampered".
TAMPER_ERROR = "GradingEnvironmentModified"

_SETUP_CELL = '''\
# coursetool grading setup: records the testing tools before any student code runs.
def _coursetool_make_guard(module_names):
    import importlib, inspect, sys
    shell = get_ipython()

    class {error}(Exception):
        pass

    modules = []
    for name in module_names:
        try:
            modules.append((name, importlib.import_module(name)))
        except Exception:
            pass

    def hooks():
        manager = shell.input_transformer_manager
        return {{
            "sys.excepthook": (sys.excepthook,),
            "sys.displayhook": (sys.displayhook,),
            "sys.stdout": (sys.stdout,),
            "sys.stderr": (sys.stderr,),
            "sys.settrace": (sys.gettrace(),),
            "IPython custom exception handler": tuple(shell.custom_exceptions) + (shell.CustomTB,),
            "IPython input transformers": tuple(shell.input_transformers_cleanup)
            + tuple(shell.input_transformers_post)
            + tuple(manager.cleanup_transforms) + tuple(manager.line_transforms)
            + tuple(manager.token_transformers),
            "IPython AST transformers": tuple(shell.ast_transformers),
            "IPython shell methods": tuple(getattr(type(shell), name) for name in
                ("run_cell", "run_ast_nodes", "run_code", "showtraceback", "_showtraceback")),
            "IPython shell instance": tuple(vars(shell).get(name) for name in
                ("run_cell", "run_ast_nodes", "run_code", "showtraceback", "_showtraceback")),
        }}

    # Import every module first: importing a submodule adds a name to its parent.
    snapshot = {{
        name: {{key: value for key, value in vars(module).items() if not key.startswith("_")}}
        for name, module in modules
    }}
    recorded_hooks = hooks()

    def same(a, b):
        # The kernel re-binds some hooks (sys.excepthook, input) on every cell: a bound method
        # of the same object is the same hook.
        return a is b or (inspect.ismethod(a) and inspect.ismethod(b) and a == b)

    def guard():
        changed = []
        for name, module in modules:
            current = vars(module)
            for key, value in snapshot[name].items():
                if not same(current.get(key, changed), value):
                    changed.append(f"{{name}}.{{key}}")
        for what, objects in hooks().items():
            before = recorded_hooks[what]
            if len(objects) != len(before) or not all(same(a, b) for a, b in zip(objects, before)):
                changed.append(what)
        if changed:
            raise {error}(
                "the grading environment was modified, so this test cannot be trusted: "
                + ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
                + " replaced or changed")

    return guard


{guard_name} = _coursetool_make_guard({modules!r})
del _coursetool_make_guard
'''


def setup_cell_source(guard_name, protected_modules):
    """Source of the grading setup cell that defines the guard function named guard_name."""
    modules = list(DEFAULT_PROTECTED_MODULES) + [m for m in protected_modules if m not in DEFAULT_PROTECTED_MODULES]
    return _SETUP_CELL.format(error=TAMPER_ERROR, guard_name=guard_name, modules=modules)


def canary_line(token, grade_id):
    """The text a graded cell prints as its very last action."""
    return f"{token}:{grade_id}"


def graded_cell_source(test_source, guard_name, token, grade_id):
    """Wrap a graded cell's tests: guard, tests, guard again, then print the canary."""
    if not test_source.endswith("\n"):
        test_source += "\n"
    return (
        "# NBVAL_CHECK_OUTPUT\n"
        f"{guard_name}()\n"
        f"{test_source}"
        f"{guard_name}()\n"
        f"print({canary_line(token, grade_id)!r})\n"
    )


def sanitize_rules(token):
    """nbval sanitize rules for a grading run.

    A graded cell's stdout is reduced to its canary, so a student's stray ``print`` inside a
    tested function does not cost points, while a missing canary still fails. Long outputs are
    cut so that a failing comparison never diffs megabytes.
    """
    return (
        "[canary]\n"
        rf"regex: ^[\s\S]*({token}:[\w.-]+)[\s\S]*$" "\n"
        r"replace: \1" "\n\n"
        "[huge outputs]\n"
        r"regex: ^([\s\S]{2000})[\s\S]+$" "\n"
        r"replace: \1 ...(cut)" "\n"
    )
