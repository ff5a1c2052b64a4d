"""Withdrawal, not deletion: real builds and real publish targets. A withdrawn item's page stays with its
notice, it leaves the current lists for the withdrawn list, the feed and open data mark it, the ledger records
it, and deleting or renaming a published item's file is refused with how to withdraw it instead."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator import ledger, pipeline
from generator.cli import main
from generator.publish import CURRENT, publish

from .conftest import AS_OF
from .test_facts import rows_of

pytestmark = pytest.mark.slow

POSTING = "2011-05-12-cai-gou"
SUCCESSOR = "2011-06-20-geng-zheng"
REASON = "中标供应商名称有误,已发布更正公告。"
APPROVER = "许晓梅(办公室主任)"
ATOM = "{http://www.w3.org/2005/Atom}"


class Notice(HTMLParser):
    """The text and the links inside the page's withdrawal notice (div.dz-withdrawn); every link on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.links: list[str] = []
        self.page_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.page_links.append(str(a["href"]))
            if self.depth:
                self.links.append(str(a["href"]))
        if self.depth and tag == "div":
            self.depth += 1
        elif tag == "div" and "dz-withdrawn" in (a.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def notice_of(page: Path) -> Notice:
    parser = Notice()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def content_of(project: Path) -> Path:
    return project.parent / "content"


def withdraw(path: Path, day: str, successor: str | None = None) -> None:
    """Append a withdrawn block to an item's YAML, as a clerk would type it."""
    block = f"withdrawn:\n  date: {day}\n  reason: {REASON}\n  approver: {APPROVER}\n"
    if successor:
        block += f"  successor: {successor}\n"
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")


def correction(project: Path, published: str = "2011-06-20") -> Path:
    path = content_of(project) / "czj" / "postings" / f"{SUCCESSOR}.yml"
    path.write_text(
        "title: 测试区2011年办公设备政府采购中标公告(更正)\ncategory: 政府采购\nimportance: 重要事项\n"
        f"summary: 更正中标供应商名称。\ncompleted: 2011-06-18\npublished: {published}\n",
        encoding="utf-8",
    )
    return path


def resolve(page: Path, href: str) -> Path:
    """The folder a relative link on a built page leads to."""
    return (page.parent / href).resolve()


@pytest.fixture(scope="module")
def withdrawn_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture district with its posting withdrawn in favour of a correction and its matter withdrawn, built
    by the real pipeline; returns the site folder."""
    import shutil

    from .conftest import GOOD

    dest = tmp_path_factory.mktemp("withdrawn") / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    project = dest / "site_config.yml"
    correction(project)
    withdraw(content_of(project) / "czj" / "postings" / f"{POSTING}.yml", "2011-06-20", SUCCESSOR)
    withdraw(content_of(project) / "czj" / "procedures" / "piao-ju.yml", "2011-09-01")
    built = pipeline.build(project, AS_OF)
    assert not built.report.errors, built.report.render()
    return dest / "site"


def test_a_withdrawn_posting_keeps_its_page_with_the_notice_as_typed(withdrawn_site: Path) -> None:
    page = withdrawn_site / "hotspots" / f"czj-{POSTING}" / "index.html"
    notice = notice_of(page)
    text = "".join(notice.text)
    assert "本信息已于 2011-06-20 撤回" in text
    assert f"撤回理由：{REASON}" in text and f"批准人：{APPROVER}" in text
    [link] = notice.links
    assert resolve(page, link) == (withdrawn_site / "hotspots" / f"czj-{SUCCESSOR}").resolve()
    assert "更正" in "".join(notice.text)  # the successor's title is the link text
    assert notice_of(withdrawn_site / "hotspots" / f"czj-{SUCCESSOR}" / "index.html").text == []


def test_a_withdrawn_item_leaves_the_current_lists_for_the_withdrawn_list(withdrawn_site: Path) -> None:
    def links_to(page: Path, item: str) -> bool:
        return any(item in href for href in notice_of(page).page_links)

    for current in ("index.html", "hotspots/index.html", "catalogue/czj/index.html", "departments/czj/index.html"):
        assert not links_to(withdrawn_site / current, f"czj-{POSTING}"), current
        assert links_to(withdrawn_site / current, f"czj-{SUCCESSOR}"), current
    for current in ("matters/index.html", "departments/czj/index.html", "catalogue/czj/index.html"):
        assert not links_to(withdrawn_site / current, "czj-piao-ju"), current
    listed = withdrawn_site / "withdrawn" / "index.html"
    rows = rows_of(listed.read_text(encoding="utf-8"))
    by_name = {row[1]: row for row in rows[1:]}
    posting = by_name["测试区2011年办公设备政府采购中标公告"]
    assert posting[3:] == ["2011-06-20", REASON, "测试区2011年办公设备政府采购中标公告(更正)"]
    assert posting[0].startswith("czj/2011-")
    assert by_name["行政事业性收费票据领购"][3:] == ["2011-09-01", REASON, "—"]
    assert [row[1] for row in rows[1:]] == ["行政事业性收费票据领购", "测试区2011年办公设备政府采购中标公告"]
    assert links_to(withdrawn_site / "catalogue" / "index.html", "withdrawn/")
    matter = notice_of(withdrawn_site / "matters" / "czj-piao-ju" / "index.html")
    assert "本信息已于 2011-09-01 撤回" in "".join(matter.text) and matter.links == []


def test_open_data_and_the_feed_mark_the_withdrawal(withdrawn_site: Path) -> None:
    data = withdrawn_site / "data"
    rows = json.loads((data / "hotspots.json").read_text(encoding="utf-8"))
    jsonschema.validate(rows, json.loads((data / "hotspots.schema.json").read_text(encoding="utf-8")))
    by_id = {r["id"]: r for r in rows}
    assert by_id[POSTING]["withdrawn"] == {
        "date": "2011-06-20",
        "reason": REASON,
        "approver": APPROVER,
        "successor": SUCCESSOR,
    }
    assert "withdrawn" not in by_id[SUCCESSOR]
    table = list(csv.DictReader(io.StringIO((data / "hotspots.csv").read_text(encoding="utf-8-sig"))))
    cells = {r["id"]: r for r in table}
    assert (cells[POSTING]["withdrawn.date"], cells[POSTING]["withdrawn.reason"]) == ("2011-06-20", REASON)
    assert (cells[POSTING]["withdrawn.approver"], cells[POSTING]["withdrawn.successor"]) == (APPROVER, SUCCESSOR)
    assert cells[SUCCESSOR]["withdrawn.date"] == ""
    matters = {r["id"]: r for r in csv.DictReader(io.StringIO((data / "matters.csv").read_text(encoding="utf-8-sig")))}
    assert matters["piao-ju"]["withdrawn.date"] == "2011-09-01"
    feed = ET.parse(data / "hotspots.atom.xml").getroot()
    entries = {e.findtext(f"{ATOM}id", "").rstrip("/").rsplit("/", 1)[-1]: e for e in feed.iter(f"{ATOM}entry")}
    gone, new = entries[f"czj-{POSTING}"], entries[f"czj-{SUCCESSOR}"]
    assert gone.findtext(f"{ATOM}title", "").startswith("【已撤回】")
    assert "已撤回" in {c.get("term") for c in gone.iter(f"{ATOM}category")}
    assert gone.findtext(f"{ATOM}updated", "").startswith("2011-06-20")
    assert REASON in gone.findtext(f"{ATOM}summary", "")
    assert not new.findtext(f"{ATOM}title", "").startswith("【")


TODAY = dt.date.today()


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


DOCUMENT = (
    "number: 测财〔2011〕3号\ntitle: 测试区财政局关于加强非税收入管理的通知\nissuer: 测试区财政局\n"
    "summary: 非税收入全额缴入国库或财政专户。\nissued: 2011-03-01\neffective: 2011-04-01\nstatus: 有效\n"
)


def test_the_ledger_records_withdrawals_and_refuses_a_deleted_or_renamed_published_file(
    project: Path, tmp_path: Path
) -> None:
    to = tmp_path / "www"
    postings = content_of(project) / "czj" / "postings"
    doc = content_of(project) / "czj" / "documents" / "fei-shui.yml"
    doc.parent.mkdir()
    doc.write_text(DOCUMENT, encoding="utf-8")
    assert publish(project, to, TODAY).release is not None
    numbers = ledger.read(to / ledger.LEDGER).index_numbers()
    withdraw(postings / f"{POSTING}.yml", TODAY.isoformat())
    doc.write_text(
        DOCUMENT.replace("status: 有效\n", f"status: 已废止\nstatus_date: {TODAY}\nstatus_reason: 与上位法不一致。\n")
        + "status_approver: 测试区人民政府常务会议\n",
        encoding="utf-8",
    )
    done = publish(project, to, TODAY)
    assert done.release is not None, done.report.render()
    lines = [json.loads(x) for x in (to / ledger.LEDGER).read_text(encoding="utf-8").splitlines()]
    recorded = {e["item"]: e for e in lines[-2:]}
    posting = recorded[f"posting:czj/{POSTING}"]
    assert (posting["event"], posting["withdrawn"], posting["changed"]) == (
        "withdrawn",
        TODAY.isoformat(),
        ["withdrawn"],
    )
    assert posting["index_no"] == numbers[f"posting:czj/{POSTING}"]
    document = recorded["document:czj/fei-shui"]
    assert (document["event"], document["withdrawn"]) == ("withdrawn", TODAY.isoformat())
    assert set(document["changed"]) == {"status", "status_date", "status_reason", "status_approver"}
    page = to / CURRENT / "hotspots" / f"czj-{POSTING}" / "index.html"
    assert f"本信息已于 {TODAY} 撤回" in "".join(notice_of(page).text)

    # deleting the withdrawn posting's file, or renaming the document's, is refused by check, build and publish
    (postings / f"{POSTING}.yml").unlink()
    doc.rename(doc.with_name("fei-shui-2011.yml"))
    led = to / ledger.LEDGER
    report = pipeline.check(project, TODAY, ledger=ledger.read(led)).report
    gone = sorted((p for p in report.problems if p.code == "published-deleted"), key=lambda p: p.loc.file)
    assert [p.loc.file for p in gone] == [
        "content/czj/documents/fei-shui.yml",
        f"content/czj/postings/{POSTING}.yml",
    ]
    message = gone[1].zh
    assert f"posting:czj/{POSTING}" in message and f"索引号 {numbers[f'posting:czj/{POSTING}']}" in message
    assert "withdrawn:" in message and "approver" in message and "status" in gone[0].zh
    code, out = cli("check", "--config", str(project), "--as-of", TODAY.isoformat(), "--ledger", str(led))
    assert code == 1 and f"content/czj/postings/{POSTING}.yml: " in out and "[published-deleted]" in out
    code, out = cli("build", "--config", str(project), "--ledger", str(led), "--site-dir", str(tmp_path / "s"))
    assert code == 1 and "[published-deleted]" in out and not (tmp_path / "s").exists()
    before = led.read_bytes()
    refused = publish(project, to, TODAY)
    assert refused.release is None and refused.report.exit_code == 1
    assert led.read_bytes() == before  # nothing recorded as removed
    assert page.is_file()  # the live page stays
