"""Unrolled's course tooling: student versions of the assignments, and a grader that runs them in the java kernel.

The assignments in notebooks/en/assignments/ and notebooks/zh/assignments/ (the two editions: the same cells and
code, English or Chinese text) are the teacher's versions, written in nbgrader's conventions:

* cell metadata ``metadata.nbgrader`` as nbgrader writes it (schema 3): ``grade``, ``grade_id``, ``locked``,
  ``points``, ``solution``, ``task``;
* solution regions between lines holding ``BEGIN SOLUTION`` and ``END SOLUTION`` (``// BEGIN SOLUTION`` in Java),
  hidden tests between ``BEGIN HIDDEN TESTS`` and ``END HIDDEN TESTS``;
* a check cell scores its points when it runs without an error, nothing otherwise.

So the same files work with real nbgrader. Entry points (through ``./lab.sh``)::

    python -m unrolled_course student-versions [OUTDIR]
    python -m unrolled_course student-versions --class-copy DIR
    python -m unrolled_course grade SUBMISSION.ipynb [...]
    python -m unrolled_course editions {sync,check}
"""

from __future__ import annotations

import os
from pathlib import Path


def _repo_root() -> Path:
    here = Path(__file__).resolve().parent
    for folder in here.parents:
        if (folder / "pom.xml").is_file() and (folder / "lab.sh").is_file():
            return folder
    return Path.cwd()


REPO_ROOT = _repo_root()
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
# The editions, the English one first: it is the code source (editions.py) and the one the tests execute.
EDITIONS = ("en", "zh")
ASSIGNMENT_DIRS = tuple(NOTEBOOKS_DIR / edition / "assignments" for edition in EDITIONS)
ASSIGNMENTS_DIR = ASSIGNMENT_DIRS[0]
STUDENT_DIR = REPO_ROOT / "target" / "assignments" / "student"
GRADES_DIR = REPO_ROOT / "target" / "assignments" / "grades"
# Seconds one cell of a submission may run (grade.py; here so that the command line needs no nbformat to start).
DEFAULT_TIMEOUT = float(os.environ.get("UNROLLED_GRADE_TIMEOUT", "60"))
