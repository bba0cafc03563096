"""One error type for people: every message class is a UserError, and describe() is the sentence."""

from __future__ import annotations

import errno

import pytest

from engager_desktop.cli.common import CliFailure
from engager_desktop.crypto.errors import VaultError, WrongPassphrase
from engager_desktop.domain.errors import GENERIC, UserError, describe
from engager_desktop.domain.validation import ValidationError
from engager_desktop.store.migrate import SchemaTooNew
from engager_desktop.store.vault import VaultLocked
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.worksheets.save import SavePdfError


@pytest.mark.parametrize(
    "kind",
    [
        VaultError,
        ValidationError,
        SchemaTooNew,
        VaultLocked,
        BundleRefused,
        SavePdfError,
        CliFailure,
    ],
)
def test_every_message_for_people_is_a_user_error(kind: type[Exception]) -> None:
    assert issubclass(kind, UserError)


def test_our_messages_read_as_sentences_and_others_never_leak() -> None:
    assert describe(WrongPassphrase()) == "Wrong passphrase"
    assert describe(VaultLocked()) == "The vault is locked"
    assert describe(VaultLocked(), capital=False) == "the vault is locked"
    secret = KeyError("Bloggs, A1234BC")
    assert describe(secret) == GENERIC and "Bloggs" not in describe(secret, "kept")
    assert describe(RuntimeError("his address"), "Drafts kept.") == "Drafts kept."


def test_file_errors_give_the_reason_only_and_the_path_on_the_command_line() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/media/stick/x.pdf")
    assert describe(full) == "A file could not be read or written (No space left on device)"
    assert describe(full, capital=False).endswith(": /media/stick/x.pdf")
