"""Committed notebooks of both editions are clean: no outputs, no execution counts, and the `java` kernel;
notebooks/en/README.md (and notebooks/zh/README.md, where it has the column) counts the Claim checks of every lesson
truly."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest import EDITIONS, NOTEBOOKS_DIR, notebook_params, notebook_paths
from unrolled_course.kernel import read_notebook


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
        if nb.get("nbformat_minor", 0) >= 5 and not cell.get("id"):
            problems.append(f"cell {i} has no id (nbformat 4.5 gives every cell one)")
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


_CLAIM_CALL = re.compile(r"\bClaim\.(that|atLeast|atMost|between|greater|less|close|equal)\(")
_CHECKS_ROW = re.compile(r"^\|\s*\[[^\]]*\]\(([^)]+\.ipynb)\)\s*\|.*\|\s*(\d+)\s*\|\s*$")


def claim_checks(path) -> int:
    """The Claim checks written in a notebook's code cells."""
    nb, _ = read_notebook(path)
    return sum(len(_CLAIM_CALL.findall(c.source)) for c in nb.cells if c.cell_type == "code")


def _listed_checks(readme: Path) -> dict[str, int]:
    return {m.group(1): int(m.group(2))
            for m in map(_CHECKS_ROW.match, readme.read_text(encoding="utf-8").splitlines()) if m}


def test_readme_counts_the_checks_of_every_lesson():
    """notebooks/en/README.md lists each lesson with its number of Claim checks, and the numbers are true."""
    folder = NOTEBOOKS_DIR / "en"
    listed = _listed_checks(folder / "README.md")
    lessons = sorted(p.name for p in folder.glob("[0-9][0-9]-*.ipynb"))
    assert lessons, f"no lessons in {folder}"
    assert sorted(listed) == lessons, "notebooks/en/README.md's table must list every lesson with its check count"
    wrong = {name: (listed[name], claim_checks(folder / name)) for name in lessons
             if listed[name] != claim_checks(folder / name)}
    assert not wrong, "checks column of notebooks/en/README.md (listed, actual): " + repr(wrong)
    assert all(listed[name] > 0 for name in lessons), "every lesson checks at least one of its claims"


@pytest.mark.parametrize("edition", [e for e in EDITIONS if e != "en"])
def test_other_editions_readme_counts_agree(edition):
    """A translated README that carries the checks column (a table row ending in a number) carries true numbers."""
    readme = NOTEBOOKS_DIR / edition / "README.md"
    if not readme.is_file():
        pytest.skip(f"notebooks/{edition}/README.md is not written yet")
    listed = _listed_checks(readme)
    wrong = {name: (n, claim_checks(NOTEBOOKS_DIR / edition / name)) for name, n in listed.items()
             if not (NOTEBOOKS_DIR / edition / name).is_file() or n != claim_checks(NOTEBOOKS_DIR / edition / name)}
    assert not wrong, f"checks column of notebooks/{edition}/README.md (listed, actual): " + repr(wrong)
