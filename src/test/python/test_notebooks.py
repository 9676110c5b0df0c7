"""Every notebook runs top to bottom in the `java` kernel, then runs again in the same kernel.

A notebook fails on any error output, any text on stderr, a cell over the time limit
(UNROLLED_CELL_TIMEOUT, default 120 s) or a dead kernel; the message names the cell. It also
fails when the second run prints anything else than the first: seeded means the same digits,
cold or warm JIT; only wall-clock times printed with the ⏱ mark (unrolled.lesson.Timing) are
masked. The masked text of each run is kept beside the executed copy (NAME.txt), so two test
runs can be compared too.
Only the English edition (notebooks/en/) runs: the Chinese one (notebooks/zh/) has the same code cells, byte for
byte, which test_editions.py checks; so it prints the same.
A cell tagged `raises-exception` may show an error on purpose; one tagged `skip-execution`
is not run. Nothing is written into notebooks/: executed copies and the kernel's log go to
target/executed-notebooks/.
"""

from __future__ import annotations

import hashlib
import time

import nbformat
import pytest

from conftest import EDITION_DIR, EXECUTED_DIR, EXECUTED_EDITION, notebook_params
from unrolled_course.kernel import NotebookFailure, RunReport, first_lines, read_notebook, run_notebook


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _as_text(texts: list[str]) -> str:
    return "".join(f"--- code cell {i + 1}\n{t}\n" for i, t in enumerate(texts))


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
                f"{first_lines(nb.cells[index].source)}\n"
                f"    line {n + 1}, first run:  {la!r}\n    line {n + 1}, second run: {lb!r}"
            )
    return None


@pytest.mark.parametrize("path", notebook_params(EDITION_DIR))
def test_notebook_runs_twice(path, record_notebook_time):
    name = path.relative_to(EDITION_DIR).as_posix()
    shown = f"notebooks/{EXECUTED_EDITION}/{name}"
    before = _digest(path)
    nb, unreadable = read_notebook(path)
    if unreadable:
        pytest.fail(f"{shown}: cannot be read as a notebook: {unreadable}", pytrace=False)
    report = RunReport()
    started = time.perf_counter()
    failure = "interrupted"
    try:
        run_notebook(nb, cwd=path.parent, label=f"{shown}", passes=2, report=report,
                     kernel_log=EXECUTED_DIR / f"{name}.kernel.log")
        failure = None
    except NotebookFailure as e:
        failure = str(e)
    finally:
        record_notebook_time(name, report.code_cells, report.pass_seconds,
                             time.perf_counter() - started, "FAILED" if failure else "ok")
        copy = EXECUTED_DIR / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(copy))
        if report.pass_texts:
            (EXECUTED_DIR / f"{name}.txt").write_text(_as_text(report.pass_texts[0]), encoding="utf-8")
    if not failure and len(report.pass_texts) == 2:
        cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        failure = first_difference(f"{shown}", nb, *report.pass_texts, cells)
    if failure:
        pytest.fail(failure, pytrace=False)
    assert _digest(path) == before, f"{shown} changed on disk while it ran"
