"""A person's view: JupyterLab in a real (headless) Chromium runs a notebook of the Chinese edition
(notebooks/zh/01-computation-graph.ipynb: the English edition's code, Chinese text) and shows its charts and its
Chinese text.

Starts JupyterLab from this environment on a free port of 127.0.0.1 with a token, on a copy
of notebooks/ in a temporary folder (outputs never reach the committed notebook; the notebook
is not saved either), opens the notebook, and runs Run → Run All Cells from the menu, as a
student would. It waits until no cell shows [*] and the kernel is idle, then checks that every
code cell ran, that no error or stderr output is shown, and that a chart arrived as an <img>
with a data:image/png source that the browser decoded into a non-blank picture, and that the page shows the
notebook's first heading as written. A screenshot of the whole notebook (zh-01-computation-graph.png) and one
scrolled to that chart (…-chart.png) are kept in target/browser/ (the path is printed).

Skipped when Chromium or the playwright package is missing (UNROLLED_CHROMIUM names another
Chromium binary). UNROLLED_BROWSER_TIMEOUT (seconds, default 300) bounds the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import NOTEBOOKS_DIR, REPO_ROOT

NOTEBOOK = "zh/01-computation-graph.ipynb"  # a path under notebooks/: the Chinese edition
SCREENSHOT_DIR = REPO_ROOT / "target" / "browser"
RUN_TIMEOUT = float(os.environ.get("UNROLLED_BROWSER_TIMEOUT", "300"))
# Headless Chromium in a closed network: no background connections, no sandbox (root, containers).
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# JupyterLab settings for a quiet, deterministic page: no news or update toasts, every cell in
# the DOM (no windowing), and no autosave.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def _chromium() -> str | None:
    named = os.environ.get("UNROLLED_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, n: int = 30) -> str:
    if not path.is_file():
        return ""
    lines = path.read_text(errors="replace").splitlines()[-n:]
    return "\n".join("    " + line for line in lines)


@pytest.fixture
def browser():
    """(Chromium's path, playwright.sync_api), or the test is skipped before any server starts."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set UNROLLED_CHROMIUM)")
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright package is not installed (pip install -r src/test/python/requirements.txt)",
    )
    return chromium, sync_api


@pytest.fixture
def jupyterlab(browser, tmp_path):
    """JupyterLab serving a copy of notebooks/; yields (base URL, token, its log)."""
    root = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = tmp_path / "lab-settings"
    for plugin, values in LAB_SETTINGS.items():
        file = settings / f"{plugin}.jupyterlab-settings"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
        "--MultiKernelManager.default_kernel_name=java",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    # The user's own Jupyter configuration and runtime files stay out of it; our `java` wins.
    env = dict(os.environ, JUPYTER_PREFER_ENV_PATH="1",
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"))
    log = tmp_path / "jupyterlab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  env=env, cwd=root, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}:\n{_tail(log)}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on {base} in 120 s:\n{_tail(log)}",
                                pytrace=False)
                time.sleep(0.5)
        yield base, token, log
    finally:
        server.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


_LOADED = """(codeCells) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const kernel = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
      .map(e => e.textContent).find(t => t.includes('|')) || '';
  return !!panel && panel.querySelectorAll('.jp-CodeCell').length === codeCells
      && kernel !== '' && !/^No Kernel|Initializing/.test(kernel);
}"""

