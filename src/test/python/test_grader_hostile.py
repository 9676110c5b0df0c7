"""Hostile submissions score only what they earn (issue 12 §1).

Each submission below is built from the student version (or from a solved one) and attacks the grader one way;
each test asserts the points it gets and what the report says:

* snoop: `%load`s the teacher's notebook by its absolute path and reads/overwrites files in its working
  directory → the magic cell is not run, the working directory is an empty scratch folder, 0 points, the
  teacher's notebook unchanged;
* overwrite: writes over a teacher's notebook by its absolute path → grading stops with a clear error;
* no-op checks: a wrong forget gate (3 of 10 points) plus a cell redefining check/checkClose as no-ops → still 3;
* tampered checks: the same wrong forget gate with a check cell deleted, another's nbgrader metadata removed,
  a third's code replaced → the teacher's checks are put back, still 3;
* library: a4 solved with the library's Clipping → the cell is refused and every check says why, 0 points;
* processes: a1 solved, a cell starts a background `sleep` and prints 300,000 characters → full marks, the sleep
  is killed with the kernel, the output is cut with a note saying how much;
* killer: a1 solved, a cell kills the grading worker (its parent process) → reported as an environment error,
  the exit status is 1, the other submissions keep their grades, its orphaned kernel and children are killed.
"""

from __future__ import annotations

import copy
import hashlib
import io
import shutil
import socket
import subprocess
from pathlib import Path

import nbformat
import pytest

import submissions
from conftest import NOTEBOOKS_DIR, REPO_ROOT

from unrolled_course import cells as C
from unrolled_course import grade as G
from unrolled_course.kernel import CELL_TIMEOUT, run_all_cells
from unrolled_course.student import make_student_version

ASSIGNMENTS = NOTEBOOKS_DIR / "en" / "assignments"
# grade_all gets both editions' teacher folders, as `./lab.sh grade` does: the sandbox hides both
BOTH_EDITIONS = [ASSIGNMENTS, NOTEBOOKS_DIR / "zh" / "assignments"]
OUT = REPO_ROOT / "target" / "assignments" / "test-grades-hostile"
SLEEP_OK = "4321.25"      # the background process of the "processes" submission
SLEEP_KILLER = "4321.75"  # the one the "killer" submission starts before it kills its worker


_read = submissions.read


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_cell = submissions.cell


def _student(name: str):
    return make_student_version(_read(ASSIGNMENTS / f"{name}.ipynb"), name)[0]


_solved = submissions.solved


def _insert_after(nb, grade_id, source):
    at = nb.cells.index(_cell(nb, grade_id)) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(source))
    return nb


def _wrong_forget_gate():
    nb = _solved("a3-lstm-cell")
    cell = _cell(nb, "a3_lstm_step")
    old = "Node f = sigmoid(a.slice(H, 2 * H));"
    assert old in cell.source
    cell.source = cell.source.replace(old, "Node f = sigmoid(a.slice(H, 2 * H).scale(-1));")
    return nb


NO_OP_CHECKS = """// my own, more forgiving checks
void check(boolean ok, String message) { }
void checkClose(String what, double expected, double actual, double tol, String hint) { }
void checkClose(String what, DMatrixRMaj expected, DMatrixRMaj actual, double tol, String hint) { }
boolean close(double expected, double actual, double tol) { return true; }"""

SNOOP = """var here = java.nio.file.Path.of("").toAbsolutePath();
try (var files = java.nio.file.Files.list(here)) { System.out.println("files here: " + files.toList()); }
for (String name : new String[] {"a1-backward-rule.ipynb", "assignments/a1-backward-rule.ipynb"}) {
    System.out.println(name + " readable: " + java.nio.file.Files.isReadable(java.nio.file.Path.of(name)));
    try { java.nio.file.Files.writeString(java.nio.file.Path.of(name), "{}"); } catch (Exception e) { }
}
System.out.println("cwd: " + here);"""


