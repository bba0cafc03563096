"""Conflicts from the command line: list, show the two versions, resolve either way."""

from __future__ import annotations

import pytest

from engager_desktop.cli import main
from engager_desktop.services import sync
from engager_desktop.store.lifecycle import unlock_vault
from tests.sync.conftest import Laptop, conflict_on, man_field
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
    assert "the other laptop's version is kept for now" in out
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
