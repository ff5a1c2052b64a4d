"""One truth per fact: what the 依申请公开 guide and the 公开指南 say comes from one place, and a guide that says
otherwise fails `check` at its line; a matter's text says nothing about charges that its fee rows contradict."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator import codes, pipeline
from generator.pages.context import Context
from generator.pages.tree import site_pages

from .conftest import AS_OF, GOOD, ROOT

GUIDE = "qzfb/procedures/zheng-fu-xin-xi-yi-shen-qing-gong-kai.yml"
ASKED = "  - 申请公开的信息属于"
SAID = re.compile(r'<p class="(dz-answer-limit|dz-request-fees|dz-remedies)">(.*?)</p>', re.S)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example district; returns its site_config.yml."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    return tmp_path / "site_config.yml"


def found(config: Path, code: str, as_of: dt.date = AS_OF) -> list[tuple[str, int]]:
    report = pipeline.check(config, as_of).report
    return [(p.loc.file, p.loc.line) for p in report.problems if p.code == code]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_example_states_each_fact_once() -> None:
    report = pipeline.check(ROOT / "site_config.yml", AS_OF).report
    said = {codes.ON_REQUEST_CONTRADICTION, codes.FEE_TEXT_CONTRADICTION, codes.UNKNOWN_MATTER}
    assert [p for p in report.problems if p.code in said] == []


@pytest.mark.parametrize(
    ("typed", "written", "at"),
    [
        ("promised_days: 10", "statutory_days: 20\npromised_days: 10", "statutory_days:"),  # 2019's period in 2011
        ("phone: 0551-82321010", "phone: 0551-82321011", "phone:"),
        ("hours: 周一至周五 8:30-12:00, 14:30-17:30", "hours: 周一至周五 9:00-17:00", "hours:"),
        ("place: 居巢区人民路108号区行政中心二楼", "place: 居巢区巢湖中路66号行政服务中心", "place:"),
        ("10个工作日内答复", "12个工作日内答复", "requirements:"),
        (ASKED, "  - 对答复不服的，可以向巢湖市人民政府申请行政复议\n" + ASKED, "requirements:"),
        (ASKED, "  - 对答复不服的，可以向合肥市中级人民法院提起行政诉讼\n" + ASKED, "requirements:"),
        (ASKED, "  - 需要延长答复期限的，延长的期限不超过30个工作日\n" + ASKED, "requirements:"),
    ],
    ids=["answer-period", "phone", "hours", "place", "promise-in-text", "review-body", "court", "extension"],
)
def test_a_fact_the_guide_states_otherwise_fails_check_at_its_line(
    example: Path, typed: str, written: str, at: str
) -> None:
    guide = example.parent / "content" / GUIDE
    text = guide.read_text(encoding="utf-8")
    assert typed in text
    guide.write_text(text.replace(typed, written, 1), encoding="utf-8")
    assert found(example, codes.ON_REQUEST_CONTRADICTION) == [(f"content/{GUIDE}", line_of(guide, at))]
    assert pipeline.check(example, AS_OF).report.exit_code == 1


def test_the_facts_come_from_district_yml_into_both_pages(example: Path) -> None:
    """Changing the review body in district.yml changes it on both pages, and nothing else states it."""
    district = example.parent / "content" / "district.yml"
    district.write_text(
        district.read_text(encoding="utf-8").replace("review_body: 居巢区人民政府", "review_body: 巢湖市人民政府"),
        encoding="utf-8",
    )
    pages = rendered(example, AS_OF)
    assert said(pages, "guide.md") == said(pages, "matters/qzfb-zheng-fu-xin-xi-yi-shen-qing-gong-kai.md")
    assert "向巢湖市人民政府申请行政复议" in said(pages, "guide.md")["dz-remedies"]
    assert found(example, codes.ON_REQUEST_CONTRADICTION) == []


@pytest.mark.parametrize(("as_of", "days"), [(AS_OF, 15), (dt.date(2024, 6, 3), 20)])
def test_the_answer_period_is_the_regulations_in_force_on_both_pages(as_of: dt.date, days: int) -> None:
    pages = rendered(GOOD / "site_config.yml", as_of)
    guide, matter = said(pages, "guide.md"), said(pages, "matters/czj-yi-shen-qing.md")
    assert guide == matter
    assert f"自收到申请之日起 {days} 个工作日内答复" in guide["dz-answer-limit"]
    assert f"法定 {days} 个工作日" in pages["matters/czj-yi-shen-qing.md"]


def test_the_charge_in_words_must_agree_with_the_fee_rows(project: Path) -> None:
    """「不收取任何费用」 beside fee rows, or an amount no row gives, is a warning; 「本身不收费」 and the rows'
    own amounts are not."""
    matter = project.parent / "content" / "czj" / "procedures" / "piao-ju.yml"
    text = matter.read_text(encoding="utf-8")
    fine = ["许可本身不收费；工本费按每本5元收取", "工本费按目录标准5-20元的下限收取，即每本5元", "申请表免费领取"]
    wrong = ["领购票据不收取任何费用", "工本费按每本10元收取", "工本费按每本0.5万元收取"]
    for sentence in fine + wrong:
        matter.write_text(text.replace("charged: 收费", f"requirements:\n  - {sentence}\ncharged: 收费"), "utf-8")
        warned = found(project, codes.FEE_TEXT_CONTRADICTION)
        assert bool(warned) == (sentence in wrong), sentence


def rendered(config: Path, as_of: dt.date) -> dict[str, str]:
    checked = pipeline.check(config, as_of)
    assert isinstance(checked, pipeline.Checked), checked.report.render()
    return site_pages(Context.of(checked.content, checked.config, as_of), {})


def said(pages: dict[str, str], path: str) -> dict[str, str]:
    """The answer period, fees and remedies a page states, as text (links differ by the page's place)."""
    return {part: re.sub(r"<[^>]+>", "", text) for part, text in SAID.findall(pages[path])}