# The page's state, read once a second while the notebook runs.
_STATE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  const kernel = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
      .map(e => e.textContent).find(t => t.includes('|')) || '';
  const errors = [...panel.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(e => e.textContent.slice(0, 600));
  const dialog = document.querySelector('.jp-Dialog');
  return {
    codeCells: prompts.length,
    running: prompts.filter(t => t === '[*]:').length,
    executed: prompts.filter(t => /^\\[\\d+\\]:$/.test(t)).length,
    idle: /\\|\\s*Idle\\s*$/.test(kernel),
    kernel,
    errors,
    dialog: dialog ? dialog.textContent.slice(0, 300) : null,
  };
}"""

# Every PNG shown in an output area: its size once decoded, and how much of it is not white.
_IMAGES = """() => [...document.querySelectorAll('.jp-OutputArea-output img')]
  .filter(img => img.src.startsWith('data:image/png'))
  .map((img, index) => {
    let inked = 0;
    if (img.complete && img.naturalWidth > 0) {
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) n++;
      inked = n / (c.width * c.height);
    }
    return {index, width: img.naturalWidth, height: img.naturalHeight, inked};
  })"""


def test_notebook_runs_in_jupyterlab_and_shows_its_charts(browser, jupyterlab, tmp_path, say):
    chromium, sync_api = browser
    base, token, log = jupyterlab
    committed = NOTEBOOKS_DIR / NOTEBOOK
    before = hashlib.sha256(committed.read_bytes()).hexdigest()
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(str(committed), 4).cells)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    stem = Path(NOTEBOOK).with_suffix("").as_posix().replace("/", "-")
    shot = SCREENSHOT_DIR / f"{stem}.png"
    chart_shot = SCREENSHOT_DIR / f"{stem}-chart.png"
    first_md = next(c.source for c in nbformat.read(str(committed), 4).cells if c.cell_type == "markdown")
    heading = next(line for line in first_md.splitlines() if line.strip()).lstrip("#").strip()
    heading = heading.replace("`", "").replace("*", "")

    started = time.perf_counter()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a fresh --user-data-dir
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1100},
        )
        try:
            page = browser.new_page()
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={token}")
            # Loaded: every code cell is on the page and the session has its kernel (Run All before
            # that would ask which kernel to start).
            page.wait_for_function(_LOADED, arg=code_cells, timeout=120_000)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

            state, deadline = None, time.monotonic() + RUN_TIMEOUT
            while time.monotonic() < deadline:
                state = page.evaluate(_STATE)
                if state and (state["dialog"] or (state["running"] == 0 and state["idle"]
                                                  and state["executed"] > 0)):
                    break
                page.wait_for_timeout(1000)
            ran = time.perf_counter() - started
            images = page.evaluate(_IMAGES)
            shown_text = page.evaluate("() => document.body.innerText")

            # The screenshot: scrolled to the first chart-sized image (else the first image).
            charts = [im for im in images if im["width"] >= 400 and im["height"] >= 250] or images
            chart = page.locator(".jp-OutputArea-output img[src^='data:image/png']").nth(
                charts[0]["index"]) if charts else None
            if chart is not None:
                chart.evaluate("e => e.scrollIntoView({block: 'center'})")
                page.wait_for_timeout(500)
                chart.screenshot(path=str(chart_shot))
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    say(f"browser test: Run All Cells took {ran:.1f} s; screenshot {shot}")

    where = f"(screenshot {shot}; JupyterLab log {log})"
    assert state is not None, f"no notebook panel appeared {where}"
    if state["dialog"]:
        pytest.fail(f"JupyterLab showed a dialog: {state['dialog']!r} {where}\n{_tail(log)}",
                    pytrace=False)
    if state["running"] or not state["idle"]:
        pytest.fail(f"not finished after {RUN_TIMEOUT:g} s: {state['running']} cell(s) still [*], "
                    f"kernel {state['kernel']!r} {where}", pytrace=False)
    assert not state["errors"], f"error output in the page {where}:\n" + "\n---\n".join(state["errors"])
    assert state["codeCells"] == code_cells, f"{state['codeCells']} code cells shown, {code_cells} in the file"
    assert state["executed"] == code_cells, (
        f"only {state['executed']} of {code_cells} code cells ran {where}"
    )
    assert charts, f"no data:image/png <img> in any output area {where}"
    drawn = [im for im in charts if im["width"] > 0 and im["inked"] > 0.01]
    assert drawn, f"the chart images are blank or not decoded: {charts} {where}"
    assert " ".join(heading.split()) in " ".join(shown_text.split()), (
        f"the notebook's first heading {heading!r} is not shown as text {where}")
    assert hashlib.sha256(committed.read_bytes()).hexdigest() == before, (
        f"notebooks/{NOTEBOOK} changed on disk"
    )
