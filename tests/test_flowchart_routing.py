"""No arrow of a laid-out flowchart runs through a shape other than the two it joins (real `dot`)."""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Iterator

import pytest

from generator import pipeline

from .conftest import AS_OF, FLOW, GOOD, ROOT

pytestmark = pytest.mark.slow

Point = tuple[float, float]
_NODE = re.compile(r'<g id="[^"]*" class="node">\s*<title>(.*?)</title>(.*?)</g>', re.S)
_EDGE = re.compile(r'<g id="[^"]*" class="edge">\s*<title>(.*?)</title>.*?<path[^>]*\bd="([^"]*)"', re.S)


def _points(text: str) -> list[Point]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _curve(points: list[Point], steps: int = 24) -> Iterator[Point]:
    """Points along dot's cubic Bézier path (M p0 C p1 p2 p3 …)."""
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for n in range(steps + 1):
            t = n / steps
            u = 1 - t
            yield (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )


def _inside(point: Point, polygon: list[Point]) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[-1:] + polygon[:-1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def _core(shape: list[Point], keep: float = 0.85) -> list[Point]:
    """The shape shrunk about its centre, so an arrow touching its outline does not count."""
    cx, cy = sum(p[0] for p in shape) / len(shape), sum(p[1] for p in shape) / len(shape)
    return [(cx + (x - cx) * keep, cy + (y - cy) * keep) for x, y in shape]


def shapes(svg: str) -> dict[str, list[Point]]:
    out = {}
    for m in _NODE.finditer(svg):
        name, body = m[1].replace("&#45;", "-"), m[2]
        polygon = re.search(r'<polygon[^>]*points="([^"]*)"', body)
        ellipse = re.search(r'<ellipse[^>]*cx="([^"]*)" cy="([^"]*)" rx="([^"]*)" ry="([^"]*)"', body)
        path = re.search(r'<path[^>]*\bd="([^"]*)"', body)
        if polygon:
            out[name] = _core(_points(polygon[1]))
        elif ellipse:
            cx, cy, rx, ry = map(float, ellipse.groups())
            out[name] = _core(
                [(cx + rx * math.cos(a * math.pi / 12), cy + ry * math.sin(a * math.pi / 12)) for a in range(24)]
            )
        elif path:
            out[name] = _core(_points(path[1]))
    return out


def arrows_through_shapes(svg: str) -> list[str]:
    """'a -> b through c' for every arrow that enters a shape it does not join."""
    nodes = shapes(svg)
    found = []
    for m in _EDGE.finditer(svg):
        ends = [e.split(":")[0] for e in m[1].replace("&#45;", "-").replace("&gt;", ">").split("->")]
        curve = list(_curve(_points(m[2])))
        found += [
            f"{ends[0]} -> {ends[1]} through {name}"
            for name, shape in nodes.items()
            if name not in ends and any(_inside(p, shape) for p in curve)
        ]
    return found


def charts() -> dict[str, str]:
    out = {}
    for config in (GOOD / "site_config.yml", FLOW / "site_config.yml", ROOT / "site_config.yml"):
        checked = pipeline.check(config, AS_OF)
        assert checked.content is not None and checked.config is not None
        for key, dot in pipeline.dot_sources(checked.content).items():
            out[f"{config.parent.name}:{key}"] = dot
    return out


def test_no_arrow_runs_through_a_shape() -> None:
    found = {}
    for name, dot in charts().items():
        svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
        if bad := arrows_through_shapes(svg):
            found[name] = bad
    assert found == {}


def test_the_check_finds_an_arrow_through_a_diamond() -> None:
    """dot's own markup, with an arrow from a to b drawn straight through the diamond d between them."""
    svg = (
        '<g id="node1" class="node">\n<title>a</title>\n<polygon points="0,0 40,0 40,20 0,20 0,0"/>\n</g>'
        '<g id="node2" class="node">\n<title>d</title>\n<polygon points="20,40 40,60 20,80 0,60 20,40"/>\n</g>'
        '<g id="node3" class="node">\n<title>b</title>\n<polygon points="0,100 40,100 40,120 0,120 0,100"/>\n</g>'
        '<g id="edge1" class="edge">\n<title>a&#45;&gt;b</title>\n<path d="M20,20C20,50 20,70 20,100"/>\n</g>'
        '<g id="edge2" class="edge">\n<title>a&#45;&gt;d</title>\n<path d="M20,20C20,30 20,35 20,40"/>\n</g>'
    )
    assert arrows_through_shapes(svg) == ["a -> b through d"]
