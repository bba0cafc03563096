"""Conflicts from the command line: list, show the two versions, resolve either way."""

from __future__ import annotations

import pytest

from engager_desktop.cli import main
from engager_desktop.services import sync
from engager_desktop.store.lifecycle import unlock_vault
from tests.sync.conftest import Laptop, add_man, conflict_on, edit_man, man_field
from tests.vault_fixtures import TEST_PASSPHRASE


def _cli(laptop: Laptop, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([argv[0], "--vault", str(laptop.path), *argv[1:]], options=laptop.vault.options)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("keep", "notes"), [("mine", "prison's note"), ("theirs", "community's note")]
)
def test_show_then_resolve(
    pair: tuple[Laptop, Laptop],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    keep: str,
    notes: str,
) -> None:
    prison, community = pair
    man = conflict_on(prison, community, later=community)  # theirs is newer: theirs is kept
    (conflict,) = sync.list_conflicts(prison.vault)
    prison.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)

    code, out, err = _cli(prison, capsys, "conflicts", "--show", conflict.id)
    assert code == 0, err
    assert "notes: open; the other laptop's text stands for now" in out
    assert "this laptop:  prison's note" in out and "other laptop: community's note" in out

    code, out, err = _cli(prison, capsys, "resolve-conflict", conflict.id, "--keep", keep)
    assert code == 0, err
    assert out.startswith(f"resolved: {'this' if keep == 'mine' else 'the other'} laptop's")
    code, out, err = _cli(prison, capsys, "conflicts")
    assert code == 0 and "no conflicts to review" in out

    code, out, err = _cli(prison, capsys, "resolve-conflict", conflict.id, "--keep", keep)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no such open conflict" in err  # one line, no traceback
    again = unlock_vault(prison.path, TEST_PASSPHRASE, prison.vault.options)
    try:
        prison.vault = again
        assert man_field(prison, man, "notes") == notes
    finally:
        again.lock()


def test_a_bad_choice_is_a_usage_error(
    pair: tuple[Laptop, Laptop], capsys: pytest.CaptureFixture[str]
) -> None:
    prison, _community = pair
    prison.vault.lock()
    with pytest.raises(SystemExit) as stopped:
        _cli(prison, capsys, "resolve-conflict", "x", "--keep", "both")
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_one_field_at_a_time(
    pair: tuple[Laptop, Laptop],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prison, community = pair
    man = add_man(prison, notes="start", establishment="HMP Parc")
    community.take(prison.export(community))
    edit_man(prison, man, notes="prison's note", establishment="HMP Cardiff")
    community.tick(600)
    edit_man(community, man, notes="community's note", establishment="HMP Swansea")
    prison.take(community.export(prison, since_ack=True))
    (conflict,) = sync.list_conflicts(prison.vault)
    prison.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)

    code, out, err = _cli(prison, capsys, "conflicts")
    assert code == 0 and "lost: mine  open fields: establishment, notes" in out
    code, out, err = _cli(prison, capsys, "conflicts", "--show", conflict.id)
    assert code == 0, err
    assert "establishment: open; the other laptop's text stands for now" in out
    assert "this laptop:  HMP Cardiff" in out and "other laptop: HMP Swansea" in out

    argv = ("resolve-conflict", conflict.id, "--field", "notes", "--keep", "mine")
    code, out, err = _cli(prison, capsys, *argv)
    assert code == 0, err
    assert out.startswith("resolved: this laptop's version of notes of participants")
    assert "other fields of this conflict are still open" in out
    code, out, err = _cli(prison, capsys, "conflicts", "--show", conflict.id)
    assert "notes: settled here; this laptop's text stands" in out
    assert "establishment: open;" in out

    code, out, err = _cli(prison, capsys, *argv)  # that field is settled already
    assert code == 1 and err.count("\n") == 1 and "not open in this conflict" in err
    code, out, err = _cli(prison, capsys, "resolve-conflict", conflict.id, "--keep", "theirs")
    assert code == 0, err
    code, out, err = _cli(prison, capsys, "conflicts")
    assert "no conflicts to review" in out
    again = unlock_vault(prison.path, TEST_PASSPHRASE, prison.vault.options)
    try:
        prison.vault = again
        assert man_field(prison, man, "notes") == "prison's note"
        assert man_field(prison, man, "establishment") == "HMP Swansea"
    finally:
        again.lock()
