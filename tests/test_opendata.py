"""Open data, the 公开目录 numbering and the search dictionary, from the fixture district (no build)."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.audience import for_audience
from generator.domain.pages import file_url, md_to_url, relative_url
from generator.pages import lists
from generator.pages.context import Context
from generator.pages.tree import data as data_files
from generator.pages.tree import site_pages
from generator.search import pieces
from generator.text import FORMULA_START, spreadsheet_cell

from .conftest import AS_OF

ATOM = "{http://www.w3.org/2005/Atom}"


def view_of(config_file: Path) -> Context:
    """The public build's view of a district, filtered as the pipeline filters it."""
    checked = pipeline.check(config_file, AS_OF)
    assert not checked.report.errors and checked.content and checked.config
    return Context.of(for_audience(checked.content, "public"), checked.config, AS_OF)


def test_every_json_file_matches_its_schema(project: Path) -> None:
    files = data_files(view_of(project))
    names = sorted(p.removesuffix(".schema.json") for p in files if p.endswith(".schema.json"))
    assert names == ["data/departments", "data/fees", "data/hotspots", "data/matters"]
    for name in names:
        schema = json.loads(files[f"{name}.schema.json"])
        data = json.loads(files[f"{name}.json"])
        assert data, name
        jsonschema.validate(data, schema)
        item = dict(data[0], unexpected="x")
        try:
            jsonschema.validate([item], schema)
        except jsonschema.ValidationError:
            pass
        else:
            raise AssertionError(f"{name}.schema.json accepts unknown fields")


def test_json_carries_nested_records_and_page_urls(project: Path) -> None:
    files = data_files(view_of(project))
    matter = next(m for m in json.loads(files["data/matters.json"]) if m["id"] == "piao-ju")
    assert matter["id"] == "piao-ju" and matter["department"] == "czj"
    assert matter["url"] == "https://example.gov.cn/zwgk/matters/czj-piao-ju/"
    assert [s["id"] for s in matter["steps"]] == ["accept", "complete", "notify", "approve"]
    assert matter["basis"] == [{"law": "《财政票据管理办法》", "article": "第十八条"}]


def test_csv_has_a_header_and_one_row_per_item(project: Path) -> None:
    files = data_files(view_of(project))
    text = files["data/hotspots.csv"]
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 1
    assert rows[0]["title"] == "测试区2011年办公设备政府采购中标公告"
    assert rows[0]["published"] == "2011-05-16" and rows[0]["department"] == "czj"
    depts = list(csv.DictReader(io.StringIO(files["data/departments.csv"].removeprefix("\ufeff"))))
    assert depts[0]["functions"] == "贯彻执行财税方针政策，拟订全区财政发展规划。;管理全区政府采购工作。"
    assert "staff" not in depts[0]  # nested records are in the JSON only


def test_feed_lists_published_postings_with_their_publication_date(project: Path) -> None:
    posting = project.parent / "content" / "czj" / "postings" / "2011-06-01-ban-zheng.yml"
    posting.write_text(
        "title: 未公开的事项\ncategory: 办证办照\nimportance: 一般事项\nimportance_reason: 证照延续，不是新办\n"
        "importance_approver: 局长\nsummary: 尚未公开。\ncompleted: 2011-06-01\n",
        encoding="utf-8",
    )
    feed = ET.fromstring(data_files(view_of(project))["data/hotspots.atom.xml"])
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["测试区2011年办公设备政府采购中标公告"]
    assert entries[0].findtext(f"{ATOM}published") == "2011-05-16T00:00:00+08:00"
    assert feed.findtext(f"{ATOM}updated") == "2011-05-16T00:00:00+08:00"
    generator = feed.find(f"{ATOM}generator")
    assert generator is not None and "uri" not in generator.attrib  # no link to another host


def test_items_not_for_the_whole_public_are_left_out(project: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8") + "audience: 内部公开\nexemption: 《政府信息公开条例》第十六条\n",
        encoding="utf-8",
    )
    view = view_of(project)
    files = data_files(view)
    assert json.loads(files["data/hotspots.json"]) == []
    assert "中标公告" not in files["data/hotspots.atom.xml"]
    assert view.postings == ()


