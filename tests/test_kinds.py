"""The kinds real district sites publish: consultations and their feedback, budgets, rectification and
pre-decision notices, past annual reports, documents with their own 索引号, fee catalogues as published and a
district's own categories.

Golden pages: the example district's page of each such item; regenerate with `make golden`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator import compliance, ledger, pipeline
from generator.cli import main
from generator.domain.pages import REPORTS, catalogue_of, category_page, page_of
from generator.model import KIND_BLOCKS, POSTING_KINDS, Posting
from generator.pages.context import Context
from generator.pages.tree import data as render_data
from generator.pages.tree import site_pages
from generator.problems import Loc, Problem
from generator.publish import publish
from generator.schema import label_of
from generator.template import KINDS, template_for
from generator.text import NOT_GIVEN
from generator.validate import build_record
from generator.yamlload import parse_text

from .conftest import AS_OF, OUTSIDE_GIT, ROOT
from .test_facts import rows_of

GOLDEN = Path(__file__).parent / "golden" / "kinds"


@pytest.fixture(scope="module")
def example() -> Context:
    checked = pipeline.check(ROOT / "site_config.yml", AS_OF)
    assert checked.content is not None and checked.config is not None
    assert not checked.report.errors, checked.report.render()
    return Context.of(checked.content, checked.config, AS_OF)


def of_kind(site: Context, kind: str) -> list[Posting]:
    return [p for p in site.postings if p.kind == kind]


def golden_pages(site: Context) -> dict[str, str]:
    """Golden file name → Markdown: every example posting of a kind with its own block, the past annual reports and
    their list, each document that keeps its own 索引号, and the fee catalogue."""
    pages = site_pages(site, {})
    wanted = [page_of(p) for p in site.postings if p.blocks()]
    wanted += [page_of(r) for r in site.content.registers.reports] + [REPORTS, "fees.md"]
    wanted += [page_of(d) for d in site.content.registers.documents if d.index_no]
    return {path.replace("/", "-"): pages[path] for path in wanted}


def test_the_example_district_uses_each_new_kind(example: Context) -> None:
    for kind in POSTING_KINDS[1:]:
        assert of_kind(example, kind), kind
    consultations = of_kind(example, "征求意见")
    assert any(p.consultation and p.consultation.feedback for p in consultations)
    assert any(p.budget and p.budget.kind == "部门预算" for p in example.postings)
    assert example.content.registers.reports
    assert any(d.index_no for d in example.content.registers.documents)
    assert any(f.standards for f in example.fees) and all(f.code for f in example.fees)
    assert all(d.first_contact for d in example.departments)


def test_kind_pages_match_golden(example: Context) -> None:
    pages = golden_pages(example)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for stale in GOLDEN.glob("*.md"):
            stale.unlink()
        for name, text in pages.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(pages), "run `make golden` and review the diff"
    for name, text in pages.items():
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), name


def table_after(page: str, heading: str) -> list[list[str]]:
    section = page[page.index(heading) :]
    end = section.find("</table>")
    return rows_of(section[: end + len("</table>")])


def test_each_kind_block_is_shown_as_typed(example: Context) -> None:
    pages = site_pages(example, {})
    for post in example.postings:
        block_key = next(iter(post.blocks()), None)
        if block_key is None:
            continue
        block = getattr(post, block_key)
        page = pages[page_of(post)]
        assert f"## {block.label}" in page
        shown = {row[0]: row[1] for row in table_after(page, f"## {block.label}") if len(row) == 2}
        for key in ("draft", "drafter", "unit", "approver", "approval_no", "matter", "applicant", "proposed"):
            value = getattr(block, key, None)
            if value:
                label = next(row for row in shown if row == _label(block, key))
                assert shown[label] == str(value)
        assert "办结日期" not in page, "a kind with dates of its own shows no completion date"


def _label(record: object, key: str) -> str:
    return label_of(type(record), key)


def test_a_consultation_reads_open_closed_then_answered(example: Context) -> None:
    post = next(p for p in of_kind(example, "征求意见") if p.consultation and p.consultation.feedback)
    c = post.consultation
    assert c is not None and c.feedback is not None
    for day, state in (
        (c.opens, "征求意见中"),
        (c.closes + dt.timedelta(days=1), "征求意见已结束"),
        (c.feedback.published, "已反馈"),
    ):
        page = site_pages(Context.of(example.content, example.config, day), {})[page_of(post)]
        assert f'<span class="dz-state">{state}</span>' in page, (day, state)
    closed = site_pages(Context.of(example.content, example.config, c.closes + dt.timedelta(days=1)), {})
    assert "意见采纳情况尚未公开" in closed[page_of(post)]
    assert str(c.feedback.received) not in table_after(closed[page_of(post)], "## 征求意见")[0]


def test_open_data_carries_the_kinds_as_columns(example: Context) -> None:
    files = render_data(example)
    rows = list(csv.DictReader(io.StringIO(files["data/hotspots.csv"].lstrip("\ufeff"))))
    by_id = {r["id"]: r for r in rows}
    for post in example.postings:
        row = by_id[post.id]
        if post.consultation:
            assert row["consultation.draft"] == post.consultation.draft
            assert row["consultation.closes"] == post.consultation.closes.isoformat()
        if post.budget:
            assert row["budget.approved"] == post.budget.approved.isoformat()
            assert row["budget.kind"] == post.budget.kind
        if post.proposal:
            assert row["proposal.authority"] == post.proposal.authority
    data = json.loads(files["data/hotspots.json"])
    jsonschema.validate(data, json.loads(files["data/hotspots.schema.json"]))
    reports = json.loads(files["data/annual-reports.json"])
    jsonschema.validate(reports, json.loads(files["data/annual-reports.schema.json"]))
    assert [r["year"] for r in reports] == [r.year for r in example.content.registers.reports]


def test_the_fee_catalogue_keeps_codes_and_several_standards_in_one_row(example: Context) -> None:
    page = site_pages(example, {})["fees.md"]
    fee = next(f for f in example.fees if f.standards)
    row = next(r for r in rows_of(page) if fee.name in r)
    assert row[0] == fee.code
    for s in fee.standards:
        assert f"{s.applies} {s.amount} 元/{s.unit or fee.unit}" in row[3]


def write(project: Path, rel: str, text: str) -> Path:
    path = project.parent / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_fee_whose_standard_is_not_published_reads_unpublished_never_zero(project: Path) -> None:
    fees = project.parent / "content" / "fees.yml"
    fees.write_text(fees.read_text(encoding="utf-8").replace("    standard: 5-20\n", ""), encoding="utf-8")
    checked = pipeline.check(project, AS_OF)
    assert [p.code for p in checked.report.problems if p.code != OUTSIDE_GIT] == ["fee-standard-unpublished"]
    assert checked.content is not None and checked.config is not None
    pages = site_pages(Context.of(checked.content, checked.config, AS_OF), {})
    row = next(r for r in rows_of(pages["fees.md"]) if "行政事业性收费票据工本费" in r)
    assert row[2] == row[3] == "未公布"
    for page in (pages["fees.md"], pages["matters/czj-piao-ju.md"]):
        assert "0 元" not in page and "未公布" in page


CATEGORIES = """categories:
  - name: 政府采购
  - name: 环境影响评价
    important: 是
    days: 5
    unit: 工作日
    basis: 本区标准目录
    time_limit: 受理后5个工作日内
    channels: [政府网站, 社区/企事业单位/村公示栏（电子屏）]
