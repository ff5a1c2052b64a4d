"""Property-based tests: arbitrary text through the loader, the validator and the renderers
never gives a traceback, never becomes markup, and a hidden item's text never reaches a public page."""

from __future__ import annotations

import dataclasses
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.audience import for_audience
from generator.content import Content
from generator.model import Posting
from generator.pages.context import Context
from generator.pages.tree import site_pages
from generator.problems import Loc, Problem
from generator.validate import build_record
from generator.yamlload import YamlError, parse_text

from .conftest import AS_OF, GOOD

MARKER = "泄露探针ZQ9"
NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[点我](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "**粗体** _斜_ `代码` # 标题",
    "1. 列表",
    "> 引用",
    "| a | b |\n|---|---|",
    '" onmouseover="alert(1)',
    "{: onclick=alert(1) }",
    "<svg onload=alert(1)>",
    "&lt;script&gt;",
    "\\",
    "\n\n",
    "<!--",
    "]]>",
]
texts = st.one_of(
    st.text(min_size=1, max_size=60),
    st.lists(
        st.sampled_from(NASTY) | st.text(alphabet="<>&\"'`*_[]()#!|:;=/\\ \n政务公开aZ1", max_size=12), min_size=1
    ).map("".join),
).filter(lambda s: s.strip() != "")

pytestmark = pytest.mark.fuzz

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Tags(HTMLParser):
    """Tag and attribute names of an HTML document, and every link target."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add(name)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                self.links.append((value or "").strip().lower())


def html_of(pages: dict[str, str]) -> Tags:
    parser = Tags()
    for text in pages.values():
        body = text.split("\n---\n", 1)[-1] if text.startswith("---\n") else text  # front matter ends at a line of ---
        parser.feed(markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html", "toc"]))
    return parser


@cache
def fixture() -> tuple[Context, Content]:
    checked = pipeline.check(GOOD / "site_config.yml", AS_OF)
    assert checked.content is not None and checked.config is not None
    return Context.of(checked.content, checked.config, AS_OF), checked.content


def fuzzed(text: str, hidden: bool) -> Content:
    """The fixture with `text` in every kind of field; with `hidden`, also an internal posting holding MARKER."""
    _, content = fixture()
    dept = content.departments[0]
    staff = tuple(dataclasses.replace(p, name=text, duties=(text,)) for p in dept.staff)
    sections = tuple(dataclasses.replace(s, name=text, authority=(text,)) for s in dept.sections)
    dept = dataclasses.replace(dept, name=text, functions=(text,), staff=staff, sections=sections, address=text)
    proc = content.procedures[0]
    steps = tuple(dataclasses.replace(s, action=text, basis=text) for s in proc.steps)
    proc = dataclasses.replace(proc, name=text, steps=steps, conditions=(text,), complaint=text)
    post = dataclasses.replace(content.postings[0], title=text, summary=text, body=text)
    postings: tuple[Posting, ...] = (post,)
    if hidden:
        secret = dataclasses.replace(
            post, id="nei-bu", title=text + MARKER, summary=MARKER, body=MARKER, audience="内部公开", exemption="内部"
        )
        postings += (secret,)
    return dataclasses.replace(content, departments=(dept,), procedures=(proc,), postings=postings)


@cache
def baseline() -> Tags:
    site, _ = fixture()
    return html_of(site_pages(site, {}))


@FUZZ
@given(st.text(max_size=300))
def test_loader_and_validator_never_raise(text: str) -> None:
    problems: list[Problem] = []
    try:
        node = parse_text(text, "x.yml")
    except YamlError as exc:
        assert exc.problem.code
        return
    build_record(Posting, node, Loc("x.yml"), problems, id="x", department="czj")
    assert all(p.zh and p.code for p in problems)


@FUZZ
@given(texts)
def test_any_field_text_stays_text(text: str) -> None:
    site, _ = fixture()
    pages = site_pages(Context.of(fuzzed(text, hidden=False), site.config, AS_OF), {})
    found = html_of(pages)
    assert "script" not in found.tags
    assert found.tags <= baseline().tags, found.tags - baseline().tags
    assert found.attrs <= baseline().attrs, found.attrs - baseline().attrs
    assert not any(link.startswith(("javascript:", "data:", "vbscript:")) for link in found.links)


@FUZZ
@given(texts)
def test_hidden_text_never_reaches_a_public_page(text: str) -> None:
    site, _ = fixture()
    content = fuzzed(text, hidden=True)
    pages = site_pages(Context.of(for_audience(content, "public"), site.config, AS_OF), {})
    assert not any(MARKER in page for page in pages.values())
    internal = site_pages(Context.of(content, site.config, AS_OF), {})
    assert any(MARKER in page for page in internal.values())


@pytest.mark.slow
@settings(max_examples=8, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6))
def test_flowcharts_lay_out_any_text(batch: list[str]) -> None:
    """Arbitrary step text in one `dot` run: every graph lays out, and the SVG holds no script."""
    site, _ = fixture()
    for n, text in enumerate(batch):
        view = Context.of(fuzzed(text, hidden=False), site.config, AS_OF)
        with tempfile.TemporaryDirectory() as cache_dir:
            svgs = pipeline.flowcharts(view.content, Path(cache_dir), pipeline.graphviz.LayoutStats())
        [svg] = svgs.values()
        parser = Tags()
        parser.feed(svg)
        assert "script" not in parser.tags and not any(a.startswith("on") for a in parser.attrs), n
        assert "foreignobject" not in parser.tags
