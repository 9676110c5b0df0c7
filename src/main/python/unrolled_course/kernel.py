"""Runs notebooks in the java kernel: the one place that starts kernels, for the tests and for the grader.

Two loops share the kernel's name, its start (a NotebookClient, the kernel's log, its process group killed at the
end), the time limits and the reading of outputs (ANSI colours stripped, long text clipped):

* ``run_notebook`` (the notebook tests, src/test/python): every code cell top to bottom, ``passes`` times in ONE
  kernel, stopping at the first cell that errors, times out, kills the kernel or writes to stderr, with a
  ``NotebookFailure`` that names the cell;
* ``run_all_cells`` (the grader, grade.py): every code cell once, going on after anything.

Time limits: a kernel gets STARTUP_TIMEOUT seconds to start (env UNROLLED_KERNEL_STARTUP_TIMEOUT, default 120);
a notebook cell in the tests CELL_TIMEOUT (env UNROLLED_CELL_TIMEOUT, default 120); the grader passes its own
(grade.py, 60 s).

run_all_cells. The notebook tests stop at the first failing cell; grading must not. Here every code cell runs in
order, after errors too, so that each check cell gets its chance:

* a cell that errors (an exception, a compile error) is recorded and the next cell runs;
* a cell that runs past the time limit is interrupted. IJava cannot interrupt a busy loop, so when the kernel does
  not answer after the interrupt it is killed and a new one started; the cells before the stuck one (except the
  check cells) are run again, without keeping their outputs, to rebuild the state, and grading goes on;
* a kernel that dies (System.exit, a crash) is restarted the same way;
* after ``max_restarts`` restarts the remaining cells are reported as not run.

A kernel that cannot be started at all is not the notebook's fault: that raises KernelUnavailable.

For grading (see grade.py) the caller can also

* refuse cells (``refused``: index → reason): they are not run, and get an error output saying why;
* mark cells as needing proof (``proof``): such a cell runs with one more statement appended that prints a fresh
  random token; it counts as ok only if no error occurred and the token is in its stdout (the token line is then
  removed from the output again). Before a proof cell, ``helpers(index)`` (cells given by the teacher) are run
  again, quietly, whenever an untrusted cell has run since they last ran, so a student cell cannot leave a
  neutralised ``check`` behind;
* learn each kernel's process id (``on_kernel``). Every kernel is the leader of its own session and process group
  (jupyter_client starts it with ``start_new_session``); when it is shut down the whole group is killed, so
  processes a cell started go with it.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.v4 import new_output

KERNEL_NAME = "java"
# Seconds a kernel (a JVM) may take to start and answer.
STARTUP_TIMEOUT = float(os.environ.get("UNROLLED_KERNEL_STARTUP_TIMEOUT", "120"))
# Seconds one cell may run in the notebook tests (e.g. more on a slow machine); the grader has its own limit.
CELL_TIMEOUT = float(os.environ.get("UNROLLED_CELL_TIMEOUT", "120"))
# A cell with this tag may show an error or write to stderr in the notebook tests (nbclient's own convention).
ALLOWED_TAG = "raises-exception"
# Loads the library's classes, so that the first real cell is not charged for the JVM's start.
WARM_UP = "unrolled.graph.Tensors.zeros(1, 1).getNumElements()"
# Seconds the kernel gets to answer after an interrupt before it is restarted.
PROBE_SECONDS = 5.0

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HIGHLIGHT = re.compile(r"\x1b\[41m(.*?)\x1b\[0m")
# A wall-clock time as the library prints it (unrolled.lesson.Timing): the one output allowed to change between runs.
_TIMING = re.compile(r"⏱ [0-9][0-9.,]*(e[-+]?[0-9]+)? ?(ns|µs|ms|s|min)\b")


class KernelUnavailable(RuntimeError):
    """The java kernel could not be started, or it does not load the library: an installation problem."""


@dataclass
class CellRun:
    """What happened to one code cell: status "ok", "error", "timeout", "died" or "not run"."""

    index: int
    status: str
    message: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class NotebookRun:
    cells: dict[int, CellRun] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    restarts: int = 0
    seconds: float = 0.0


def strip_ansi(text: str) -> str:
    """text without the terminal colour codes IJava puts into tracebacks."""
    return _ANSI.sub("", text)


def clip_lines(text: str, max_lines: int = 40) -> str:
    """text (colours stripped) indented by four spaces, its first max_lines lines and a line saying how many more."""
    lines = strip_ansi(text).rstrip().splitlines()
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... ({len(lines) - max_lines} more lines)"]
    return "\n".join("    " + line for line in lines)


def first_lines(source: str, n: int = 6) -> str:
    """A cell's first n lines, each shown as `    | line`, and how many more."""
    lines = source.strip("\n").splitlines() or [""]
    shown = "\n".join("    | " + line for line in lines[:n])
    if len(lines) > n:
        shown += f"\n    | ... ({len(lines) - n} more lines)"
    return shown


