"""Draw the app icon (a white E on a teal rounded square) as PNG and multi-size ICO with Pillow.

Run once after changing the design: ``.venv/bin/python packaging/icon/make_icon.py``; the
outputs are committed so a build needs no drawing library.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 256
TEAL = (0, 110, 120, 255)
WHITE = (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    """The icon at ``size`` pixels: drawn at 4x and scaled down for smooth edges."""
    big = size * 4
    unit = big / 16
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=int(3 * unit), fill=TEAL)
    left, top, bottom = 4.5 * unit, 3.5 * unit, 12.5 * unit
    stem, bar = 2 * unit, 1.8 * unit
    pen.rectangle((left, top, left + stem, bottom), fill=WHITE)
    for y, width in (
        (top, 7 * unit),
        ((top + bottom - bar) / 2, 5.5 * unit),
        (bottom - bar, 7 * unit),
    ):
        pen.rectangle((left, y, left + width, y + bar), fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    icon = draw()
    icon.save(HERE / "engager-desktop.png")
    icon.save(HERE / "engager-desktop.ico", sizes=ICO_SIZES)
    print(HERE / "engager-desktop.png", HERE / "engager-desktop.ico")


if __name__ == "__main__":
    main()
