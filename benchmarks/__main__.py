"""``python -m benchmarks [--quick] [--only NAME,...] [--json PATH] [--threads N]``, or
``python -m benchmarks --profile NAME`` for minigrad's hot spots on one section."""
import argparse
import sys

from . import (cases_chain, cases_course, cases_memory, cases_mlp, cases_ops, cases_tiny,
               environment, report)
from .timing import Settings

CASES = {
    "ops": cases_ops,
    "tiny": cases_tiny,
    "mlp": cases_mlp,
    "chain": cases_chain,
    "memory": cases_memory,
    "course": cases_course,
}


def build_parser():
    """The command line of ``python -m benchmarks``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="few repeats and small sizes: a smoke run, not figures to quote")
    parser.add_argument("--only", help=f"comma-separated sections to run ({', '.join(CASES)})")
    parser.add_argument("--json", default=str(report.DEFAULT_JSON),
                        help="where to write the results (default: benchmarks/results.json)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads for numpy's BLAS and for torch (default: 1, see "
                             "environment.limit_threads)")
    parser.add_argument("--profile", metavar="NAME",
                        help="instead of timing, cProfile minigrad on a section's workloads "
                             "(ops, tiny, mlp, chain)")
    return parser


def _selected(only):
    if not only:
        return list(CASES)
    names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in CASES]
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(unknown)}; "
                         f"choose from {', '.join(CASES)}")
    return names


def main(argv=None):
    """Run the selected sections, print the table and write the JSON; return the exit code."""
    args = build_parser().parse_args(argv)
    environment.limit_threads(args.threads)
    if args.profile:
        from .profiling import print_profile

        profiled = {n: m for n, m in CASES.items() if hasattr(m, "minigrad_workloads")}
        if args.profile not in profiled:
            raise SystemExit(f"--profile takes one of: {', '.join(profiled)}")
        module = profiled[args.profile]
        print_profile(args.profile, module.minigrad_workloads(), 0.5 if args.quick else 3.0)
        return 0
    settings = Settings(quick=args.quick)
    meta = environment.describe(args.quick)
    sections = []
    for name in _selected(args.only):
        print(f"running {name}...", file=sys.stderr, flush=True)
        sections.append(CASES[name].run(settings))
    report.print_report(meta, sections)
    report.write_json(meta, sections, args.json)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
