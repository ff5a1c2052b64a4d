"""Flowcharts in a real browser: the fixture site built for real, served over HTTP, read by headless Chromium.

Every label must lie inside its shape as Chromium draws it with the page's font, which only
holds when `dot` measured the text with the same CJK font.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser

from generator import pipeline

from .browser import chromium, serving
from .conftest import AS_OF, FLOW

pytestmark = pytest.mark.slow

MATTERS = ["zjj-dang-an", "zjj-zi-zhi", "zjj-shi-gong", "zjj-yu-shou"]

# For each label: its box and its shape's geometry, in the SVG's own units (getBBox ignores CSS scaling).
MEASURE = """
svg => {
  const box = e => { const b = e.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const shapeOf = el => {
    const s = el.querySelector('polygon, path, ellipse');
    const b = box(s);
    let kind = s.tagName === 'ellipse' ? 'ellipse' : 'rect';
    if (s.tagName === 'polygon') {
      const pts = s.getAttribute('points').trim().split(/\\s+/).map(p => p.split(',').map(Number));
      const corner = pts.some(([x, y]) => (Math.abs(x - b.x) < 0.5 || Math.abs(x - b.x - b.w) < 0.5)
                                       && (Math.abs(y - b.y) < 0.5 || Math.abs(y - b.y - b.h) < 0.5));
      if (!corner) kind = 'diamond';
    }
    return {kind, ...b};
  };
  const out = [];
  for (const g of svg.querySelectorAll('g.node')) {
    const shape = shapeOf(g);
    for (const t of g.querySelectorAll('text')) out.push({text: t.textContent, label: box(t), shape});
  }
  for (const g of svg.querySelectorAll('g.lane-label')) {
    const shape = shapeOf(svg.querySelector('#' + g.dataset.lane));
    for (const t of g.querySelectorAll('text')) out.push({text: t.textContent, label: box(t), shape});
  }
  return out;
}
"""


def inside(label: dict[str, float], shape: dict[str, Any], slack: float = 0.5) -> bool:
    """Whether all four corners of the label's box lie within the shape."""
    cx, cy = shape["x"] + shape["w"] / 2, shape["y"] + shape["h"] / 2
    corners = [(label["x"] + dx, label["y"] + dy) for dx in (0, label["w"]) for dy in (0, label["h"])]
    if shape["kind"] == "rect":
        return all(
            shape["x"] - slack <= x <= shape["x"] + shape["w"] + slack
            and shape["y"] - slack <= y <= shape["y"] + shape["h"] + slack
            for x, y in corners
        )
    rx, ry = shape["w"] / 2 + slack, shape["h"] / 2 + slack
    if shape["kind"] == "diamond":
        return all(abs(x - cx) / rx + abs(y - cy) / ry <= 1 for x, y in corners)
    return all(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 for x, y in corners)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dest = tmp_path_factory.mktemp("flow") / "district"
    shutil.copytree(FLOW, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    built = pipeline.build(dest / "site_config.yml", AS_OF)
    assert not built.report.errors, built.report.render()
    with serving(dest / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.mark.parametrize("matter", MATTERS)
def test_every_label_lies_inside_its_shape(browser: Browser, site_url: str, matter: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}matters/{matter}/")
    svg = page.locator("figure.dz-flowchart svg")
    assert page.evaluate("document.fonts.check('12px \"Noto Sans CJK SC\"')")
    family = svg.locator("text").first.evaluate("t => getComputedStyle(t).fontFamily")
    assert family.startswith('"Noto Sans CJK SC"')
    labels = svg.evaluate(MEASURE)
    assert len(labels) >= 5
    outside = [item["text"] for item in labels if not inside(item["label"], item["shape"])]
    assert outside == []
    page.close()


def test_complex_flowchart_screenshot_is_accessible(
    browser: Browser, site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}matters/zjj-yu-shou/")
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    svg = page.locator("figure.dz-flowchart svg")
    assert svg.get_attribute("role") == "img"
    name = page.evaluate(
        "s => document.getElementById(s.getAttribute('aria-labelledby')).textContent",
        svg.element_handle(),
    )
    assert name == "商品房预售许可办事流程图"
    steps = page.locator("ol.dz-steps > li")
    assert steps.count() == 7 and "流程图测试区自然资源局不动产登记股" in steps.nth(2).inner_text()
    page.add_style_tag(content=".md-header, .md-tabs { display: none !important; }")
    shot = tmp_path_factory.mktemp("shots") / "zjj-yu-shou.png"
    svg.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # a blank or clipped chart is a few kilobytes
    page.close()
