"""The `java` kernel this environment runs is ours, and it loads lib/ and renders charts.

Independent of the notebooks: this is the check that ./lab.sh --setup-only did its job.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbformat.v4 import new_code_cell, new_notebook

from conftest import REPO_ROOT
from unrolled_course.kernel import KERNEL_NAME, NotebookFailure, run_notebook


def test_java_kernelspec_is_installed_here():
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail("no 'java' kernelspec in this environment: run ./lab.sh --setup-only")
    assert spec.language == "java"
    assert Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve()), (
        f"the 'java' kernel found is {spec.resource_dir}, not the one in {sys.prefix}"
    )
    jar = Path(spec.argv[spec.argv.index("-jar") + 1])
    assert jar.is_file(), f"kernel jar {jar} is missing: run ./lab.sh --setup-only"
    classpath = spec.env.get("IJAVA_CLASSPATH", "")
    assert classpath.startswith(str(REPO_ROOT / "lib")), (
        f"IJAVA_CLASSPATH is {classpath!r}, not this checkout's lib/: run ./lab.sh --setup-only"
    )


def test_kernel_loads_lib_jars_and_renders_a_chart(tmp_path):
    """EJML and XChart come from lib/; a BufferedImage as last expression shows as PNG."""
    nb = new_notebook(
        metadata={"kernelspec": {"name": "java", "language": "java", "display_name": "Java"}},
        cells=[
            new_code_cell("import org.ejml.simple.SimpleMatrix;\nnew SimpleMatrix(2, 2).numRows()"),
            new_code_cell(
                "import org.knowm.xchart.*;\n"
                "XYChart chart = new XYChartBuilder().width(400).height(300).build();\n"
                'chart.addSeries("y", new double[] {1, 2, 3}, new double[] {1, 4, 9});\n'
                "BitmapEncoder.getBufferedImage(chart)"
            ),
            new_code_cell('System.getProperty("user.dir")'),
        ],
    )
    failure = None
    try:
        run_notebook(nb, cwd=tmp_path, label="kernel smoke test", passes=2,
                     kernel_log=tmp_path / "kernel.log")
    except NotebookFailure as e:
        failure = str(e)
    if failure:
        pytest.fail(failure, pytrace=False)
    matrix, chart, cwd = (cell.outputs for cell in nb.cells)
    assert matrix[0]["data"]["text/plain"].strip() == "2"
    assert any("image/png" in out.get("data", {}) for out in chart), chart
    assert cwd[0]["data"]["text/plain"].strip().strip('"') == str(tmp_path)
