"""Run a notebook in the installed `java` kernel and say exactly where it went wrong.

Used by the tests in this folder; knows nothing about what the notebooks contain.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

KERNEL_NAME = "java"
# Seconds one cell may run; UNROLLED_CELL_TIMEOUT overrides (e.g. on a slow machine).
CELL_TIMEOUT = float(os.environ.get("UNROLLED_CELL_TIMEOUT", "120"))
# Seconds the JVM may take to start and answer.
STARTUP_TIMEOUT = float(os.environ.get("UNROLLED_KERNEL_STARTUP_TIMEOUT", "60"))
# A cell with this tag may show an error or write to stderr (nbclient's own convention).
ALLOWED_TAG = "raises-exception"

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# A wall-clock time as the library prints it (unrolled.lesson.Timing): the one output allowed to change between runs.
_TIMING = re.compile(r"⏱ [0-9][0-9.,]*(e[-+]?[0-9]+)? ?(ns|µs|ms|s|min)\b")


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
    return _TIMING.sub("⏱ …", _ANSI.sub("", "".join(parts)))


def first_difference(label: str, nb, first: list[str], second: list[str], cells: list[int]) -> str | None:
    """None when two passes showed the same text in every cell; else where and how they first differ."""
    for (index, a), b in zip(zip(cells, first), second):
        if a != b:
            lines_a, lines_b = a.splitlines() or [""], b.splitlines() or [""]
            n = next((k for k, (la, lb) in enumerate(zip(lines_a, lines_b)) if la != lb),
                     min(len(lines_a), len(lines_b)))
            la = lines_a[n] if n < len(lines_a) else "(nothing)"
            lb = lines_b[n] if n < len(lines_b) else "(nothing)"
            return (
                f"{label}: the second run printed something else than the first, cell {index + 1}"
                f" (a seeded notebook must repeat itself to the last digit; only ⏱ timings may differ):\n"
                f"{_first_lines(nb.cells[index].source)}\n"
                f"    line {n + 1}, first run:  {la!r}\n    line {n + 1}, second run: {lb!r}"
            )
    return None


class NotebookFailure(AssertionError):
    """A cell failed, timed out, killed the kernel, or wrote to stderr."""


@dataclass
class RunReport:
    """What one notebook run took: seconds per pass and the number of code cells."""

    code_cells: int = 0
    pass_seconds: list[float] = field(default_factory=list)
    # Per pass, per code cell: the text it showed (stdout and text/plain), timings masked.
    pass_texts: list[list[str]] = field(default_factory=list)


def _first_lines(source: str, n: int = 6) -> str:
    lines = source.strip("\n").splitlines() or [""]
    shown = "\n".join("    | " + line for line in lines[:n])
    if len(lines) > n:
        shown += f"\n    | ... ({len(lines) - n} more lines)"
    return shown


def _clip(text: str, max_lines: int = 40) -> str:
    lines = _ANSI.sub("", text).rstrip().splitlines()
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... ({len(lines) - max_lines} more lines)"]
    return "\n".join("    " + line for line in lines)


def problems_in(cell) -> list[str]:
    """The error outputs and stderr text of an executed code cell, as readable strings."""
    if ALLOWED_TAG in cell.get("metadata", {}).get("tags", []):
        return []
    found = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            head = f"{out.get('ename', 'error')}: {out.get('evalue', '')}".strip()
            trace = "\n".join(out.get("traceback", []))
            found.append("error " + head + ("\n" + _clip(trace) if trace.strip() else ""))
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            found.append("output on stderr:\n" + _clip(out.get("text", "")))
    return found


def _log_tail(kernel_log: Path | None, n: int = 15) -> str:
    if kernel_log is None or not kernel_log.is_file():
        return ""
    lines = kernel_log.read_text(errors="replace").splitlines()[-n:]
    return f"\nlast lines of the kernel's log {kernel_log}:\n" + _clip("\n".join(lines))


def _where(label: str, pass_name: str, index: int, total: int, cell) -> str:
    return (
        f"{label}: {pass_name}, cell {index + 1} of {total} "
        f"(execution count {cell.get('execution_count')}):\n{_first_lines(cell.source)}"
    )


def run_notebook(
    nb,
    cwd: Path,
    label: str,
    passes: int = 2,
    report: RunReport | None = None,
    kernel_log: Path | None = None,
):
    """Execute every code cell of `nb` (in memory) top to bottom, `passes` times in ONE kernel.

    The first pass is a fresh run; later passes re-run all cells in the same kernel, the
    way a student does "Run All" twice. Stops at the first cell that errors, times out,
    kills the kernel or writes to stderr, raising NotebookFailure naming it. Returns `nb`
    holding the outputs of the last pass. The kernel process's own stdout and stderr (IJava's
    log, a JVM crash) go to `kernel_log` if given; nothing else is written.
    """
    report = report if report is not None else RunReport()
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=CELL_TIMEOUT,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=True,  # errors are collected and reported below, with the cell
        resources={"metadata": {"path": str(cwd)}},
    )
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    report.code_cells = len(code)
    with contextlib.ExitStack() as stack:
        streams = {}
        if kernel_log is not None:
            kernel_log.parent.mkdir(parents=True, exist_ok=True)
            log = stack.enter_context(open(kernel_log, "w"))
            streams = {"stdout": log, "stderr": log}
        stack.enter_context(client.setup_kernel(**streams))
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
                        + f"\ntimed out after {CELL_TIMEOUT:g} s (UNROLLED_CELL_TIMEOUT sets the limit)"
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
