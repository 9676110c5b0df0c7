"""The course assignments (notebooks/en/assignments/, and the Chinese edition's notebooks/zh/assignments/ with the
same code) and their tooling (src/main/python/unrolled_course).

* every assignment follows nbgrader's conventions and states the points its check cells carry;
* `./lab.sh student-versions` strips the solutions and hidden tests and keeps the metadata;
* graded in the java kernel, the teacher's version scores full marks and the student version zero;
* a wrong answer (a flipped sign in the LSTM's forget gate) loses exactly the points it should, with the intended
  message; a submission that does not compile and one that loops forever are reported with the reason, and the
  grader goes on and exits normally.

The notebook tests run the teacher's versions twice as well (test_notebooks.py). Graded copies, kernel logs and
grades.json/csv land in target/assignments/test-grades/ for reading after a failure.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

import submissions
from conftest import NOTEBOOKS_DIR, REPO_ROOT
from unrolled_course import cells as C
from unrolled_course.grade import grade_all
from unrolled_course.kernel import CELL_TIMEOUT
from unrolled_course.student import make_student_version

ASSIGNMENTS = NOTEBOOKS_DIR / "en" / "assignments"
ZH_ASSIGNMENTS = NOTEBOOKS_DIR / "zh" / "assignments"
TEACHER = sorted(ASSIGNMENTS.glob("*.ipynb"))
NAMES = [p.stem for p in TEACHER]
OUT = REPO_ROOT / "target" / "assignments" / "test-grades"
# Short enough to keep the endless loop cheap, long enough for any ordinary cell of an assignment on a busy machine.
LOOP_TIMEOUT = float(os.environ.get("UNROLLED_TEST_LOOP_TIMEOUT", "15"))
NBGRADER_KEYS = {"grade", "grade_id", "locked", "points", "schema_version", "solution", "task"}


_read = submissions.read


_cell = submissions.cell


_solved = submissions.solved


def _solution_lines(source):
    """The distinctive lines inside the solution regions of a teacher's cell."""
    inside, found = False, []
    for line in source.splitlines():
        if C.BEGIN_SOLUTION in line or C.END_SOLUTION in line:
            inside = C.BEGIN_SOLUTION in line
        elif inside and len(line.strip()) >= 20:
            found.append(line.strip())
    return found


def _edit(nb, grade_id, old, new):
    cell = _cell(nb, grade_id)
    assert old in cell.source, f"{old!r} not in {grade_id}"
    cell.source = cell.source.replace(old, new)
    return nb


