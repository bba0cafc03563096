"""The WiX installer source builds with wixl (msitools) and reads back the right properties.

wixl is a Linux re-implementation of WiX 3's compiler; the Windows build uses WiX itself
(packaging/windows/build-windows.ps1). The program folder here is a few stand-in files: what is
checked is the installer source, not the Windows program.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING, ROOT, load

pytestmark = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None,
    reason="wixl and msiinfo come from the Debian packages wixl and msitools",
)
WXS = PACKAGING / "windows" / "engager-desktop.wxs"
PER_MACHINE_UPGRADE = "{C01CFBB3-E1ED-4620-B3B0-D2780AC9A025}"
PER_USER_UPGRADE = "{E9A9E1FB-585D-46AE-B6AD-15F2FB0926C4}"


def _run(args: list[str], cwd: Path, stdin: str | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _table(msi: Path, table: str) -> list[list[str]]:
    rows = _run(["msiinfo", "export", str(msi), table], msi.parent).splitlines()
    return [row.split("\t") for row in rows[3:]]  # after the column names, types and key line


def _build(tmp_path: Path, scope: str) -> Path:
    app = tmp_path / "app"
    (app / "_internal" / "engager_desktop").mkdir(parents=True, exist_ok=True)
    for name in ("engager-desktop.exe", "engager-desktop-cli.exe"):
        (app / name).write_bytes(b"MZ stand-in")
    (app / "_internal" / "engager_desktop" / "stand-in.txt").write_text("x")
    listing = "".join(f"{p.relative_to(tmp_path)}\n" for p in sorted(app.rglob("*")) if p.is_file())
    harvested = _run(
        "wixl-heat -p app/ --component-group AppFiles --var var.SourceDir "
        "--directory-ref INSTALLDIR".split(),
        tmp_path,
        listing,
    )
    (tmp_path / "files.wxs").write_text(harvested)
    shutil.copy(PACKAGING / "icon" / "engager-desktop.ico", tmp_path / "icon.ico")
    version = load("version_info").app_version(ROOT)
    msi = tmp_path / f"{scope}.msi"
    defines = {"SourceDir": "app", "Version": version, "Scope": scope, "IconFile": "icon.ico"}
    _run(
        ["wixl", "-a", "x64", "-o", msi.name]
        + [part for name, value in defines.items() for part in ("-D", f"{name}={value}")]
        + [str(WXS), "files.wxs"],
        tmp_path,
    )
    return msi


def test_the_per_machine_msi_installs_into_program_files(tmp_path: Path) -> None:
    msi = _build(tmp_path, "perMachine")
    props = dict(row[:2] for row in _table(msi, "Property"))
    version = load("version_info").app_version(ROOT)
    assert props["ProductName"] == "Engager Desktop"
    assert props["ProductVersion"] == version
    assert props["Manufacturer"] == "Engager"
    assert props["UpgradeCode"] == PER_MACHINE_UPGRADE
    assert props["ALLUSERS"] == "1"
    dirs = {row[0]: row for row in _table(msi, "Directory")}
    assert dirs["INSTALLDIR"][1] == "ProgramFiles64Folder"
    files = {row[2].split("|")[-1] for row in _table(msi, "File")}
    assert {"engager-desktop.exe", "engager-desktop-cli.exe", "stand-in.txt"} <= files
    shortcut = _table(msi, "Shortcut")[0]
    assert shortcut[4] == "[INSTALLDIR]engager-desktop.exe"
    # MajorUpgrade: an older version is replaced, a newer one is never downgraded.
    upgrades = {row[-1]: row for row in _table(msi, "Upgrade")}
    assert upgrades["WIX_UPGRADE_DETECTED"][0] == PER_MACHINE_UPGRADE
    assert upgrades["WIX_UPGRADE_DETECTED"][2] == version  # VersionMax: anything older
    assert upgrades["WIX_DOWNGRADE_DETECTED"][1] == version  # VersionMin: anything newer


def test_the_per_user_msi_installs_into_the_users_programs_folder(tmp_path: Path) -> None:
    msi = _build(tmp_path, "perUser")
    props = dict(row[:2] for row in _table(msi, "Property"))
    assert props["UpgradeCode"] == PER_USER_UPGRADE
    assert "ALLUSERS" not in props  # per-user: no elevation asked for
    dirs = {row[0]: row for row in _table(msi, "Directory")}
    assert dirs["INSTALLDIR"][1] == "UserPrograms"
    assert dirs["UserPrograms"][1] == "LocalAppDataFolder"
    info = _run(["msiinfo", "suminfo", str(msi)], tmp_path)
    assert "Template: x64;" in info
