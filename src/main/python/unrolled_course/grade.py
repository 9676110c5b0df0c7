"""Grades submitted notebooks the way ``nbgrader autograde`` does, in the java kernel.

The teacher's notebooks are read once, before any student code runs, and kept in memory with their sha256; the
grader stops with an error if one of them changes on disk while it grades. For each submission:

1. find its assignment: the teacher's notebook in notebooks/en/assignments/ or notebooks/zh/assignments/ that shares
   the most grade_ids with it (else the one with the same file name). The two editions' teacher notebooks have the
   same cells, grade_ids, points and byte-identical code cells (``python -m unrolled_course editions check``), so a
   submission scores the same against either; it is graded against the edition whose text it carries (the one
   whose teacher's markdown cells it shares most, English on a tie), so that the restored locked text cells and the
   feedback notebook are in the student's language;
2. restore every check cell and every locked cell from the teacher's version, matched by grade_id — this puts
   the hidden tests back and undoes any edit to given code. A deleted check or locked cell is inserted again after
   the cell that precedes it in the teacher's notebook; one whose nbgrader metadata was removed is recognised by its
   source. The student's solution cells stay as they are;
3. refuse, without running them, student cells that use kernel magics (a line starting with ``%``: ``%load``,
   ``%jars``, ``%%loadFromPOM`` …), cells that use a library type the assignment forbids (FORBIDDEN below) and
   cells that declare a type or a top-level method named like a library or JDK one the check and given cells use
   (``class Math``, a ``sigma`` of its own: they would shadow java.lang.Math and the static import Ops.sigma in the
   checks); the checks below such a cell say why they failed;
4. run every code cell top to bottom in a fresh kernel, going on after errors, timeouts and kernel deaths
   (see kernel.py). The kernel's working directory is a new, empty scratch folder (plus a copy of notebooks/data/
   as data/ if the assignment reads it), never the teacher's folders, the grader's code or the output folder; it is
   deleted afterwards. Each submission is graded in a worker process of its own, and its kernel runs in a session and
   process group of its own that is killed, with everything it started, when the submission is done; only then
   does the grader write the results. A worker that dies (killed by the submission) costs that submission its
   grade, reported as an environment error (exit status 1), and nothing else. When bubblewrap (``bwrap``) can run
   here, the worker and its kernel run inside it: no network (``--unshare-net``; kernel and worker talk over the
   sandbox's own loopback), own pid namespace, the system read-only, the teacher's folder and the output folder
   hidden, only the scratch folder (and the worker's private folder) writable; the worker hands back its result as
   JSON, never pickled. Without bwrap (or with UNROLLED_GRADE_SANDBOX=0) grading goes on and says, in one line, that
   it is not sandboxed. Either way the code runs as the grader's user;
5. score each check cell: its points if it ran to its end without an error, else 0 with the first line of the
   error.

Why a passing check can be trusted (step 5). A student cell could redefine ``check``/``checkClose``/``close``
as no-ops, or overwrite the variables a check reads. So the given cells above a check (locked cells: imports,
helpers, given data) are run again, quietly, just before the check whenever a student cell has run since they last
ran. And a check passes only with proof that its cell ran to its end: the grader appends to the cell's code a
statement printing a random token made for this one execution (``secrets.token_hex``; it is in no source a student
cell could read beforehand), and scores the check only when the token appears in the cell's stdout and no error
occurred; the token line is removed from the feedback. Limits: the code still runs in the student's JVM, so a
submission that uses reflection to hook the evaluator (JShell's execution engine, IJava's output streams), or that
hides a shadowing declaration from the grader's simple scan (step 3: a method nested in odd formatting), can still
fool a check; the bubblewrap sandbox does not change that. Against such a submission, read the graded
notebook: the feedback shows every student cell and its output.

The result is printed as a table per submission and written to grades.json and grades.csv, with the executed
notebook beside them as feedback; long outputs and messages are cut with a note saying where and how much.
A broken submission is reported, never fatal.
"""

from __future__ import annotations

import copy
import csv
import datetime as _dt
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from . import DEFAULT_TIMEOUT  # seconds one cell may run (env UNROLLED_GRADE_TIMEOUT)
from . import cells as C
from .kernel import KernelUnavailable, kill_group, run_all_cells

