"""The packaged entry point's routing, the Windows version resource and the icon."""

from __future__ import annotations

import struct

import pytest

from tests.packaging.conftest import PACKAGING, ROOT, load

entry = load("entry")
version_info = load("version_info")


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--vault", "D:/v"], True),
        (["--vault=D:/v"], True),
        (["--exit-when-shown"], True),
        (["check", "--vault", "D:/v"], False),
        (["--version"], False),
        (["selftest"], False),
    ],
)
def test_entry_routes_window_options_to_the_window(argv: list[str], window: bool) -> None:
    assert entry.wants_window(argv) is window


def test_entry_runs_the_cli_for_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        entry.main(["--version"])
    assert stopped.value.code == 0
    assert "0." in capsys.readouterr().out


def test_the_version_resource_carries_the_package_version() -> None:
    version = version_info.app_version(ROOT)
    text = version_info.render(version, "engager-desktop.exe")
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert f"filevers={version_info.version_tuple(version)}" in text
    assert version_info.version_tuple("1.2rc3") == (1, 2, 3, 0)
    assert version_info.version_tuple("2.0.1") == (2, 0, 1, 0)
    compile(text.split("\n", 1)[1], "version", "eval")  # PyInstaller evaluates it


def test_the_icon_has_the_sizes_windows_asks_for() -> None:
    data = (PACKAGING / "icon" / "engager-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_the_packaged_entry_lets_batch_printing_use_worker_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from engager_desktop import worker_processes
    from engager_desktop.services import printing_batch

    monkeypatch.setattr(worker_processes, "_ready_when_frozen", False)
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert printing_batch.default_workers(100) == 0  # frozen, entry point not run yet
    entry.prepare_processes()
    assert printing_batch.default_workers(100) == 3
