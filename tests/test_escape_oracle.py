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
FIELDS = (
    ("czj/department.yml", "name: 测试区财政局", "dept", "departments/czj/index.html"),
    ("czj/procedures/piao-ju.yml", "name: 行政事业性收费票据领购", "matter", "matters/czj-piao-ju/index.html"),
    (
        "czj/postings/2011-05-12-cai-gou.yml",
        "title: 测试区2011年办公设备政府采购中标公告",
        "posting",
        "hotspots/czj-2011-05-12-cai-gou/index.html",
    ),
)
# A long name wraps onto more lines of a flowchart's <text>: more of those elements, nothing else.
WRAPPED = {"text"}
SUMMARY = ("czj/postings/2011-05-12-cai-gou.yml", "summary: 公布办公设备采购项目的中标结果。")


def elements(page: Page) -> Counter[str]:
    """Every element and attribute name on a page, counted."""
    return Counter([tag for tag, _ in page.elements] + [f"{tag}@{a}" for tag, attrs in page.elements for a in attrs])


def build(dest: Path, values: dict[str, str]) -> Path:
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    for (rel, line, key, _), (srel, sline) in zip(FIELDS, [SUMMARY] * len(FIELDS), strict=True):
        path = dest / "content" / rel
        text = path.read_text(encoding="utf-8")
        field = line.split(":")[0]
        text = text.replace(line, f"{field}: {json.dumps(values[key], ensure_ascii=False)}", 1)
        if rel == srel:
            text = text.replace(sline, f"summary: {json.dumps(values['summary'], ensure_ascii=False)}", 1)
        path.write_text(text, encoding="utf-8")
    built = pipeline.build(dest / "site_config.yml", AS_OF)
    assert not built.checked.report.errors, built.checked.report.render()
    return dest / "site"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Counter[str]]:
    """The elements of each page built from plain values: anything more was made by typed text."""
    site = build(tmp_path_factory.mktemp("plain") / "d", dict.fromkeys(("dept", "matter", "posting", "summary"), "甲"))
    return {page: elements(Page((site / page).read_text(encoding="utf-8"))) for *_, page in FIELDS}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(dept=typed, matter=typed, posting=typed, summary=typed)
def test_built_pages_show_typed_text_exactly_and_nothing_more(
    baseline: dict[str, Counter[str]], dept: str, matter: str, posting: str, summary: str
) -> None:
    values = {"dept": dept, "matter": matter, "posting": posting, "summary": summary}
    assume(not any(list(find_numbers(v)) for v in values.values()))
    assume(not any(mark in v for v in values.values() for mark in ("密", "内部资料")))
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp) / "d", values)
        for _, _, key, rel in FIELDS:
            page = Page((site / rel).read_text(encoding="utf-8"))
            assert "".join(page.title) == f"{values[key]} - 测试区政务公开", rel
            shown = [" ".join(t.split()) for t in page.texts]
            assert values[key] in shown, rel
            made, lost = elements(page) - baseline[rel], baseline[rel] - elements(page)
            assert not lost, (rel, lost)
            assert all(name.split("@")[0] in WRAPPED for name in made), (rel, made)
        post = Page((site / FIELDS[2][3]).read_text(encoding="utf-8"))
        assert summary in [" ".join(t.split()) for t in post.texts]