def new_client(nb, cwd: Path, timeout: float, startup_timeout: float = STARTUP_TIMEOUT,
               kernel_name: str = KERNEL_NAME) -> NotebookClient:
    """A client that runs nb's cells in kernel_name, in the folder cwd, outputs going into the cells; errors are
    recorded in the cells (not raised), each caller decides what they mean."""
    return NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=timeout,
        startup_timeout=startup_timeout,
        allow_errors=True,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(cwd)}},
    )


@contextlib.contextmanager
def started_kernel(client: NotebookClient, log=None, env: dict[str, str] | None = None,
                   kernel_cmd: list[str] | None = None):
    """Starts the client's kernel, its own stdout and stderr (IJava's log, a JVM crash) going to log (an open file)
    or nowhere, and yields its process id. On leaving, the kernel is shut down and its process group killed."""
    start_args = {"stdout": log, "stderr": log} if log else {"stdout": subprocess.DEVNULL,
                                                             "stderr": subprocess.DEVNULL}
    if env is not None:
        start_args["env"] = env
    if kernel_cmd is not None:
        client.km.kernel_cmd = kernel_cmd
    pid = None
    try:
        with client.setup_kernel(**start_args):
            pid = _kernel_pid(client)
            yield pid
    finally:
        kill_group(pid)


def failure_message(out) -> str:
    """One line saying what an error output of IJava means, e.g. "AssertionError: forget gate f_t: expected ..."."""
    ename = out.get("ename") or "error"
    evalue = (out.get("evalue") or "").strip()
    raw = list(out.get("traceback") or [])
    tb = [strip_ansi(line) for line in raw]
    first_value = evalue.splitlines()[0].strip() if evalue else ""
    if ename == "EvalException":
        # IJava: a rule of dashes, then "java.lang.AssertionError: message", then the stack.
        head = next((line.strip() for line in tb if line.strip() and set(line.strip()) != {"-"}), "")
        exception = head.split(":", 1)[0].strip().rsplit(".", 1)[-1] or "exception"
        return f"{exception}: {first_value}" if first_value else exception
    if ename == "CompilationException":
        messages = [" ".join(line.split()) for line in tb if line.strip() and not line.lstrip().startswith("|")]
        text = messages[0] if messages else "the cell does not compile"
        if len(messages) > 1 and messages[1].startswith("symbol:"):
            text += f" ({messages[1]})"
        else:
            spot = next((m.group(1) for line in raw for m in [_HIGHLIGHT.search(line)] if m), "")
            spot = strip_ansi(spot).strip()
            if spot:
                text += f" at `{spot[:60]}`"
        return "compile error: " + text
    if ename == "UnresolvedReferenceException":
        deps = [line.strip().lstrip("- ").strip() for line in tb if line.strip().startswith("-")]
        snippet = re.search(r"Snippet:([^/\s]+)", evalue)
        who = snippet.group(1) if snippet else "this code"
        needs = ", ".join(deps) if deps else "something"
        return f"unresolved reference: {who} needs {needs}, which is not defined (did the cell defining it compile?)"
    if ename == "IncompleteSourceException":
        return "incomplete source: the cell ends inside a statement or block (a missing } or ;?)"
    return f"{ename}: {first_value}" if first_value else ename


def cell_outcome(cell, index: int, seconds: float) -> CellRun:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return CellRun(index, "error", failure_message(out), seconds)
    return CellRun(index, "ok", "", seconds)


def kill_group(pid: int | None) -> None:
    """SIGKILL to the process group led by pid (a kernel and whatever it started), if it still exists."""
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def _kernel_pid(client) -> int | None:
    try:
        return client.km.provisioner.process.pid
    except AttributeError:
        return None


