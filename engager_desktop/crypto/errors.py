"""The vault's exceptions: one-line messages that never hold a passphrase, a key or a man's data."""

from __future__ import annotations

from collections.abc import Sequence

from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import tr


class VaultError(UserError):
    """Base class of every error the vault reports to a practitioner."""


class WrongPassphrase(VaultError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or tr("Errors", "wrong passphrase"))


class WrongRecoveryCode(VaultError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or tr("Errors", "wrong recovery code"))


class VaultDamaged(VaultError):
    """A vault file cannot be read or fails its checks: never reported as a wrong passphrase."""

    def __init__(self, file_name: str, detail: str | None = None) -> None:
        self.file_name = file_name
        self.detail = detail
        if detail:
            message = tr("Errors", "the vault is damaged: {file}: {detail}").format(
                file=file_name, detail=detail
            )
        else:
            message = tr(
                "Errors", "the vault is damaged: {file} cannot be read or has been changed"
            ).format(file=file_name)
        super().__init__(message)


class RecoveryCodeFormatError(VaultError):
    """A recovery code that cannot be right as typed (caught before any key derivation).

    ``groups`` names the groups (1-8) whose check digit fails; it is empty for a length or
    character problem.
    """

    def __init__(self, message: str, groups: Sequence[int] = ()) -> None:
        self.groups = tuple(groups)
        super().__init__(message)


class WeakPassphrase(VaultError):
    """A passphrase the policy refuses; ``suggestion`` is a generated one to offer instead.

    The message lists the reasons only: the suggestion is itself a passphrase and stays out of it.
    """

    def __init__(self, reasons: Sequence[str], suggestion: str) -> None:
        self.reasons = list(reasons)
        self.suggestion = suggestion
        because = "; ".join(self.reasons) or tr("Errors", "it is too easy to guess")
        super().__init__(
            tr("Errors", "the passphrase is too weak: {because}").format(because=because)
        )


class VaultInUse(VaultError):
    def __init__(self) -> None:
        super().__init__(tr("Errors", "this vault is already open in another window or program"))
