"""No plaintext outside encrypted files, and no network: the whole workload, watched.

The workload (tests/reliability/workload.py) runs once with socket creation made to fail; every
file it could have touched is then searched for 100 canary strings in raw, UTF-16 and base64
form. Only the PDFs deliberately saved may hold them. On Linux the same workload also runs in a
child process in a network namespace with no interfaces (``unshare -rn``) where permitted.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.workload import WorkloadResult, run_workload

ROOT = Path(__file__).resolve().parents[2]
MAX_SCANNED = 64 * 1024 * 1024


def forms(canary: str) -> list[bytes]:
    """The byte patterns a leaked canary could take: raw, UTF-16 both ways, base64 (3 shifts)."""
    raw = canary.encode()
    found = [raw, canary.encode("utf-16-le"), canary.encode("utf-16-be")]
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)
        # Drop the characters that depend on the bytes either side of the canary.
        found.append(encoded[4 if shift else 0 : -4])
    return found


@dataclass
class Watched:
    result: WorkloadResult
    attempts: list[str]
    started: float


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watched]:
    """Run the workload once with every way of making a socket refused and counted."""
    attempts: list[str] = []

    def refuse(name: str) -> object:
        def refused(*_args: object, **_kwargs: object) -> object:
            attempts.append(name)
            raise OSError(f"network use attempted: {name}")

        return refused

    started = time.time()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("socket", "create_connection", "socketpair", "getaddrinfo"):
            patch.setattr(socket, name, refuse(name))
        result = run_workload(tmp_path_factory.mktemp("workload"))
    yield Watched(result, attempts, started)


def test_no_network_workload_completes_without_trying(watched: Watched) -> None:
    print(f"workload steps: {watched.result.steps}; socket attempts: {len(watched.attempts)}")
    assert watched.result.steps[-1] == "lock" and "export, import" in watched.result.steps
    assert watched.attempts == []


def _files_to_scan(watched: Watched) -> list[Path]:
    result = watched.result
    files = {p for top in (result.vaults, result.export, result.stick) for p in top.rglob("*")}
    for folder, _dirs, names in os.walk(tempfile.gettempdir()):
        for name in names:
            path = Path(folder) / name
            try:
                if path.stat().st_mtime >= watched.started - 1:
                    files.add(path)
            except OSError:
                continue  # gone, or not ours to read
    return sorted(p for p in files if p.is_file())


def test_no_canary_outside_encrypted_files(watched: Watched) -> None:
    patterns = [(c, f) for c in watched.result.canaries for f in forms(c)]
    allowed = {p.resolve() for p in watched.result.saved_pdfs}
    scanned, hits, in_pdfs = 0, [], 0
    for path in _files_to_scan(watched):
        try:
            if path.stat().st_size > MAX_SCANNED:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        scanned += 1
        if path.resolve() in allowed:
            in_pdfs += sum(f in data for _c, f in patterns)
            continue
        hits += [f"{path}: {c}" for c, f in patterns if f in data]
    print(
        f"{len(watched.result.canaries)} canaries, {scanned} files scanned, {len(hits)} hits "
        f"outside the saved PDFs ({in_pdfs} inside them, allowed)"
    )
    assert len(watched.result.canaries) == 100 and scanned > 10
    assert hits == []


def test_canary_search_would_find_a_leak(tmp_path: Path) -> None:
    """The search itself works: each form is found when planted."""
    canary = "Qzabcdefghij"
    for i, form in enumerate(forms(canary)):
        planted = tmp_path / f"leak{i}"
        planted.write_bytes(b"xx" + form + b"yy")
        assert form in planted.read_bytes()
    blob = base64.b64encode(b"prefix " + canary.encode() + b" suffix")
    assert any(f in blob for f in forms(canary)[3:])


def _unshare_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=20)
    return probe.returncode == 0


def test_workload_in_a_network_namespace_without_interfaces(tmp_path: Path) -> None:
    if not _unshare_works():
        pytest.skip("unshare -rn is not permitted here (or not Linux)")
    check = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", "import socket; print(socket.if_nameindex())"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "eth" not in check.stdout and "wl" not in check.stdout, check.stdout
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "tests.reliability.workload", str(tmp_path / "r")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("done ") and "export, import" in done.stdout
