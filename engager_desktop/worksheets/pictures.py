"""Simple pictures for Easy Read papers, drawn in code: a house, a calendar, a phone, a pill …

Drawn with plain lines and shapes in black and light grey, so they print clearly on any printer,
photocopy well, and carry no licence (they are ours). Each picture is marked in the PDF as a
figure with its name as alternative text (``/Figure <</Alt (house)>> BDC … EMC``), so a screen
reader can say what it shows and tests can count them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

INK = colors.black
SHADE = colors.Color(0.82, 0.82, 0.82)

Draw = Callable[[Canvas, float], None]


def _poly(canvas: Canvas, points: list[tuple[float, float]], *, fill: bool = False) -> None:
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1 if fill else 0)


def _line(canvas: Canvas, points: list[tuple[float, float]]) -> None:
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)


def _at(s: float, *points: tuple[float, float]) -> list[tuple[float, float]]:
    """Points given on a unit square, scaled to a picture ``s`` points a side."""
    return [(x * s, y * s) for x, y in points]


def house(c: Canvas, s: float) -> None:
    _poly(c, [(0.08 * s, 0.55 * s), (0.5 * s, 0.92 * s), (0.92 * s, 0.55 * s)], fill=True)
    c.rect(0.18 * s, 0.08 * s, 0.64 * s, 0.47 * s, stroke=1, fill=0)
    c.rect(0.42 * s, 0.08 * s, 0.16 * s, 0.28 * s, stroke=1, fill=1)


def calendar(c: Canvas, s: float) -> None:
    c.rect(0.1 * s, 0.08 * s, 0.8 * s, 0.74 * s, stroke=1, fill=0)
    c.rect(0.1 * s, 0.64 * s, 0.8 * s, 0.18 * s, stroke=1, fill=1)
    for x in (0.3, 0.7):
        c.line(x * s, 0.74 * s, x * s, 0.92 * s)
    for row in range(3):
        for col in range(4):
            c.rect((0.18 + col * 0.17) * s, (0.14 + row * 0.16) * s, 0.1 * s, 0.1 * s, fill=1)


def clock(c: Canvas, s: float) -> None:
    c.circle(0.5 * s, 0.5 * s, 0.42 * s, stroke=1, fill=0)
    _line(c, [(0.5 * s, 0.78 * s), (0.5 * s, 0.5 * s), (0.7 * s, 0.38 * s)])
    for hour in range(12):
        angle = hour * math.pi / 6
        x, y = math.sin(angle), math.cos(angle)
        c.line((0.5 + 0.34 * x) * s, (0.5 + 0.34 * y) * s, (0.5 + 0.4 * x) * s, (0.5 + 0.4 * y) * s)


def _person(c: Canvas, s: float, x: float, scale: float = 1.0) -> None:
    c.circle(x * s, 0.7 * s * scale + 0.06 * s, 0.14 * s * scale, stroke=1, fill=1)
    left, right = x - 0.26 * scale, x + 0.26 * scale
    top = 0.5 * scale + 0.06
    path = c.beginPath()
    path.moveTo(left * s, 0.08 * s)
    path.lineTo(left * s, (top - 0.1) * s)
    path.curveTo(left * s, top * s, left * s, top * s, (left + 0.12) * s, top * s)
    path.lineTo((right - 0.12) * s, top * s)
    path.curveTo(right * s, top * s, right * s, top * s, right * s, (top - 0.1) * s)
    path.lineTo(right * s, 0.08 * s)
    path.close()
    c.drawPath(path, stroke=1, fill=0)


def person(c: Canvas, s: float) -> None:
    _person(c, s, 0.5)


def people(c: Canvas, s: float) -> None:
    _person(c, s, 0.3, 0.8)
    _person(c, s, 0.7, 0.8)


def phone(c: Canvas, s: float) -> None:
    c.roundRect(0.28 * s, 0.06 * s, 0.44 * s, 0.88 * s, 0.08 * s, stroke=1, fill=0)
    c.rect(0.34 * s, 0.22 * s, 0.32 * s, 0.58 * s, stroke=1, fill=1)
    c.circle(0.5 * s, 0.13 * s, 0.035 * s, stroke=1, fill=1)


def pill(c: Canvas, s: float) -> None:
    c.saveState()
    c.translate(0.5 * s, 0.5 * s)
    c.rotate(35)
    c.roundRect(-0.4 * s, -0.15 * s, 0.8 * s, 0.3 * s, 0.15 * s, stroke=1, fill=0)
    c.setFillColor(SHADE)
    path = c.beginPath()
    path.moveTo(0, -0.15 * s)
    path.lineTo(-0.25 * s, -0.15 * s)
    path.arcTo(-0.4 * s, -0.15 * s, -0.1 * s, 0.15 * s, startAng=270, extent=-180)
    path.lineTo(0, 0.15 * s)
    path.close()
    c.drawPath(path, stroke=1, fill=1)
    c.restoreState()


def money(c: Canvas, s: float) -> None:
    c.rect(0.06 * s, 0.4 * s, 0.72 * s, 0.42 * s, stroke=1, fill=1)
    c.circle(0.42 * s, 0.61 * s, 0.12 * s, stroke=1, fill=0)
    for y in (0.1, 0.2, 0.3):
        c.ellipse(0.52 * s, y * s, 0.94 * s, (y + 0.12) * s, stroke=1, fill=0)


def handshake(c: Canvas, s: float) -> None:
    _poly(c, _at(s, (0.02, 0.38), (0.3, 0.38), (0.3, 0.62), (0.02, 0.62)), fill=True)
    _poly(c, _at(s, (0.98, 0.38), (0.7, 0.38), (0.7, 0.62), (0.98, 0.62)), fill=True)
    c.roundRect(0.28 * s, 0.34 * s, 0.44 * s, 0.32 * s, 0.12 * s, stroke=1, fill=0)
    for x in (0.4, 0.5, 0.6):
        c.line(x * s, 0.34 * s, x * s, 0.52 * s)


def heart(c: Canvas, s: float) -> None:
    path = c.beginPath()
    path.moveTo(0.5 * s, 0.1 * s)
    path.curveTo(0.1 * s, 0.4 * s, 0.0 * s, 0.62 * s, 0.2 * s, 0.82 * s)
    path.curveTo(0.34 * s, 0.94 * s, 0.48 * s, 0.86 * s, 0.5 * s, 0.72 * s)
    path.curveTo(0.52 * s, 0.86 * s, 0.66 * s, 0.94 * s, 0.8 * s, 0.82 * s)
    path.curveTo(1.0 * s, 0.62 * s, 0.9 * s, 0.4 * s, 0.5 * s, 0.1 * s)
    path.close()
    c.drawPath(path, stroke=1, fill=1)


def tick(c: Canvas, s: float) -> None:
    c.circle(0.5 * s, 0.5 * s, 0.42 * s, stroke=1, fill=0)
    c.setLineWidth(s * 0.09)
    _line(c, [(0.28 * s, 0.5 * s), (0.44 * s, 0.32 * s), (0.74 * s, 0.7 * s)])


def bag(c: Canvas, s: float) -> None:
    c.roundRect(0.12 * s, 0.08 * s, 0.76 * s, 0.56 * s, 0.06 * s, stroke=1, fill=1)
    c.roundRect(0.34 * s, 0.64 * s, 0.32 * s, 0.2 * s, 0.06 * s, stroke=1, fill=0)
    c.line(0.12 * s, 0.44 * s, 0.88 * s, 0.44 * s)


def door(c: Canvas, s: float) -> None:
    c.rect(0.2 * s, 0.06 * s, 0.5 * s, 0.86 * s, stroke=1, fill=0)
    _poly(c, _at(s, (0.2, 0.06), (0.48, 0.16), (0.48, 0.82), (0.2, 0.92)), fill=True)
    _line(c, [(0.62 * s, 0.5 * s), (0.92 * s, 0.5 * s)])
    _line(c, [(0.82 * s, 0.6 * s), (0.92 * s, 0.5 * s), (0.82 * s, 0.4 * s)])


def star(c: Canvas, s: float) -> None:
    points = []
    for index in range(10):
        radius = 0.44 if index % 2 == 0 else 0.18
        angle = math.pi / 2 + index * math.pi / 5
        points.append(((0.5 + radius * math.cos(angle)) * s, (0.48 + radius * math.sin(angle)) * s))
    _poly(c, points, fill=True)


def pen(c: Canvas, s: float) -> None:
    _poly(c, _at(s, (0.2, 0.3), (0.7, 0.8), (0.8, 0.7), (0.3, 0.2)), fill=True)
    _poly(c, [(0.2 * s, 0.3 * s), (0.3 * s, 0.2 * s), (0.14 * s, 0.14 * s)])
    c.line(0.06 * s, 0.06 * s, 0.94 * s, 0.06 * s)


def warning(c: Canvas, s: float) -> None:
    _poly(c, [(0.5 * s, 0.92 * s), (0.94 * s, 0.1 * s), (0.06 * s, 0.1 * s)])
    c.setLineWidth(s * 0.09)
    c.line(0.5 * s, 0.66 * s, 0.5 * s, 0.36 * s)
    c.circle(0.5 * s, 0.22 * s, 0.04 * s, stroke=1, fill=1)


def book(c: Canvas, s: float) -> None:
    _poly(c, [(0.5 * s, 0.2 * s), (0.06 * s, 0.28 * s), (0.06 * s, 0.84 * s), (0.5 * s, 0.76 * s)])
    _poly(c, _at(s, (0.5, 0.2), (0.94, 0.28), (0.94, 0.84), (0.5, 0.76)), fill=True)
    for y in (0.42, 0.54, 0.66):
        c.line(0.14 * s, (y + 0.02) * s, 0.42 * s, (y - 0.03) * s)


def glass(c: Canvas, s: float) -> None:
    _poly(c, [(0.22 * s, 0.9 * s), (0.78 * s, 0.9 * s), (0.68 * s, 0.08 * s), (0.32 * s, 0.08 * s)])
    _poly(c, _at(s, (0.26, 0.56), (0.74, 0.56), (0.68, 0.08), (0.32, 0.08)), fill=True)


PICTURES: dict[str, Draw] = {
    "house": house,
    "calendar": calendar,
    "clock": clock,
    "person": person,
    "people": people,
    "phone": phone,
    "pill": pill,
    "money": money,
    "handshake": handshake,
    "heart": heart,
    "tick": tick,
    "bag": bag,
    "door": door,
    "star": star,
    "pen": pen,
    "warning": warning,
    "book": book,
    "glass": glass,
}


class Picture(Flowable):  # type: ignore[misc]
    """One picture, ``size`` points square, marked as a figure named after what it shows."""

    def __init__(self, name: str, size: float) -> None:
        super().__init__()
        if name not in PICTURES:
            raise ValueError(f"no picture called {name!r}")
        self.name = name
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.addLiteral(f"/Figure <</Alt ({self.name})>> BDC")
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setFillColor(SHADE)
        canvas.setLineWidth(max(1.2, self.size * 0.045))
        canvas.setLineJoin(1)
        canvas.setLineCap(1)
        PICTURES[self.name](canvas, self.size)
        canvas.restoreState()
        canvas.addLiteral("EMC")
