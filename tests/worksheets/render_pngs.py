"""Render page 1 (and 2) of every document to docs/worksheets/*.png, to look at by eye:
normal, large print, and Easy Read where the kind has it.

Run from the project folder: ``.venv/bin/python -m tests.worksheets.render_pngs``. Needs
``pdftoppm`` (poppler-utils). Two pages are put side by side in one image.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from engager_desktop.worksheets.kinds import KINDS, build_pdf
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.samples import full_inputs

OUT = Path("docs/worksheets")
DPI = 60


def render(pdf: bytes, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "doc.pdf")
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "2", str(source), f"{folder}/p"],
            check=True,
        )
        pages = [Image.open(path) for path in sorted(Path(folder).glob("p-*.png"))]
        width = sum(page.width for page in pages) + 8 * (len(pages) - 1)
        sheet = Image.new("RGB", (width, max(page.height for page in pages)), (128, 128, 128))
        left = 0
        for page in pages:
            sheet.paste(page, (left, 0))
            left += page.width + 8
        sheet.convert("L").save(target, optimize=True)  # the pages are black and grey


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    data = full_inputs()
    for name, kind in KINDS.items():
        versions = {"": PrintOptions(), "-large": PrintOptions(large_print=True)}
        if kind.easy_read:
            versions["-easy-read"] = PrintOptions(easy_read=True)
        for suffix, options in versions.items():
            render(build_pdf(name, data[name], options), OUT / f"{name}{suffix}.png")
            if kind.has_blank:
                render(build_pdf(name, None, options), OUT / f"{name}-blank{suffix}.png")
    print(f"rendered into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
