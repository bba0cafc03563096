#!/usr/bin/env python3
"""Set up a development environment and run the app, the checks or the tests (stdlib only).

    python3 dev.py run      set up, then open the app on a demo vault
    python3 dev.py test     set up, then lint, type-check, check layers and run the default tests
    python3 dev.py slow     the slow tests (pytest -m slow)
    python3 dev.py bench    the benchmarks (writes docs/benchmarks.json)
    python3 dev.py lint     ruff, ruff format --check, mypy and import-linter only
    python3 dev.py format   apply ruff's fixes and formatting
    python3 dev.py lock     re-resolve requirements.lock from pyproject.toml (then commit it)
    python3 dev.py strings  extract strings to translate into resources/i18n (--check: if stale)

Extra arguments after `test`, `slow` and `bench` go to pytest; after `run`, to the demo command.
On Windows use `py dev.py ...`.

The virtual environment is made with the newest Python 3.12 or later found: python3.13 or
python3.12 on PATH (`py -3.13`, `py -3.12` on Windows), or one installed by pyenv; else with the
Python running this script if it is 3.12 or later. PySide6 6.12 loses references to None and True
on Python 3.11 (docs/threads.md), so 3.11 is no longer used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an old Python
    sys.exit("dev.py needs Python 3.11 or newer to start (on Windows: py -3.12 dev.py ...).")

Arg = str | os.PathLike[str]
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if IS_WINDOWS else "bin")
EXE = ".exe" if IS_WINDOWS else ""
VPY = BIN / f"python{EXE}"
STAMP = VENV / ".engager-dev-stamp"
STAMP_FORMAT = "1"  # bump to force a reinstall everywhere
INSTALL_TARGET = ".[test,hub]"
LOCK = ROOT / "requirements.lock"  # every package pinned with its hashes: `python3 dev.py lock`
MIN_PYTHON = (3, 12)  # the app and its tests run on 3.12 or later (docs/threads.md)
PYTHONS = ("3.13", "3.12")  # looked for, newest first
VERSION_PROBE = "import sys; print('%d.%d' % sys.version_info[:2])"

# Debian package for each shared library that PySide6's Qt needs from the system.
SONAME_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libcups.so.2": "libcups2",
}
# Always wanted on Debian/Ubuntu even when nothing is missing yet (offscreen Qt and the xcb
# window platform), so a fresh machine gets them in one apt-get call.
BASE_QT_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
]
# Qt binaries the headless tests load, and those a real window on X11 adds.
QT_TEST_BINARIES = [
    "QtCore.abi3.so",
    "QtGui.abi3.so",
    "QtWidgets.abi3.so",
    "QtPrintSupport.abi3.so",
    "QtPdf.abi3.so",
    "QtPdfWidgets.abi3.so",
    "QtTest.abi3.so",
    "Qt/plugins/platforms/libqoffscreen.so",
]
QT_DISPLAY_BINARIES = [
    "Qt/plugins/platforms/libqxcb.so",
    "Qt/plugins/printsupport/libcupsprintersupport.so",
]
# Command-line tools some tests use; those tests skip when a tool is missing.
TOOL_PACKAGES = {
    "pdftoppm": "poppler-utils",
    "age": "age",
    "initdb": "postgresql",  # the hub's tests start a throwaway PostgreSQL cluster
    "wixl": "wixl",
    "msiinfo": "msitools",
}

QT_PROBE = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "from PySide6 import QtWidgets, QtPrintSupport, QtPdf\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "print(app.platformName())\n"
)


class SetupError(Exception):
    """Set-up cannot go on; the message says what to do."""


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: Sequence[Arg], env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def check(cmd: Sequence[Arg], what: str) -> None:
    code = run(cmd)
    if code != 0:
        raise SetupError(f"{what} failed (exit {code})")


# --- Python and the virtual environment -------------------------------------------------------


def version_of(python: Sequence[Arg]) -> tuple[int, int] | None:
    """The (major, minor) of a Python command, or None if it does not run."""
    try:
        done = subprocess.run(
            [str(c) for c in python] + ["-c", VERSION_PROBE],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    try:
        major, minor = done.stdout.strip().split(".")
        return (int(major), int(minor)) if done.returncode == 0 else None
    except ValueError:
        return None


def python_candidates() -> list[list[str]]:
    """Commands that may start Python 3.12 or later, on PATH first, then pyenv's installs
    (a pyenv shim answers only for the versions switched on, so look in its folder too)."""
    found: list[list[str]] = []
    for version in PYTHONS:
        if IS_WINDOWS:
            found.append(["py", f"-{version}"])
        elif shutil.which(f"python{version}"):
            found.append([f"python{version}"])
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    for version in PYTHONS:
        for folder in sorted(pyenv.glob(f"{version}.*"), reverse=True):
            exe = folder / ("python.exe" if IS_WINDOWS else f"bin/python{version}")
            if exe.exists():
                found.append([str(exe)])
    return found


def choose_python() -> list[str]:
    """The newest Python 3.12 or later found, else this one if new enough; else stop."""
    best: tuple[tuple[int, int], list[str]] | None = None
    for python in python_candidates():
        version = version_of(python)
        if version is not None and version >= MIN_PYTHON and (best is None or version > best[0]):
            best = (version, python)
    if best is not None:
        return best[1]
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    if sys.version_info >= MIN_PYTHON:
        say(f"no python3.13 or python3.12 found on PATH: using this Python ({running})")
        return [sys.executable]
    where = "py -3.12 dev.py ..." if IS_WINDOWS else "python3.12 dev.py ..."
    raise SetupError(
        f"Engager Desktop needs Python 3.12 or newer and found none (this one is {running}).\n"
        f"Install Python 3.12 (python.org, or your package manager), then run: {where}"
    )


def ensure_venv() -> None:
    if VPY.exists():
        version = version_of([VPY])
        if version is not None and version >= MIN_PYTHON:
            return
        say(f"{VENV.name} was made with an older Python: making it again")
        shutil.rmtree(VENV)
    python = choose_python()
    version = version_of(python) or sys.version_info[:2]
    say(f"creating {VENV.name} with Python {version[0]}.{version[1]} ({' '.join(python)})")
    if run([*python, "-m", "venv", VENV]) == 0 and VPY.exists():
        return
    shutil.rmtree(VENV, ignore_errors=True)
    if is_debian() and is_root():
        apt_install(["python3-venv", f"python{version[0]}.{version[1]}-venv"])
        check([*python, "-m", "venv", VENV], "python -m venv")
        return
    hint = "  sudo apt-get install -y python3-venv\n" if is_debian() else ""
    raise SetupError(f"could not create {VENV}; this Python lacks venv/ensurepip.\n{hint}")


def install_fingerprint() -> str:
    """A hash of what the install depends on: pyproject.toml less its [tool.*] settings other
    than setuptools', so editing ruff or pytest options does not reinstall."""
    import tomllib  # imported here so an old Python still reaches the version message

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tools = data.pop("tool", {})
    data["setuptools"] = tools.get("setuptools", {})
    data["stamp"] = [STAMP_FORMAT, INSTALL_TARGET]
    data["lock"] = hashlib.sha256(LOCK.read_bytes()).hexdigest() if LOCK.exists() else None
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def ensure_installed() -> bool:
    """Install the locked packages, then the project editable, when pyproject.toml or the lock
    changed; True if it installed. pip checks every file against the lock's hashes."""
    fingerprint = install_fingerprint()
    entry = BIN / f"engager-desktop{EXE}"
    if STAMP.exists() and STAMP.read_text().strip() == fingerprint and entry.exists():
        return False
    quiet = [] if sys.stdout.isatty() else ["--progress-bar", "off"]
    pip: list[Arg] = [VPY, "-m", "pip", "--disable-pip-version-check"]
    say("upgrading pip")
    check([*pip, "install", "--quiet", "--upgrade", "pip"], "pip upgrade")
    if LOCK.exists():
        say(f"installing the locked packages from {LOCK.name}: this takes a while once")
        check([*pip, "install", *quiet, "--require-hashes", "-r", LOCK], "pip install -r")
        say("installing the project (editable)")
        editable = [*pip, "install", *quiet, "--no-deps", "--editable", INSTALL_TARGET]
        check(editable, "pip install -e")
    else:  # only while making the first lock: `python3 dev.py lock`
        say(f"no {LOCK.name}: installing the newest versions pyproject.toml allows")
        check([*pip, "install", *quiet, "--editable", INSTALL_TARGET], "pip install")
    STAMP.write_text(fingerprint + "\n")
    return True


