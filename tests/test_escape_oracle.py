"""The escape oracle: arbitrary text (markup, Markdown, Jinja, DOT and CSV syntax among it) typed into
the text fields of every kind of item is built into a real site; parsed with a real HTML parser,
every page shows it exactly as typed, in the body and in <title>, and holds no element or
attribute the text could have made.

A few examples by default; `make test` (and so CI) sets ORACLE_EXAMPLES for many more.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.chars import UNSAFE
from generator.personal import find_numbers

from .conftest import AS_OF, GOOD
from .test_hostile_site import Page

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("ORACLE_EXAMPLES", "3"))
SYNTAX = [
    "<script>alert(1)</script>", "</title><b>x</b>", "<img src=x onerror=alert(1)>", '" onmouseover="x', "'",
    "&amp;", "&#x27;", "&lt;b&gt;", "**b**", "_i_", "`c`", "[a](javascript:x)", "# h", "- l", "1. n", "> q", "|t|",
    "{{ config }}", "{% raw %}", "{#", "->", "digraph{a->b}", '"];', "=1+1", "@SUM(1)", "+", "-", ",", "\\",
    "<!--", "]]>", "{: .x }", "$x$", "~~s~~", "!", "政务公开",
]  # fmt: skip
typed = (
    st.lists(st.sampled_from(SYNTAX) | st.text(min_size=1, max_size=6), min_size=1, max_size=6)
    .map("".join)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: bool(s) and UNSAFE.search(s) is None and "\n" not in s)
)
MATTER = "matters/czj-piao-ju/index.html"
POSTING = "hotspots/czj-2011-05-12-cai-gou/index.html"
TITLED = (  # (file, line as written, key, the page it names: the text is that page's <title> too)
    ("czj/department.yml", "name: 测试区财政局", "dept", "departments/czj/index.html"),
    ("czj/procedures/piao-ju.yml", "name: 行政事业性收费票据领购", "matter", MATTER),
    ("czj/postings/2011-05-12-cai-gou.yml", "title: 测试区2011年办公设备政府采购中标公告", "posting", POSTING),
)
INNER = (  # (file, line as written, key, a page that shows it): body text, table cells, flowchart nodes and edges
    ("czj/postings/2011-05-12-cai-gou.yml", "summary: 公布办公设备采购项目的中标结果。", "summary", POSTING),
    ("czj/procedures/piao-ju.yml", "  - name: 票据领购证", "material", MATTER),
    ("czj/procedures/piao-ju.yml", "    action: 审核发放票据", "step", MATTER),
    ("czj/procedures/piao-ju.yml", "      - when: 材料齐全", "branch", MATTER),
    ("czj/procedures/piao-ju.yml", "place: 测试区行政服务中心二楼", "place", MATTER),
)
KEYS = [key for _, _, key, _ in TITLED + INNER]
# A long name wraps onto more lines of a flowchart's <text>: more of those elements, nothing else.
WRAPPED = {"text"}


def elements(page: Page) -> Counter[str]:
    """Every element and attribute name on a page, counted."""
    return Counter([tag for tag, _ in page.elements] + [f"{tag}@{a}" for tag, attrs in page.elements for a in attrs])


def build(dest: Path, values: dict[str, str]) -> Path:
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    for rel, line, key, _ in TITLED + INNER:
        path = dest / "content" / rel
        text = path.read_text(encoding="utf-8")
        assert line in text, line
        field = line.split(":")[0]
        path.write_text(
            text.replace(line, f"{field}: {json.dumps(values[key], ensure_ascii=False)}", 1), encoding="utf-8"
        )
    built = pipeline.build(dest / "site_config.yml", AS_OF)
    assert not built.report.errors, built.report.render()
    return dest / "site"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Counter[str]]:
    """The elements of each page built from plain values: anything more was made by typed text."""
    site = build(tmp_path_factory.mktemp("plain") / "d", dict.fromkeys(KEYS, "甲"))
    return {page: elements(Page((site / page).read_text(encoding="utf-8"))) for *_, page in TITLED + INNER}


def shown(page: Page) -> list[str]:
    return [" ".join(t.split()) for t in page.texts]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(values=st.fixed_dictionaries(dict.fromkeys(KEYS, typed)))
def test_built_pages_show_typed_text_exactly_and_nothing_more(
    baseline: dict[str, Counter[str]], values: dict[str, str]
) -> None:
    assume(not any(list(find_numbers(v)) for v in values.values()))
    assume(not any(mark in v for v in values.values() for mark in ("密", "内部资料")))
    assume(len(set(values.values())) == len(values) and "需补正" not in values.values())
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp) / "d", values)
        pages = {rel: Page((site / rel).read_text(encoding="utf-8")) for *_, rel in TITLED + INNER}
        for _, _, key, rel in TITLED:
            assert "".join(pages[rel].title) == f"{values[key]} - 测试区政务公开", rel
            assert values[key] in shown(pages[rel]), rel
        for _, _, key, rel in INNER:
            assert any(values[key] in text for text in shown(pages[rel])), (key, rel)
        for rel, page in pages.items():
            made, lost = elements(page) - baseline[rel], baseline[rel] - elements(page)
            assert not lost, (rel, lost)
            assert all(name.split("@")[0] in WRAPPED for name in made), (rel, made)
