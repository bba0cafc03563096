"""One error type for people: every message a practitioner may read, and the one sentence for any.

``UserError`` is the base of every error whose message is written for the practitioner: one plain
line that never holds a passphrase, a key or a man's data. ``describe`` turns any exception into
the sentence the CLI, background jobs and wizards show; anything that is not a ``UserError`` (or a
file error, which is described by its system reason only) becomes a plain apology, so raw
exception text never reaches a person.

A message is put in the language in use where it is raised (``tr("Errors", "…").format(…)``):
the language is process-wide, so ``str(exc)`` reads the same to every window, wizard and command
that shows it, whichever way it shows it.
"""

from __future__ import annotations

from engager_desktop.i18n import PSEUDO_OPEN, tr

GENERIC = "Something went wrong inside Engager Desktop; nothing was changed by this step."
LOCKED = "The vault is locked."


class UserError(Exception):
    """An error whose ``str()`` is one plain line written for the practitioner."""


def is_user_error(exc: BaseException) -> bool:
    return isinstance(exc, UserError)


def sentence(text: str) -> str:
    """Our messages start lower-case so they read inside others; alone they start with a capital."""
    text = " ".join(text.split())
    first = 1 if text.startswith(PSEUDO_OPEN) else 0  # the pseudo-language's mark comes first
    return text[:first] + text[first : first + 1].upper() + text[first + 1 :]


def describe(exc: BaseException, generic: str = GENERIC, *, capital: bool = True) -> str:
    """The one sentence a person reads for ``exc`` (never its raw text unless it is ours).

    ``generic`` is what an unexpected error reads as (a window adds that drafts are kept);
    ``capital=False`` keeps our lower-case start for a line that follows a prefix (the CLI's).
    """
    if isinstance(exc, UserError):
        text = " ".join(str(exc).split())
    elif isinstance(exc, OSError):
        where = f": {exc.filename}" if capital is False and exc.filename else ""
        reason = exc.strerror or tr("Errors", "file error")
        text = tr("Errors", "a file could not be read or written ({reason})").format(reason=reason)
        text += where
    else:
        return tr("Errors", generic)
    return (sentence(text) if capital else text) or tr("Errors", generic)
