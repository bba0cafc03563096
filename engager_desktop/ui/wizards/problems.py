"""What a commit reports when a service refuses part of it: which input, and what was already saved.

No Qt here: commits run on the worker thread and raise these for the wizard to show.
"""

from __future__ import annotations

from typing import Any


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
