"""The offline wheelhouse: the lock file (fast); a real download, then an offline resolve (slow)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING, ROOT, load

wheelhouse = load("wheelhouse")


def _fake_wheel(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_the_lock_pins_every_wheel_with_its_hash(tmp_path: Path) -> None:
    _fake_wheel(tmp_path, "PySide6_Essentials-6.12.0-cp310-abi3-win_amd64.whl", b"a")
    _fake_wheel(tmp_path, "sqlcipher3-0.6.4-cp311-cp311-win_amd64.whl", b"b")
    assert wheelhouse.write_lock(tmp_path) == 2
    lock = (tmp_path / wheelhouse.LOCK).read_text()
    digest_a = wheelhouse.sha256(tmp_path / "PySide6_Essentials-6.12.0-cp310-abi3-win_amd64.whl")
    assert f"pyside6-essentials==6.12.0 --hash=sha256:{digest_a}" in lock
    assert "sqlcipher3==0.6.4 --hash=sha256:" in lock
    assert wheelhouse.verify_sums(tmp_path) == 2


def test_a_changed_wheel_is_refused(tmp_path: Path) -> None:
    wheel = _fake_wheel(tmp_path, "reportlab-5.1.0-py3-none-any.whl", b"original")
    wheelhouse.write_lock(tmp_path)
    wheel.write_bytes(b"swapped on the stick")
    with pytest.raises(wheelhouse.WheelhouseError, match="does not match"):
        wheelhouse.verify_sums(tmp_path)


def test_requirements_come_from_pyproject() -> None:
    wanted = wheelhouse.requirements(["test"], ROOT)
    assert any(r.startswith("sqlcipher3") for r in wanted)
    assert any(r.startswith("pytest") for r in wanted)
    with pytest.raises(wheelhouse.WheelhouseError, match="no extra 'nope'"):
        wheelhouse.requirements(["nope"], ROOT)


def test_linux_tags_cover_every_glibc_down_to_manylinux2014() -> None:
    tags = wheelhouse.linux_tags("x86_64", 35)
    assert tags[0] == "manylinux_2_35_x86_64" and "manylinux_2_34_x86_64" in tags
    assert "manylinux_2_17_x86_64" in tags and "manylinux2014_x86_64" in tags
    assert wheelhouse.target_options("win", "3.11")[:1] == ["--platform=win_amd64"]


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PACKAGING / "wheelhouse.py"), *args],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("platform", ["linux", "win"])
def test_the_wheelhouse_resolves_offline(platform: str, tmp_path: Path) -> None:
    """Needs the package index once (the download); the check then runs with --no-index."""
    folder = tmp_path / f"wheels-{platform}"
    made = _script("download", "--dest", str(folder), "--platform", platform, "--python", "3.11")
    assert made.returncode == 0, made.stderr[-3000:]
    names = [p.name.lower() for p in folder.glob("*.whl")]
    for package in ("pyside6_essentials", "pyside6_pdf", "sqlcipher3", "pyinstaller", "pip-"):
        assert any(n.startswith(package) for n in names), package
    if platform == "win":
        assert any(n.endswith("win_amd64.whl") and n.startswith("sqlcipher3") for n in names)
    checked = _script("check", "--from", str(folder))
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert "Would install" in checked.stdout
    assert "resolves offline" in checked.stdout