# --- System packages (Linux) ------------------------------------------------------------------


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def is_debian() -> bool:
    if shutil.which("apt-get") is None:
        return False
    if Path("/etc/debian_version").exists():
        return True
    try:
        text = Path("/etc/os-release").read_text()
    except OSError:
        return False
    return "debian" in text.lower() or "ubuntu" in text.lower()


def apt_install(packages: Sequence[str]) -> None:
    wanted = sorted(set(packages))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say("installing system packages: " + " ".join(wanted))
    if subprocess.call(["apt-get", "update"], env=env, stdin=subprocess.DEVNULL) != 0:
        raise SetupError("apt-get update failed")
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *wanted]
    if subprocess.call(cmd, env=env, stdin=subprocess.DEVNULL) != 0:
        raise SetupError("apt-get install failed: " + " ".join(wanted))


def pyside_dir() -> Path | None:
    found = sorted((VENV / "lib").glob("python3*/site-packages/PySide6"))
    return found[0] if found else None


def missing_sonames(binaries: Sequence[str]) -> set[str]:
    """Shared libraries that the given Qt binaries need and the system lacks (via ldd)."""
    base = pyside_dir()
    if base is None or shutil.which("ldd") is None:
        return set()
    paths = [str(base / b) for b in binaries if (base / b).exists()]
    if not paths:
        return set()
    env = {**os.environ, "LD_LIBRARY_PATH": str(base / "Qt" / "lib")}
    result = subprocess.run(["ldd", *paths], capture_output=True, text=True, env=env)
    missing = set()
    for line in result.stdout.splitlines():
        if "=> not found" in line:
            missing.add(line.split("=>")[0].strip())
    return missing


