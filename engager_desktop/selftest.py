"""The self-test: prove on this machine that the vault, migrations, PDFs, bundles and Qt all work.

Each check prints one line; ``selftest ok`` follows only when all passed, and the exit status
says the same. Everything is made inside one temporary folder that is removed at the end; the
window check runs the real desktop program in a child process on Qt's offscreen platform, with
its data, settings and cache folders pointed into that temporary folder as well.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from engager_desktop import __version__
from engager_desktop.crypto.kdf import ASVS_FLOOR, KdfPolicy
from engager_desktop.store.vault import DB_FILE, Vault, VaultOptions

PLAINTEXT_HEADER = b"SQLite format 3\x00"
SELFTEST_PASSPHRASE = "selftest only: amber kettle under seven quiet hills"
WINDOW_TIMEOUT = 120.0
WINDOW_SHOWN = "shown_at="
_GUI_CHILD = (
    "import sys\nfrom engager_desktop.app import run_app\nraise SystemExit(run_app(sys.argv[1:]))\n"
)


class CheckFailed(Exception):
    """A check found something wrong (its one-line message says what)."""


@dataclass
class Workspace:
    """What the checks share: the temporary folder and the vaults made in it."""

    root: Path
    options: VaultOptions
    vaults: dict[str, Vault] = field(default_factory=dict)

    def vault(self, name: str) -> Vault:
        if name not in self.vaults:
            raise CheckFailed("the vault check did not run or failed")
        return self.vaults[name]

    def close(self) -> None:
        for vault in self.vaults.values():
            if not vault.closed:
                vault.lock()


Check = Callable[[Workspace], str]


def floor_options() -> VaultOptions:
    """Real Argon2id at the ASVS floor (no calibration): production strength, quick enough."""
    return VaultOptions(kdf=KdfPolicy(floor=ASVS_FLOOR, fixed=ASVS_FLOOR))


def _make_vault(ws: Workspace, name: str) -> Vault:
    from engager_desktop.store.lifecycle import create_vault

    vault, _code = create_vault(ws.root / name, SELFTEST_PASSPHRASE, ws.options)
    ws.vaults[name] = vault
    return vault


def check_runtime(_ws: Workspace) -> str:
    mode = "packaged" if getattr(sys, "frozen", False) else "source install"
    return f"Engager Desktop {__version__}, Python {sys.version.split()[0]}, {mode}"


def check_vault(ws: Workspace) -> str:
    start = time.perf_counter()
    vault = _make_vault(ws, "vault-a")
    seconds = time.perf_counter() - start
    with vault.engine.connect() as conn:
        cipher = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
    if not cipher:
        raise CheckFailed("the database library is not SQLCipher (no cipher_version)")
    params = ws.options.kdf.fixed or ws.options.kdf.floor
    kdf = f"Argon2id t={params.time_cost} m={params.memory_kib // 1024} MiB"
    return f"encrypted vault created and opened in {seconds:.2f} s (SQLCipher {cipher}, {kdf})"


def check_header(ws: Workspace) -> str:
    db = ws.vault("vault-a").path / DB_FILE
    with db.open("rb") as handle:
        head = handle.read(len(PLAINTEXT_HEADER))
    if len(head) < len(PLAINTEXT_HEADER):
        raise CheckFailed(f"the database file is too short ({len(head)} bytes)")
    if head == PLAINTEXT_HEADER:
        raise CheckFailed("the database file starts with the plaintext SQLite header")
    return "the database file does not start with the plaintext SQLite header"


def check_migrations(ws: Workspace) -> str:
    from engager_desktop.store import migrate

    head = migrate.head_revision()
    with ws.vault("vault-a").engine.connect() as conn:
        current = migrate.current_revision(conn)
    if current != head:
        raise CheckFailed(f"the schema is at revision {current}, not the newest ({head})")
    return f"migrations ran; schema at the newest revision {head}"


def check_pdf(_ws: Workspace) -> str:
    from engager_desktop.worksheets.kinds import build_pdf
    from engager_desktop.worksheets.options import PrintOptions

    start = time.perf_counter()
    pdf = build_pdf("explainer", None, PrintOptions())
    seconds = time.perf_counter() - start
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-64:]:
        raise CheckFailed("the rendered document is not a complete PDF")
    if b"/FontFile2" not in pdf:
        raise CheckFailed("the rendered PDF has no embedded font")
    from engager_desktop.worksheets import fonts

    if fonts.missing("Ŵ ł 王 محمد דוד 🙂") or fonts.printable("محمد") == "محمد":
        raise CheckFailed("the fonts or the Arabic shaping for every script are missing")
    return f"one PDF rendered ({len(pdf) // 1024} KiB, fonts embedded) in {seconds:.2f} s"


def check_bundle(ws: Workspace) -> str:
    from engager_desktop.services import directory, sync
    from engager_desktop.services.directory import ServiceInput

    source = ws.vault("vault-a")
    target = _make_vault(ws, "vault-b")
    directory.add_service(
        source, ServiceInput(name="Selftest advice line", kind="advice", setting="community")
    )
    for one, other in ((source, target), (target, source)):
        card = sync.device_card(one)
        sync.enrol(other, card.data, card.fingerprint)
    stick = ws.root / "stick"
    stick.mkdir()
    made = sync.export(source, stick, recipients=(target.device_id,))
    checked = sync.verify_bundle(target, made.path)
    if checked.records != made.records or checked.records < 1:
        raise CheckFailed(f"the bundle holds {checked.records} records, {made.records} were sent")
    records = f"{made.records} record" + ("s" if made.records != 1 else "")
    return f"bundle made and verified by a second vault ({made.size} bytes, {records})"


def gui_command(vault_dir: Path) -> list[str]:
    """The command that starts the real desktop program, packaged or from source."""
    tail = ["--vault", str(vault_dir), "--exit-when-shown"]
    if getattr(sys, "frozen", False):
        return [str(console_program(Path(sys.executable))), *tail]
    return [sys.executable, "-c", _GUI_CHILD, *tail]


def console_program(program: Path) -> Path:
    """The console twin of a windowed Windows program (it alone has an output to read)."""
    twin = program.with_name(f"{program.stem}-cli{program.suffix}")
    return twin if twin.is_file() else program


def gui_environment(root: Path) -> dict[str, str]:
    """The child's environment: offscreen, every per-user folder inside ``root``, no secrets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENGAGER_")}
    home = root / "home"
    for name in ("config", "cache", "data", "runtime"):
        (home / name).mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ENGAGER_DATA_DIR=str(home / "data" / "engager"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if not getattr(sys, "frozen", False):  # the child imports this very copy of the package
        source = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (source, env.get("PYTHONPATH"))))
    return env


