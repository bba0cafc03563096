"""Offline wheelhouse: download every wheel for one platform, then install from it with no network.

On a machine with network (any OS; it downloads for the platform you name)::

    python packaging/wheelhouse.py download --dest wheels-win --platform win --python 3.12
    python packaging/wheelhouse.py check --from wheels-win      # resolves with --no-index

On the offline machine (a fresh clone or source copy, and the folder from a stick)::

    python -m venv .venv
    .venv/bin/python packaging/wheelhouse.py install --from wheels-linux     (Linux)
    .venv\\Scripts\\python packaging\\wheelhouse.py install --from wheels-win  (Windows)

The folder holds the wheels, ``requirements.txt`` (every package pinned with its SHA-256, so pip
refuses any file that changed) and ``SHA256SUMS``. ``download`` upgrades pip first (resolving
for another platform needs pip 24 or later); ``install`` upgrades pip from the folder first too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = "requirements.txt"
SUMS = "SHA256SUMS"
PROJECT_LOCK = ROOT / "requirements.lock"  # the versions IT approved, shared with dev.py
CONSTRAINTS = "constraints.txt"
INFO = "wheelhouse.json"
MIN_PIP = (24, 0)
TOOLS = ("pip", "setuptools>=69", "wheel")  # pip to upgrade; the rest builds `pip install -e .`
GLIBC_MINOR = 35  # glibc 2.35 (Ubuntu 22.04; Debian 12 has 2.36): PySide6 6.12 needs 2.34


def linux_tags(arch: str, glibc_minor: int = GLIBC_MINOR) -> tuple[str, ...]:
    """Every manylinux tag a glibc 2.``glibc_minor`` machine runs (pip does not expand them)."""
    modern = tuple(f"manylinux_2_{minor}_{arch}" for minor in range(glibc_minor, 16, -1))
    return (*modern, f"manylinux2014_{arch}", f"manylinux2010_{arch}", f"manylinux1_{arch}")


PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux": linux_tags("x86_64"),
    "linux-arm64": linux_tags("aarch64")[:-2],
    "win": ("win_amd64",),
    "mac": ("macosx_14_0_arm64",),  # pip itself adds the older macOS versions
}
_WHEEL_NAME = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)-")


class WheelhouseError(Exception):
    """A step failed; the message says which and what to do."""


def run(command: Sequence[str]) -> None:
    print("+", " ".join(command), file=sys.stderr, flush=True)
    if subprocess.run(list(command), check=False).returncode != 0:
        raise WheelhouseError(f"this step failed: {' '.join(command[:5])} …")


def pip(python: str, *args: str) -> list[str]:
    return [python, "-m", "pip", "--disable-pip-version-check", *args]


def pip_version(python: str) -> tuple[int, ...]:
    out = subprocess.run(
        [python, "-c", "import pip; print(pip.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return tuple(int(part) for part in re.findall(r"\d+", out)[:2])


def requirements(extras: Sequence[str], root: Path = ROOT) -> list[str]:
    """The project's dependencies and those of the chosen extras, from pyproject.toml."""
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = list(project["dependencies"])
    optional: dict[str, list[str]] = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise WheelhouseError(f"pyproject.toml has no extra '{extra}' ({', '.join(optional)})")
        wanted += optional[extra]
    return wanted


def target_options(platform: str, python_version: str) -> list[str]:
    """pip's options to pick wheels for another machine (wheels only: nothing is built)."""
    if platform not in PLATFORMS:
        raise WheelhouseError(f"unknown platform '{platform}' (choose {', '.join(PLATFORMS)})")
    options = [f"--platform={tag}" for tag in PLATFORMS[platform]]
    return [*options, f"--python-version={python_version}", "--only-binary=:all:"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def wheel_pin(path: Path) -> tuple[str, str]:
    """(normalised name, version) from a wheel's file name."""
    found = _WHEEL_NAME.match(path.name)
    if found is None:
        raise WheelhouseError(f"not a wheel file name: {path.name}")
    name = re.sub(r"[-_.]+", "-", found.group("name")).lower()
    return name, found.group("version")


def locked_pins(lock: Path = PROJECT_LOCK) -> list[str]:
    """``name==version`` (with its environment marker) for every package in requirements.lock."""
    pins = []
    for line in lock.read_text("utf-8").splitlines():
        found = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*==[^\s\\]+)(\s*;[^\\]*)?", line)
        if found:
            pins.append(found.group(1) + (found.group(2) or "").rstrip())
    if not pins:
        raise WheelhouseError(f"no pinned packages in {lock}")
    return pins


