"""requirements.lock: every dependency pinned with hashes, in step with pyproject.toml and with
what is installed here (dev.py installs from it with --require-hashes)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.conftest import ROOT, load

LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pinned() -> dict[str, tuple[str, str | None, int]]:
    """name -> (version, marker, number of hashes) read from the lock's entries."""
    entries: dict[str, tuple[str, str | None, int]] = {}
    current: str | None = None
    for line in LOCK.read_text("utf-8").splitlines():
        found = PIN.match(line)
        if found:
            current = canonicalize_name(found.group(1))
            entries[current] = (found.group(2), found.group(3), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, marker, hashes = entries[current]
            entries[current] = (version, marker, hashes + 1)
        elif not line.startswith(" "):
            current = None
    return entries


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [
        Requirement(r)
        for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]
    ]


def test_every_pin_carries_hashes() -> None:
    entries = pinned()
    assert len(entries) > 20
    assert [name for name, (_v, _m, hashes) in entries.items() if hashes == 0] == []


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_declared_dependency_is_locked_within_its_range(requirement: Requirement) -> None:
    entries = pinned()
    name = canonicalize_name(requirement.name)
    assert name in entries, f"{name} is in pyproject.toml but not in the lock: python3 dev.py lock"
    assert requirement.specifier.contains(entries[name][0], prereleases=True)


def test_this_environment_was_installed_from_the_lock() -> None:
    wrong = []
    for name, (version, marker, _hashes) in pinned().items():
        if marker and not Marker(marker).evaluate():
            continue
        installed = metadata.version(name)
        if installed != version:
            wrong.append(f"{name} {installed} (lock {version})")
    assert wrong == [], "run python3 dev.py test to reinstall from the lock"


def test_the_wheelhouse_downloads_exactly_the_locked_versions() -> None:
    wheelhouse = load("wheelhouse")
    pins = wheelhouse.locked_pins(LOCK)
    assert len(pins) == len(pinned())
    versions = {
        canonicalize_name(p.split("==")[0]): p.split("==")[1].split(";")[0].strip() for p in pins
    }
    assert versions == {name: v for name, (v, _m, _h) in pinned().items()}
