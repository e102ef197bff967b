"""Command line: ``coursetool release | grade | merge | validate`` (also ``python -m coursetool``)."""

import argparse
import sys
from pathlib import Path

from .gradebook import format_points
from .notebook import ConventionError, NotebookError


def _release(args):
    from .release import release

    problems = release(args.root, check=args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.check:
        print(f"released {args.root / 'solutions'} -> {args.root / 'exercises'}")
    return 1 if problems else 0


def _grade(args):
    from .grade import grade, parse_shard

    shard = parse_shard(args.shard) if args.shard else None
    rows = grade(args.submissions, args.out, master_dir=args.master, jobs=args.jobs, timeout=args.timeout,
                 shard=shard, notebooks=args.notebook or None, keep_workdir=args.keep_workdir)
    earned = sum(row.points for row in rows)
    possible = sum(row.max_points for row in rows)
    students = len({row.student for row in rows})
    print(f"graded {students} students: {format_points(earned)} / {format_points(possible)} points in total; "
          f"see {args.out / 'gradebook.csv'}")
    return 0


def _merge(args):
    from .merge import merge

    rows = merge(args.shards, args.out)
    print(f"merged {len(args.shards)} outputs ({len(rows)} rows) into {args.out / 'gradebook.csv'}")
    return 0


def _validate(args):
    from .validate import validate

    problems = validate(args.root, jobs=args.jobs, timeout=args.timeout, show_progress=True)
    for problem in problems:
        print(problem, file=sys.stderr)
    print("course is valid" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def build_parser():
    """The argument parser of the coursetool command."""
    parser = argparse.ArgumentParser(prog="coursetool", description="Instructor tool for the minigrad course.")
    commands = parser.add_subparsers(dest="command", required=True)

    release = commands.add_parser("release", help="write exercises/ from solutions/")
    release.add_argument("--root", type=Path, default=Path("."), help="course repository (default: .)")
    release.add_argument("--check", action="store_true", help="only check that exercises/ is up to date")
    release.set_defaults(run=_release)

    grade = commands.add_parser("grade", help="grade SUBMISSIONS_DIR/<student>/NN_name.ipynb")
    grade.add_argument("submissions", type=Path)
    grade.add_argument("--out", type=Path, required=True, help="where gradebook.csv and feedback/ go")
    grade.add_argument("--master", type=Path, default=Path("solutions"), help="master notebooks (default: solutions)")
    grade.add_argument("--jobs", type=int, default=1, help="notebooks run in parallel (pytest-xdist)")
    grade.add_argument("--timeout", type=float, default=60, help="seconds a cell may run (default: 60)")
    grade.add_argument("--shard", help="K/N: grade only every N-th student, starting at the K-th")
    grade.add_argument("--notebook", action="append", help="grade only this notebook (repeatable)")
    grade.add_argument("--keep-workdir", action="store_true", help="keep the rebuilt notebooks for debugging")
    grade.set_defaults(run=_grade)

    merge = commands.add_parser("merge", help="combine the outputs of sharded grade runs")
    merge.add_argument("shards", type=Path, nargs="+")
    merge.add_argument("--out", type=Path, required=True)
    merge.set_defaults(run=_merge)

    validate = commands.add_parser("validate", help="check course/, solutions/ and exercises")
    validate.add_argument("--root", type=Path, default=Path("."), help="course repository (default: .)")
    validate.add_argument("--jobs", type=int, default=2)
    validate.add_argument("--timeout", type=float, default=120)
    validate.set_defaults(run=_validate)
    return parser


def main(argv=None):
    """Entry point of the ``coursetool`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ConventionError, NotebookError, ValueError) as err:
        print(f"coursetool: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
