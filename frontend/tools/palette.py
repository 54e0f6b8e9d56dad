"""Chooses the page's fixed colours for PLOVER types and quad classes and writes frontend/src/palette.json.

    python frontend/tools/palette.py        # rewrites the file; the page and tests/test_web_api.py read it

Colours must stay apart for readers with colour-vision deficiencies too. Each candidate colour (a grid
over sRGB, kept to mid lightness so it shows on white and as a bar) is seen four ways: normal vision and
simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, in
linear RGB). Its distance to a colour already chosen is the smallest CIELAB ΔE76 over the four ways; the
types get, one by one in a fixed order, the candidate farthest from every colour chosen so far (greedy
max-min), cooperative types among greens, blues and violets, conflict types among reds, oranges and
yellows (hue angles in CIELAB), so a colour never says the opposite of its type. The quad classes use
the Okabe-Ito colours (two blues for cooperation, orange and vermilion for conflict), checked by the
same measure. Deterministic: the same file on every run.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

SIMULATIONS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
QUAD_COLOURS = {"1": "#56B4E9", "2": "#0072B2", "3": "#E69F00", "4": "#D55E00", "-": "#999999"}
NO_TYPE = "#999999"  # CAMEO-only events: grey, and no type colour is chosen near it


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def views(hex_colour: str) -> list[tuple[float, float, float]]:
    """The colour's CIELAB coordinates as seen with normal vision and each simulated dichromacy."""
    rgb = [_linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    seen = []
    for matrix in SIMULATIONS.values():
        simulated = tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
                          for row in matrix)
        seen.append(_lab(simulated))  # type: ignore[arg-type]
    return seen


def distance(a: str, b: str) -> float:
    """The smallest ΔE76 between two colours over normal vision and the three simulated dichromacies."""
    return min(sum((p - q) ** 2 for p, q in zip(x, y, strict=True)) ** 0.5
               for x, y in zip(views(a), views(b), strict=True))


def min_distance(colours: list[str]) -> float:
    return min(distance(a, b) for a, b in itertools.combinations(colours, 2))


def _candidates() -> list[str]:
    steps = range(0, 256, 17)
    out = []
    for r, g, b in itertools.product(steps, steps, steps):
        lightness = _lab(tuple(_linear(c / 255) for c in (r, g, b)))[0]  # type: ignore[arg-type]
        if 35 <= lightness <= 85:
            out.append(f"#{r:02X}{g:02X}{b:02X}")
    return out


def type_order() -> tuple[list[str], set[str]]:
    """The types in cooperation -> conflict order, and the cooperative ones (quad classes 1 and 2)."""
    from eventwire.events.ontology import Ontology

    types = sorted(Ontology.load().types.values(), key=lambda t: (t.quad_class, -t.intensity, t.name))
    return [t.name for t in types], {t.name for t in types if t.quad_class <= 2}


def _hue(hex_colour: str) -> float:
    import math

    _, a, b = views(hex_colour)[0]
    return math.degrees(math.atan2(b, a)) % 360


def _fits(hex_colour: str, cooperation: bool) -> bool:
    # Cooperation in greens, blues and violets, conflict in reds, oranges and yellows, as in the quad
    # class colours and the intensity scale, so a type's colour does not say the opposite of its class.
    hue = _hue(hex_colour)
    return (130 <= hue < 320) if cooperation else (hue >= 320 or hue < 130)


def choose(names: list[str], cooperation: set[str]) -> dict[str, str]:
    candidates = _candidates()
    chosen: dict[str, str] = {}
    fixed = [NO_TYPE, "#FFFFFF"]  # apart from the grey of CAMEO-only events and from the white page
    nearest = {c: min(distance(c, f) for f in fixed) for c in candidates}
    for name in names:
        fitting = [c for c in candidates if _fits(c, name in cooperation)]
        best = max(fitting, key=lambda c: (nearest[c], c))
        chosen[name] = best
        candidates.remove(best)
        nearest = {c: min(nearest[c], distance(c, best)) for c in candidates}
    return chosen


def main() -> None:
    names, cooperation = type_order()
    types = choose(names, cooperation)
    palette = {
        "about": "Written by frontend/tools/palette.py: fixed colours for PLOVER types (in cooperation ->"
                 " conflict order) and quad classes, chosen to stay apart in normal vision and simulated"
                 " protanopia, deuteranopia and tritanopia.",
        "types": {**types, "-": NO_TYPE},
        "quad_classes": QUAD_COLOURS,
        "min_distance": {"types": round(min_distance(list(types.values())), 1),
                         "quad_classes": round(min_distance(list(QUAD_COLOURS.values())), 1)},
    }
    out = ROOT / "frontend" / "src" / "palette.json"
    out.write_text(json.dumps(palette, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}: smallest ΔE76 types {palette['min_distance']['types']},"
          f" quad classes {palette['min_distance']['quad_classes']}")


if __name__ == "__main__":
    main()