def write_lock(folder: Path) -> int:
    """Write requirements.txt (name==version with every hash) and SHA256SUMS; count wheels."""
    wheels = sorted(folder.glob("*.whl"))
    if not wheels:
        raise WheelhouseError(f"no wheels in {folder}")
    pins: dict[tuple[str, str], list[str]] = {}
    sums = []
    for wheel in wheels:
        digest = sha256(wheel)
        pins.setdefault(wheel_pin(wheel), []).append(digest)
        sums.append(f"{digest}  {wheel.name}")
    lines = ["# Made by packaging/wheelhouse.py: every wheel in this folder with its SHA-256."]
    for (name, version), digests in sorted(pins.items()):
        hashes = " ".join(f"--hash=sha256:{d}" for d in sorted(digests))
        lines.append(f"{name}=={version} {hashes}")
    (folder / LOCK).write_text("\n".join(lines) + "\n", "utf-8")
    (folder / SUMS).write_text("\n".join(sums) + "\n", "utf-8")
    return len(wheels)


def verify_sums(folder: Path) -> int:
    """Check every wheel against SHA256SUMS (a damaged or swapped file stops the install)."""
    listed = {}
    for line in (folder / SUMS).read_text("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    for wheel in sorted(folder.glob("*.whl")):
        if listed.get(wheel.name) != sha256(wheel):
            raise WheelhouseError(f"{wheel.name} does not match {SUMS}: copy the folder again")
    return len(listed)


def cmd_download(args: argparse.Namespace) -> int:
    python = sys.executable
    run(pip(python, "install", "--upgrade", "pip"))
    if pip_version(python) < MIN_PIP:
        raise WheelhouseError("pip 24 or later is needed to resolve for another platform")
    folder: Path = args.dest.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [*TOOLS, *requirements(args.extras)]
    target = target_options(args.platform, args.python)
    constraints = folder / CONSTRAINTS  # so the wheels are exactly the locked versions
    constraints.write_text("\n".join(locked_pins()) + "\n", "utf-8")
    locked = ["--constraint", str(constraints)]
    run(pip(python, "download", "--dest", str(folder), *target, *locked, *wanted))
    count = write_lock(folder)
    info = {"platform": args.platform, "python": args.python, "extras": list(args.extras)}
    (folder / INFO).write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    print(f"{count} wheels for {args.platform}, Python {args.python}, in {folder}")
    return 0


def _info(folder: Path) -> dict[str, object]:
    path = folder / INFO
    if not path.is_file():
        raise WheelhouseError(f"{folder} is not a wheelhouse made by this script (no {INFO})")
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


def offline(folder: Path) -> list[str]:
    return ["--no-index", "--find-links", str(folder)]


def cmd_check(args: argparse.Namespace) -> int:
    """Resolve the whole lock file from the folder alone, for the folder's own platform."""
    folder: Path = args.source.resolve()
    info = _info(folder)
    verify_sums(folder)
    target = target_options(str(info["platform"]), str(info["python"]))
    lock = ["--require-hashes", "-r", str(folder / LOCK)]
    dry_run = ["install", "--dry-run", "--ignore-installed", *offline(folder), *target, *lock]
    run(pip(sys.executable, *dry_run))
    print(f"{folder} resolves offline for {info['platform']}, Python {info['python']}")
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    """Upgrade pip, install every pinned wheel, then this project, all with no index."""
    folder: Path = args.source.resolve()
    _info(folder)
    count = verify_sums(folder)
    python = sys.executable
    run(pip(python, "install", *offline(folder), "--upgrade", "pip"))
    run(pip(python, "install", *offline(folder), "--require-hashes", "-r", str(folder / LOCK)))
    if not args.no_project:
        project = ["--no-deps", "--no-build-isolation", "-e", str(ROOT)]
        run(pip(python, "install", *offline(folder), *project))
    print(f"installed from {count} wheels in {folder}, without network")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wheelhouse.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("download", help="download every wheel for a platform (needs network)")
    p.add_argument("--dest", type=Path, required=True, metavar="DIR")
    p.add_argument("--platform", choices=sorted(PLATFORMS), default="linux")
    p.add_argument("--python", default="3.12", metavar="X.Y", help="target Python version")
    p.add_argument(
        "--extras",
        type=lambda text: [e for e in text.split(",") if e],
        default=["test", "dev"],
        help="comma-separated extras of pyproject.toml (default: test,dev; '' for none)",
    )
    p.set_defaults(handler=cmd_download)
    p = sub.add_parser("check", help="resolve everything from the folder alone (no network)")
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("install", help="install from the folder into this Python (no network)")
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="DIR")
    p.add_argument("--no-project", action="store_true", help="install the dependencies only")
    p.set_defaults(handler=cmd_install)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (WheelhouseError, OSError) as exc:
        print(f"wheelhouse: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
