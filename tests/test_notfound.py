"""The 404 page's links become absolute under site_url's path, whatever the engine wrote."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.notfound import absolute, base_path, relocatable_404

ENGINE_404 = """<!doctype html><html><head>
<link rel="stylesheet" href="assets/stylesheets/main.css"><link rel="icon" href="{doubled}assets/images/favicon.png">
</head><body>
<a href=".">首页</a> <a href="fees/">收费目录</a> <a href="{doubled}sitemap/">网站地图</a> <a href="#top">顶部</a>
<a href="https://beian.mps.gov.cn/#/query">备案</a> <a href="mailto:zwgk@example.gov.cn">邮箱</a> <a href="tel:0551-1">电话</a>
<a href="hotspots/?page=2#list">热点</a>
<div data-dz-search data-root="./"></div>
<form action="javascript:void(0)"></form>
<script id="__config" type="application/json">{"base": ".", "search": "x.js"}</script>
<script src="assets/search.js"></script>
</body></html>
"""


@pytest.mark.parametrize(
    ("site_url", "base"),
    [("https://www.juchao.gov.cn/zwgk/", "/zwgk/"), ("https://www.juchao.gov.cn/", "/"), ("http://h/a/b/", "/a/b/")],
)
def test_every_link_of_the_404_page_is_absolute_under_the_base_path(tmp_path: Path, site_url: str, base: str) -> None:
    page = tmp_path / "404.html"
    doubled = base + "/" if base != "/" else base  # "//x" would name a host
    page.write_text(ENGINE_404.replace("{doubled}", doubled), encoding="utf-8")
    relocatable_404(tmp_path, site_url)
    text = page.read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src|data-root)="([^"]*)"', text)
    internal = [link for link in links if not re.match(r"(https?|mailto|tel):|#", link)]
    assert internal and all(link.startswith(base) and "//" not in link for link in internal), internal
    assert f'href="{base}"' in text and f'href="{base}fees/"' in text  # relative ones read from {base}404.html
    assert f'href="{base}sitemap/"' in text and f'href="{base}hotspots/?page=2#list"' in text
    assert f'data-root="{base}"' in text and f'src="{base}assets/search.js"' in text
    for kept in ("#top", "https://beian.mps.gov.cn/#/query", "mailto:zwgk@example.gov.cn", "tel:0551-1"):
        assert f'href="{kept}"' in text
    assert 'action="javascript:void(0)"' in text
    config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', text).group(1))  # type: ignore[union-attr]
    assert config == {"base": base, "search": "x.js"}
    assert "<script>" not in text  # nothing worked out in the browser


def test_base_path_and_absolute() -> None:
    assert base_path("https://h/zwgk") == "/zwgk/" and base_path("https://h") == "/"
    assert absolute("/zwgk/.", "/zwgk/") == "/zwgk/" and absolute(".", "/") == "/"
    assert absolute("", "/zwgk/") == "" and absolute("../x/", "/a/b/") == "/a/x/"