def packages_for(sonames: set[str]) -> tuple[list[str], list[str]]:
    """Debian packages for the sonames, and the sonames with no known package."""
    known = sorted({SONAME_PACKAGES[s] for s in sonames if s in SONAME_PACKAGES})
    unknown = sorted(s for s in sonames if s not in SONAME_PACKAGES)
    return known, unknown


def qt_probe() -> str | None:
    """Start a headless QGuiApplication in the venv; None if it works, else the error text."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [str(VPY), "-c", QT_PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    if result.returncode == 0:
        return None
    return (result.stderr or result.stdout).strip()[-2000:]


def missing_tools() -> list[str]:
    return [tool for tool in TOOL_PACKAGES if not has_tool(tool)]


def has_tool(tool: str) -> bool:
    """On PATH, or (PostgreSQL's server programs on Debian) in /usr/lib/postgresql/N/bin."""
    return shutil.which(tool) is not None or any(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"))


def ensure_system(need_display: bool) -> None:
    """Make sure Qt can start (and, for the GUI, open a window); install what is missing."""
    if not sys.platform.startswith("linux"):
        return
    test_gap, display_gap, tools = system_gaps()
    problem = None if test_gap else qt_probe()
    if (test_gap or display_gap or tools or problem) and is_debian() and is_root():
        known, _ = packages_for(test_gap | display_gap)
        apt_install(BASE_QT_PACKAGES + known + [TOOL_PACKAGES[t] for t in tools])
        test_gap, display_gap, tools = system_gaps()
        problem = None if test_gap else qt_probe()
    required = test_gap | display_gap if need_display else test_gap
    if required or problem:
        raise SetupError(system_help(required, problem))
    if display_gap:
        say("note (only `run` needs these): " + system_help(display_gap, None))
    if tools:
        packages = [TOOL_PACKAGES[t] for t in tools]
        hint = apt_line(packages) if is_debian() else "Install: " + " ".join(packages)
        them = "it" if len(tools) == 1 else "them"
        say(f"note: {', '.join(tools)} not found; tests that need {them} will skip. {hint}")


def system_gaps() -> tuple[set[str], set[str], list[str]]:
    """Missing libraries for headless Qt, extra ones for a window, and missing tools."""
    test_gap = missing_sonames(QT_TEST_BINARIES)
    display_gap = missing_sonames(QT_DISPLAY_BINARIES) - test_gap
    return test_gap, display_gap, missing_tools()


def apt_line(packages: Sequence[str]) -> str:
    sudo = "" if is_root() else "sudo "
    return f"Install with:  {sudo}apt-get install -y {' '.join(sorted(set(packages)))}"


def system_help(sonames: set[str], probe_error: str | None) -> str:
    lines = []
    if sonames:
        lines.append("Qt needs system libraries that are missing: " + ", ".join(sorted(sonames)))
        known, unknown = packages_for(sonames)
        if is_debian() and known:
            lines.append(apt_line(BASE_QT_PACKAGES + known))
        elif known:
            lines.append("Install your distribution's packages for: " + ", ".join(known))
        if unknown:
            lines.append("No package known for: " + ", ".join(unknown))
    if probe_error:
        lines.append("Qt could not start offscreen:\n" + probe_error)
        if is_debian() and not sonames:
            lines.append(apt_line(BASE_QT_PACKAGES))
    return "\n".join(lines)


# --- Commands ---------------------------------------------------------------------------------


def tool(name: str) -> Path:
    return BIN / f"{name}{EXE}"


def test_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def lint_steps() -> list[tuple[str, list[Arg]]]:
    return [
        ("ruff check", [tool("ruff"), "check", "."]),
        ("ruff format --check", [tool("ruff"), "format", "--check", "."]),
        ("mypy", [tool("mypy")]),
        ("lint-imports", [tool("lint-imports")]),
    ]


def run_steps(steps: Sequence[tuple[str, Sequence[Arg]]]) -> int:
    """Run the steps in order; stop at the first failure and return its exit code."""
    env = test_env()
    for name, cmd in steps:
        say(f"step: {name}")
        started = time.monotonic()
        code = run(cmd, env=env)
        took = time.monotonic() - started
        if code != 0:
            say(f"FAILED: {name} (exit {code}, {took:.1f} s)")
            return code
        say(f"ok: {name} ({took:.1f} s)")
    return 0


def pytest_cmd(args: Sequence[str]) -> list[Arg]:
    return [VPY, "-m", "pytest", *args]


def spread(args: Sequence[str]) -> list[str]:
    """The default test run spreads over the cores (pytest-xdist, up to 4 processes), unless
    the arguments choose (-n, --numprocesses, -p no:xdist) or there is one core."""
    chosen = any(a.startswith(("-n", "--numprocesses", "--dist")) or a == "no:xdist" for a in args)
    cores = min(os.cpu_count() or 1, 4)
    return [*args] if chosen or cores < 2 else ["-n", str(cores), *args]


def cmd_test(args: Sequence[str]) -> int:
    return run_steps([*lint_steps(), ("pytest", pytest_cmd(spread(args)))])


def cmd_lint(args: Sequence[str]) -> int:
    return run_steps(lint_steps())


def cmd_format(args: Sequence[str]) -> int:
    return run_steps(
        [
            ("ruff check --fix", [tool("ruff"), "check", "--fix", "."]),
            ("ruff format", [tool("ruff"), "format", "."]),
        ]
    )


def cmd_slow(args: Sequence[str]) -> int:
    return run_steps([("pytest -m slow", pytest_cmd(["-m", "slow", *args]))])


def cmd_bench(args: Sequence[str]) -> int:
    """The benchmark runner (figures against floors), then the timing tests marked ``bench``."""
    runner: list[Arg] = [VPY, "-m", "tests.benchmarks.run", *args]
    return run_steps([("benchmarks", runner), ("pytest -m bench", pytest_cmd(["-m", "bench"]))])


LOCK_COMMAND: list[Arg] = [
    "pip", "compile", "pyproject.toml", "--extra", "test", "--extra", "hub", "--universal",
    "--generate-hashes", "--python-version", "3.12", "--output-file", LOCK.name,
]  # fmt: skip


def cmd_lock(args: Sequence[str]) -> int:
    """Re-resolve requirements.lock from pyproject.toml (needs the package index); commit it."""
    uv = tool("uv")
    if not uv.exists():
        check([VPY, "-m", "pip", "install", "--quiet", "uv"], "pip install uv")
    return run_steps([("uv pip compile", [uv, *LOCK_COMMAND, *args])])


def cmd_strings(args: Sequence[str]) -> int:
    """Extract the translatable strings into engager.pot and merge them into each .po."""
    return run_steps([("strings", [VPY, "-m", "engager_desktop.i18n_strings", *args])])


def cmd_run(args: Sequence[str]) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        say("note: no DISPLAY or WAYLAND_DISPLAY is set, so no window can open here")
    say("starting: engager-desktop demo")
    return run([tool("engager-desktop"), "demo", *args])


COMMANDS = {
    "run": (cmd_run, True),
    "test": (cmd_test, False),
    "slow": (cmd_slow, False),
    "bench": (cmd_bench, False),
    "lint": (cmd_lint, False),
    "format": (cmd_format, False),
    "lock": (cmd_lock, False),
    "strings": (cmd_strings, False),
}


def main(argv: Sequence[str]) -> int:
    if len(argv) < 1 or argv[0] not in COMMANDS:
        print(__doc__.split("\n\n", 1)[1], file=sys.stderr)
        return 2
    command, need_display = COMMANDS[argv[0]]
    os.chdir(ROOT)
    started = time.monotonic()
    try:
        ensure_venv()
        installed = ensure_installed()
        ensure_system(need_display)
    except SetupError as error:
        print(f"[dev] set-up stopped: {error}", file=sys.stderr)
        return 1
    say(f"set-up {'done' if installed else 'up to date'} ({time.monotonic() - started:.1f} s)")
    return command(argv[1:])


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
