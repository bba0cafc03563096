"""Bundle passphrases: a chosen one meets the generated ones' strength rule; typing is forgiving."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engager_desktop.cli import main
from engager_desktop.services import sync
from engager_desktop.sync import bundle_passphrase
from engager_desktop.sync.errors import SyncError
from tests.sync.conftest import Laptop, add_man
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def test_generated_passphrases_meet_the_rule() -> None:
    for _ in range(20):
        bundle_passphrase.require_strong(sync.generate_passphrase())


@pytest.mark.parametrize(
    "weak",
    ["engager-prison-2026", "hmp-wandsworth-2026", "aaaaaaaaaaaaaaaaaaaa", "tiny"],
)
def test_a_weak_chosen_passphrase_is_refused_before_anything_is_written(
    make_laptop: Callable[[str], Laptop], weak: str
) -> None:
    prison = make_laptop("prison")
    add_man(prison)
    with pytest.raises(SyncError) as caught:
        sync.export(prison.vault, prison.stick, passphrase=weak)
    assert caught.value.code == "weak_passphrase"
    assert weak not in str(caught.value)
    assert list(prison.stick.iterdir()) == []


def test_cli_refuses_a_weak_passphrase_from_the_environment(
    make_laptop: Callable[[str], Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    prison = make_laptop("prison")
    path = prison.path
    prison.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_BUNDLE_PASSPHRASE", "password123456")
    argv = ["export", "--vault", str(path), "--to", str(prison.stick), "--passphrase-recipient"]
    code = main(argv, options=test_options(prison.clock))
    err = capsys.readouterr().err
    assert code == 1 and "too weak" in err and "password123456" not in err
    assert len(err.strip().splitlines()) == 1
    assert list(prison.stick.iterdir()) == []


@pytest.mark.parametrize(
    "typed",
    [
        lambda p: p.upper(),
        lambda p: p.replace("-", " "),
        lambda p: " " + p.replace("-", "").upper() + " ",
        lambda p: p.replace("-", "  - "),
    ],
    ids=["capitals", "spaces", "run-together", "spaced-dashes"],
)
def test_generated_passphrase_typed_loosely_opens_the_bundle(
    make_laptop: Callable[[str], Laptop], typed: Callable[[str], str]
) -> None:
    prison, community = make_laptop("prison"), make_laptop("community")
    community.enrol(prison)
    add_man(prison)
    phrase = sync.generate_passphrase()
    path = sync.export(prison.vault, prison.stick, passphrase=phrase).path
    summary = sync.commit_import(community.vault, path, typed(phrase))
    assert summary.committed and summary.men_new == 1


def test_a_chosen_passphrase_is_kept_exactly() -> None:
    chosen = "Otter Lantern Gravel Spoon Quilt"
    assert bundle_passphrase.normalise(chosen) == chosen
    generated = sync.generate_passphrase()
    assert bundle_passphrase.normalise(generated.upper().replace("-", " ")) == generated