LISTEN_PORT = 47613
ESCAPE_FILE = REPO_ROOT / "target" / "sandbox-escape.txt"
ESCAPE = f"""String tried(java.util.concurrent.Callable<Object> attempt) {{
    try {{ return "done: " + attempt.call(); }} catch (Throwable e) {{ return "refused: " + e.getClass().getSimpleName(); }}
}}
System.out.println("connect " + tried(() -> {{ new java.net.Socket("127.0.0.1", {LISTEN_PORT}).close(); return "ok"; }}));
System.out.println("write " + tried(() -> java.nio.file.Files.writeString(java.nio.file.Path.of("{ESCAPE_FILE}"), "out")));
System.out.println("read teacher " + tried(() -> java.nio.file.Files.readString(
        java.nio.file.Path.of("{ASSIGNMENTS / 'a1-backward-rule.ipynb'}")).length()));
System.out.println("write scratch " + tried(() -> java.nio.file.Files.writeString(java.nio.file.Path.of("mine.txt"), "ok")));"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    made = {}

    def write(label, nb):
        path = root / f"{label}.ipynb"
        nbformat.write(nb, str(path))
        made[label] = path

    snoop = _student("a1-backward-rule")
    _cell(snoop, "a1_softplus").source = f"%load {ASSIGNMENTS / 'a1-backward-rule.ipynb'}"
    write("snoop", _insert_after(snoop, "a1_softplus_op", SNOOP))

    write("no-op-checks", _insert_after(_wrong_forget_gate(), "a3_lstm_step", NO_OP_CHECKS))

    tampered = _wrong_forget_gate()
    tampered.cells.remove(_cell(tampered, "a3_forget_gate"))
    del _cell(tampered, "a3_cell_state").metadata["nbgrader"]
    _cell(tampered, "a3_hidden_state").source = "// nothing to check here"
    write("tampered-checks", tampered)

    library = _solved("a4-clipping-training")
    _cell(library, "a4_clip").source = (
        "double totalNorm(List<Node> parameters) { return Clipping.totalNorm(parameters); }\n"
        "double clipGradNorm(List<Node> parameters, double maxNorm) { "
        "return Clipping.clipGradNorm(parameters, maxNorm); }")
    write("library", library)

    write("processes", _insert_after(_solved("a1-backward-rule"), "a1_softplus_op",
                                     f'new ProcessBuilder("sleep", "{SLEEP_OK}").start();\n'
                                     'System.out.print("x".repeat(300_000));'))
    escape = _insert_after(_student("a1-backward-rule"), "a1_softplus_op", ESCAPE)
    write("escape", escape)
    write("killer", _insert_after(_solved("a1-backward-rule"), "a1_softplus_op",
                                  f'new ProcessBuilder("sleep", "{SLEEP_KILLER}").start();\n'
                                  "ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);"))
    return made


@pytest.fixture(scope="module")
def graded(hostile):
    before = {p.name: _sha(p) for p in ASSIGNMENTS.glob("*.ipynb")}
    ESCAPE_FILE.unlink(missing_ok=True)  # left by a run without the sandbox
    order = ["snoop", "no-op-checks", "tampered-checks", "library", "processes", "escape", "killer"]
    out = io.StringIO()
    with socket.socket() as listener:  # a server outside the sandbox, on the host's loopback
        listener.bind(("127.0.0.1", LISTEN_PORT))
        listener.listen()
        grades, status = G.grade_all([hostile[k] for k in order], BOTH_EDITIONS, OUT, timeout=CELL_TIMEOUT, jobs=2,
                                     out=out)
    after = {p.name: _sha(p) for p in ASSIGNMENTS.glob("*.ipynb")}
    return dict(zip(order, grades)), status, out.getvalue(), before, after


def _points(g):
    return {c.grade_id: c.points for c in g.checks}


def _no_process(arg) -> bool:
    return subprocess.run(["pgrep", "-f", f"sleep {arg}"], capture_output=True).returncode == 1


# ---- 1, 2: a scratch working directory, no magics, the teacher's notebooks untouched --------------------------

def test_snooping_submission_finds_nothing_and_scores_zero(graded):
    grades, _, _, before, after = graded
    g = grades["snoop"]
    assert g.error is None and g.score == 0 and g.max_score == 10, [(c.grade_id, c.message) for c in g.checks]
    assert any(G.MAGICS_REFUSED in p for p in g.problems), g.problems
    assert before == after, "a teacher's notebook changed during grading"
    nb = _read(g.graded_notebook)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "files here: []" in text and "a1-backward-rule.ipynb readable: false" in text, text[:2000]
    cwd = text.split("cwd: ", 1)[1].split()[0]
    assert str(REPO_ROOT) not in cwd and "unrolled-grade-" in cwd, cwd
    refused = next(c for c in nb.cells if c.source.startswith("%load"))
    assert refused.outputs[0]["ename"] == "RefusedByGrader"


def test_teacher_notebooks_are_read_once_and_guarded(tmp_path):
    folder = tmp_path / "assignments"
    shutil.copytree(ASSIGNMENTS, folder)
    assignments = G.Assignments(folder)
    assignments.verify()
    target = folder / "a2-rnn-bptt.ipynb"
    target.write_text(target.read_text(encoding="utf-8").replace("check(", "check (", 1), encoding="utf-8")
    with pytest.raises(C.AssignmentError, match="changed on disk during grading"):
        assignments.verify()


def test_submission_overwriting_a_teacher_notebook_stops_grading(tmp_path, monkeypatch):
    """Without the sandbox the write succeeds, and the grader notices and stops (and says it is not sandboxed)."""
    monkeypatch.setenv("UNROLLED_GRADE_SANDBOX", "0")
    folder = tmp_path / "assignments"
    shutil.copytree(ASSIGNMENTS, folder)
    victim = folder / "a1-backward-rule.ipynb"
    nb = _insert_after(_student("a1-backward-rule"), "a1_softplus_op",
                       f'java.nio.file.Files.writeString(java.nio.file.Path.of("{victim}"), "{{}}");')
    path = tmp_path / "overwrite.ipynb"
    nbformat.write(nb, str(path))
    out = io.StringIO()
    with pytest.raises(C.AssignmentError, match="changed on disk during grading"):
        G.grade_all([path], folder, tmp_path / "grades", timeout=CELL_TIMEOUT, out=out)
    assert out.getvalue().startswith(G.NOT_SANDBOXED), out.getvalue()


def test_magics_are_refused_without_a_kernel():
    nb = _student("a1-backward-rule")
    _cell(nb, "a1_softplus").source = "%%loadFromPOM\n<dependency/>"
    nb.cells.append(nbformat.v4.new_code_cell("int k = 7 % 2;\n  %jars /tmp/x.jar"))
    nb.cells.append(nbformat.v4.new_code_cell("int m = 7\n    % 2;"))  # Java's remainder is not a magic
    prep = G.prepare(nb, _read(ASSIGNMENTS / "a1-backward-rule.ipynb"), "a1-backward-rule")
    assert sorted(prep.refused) == [nb.cells.index(_cell(nb, "a1_softplus")), len(nb.cells) - 2]
    assert set(prep.refused.values()) == {G.MAGICS_REFUSED}


# ---- 3: checks cannot be neutralised -----------------------------------------------------------------------------

def test_no_op_checks_do_not_pass(graded):
    g = graded[0]["no-op-checks"]
    points = _points(g)
    assert g.score == 3 and g.max_score == 10, [(c.grade_id, c.message) for c in g.checks]
    assert {gid for gid, p in points.items() if p} == {"a3_input_gate", "a3_candidate", "a3_output_gate"}
    forget = next(c for c in g.checks if c.grade_id == "a3_forget_gate")
    assert forget.message.startswith("AssertionError: forget gate f_t at (0, 0): expected"), forget.message


class _FakeKernelClient:
    """Stands in for nbclient: 'runs' a cell by giving it the outputs a test chose, never printing the token."""

    def __init__(self, outputs):
        self.outputs = outputs

    def execute_cell(self, cell, index, execution_count=None):
        cell.outputs = [nbformat.from_dict(o) for o in self.outputs]


def test_a_check_needs_the_proof_token():
    from unrolled_course import kernel as K
    cell = nbformat.v4.new_code_cell("check(true, \"ok\");")
    seen, errored = K._run_with_proof(_FakeKernelClient([{"output_type": "stream", "name": "stdout",
                                                          "text": "ok\n"}]), cell, 0, 1)
    assert (seen, errored) == (False, False) and cell.source == 'check(true, "ok");'
    fake = K.PROOF_PREFIX + "0" * 32
    seen, _ = K._run_with_proof(_FakeKernelClient([{"output_type": "stream", "name": "stdout",
                                                    "text": fake + "\n"}]), cell, 0, 1)
    assert seen is False, "a token the grader did not make must not count"


def test_checks_are_proven_in_the_kernel(tmp_path):
    """The given helper cell is run again before each check, so a no-op `check` defined in between does not count."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "java", "language": "java"}
    for source in ["void check(boolean ok, String m) { if (!ok) throw new AssertionError(m); }",
                   "void check(boolean ok, String m) { }",
                   'check(1 == 2, "one is not two");',
                   'check(true, "fine");']:
        nb.cells.append(nbformat.v4.new_code_cell(source))
    run = run_all_cells(nb, cwd=tmp_path, timeout=CELL_TIMEOUT, proof={2, 3}, helpers=lambda i: [0],
                        trusted=lambda i: i in (0, 2, 3))
    assert run.cells[2].status == "error" and "one is not two" in run.cells[2].message
    assert run.cells[3].ok
    assert not any(K in str(o) for c in nb.cells for o in c.outputs for K in ["unrolled-grader-proof-"])