def test_index_numbers_are_per_department_and_year(project: Path) -> None:
    folder = project.parent / "content" / "czj" / "postings"
    original = (folder / "2011-05-12-cai-gou.yml").read_text(encoding="utf-8")
    (folder / "2011-04-01-earlier.yml").write_text(
        original.replace("2011-05-12", "2011-04-01").replace("2011-05-16", "2011-04-02"), encoding="utf-8"
    )
    view = view_of(project)
    numbers = {p.id: view.index_no(p) for p in view.postings}
    assert numbers == {"2011-04-01-earlier": "czj/2011-00001", "2011-05-12-cai-gou": "czj/2011-00002"}
    assert view.index_no(view.procedures[0]) == "czj/BS-001"
    assert view.index_no(view.departments[0]) == "czj/ZZ"


def test_long_lists_are_split_into_pages_that_together_list_everything(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "PAGE_ROWS", 1)
    postings = project.parent / "content" / "czj" / "postings"
    first = (postings / "2011-05-12-cai-gou.yml").read_text(encoding="utf-8")
    (postings / "2011-05-13-cai-gou.yml").write_text(first.replace("title: ", "title: 第二批", 1), encoding="utf-8")
    view = view_of(project)
    assert len(view.postings) == 2
    pages = site_pages(view, {})
    listed = sorted(p for p in pages if p.startswith("catalogue/czj"))
    assert listed == ["catalogue/czj.md", "catalogue/czj/2.md"]
    for post in view.postings:
        assert sum(f">{post.title}</a>" in pages[p] for p in listed) == 1, post.title
    assert '<a href="2/">2</a>' in pages["catalogue/czj.md"] and '<a href="../">1</a>' in pages["catalogue/czj/2.md"]
    assert "行政事业性收费票据领购" in pages["catalogue/czj.md"]  # the matters, on the first page only
    assert "行政事业性收费票据领购" not in pages["catalogue/czj/2.md"]
    category = [p for p in pages if p.startswith("hotspots/categories/")]
    assert sum(f">{post.title}</a>" in pages[p] for p in category for post in view.postings) == len(view.postings)


def test_title_pieces_let_a_part_of_a_long_word_match() -> None:
    assert pieces("行政事业性收费目录").split() == ["行政", "政事", "事业", "业性", "性收", "收费", "费目", "目录"]
    assert pieces("收费") == ""  # two characters are a word already
    assert "施工" in pieces("建筑工程施工许可证(2011)核发").split()


@pytest.mark.fuzz
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "index"]), max_size=3),
    st.lists(st.sampled_from(["a", "b", "c", "index"]), max_size=3),
)
def test_page_links_agree_with_relpath(target: list[str], current: list[str]) -> None:
    """Links are computed without the file system, exactly as posixpath.relpath would."""
    t, c = "/".join([*target, "p"]) + ".md", "/".join([*current, "q"]) + ".md"
    here = md_to_url(c) or "."
    expected = posixpath.relpath(md_to_url(t) or ".", here)
    assert relative_url(t, c) == ("./" if expected == "." else expected + "/")
    assert file_url("data/x.json", c) == posixpath.relpath("data/x.json", here)


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x.example/","点此")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"]
)
def test_csv_cells_never_start_a_formula_and_json_keeps_them_as_typed(project: Path, typed: str) -> None:
    posting = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = posting.read_text(encoding="utf-8").replace(
        "title: 测试区2011年办公设备政府采购中标公告", f"title: {json.dumps(typed, ensure_ascii=False)}"
    )
    posting.write_text(text, encoding="utf-8")
    files = data_files(view_of(project))
    (row,) = csv.reader(io.StringIO(files["data/hotspots.csv"].removeprefix("\ufeff").split("\r\n", 1)[1]))
    assert "'" + typed in row
    assert not any(cell.startswith(FORMULA_START) for cell in row)
    assert json.loads(files["data/hotspots.json"])[0]["title"] == typed


def test_tab_at_the_start_of_a_cell_is_neutralised() -> None:
    assert spreadsheet_cell("\t=1") == "'\t=1"
    assert spreadsheet_cell("公告 =1") == "公告 =1"
