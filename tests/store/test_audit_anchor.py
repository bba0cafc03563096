"""The audit log against a head printed on paper: a rewritten chain passes its own check only."""

from __future__ import annotations

from pathlib import Path

import pytest

from engager_desktop.cli import main
from engager_desktop.domain.audit_head import format_head, parse_head
from engager_desktop.services import printing
from engager_desktop.store.lifecycle import unlock_vault
from tests.reliability.crash_writer import write_one
from tests.rewrite_chain import rewrite_chain
from tests.services.print_fixtures import pdf_text
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    return monkeypatch


def _printed_head(vault_path: Path) -> str:
    """Write a few records, print the supervision summary, and read the head off the PDF."""
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, test_options())
    try:
        for i in range(4):
            write_one(vault, i)
        head = vault.audit_head()
        text = pdf_text(printing.prepare(vault, "supervision", None).pdf)
    finally:
        vault.lock()
    printed = format_head(head.count, head.hash)
    assert printed in " ".join(text.split()), "the summary prints the head as check --head takes"
    return printed


def test_rewritten_chain_fails_check_against_the_printed_head(
    vault_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    """The attack: remove an entry and recompute every hash after it; plain check says ok."""
    printed = _printed_head(vault_path)
    rewrite_chain(vault_path, test_options(), drop={2})
    opts = test_options()
    assert main(["check", "--vault", str(vault_path)], options=opts) == 0
    capsys.readouterr()
    assert main(["check", "--vault", str(vault_path), "--head", printed], options=opts) == 1
    out, err = capsys.readouterr()
    assert "audit head: FAILED" in out and "rewritten" in out
    assert err.count("\n") == 1


def test_truncated_chain_fails_check_against_the_printed_head(
    vault_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    printed = _printed_head(vault_path)
    count = parse_head(printed).count
    rewrite_chain(vault_path, test_options(), drop=set(range(count - 1, count + 50)))
    args = ["check", "--vault", str(vault_path), "--head", printed]
    assert main(args, options=test_options()) == 1
    assert "fewer entries than the printed head" in capsys.readouterr().out


def test_untouched_chain_passes_against_the_printed_head(
    vault_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    printed = _printed_head(vault_path)
    short = printed.split(":")[0] + ":" + printed.split(":")[1][:19]  # the first four groups
    for given in (printed, printed.replace(" ", ""), short):
        args = ["check", "--vault", str(vault_path), "--head", given]
        assert main(args, options=test_options()) == 0
        assert "audit head: ok" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["12", "x:abcd", "3:abc", "3:" + "g" * 64, "-1:" + "a" * 64])
def test_malformed_head_is_a_usage_error(vault_path: Path, env: pytest.MonkeyPatch, bad: str):
    with pytest.raises(SystemExit) as caught:
        main(["check", "--vault", str(vault_path), "--head", bad], options=test_options())
    assert caught.value.code == 2


def test_format_groups_the_hash_and_parse_reads_it_back() -> None:
    digest = "0123456789abcdef" * 4
    text = format_head(1234, digest)
    assert text == "1234:" + " ".join(digest[i : i + 4] for i in range(0, 64, 4))
    parsed = parse_head(text)
    assert (parsed.count, parsed.hash_prefix) == (1234, digest)