# The most text one output of a graded notebook, or one line of the report, keeps; the rest is cut, and says so.
OUTPUT_LIMIT = 20_000

MAGIC = re.compile(r"^\s*%%?[A-Za-z_]", re.MULTILINE)
MAGICS_REFUSED = "magics are not allowed in submissions: this cell was not run (it has a line starting with %)"

# Library types a solution may not use, per assignment (its file name without .ipynb, the same in both editions,
# notebooks/en/assignments/ and notebooks/zh/assignments/): {regex: why}. A student cell that matches is not run, and
# every check below it that does not pass says why.
FORBIDDEN: dict[str, dict[str, str]] = {
    "a3-lstm-cell": {
        r"\b(?:PeepholeLSTMCell|GRUCell)\b": "the library's PeepholeLSTMCell and GRUCell",
        r"\bLSTMCell\b(?!\s*\.\s*Gates\b)": "the library's LSTMCell (only its Gates record is allowed)",
    },
    "a4-clipping-training": {
        r"\bClipping\b": "the library's Clipping class",
    },
}


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
    notebook_text: str | None = None  # the graded notebook, when a worker leaves writing it to the grader

    @property
    def score(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.checks)

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("environment_error")
        d.pop("notebook_text")
        d["score"] = self.score
        d["max_score"] = self.max_score
        return d


class Assignments:
    """The teacher's notebooks, with the grade_ids of each."""

    def __init__(self, folder: Path):
        self.folder = folder
        # folders the sandbox hides from the kernel: this one, and the other editions' teacher folders (grade_all)
        self.hidden: list[Path] = [folder]
        self.notebooks: dict[str, object] = {}
        self.paths: dict[str, Path] = {}
        self.sha256: dict[str, str] = {}
        for path in sorted(folder.glob("*.ipynb")):
            data = path.read_bytes()  # read once, before any student code runs; kept in memory from now on
            nb = nbformat.reads(data.decode("utf-8"), as_version=4)
            C.check_teacher_notebook(nb, path.name)
            self.notebooks[path.stem] = nb
            self.paths[path.stem] = path
            self.sha256[path.stem] = hashlib.sha256(data).hexdigest()
        if not self.notebooks:
            raise C.AssignmentError(f"no assignment notebooks in {folder}")

    def verify(self) -> None:
        """Raises AssignmentError if a teacher's notebook changed on disk (or went away) since it was read."""
        for name, path in self.paths.items():
            try:
                now = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                now = "gone"
            if now != self.sha256[name]:
                raise C.AssignmentError(
                    f"the teacher's notebook {path} changed on disk during grading (sha256 {self.sha256[name][:12]}… "
                    f"when read, {now[:12]}… now): grading stopped. Restore it (git checkout) and grade again.")

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


@dataclass
class Prepared:
    nb: object
    where: dict[str, int]        # grade_id → index of its cell in nb
    notes: list[str]
    given: set[int]              # cells that are the teacher's code (restored, or unchanged from the teacher's)
    refused: dict[int, str]      # cells not run, and why
    forbidden: dict[int, str]    # cells refused for using a forbidden library type, and why


def _student_source(cell) -> str:
    """A teacher's check cell as the student version shows it (hidden tests removed)."""
    return C.remove_hidden_tests(cell.source)[0] if C.is_grade(cell) else cell.source


