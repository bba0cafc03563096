"""The vault's exceptions: one-line messages that never hold a passphrase, a key or a man's data."""

from __future__ import annotations

from collections.abc import Sequence

from engager_desktop.domain.errors import UserError


class VaultError(UserError):
    """Base class of every error the vault reports to a practitioner."""


class WrongPassphrase(VaultError):
    def __init__(self, message: str = "wrong passphrase") -> None:
        super().__init__(message)


class WrongRecoveryCode(VaultError):
    def __init__(self, message: str = "wrong recovery code") -> None:
        super().__init__(message)


class VaultDamaged(VaultError):
    """A vault file cannot be read or fails its checks: never reported as a wrong passphrase."""

    def __init__(self, file_name: str, detail: str | None = None) -> None:
        self.file_name = file_name
        self.detail = detail
        if detail:
            message = f"the vault is damaged: {file_name}: {detail}"
        else:
            message = f"the vault is damaged: {file_name} cannot be read or has been changed"
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
        because = "; ".join(self.reasons) or "it is too easy to guess"
        super().__init__(f"the passphrase is too weak: {because}")


class VaultInUse(VaultError):
    def __init__(self) -> None:
        super().__init__("this vault is already open in another window or program")