# ---- 6: deleted or altered check cells are restored --------------------------------------------------------------

def test_deleted_and_altered_checks_are_restored(graded):
    g = graded[0]["tampered-checks"]
    assert g.score == 3 and g.max_score == 10, [(c.grade_id, c.message) for c in g.checks]
    result = {c.grade_id: c for c in g.checks}
    assert result["a3_forget_gate"].status == "failed"
    assert result["a3_forget_gate"].message.startswith("AssertionError: forget gate f_t"), result["a3_forget_gate"]
    assert result["a3_cell_state"].message.startswith("AssertionError: cell state c_t")
    assert result["a3_hidden_state"].status == "failed"
    assert any("'a3_forget_gate' was missing" in p for p in g.problems), g.problems
    assert any("lost its nbgrader metadata; restored as 'a3_cell_state'" in p for p in g.problems), g.problems


# ---- 5: library types a solution may not use ---------------------------------------------------------------------

def test_forbidden_library_class_fails_with_the_reason(graded):
    g = graded[0]["library"]
    assert g.score == 0 and g.max_score == 10, [(c.grade_id, c.message) for c in g.checks]
    for c in g.checks:
        assert "uses the library's Clipping class, which this assignment does not allow" in c.message, c.message


def test_forbidden_rules_allow_the_given_signature():
    teacher = _read(ASSIGNMENTS / "a3-lstm-cell.ipynb")
    solved = _solved("a3-lstm-cell")
    assert G.prepare(solved, teacher, "a3-lstm-cell").refused == {}  # LSTMCell.Gates is the given return type
    _cell(solved, "a3_lstm_step").source += "\nGRUCell spare = null;"
    assert list(G.prepare(solved, teacher, "a3-lstm-cell").refused.values())[0].startswith(
        "uses the library's PeepholeLSTMCell and GRUCell")


