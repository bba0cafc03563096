"""A throwaway PostgreSQL cluster for the hub's tests: initdb and pg_ctl on a Unix socket only.

Debian's server programs live in ``/usr/lib/postgresql/N/bin`` (``dev.py`` installs the
``postgresql`` package as root). PostgreSQL refuses to run as root, so as root the cluster runs as
the ``postgres`` user (``runuser``) in a temporary folder that user owns. It listens on no TCP
port, trusts only its own socket, and skips fsync (a test cluster is thrown away: a crash of the
*server* is not what the tests exercise; a killed *client* is, and PostgreSQL rolls that back).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "engager"


def server_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    for path in (*reversed(found), shutil.which("initdb")):
        if path and Path(path).exists() and Path(path).with_name("pg_ctl").exists():
            return Path(path).parent
    return None


def _version(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name.split(".")[0])
    except ValueError:
        return 0


@dataclass
class Cluster:
    bin: Path
    root: Path
    run_as: str | None  # the unprivileged user the server runs as, when we are root
    durable: bool = False  # fsync and synchronous commit on (benchmarks), as a real server

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def _cmd(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return [*prefix, *args]

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            self._cmd(*args), capture_output=True, text=True, timeout=120, cwd=self.root
        )
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {(result.stderr or result.stdout)[-800:]}")

    def start(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip
        speed = (
            ""
            if self.durable
            else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        )
        options = f"-k {self.socket_dir} -c listen_addresses='' {speed}-c max_connections=40"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(*, durable: bool = False) -> Cluster:
    """Start a fresh cluster (RuntimeError if it cannot start); the caller stops it."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    run_as = None
    root = Path(tempfile.mkdtemp(prefix="engager-pg-", dir="/tmp"))  # a socket path must be short
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            raise FileNotFoundError("running as root and there is no 'postgres' user") from None
        os.chown(root, user.pw_uid, user.pw_gid)
        run_as = "postgres"
    cluster = Cluster(bin_dir, root, run_as, durable)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster
