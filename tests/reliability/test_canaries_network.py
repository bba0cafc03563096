"""No plaintext outside encrypted files, no trace of an erased man, and no network: the workload.

The workload (tests/reliability/workload.py) runs once with socket creation made to fail (in the
crashed child too); every file it could have touched (the vault folders with their WAL, -shm,
lock and backups, copies of the vault folder exactly as each kill -9 left it, the export and
stick folders, and new files in the system temporary folder) is then searched for 100 canary
strings in raw, UTF-16 and base64 form. Only the PDFs deliberately saved may hold them.

One man is erased during the workload, after the crash and the bundle round trip, and his
tombstones are imported by the other laptop. His 5 canaries must be found nowhere: not in any
file (the saved PDFs included, searched raw and as extracted text, file names too, each canary as
typed and in lower case), not in the decrypted pages and WAL frames of either laptop's vault, and
in no row when the vaults are opened. Backups and bundles made before the erasure still hold him,
encrypted: they are searched raw like every other file (0 hits), not decrypted.

On Linux the same workload also runs in a child process in a network namespace with no
interfaces (``unshare -rn``) where permitted. The slow variant adds six kills at random moments.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from engager_desktop.store.lifecycle import unlock_vault
from tests.reliability.workload import CRASH_ACKS, WorkloadResult, run_workload
from tests.services import protection_fixtures
from tests.services.print_fixtures import pdf_text
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

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


def watch(root: Path, timed_kills: int = 0) -> Watched:
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
        result = run_workload(root, timed_kills=timed_kills)
    return Watched(result, attempts, started)


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> Watched:
    return watch(tmp_path_factory.mktemp("workload"))


def _check_steps(watched: Watched) -> None:
    result = watched.result
    child = [name for crash in result.crashes for name in crash.network]
    print(
        f"workload steps: {result.steps}; socket attempts: {len(watched.attempts)} here, "
        f"{len(child)} in the crashed child; kills: "
        f"{[(len(c.acks), c.held, c.returncode) for c in result.crashes]} (acks, held, code)"
    )
    assert result.steps[-1] == "lock" and "export, import" in result.steps
    assert "crash, reopen" in result.steps and "erase one man, tombstones imported" in result.steps
    first = result.crashes[0]
    assert first.held and len(first.acks) == CRASH_ACKS, "the kill must land inside a write"
    if sys.platform != "win32":
        assert all(crash.returncode == -signal.SIGKILL for crash in result.crashes)
    assert watched.attempts == [] and child == []


def test_no_network_workload_completes_without_trying(watched: Watched) -> None:
    _check_steps(watched)


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


def _read(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_SCANNED:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _search_all_canaries(watched: Watched, files: list[Path]) -> tuple[int, list[str], int]:
    """(files scanned, hits outside the saved PDFs, hits inside them)."""
    patterns = [(c, f) for c in watched.result.canaries for f in forms(c)]
    allowed = {p.resolve() for p in watched.result.saved_pdfs}
    scanned, hits, in_pdfs = 0, [], 0
    for path in files:
        data = _read(path)
        if data is None:
            continue
        scanned += 1
        if path.resolve() in allowed:
            in_pdfs += sum(f in data for _c, f in patterns)
            continue
        hits += [f"{path}: {c}" for c, f in patterns if f in data]
    return scanned, hits, in_pdfs


def _check_all_canaries(watched: Watched) -> None:
    files = _files_to_scan(watched)
    scanned, hits, in_pdfs = _search_all_canaries(watched, files)
    print(
        f"{len(watched.result.canaries)} canaries x {len(forms('x'))} forms, {scanned} files "
        f"scanned, {len(hits)} hits outside the saved PDFs ({in_pdfs} inside them, allowed)"
    )
    killed = [p for p in files if p.parent.name.startswith("main-as-killed")]
    assert any(p.name == "vault.db-wal" for p in killed), "the kill must leave a WAL to search"
    assert len(watched.result.canaries) == 100 and scanned > 10
    assert hits == []


def test_no_canary_outside_encrypted_files(watched: Watched) -> None:
    _check_all_canaries(watched)


# --------------------------------------------------------------------------- the erased man


def _erased_forms(watched: Watched) -> list[tuple[str, bytes]]:
    """Each of his canaries as typed and in lower case: raw, UTF-16 both ways, base64."""
    return [(c, f) for c in watched.result.erased for f in protection_fixtures.forms(c)]


def _check_erased_in_files(watched: Watched) -> None:
    """Every file, the saved PDFs included (raw bytes, extracted text and file name)."""
    patterns = _erased_forms(watched)
    lowered = [c.lower() for c in watched.result.erased]
    saved = {p.resolve() for p in watched.result.saved_pdfs}
    scanned, hits, pdf_texts = 0, [], []
    for path in _files_to_scan(watched):
        data = _read(path)
        if data is None:
            continue
        scanned += 1
        hits += [f"{path}: {c}" for c, f in patterns if f in data]
        hits += [f"{path} (name): {c}" for c in lowered if c in str(path).lower()]
        if path.resolve() in saved:
            words = pdf_text(data).lower()
            pdf_texts.append(words)
            hits += [f"{path} (text): {c}" for c in lowered if c in words]
    # The text extraction must be able to see a name: man 0's plans and the summary's men.
    printed = watched.result.of_man(0)[2].lower()  # his preferred name heads his documents
    others = [watched.result.of_man(i)[2].lower() for i in range(2, 20)]
    assert sum(printed in words for words in pdf_texts) >= 3, "PDF text not seen: proves nothing"
    assert any(all(o in words for o in others) for words in pdf_texts), "no summary of the others"
    print(
        f"erased man: {len(watched.result.erased)} canaries x {len(patterns) // 5} forms in "
        f"{scanned} files (+ {len(pdf_texts)} PDF texts, file names): {len(hits)} hits"
    )
    assert scanned > 10 and len(pdf_texts) == 4
    assert hits == []


def test_no_trace_of_the_erased_man_in_any_file(watched: Watched) -> None:
    _check_erased_in_files(watched)


def _check_erased_in_decrypted_vaults(watched: Watched) -> None:
    """Both laptops' vaults, decrypted page by page and WAL frame by frame (free pages too)."""
    keys = watched.result.keys
    assert len(keys) == 2, "both laptops' vaults must be decrypted"
    control = watched.result.of_man(2)[0]  # in the crashed writes too, never erased
    found: dict[str, dict[str, int]] = {}
    for folder, key in keys.items():
        assert protection_fixtures.hits(folder, key, control), "decryption sees nothing"
        for canary in watched.result.erased:
            for where, count in protection_fixtures.hits(folder, key, canary).items():
                found.setdefault(f"{folder.name}/{where}", {})[canary] = count
    names = sorted(p.name for p in keys)
    print(f"erased man in the decrypted pages and WAL frames of {names}: {found}")
    assert found == {}
    assert watched.result.backups_holding_erased, "the backup made before must be listed"


