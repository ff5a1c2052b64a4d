"""Real builds: a real `dot`, a real mkdocs-material build of the fixture district."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline

from .conftest import AS_OF

pytestmark = pytest.mark.slow


def test_fixture_builds_a_site_with_flowcharts(project: Path) -> None:
    built = pipeline.build(project, AS_OF)
    assert not built.checked.report.errors
    site = project.parent / "site"
    page = (site / "matters" / "czj-piao-ju" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page
    assert 'role="img"' in page and "行政事业性收费票据领购办事流程图" in page
    assert page.count('<svg role="img"') == 1
    assert "办结日期" in (site / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    for name in (
        "index.html",
        "departments/czj/index.html",
        "fees/index.html",
        "hotspots/index.html",
        "search/search_index.json",
    ):
        assert (site / name).exists(), name
    assert built.layout.laid_out == 1 and built.layout.processes == 1


def test_second_build_runs_no_dot(project: Path) -> None:
    pipeline.build(project, AS_OF)
    again = pipeline.build(project, AS_OF)
    assert again.layout.processes == 0 and again.layout.cached == 1
    assert again.written == 0


def test_text_from_yaml_cannot_inject_markup(project: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = post.read_text(encoding="utf-8").replace(
        "summary: 公布办公设备采购项目的中标结果。",
        "summary: '<script>alert(1)</script> [点我](javascript:alert(1)) **粗体** <img src=x onerror=alert(1)>'",
    )
    post.write_text(text, encoding="utf-8")
    pipeline.build(project, AS_OF)
    html = (project.parent / "site" / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not re.search(r'href="javascript:', html)
    assert "&lt;script&gt;" in html
