"""Command line: ``python -m unrolled_course student-versions|grade|editions ...`` (what ``./lab.sh`` runs)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import ASSIGNMENT_DIRS, DEFAULT_TIMEOUT, GRADES_DIR, REPO_ROOT, STUDENT_DIR
from . import cells as C


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _assignment_dirs(args) -> list[Path]:
    """The teacher's folders: those given with --assignments, else every edition's that exists (English first)."""
    if args.assignments:
        return [Path(a) for a in args.assignments]
    return [d for d in ASSIGNMENT_DIRS if d.is_dir()] or [ASSIGNMENT_DIRS[0]]


def student_versions(args) -> int:
    from .student import write_class_copy, write_student_versions

    folders = _assignment_dirs(args)

    if args.class_copy:
        if args.outdir:
            print("student-versions: give OUTDIR or --class-copy DIR, not both", file=sys.stderr)
            return 2
        copy = write_class_copy(REPO_ROOT, Path(args.class_copy), folders)
        made = copy.student_versions
        print(f"Class copy in {_show(copy.folder)}/: {copy.files} files, a git repository (branch main, commit "
              f"{copy.commit}); left out: {', '.join(copy.left_out)}.")
    else:
        outdir = Path(args.outdir or STUDENT_DIR)
        made = []
        if len(folders) == 1:
            made = write_student_versions(folders[0], outdir)
        else:  # one subfolder per edition: OUTDIR/en/, OUTDIR/zh/ (the edition is the folder above assignments/)
            for folder in folders:
                made += write_student_versions(folder, outdir / folder.parent.name)
        print(f"Student versions of {len(made)} assignments in {_show(outdir)}/:")
    names = [m.target.relative_to(m.target.parent.parent).as_posix() if len(folders) > 1 else m.target.name
             for m in made]
    width = max(len(n) for n in names)
    for name, m in zip(names, made):
        print(f"  {name:<{width}}  {m.checks} check cells, {C.fmt_points(m.points)} points; "
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
    _, status = grade_all([Path(p) for p in args.submissions], _assignment_dirs(args), Path(args.out),
                          args.timeout, args.assignment, args.jobs)
    return status


def editions(args) -> int:
    from .editions import check, sync

    if args.action == "sync":
        changed = sync(Path(args.notebooks))
        for line in changed:
            print(line)
        print(f"editions sync: {len(changed)} Chinese notebook(s) rewritten from the English code cells"
              if changed else "editions sync: every Chinese notebook's code cells already equal the English ones")
        return 0
    problems = check(Path(args.notebooks), untranslated_ok=args.allow_untranslated)
    for line in problems:
        print(line)
    if problems:
        print(f"editions check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("editions check: the editions agree (same cells, ids and code; Chinese text, standard terms)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./lab.sh", description="Unrolled's course assignments (nbgrader's "
                                     "conventions, run in the java kernel).")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("student-versions", help="write the student version of every assignment",
                       description="Writes the student version of every notebook in notebooks/en/assignments/ and "
                       "notebooks/zh/assignments/ (into OUTDIR/en/ and OUTDIR/zh/): "
                       "solutions replaced by stubs that throw UnsupportedOperationException, hidden tests removed, "
                       "outputs cleared, nbgrader metadata kept. With --class-copy, a copy of the whole "
                       "repository for a class instead.")
    p.add_argument("outdir", nargs="?", help=f"where to write them (default {_show(STUDENT_DIR)})")
    p.add_argument("--class-copy", metavar="DIR",
                   help="write to DIR (new or empty) the files git tracks, with the student versions in place of "
                   "the teacher's notebooks in notebooks/*/assignments/ and without the grader's tests, as a new git "
                   "repository with one commit: push it to the class's own repository for nbgitpuller and the image")
    p.add_argument("--assignments", action="append", metavar="DIR",
                   help="a folder of teacher's notebooks (repeatable; default both editions' assignments/ folders; "
                   "with one folder the student versions go straight into OUTDIR)")
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
    g.add_argument("--assignments", action="append", metavar="DIR",
                   help="a folder of teacher's notebooks (repeatable; default both editions' assignments/ folders, "
                   "English first: a submission is graded against the edition whose text it carries; the code, "
                   "and so the points, are the same in both)")
    g.set_defaults(run=grade)

    e = sub.add_parser("editions", help="keep the Chinese edition's code in step with the English one",
                       description="The Chinese notebooks (notebooks/zh/) are the English ones (notebooks/en/) with "
                       "Chinese text cells. sync: rewrites every Chinese notebook's code cells from the English "
                       "notebook of the same file name, matched by cell id (the Chinese markdown stays). check: every "
                       "English notebook and assignment has a Chinese one with the same cells in the same order (ids, "
                       "types), byte-identical code cells and the same metadata; every text cell of it is Chinese and "
                       "uses the standard terms (editions.TERMS); relative links resolve. Exit status 1 on a problem.")
    e.add_argument("action", choices=["sync", "check"])
    e.add_argument("--notebooks", default=str(REPO_ROOT / "notebooks"), help="the notebooks folder (default %(default)s)")
    e.add_argument("--allow-untranslated", action="store_true",
                   default=os.environ.get("UNROLLED_EDITIONS_ALLOW_UNTRANSLATED") == "1",
                   help="check: skip the Chinese-text and term checks (placeholder copies of English notebooks); "
                   "also on with env UNROLLED_EDITIONS_ALLOW_UNTRANSLATED=1")
    e.set_defaults(run=editions)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except C.AssignmentError as e:
        print(f"{args.command}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