"""


def test_a_districts_own_categories_replace_the_twelve(project: Path) -> None:
    project.write_text(project.read_text(encoding="utf-8") + CATEGORIES, encoding="utf-8")
    write(
        project,
        "czj/postings/2011-06-01-huan-ping.yml",
        """title: 测试区某项目环境影响报告表审批结果公告
category: 环境影响评价
summary: 某项目环境影响报告表审批结果。
completed: 2011-06-01
published: 2011-06-13
""",
    )
    checked = pipeline.check(project, AS_OF)
    late = [p for p in checked.report.problems if p.code == "late"]
    assert [p.loc.line for p in late] == [5]
    assert "办结日期 2011-06-01 + 5 个工作日" in late[0].zh and "依据：本区标准目录" in late[0].zh
    assert checked.content is not None and checked.config is not None
    site = Context.of(checked.content, checked.config, AS_OF)
    pages = site_pages(site, {})
    assert category_page("环境影响评价", checked.config.category_names) == "hotspots/categories/c02.md"
    assert "环境影响评价" in pages["hotspots/categories/c02.md"]
    catalogue = pages[catalogue_of(checked.content.departments[0])]
    row = next(r for r in rows_of(catalogue) if "环境影响报告表" in r[1])
    assert "受理后5个工作日内" in row and "政府网站、社区/企事业单位/村公示栏（电子屏）" in row


def test_a_posting_may_not_borrow_a_category_the_district_does_not_have(project: Path) -> None:
    project.write_text(project.read_text(encoding="utf-8") + CATEGORIES, encoding="utf-8")
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8").replace("category: 政府采购", "category: 重大决策"), encoding="utf-8"
    )
    problems = pipeline.check(project, AS_OF).report.problems
    choice = next(p for p in problems if p.code == "choice")
    assert "政府采购、环境影响评价" in choice.zh and choice.loc.line == 2


def test_feedback_overdue_is_counted_in_the_compliance_report(project: Path) -> None:
    write(
        project,
        "czj/postings/2011-09-01-yang-quan.yml",
        """title: 《测试区城区养犬管理办法（征求意见稿）》公开征求意见