# ---- 4, 7: processes, dead workers, long outputs -----------------------------------------------------------------

def test_processes_die_with_the_kernel_and_long_output_is_cut(graded):
    g = graded[0]["processes"]
    assert g.error is None and g.score == g.max_score == 10, [(c.grade_id, c.message) for c in g.checks]
    assert _no_process(SLEEP_OK), "the background process the submission started outlived its kernel"
    nb = _read(g.graded_notebook)
    text = next(o["text"] for c in nb.cells if c.cell_type == "code" and "repeat(300_000)" in c.source
                for o in c.outputs if o.get("output_type") == "stream")
    assert len(text) < 25_000
    assert f"[... {300_000 - G.OUTPUT_LIMIT:,} more characters of this output (cell" in text, text[-200:]


def test_a_dead_worker_costs_only_its_own_grade(graded):
    grades, status, out, _, _ = graded
    g = grades["killer"]
    assert status == 1, out
    assert g.environment_error and "worker process died" in (g.error or ""), g.error
    assert _no_process(SLEEP_KILLER), "the dead worker's kernel (or what it started) is still running"
    assert grades["processes"].score == 10 and not grades["processes"].environment_error


def test_report_lines_say_how_much_was_cut():
    assert G._clip("word " * 100, 50).endswith("[... 449 more characters cut; see grades.json]")
    assert G.cut("y" * 30, 10, " of this text") == "y" * 10 + "\n[... 20 more characters of this text cut by the grader ...]\n"


