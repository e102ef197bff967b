"""coursetool: the instructor's tool for the minigrad course.

- ``coursetool release [--check]``: solutions/ -> exercises/ (release.py)
- ``coursetool grade SUBMISSIONS --out DIR``: nbval grading students cannot game (grade.py)
- ``coursetool merge OUT_1 ... OUT_N --out DIR``: join sharded grading runs (merge.py)
- ``coursetool validate``: course/ strict, solutions/ pass, untouched exercises fail (validate.py)

The same functions are importable: ``coursetool.grade.grade(...)``,
``coursetool.validate.validate(root)``, ``coursetool.release.release(root)``.
"""