category: 群众切身利益事项
summary: 就城区养犬管理办法征求意见稿公开征求意见。
published: 2011-09-01
consultation:
  draft: 《测试区城区养犬管理办法（征求意见稿）》
  drafter: 测试区公安分局
  opens: 2011-09-01
  closes: 2011-09-30
  channels:
    - 信函：寄至测试区人民路1号区政府法制办
""",
    )
    checked = pipeline.check(project, AS_OF)
    overdue = [p for p in checked.report.problems if p.code == "feedback-overdue"]
    assert len(overdue) == 1
    assert "征求意见截止日期 2011-09-30 + 30 日 = 最迟反馈日期 2011-10-30" in overdue[0].zh
    assert "已逾期 62 日" in overdue[0].zh
    assert checked.content is not None and checked.config is not None
    figures = compliance.compute(checked.content, checked.config, checked.report.problems, AS_OF)
    assert figures.district.feedback_overdue == 1
    assert next(f for f in figures.departments if f.id == "czj").feedback_overdue == 1


def test_a_budget_deadline_counts_from_its_approval(project: Path) -> None:
    write(
        project,
        "czj/postings/2011-04-20-yu-suan.yml",
        """title: 测试区财政局2011年部门预算
category: 重大决策
summary: 区财政局2011年部门预算。
published: 2011-04-20
budget:
  kind: 部门预算
  unit: 测试区财政局
  year: 2011
  approver: 测试区财政局
  approved: 2011-03-04
  explanation: 部门预算说明。
attachments:
  - title: 部门预算表
    path: tables/yu-suan.xlsx