PROOF_PREFIX = "unrolled-grader-proof-"


def _run_with_proof(client, cell, index: int, count: int) -> tuple[bool, bool]:
    """Runs a cell with a token-printing statement appended; (token seen in its stdout, an error occurred)."""
    token = PROOF_PREFIX + secrets.token_hex(16)
    original = cell.source
    cell.source = original + f'\n;\nSystem.out.println("{token}");'
    try:
        client.execute_cell(cell, index, execution_count=count)
    finally:
        cell.source = original
        seen = False
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and token in out.get("text", ""):
                seen = seen or out.get("name") == "stdout"
                out["text"] = "".join(line for line in out["text"].splitlines(keepends=True) if token not in line)
        cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and not o.get("text"))]
    errored = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
    return seen, errored


def _add_error(cell, ename: str, message: str) -> None:
    cell.outputs.append(new_output("error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"]))


def _execute_quietly(client: NotebookClient, code: str, timeout: float) -> dict | None:
    """Runs code in the kernel without recording anything; the execute_reply content, or None after timeout."""
    msg_id = client.kc.execute(code, store_history=False, allow_stdin=False, stop_on_error=False)
    get_msg = run_sync(client.kc.shell_channel.get_msg)
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            msg = get_msg(timeout=min(remaining, 1.0))
        except queue.Empty:
            if not run_sync(client.km.is_alive)():
                raise DeadKernelError("Kernel died") from None
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg["content"]


def _responsive_after_interrupt(client: NotebookClient) -> bool:
    try:
        run_sync(client.km.interrupt_kernel)()
        return _execute_quietly(client, "1", PROBE_SECONDS) is not None
    except Exception:  # a dead or broken kernel is not responsive
        return False


