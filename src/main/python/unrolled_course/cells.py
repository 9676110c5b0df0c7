"""nbgrader's cell conventions: the metadata of a cell, and the solution and hidden-test regions in its source.

A cell takes part in grading when ``metadata.nbgrader`` says so (nbgrader's schema 3)::

    {"grade": bool, "grade_id": str, "locked": bool, "points": number,
     "schema_version": 3, "solution": bool, "task": false}

* a *solution* cell (solution true, grade false) is where the student writes code;
* a *check* cell (grade true, solution false, locked) is an autograder test worth ``points``;
* a *locked* cell (locked true) is given code that the grader restores from the teacher's version.

Regions are marked as nbgrader marks them, by lines that *contain* the delimiter (``// BEGIN SOLUTION``). Text after
``BEGIN SOLUTION`` on the same line is our addition, a hint that goes into the student's stub::

    // BEGIN SOLUTION: the forget gate f_t = σ(a_f), columns H … 2H of a
    ...
    // END SOLUTION

becomes ``// YOUR CODE HERE`` and ``throw new UnsupportedOperationException("TODO: the forget gate …");``.
nbgrader itself drops the whole delimiter line, hint included, and writes its configured code stub.
"""

from __future__ import annotations

import re

BEGIN_SOLUTION = "BEGIN SOLUTION"
END_SOLUTION = "END SOLUTION"
BEGIN_HIDDEN_TESTS = "BEGIN HIDDEN TESTS"
END_HIDDEN_TESTS = "END HIDDEN TESTS"
TEXT_STUB = "YOUR ANSWER HERE"
DEFAULT_HINT = "your code here (see the task above)"


class AssignmentError(ValueError):
    """A teacher's notebook breaks the conventions (unclosed region, region in the wrong kind of cell, ...)."""


def nbgrader(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def grade_id(cell) -> str | None:
    gid = nbgrader(cell).get("grade_id")
    return gid if isinstance(gid, str) and gid else None


def is_solution(cell) -> bool:
    return bool(nbgrader(cell).get("solution"))


def is_grade(cell) -> bool:
    return bool(nbgrader(cell).get("grade"))


def is_locked(cell) -> bool:
    return bool(nbgrader(cell).get("locked"))


def is_check(cell) -> bool:
    """An autograded test: a code cell that scores points when it runs without an error."""
    return cell.get("cell_type") == "code" and is_grade(cell) and not is_solution(cell)


def points(cell) -> float:
    try:
        return float(nbgrader(cell).get("points", 0) or 0)
    except (TypeError, ValueError):
        return 0.0


def fmt_points(value: float) -> str:
    """2.0 → "2", 1.5 → "1.5"."""
    return f"{value:g}"


def java_string(text: str) -> str:
    """A Java string literal holding text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")
    return f'"{escaped}"'


def hint_of(line: str) -> str:
    """The hint after BEGIN SOLUTION on a delimiter line, without separators ("// BEGIN SOLUTION: x" → "x")."""
    rest = line.split(BEGIN_SOLUTION, 1)[1]
    return rest.strip().lstrip(":—–-").strip()


def code_stub(hint: str) -> list[str]:
    """What replaces a solution region in Java: compiles wherever a statement may stand, and throws when run."""
    message = "TODO: " + (hint or DEFAULT_HINT)
    return ["// YOUR CODE HERE", f"throw new UnsupportedOperationException({java_string(message)});"]


def _where(cell_label: str, n: int) -> str:
    return f"{cell_label}, line {n}"


def replace_solution_regions(source: str, code: bool, cell_label: str = "cell") -> tuple[str, int]:
    """The source with each solution region replaced by a stub (indented like its BEGIN line); and how many.

    Without any region the whole cell is the solution, as in nbgrader.
    """
    lines = source.split("\n")
    out: list[str] = []
    inside = False
    regions = 0
    for n, line in enumerate(lines, start=1):
        if BEGIN_SOLUTION in line:
            if inside:
                raise AssignmentError(f"{_where(cell_label, n)}: BEGIN SOLUTION inside another solution region")
            inside = True
            regions += 1
            indent = re.match(r"\s*", line).group(0)
            stub = code_stub(hint_of(line)) if code else [TEXT_STUB]
            out.extend(indent + s for s in stub)
        elif END_SOLUTION in line:
            if not inside:
                raise AssignmentError(f"{_where(cell_label, n)}: END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise AssignmentError(f"{cell_label}: BEGIN SOLUTION has no END SOLUTION")
    if regions == 0:
        return "\n".join(code_stub("") if code else [TEXT_STUB]), 0
    return "\n".join(out), regions


def remove_hidden_tests(source: str, cell_label: str = "cell") -> tuple[str, int]:
    """The source without its hidden-test regions (delimiter lines included); and how many there were."""
    out: list[str] = []
    inside = False
    regions = 0
    for n, line in enumerate(source.split("\n"), start=1):
        if BEGIN_HIDDEN_TESTS in line:
            if inside:
                raise AssignmentError(f"{_where(cell_label, n)}: BEGIN HIDDEN TESTS inside another hidden region")
            inside = True
            regions += 1
        elif END_HIDDEN_TESTS in line:
            if not inside:
                raise AssignmentError(f"{_where(cell_label, n)}: END HIDDEN TESTS without BEGIN HIDDEN TESTS")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise AssignmentError(f"{cell_label}: BEGIN HIDDEN TESTS has no END HIDDEN TESTS")
    return "\n".join(out).rstrip("\n"), regions


def check_teacher_notebook(nb, name: str) -> None:
    """Raises AssignmentError unless nb follows the conventions the tools rely on."""
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells, start=1):
        label = f"{name}, cell {i}"
        meta = nbgrader(cell)
        source = cell.get("source", "")
        if meta:
            gid = grade_id(cell)
            if not gid:
                raise AssignmentError(f"{label}: nbgrader cell without a grade_id")
            if gid in seen:
                raise AssignmentError(f"{label}: duplicate grade_id {gid!r}")
            seen.add(gid)
            if is_grade(cell) and "points" not in meta:
                raise AssignmentError(f"{label} ({gid}): a grade cell needs points")
        if (BEGIN_SOLUTION in source or END_SOLUTION in source) and not is_solution(cell):
            raise AssignmentError(f"{label}: solution delimiters in a cell that is not a solution cell")
        if (BEGIN_HIDDEN_TESTS in source or END_HIDDEN_TESTS in source) and not is_grade(cell):
            raise AssignmentError(f"{label}: hidden-test delimiters in a cell that is not a grade cell")
        if is_solution(cell):
            replace_solution_regions(source, cell.cell_type == "code", label)
        if is_grade(cell):
            remove_hidden_tests(source, label)