def _restore_missing(nb, teacher, notes: list[str]) -> None:
    """Puts back every check and locked cell whose grade_id the submission lacks.

    A cell whose nbgrader metadata was removed but whose source is still the student version's is recognised by its
    source and restored in place; a deleted cell is inserted after the cell holding the grade_id that precedes it in
    the teacher's notebook (or at the top)."""
    have = {C.grade_id(c) for c in nb.cells if C.grade_id(c)}
    previous: str | None = None
    for tcell in teacher.cells:
        gid = C.grade_id(tcell)
        if not gid:
            continue
        if gid not in have and (C.is_check(tcell) or C.is_locked(tcell)):
            wanted = _student_source(tcell).strip()
            same = [i for i, c in enumerate(nb.cells) if not C.grade_id(c) and c.cell_type == tcell.cell_type
                    and c.get("source", "").strip() in (wanted, tcell.source.strip())]
            restored = copy.deepcopy(tcell)
            restored.pop("id", None)
            if same:
                at = same[0]
                if "id" in nb.cells[at]:
                    restored["id"] = nb.cells[at]["id"]
                nb.cells[at] = restored
                notes.append(f"cell {at + 1} had lost its nbgrader metadata; restored as {gid!r} from the teacher's copy")
            else:
                at = 0
                if previous is not None:
                    at = next((i + 1 for i, c in enumerate(nb.cells) if C.grade_id(c) == previous), len(nb.cells))
                if "id" in restored or nb.nbformat_minor >= 5:
                    restored["id"] = f"restored-{gid}"[:64]
                nb.cells.insert(at, restored)
                notes.append(f"the cell {gid!r} was missing (deleted?); restored from the teacher's copy")
            have.add(gid)
        previous = gid


TYPE_DECLARATION = re.compile(r"\b(?:class|interface|record|enum)\s+([A-Za-z_]\w*)")
_COMMENTS_AND_STRINGS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"', re.DOTALL)


METHOD_DECLARATION = re.compile(
    r"^(?:(?:public|private|protected|static|final|synchronized|<[^>\n]*>)\s+)*"
    r"[A-Za-z_][\w.<>\[\], ?]*\s+([a-z_]\w*)\s*\([^;{]*\)\s*(?:throws\s+[\w., ]+)?\{", re.MULTILINE)
METHOD_ANYWHERE = re.compile(r"^\s*" + METHOD_DECLARATION.pattern[1:], re.MULTILINE)
_CALL = re.compile(r"(?<![.\w])([a-z_]\w*)\s*\(")
_KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw", "else", "do", "try",
             "assert", "super", "this"}


def _code_only(source: str) -> str:
    return _COMMENTS_AND_STRINGS.sub(" ", source)


def _shadowable_names(teacher) -> set[str]:
    """Type names the check and given cells use that no cell of the teacher's notebook declares (so they come from
    the library or the JDK): a student type with one of these names would shadow it in every later cell."""
    used: set[str] = set()
    declared: set[str] = set()
    for cell in teacher.cells:
        if cell.cell_type != "code":
            continue
        code = _code_only(cell.source)
        declared.update(TYPE_DECLARATION.findall(code))
        declared.update(METHOD_ANYWHERE.findall(code))
        if C.is_check(cell) or C.is_locked(cell):
            used.update(re.findall(r"\b[A-Z]\w*\b", code))
            used.update(_CALL.findall(code))
    return used - declared - _KEYWORDS


def _declared_names(source: str) -> set[str]:
    """Types declared anywhere in a cell, and methods declared at its top level (unindented)."""
    code = _code_only(source)
    return (set(TYPE_DECLARATION.findall(code)) | set(METHOD_DECLARATION.findall(code))) - _KEYWORDS


