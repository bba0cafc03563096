"""Laptop names: the practitioner's own words for a laptop, checked, and made safe for file names.

A name ("Sam – HMP Example interview room") is shown in messages, the import preview, the device
list and the device card, and a safe form of it starts each bundle's file name. It is never a man's
data. Refused: an empty name, control or format characters (which could rewrite a terminal line
or reverse text on screen) and more than ``MAX_LENGTH`` characters. Names arriving from another
laptop (a card or a bundle) are read with the older, longer limit ``MAX_READ_LENGTH``.
"""

from __future__ import annotations

import re
import unicodedata

from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import tr

MAX_LENGTH = 60
MAX_READ_LENGTH = 100
DEFAULT_NAME = "Engager laptop"
MAX_SLUG = 40
_UNSAFE = re.compile(r"[^a-z0-9]+")


def is_clean(name: object, limit: int = MAX_READ_LENGTH) -> bool:
    """A non-empty name of at most ``limit`` characters with nothing but printable characters."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= limit
        and name.strip() == name
        and name.isprintable()
    )


def check(text: str) -> str:
    """The name to store (outer spaces dropped); ValidationError naming the problem."""
    name = " ".join(text.split(" ")).strip()
    if not name:
        raise ValidationError("laptop_name", tr("Errors", "Give this laptop a name."))
    if len(name) > MAX_LENGTH:
        raise ValidationError(
            "laptop_name",
            tr("Errors", "A laptop name can be at most {max_length} characters.").format(
                max_length=MAX_LENGTH
            ),
        )
    if not name.isprintable():
        raise ValidationError(
            "laptop_name",
            tr("Errors", "A laptop name cannot hold control characters or line breaks."),
        )
    return name


def file_slug(name: str) -> str:
    """Letters and digits of the name (accents dropped), runs of anything else as one dash."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", plain.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-") or "laptop"


def suggested(computer: str) -> str:
    """A first name for a new vault's laptop: the default, with the computer's own name if it
    has a usable one (what IT labels it by)."""
    label = "".join(ch for ch in computer if ch.isprintable()).strip()
    name = f"{DEFAULT_NAME} ({label})" if label else DEFAULT_NAME
    return name if len(name) <= MAX_LENGTH else DEFAULT_NAME
