"""A bundle is a standard age v1 file: Debian's ``age`` command decrypts it with the identity."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from engager_desktop.sync import bundle_format as fmt
from tests.sync import craft
from tests.sync.conftest import Laptop, add_man

pytestmark = pytest.mark.skipif(shutil.which("age") is None, reason="the age CLI is not installed")


def test_age_cli_decrypts_an_x25519_bundle(pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    prison, community = pair
    add_man(prison)
    bundle = prison.export(community)
    key_file = tmp_path / "community.key"  # exported for this test only: never done by the app
    key_file.write_text(craft.own(community.vault).age_identity + "\n")
    key_file.chmod(0o600)
    out = subprocess.run(
        ["age", "-d", "-i", str(key_file), str(bundle)], capture_output=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(fmt.MAGIC)
    container = fmt.unpack(out.stdout)
    assert b'"exporter"' in container.manifest
