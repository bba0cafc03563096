"""Bundles made by each release's format still import: the committed fixture bundle per version."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from engager_desktop.services import sync
from engager_desktop.sync import field_lists
from tests.fixtures.make_fixture_bundles import CHECKED, FIXTURES, checked, version_name
from tests.sync.conftest import Laptop

FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def test_every_format_version_has_a_fixture_bundle() -> None:
    made = [p.name for p in FOLDERS]
    wanted = [version_name(v.minor) for v in field_lists.FORMATS.versions]
    assert made == wanted, "run: python -m tests.fixtures.make_fixture_bundles"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_fixture_bundle_imports(folder: Path, make_laptop: Callable[[str], Laptop]) -> None:
    expected = json.loads((folder / "expected.json").read_text())
    reader = make_laptop("reader")
    sync.enrol(reader.vault, (folder / "maker.card").read_bytes(), expected["fingerprint"])
    bundle = folder / "bundle.engager"
    summary = sync.commit_import(reader.vault, bundle, passphrase=expected["passphrase"])
    assert summary.committed and summary.records_new == expected["records"]
    with reader.vault.read() as session:
        conn = session.connection()
        assert checked(conn) == expected["checked"]
        kept = conn.execute(text("SELECT count(*) FROM sync_passed_on")).scalar()
    assert kept == 0  # a bundle of a format this build knows leaves nothing to pass on
    assert set(expected["checked"]) == set(CHECKED)
