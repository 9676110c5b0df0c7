"""The student version of an assignment, as ``nbgrader generate_assignment`` makes it.

* solution regions become a stub that compiles and throws ``UnsupportedOperationException("TODO: …")``;
* hidden tests are removed from the check cells;
* outputs and execution counts are cleared; the nbgrader metadata is kept, and locked cells are marked
  read-only and undeletable for JupyterLab (``editable``/``deletable``, as nbgrader's LockCells does).
"""

from __future__ import annotations

import copy
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
