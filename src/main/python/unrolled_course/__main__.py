"""Command line: ``python -m unrolled_course student-versions|grade ...`` (what ``./lab.sh`` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ASSIGNMENTS_DIR, GRADES_DIR, REPO_ROOT, STUDENT_DIR
from . import cells as C


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def student_versions(args) -> int:
    from .student import write_class_copy, write_student_versions

    if args.class_copy:
        if args.outdir:
            print("student-versions: give OUTDIR or --class-copy DIR, not both", file=sys.stderr)
            return 2
        copy = write_class_copy(REPO_ROOT, Path(args.class_copy), Path(args.assignments))
        made = copy.student_versions
        print(f"Class copy in {_show(copy.folder)}/: {copy.files} files, a git repository (branch main, commit "
              f"{copy.commit}); left out: {', '.join(copy.left_out)}.")
    else:
        outdir = Path(args.outdir or STUDENT_DIR)
        made = write_student_versions(Path(args.assignments), outdir)
        print(f"Student versions of {len(made)} assignments in {_show(outdir)}/:")
    width = max(len(m.target.name) for m in made)
    for m in made:
        print(f"  {m.target.name:<{width}}  {m.checks} check cells, {C.fmt_points(m.points)} points; "
              f"{m.solution_regions} solution regions stubbed, {m.hidden_blocks} hidden-test blocks removed")
    if args.class_copy:
        print(f"Push it to the class's own repository (cd {_show(copy.folder)} && git remote add origin URL && "
              "git push -u origin main), and point nbgitpuller and the image at that one (binder/README.md).")
    return 0


def grade(args) -> int:
    from .grade import grade_all

    if args.timeout <= 0:
        print("grade: --timeout must be > 0", file=sys.stderr)
        return 2
    if args.jobs < 1:
        print("grade: --jobs must be ≥ 1", file=sys.stderr)
        return 2
    _, status = grade_all([Path(p) for p in args.submissions], Path(args.assignments), Path(args.out),
                          args.timeout, args.assignment, args.jobs)
    return status


def main(argv: list[str] | None = None) -> int:
    from .grade import DEFAULT_TIMEOUT

    parser = argparse.ArgumentParser(prog="./lab.sh", description="Unrolled's course assignments (nbgrader's "
                                     "conventions, run in the java kernel).")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("student-versions", help="write the student version of every assignment",
                       description="Writes the student version of every notebook in notebooks/assignments/: "
                       "solutions replaced by stubs that throw UnsupportedOperationException, hidden tests removed, "
                       "outputs cleared, nbgrader metadata kept. With --class-copy, a copy of the whole "
                       "repository for a class instead.")
    p.add_argument("outdir", nargs="?", help=f"where to write them (default {_show(STUDENT_DIR)})")
    p.add_argument("--class-copy", metavar="DIR",
                   help="write to DIR (new or empty) the files git tracks, with the student versions in place of "
                   "the teacher's notebooks in notebooks/assignments/ and without the grader's tests, as a new git "
                   "repository with one commit: push it to the class's own repository for nbgitpuller and the image")
    p.add_argument("--assignments", default=str(ASSIGNMENTS_DIR), help="the teacher's notebooks (default %(default)s)")
    p.set_defaults(run=student_versions)

    g = sub.add_parser("grade", help="grade submitted notebooks in the java kernel",
                       description="Runs each submission top to bottom in the java kernel with the teacher's check "
                       "cells (hidden tests included) put back, and scores every check cell. Prints a table per "
                       "submission and writes grades.json, grades.csv and the executed notebooks to --out. Each "
                       "submission runs in a worker and a kernel of its own, in an empty scratch folder, without "
                       "magics; with bubblewrap (bwrap) installed, in a sandbox without network where only that "
                       "folder is writable (UNROLLED_GRADE_SANDBOX=0 turns it off). Exit status 1 when a submission "
                       "could not be graded for a reason that is not the student's (kernel, dead worker), 2 when a "
                       "teacher's notebook is broken or changed during grading.")
    g.add_argument("submissions", nargs="+", metavar="SUBMISSION.ipynb")
    g.add_argument("--out", default=str(GRADES_DIR), help=f"where the results go (default {_show(GRADES_DIR)})")
    g.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="seconds one cell may run before it is stopped (default %(default)g; "
                   "env UNROLLED_GRADE_TIMEOUT)")
    g.add_argument("--jobs", type=int, default=1,
                   help="grade this many submissions at a time, each in its own kernel (default %(default)s)")
    g.add_argument("--assignment", help="grade every submission as this assignment (a notebook name without "
                   ".ipynb) instead of recognising it by its grade_ids")
    g.add_argument("--assignments", default=str(ASSIGNMENTS_DIR), help="the teacher's notebooks (default %(default)s)")
    g.set_defaults(run=grade)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except C.AssignmentError as e:
        print(f"{args.command}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