def test_no_trace_of_the_erased_man_in_the_decrypted_vaults(watched: Watched) -> None:
    _check_erased_in_decrypted_vaults(watched)


def _rows(folder: Path) -> str:
    """Every row of every table (the full-text index and its shadow tables too), as text."""
    vault = unlock_vault(folder, TEST_PASSPHRASE, test_options())
    try:
        with vault.engine.connect() as conn:
            tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
            names = [row[0] for row in tables]
            rows = [
                repr(tuple(row))
                for name in names
                for row in conn.exec_driver_sql(f'SELECT * FROM "{name}"')
            ]
    finally:
        vault.lock()
    return "\n".join(rows).lower()


def _check_erased_in_rows(watched: Watched) -> None:
    control = watched.result.of_man(2)[0].lower()
    found = []
    for folder in watched.result.keys:
        rows = _rows(folder)
        assert control in rows, "the rows must show the men not erased"
        found += [f"{folder.name}: {c}" for c in watched.result.erased if c.lower() in rows]
    print(f"rows naming the erased man after opening both vaults: {found}")
    assert found == []


def test_no_row_names_the_erased_man(watched: Watched) -> None:
    _check_erased_in_rows(watched)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_canaries_and_erasure_after_kills_at_random_moments(tmp_path: Path) -> None:
    """The same searches after seven kills: one inside a write, six wherever they land."""
    watched = watch(tmp_path / "w", timed_kills=6)
    _check_steps(watched)
    assert len(watched.result.crashes) == 7
    _check_all_canaries(watched)
    _check_erased_in_files(watched)
    _check_erased_in_decrypted_vaults(watched)
    _check_erased_in_rows(watched)


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
    assert "crash, reopen" in done.stdout and "erase one man" in done.stdout
