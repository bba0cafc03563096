"""How a man is named where many can see it: file names carry his initials, never his name."""

from __future__ import annotations

import re
from datetime import date


def initials(*names: str | None) -> str:
    """His initials ("DP" for Dafydd Pugh), never his name: a file name is seen by many."""
    letters = [word[0] for name in names if name for word in name.split() if word[:1].isalpha()]
    return "".join(letters).upper()[:4]


def safe_file_name(title: str, who: str | None = None, day: date | None = None) -> str:
    """A file name from the title, his initials (``who``) and the day: letters, digits, spaces
    and dashes only."""
    parts = [title, *(part for part in (who, day.isoformat() if day else None) if part)]
    cleaned = re.sub(r"[^\w \-]+", "", " - ".join(parts)).strip()
    single = re.sub(r"\s+", " ", cleaned)[:80].strip()
    return f"{single or 'document'}.pdf"