def prepare(submission, teacher, assignment: str | None = None) -> Prepared:
    """The notebook to run: the submission with check and locked cells restored from the teacher's version, and
    what the grader refuses to run in it.
    """
    nb = copy.deepcopy(submission)
    nb.metadata["kernelspec"] = copy.deepcopy(teacher.metadata.get("kernelspec", {}))
    nb.metadata["language_info"] = copy.deepcopy(teacher.metadata.get("language_info", {"name": "java"}))
    given = {gid: cell for cell in teacher.cells if (gid := C.grade_id(cell))}
    where: dict[str, int] = {}
    notes: list[str] = []
    _restore_missing(nb, teacher, notes)
    restored_at: set[int] = set()
    for index, cell in enumerate(nb.cells):
        gid = C.grade_id(cell)
        if gid in given:
            if gid in where:
                notes.append(f"cell {index + 1} repeats grade_id {gid!r} of cell {where[gid] + 1}; only the first counts")
                if C.is_check(cell) or C.is_locked(cell):  # a copy of a check must not score, nor run as given code
                    cell.metadata.pop("nbgrader", None)
            else:
                where[gid] = index
                original = given[gid]
                if C.is_check(original) or C.is_locked(original):
                    restored = copy.deepcopy(original)
                    if "id" in cell:
                        restored["id"] = cell["id"]
                    nb.cells[index] = cell = restored
                    restored_at.add(index)
                else:  # a solution cell keeps the student's code, but never a check's or a lock's metadata
                    cell.metadata["nbgrader"] = copy.deepcopy(C.nbgrader(original))
        elif C.is_check(cell) or C.is_locked(cell):
            # a check or locked cell the teacher does not have: it scores nothing and is not trusted
            cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    teacher_sources = {c.source.strip() for c in teacher.cells if c.cell_type == "code" and not C.is_solution(c)}
    trusted = {i for i, c in enumerate(nb.cells) if c.cell_type == "code"
               and (i in restored_at or (not C.grade_id(c) and c.source.strip() in teacher_sources))}
    refused: dict[int, str] = {}
    forbidden: dict[int, str] = {}
    rules = FORBIDDEN.get(assignment or "", {})
    shadowable = _shadowable_names(teacher)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or i in trusted:
            continue
        if MAGIC.search(cell.source):
            refused[i] = MAGICS_REFUSED
            continue
        used = [why for pattern, why in rules.items() if re.search(pattern, cell.source)]
        shadows = sorted(_declared_names(cell.source) & shadowable)
        if shadows:
            used.append(f"the name{'s' if len(shadows) > 1 else ''} {', '.join(shadows)} for a type or method of its "
                        "own (the checks use the library's or the JDK's; rename it)")
        if used:
            forbidden[i] = refused[i] = (f"uses {' and '.join(used)}, which this assignment does not allow; "
                                         "the cell was not run")
    return Prepared(nb, where, notes, trusted, refused, forbidden)


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
              assignment: str | None = None, scratch: Path | None = None, private: Path | None = None) -> Grade:
    """Grades one submission. With `scratch` (an empty folder) the kernel works there, else in a new temporary
    folder; with `private` (a folder only the grader uses) the kernel log goes there and the graded notebook is
    returned as text in grade.notebook_text for the caller to write, else both are written to out_dir."""
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

    prep = prepare(nb, teacher, name)
    run_nb, where = prep.nb, prep.where
    grade.problems.extend(prep.notes)
    out_dir.mkdir(parents=True, exist_ok=True)
    checks_at = {where[c.grade_id] for c in grade.checks if c.grade_id in where}
    given_at = sorted(i for i in prep.given if i not in checks_at)
    own_scratch = scratch is None
    scratch = make_scratch(assignments, name, scratch)
    if private is None:
        assignments.verify()
    try:
        run = run_all_cells(
            run_nb,
            cwd=scratch,
            timeout=timeout,
            log_path=(private or out_dir) / f"{label}.kernel.log",
            replayable=lambda cell: not C.is_check(cell),
            refused=prep.refused,
            proof=checks_at,
            helpers=lambda index: [i for i in given_at if i < index],
            trusted=lambda index: index in prep.given,
            on_kernel=on_kernel,
        )
    except KernelUnavailable as e:
        grade.error = str(e)
        grade.environment_error = True
        for check in grade.checks:
            check.message = "not run: " + grade.error
        return grade
    finally:
        if own_scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    if private is None:
        assignments.verify()

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
            above = [i for i in prep.forbidden if i < index]
            if above:
                check.message = f"cell {above[0] + 1} {prep.forbidden[above[0]]} (then: {check.message})"
        check.message = cut(check.message, 2000, " of this message")
    for index, outcome in sorted(run.cells.items()):
        cell = run_nb.cells[index]
        if not outcome.ok and not C.is_check(cell) and outcome.status != "not run":
            grade.problems.append(f"cell {index + 1}{_label(cell)}: {outcome.message}")
    grade.problems.extend(run.notes)
    cut_outputs(run_nb)
    target = out_dir / f"{label}.graded.ipynb"
    if private is None:
        nbformat.write(run_nb, str(target))
    else:
        grade.notebook_text = nbformat.writes(run_nb)
    grade.graded_notebook = _show(target)
    grade.seconds = round(time.perf_counter() - started, 1)
    return grade


