"""Submissions for the grader's tests, built from the assignments: the student version, or one that solved it all."""
from __future__ import annotations

from pathlib import Path

import nbformat

from conftest import NOTEBOOKS_DIR
from unrolled_course import cells as C
from unrolled_course.student import make_student_version

ASSIGNMENTS = NOTEBOOKS_DIR / "en" / "assignments"


def read(path: Path):
    return nbformat.read(str(path), as_version=4)


def cell(nb, grade_id: str):
    """The cell of `nb` with this nbgrader grade_id."""
    return next(c for c in nb.cells if C.grade_id(c) == grade_id)


def solved(name: str, folder: Path = ASSIGNMENTS):
    """A student who solved everything: the student version with the teacher's code in the solution cells."""
    teacher = read(folder / f"{name}.ipynb")
    student, _, _ = make_student_version(teacher, name)
    for c in student.cells:
        if C.is_solution(c):
            code = cell(teacher, C.grade_id(c)).source.split("\n")
            c.source = "\n".join(line for line in code
                                 if C.BEGIN_SOLUTION not in line and C.END_SOLUTION not in line)
    return student
