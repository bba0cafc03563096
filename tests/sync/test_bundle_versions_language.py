"""Format 1.2 and 1.3 laptops exchange bundles both ways, with the real 1.2 build.

The 1.2 build is the release before ``participants.document_language`` (commit ``PREVIOUS``, read
out of this repository's history with ``git archive``); it runs in a child process with its own
code. A 1.3 record reaches it with a field it does not know: it keeps the value and passes it on
unchanged when it edits the man. A man it adds reaches the 1.3 laptop with no language recorded
(format 1.3's default, None: his papers print in English).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from engager_desktop.services import sync
from engager_desktop.store.orm import Participant
from engager_desktop.sync import field_lists
from tests.sync.conftest import Laptop, add_man, man_field
from tests.sync.test_bundle_versions_team import CHILD, build_from_history, run_child
from tests.vault_fixtures import TEST_START

PREVIOUS = "3f0b62944f345bb3d09731e3919d46fc0b0f715a"  # the last build of format 1.2
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build_1_2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_from_history(tmp_path_factory, PREVIOUS, "1.2")


def _child(build: Path, *args: str) -> dict[str, object]:
    return run_child(build, *args, script=CHILD.replace("1.1 laptop", "older laptop"))


def test_a_1_2_laptop_passes_on_his_document_language_and_its_men_arrive_without_one(
    build_1_2: Path, make_laptop: Callable[[str], Laptop], tmp_path: Path
) -> None:
    assert field_lists.FORMATS.current.minor >= 3
    new = make_laptop("new")
    later = (TEST_START + timedelta(hours=1)).isoformat()
    made = _child(build_1_2, "create", str(tmp_path), later)
    assert made["format"] == "engager-bundle/1.2"
    sync.enrol(new.vault, (tmp_path / "old-build.card").read_bytes(), str(made["fingerprint"]))
    man = add_man(new, notes="first notes", document_language="cy")
    bundle = sync.export(new.vault, new.stick, recipients=(str(made["device"]),)).path
    card = tmp_path / "new.card"
    card.write_bytes(new.card())
    back = _child(
        build_1_2, "import", str(tmp_path), later, str(card), new.fingerprint(), str(bundle), man
    )
    assert back["imported"] is True and back["format"] == "engager-bundle/1.2"
    new.tick()
    assert new.take(Path(str(back["bundle"]))).committed
    # The 1.2 laptop's edit arrives, and the language it did not know came back unchanged.
    assert man_field(new, man, "notes") == "edited on the older laptop"
    assert man_field(new, man, "document_language") == "cy"
    with new.vault.read() as session:
        added = session.get(Participant, str(back["added"]))
        assert added is not None and added.document_language is None
