"""Grades submitted notebooks the way ``nbgrader autograde`` does, in the java kernel.

For each submission:

1. find its assignment: the teacher's notebook in notebooks/assignments/ that shares the most grade_ids with it
   (else the one with the same file name);
2. restore every check cell and every locked cell from the teacher's version, matched by grade_id — this puts
   the hidden tests back and undoes any edit to given code; the student's solution cells stay as they are;
3. run every code cell top to bottom in a fresh kernel, going on after errors, timeouts and kernel deaths
   (see kernel.py);
4. score each check cell: its points if it ran without an error, else 0 with the first line of the error.

The result is printed as a table per submission and written to grades.json and grades.csv, with the executed
notebook beside them as feedback. A broken submission is reported, never fatal.
"""

from __future__ import annotations

import copy
import csv
import datetime as _dt
import json
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from . import cells as C
from .kernel import KernelUnavailable, run_all_cells

DEFAULT_TIMEOUT = float(os.environ.get("UNROLLED_GRADE_TIMEOUT", "60"))
STARTUP_TIMEOUT = float(os.environ.get("UNROLLED_KERNEL_STARTUP_TIMEOUT", "120"))


@dataclass
class Check:
    grade_id: str
    max_points: float
    points: float = 0.0
    status: str = "not run"  # passed | failed | missing | not run
    message: str = ""


@dataclass
class Grade:
    submission: str
    assignment: str | None = None
    teacher_notebook: str | None = None
    checks: list[Check] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # why the submission could not be run at all
    graded_notebook: str | None = None
    seconds: float = 0.0
    environment_error: bool = False  # not the student's fault: the kernel would not start

    @property
    def score(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.checks)

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("environment_error")
        d["score"] = self.score
        d["max_score"] = self.max_score
        return d


