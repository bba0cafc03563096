"""Render page 1 (and 2) of every document to docs/worksheets/*.png, to look at by eye:
normal, large print, and Easy Read where the kind has it.

Run from the project folder: ``.venv/bin/python -m tests.worksheets.render_pngs``; with
``--language cy`` the documents are built in Welsh, into ``docs/worksheets/cy``. Needs
``pdftoppm`` (poppler-utils). Two pages are put side by side in one image.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from engager_desktop import i18n
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--language", default=i18n.ENGLISH, choices=sorted(i18n.LANGUAGES))
    language = parser.parse_args(argv).language
    out = OUT if language == i18n.ENGLISH else OUT / language
    out.mkdir(parents=True, exist_ok=True)
    with i18n.using(language):
        render_all(out)
    print(f"rendered into {out}")
    return 0


def render_all(out: Path) -> None:
    data = full_inputs()
    for name, kind in KINDS.items():
        versions = {"": PrintOptions(), "-large": PrintOptions(large_print=True)}
        if kind.easy_read:
            versions["-easy-read"] = PrintOptions(easy_read=True)
        for suffix, options in versions.items():
            render(build_pdf(name, data[name], options), out / f"{name}{suffix}.png")
            if kind.has_blank:
                render(build_pdf(name, None, options), out / f"{name}-blank{suffix}.png")


if __name__ == "__main__":
    sys.exit(main())