def make_scratch(assignments: Assignments, name: str, scratch: Path | None = None) -> Path:
    """A fresh, empty working directory for one submission's kernel: it holds only what the assignment needs
    (a copy of notebooks/data/ as data/ when the teacher's notebook mentions data/), never the teacher's notebooks,
    the grader's code or the results."""
    scratch = scratch or Path(tempfile.mkdtemp(prefix="unrolled-grade-"))
    teacher = assignments.notebooks[name]
    # notebooks/<edition>/assignments/ → notebooks/data/ (or a data/ folder beside the assignments' folder)
    data = next((d for d in (assignments.folder.parent / "data", assignments.folder.parent.parent / "data")
                 if d.is_dir()), assignments.folder.parent / "data")
    if data.is_dir() and any("data/" in c.get("source", "") for c in teacher.cells if c.cell_type == "code"):
        shutil.copytree(data, scratch / "data")
    return scratch


def cut(text: str, limit: int = OUTPUT_LIMIT, where: str = "") -> str:
    """text, or its first `limit` characters and a line saying how much was cut."""
    if len(text) <= limit:
        return text
    return (text[:limit] + f"\n[... {len(text) - limit:,} more characters{where} cut by the grader ...]\n")


def cut_outputs(nb) -> None:
    """Cuts every long text output of the graded notebook (a student's cell may print megabytes)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        merged = []  # the kernel sends long text in chunks: one stream output per run of chunks
        for out in cell.get("outputs", []):
            if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] = merged[-1].get("text", "") + out.get("text", "")
            else:
                merged.append(out)
        cell.outputs = merged
        for out in cell.outputs:
            if out.get("output_type") == "stream" and isinstance(out.get("text"), str):
                out["text"] = cut(out["text"], where=f" of this output (cell {index + 1})")
            elif out.get("output_type") == "error":
                out["evalue"] = cut(out.get("evalue") or "", where=f" of this error (cell {index + 1})")
                out["traceback"] = [cut(line, where=" of this line") for line in out.get("traceback", [])[:200]]
            elif isinstance(out.get("data"), dict):
                for mime, value in list(out["data"].items()):
                    if mime.startswith("text/") and isinstance(value, str):
                        out["data"][mime] = cut(value, where=f" of this output (cell {index + 1})")


_kernel_pid_file: Path | None = None


def on_kernel(pid: int | None) -> None:
    """Records the running kernel's process id where the parent process can find it if this worker dies."""
    if _kernel_pid_file is not None and pid:
        _kernel_pid_file.write_text(str(pid))


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
    if len(text) <= width:
        return text
    return text[:width] + f" [... {len(text) - width:,} more characters cut; see grades.json]"


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
    """grade_one in a worker process: (path, assignments, out dir, label, timeout, assignment, scratch, private)."""
    global _kernel_pid_file
    path, assignments, out_dir, label, timeout, assignment, scratch, private = task
    _kernel_pid_file = private / "kernel.pid"
    try:
        return grade_one(path, assignments, out_dir, label, timeout, assignment, scratch, private)
    except Exception as e:  # a bug of ours must not lose the other submissions' grades
        return Grade(submission=str(path), error=f"the grader failed: {type(e).__name__}: {e}",
                     environment_error=True)