class Assignments:
    """The teacher's notebooks, with the grade_ids of each."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.notebooks: dict[str, object] = {}
        self.paths: dict[str, Path] = {}
        for path in sorted(folder.glob("*.ipynb")):
            nb = nbformat.read(str(path), as_version=4)
            C.check_teacher_notebook(nb, path.name)
            self.notebooks[path.stem] = nb
            self.paths[path.stem] = path
        if not self.notebooks:
            raise C.AssignmentError(f"no assignment notebooks in {folder}")

    def ids(self, name: str) -> set[str]:
        return {gid for cell in self.notebooks[name].cells if (gid := C.grade_id(cell))}

    def match(self, nb, path: Path) -> str | None:
        """The assignment a submission belongs to: most grade_ids in common, else the same file name."""
        theirs = {gid for cell in (nb.cells if nb is not None else []) if (gid := C.grade_id(cell))}
        overlap = {name: len(self.ids(name) & theirs) for name in self.notebooks}
        best = max(overlap.values(), default=0)
        if best > 0:
            winners = [name for name, n in overlap.items() if n == best]
            if len(winners) == 1:
                return winners[0]
            if path.stem in winners:
                return path.stem
        return self.by_file_name(path)

    def by_file_name(self, path: Path) -> str | None:
        if path.stem in self.notebooks:
            return path.stem
        hits = [name for name in self.notebooks if name in path.stem]
        return max(hits, key=len) if hits else None


def prepare(submission, teacher) -> tuple[object, dict[str, int], list[str]]:
    """The notebook to run: the submission with check and locked cells restored from the teacher's version.

    Returns it, the index of the first cell of each grade_id, and notes on what was odd.
    """
    nb = copy.deepcopy(submission)
    nb.metadata["kernelspec"] = copy.deepcopy(teacher.metadata.get("kernelspec", {}))
    nb.metadata["language_info"] = copy.deepcopy(teacher.metadata.get("language_info", {"name": "java"}))
    given = {gid: cell for cell in teacher.cells if (gid := C.grade_id(cell))}
    where: dict[str, int] = {}
    notes: list[str] = []
    for index, cell in enumerate(nb.cells):
        gid = C.grade_id(cell)
        if gid in given:
            if gid in where:
                notes.append(f"cell {index + 1} repeats grade_id {gid!r} of cell {where[gid] + 1}; only the first counts")
            else:
                where[gid] = index
                original = given[gid]
                if C.is_check(original) or C.is_locked(original):
                    restored = copy.deepcopy(original)
                    if "id" in cell:
                        restored["id"] = cell["id"]
                    nb.cells[index] = cell = restored
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb, where, notes


def _label(cell) -> str:
    gid = C.grade_id(cell)
    if gid and C.is_solution(cell):
        return f" ({gid}, your code)"
    if gid and C.is_check(cell):
        return f" ({gid}, check)"
    if gid and C.is_locked(cell):
        return f" ({gid}, given code)"
    return ""


def grade_one(path: Path, assignments: Assignments, out_dir: Path, label: str, timeout: float,
              assignment: str | None = None) -> Grade:
    started = time.perf_counter()
    grade = Grade(submission=str(path))
    nb = None
    if not path.is_file():
        grade.error = "no such file"
        grade.environment_error = True
        return grade
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as e:  # not JSON, not a notebook
        grade.error = f"not a readable notebook: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    name = assignment or assignments.match(nb, path)
    if name is None:
        grade.error = grade.error or ("cannot tell which assignment this is: it has no grade_id of any notebook in "
                                      f"{assignments.folder} and no matching file name (use --assignment NAME)")
        return grade
    teacher = assignments.notebooks[name]
    grade.assignment = name
    grade.teacher_notebook = _show(assignments.paths[name])
    checks = [cell for cell in teacher.cells if C.is_check(cell)]
    grade.checks = [Check(C.grade_id(cell), C.points(cell)) for cell in checks]
    if nb is None:
        for check in grade.checks:
            check.message = "not run: " + grade.error
        return grade

    run_nb, where, notes = prepare(nb, teacher)
    grade.problems.extend(notes)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        run = run_all_cells(
            run_nb,
            cwd=assignments.paths[name].parent,
            timeout=timeout,
            startup_timeout=STARTUP_TIMEOUT,
            log_path=out_dir / f"{label}.kernel.log",
            replayable=lambda cell: not C.is_check(cell),
        )
    except KernelUnavailable as e:
        grade.error = str(e)
        grade.environment_error = True
        for check in grade.checks:
            check.message = "not run: " + grade.error
        return grade

    for check in grade.checks:
        index = where.get(check.grade_id)
        if index is None:
            check.status = "missing"
            check.message = "this check cell is missing from the submission (deleted, or its nbgrader metadata removed)"
            continue
        outcome = run.cells.get(index)
        if outcome is not None and outcome.ok:
            check.status, check.points = "passed", check.max_points
        else:
            check.status = "not run" if outcome is None or outcome.status == "not run" else "failed"
            check.message = outcome.message if outcome is not None else "not run"
    for index, outcome in sorted(run.cells.items()):
        cell = run_nb.cells[index]
        if not outcome.ok and not C.is_check(cell) and outcome.status != "not run":
            grade.problems.append(f"cell {index + 1}{_label(cell)}: {outcome.message}")
    grade.problems.extend(run.notes)
    target = out_dir / f"{label}.graded.ipynb"
    nbformat.write(run_nb, str(target))
    grade.graded_notebook = _show(target)
    grade.seconds = round(time.perf_counter() - started, 1)
    return grade


def _show(path: Path) -> str:
    """A path relative to the working directory when it is below it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def _labels(paths: list[Path]) -> list[str]:
    """A distinct, file-name-safe label per submission: its stem, with its folder's name when stems repeat."""
    labels, used = [], set()
    for path in paths:
        base = path.stem if path.stem else "submission"
        label = base
        if label in used:
            label = f"{path.parent.name}-{base}"
        n = 2
        while label in used:
            label = f"{base}-{n}"
            n += 1
        used.add(label)
        labels.append(re.sub(r"[^\w.-]+", "_", label))
    return labels


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def report(grade: Grade, out=sys.stdout) -> None:
    title = grade.submission
    if grade.assignment:
        title += f"  →  assignment {grade.assignment} ({grade.teacher_notebook})"
    print(f"\n== {title}", file=out)
    if grade.error:
        print(f"   NOT GRADED: {grade.error}", file=out)
    if grade.checks:
        width = max(len("grade_id"), max(len(c.grade_id) for c in grade.checks), len("total"))
        print(f"   {'grade_id':<{width}}  {'points':>9}  result", file=out)
        for c in grade.checks:
            pts = f"{C.fmt_points(c.points)} / {C.fmt_points(c.max_points)}"
            result = "passed" if c.status == "passed" else _clip(c.message or c.status, 110)
            print(f"   {c.grade_id:<{width}}  {pts:>9}  {result}", file=out)
        total = f"{C.fmt_points(grade.score)} / {C.fmt_points(grade.max_score)}"
        print(f"   {'total':<{width}}  {total:>9}", file=out)
    if grade.problems:
        print("   other problems:", file=out)
        for p in grade.problems:
            print(f"     - {_clip(p, 140)}", file=out)
    if grade.graded_notebook:
        print(f"   graded notebook: {grade.graded_notebook} ({grade.seconds:g} s)", file=out)


