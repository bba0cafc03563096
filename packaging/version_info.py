"""Write the Windows version resource (PyInstaller's VSVersionInfo text) from the app's version.

The spec calls ``write(path)``; ``python packaging/version_info.py`` prints the text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPANY = "Engager"
PRODUCT = "Engager Desktop"
DESCRIPTION = "Engager Desktop: the practitioner's offline tool"
COPYRIGHT = "Copyright (c) Engager. All rights reserved."
EXE_NAME = "engager-desktop.exe"


def app_version(root: Path = ROOT) -> str:
    """``__version__`` read from the package's source without importing it."""
    text = (root / "engager_desktop" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise ValueError("engager_desktop/__init__.py has no __version__")
    return found.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for the fixed-size part of the resource (``0.1.0rc1`` gives 0, 1, 0, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def render(version: str, exe_name: str = EXE_NAME) -> str:
    """The VSVersionInfo source text PyInstaller reads with ``version=``."""
    four = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": exe_name.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": exe_name,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    items = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# Made by packaging/version_info.py; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={four},
    prodvers={four},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080904B0',
        [
{items}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def write(path: Path, exe_name: str = EXE_NAME) -> Path:
    """Write the resource text for the current version to ``path``; returns the path."""
    path.write_text(render(app_version(), exe_name), "utf-8")
    return path


if __name__ == "__main__":
    sys.stdout.write(render(app_version()))