def test_chunked_output_is_merged_then_cut():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="z" * 15_000) for _ in range(4)]
    nb.cells.append(cell)
    G.cut_outputs(nb)
    assert len(cell.outputs) == 1
    assert cell.outputs[0]["text"].endswith(f"[... {60_000 - G.OUTPUT_LIMIT:,} more characters of this output "
                                            "(cell 1) cut by the grader ...]\n")


# ---- 8: the bubblewrap sandbox -----------------------------------------------------------------------------------

def test_sandbox_blocks_network_writes_and_the_teacher_folder(graded):
    if G.sandbox_command() is None:
        pytest.skip("bubblewrap (bwrap) is not installed or cannot run here, or UNROLLED_GRADE_SANDBOX=0")
    grades, _, out, _, _ = graded
    assert out.startswith(G.SANDBOXED), out[:300]
    g = grades["escape"]
    assert g.error is None and g.score == 0 and g.max_score == 10
    nb = _read(g.graded_notebook)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "connect refused: ConnectException" in text, text[:3000]
    assert "write refused: FileSystemException" in text or "write refused: AccessDeniedException" in text, text[:3000]
    assert "read teacher refused: NoSuchFileException" in text, text[:3000]
    assert "write scratch done: " in text, text[:3000]
    assert not ESCAPE_FILE.exists()


@pytest.mark.parametrize("name", ["a1-backward-rule", "a2-rnn-bptt", "a3-lstm-cell", "a4-clipping-training"])
def test_types_shadowing_what_the_checks_use_are_refused(name):
    teacher = _read(ASSIGNMENTS / f"{name}.ipynb")
    solved = _solved(name)
    assert G.prepare(solved, teacher, name).refused == {}, "the teacher's own solution must not be refused"
    solved.cells.append(nbformat.v4.new_code_cell(
        "// my class Math is better\nclass MyHelper { String s = \"record Node\"; }"))  # not a shadow
    solved.cells.append(nbformat.v4.new_code_cell(
        "class Math { static double abs(double x) { return 0; } static double exp(double x) { return 0; } }"))
    refused = G.prepare(solved, teacher, name).refused
    assert list(refused) == [len(solved.cells) - 1], refused
    assert "uses the name Math for a type or method of its own" in refused[len(solved.cells) - 1]


def test_methods_shadowing_static_imports_are_refused():
    def meta(gid, check):
        return {"nbgrader": {"grade": check, "grade_id": gid, "locked": True, "points": 1 if check else 0,
                             "schema_version": 3, "solution": False, "task": False}}
    teacher = nbformat.v4.new_notebook()
    teacher.cells = [nbformat.v4.new_code_cell("import static unrolled.graph.Ops.*;", metadata=meta("imports", False)),
                     nbformat.v4.new_code_cell("check(close(sigmoid(0.0), 0.5, 1e-12), \"σ(0) = 1/2\");",
                                               metadata=meta("the_check", True))]
    nb = copy.deepcopy(teacher)
    nb.cells.insert(1, nbformat.v4.new_code_cell("double sigmoid(double x) {\n    return 0.5;\n}"))
    nb.cells.insert(2, nbformat.v4.new_code_cell("double mySigmoid(double x) { return 0.5; }\n"
                                                 "class Box {\n    double sigmoid(double x) { return 1; }\n}"))
    refused = G.prepare(nb, teacher, "toy").refused
    assert list(refused) == [1], refused
    assert "uses the name sigmoid for a type or method of its own" in refused[1]


def test_the_sandbox_keeps_a_checkout_under_tmp_visible(monkeypatch):
    """The sandbox lays an empty tmpfs over /tmp: a checkout there (a CI clone) must be bound back, read-only."""
    monkeypatch.setattr(G.sys, "prefix", "/tmp/clone/.venv")
    assert G._code_under_tmp(Path("/tmp/clone/src/main/python")) == [Path("/tmp/clone").resolve(),
                                                                    Path("/tmp/clone/.venv").resolve()]
    monkeypatch.setattr(G.sys, "prefix", "/usr")
    assert G._code_under_tmp(Path("/work/clone/src/main/python")) == []