@pytest.fixture(scope="module")
def submissions(tmp_path_factory):
    """The student versions made by ./lab.sh student-versions, and hand-made submissions."""
    root = tmp_path_factory.mktemp("course")
    students = root / "student"
    done = subprocess.run([str(REPO_ROOT / "lab.sh"), "student-versions", str(students)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"./lab.sh student-versions failed:\n{done.stdout}\n{done.stderr}"
    made = {"student/" + p.stem: p for p in sorted((students / "en").glob("*.ipynb"))}
    made.update({"zh-student/" + p.stem: p for p in sorted((students / "zh").glob("*.ipynb"))})

    def write(label, nb):
        path = root / f"{label}.ipynb"
        nbformat.write(nb, str(path))
        made[label] = path

    # a sign flipped in the forget gate: f_t = σ(−a_f)
    write("wrong-forget-gate", _edit(_solved("a3-lstm-cell"), "a3_lstm_step",
                                     "Node f = sigmoid(a.slice(H, 2 * H));",
                                     "Node f = sigmoid(a.slice(H, 2 * H).scale(-1));"))
    # the same wrong answer, handed in on the Chinese edition's notebook
    write("zh-wrong-forget-gate", _edit(_solved("a3-lstm-cell", ZH_ASSIGNMENTS), "a3_lstm_step",
                                        "Node f = sigmoid(a.slice(H, 2 * H));",
                                        "Node f = sigmoid(a.slice(H, 2 * H).scale(-1));"))
    # a missing semicolon: the class does not compile
    write("does-not-compile", _edit(_solved("a1-backward-rule"), "a1_softplus",
                                    "Math.log1p(Math.exp(-Math.abs(v)));", "Math.log1p(Math.exp(-Math.abs(v)))"))
    # a cell of the student's own, before the checks, that never ends: nested counted loops, which the JIT
    # compiles without safepoint polls, so that IJava's interrupt cannot stop them and the kernel must be restarted
    looping = _solved("a1-backward-rule")
    at = looping.cells.index(_cell(looping, "a1_softplus_op")) + 1
    looping.cells.insert(at, nbformat.v4.new_code_cell(
        "// trying something out\nlong spins = 0;\n"
        "for (int i = 0; i < Integer.MAX_VALUE; i++) { for (int j = 0; j < Integer.MAX_VALUE; j++) { spins += i ^ j; } }"))
    write("endless-loop", looping)
    (root / "not-a-notebook.ipynb").write_text("{ this is not json", encoding="utf-8")
    made["not-a-notebook"] = root / "not-a-notebook.ipynb"
    return made


@pytest.fixture(scope="module")
def grading(submissions):
    """Grades everything at once: the teacher's versions, the student versions and the wrong answer with the usual
    cell timeout; the submission that does not compile and the endless loop with a short one. Two kernels each."""
    main = (list(TEACHER) + [submissions["student/" + n] for n in NAMES]
            + [submissions["wrong-forget-gate"], submissions["zh-wrong-forget-gate"]])
    odd = [submissions["does-not-compile"], submissions["endless-loop"]]
    with ThreadPoolExecutor(2) as pool:
        broken = pool.submit(grade_all, odd, ASSIGNMENTS, OUT / "broken", timeout=LOOP_TIMEOUT, jobs=2, out=io.StringIO())
        graded = pool.submit(grade_all, main, [ASSIGNMENTS, ZH_ASSIGNMENTS], OUT / "main", timeout=CELL_TIMEOUT,
                             jobs=2, out=io.StringIO())
        return graded.result(), broken.result()


@pytest.fixture(scope="module")
def graded(grading):
    grades, status = grading[0]
    assert status == 0, [g.error for g in grades]
    by = {f"teacher/{p.stem}": g for p, g in zip(TEACHER, grades)}
    by.update({f"student/{n}": g for n, g in zip(NAMES, grades[len(TEACHER):])})
    by["wrong-forget-gate"], by["zh-wrong-forget-gate"] = grades[-2:]
    return by


@pytest.fixture(scope="module")
def broken(grading):
    grades, status = grading[1]
    return dict(zip(["does-not-compile", "endless-loop"], grades)), status


# ---- the notebooks themselves (no kernel) -----------------------------------------------------------------------

def test_there_are_four_assignments():
    assert len(TEACHER) >= 4, f"expected at least four assignments in {ASSIGNMENTS}, found {NAMES}"


@pytest.mark.parametrize("path", TEACHER, ids=NAMES)
def test_assignment_follows_nbgrader_conventions(path):
    nb = _read(path)
    C.check_teacher_notebook(nb, path.name)
    assert nb.metadata.kernelspec.name == "java"
    tagged = [c for c in nb.cells if "nbgrader" in c.metadata]
    for cell in tagged:
        meta = cell.metadata.nbgrader
        assert set(meta) == NBGRADER_KEYS, f"{meta.get('grade_id')}: keys {sorted(meta)}"
        assert meta["schema_version"] == 3 and meta["task"] is False
        if meta["grade"]:
            assert meta["locked"] and not meta["solution"] and meta["points"] > 0, meta
    checks = [c for c in nb.cells if C.is_check(c)]
    solutions = [c for c in nb.cells if C.is_solution(c)]
    assert checks and solutions
    assert all(C.BEGIN_SOLUTION in c.source for c in solutions), "every solution cell marks its solution region"
    assert any(C.BEGIN_HIDDEN_TESTS in c.source for c in checks), "the checks include hidden tests"
    assert all("check(" in c.source or "checkClose(" in c.source for c in checks), "checks throw, never assert"
    assert "assert " not in "".join(c.source for c in checks)
    total = sum(C.points(c) for c in checks)
    intro = nb.cells[0].source
    assert f"**{C.fmt_points(total)} points**" in intro, f"the first cell must state the total, {total} points"


def test_solution_regions_and_hidden_tests():
    source = ("int f(int x) {\n    int y = 1;\n    // BEGIN SOLUTION: return \"x + y\", a \\ b\n"
              "    return x + y;\n    // END SOLUTION\n}")
    stubbed, n = C.replace_solution_regions(source, code=True)
    assert n == 1 and stubbed == ("int f(int x) {\n    int y = 1;\n    // YOUR CODE HERE\n"
                                  '    throw new UnsupportedOperationException("TODO: return \\"x + y\\", a \\\\ b");\n}')
    assert C.replace_solution_regions("x = 1;", code=True)[0].endswith('("TODO: your code here (see the task above)");')
    checks, hidden = C.remove_hidden_tests("check(a);\n// BEGIN HIDDEN TESTS\ncheck(b);\n// END HIDDEN TESTS")
    assert (checks, hidden) == ("check(a);", 1)
    for broken in ("// BEGIN SOLUTION\nx", "// END SOLUTION", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"):
        with pytest.raises(C.AssignmentError):
            C.replace_solution_regions(broken, code=True)
    with pytest.raises(C.AssignmentError):
        C.remove_hidden_tests("// BEGIN HIDDEN TESTS\ncheck(b);")


def test_student_versions(submissions):
    for name in NAMES:
        teacher, student = _read(ASSIGNMENTS / f"{name}.ipynb"), _read(submissions["student/" + name])
        assert [C.grade_id(c) for c in student.cells] == [C.grade_id(c) for c in teacher.cells]
        for t, s in zip(teacher.cells, student.cells):
            assert s.metadata.get("nbgrader") == t.metadata.get("nbgrader")
            assert C.BEGIN_SOLUTION not in s.source and C.END_SOLUTION not in s.source
            assert C.BEGIN_HIDDEN_TESTS not in s.source and C.END_HIDDEN_TESTS not in s.source
            if s.cell_type == "code":
                assert s.outputs == [] and s.execution_count is None
            if C.is_solution(t):
                assert 'throw new UnsupportedOperationException("TODO: ' in s.source
                left = "\n".join(line for line in s.source.splitlines() if "UnsupportedOperationException" not in line)
                for line in _solution_lines(t.source):
                    assert line not in left, f"{name}: solution code left in the student version: {line}"
            if C.is_locked(t):
                assert s.metadata.get("editable") is False and s.metadata.get("deletable") is False


# ---- grading in the java kernel ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_teacher_version_scores_full_marks(graded, name):
    g = graded[f"teacher/{name}"]
    failed = [(c.grade_id, c.message) for c in g.checks if c.status != "passed"]
    assert not failed and g.score == g.max_score == 10, failed
    assert not g.problems, g.problems


@pytest.mark.parametrize("name", NAMES)
def test_student_version_scores_zero(graded, name):
    g = graded[f"student/{name}"]
    assert g.error is None and g.max_score == 10 and g.score == 0, [(c.grade_id, c.message) for c in g.checks]
    for c in g.checks:
        assert c.status == "failed"
        # the stubs compile: every check fails on a TODO (or on a training run that could not happen)
        assert "UnsupportedOperationException: TODO: " in c.message or "did not finish" in c.message, c.message


def test_wrong_forget_gate_loses_the_right_points(graded):
    g = graded["wrong-forget-gate"]
    result = {c.grade_id: c for c in g.checks}
    passed = {gid for gid, c in result.items() if c.status == "passed"}
    assert passed == {"a3_input_gate", "a3_candidate", "a3_output_gate"}, passed
    assert g.score == 3 and g.max_score == 10
    forget = result["a3_forget_gate"].message
    assert forget.startswith("AssertionError: forget gate f_t at (0, 0): expected"), forget
    assert "PyTorch's order is i, f, g, o" in forget
    assert result["a3_cell_state"].message.startswith("AssertionError: cell state c_t")


def _markdown(path):
    return [c.source for c in _read(path).cells if c.cell_type == "markdown"]


def test_chinese_submission_scores_what_the_english_one_does(graded):
    """The same wrong answer on the Chinese edition's notebook gets the same points, check by check, graded against
    the Chinese teacher's copy (once the Chinese text differs from the English; placeholders are graded as English)."""
    en, zh = graded["wrong-forget-gate"], graded["zh-wrong-forget-gate"]
    assert zh.error is None and zh.assignment == "a3-lstm-cell"
    assert [(c.grade_id, c.points, c.max_points, c.status) for c in zh.checks] == \
        [(c.grade_id, c.points, c.max_points, c.status) for c in en.checks]
    assert zh.score == en.score == 3 and zh.max_score == 10
    translated = _markdown(ZH_ASSIGNMENTS / "a3-lstm-cell.ipynb") != _markdown(ASSIGNMENTS / "a3-lstm-cell.ipynb")
    if translated:
        assert "/zh/assignments/" in Path(zh.teacher_notebook).as_posix(), zh.teacher_notebook


def test_grader_picks_the_edition_of_the_submission(tmp_path):
    """No kernel: choose_edition picks the teacher's folder whose text cells the submission shares."""
    from unrolled_course.grade import Assignments, choose_edition
    en_dir, zh_dir = tmp_path / "en", tmp_path / "zh"
    shutil.copytree(ASSIGNMENTS, en_dir)
    shutil.copytree(ASSIGNMENTS, zh_dir)
    nb = _read(zh_dir / "a1-backward-rule.ipynb")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            cell.source = f"中文说明 {i}。" + cell.source
    nbformat.write(nb, str(zh_dir / "a1-backward-rule.ipynb"))
    editions = [Assignments(en_dir), Assignments(zh_dir)]
    student = make_student_version(nb, "a1")[0]
    nbformat.write(student, str(tmp_path / "mine.ipynb"))
    assert choose_edition(editions, tmp_path / "mine.ipynb").folder == zh_dir
    assert choose_edition(editions, ASSIGNMENTS / "a1-backward-rule.ipynb").folder == en_dir
    assert choose_edition(editions, tmp_path / "missing.ipynb").folder == en_dir


def test_student_versions_of_both_editions(submissions):
    """./lab.sh student-versions writes OUTDIR/en/ and OUTDIR/zh/, with the same code cells."""
    for name in NAMES:
        en, zh = _read(submissions["student/" + name]), _read(submissions["zh-student/" + name])
        assert [(c.cell_type, c.get("id"), c.source if c.cell_type == "code" else "") for c in en.cells] == \
            [(c.cell_type, c.get("id"), c.source if c.cell_type == "code" else "") for c in zh.cells], name


def test_submission_that_does_not_compile_is_reported(broken):
    grades, status = broken
    g = grades["does-not-compile"]
    assert status == 0 and g.error is None and g.score == 0 and g.max_score == 10
    assert any("(a1_softplus, your code): compile error: ';' expected" in p for p in g.problems), g.problems
    for c in g.checks:
        assert c.message.startswith(("unresolved reference: softplus needs class Softplus",
                                     "compile error")), c.message


def test_endless_loop_is_stopped_and_grading_goes_on(broken):
    grades, status = broken
    g = grades["endless-loop"]
    assert status == 0 and g.error is None
    assert g.score == g.max_score == 10, [(c.grade_id, c.message) for c in g.checks]
    assert any(f"timed out after {LOOP_TIMEOUT:g} s (an endless loop?); the kernel was" in p for p in g.problems), \
        g.problems
    assert any("the kernel was restarted after cell" in p for p in g.problems) or any(
        "the kernel was interrupted" in p for p in g.problems), g.problems
    graded_nb = _read(g.graded_notebook)
    loop = next(c for c in graded_nb.cells if "spins +=" in c.source)
    assert loop.outputs[-1]["ename"] == "TimeoutError"


def test_results_are_written_as_json_and_csv(graded):
    data = json.loads((OUT / "main" / "grades.json").read_text(encoding="utf-8"))
    scores = {s["submission"]: (s["score"], s["max_score"]) for s in data["submissions"]}
    assert scores[str(graded["wrong-forget-gate"].submission)] == (3, 10)
    rows = list(csv.DictReader(open(OUT / "main" / "grades.csv", encoding="utf-8")))
    forget = [r for r in rows if r["grade_id"] == "a3_forget_gate" and r["submission"].endswith("wrong-forget-gate.ipynb")]
    assert forget and forget[0]["points"] == "0" and forget[0]["status"] == "failed"
    assert "expected" in forget[0]["message"]


def test_grade_command_reports_unreadable_submissions(submissions, tmp_path):
    """No kernel needed: the file is not a notebook, yet the command reports it and exits normally."""
    bad = tmp_path / "a2-rnn-bptt.ipynb"
    bad.write_text("{ this is not json", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT / "src" / "main" / "python"))
    done = subprocess.run([sys.executable, "-m", "unrolled_course", "grade", str(bad),
                           str(submissions["not-a-notebook"]), "--out", str(tmp_path / "grades")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("NOT GRADED: not a readable notebook") == 2, done.stdout
    assert "→  assignment a2-rnn-bptt" in done.stdout and "0 / 10" in done.stdout, done.stdout
    data = json.loads((tmp_path / "grades" / "grades.json").read_text(encoding="utf-8"))
    assert [s["max_score"] for s in data["submissions"]] == [10, 0]
