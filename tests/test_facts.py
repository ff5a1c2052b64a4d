"""Nothing invented: what a clerk did not give is shown as not given, never as a guess."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import pytest

from generator import pipeline
from generator.domain.pages import attachment_of, page_of
from generator.model import Department, MatterType, Procedure, files_of
from generator.pages.context import Context
from generator.pages.tree import attachment_files, site_pages
from generator.pages.tree import data as data_files
from generator.problems import Problem
from generator.template import template_for
from generator.text import NOT_GIVEN

from .conftest import AS_OF, GOOD, ROOT


class Cells(HTMLParser):
    """The text of every table row on a page, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rows_of(page: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(page)
    return parser.rows


@pytest.fixture(scope="module")
def view() -> Context:
    checked = pipeline.check(GOOD / "site_config.yml", AS_OF)
    assert checked.content is not None and checked.config is not None
    return Context.of(checked.content, checked.config, AS_OF)


def page_with(view: Context, proc: Procedure) -> str:
    content = dataclasses.replace(view.content, procedures=(proc,))
    return site_pages(Context.of(content, view.config, AS_OF), {})[page_of(proc)]


def test_a_material_without_form_copies_or_source_shows_them_as_not_given(view: Context) -> None:
    proc = view.procedures[0]
    material = dataclasses.replace(proc.materials[0], form=None, copies=None, source=None)
    page = page_with(view, dataclasses.replace(proc, materials=(material,)))
    row = next(r for r in rows_of(page) if material.name in r)
    assert row[2:5] == [NOT_GIVEN, NOT_GIVEN, NOT_GIVEN]
    assert "申请人自备" not in page and "原件" not in row


def test_a_material_with_its_facts_shows_them(view: Context) -> None:
    proc = view.procedures[0]
    material = dataclasses.replace(proc.materials[0], form="复印件", copies=2, source="发证机关")
    page = page_with(view, dataclasses.replace(proc, materials=(material,)))
    assert next(r for r in rows_of(page) if material.name in r)[2:5] == ["复印件", "2", "发证机关"]


def test_charged_without_a_published_standard_is_never_shown_as_free(view: Context) -> None:
    proc = view.procedures[0]
    steps = tuple(dataclasses.replace(s, fee=None) for s in proc.steps)
    page = page_with(view, dataclasses.replace(proc, charged="收费", fees=(), steps=steps))
    assert "收费标准和依据未公布" in page
    assert "不收费" not in page


def test_not_charged_says_so(view: Context) -> None:
    proc = view.procedures[0]
    steps = tuple(dataclasses.replace(s, fee=None) for s in proc.steps)
    page = page_with(view, dataclasses.replace(proc, charged="不收费", fees=(), steps=steps))
    assert "本事项不收费" in page


def test_a_statutory_limit_not_given_is_not_shown_as_none(view: Context) -> None:
    page = page_with(view, dataclasses.replace(view.procedures[0], statutory_days=None))
    assert ["法定时限", NOT_GIVEN] in rows_of(page)


def test_the_procedure_template_leaves_choices_blank_and_marks_samples() -> None:
    text = template_for("procedure")
    assert re.search(r"^charged: *$", text, re.M), "whether a matter charges is the clerk's to state"
    assert re.search(r"^name: 〔示例〕", text, re.M)
    assert re.search(r"^ +copies: *$", text, re.M), "a number of copies is never pre-filled"


EXAMPLE = ROOT / "site_config.yml"


@pytest.fixture(scope="module")
def example() -> Context:
    checked = pipeline.check(EXAMPLE, AS_OF)
    assert checked.content is not None and checked.config is not None
    assert not checked.report.errors, checked.report.render()
    return Context.of(checked.content, checked.config, AS_OF)


def test_service_guide_elements_are_on_the_guide_page(example: Context) -> None:
    proc = next(p for p in example.procedures if p.code)
    page = site_pages(example, {})[page_of(proc)]
    rows = rows_of(page)
    assert ["实施编码", proc.code] in rows
    assert ["行使层级", "、".join(proc.level)] in rows
    assert ["办件类型", proc.handling] in rows
    assert ["到办事现场次数", f"{proc.visits} 次"] in rows
    assert proc.result and proc.result_sample
    assert ["结果名称", f"{proc.result}（{proc.result_sample.title}）"] in rows
    relieved = next(m for m in proc.materials if m.relief)
    assert next(r for r in rows if relieved.name in r)[5] == relieved.relief
    form = next(m for m in proc.materials if m.blank and m.sample)
    assert form.blank and form.sample
    assert next(r for r in rows if form.name in r)[6] == f"{form.blank.title}、{form.sample.title}"
    for att in (form.blank, form.sample, proc.result_sample):
        assert f"download>{att.title}</a>" in page
    timed = next(s for s in proc.steps if s.hours is not None)
    assert f"时限 {timed.hours} 小时" in page and f"审核标准：{timed.standard}" in page


def test_a_matters_forms_are_published_beside_it(example: Context) -> None:
    proc = next(p for p in example.procedures if p.result_sample)
    published = attachment_files(example)
    for att in files_of(proc):
        docs_path = attachment_of(proc, att)
        assert published[docs_path].is_file()
        assert docs_path.startswith(f"attachments/{proc.department}/matters/{proc.id}/")


def test_service_guide_elements_are_in_matters_json(example: Context) -> None:
    matters = json.loads(data_files(example)["data/matters.json"])
    entry = next(m for m in matters if m.get("code"))
    proc = next(p for p in example.procedures if p.code == entry["code"])
    assert entry["level"] == list(proc.level)
    assert (entry["handling"], entry["visits"], entry["result"]) == (proc.handling, proc.visits, proc.result)
    assert entry["result_sample"]["path"] == proc.result_sample.path if proc.result_sample else False
    assert any(m.get("relief") for m in entry["materials"])
    assert any(s.get("hours") is not None and s.get("standard") for s in entry["steps"])


def test_every_power_type_is_accepted() -> None:
    types = get_args(MatterType)
    for kind in (
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政征收",
        "行政给付",
        "行政检查",
        "行政确认",
        "行政奖励",
        "行政裁决",
        "其他行政权力",
        "公共服务",
    ):
        assert kind in types


def meta_rows(page: str) -> dict[str, str]:
    """The 公开目录信息 table of an item page as label → text."""
    block = page[page.index("## 公开目录信息") :]
    return {row[0]: row[1] for row in rows_of(block) if len(row) == 2}


def test_every_item_page_carries_its_catalogue_metadata(example: Context) -> None:
    pages = site_pages(example, {})
    items = [*example.departments, *example.procedures, *example.postings]
    for item in items:
        meta = meta_rows(pages[page_of(item)])
        subject = item.name if isinstance(item, Department) else example.dept_name(item.department)
        assert meta["公开主体"] == subject
        assert meta["公开时限"] == item.time_limit
        assert meta["公开渠道和载体"] == "、".join(item.channels_shown)
        assert (meta["公开对象"], meta["公开方式"]) == (item.audience, item.mode)


def test_a_channel_named_other_shows_the_clerks_words(example: Context) -> None:
    post = next(p for p in example.postings if p.channel_other)
    meta = meta_rows(site_pages(example, {})[page_of(post)])
    assert f"其他（{post.channel_other}）" in meta["公开渠道和载体"].split("、")


def test_preconditions_are_on_the_guide_page(example: Context) -> None:
    proc = next(p for p in example.procedures if p.preconditions)
    page = site_pages(example, {})[page_of(proc)]
    block = page[page.index("## 前置条件") : page.index("## 申请材料")]
    for c in proc.preconditions:
        assert c in block


def messages_for(project: Path, edit: tuple[str, str]) -> list[Problem]:
    proc = project.parent / "content" / "czj" / "procedures" / "piao-ju.yml"
    proc.write_text(proc.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    return [p for p in pipeline.check(project, AS_OF).report.problems if p.severity == "error"]


def test_a_misspelt_type_gets_the_nearest_accepted_one(project: Path) -> None:
    (found,) = messages_for(project, ("type: 其他审批", "type: 行政审批"))
    assert found.code == "choice" and "是不是“行政许可”？" in found.zh and "“行政许可”" in found.en


def test_a_limit_in_hours_written_as_days_names_the_unit_and_hours(project: Path) -> None:
    (found,) = messages_for(project, ("    days: 1\n", "    days: 4小时\n"))
    assert found.code == "type" and "单位是工作日" in found.zh and "hours: 4" in found.zh


def test_a_limit_in_words_says_to_write_the_number_of_working_days(project: Path) -> None:
    (found,) = messages_for(project, ("promised_days: 3", "promised_days: 3个工作日"))
    assert "填 5" in found.zh and "不要换算" in found.zh


def test_a_colon_in_a_value_says_to_quote_it(project: Path) -> None:
    (found,) = messages_for(project, ("action: 受理申请", "action: 受理: 审核申请表"))
    assert found.code == "yaml-colon-in-value" and "双引号" in found.zh


def test_a_quoted_colon_is_kept_as_typed(project: Path) -> None:
    assert messages_for(project, ("action: 受理申请", 'action: "受理: 审核申请表"')) == []
    checked = pipeline.check(project, AS_OF)
    assert checked.content is not None
    assert checked.content.procedures[0].steps[0].action == "受理: 审核申请表"