def check_window(ws: Workspace) -> str:
    vault_dir = ws.vault("vault-a").path
    ws.close()  # the child shows the unlock window for this vault; it must not be held open
    start = time.time()
    try:
        child = subprocess.run(
            gui_command(vault_dir),
            env=gui_environment(ws.root),
            capture_output=True,
            text=True,
            timeout=WINDOW_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed(f"the window did not show within {WINDOW_TIMEOUT:.0f} s") from exc
    shown = [line for line in child.stdout.splitlines() if line.startswith(WINDOW_SHOWN)]
    if child.returncode != 0 or not shown:
        last = (child.stderr.strip().splitlines() or ["no message"])[-1][:200]
        raise CheckFailed(f"the window did not show (exit status {child.returncode}: {last})")
    seconds = float(shown[-1].removeprefix(WINDOW_SHOWN)) - start
    return f"unlock window shown offscreen {seconds:.2f} s after the program started"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("runtime", check_runtime),
    ("vault", check_vault),
    ("header", check_header),
    ("migrations", check_migrations),
    ("pdf", check_pdf),
    ("bundle", check_bundle),
    ("window", check_window),
)


def _run_one(name: str, check: Check, ws: Workspace, out: TextIO) -> bool:
    start = time.perf_counter()
    try:
        detail = check(ws)
    except Exception as exc:  # a check's failure is a line of the report, never a traceback
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"FAIL {name:<10} {message}", file=out, flush=True)
        return False
    seconds = time.perf_counter() - start
    print(f"ok   {name:<10} {detail} [{seconds:.2f} s]", file=out, flush=True)
    return True


def run(
    checks: Sequence[tuple[str, Check]] = CHECKS,
    *,
    out: TextIO | None = None,
    options: VaultOptions | None = None,
) -> int:
    """Run every check (a failure does not stop the others); 0 only if all passed."""
    stream = out or sys.stdout
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="engager-selftest-"))
    failed: list[str] = []
    ws = Workspace(root, options or floor_options())
    try:
        for name, check in checks:
            if not _run_one(name, check, ws, stream):
                failed.append(name)
    finally:
        ws.close()
        shutil.rmtree(root, ignore_errors=True)
    if root.exists():
        print(f"FAIL {'cleanup':<10} the temporary folder {root} was not removed", file=stream)
        failed.append("cleanup")
    else:
        print(f"ok   {'cleanup':<10} temporary folder removed", file=stream)
    seconds = time.perf_counter() - started
    print(f"{len(checks) + 1} checks in {seconds:.1f} s", file=stream)
    if failed:
        print(f"selftest FAILED: {', '.join(failed)}", file=stream, flush=True)
        return 1
    print("selftest ok", file=stream, flush=True)
    return 0


def main() -> int:
    return run()


if __name__ == "__main__":
    raise SystemExit(main())
