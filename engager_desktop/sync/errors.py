"""Sync errors: one plain line each, with a short code for the audit log; never a man's data."""

from __future__ import annotations

from engager_desktop.crypto.errors import VaultError
from engager_desktop.i18n import tr


class SyncError(VaultError):
    """A sync step could not go ahead. ``code`` is a short token safe to write to the audit log."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class BundleRefused(SyncError):
    """A bundle that is refused on import or verification; nothing in the vault changed."""


class RecordInvalid(BundleRefused):
    """One record in a bundle breaks the format; the message names the table and field only."""

    def __init__(self, message: str, code: str = "record_invalid") -> None:
        super().__init__(
            code,
            tr("Errors", "the bundle holds an invalid record: {message}").format(message=message),
        )


class ExportFailed(SyncError):
    """Writing or checking the bundle failed; no file was left at the bundle's name."""


class TrustError(SyncError):
    """A device card or enrolment problem."""


def refused(code: str, message: str) -> BundleRefused:
    return BundleRefused(code, message)
