"""Committed notebooks are clean: no outputs, no execution counts, and the `java` kernel."""

from __future__ import annotations

import nbformat
import pytest

from conftest import NOTEBOOKS_DIR, notebook_params, notebook_paths
from kernel_runner import read_notebook


def test_notebooks_folder_is_discoverable():
    """Runs even with zero notebooks, so the suite never ends with 'no tests ran'."""
    assert NOTEBOOKS_DIR.parent.joinpath("pom.xml").is_file()
    for path in notebook_paths():
        assert ".ipynb_checkpoints" not in path.parts


@pytest.mark.parametrize("path", notebook_params())
def test_notebook_is_clean(path):
    name = path.relative_to(NOTEBOOKS_DIR.parent).as_posix()
    nb, unreadable = read_notebook(path, as_version=nbformat.NO_CONVERT)
    if unreadable:
        pytest.fail(f"{name}: cannot be read as a notebook: {unreadable}", pytrace=False)
    if nb.get("nbformat") != 4:
        pytest.fail(f"{name}: nbformat {nb.get('nbformat')}, expected 4", pytrace=False)
    invalid = None
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        invalid = e.message
    if invalid:
        pytest.fail(f"{name}: not a valid notebook: {invalid}", pytrace=False)

    problems = []
    spec = nb.metadata.get("kernelspec", {})
    if spec.get("name") != "java":
        problems.append(f"metadata.kernelspec.name is {spec.get('name')!r}, expected 'java'")
    if spec.get("language") != "java":
        problems.append(f"metadata.kernelspec.language is {spec.get('language')!r}, expected 'java'")
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {i} has {len(cell.outputs)} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {i} has execution_count {cell.execution_count}")
    if problems:
        pytest.fail(
            f"{name} is not clean (clear all outputs and save, or run "
            f"jupyter nbconvert --clear-output --inplace {name}):\n  " + "\n  ".join(problems),
            pytrace=False,
        )