def _kill_orphaned_kernel(pid_file: Path) -> None:
    """Kills the kernel (and its process group) a dead worker left behind, if the pid still names a kernel."""
    try:
        pid = int(pid_file.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return
    if b"ijava" in cmdline.lower():
        kill_group(pid)


def _grade_from_json(data: dict) -> Grade:
    checks = [Check(**c) for c in data.pop("checks", [])]
    fields = {k: v for k, v in data.items() if k in Grade.__dataclass_fields__}
    return Grade(**fields, checks=checks)


def _sandbox_worker(task_file: str) -> None:
    """The worker inside bubblewrap: grades the task and prints the grade as one JSON line (nothing to unpickle)."""
    real_stdout = os.dup(1)
    os.dup2(2, 1)  # anything else printed goes to stderr
    with open(task_file, "rb") as fh:
        import pickle
        task = pickle.load(fh)
    grade = _grade_task(task)
    data = asdict(grade)
    with os.fdopen(real_stdout, "w", encoding="utf-8") as out:
        out.write(json.dumps(data) + "\n")


_SANDBOX: list[str | None] = []


def sandbox_command() -> str | None:
    """The bwrap program if it exists and can run here (and UNROLLED_GRADE_SANDBOX is not 0), else None."""
    if os.environ.get("UNROLLED_GRADE_SANDBOX", "1") == "0":
        return None
    if not _SANDBOX:
        bwrap = shutil.which("bwrap")
        if bwrap:
            try:
                probe = subprocess.run([bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                                        "--unshare-net", "--unshare-pid", "--die-with-parent", "true"],
                                       capture_output=True, timeout=30)
                bwrap = bwrap if probe.returncode == 0 else None
            except (OSError, subprocess.SubprocessError):
                bwrap = None
        _SANDBOX.append(bwrap)
    return _SANDBOX[0]


def _worker_died(path: Path, assignments: Assignments, assignment: str | None, why: str = "") -> Grade:
    grade = Grade(submission=str(path), environment_error=True,
                  error="the grading worker process died while grading this submission (killed by the "
                        f"submission's code, or from outside){why}; not graded: grade it again")
    grade.assignment = assignment or assignments.match(None, path)
    return grade


def _code_under_tmp(src: Path) -> list[Path]:
    """The folders the worker runs from (the project holding ``src``, the Python environment) that lie under /tmp,
    which the sandbox replaces by an empty tmpfs; parents before children."""
    tmp = Path("/tmp").resolve()
    project = src.parents[2] if src.parts[-3:] == ("src", "main", "python") else src
    folders = {project.resolve(), Path(sys.prefix).resolve()}
    return sorted(f for f in folders if f == tmp or tmp in f.parents)


def _run_sandboxed(bwrap: str, task, scratch: Path, private: Path) -> Grade:
    """Runs the worker, and so the kernel, in bubblewrap: no network, the system read-only, the teacher's folder and
    the output folder hidden, only the scratch folder (and the worker's private folder) writable."""
    import pickle
    path, assignments, out_dir, label, timeout, assignment = task[:6]
    task_file = private / "task.pickle"
    task_file.write_bytes(pickle.dumps(task))
    runtime = private / "runtime"
    runtime.mkdir()
    src = Path(__file__).resolve().parent.parent
    command = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for folder in _code_under_tmp(src):  # a checkout under /tmp: its code, jars and Python stay visible, read-only
        command += ["--ro-bind", str(folder), str(folder)]
    for folder in assignments.hidden:
        if folder.is_dir():
            command += ["--tmpfs", str(folder.resolve())]
    out_dir.mkdir(parents=True, exist_ok=True)
    command += ["--tmpfs", str(out_dir.resolve())]
    command += ["--bind", str(private), str(private), "--bind", str(scratch), str(scratch)]
    if path.is_file():
        command += ["--ro-bind", str(path.resolve()), str(path.resolve())]
    command += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session",
                "--chdir", str(scratch), "--setenv", "JUPYTER_RUNTIME_DIR", str(runtime),
                "--setenv", "TMPDIR", "/tmp", "--setenv", "PYTHONPATH", str(src), "--",
                sys.executable, "-c", "import sys; from unrolled_course.grade import _sandbox_worker; "
                "_sandbox_worker(sys.argv[1])", str(task_file)]
    with open(private / "worker.stderr", "wb") as err:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0 or not lines:
        return _worker_died(path, assignments, assignment, f" (exit status {done.returncode})")
    try:
        return _grade_from_json(json.loads(lines[-1]))
    except (ValueError, TypeError) as e:
        return _worker_died(path, assignments, assignment, f" (unreadable result: {e})")


