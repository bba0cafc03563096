"""The lowest versions pyproject.toml allows still pass the tests (slow: resolves from the index).

uv resolves every direct dependency at its lower bound (``--resolution lowest-direct``) into a
fresh virtual environment outside the tree, installs the project there with no dependencies, and
runs the Qt-free and GUI test folders in it. A lower bound that is too low fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

pytestmark = pytest.mark.slow
FOLDERS = [
    "tests/unit",
    "tests/store",
    "tests/services",
    "tests/worksheets",
    "tests/sync",
    "tests/ui",
]


def _run(cmd: list[str | Path], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)  # type: ignore[call-overload,no-any-return]


def test_the_tests_pass_on_the_lowest_allowed_versions(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    got = _run([sys.executable, "-m", "pip", "install", "--quiet", "--target", tools, "uv"])
    if got.returncode != 0:
        pytest.skip("uv could not be installed (no package index here)")
    uv = next(p for p in (tools / "bin").glob("uv*") if p.stem == "uv")
    lowest = tmp_path / "lowest.txt"
    compile_ = [uv, "pip", "compile", ROOT / "pyproject.toml", "--extra", "test",
                "--resolution", "lowest-direct", "--output-file", lowest, "--quiet"]  # fmt: skip
    assert _run(compile_).returncode == 0
    venv = tmp_path / "venv"
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    assert _run([uv, "venv", "--quiet", "--python", sys.executable, venv]).returncode == 0
    install = _run([uv, "pip", "install", "--quiet", "--python", python, "-r", lowest])
    assert install.returncode == 0, install.stderr[-2000:]
    project = [uv, "pip", "install", "--quiet", "--python", python, "--no-deps", "-e", ROOT]
    assert _run(project).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    tests = _run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FOLDERS], cwd=ROOT, env=env
    )
    assert tests.returncode == 0, tests.stdout[-4000:]