def run_all_cells(
    nb,
    cwd: Path,
    timeout: float,
    startup_timeout: float = STARTUP_TIMEOUT,
    log_path: Path | None = None,
    replayable: Callable[[object], bool] = lambda cell: True,
    max_restarts: int = 3,
    kernel_name: str = KERNEL_NAME,
    refused: dict[int, str] | None = None,
    proof: set[int] | None = None,
    helpers: Callable[[int], list[int]] = lambda index: [],
    trusted: Callable[[int], bool] = lambda index: True,
    on_kernel: Callable[[int | None], None] = lambda pid: None,
    env: dict[str, str] | None = None,
    kernel_cmd: list[str] | None = None,
) -> NotebookRun:
    """Executes every code cell of nb in place (outputs land in the cells) and says what happened to each."""
    run = NotebookRun()
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    skip_replay: set[int] = set()
    refused = dict(refused or {})
    proof = set(proof or ())
    for i in code:
        if i in refused:
            nb.cells[i].outputs = []
            _add_error(nb.cells[i], "RefusedByGrader", refused[i])
            run.cells[i] = CellRun(i, "refused", refused[i])
            skip_replay.add(i)
    code = [i for i in code if i not in refused]
    pos = 0
    count = 0
    started = time.perf_counter()
    log = open(log_path, "w") if log_path else None
    try:
        while pos < len(code):
            if run.restarts > max_restarts:
                why = f"not run: the kernel had to be restarted {max_restarts} times already"
                for i in code[pos:]:
                    run.cells[i] = CellRun(i, "not run", why)
                run.notes.append(f"stopped after {max_restarts} kernel restarts; cells {code[pos] + 1}… were not run")
                break
            client = new_client(nb, cwd, timeout, startup_timeout, kernel_name)
            ready = False
            current = None
            dirty = True
            try:
                with started_kernel(client, log, env, kernel_cmd) as pid:
                    on_kernel(pid)
                    reply = _execute_quietly(client, WARM_UP, startup_timeout)
                    if reply is None or reply.get("status") != "ok":
                        raise KernelUnavailable(
                            f"the {kernel_name} kernel started but did not run `{WARM_UP}` "
                            f"({'no answer' if reply is None else reply.get('ename')}): is lib/ built? "
                            "(./lab.sh --setup-only)")
                    ready = True
                    if run.restarts:
                        if not _replay(client, nb, code[:pos], run, skip_replay, timeout, replayable):
                            run.restarts += 1
                            continue
                    while pos < len(code):
                        i = code[pos]
                        cell = nb.cells[i]
                        pos += 1
                        count += 1
                        t0 = time.perf_counter()
                        current = i
                        seen = None
                        try:
                            if i in proof:
                                if dirty:
                                    for h in helpers(i):
                                        if nb.cells[h].get("source", "").strip():
                                            _execute_quietly(client, nb.cells[h].source, timeout)
                                    dirty = False
                                seen, errored = _run_with_proof(client, cell, i, count)
                            else:
                                if not trusted(i):
                                    dirty = True
                                client.execute_cell(cell, i, execution_count=count)
                        except CellTimeoutError:
                            message = f"timed out after {timeout:g} s (an endless loop?)"
                            if _responsive_after_interrupt(client):
                                message += "; the kernel was interrupted"
                                run.cells[i] = CellRun(i, "timeout", message, time.perf_counter() - t0)
                                _add_error(cell, "TimeoutError", message)
                                continue
                            message += "; the kernel was restarted"
                            run.cells[i] = CellRun(i, "timeout", message, time.perf_counter() - t0)
                            _add_error(cell, "TimeoutError", message)
                            run.notes.append(f"the kernel was restarted after cell {i + 1} did not stop; the cells "
                                             "above it were run again to rebuild the state")
                            skip_replay.add(i)
                            run.restarts += 1
                            break
                        except DeadKernelError:
                            message = "the kernel died while running this cell (System.exit? out of memory?)"
                            run.cells[i] = CellRun(i, "died", message, time.perf_counter() - t0)
                            _add_error(cell, "DeadKernelError", message)
                            run.notes.append(f"cell {i + 1}: {message}; restarted the kernel")
                            skip_replay.add(i)
                            run.restarts += 1
                            break
                        run.cells[i] = cell_outcome(cell, i, time.perf_counter() - t0)
                        if seen is False and run.cells[i].ok:
                            message = ("the check did not run to its end: the grader's proof-of-completion line "
                                       "was not printed (was System.out replaced, or the check cut short?)")
                            run.cells[i] = CellRun(i, "error", message, time.perf_counter() - t0)
                            _add_error(cell, "GraderProofMissing", message)
            except KernelUnavailable:
                raise
            except DeadKernelError:
                run.notes.append("the kernel died while the cells above were run again; restarted it")
                run.restarts += 1
            except Exception as e:
                what = f"{type(e).__name__}: {e}"
                if not ready and not run.cells:  # the very first kernel would not start
                    raise KernelUnavailable(f"could not start the {kernel_name} kernel: {what}") from e
                if not ready:
                    run.notes.append(f"could not restart the kernel ({what}); the remaining cells were not run")
                    run.restarts = max_restarts + 1
                    continue
                if current is not None and current not in run.cells:
                    run.cells[current] = CellRun(current, "error", f"the grader could not run this cell: {what}")
                    skip_replay.add(current)
                run.notes.append(f"the kernel failed ({what}); restarted it")
                run.restarts += 1
    finally:
        if log:
            log.close()
    run.seconds = time.perf_counter() - started
    return run


def _replay(client, nb, indices, run: NotebookRun, skip: set[int], timeout: float, replayable) -> bool:
    """Runs the given cells again in a fresh kernel (outputs dropped). False if one got stuck (it is skipped next)."""
    for i in indices:
        if i in skip or run.cells.get(i) is None or run.cells[i].status in ("timeout", "died", "not run"):
            continue
        if not nb.cells[i].get("source", "").strip():
            continue
        if not replayable(nb.cells[i]):
            continue
        if _execute_quietly(client, nb.cells[i].source, timeout) is None:
            skip.add(i)
            run.notes.append(f"cell {i + 1} got stuck when run again after a restart; it is skipped from now on")
            return False
    return True


# ---- run_notebook: the notebook tests' strict loop ----------------------------------------------------------------

class NotebookFailure(AssertionError):
    """A cell failed, timed out, killed the kernel, or wrote to stderr."""


@dataclass
class RunReport:
    """What one notebook run took: seconds per pass and the number of code cells."""

    code_cells: int = 0
    pass_seconds: list[float] = field(default_factory=list)
    # Per pass, per code cell: the text it showed (stdout and text/plain), timings masked.
    pass_texts: list[list[str]] = field(default_factory=list)