def _isolated(task) -> Grade:
    """Grades one submission in a fresh worker process of its own (in bubblewrap when it runs here): if the worker
    dies, only this grade is lost. The grader itself writes the graded notebook and the kernel log afterwards."""
    path, assignments, out_dir, label, timeout, assignment, bwrap = task
    assignments.verify()
    private = Path(tempfile.mkdtemp(prefix="unrolled-grader-"))
    scratch = Path(tempfile.mkdtemp(prefix="unrolled-grade-"))
    job = (path, assignments, out_dir, label, timeout, assignment, scratch, private)
    try:
        if bwrap:
            job = (path.absolute(),) + job[1:]
            grade = _run_sandboxed(bwrap, job, scratch, private)
            grade.submission = str(path)
        else:
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
                try:
                    grade = pool.submit(_grade_task, job).result()
                except BrokenProcessPool:
                    grade = _worker_died(path, assignments, assignment)
    finally:
        if not bwrap:  # in bubblewrap the worker's pid namespace takes its processes with it
            _kill_orphaned_kernel(private / "kernel.pid")
        shutil.rmtree(scratch, ignore_errors=True)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if grade.notebook_text is not None:
            target = out_dir / f"{label}.graded.ipynb"
            target.write_text(grade.notebook_text, encoding="utf-8")
            grade.notebook_text = None
            grade.graded_notebook = _show(target)  # paths as seen from here, not from the worker's scratch folder
        if grade.assignment in assignments.paths:
            grade.teacher_notebook = _show(assignments.paths[grade.assignment])
        log = private / f"{label}.kernel.log"
        if log.is_file():
            shutil.copyfile(log, out_dir / log.name)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    assignments.verify()
    return grade


NOT_SANDBOXED = ("note: bubblewrap (bwrap) is not available or cannot run here, so the kernels are NOT sandboxed: "
                 "student code can use the network and read and write your files (install bubblewrap to sandbox)")
SANDBOXED = "sandbox: each kernel runs in bubblewrap (no network, system read-only, only its scratch folder writable)"


def _markdown_sources(nb) -> set[str]:
    return {c.source.strip() for c in nb.cells if c.cell_type == "markdown" and c.source.strip()}


def choose_edition(editions: list[Assignments], path: Path, assignment: str | None = None) -> Assignments:
    """The teacher's folder (edition) to grade a submission against: the one whose teacher notebook for it shares
    the most markdown cells with the submission; the first (English) on a tie or when the file is unreadable.
    The editions' code cells are identical, so this choice changes the feedback's language, never the points."""
    if len(editions) == 1:
        return editions[0]
    try:
        nb = nbformat.read(str(path), as_version=4)
        theirs = _markdown_sources(nb)
    except Exception:
        return editions[0]
    best, best_score = editions[0], -1
    for book in editions:
        name = assignment or book.match(nb, path)
        score = len(_markdown_sources(book.notebooks[name]) & theirs) if name in book.notebooks else 0
        if score > best_score:
            best, best_score = book, score
    return best


def grade_all(paths: list[Path], assignments_dir: Path | list[Path], out_dir: Path, timeout: float,
              assignment: str | None = None, jobs: int = 1, out=sys.stdout) -> tuple[list[Grade], int]:
    """Grades every submission, `jobs` at a time, each in a worker process and a kernel of its own; returns the
    grades and an exit status: 0 when every submission got a report, 1 when some could not be run for reasons that
    are not the student's (the kernel would not start, a worker died). assignments_dir is one teacher's folder or a
    list of them (one per edition, English first): each submission is graded against one (choose_edition)."""
    folders = [Path(assignments_dir)] if isinstance(assignments_dir, (str, Path)) else [Path(f) for f in assignments_dir]
    editions = [Assignments(folder) for folder in folders]
    for book in editions:
        book.hidden = list(folders)
    assignments = editions[0]
    if assignment is not None and assignment not in assignments.notebooks:
        raise C.AssignmentError(f"no assignment {assignment!r} in {folders[0]}; there are "
                                + ", ".join(sorted(assignments.notebooks)))
    bwrap = sandbox_command()
    print(SANDBOXED if bwrap else NOT_SANDBOXED, file=out)
    tasks = [(path, choose_edition(editions, path, assignment), out_dir, label, timeout, assignment, bwrap)
             for path, label in zip(paths, _labels(paths))]
    grades = []
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(tasks))))
    try:
        for grade in pool.map(_isolated, tasks):
            report(grade, out)
            grades.append(grade)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    for book in editions:
        book.verify()
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