""",
    )
    late = [p for p in pipeline.check(project, AS_OF).report.problems if p.code == "late"]
    assert len(late) == 1
    assert "批复日期 2011-03-04 + 20 日 = 最迟公开日期 2011-03-24，实际公开日期 2011-04-20，逾期 27 日" in late[0].zh
    assert late[0].zh.startswith("部门预算批复后 20 日内必须公开")


def test_an_inspection_approved_by_the_bureau_itself_is_not_approved(project: Path) -> None:
    district = project.parent / "content" / "district.yml"
    text = district.read_text(encoding="utf-8")
    assert "jiufeng_office: 测试区纠正行业不正之风办公室" in text
    district.write_text(text.replace("jiufeng_office: 测试区纠正行业不正之风办公室\n", ""), encoding="utf-8")
    case = (ROOT / "tests" / "cases" / "inspection_approved_by_own_bureau.yml").read_text(encoding="utf-8")
    write(
        project,
        "czj/inspections/x.yml",
        case.replace("approved_by: 测试区财政局", "approved_by: 测试区纠正行业不正之风办公室"),
    )
    found = [p for p in pipeline.check(project, AS_OF).report.problems if p.code == "inspection-approver"]
    assert len(found) == 1 and "jiufeng_office" in found[0].zh


@pytest.mark.parametrize("kind", [k for k, v in KINDS.items() if v.cls is Posting and v.title])
def test_each_kinds_template_has_its_block_and_none_of_the_others(kind: str) -> None:
    text = template_for(kind)
    block = next(b for b, name in KIND_BLOCKS.items() if name == KINDS[kind].title)
    assert re.search(rf"^{block}:$", text, re.M)
    for other in set(KIND_BLOCKS) - {block}:
        assert not re.search(rf"^#? *{other}:", text, re.M)
    assert not re.search(r"^completed:", text, re.M) and not re.search(r"^licences:", text, re.M)
    problems: list[Problem] = []
    build_record(Posting, parse_text(text, f"{kind}.yml"), Loc(f"{kind}.yml"), problems)
    assert not [p for p in problems if p.code == "unknown-field"]


def test_the_posting_template_shows_every_kind_block_commented_out() -> None:
    text = template_for("posting")
    for block in KIND_BLOCKS:
        assert re.search(rf"^# {block}:$", text, re.M) and not re.search(rf"^{block}:", text, re.M)
    assert "disclose new consultation" in text.splitlines()[1]


def test_new_creates_a_consultation_file(project: Path) -> None:
    args = ["new", "consultation", "--config", str(project), "--department", "czj"]
    result = CliRunner().invoke(main, [*args, "--title", "养犬管理办法征求意见", "--date", "2011-09-01"])
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip())
    assert path.parent == project.parent / "content" / "czj" / "postings"
    assert "consultation:" in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_ledger_keeps_a_documents_own_index_number(project: Path, tmp_path: Path) -> None:
    doc = write(
        project,
        "czj/documents/piao-ju-ban-fa.yml",
        (ROOT / "tests" / "cases" / "document_index_number_kept_as_written_is_fine.yml").read_text(encoding="utf-8"),
    )
    to = tmp_path / "www"
    first = publish(project, to, dt.date.today())
    assert first.release is not None, first.report.render()
    numbers = ledger.read(to / ledger.LEDGER).index_numbers()
    assert numbers["document:czj/piao-ju-ban-fa"] == "003205120/2011-00007"
    page = (to / "current" / "registers" / "documents" / "czj-piao-ju-ban-fa" / "index.html").read_text("utf-8")
    assert "003205120/2011-00007" in page
    doc.write_text(doc.read_text(encoding="utf-8").replace("2011-00007", "2011-00008"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(project), "--ledger", str(to / ledger.LEDGER)])
    assert result.exit_code == 1 and "index-number-changed" in result.output


def test_not_given_marks_an_unfinished_rectification(example: Context) -> None:
    pages = site_pages(example, {})
    post = of_kind(example, "整改公示")[0]
    assert post.rectification is not None
    page = pages[page_of(post)]
    for item in post.rectification.items:
        assert item.problem in page and item.status in page
        if item.result is None:
            assert NOT_GIVEN in page


def test_copying_the_example_checks_clean(tmp_path: Path) -> None:
    dest = tmp_path / "example"
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copy(ROOT / "site_config.yml", dest / "site_config.yml")
    found = [p for p in pipeline.check(dest / "site_config.yml", AS_OF).report.problems if p.code != OUTSIDE_GIT]
    assert not [p for p in found if p.severity == "error"], [p.zh for p in found]


EXAMPLE_PAGES = {
    "consultation": "hotspots/fzb-2011-11-21-zheng-qiu-yi-jian/",
    "consultation-shortened": "hotspots/qzfb-2011-11-01-dong-chun-shui-li-zheng-qiu-yi-jian/",
    "budget": "hotspots/tjj-2011-03-18-2011-nian-bu-men-yu-suan/",
    "rectification": "hotspots/sjj-2011-12-16-yu-suan-zhi-xing-shen-ji-gong-gao/",
    "proposal": "hotspots/zjj-2011-07-08-hong-yuan-jian-cai-gui-hua-pi-qian-gong-shi/",
    "report": "registers/reports/2010/",
    "reports": "registers/reports/",
    "example-fees": "fees/",
    "example-department": "departments/czj/",
    "example-catalogue": "catalogue/tjj/",
}


@pytest.mark.slow
def test_the_kinds_pages_fit_a_phone_and_a_laptop(example_site: Path, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .browser import chromium, serving
    from .conftest import SCREENSHOTS
    from .test_phone import CELL_WIDTHS, SIZES

    shots = Path(os.environ.get(SCREENSHOTS) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with serving(example_site) as url, chromium() as browser:
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for kind, path in EXAMPLE_PAGES.items():
                page.goto(url + path)
                page.screenshot(path=str(shots / f"{kind}-{size}.png"), full_page=True)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (kind, size)
                narrow = [(t, round(w, 2)) for t, w in page.evaluate(CELL_WIDTHS) if w < 2]
                assert narrow == [], (kind, size, narrow)
                bad = [
                    (v["id"], [n["target"] for n in v["nodes"]])
                    for v in Axe().run(page).response["violations"]
                    if v["impact"] in ("serious", "critical")
                ]
                assert bad == [], (kind, size, bad)
            page.close()
    report = (example_site / "registers" / "reports" / "2010" / "index.html").read_text(encoding="utf-8")
    pdf = re.search(r'href="([^"]+2010-nian-du-bao-gao\.pdf)"', report)
    assert pdf is not None
    served = (example_site / "registers" / "reports" / "2010" / pdf.group(1)).resolve()
    assert (
        served.read_bytes() == (ROOT / "content" / "annual-reports" / "files" / "2010-nian-du-bao-gao.pdf").read_bytes()
    )
