"""A posting's body: the safe subset is parsed and re-emitted by us; nothing typed becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.body import link_target, render_body


class Parsed(HTMLParser):
    """Tags, link targets and text of a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(body: str) -> Parsed:
    p = Parsed()
    p.feed(str(render_body(body)))
    return p


def test_paragraphs_and_single_line_breaks() -> None:
    p = parse("第一段第一行\n第一段第二行\n\n第二段")
    assert p.tags == ["p", "br", "p"]
    assert [t.strip() for t in p.text if t.strip()] == ["第一段第一行", "第一段第二行", "第二段"]


def test_lists() -> None:
    assert parse("- 甲\n- 乙").tags == ["ul", "li", "li"]
    assert parse("1. 一\n2. 二\n3、三").tags == ["ol", "li", "li", "li"]


def test_a_simple_table_keeps_its_cells() -> None:
    p = parse("| 项目 | 金额(元) |\n|---|---|\n| 粮食直补 | 7880000 |\n| 农资补贴 | 45880000 |")
    assert p.tags[:2] == ["table", "thead"] and p.tags.count("tr") == 3 and p.tags.count("td") == 4
    assert [t for t in p.text if t.strip()] == ["项目", "金额(元)", "粮食直补", "7880000", "农资补贴", "45880000"]


def test_a_ragged_table_stays_text() -> None:
    assert "table" not in parse("| a | b |\n|---|---|\n| 1 |").tags


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("https://www.juchao.gov.cn/a?b=1&c=2", True),
        ("http://example.gov.cn/", True),
        ("../hotspots/x/", True),
        ("files/公告.pdf", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("//evil.example/", False),
        ("\\\\evil\\x", False),
    ],
)
def test_links_keep_only_http_and_relative_addresses(address: str, kept: bool) -> None:
    assert (link_target(address) is not None) == kept
    p = parse(f"见[说明]({address})。")
    assert (p.links != []) == kept
    assert all(not link.lower().startswith(("javascript:", "data:", "vbscript:", "//")) for link in p.links)


@pytest.mark.parametrize(
    "nasty",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "**粗体** `代码` # 标题",
        "> 引用",
        '[x](https://a.gov.cn/" onclick="alert(1))',
    ],
)
def test_typed_markup_stays_text(nasty: str) -> None:
    p = parse(nasty)
    assert set(p.tags) <= {"p", "a"}
    assert "".join(p.text).replace("\n", "").strip() != ""
    assert all('"' not in link and " " not in link for link in p.links)
