"""What a commit reports when a service refuses part of it: which input, and what was already saved.

No Qt here: commits run on the worker thread and raise these for the wizard to show. A commit
runs in ONE ``Vault.transaction()`` (``in_one_transaction``); the GUI never opens one itself.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from engager_desktop.store.vault import Vault


class CommitFailed(Exception):
    """A commit stopped at ``error``.

    ``values`` are the wizard's values with the ids of whatever was already saved filled in, so
    trying again updates those records instead of adding them twice. ``key`` (and ``index`` and
    ``part`` for a row of a list) name the input the refusal is about, when it is known.
    """

    def __init__(
        self,
        error: BaseException,
        values: dict[str, Any],
        key: str | None = None,
        index: int | None = None,
        part: str | None = None,
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.values = values
        self.key = key
        self.index = index
        self.part = part


def in_one_transaction(
    vault: Vault, values: dict[str, Any], commit: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Run a wizard's commit as one transaction; a refusal rolls all of it back.

    Nothing of a failed try is saved, so the values handed back for the next try are the ones
    the practitioner gave (without ids of records that were rolled back).
    """
    try:
        with vault.transaction():
            return commit()
    except CommitFailed as failed:
        raise CommitFailed(
            failed.error, copy.deepcopy(values), failed.key, failed.index, failed.part
        ) from None
