"""The hub's user-facing errors: one line each, never a key, a password or a man's data."""

from __future__ import annotations

from engager_desktop.domain.errors import UserError


class HubError(UserError):
    """A failure the hub reports on one line (exit status 1)."""
