"""Shared by the notebook tests: where the repository and its notebooks are, the course tooling on the import path
(unrolled_course, whose kernel module runs the notebooks), and a per-notebook timing table printed at the end of
the session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def _repo_root() -> Path:
    here = Path(__file__).resolve().parent
    for folder in (here, *here.parents):
        if (folder / "pom.xml").is_file() and (folder / "lab.sh").is_file():
            return folder
    raise RuntimeError(f"no repository root (pom.xml beside lab.sh) above {here}")


REPO_ROOT = _repo_root()
sys.path.insert(0, str(REPO_ROOT / "src" / "main" / "python"))
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
# Two editions of every notebook and assignment, one code source: notebooks/en/ (executed by the tests) and
# notebooks/zh/ (the same code cells, Chinese text; checked by test_editions.py, not executed).
EDITIONS = ("en", "zh")
EXECUTED_EDITION = "en"
EDITION_DIR = NOTEBOOKS_DIR / EXECUTED_EDITION
# Executed copies of the notebooks land here, for reading after a failure; never in notebooks/.
EXECUTED_DIR = REPO_ROOT / "target" / "executed-notebooks"

# The `java` kernelspec that ./lab.sh installed in this environment wins over any
# `java` kernel in the user's own Jupyter folders (unless the user says otherwise).
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Every notebook under folder (default notebooks/: both editions), checkpoints excluded, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.relative_to(folder).parts
    )


def notebook_params(folder: Path = NOTEBOOKS_DIR) -> list:
    """One pytest parameter per notebook under folder, its id the path under folder."""
    return [pytest.param(p, id=p.relative_to(folder).as_posix()) for p in notebook_paths(folder)]


_TIMINGS = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def say(request):
    """Writes a line to the terminal even while pytest captures output (timings, for the log)."""
    plugins = request.config.pluginmanager

    def write(line: str) -> None:
        reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)

    return write


@pytest.fixture
def record_notebook_time(request):
    """Call with (name, code cells, seconds per pass, total seconds, outcome)."""

    def record(name: str, cells: int, passes: list[float], total: float, outcome: str) -> None:
        request.config.stash.setdefault(_TIMINGS, []).append((name, cells, passes, total, outcome))

    return record


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    rows = config.stash.get(_TIMINGS, [])
    if not rows:
        return
    tr = terminalreporter
    tr.section("notebook timings (seconds)")
    width = max(len("notebook"), *(len(r[0]) for r in rows))
    tr.write_line(f"{'notebook':<{width}}  cells  1st run  2nd run    total  result")
    for name, cells, passes, total, outcome in sorted(rows):
        first = f"{passes[0]:7.1f}" if len(passes) > 0 else "      -"
        second = f"{passes[1]:7.1f}" if len(passes) > 1 else "      -"
        tr.write_line(f"{name:<{width}}  {cells:5d}  {first}  {second}  {total:7.1f}  {outcome}")
    tr.write_line(f"{'all notebooks':<{width}}  {sum(r[1] for r in rows):5d}  "
                  f"{'':7}  {'':7}  {sum(r[3] for r in rows):7.1f}")