def masked_text(cell) -> str:
    """What a student reads in an executed cell's output, with every marked timing replaced by `⏱ …`."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") in ("execute_result", "display_data"):
            data = out.get("data", {})
            # A picture is what the student sees; its text/plain is a Java toString with an identity hash
            # (BufferedImage@6ab52557) that changes from run to run, so it is left out.
            if not any(mime.startswith("image/") for mime in data):
                parts.append(data.get("text/plain", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return _TIMING.sub("⏱ …", strip_ansi("".join(parts)))


def problems_in(cell) -> list[str]:
    """The error outputs and stderr text of an executed code cell, as readable strings."""
    if ALLOWED_TAG in cell.get("metadata", {}).get("tags", []):
        return []
    found = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            head = f"{out.get('ename', 'error')}: {out.get('evalue', '')}".strip()
            trace = "\n".join(out.get("traceback", []))
            found.append("error " + head + ("\n" + clip_lines(trace) if trace.strip() else ""))
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            found.append("output on stderr:\n" + clip_lines(out.get("text", "")))
    return found


def _log_tail(kernel_log: Path | None, n: int = 15) -> str:
    if kernel_log is None or not kernel_log.is_file():
        return ""
    lines = kernel_log.read_text(errors="replace").splitlines()[-n:]
    return f"\nlast lines of the kernel's log {kernel_log}:\n" + clip_lines("\n".join(lines))


def _where(label: str, pass_name: str, index: int, total: int, cell) -> str:
    return (
        f"{label}: {pass_name}, cell {index + 1} of {total} "
        f"(execution count {cell.get('execution_count')}):\n{first_lines(cell.source)}"
    )


def run_notebook(
    nb,
    cwd: Path,
    label: str,
    passes: int = 2,
    report: RunReport | None = None,
    kernel_log: Path | None = None,
    timeout: float = CELL_TIMEOUT,
):
    """Execute every code cell of `nb` (in memory) top to bottom, `passes` times in ONE kernel.

    The first pass is a fresh run; later passes re-run all cells in the same kernel, the
    way a student does "Run All" twice. Stops at the first cell that errors, times out,
    kills the kernel or writes to stderr, raising NotebookFailure naming it. Returns `nb`
    holding the outputs of the last pass. The kernel process's own stdout and stderr (IJava's
    log, a JVM crash) go to `kernel_log` if given; nothing else is written.
    """
    report = report if report is not None else RunReport()
    client = new_client(nb, cwd, timeout)
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    report.code_cells = len(code)
    with contextlib.ExitStack() as stack:
        log = None
        if kernel_log is not None:
            kernel_log.parent.mkdir(parents=True, exist_ok=True)
            log = stack.enter_context(open(kernel_log, "w"))
        stack.enter_context(started_kernel(client, log))
        info = client.wait_for_reply(client.kc.kernel_info())
        if info and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for p in range(passes):
            pass_name = "first run" if p == 0 else "second run (all cells again, same kernel)"
            started = time.perf_counter()
            for index, cell in code:
                try:
                    client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                except CellTimeoutError:
                    raise NotebookFailure(
                        _where(label, pass_name, index, len(nb.cells), cell)
                        + f"\ntimed out after {timeout:g} s (UNROLLED_CELL_TIMEOUT sets the limit)"
                    ) from None
                except DeadKernelError as e:
                    raise NotebookFailure(
                        _where(label, pass_name, index, len(nb.cells), cell)
                        + f"\nthe kernel died: {e}"
                        + _log_tail(kernel_log)
                    ) from None
                found = problems_in(cell)
                if found:
                    raise NotebookFailure(
                        _where(label, pass_name, index, len(nb.cells), cell) + "\n" + "\n".join(found)
                    )
            report.pass_seconds.append(time.perf_counter() - started)
            report.pass_texts.append([masked_text(cell) for _, cell in code])
    return nb


def read_notebook(path: Path, as_version=4):
    """(notebook, None), or (None, why) when the file is not a readable notebook."""
    try:
        return nbformat.read(str(path), as_version=as_version), None
    except Exception as e:  # not JSON, or not a notebook at all
        return None, f"{type(e).__name__}: {e}"
