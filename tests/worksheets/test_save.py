"""Saving a PDF: the whole file or nothing at the target, with a clear message on failure."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import BinaryIO

import pytest

from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.save import SavePdfError, save_pdf

PDF = build_pdf("explainer", None, PrintOptions())


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_saves_the_bytes_and_replaces_an_old_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    assert save_pdf(PDF, target) == target
    assert target.read_bytes() == PDF
    assert _leftovers(tmp_path) == ["plan.pdf"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SavePdfError, match="the folder does not exist"):
        save_pdf(PDF, tmp_path / "missing" / "plan.pdf")


def test_a_folder_as_the_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SavePdfError, match="is a folder"):
        save_pdf(PDF, tmp_path)


def test_refuses_bytes_that_are_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(SavePdfError, match="not a PDF"):
        save_pdf(b"", tmp_path / "plan.pdf")
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root may write to any folder"
)
def test_a_folder_that_is_not_writable_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SavePdfError, match="not writable"):
            save_pdf(PDF, folder / "plan.pdf")
        assert _leftovers(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_full_disk_leaves_no_half_written_pdf(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the old file")

    def half_then_full(handle: BinaryIO, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(SavePdfError, match="disk is full") as caught:
        save_pdf(PDF, target, write=half_then_full)
    assert str(tmp_path) not in str(caught.value)
    assert target.read_bytes() == b"the old file"
    assert _leftovers(tmp_path) == ["plan.pdf"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_a_real_size_limit_leaves_no_file_behind(tmp_path: Path) -> None:
    """A child process may write only 4 KB: the real write fails part-way (EFBIG)."""
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        from engager_desktop.worksheets.save import SavePdfError, save_pdf
        try:
            save_pdf(b"%PDF-" + bytes(100_000), {str(tmp_path / "plan.pdf")!r})
        except SavePdfError as error:
            print(error)
            sys.exit(3)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 3, result.stderr
    assert "disk is full" in result.stdout
    assert _leftovers(tmp_path) == []
