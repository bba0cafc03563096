"""Save a built PDF where the practitioner chose, atomically: the whole file or nothing there.

The bytes go to a temporary file beside the target, which then replaces it (see
``engager_desktop.fsutil``), so a full disk or a failed write never leaves half a PDF behind.
Messages name neither the file nor the folder, since either may carry a man's name.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from engager_desktop.domain.errors import UserError
from engager_desktop.fsutil import Writer, atomic_write_bytes

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class SavePdfError(UserError):
    """The PDF could not be saved; the message says why in one plain line."""


def save_pdf(data: bytes, path: str | os.PathLike[str], *, write: Writer | None = None) -> Path:
    """Write ``data`` to ``path`` atomically and return the path; ``SavePdfError`` on failure.

    ``write`` is for tests: it replaces the function that writes the bytes to the open file.
    """
    if not data.startswith(b"%PDF-"):
        raise SavePdfError("nothing to save: the document is empty or is not a PDF")
    target = Path(path)
    if target.is_dir():
        raise SavePdfError("cannot save the PDF: the name chosen is a folder, not a file")
    if not target.parent.is_dir():
        raise SavePdfError("cannot save the PDF: the folder does not exist")
    try:
        atomic_write_bytes(target, data, write=write)
    except OSError as error:
        raise SavePdfError(_reason(error)) from None
    return target


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return (
            "cannot save the PDF there: the folder is not writable, "
            "or the file is open in another program"
        )
    if error.errno in _FULL:
        return "cannot save the PDF there: the disk is full, or the file is too big for it"
    if error.errno == errno.EROFS:
        return "cannot save the PDF there: the disk is read-only"
    detail = error.strerror or type(error).__name__
    return f"cannot save the PDF there: {detail.lower()}"
