"""`./lab.sh student-versions --class-copy DIR`: the repository as a class gets it (binder/README.md).

The copy holds the files git tracks here, with the student versions in place of the teacher's notebooks (of both
editions, notebooks/en/assignments/ and notebooks/zh/assignments/): no
solution and no hidden test is in any of its files, no teacher's notebook (byte for byte) is among them, the grader's
tests (which quote solutions) are left out, and the copy is a git repository of its own with everything committed.
"""

from __future__ import annotations

import hashlib
import subprocess

import nbformat
import pytest

from conftest import EDITIONS, NOTEBOOKS_DIR, REPO_ROOT
from unrolled_course import cells as C
from unrolled_course.student import TEACHER_ONLY

ASSIGNMENT_DIRS = [NOTEBOOKS_DIR / edition / "assignments" for edition in EDITIONS]
TEACHER = sorted(p for folder in ASSIGNMENT_DIRS for p in folder.glob("*.ipynb"))


def _git(*args, cwd):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def _regions(source: str) -> dict[str, list[str]]:
    """The lines inside the solution and hidden-test regions of a teacher's cell."""
    found, inside = {"solution": [], "hidden": []}, None
    for line in source.splitlines():
        if C.BEGIN_SOLUTION in line or C.BEGIN_HIDDEN_TESTS in line:
            inside = "solution" if C.BEGIN_SOLUTION in line else "hidden"
        elif C.END_SOLUTION in line or C.END_HIDDEN_TESTS in line:
            inside = None
        elif inside and line.strip():
            found[inside].append(line.strip())
    return found


def _teacher_only_lines() -> dict[str, str]:
    """Solution and hidden-test lines (20 characters or more) that no file of the library or the lessons has: text
    that can only have come from a teacher's notebook. {line: where it is from}."""
    common = ""
    for path in [*(REPO_ROOT / "src").rglob("*.java"), *NOTEBOOKS_DIR.glob("*/[0-9][0-9]-*.ipynb")]:
        common += path.read_text(encoding="utf-8") + "\n"
    lines = {}
    for path in TEACHER:
        for cell in nbformat.read(str(path), as_version=4).cells:
            for kind, found in _regions(cell.source).items():
                for line in found:
                    if len(line) >= 20 and line not in common:
                        lines[line] = f"{kind} of {path.name}"
    return lines


@pytest.fixture(scope="module")
def class_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class") / "unrolled-class"
    done = subprocess.run([str(REPO_ROOT / "lab.sh"), "student-versions", "--class-copy", str(folder)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"./lab.sh student-versions --class-copy failed:\n{done.stdout}\n{done.stderr}"
    return folder


def test_the_class_copy_has_no_solution_and_no_hidden_test(class_copy):
    secret = _teacher_only_lines()
    assert len(secret) >= 20, f"too few teacher-only lines to make this test mean anything: {len(secret)}"
    leaks = []
    for path in sorted(p for p in class_copy.rglob("*") if p.is_file() and ".git" not in p.relative_to(class_copy).parts):
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaks += [f"{path.relative_to(class_copy)}: {line!r} ({where})" for line, where in secret.items() if line in text]
        for marker in (C.BEGIN_SOLUTION, C.BEGIN_HIDDEN_TESTS) if path.suffix == ".ipynb" else ():
            if marker in text:
                leaks.append(f"{path.relative_to(class_copy)}: a `{marker}` marker")
    assert not leaks, "the class copy gives away:\n  " + "\n  ".join(leaks[:20])


def test_the_class_copy_has_no_teacher_notebook_and_no_grader_test(class_copy):
    teacher = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in TEACHER}
    found = [f"{p.relative_to(class_copy)} is the teacher's {teacher[h]}"
             for p in class_copy.rglob("*.ipynb")
             if (h := hashlib.sha256(p.read_bytes()).hexdigest()) in teacher]
    assert not found, found
    for name in TEACHER_ONLY:
        assert not (class_copy / name).exists(), f"{name} quotes solutions and must not be in the class copy"


def test_the_class_copy_has_the_student_versions_and_the_rest(class_copy):
    for folder in ASSIGNMENT_DIRS:
        place = class_copy / folder.relative_to(REPO_ROOT)
        students = sorted(p.name for p in place.glob("*.ipynb"))
        assert students == sorted(p.name for p in folder.glob("*.ipynb")), (folder, students)
        for name in students:
            nb = nbformat.read(str(place / name), as_version=4)
            solutions = [c for c in nb.cells if C.is_solution(c) and c.cell_type == "code"]
            assert solutions and all("UnsupportedOperationException(\"TODO" in c.source for c in solutions), name
            assert sum(C.points(c) for c in nb.cells if C.is_check(c)) == 10, name
    tracked = set(filter(None, _git("ls-files", "-z", cwd=REPO_ROOT).split("\0")))
    expected = {n for n in tracked if (REPO_ROOT / n).exists()} - set(TEACHER_ONLY)
    copied = set(filter(None, _git("ls-files", "-z", cwd=class_copy).split("\0")))
    assert copied == expected, (sorted(expected - copied)[:10], sorted(copied - expected)[:10])
    assert (class_copy / "lab.sh").stat().st_mode & 0o111, "lab.sh lost its executable bit"
    assert "Class copy" in (class_copy / "README.md").read_text(encoding="utf-8").splitlines()[0]
    for folder in ASSIGNMENT_DIRS:
        if (folder / "README.md").is_file():
            readme = class_copy / folder.relative_to(REPO_ROOT) / "README.md"
            assert "Do not hand these out" not in readme.read_text(encoding="utf-8")


def test_the_class_copy_is_a_git_repository_with_everything_committed(class_copy):
    assert _git("rev-parse", "--abbrev-ref", "HEAD", cwd=class_copy).strip() == "main"
    assert len(_git("log", "--format=%H", cwd=class_copy).split()) == 1, "one commit, none of the open history"
    assert _git("status", "--porcelain", cwd=class_copy) == ""


def test_the_class_copy_goes_into_a_new_folder_only(class_copy):
    done = subprocess.run([str(REPO_ROOT / "lab.sh"), "student-versions", "--class-copy", str(class_copy)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "is not an empty folder" in done.stderr, done.stderr
