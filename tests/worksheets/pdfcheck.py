"""Reading built PDFs back for tests: text, every text run with its size and place, fonts."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from engager_desktop.worksheets.fonts import BOLD, REGULAR, register
from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.samples import full_inputs

BASE_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
    "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One line of text as drawn: where it starts, how wide it is, its smallest type size."""

    page: int
    text: str
    x: float
    y: float
    width: float
    size: float


DEFAULT = PrintOptions()


@lru_cache(maxsize=256)
def sample_pdf(kind: str, options: PrintOptions = DEFAULT, blank: bool = False) -> bytes:
    """The demo man's document (or the empty one), built once per test session."""
    return build_pdf(kind, None if blank else full_inputs()[kind], options)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """All the text, with every run of white space made one space (so wrapped text matches)."""
    pages = [page.extract_text() or "" for page in reader(pdf).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def page_count(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _font_name(font: Any) -> str:
    base = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
    return BOLD if base.endswith("Bold") else REGULAR


class _Collector:
    """Gathers one page's text runs into lines (pypdf calls ``visit`` for each run)."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.lines: list[Line] = []
        self.current: dict[str, Any] = {}

    def visit(self, text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if font is not None and text.strip("\n"):  # pypdf adds spaces of its own, fontless
            matrix = _multiply(tm, cm)
            real = size * (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5
            if not self.current:
                self.current.update(text="", x=matrix[4], y=matrix[5], width=0.0, size=real)
            body = text.rstrip("\n")
            self.current["text"] += body
            self.current["width"] += stringWidth(body, _font_name(font), real)
            self.current["size"] = min(self.current["size"], real)
        if text.endswith("\n"):
            self.close()

    def close(self) -> None:
        if self.current:
            self.lines.append(Line(self.page, **self.current))
            self.current = {}


def lines_of(pdf: bytes) -> list[Line]:
    """Every drawn line of text: the type size is the font size times the matrix scale."""
    register()
    found: list[Line] = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        collector = _Collector(number)
        page.extract_text(visitor_text=collector.visit)
        collector.close()
        found.extend(collector.lines)
    return found


def page_fonts(pdf: bytes) -> list[Any]:
    """Every font object named in a page's resources."""
    fonts = []
    for page in reader(pdf).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.append(font.get_object())
    return fonts


def page_width(pdf: bytes) -> float:
    return float(reader(pdf).pages[0].mediabox.width)


def printed(item: str, text: str) -> bool:
    """Whether ``item`` is in ``text`` (from ``text_of``) word for word: in one run, or in two
    runs in order (a table row split across a page, with the page's footer and the rest of the
    row between them)."""
    words = item.split()
    whole = " ".join(words)
    if whole in text:
        return True
    for cut in range(1, len(words)):
        head = " ".join(words[:cut])
        start = text.find(head + " ")
        while start >= 0:
            if " ".join(words[cut:]) in text[start + len(head) :]:
                return True
            start = text.find(head + " ", start + 1)
    return False


def drawing_ops(pdf: bytes) -> list[str]:
    """Each page's content stream, decompressed, as text (to find drawn shapes and marks)."""
    found = []
    for page in reader(pdf).pages:
        contents = page.get_contents()
        found.append(contents.get_data().decode("latin-1") if contents is not None else "")
    return found


def pictures_of(pdf: bytes) -> list[str]:
    """The name of every Easy Read picture drawn, in order (each is marked as a figure)."""
    return [
        name for ops in drawing_ops(pdf) for name in re.findall(r"/Figure <</Alt \((\w+)\)", ops)
    ]


def rects_of(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every rectangle drawn ("x y w h re")."""
    number = r"(-?[\d.]+)"
    pattern = rf"{number} {number} {number} {number} re\b"
    return [
        (abs(float(w)), abs(float(h)))
        for ops in drawing_ops(pdf)
        for _x, _y, w, h in re.findall(pattern, ops)
    ]