def write_results(grades: list[Grade], out_dir: Path, timeout: float) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "graded_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cell_timeout_seconds": timeout,
        "submissions": [g.to_json() for g in grades],
    }
    json_path = out_dir / "grades.json"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    csv_path = out_dir / "grades.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["submission", "assignment", "grade_id", "points", "max_points", "status", "message"])
        for g in grades:
            for c in g.checks:
                w.writerow([g.submission, g.assignment or "", c.grade_id, C.fmt_points(c.points),
                            C.fmt_points(c.max_points), c.status, c.message])
            w.writerow([g.submission, g.assignment or "", "total", C.fmt_points(g.score),
                        C.fmt_points(g.max_score), "error" if g.error else "graded", g.error or ""])
    return json_path, csv_path


def _grade_task(task) -> Grade:
    """grade_one for a worker process: (path, assignments folder, out dir, label, timeout, assignment)."""
    path, folder, out_dir, label, timeout, assignment = task
    try:
        return grade_one(path, Assignments(folder), out_dir, label, timeout, assignment)
    except Exception as e:  # a bug of ours must not lose the other submissions' grades
        return Grade(submission=str(path), error=f"the grader failed: {type(e).__name__}: {e}",
                     environment_error=True)


def grade_all(paths: list[Path], assignments_dir: Path, out_dir: Path, timeout: float,
              assignment: str | None = None, jobs: int = 1, out=sys.stdout) -> tuple[list[Grade], int]:
    """Grades every submission, `jobs` at a time (each in its own kernel); returns the grades and an exit status:
    0 when every submission got a report, 1 when some could not be run for reasons that are not the student's."""
    assignments = Assignments(assignments_dir)
    if assignment is not None and assignment not in assignments.notebooks:
        raise C.AssignmentError(f"no assignment {assignment!r} in {assignments_dir}; there are "
                                + ", ".join(sorted(assignments.notebooks)))
    tasks = [(path, assignments_dir, out_dir, label, timeout, assignment) for path, label in zip(paths, _labels(paths))]
    grades = []
    if jobs > 1 and len(tasks) > 1:
        # Separate processes (spawned, so no event loop or socket is shared): one kernel each.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
            for grade in pool.map(_grade_task, tasks):
                report(grade, out)
                grades.append(grade)
    else:
        for task in tasks:
            grade = _grade_task(task)
            report(grade, out)
            grades.append(grade)
    json_path, csv_path = write_results(grades, out_dir, timeout)
    if len(grades) > 1:
        print("\n== summary", file=out)
        width = max(len(g.submission) for g in grades)
        for g in grades:
            score = f"{C.fmt_points(g.score)} / {C.fmt_points(g.max_score)}" if g.checks else "-"
            print(f"   {g.submission:<{width}}  {score:>9}  {g.assignment or ''}{'  (NOT GRADED)' if g.error else ''}",
                  file=out)
    print(f"\ngrades written to {_show(json_path)} and {_show(csv_path)}", file=out)
    return grades, (1 if any(g.environment_error for g in grades) else 0)
