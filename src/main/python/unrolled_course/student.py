"""The student version of an assignment, as ``nbgrader generate_assignment`` makes it.

* solution regions become a stub that compiles and throws ``UnsupportedOperationException("TODO: …")``;
* hidden tests are removed from the check cells;
* outputs and execution counts are cleared; the nbgrader metadata is kept, and locked cells are marked
  read-only and undeletable for JupyterLab (``editable``/``deletable``, as nbgrader's LockCells does).

A class copy (``write_class_copy``) is the whole repository as a class gets it: the files git tracks, with the
student versions in place of the teacher's notebooks, made a git repository of its own (no history, so no
solutions in it either) for the class's nbgitpuller link and image.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import cells as C


@dataclass
class StudentVersion:
    source: Path
    target: Path
    solution_regions: int
    hidden_blocks: int
    checks: int
    points: float


def teacher_notebooks(folder: Path) -> list[Path]:
    """The teacher's notebooks of a folder, checkpoints excluded, in name order."""
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


def make_student_version(nb, name: str = "notebook"):
    """A new notebook: the student version of nb. Returns (notebook, regions stubbed, hidden blocks removed)."""
    C.check_teacher_notebook(nb, name)
    out = copy.deepcopy(nb)
    regions = hidden = 0
    for i, cell in enumerate(out.cells, start=1):
        label = f"{name}, cell {i}"
        if C.is_solution(cell):
            cell.source, n = C.replace_solution_regions(cell.source, cell.cell_type == "code", label)
            regions += max(n, 1)
            cell.metadata["deletable"] = False
        if C.is_grade(cell) and cell.cell_type == "code":
            cell.source, n = C.remove_hidden_tests(cell.source, label)
            hidden += n
        if C.is_locked(cell):
            cell.metadata["editable"] = False
            cell.metadata["deletable"] = False
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return out, regions, hidden


def write_student_versions(source_dir: Path, out_dir: Path) -> list[StudentVersion]:
    """Writes the student version of every notebook in source_dir into out_dir (same file names)."""
    notebooks = teacher_notebooks(source_dir)
    if not notebooks:
        raise C.AssignmentError(f"no assignment notebooks in {source_dir}")
    made = []
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        student, regions, hidden = make_student_version(nb, path.name)
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / path.name
        nbformat.write(student, str(target))
        checks = [c for c in nb.cells if C.is_check(c)]
        made.append(StudentVersion(path, target, regions, hidden, len(checks), sum(C.points(c) for c in checks)))
    return made


# ---- the class copy: the repository as a class gets it ------------------------------------------------------------

# Files of the open repository a class copy leaves out besides the teacher's notebooks: the grader's tests, which
# quote solution lines and need the teacher's versions to run.
TEACHER_ONLY = ("src/test/python/test_assignments.py", "src/test/python/test_grader_hostile.py")


@dataclass
class ClassCopy:
    folder: Path
    files: int
    student_versions: list[StudentVersion]
    left_out: list[str]
    commit: str


def _git(*args: str, cwd: Path, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        if not check:
            return ""
        raise C.AssignmentError(f"git {' '.join(args)} failed in {cwd}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _student_readme(teacher_readme: str) -> str:
    """notebooks/<edition>/assignments/README.md for students: the table and the scoring rule, none of the teacher's notes."""
    parts = teacher_readme.strip().split("\n\n")
    kept = [parts[0],
            "The student versions: write your code where a cell throws `UnsupportedOperationException(\"TODO: …\")`, "
            "then run the check cells below it; each says what it expects when it fails. Hand in the whole notebook. "
            "Do not delete or edit the check cells or the given code: the grader puts back the teacher's copy of "
            "them, which also holds hidden tests."]
    kept += [p for p in parts[1:] if p.startswith("|")]
    kept += [p.split("To change an assignment")[0].strip() for p in parts[1:] if p.startswith("Each is worth")]
    return "\n\n".join(kept) + "\n"


def write_class_copy(repo: Path, out_dir: Path, assignments_dirs: Path | list[Path]) -> ClassCopy:
    """Copies the files git tracks in repo to out_dir, with the student versions in place of the teacher's notebooks
    in each of assignments_dirs (both editions: notebooks/en/assignments/ and notebooks/zh/assignments/; each keeps
    its place in the copy, with a README there for students where the teacher's folder has one), and makes out_dir
    a git repository with one commit, ready to push to the class's own repository. out_dir must not exist or be
    empty."""
    folders = [Path(assignments_dirs)] if isinstance(assignments_dirs, (str, Path)) else list(assignments_dirs)
    try:
        places = [folder.resolve().relative_to(Path(repo).resolve()).as_posix() for folder in folders]
    except ValueError:
        raise C.AssignmentError(f"the assignments' folders ({', '.join(map(str, folders))}) must lie inside {repo}")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise C.AssignmentError(f"{out_dir} exists and is not an empty folder: give a new folder for the class copy")
    try:
        tracked = _git("ls-files", "-z", cwd=repo).split("\0")
    except (C.AssignmentError, OSError) as e:
        raise C.AssignmentError(f"the class copy needs a git checkout of the repository and git on PATH ({e})")
    skip = set(TEACHER_ONLY)
    for folder, place in zip(folders, places):
        skip |= {f"{place}/{p.name}" for p in teacher_notebooks(folder)} | {f"{place}/README.md"}
    out_dir.mkdir(parents=True, exist_ok=True)
    copied = 0
    for name in filter(None, tracked):
        source = repo / name
        if name in skip or not (source.exists() or source.is_symlink()):
            continue
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
        copied += 1
    made, readmes = [], 0
    for folder, place in zip(folders, places):
        made += write_student_versions(folder, out_dir / place)
        readme = folder / "README.md"
        if readme.is_file():
            (out_dir / place / "README.md").write_text(_student_readme(readme.read_text(encoding="utf-8")),
                                                       encoding="utf-8")
            readmes += 1
    source_commit = _git("rev-parse", "--short", "HEAD", cwd=repo).strip()
    top = out_dir / "README.md"
    if top.is_file():
        note = (f"> **Class copy** of Unrolled (made from commit {source_commit} by `./lab.sh student-versions "
                "--class-copy`): " + " and ".join(f"`{place}/`" for place in places)
                + f" hold{'s' if len(places) == 1 else ''} the student versions, without solutions or hidden "
                "tests. The teacher's versions, the grader's tests and grading stay in the teacher's private "
                "repository; `./test.sh` is meant for that one (here the assignments stop at their TODOs).\n\n")
        top.write_text(note + top.read_text(encoding="utf-8"), encoding="utf-8")
    _git("init", "-q", "-b", "main", cwd=out_dir)
    _git("add", "-A", cwd=out_dir)
    identity = []
    if not _git("config", "user.email", cwd=out_dir, check=False).strip():
        identity = ["-c", "user.name=Unrolled class copy", "-c", "user.email=class-copy@unrolled.invalid"]
    _git(*identity, "commit", "-q", "-m", f"Class copy of Unrolled {source_commit}: student versions of the "
         "assignments", cwd=out_dir)
    commit = _git("rev-parse", "--short", "HEAD", cwd=out_dir).strip()
    return ClassCopy(out_dir, copied + len(made) + readmes, made,
                     [n for n in TEACHER_ONLY if n in tracked], commit)
