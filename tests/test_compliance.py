"""The compliance report: exact figures for a fixture district with known problems."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner

from generator import audience, codes, compliance, pipeline, privacy, reporting, sitescan
from generator.cli import main
from generator.gitdates import read_changes
from generator.links import Broken
from generator.pages import charts, report
from generator.rules import audience as audience_rules

from .browser import chromium, serving

INSPECT = Path(__file__).parent / "fixtures" / "inspect" / "site_config.yml"
AS_OF = dt.date(2011, 8, 15)
MOBILE = "13912345678"
ID = "11010519491231002X"


def compute(as_of: dt.date = AS_OF) -> compliance.Compliance:
    checked = pipeline.check(INSPECT, as_of)
    assert checked.content is not None and checked.config is not None
    return compliance.compute(checked.content, checked.config, checked.report.problems, as_of)


def test_department_figures() -> None:
    [czj] = compute().departments
    assert (czj.matters, czj.postings, czj.files) == (2, 4, 7)
    assert (czj.on_time, czj.late, czj.worst_late_days) == (1, 1, 4)
    assert (czj.overdue, czj.worst_overdue_days, czj.pending) == (1, 38, 0)
    assert czj.files_complete == 6 and round(czj.completeness) == 86
    assert round(czj.timely) == 33
    assert czj.guides_missing_elements == 1
    assert czj.errors == 3 and czj.personal_data == 0


def test_columns_and_outright_failures() -> None:
    report = compute()
    home = report.columns[0]
    assert home.name == "首页最新公开" and home.stale and home.last == dt.date(2011, 6, 12)
    assert len([c for c in report.columns if c.empty]) == 10
    assert report.fails_outright == ["10 个空白栏目（≥5 个即单项否决）", "首页超过 14 日未更新"]
    later = compute(dt.date(2012, 3, 1))
    assert "热点公开·政府采购" in later.district.stale_columns  # 6 months after 2011-07-… with no update


def test_annual_figures_count_public_proactive_postings() -> None:
    [year] = compute().annual
    assert year.year == 2011 and year.proactive_total == 2
    assert year.proactive_by_category == {"政府采购": 1, "批钱批物": 1}


def test_outputs_agree() -> None:
    report = compute()
    rows = list(csv.DictReader(io.StringIO(reporting.to_csv(report))))
    assert rows[0]["id"] == "czj" and rows[0]["late"] == "1" and rows[0]["overdue"] == "1"
    data = json.loads(reporting.to_json(report))
    assert data["district"]["late"] == 1 and data["departments"][0]["worst_overdue_days"] == 38
    text = reporting.table(report)
    assert "1（4日）" in text and "1（38日）" in text
    assert "content/czj/postings/2011-07-01-overdue.yml:1:1:" in text


def test_cli_report_formats() -> None:
    runner = CliRunner()
    for fmt in ("table", "json", "csv"):
        result = runner.invoke(
            main, ["report", "--config", str(INSPECT), "--as-of", "2011-08-15", "--format", fmt, "--no-history"]
        )
        assert result.exit_code == 0, result.output
        assert "czj" in result.output or "测试区财政局" in result.output


def git(repo: Path, *args: str, date: str = "2011-01-01T00:00:00") -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(repo)}  # fmt: skip
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_changes_by_year_from_real_commits(tmp_path: Path) -> None:
    content = tmp_path / "content" / "czj" / "postings"
    content.mkdir(parents=True)
    git(tmp_path, "init", "-q", "-b", "main")
    (content / "a.yml").write_text("title: a\n", encoding="utf-8")
    (content / "b.yml").write_text("title: b\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "add", date="2011-03-01T10:00:00")
    (content / "a.yml").write_text("title: a2\n", encoding="utf-8")
    (content / "b.yml").unlink()
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "change", date="2012-02-01T10:00:00")
    changes = read_changes(tmp_path / "content")
    assert changes is not None
    assert [(c.date.year, c.status, Path(c.path).name) for c in changes] == [
        (2011, "A", "a.yml"), (2011, "A", "b.yml"), (2012, "M", "a.yml"), (2012, "D", "b.yml"),
    ]  # fmt: skip
    assert read_changes(tmp_path.parent / "no-such-folder") is None


def example_report_doc() -> str:
    root = Path(__file__).parent.parent
    result = CliRunner().invoke(
        main, ["report", "--config", str(root / "site_config.yml"), "--as-of", "2011-12-31", "--no-history"]
    )
    assert result.exit_code == 0, result.output
    return (
        "# 检查考核报告示例\n\n"
        "示例区（居巢区）截至 2011-12-31 的政务公开检查考核报告，由下面的命令生成"
        "（`make golden` 会重新生成本页）：\n\n"
        "```sh\ndisclose report --as-of 2011-12-31 --no-history\n```\n\n"
        "```text\n" + result.output + "```\n\n"
        "`--format json` 和 `--format csv` 输出同样的数据，供汇总和图表使用；"
        "去掉 `--no-history` 时，年度报告数据还会按 git 历史统计每年新增、变更和撤销的事项文件。\n"
    )


def test_example_report_doc_is_current() -> None:
    path = Path(__file__).parent.parent / "docs" / "compliance.md"
    text = example_report_doc()
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists() and path.read_text(encoding="utf-8") == text, "run `make golden` and review the diff"


def test_personal_codes_are_every_code_privacy_and_audience_emit_for_numbers_secrets_and_leaks() -> None:
    emitted = {
        codes.REGISTRY[getattr(codes, name)]
        for module in (privacy, sitescan, audience, audience_rules)
        for name in re.findall(r"codes\.([A-Z_]+)\b", inspect.getsource(module))
    }
    personal = {code for code in emitted if code.category == "leak"}
    assert personal == {"personal-data", "personal-data-output", "secret", "secret-output", "leak"}
    assert emitted - personal == {
        "allow-not-a-hash",
        "attachment-unchecked",
        "exemption-required",
        "public-needs-hidden",
        "recipients-required",
        "recipient-unknown",
        "recipients-ignored",
        "unit-id-taken",
        "group-member-unknown",
        "group-cycle",
        "audience-unknown",
        "site-audience-unknown",
        "site-address-missing",
        "shared-with-hidden",
    }


def test_a_planted_mobile_number_counts_and_is_never_printed(tmp_path: Path) -> None:
    root = tmp_path / "district"
    shutil.copytree(INSPECT.parent, root)
    posting = root / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = posting.read_text(encoding="utf-8").replace("中标结果。", f"中标结果。联系人手机 {MOBILE}。")
    posting.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--config",
            str(root / "site_config.yml"),
            "--as-of",
            "2011-08-15",
            "--format",
            "json",
            "--no-history",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["departments"][0]["personal_data"] == 1 and data["district"]["personal_data"] == 1
    assert "1 处个人信息或涉密内容" in data["fails_outright"]
    assert [f["code"] for f in data["findings"] if f["code"].startswith("personal")] == ["personal-data"]
    assert MOBILE not in result.output


def test_monthly_trends_by_completion_month() -> None:
    district, czj = compute().trends
    assert (district.id, czj.id) == (compliance.DISTRICT, "czj")
    months = [(m.id, m.on_time, m.late, m.overdue) for m in district.months]
    assert months == [("2011-05", 1, 0, 0), ("2011-06", 0, 1, 0), ("2011-07", 0, 0, 1)]
    assert [m.id for m in czj.months] == ["2011-05", "2011-06", "2011-07"]
    assert [round(m.timely) for m in czj.months] == [100, 0, 0]
    early = compute(dt.date(2011, 7, 5)).trends[0]  # the posting completed 2011-07-01 is not due yet
    assert [(m.id, m.bound, m.pending) for m in early.months] == [("2011-05", 1, 0), ("2011-06", 1, 0)]


def test_broken_links_count_per_department_page_and_name_the_file() -> None:
    checked = pipeline.check(INSPECT, AS_OF)
    assert checked.content is not None and checked.config is not None
    broken = [
        Broken("departments/czj/index.html", "../../matters/czj-gone/"),
        Broken("hotspots/czj-2011-06-01-late/index.html", "#x", "x"),
        Broken("index.html", "gone/"),
    ]
    report = compliance.compute(checked.content, checked.config, checked.report.problems, AS_OF, None, broken)
    [czj] = report.departments
    assert (czj.broken_links, report.district.broken_links, report.links_checked) == (2, 3, True)
    found = [(str(p.loc), p.severity) for p in report.findings if p.code == codes.BROKEN_LINK]
    assert found == [
        ("content/czj/department.yml:2:1", "warning"),
        ("content/czj/postings/2011-06-01-late.yml:1:1", "warning"),
        ("index.html", "warning"),
    ]
    assert "断链" in reporting.table(report) and "断链" not in reporting.table(compute())
    assert next(csv.DictReader(io.StringIO(reporting.to_csv(report))))["broken_links"] == "2"


def test_palette_contrast() -> None:
    assert round(charts.contrast("#000000"), 1) == 21.0 and charts.contrast(charts.WHITE) == 1.0
    for text in (charts.INK, charts.MUTED):
        assert charts.contrast(text) >= 4.5
    for bar in (charts.ON_TIME, charts.LATE, charts.OVERDUE, charts.SHARE):
        assert charts.contrast(bar) >= 4.5  # against the page, and against the white numbers written on it
    assert charts.contrast(charts.AXIS) >= 3


def svg_of(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.get("role") == "img"
    ids = {el.tag: el.get("id") for el in root if el.tag in ("title", "desc")}
    assert root.get("aria-labelledby") == ids["title"] and root.get("aria-describedby") == ids["desc"]
    return root


def test_charts_draw_the_numbers_to_scale() -> None:
    series = report.TIMELINESS
    bars = svg_of(charts.stacked_bars("t", "时效", "说明", [("甲", (2, 1, 1)), ("乙", (0, 0, 0))], series))
    widths = [float(r.get("width", 0)) for r in bars.iter("rect") if r.get("height") == str(charts.BAR)]
    assert widths == [charts.PLOT / 2, charts.PLOT / 4, charts.PLOT / 4]
    assert [t.text for t in bars.iter("text")][-1] == "无到期信息"
    share = svg_of(charts.percent_bars("c", "完整率", "说明", [("甲", 50.0)], charts.SHARE))
    assert [float(r.get("width", 0)) for r in share.iter("rect")] == [charts.PLOT, charts.PLOT / 2]
    trend = svg_of(
        charts.small_multiples("m", "按月", "说明", [("全区", [("2011-05", 100.0), ("2011-06", None)])], "#1d4ed8")
    )
    columns = [r for r in trend.iter("rect") if r.get("fill") == "#1d4ed8"]
    assert [float(r.get("height", 0)) for r in columns] == [charts.PANEL_PLOT]
    assert [t.text for t in trend.iter("text")].count("100%") == 2  # the scale and the one column with data


def test_report_page_has_charts_tables_and_escapes_names() -> None:
    figures = compute()
    figures.departments[0].name = "<b>局</b>"
    page = report.markdown(figures)
    assert page.startswith("# 政务公开检查考核\n")
    assert page.count('role="img"') == 3 and page.count("<desc id=") == 3
    assert "<b>局" not in page and "&lt;b&gt;局&lt;/b&gt;" in page
    assert not re.search(r"<th(?=[\s>])(?![^>]*\bscope=)[^>]*>", page)
    assert "<td>33%（1/3）</td>" in page  # the timeliness table beside the chart
    assert '<tr><th scope="row">2011-06</th><td>0%（0/1）</td><td>0%（0/1）</td></tr>' in page
    assert "首页最新公开" in page and "热点公开·收费" in page  # a stale and an empty column


def test_cli_report_counts_broken_links_of_a_built_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "departments" / "czj").mkdir(parents=True)
    (site / "departments" / "czj" / "index.html").write_text('<a href="../../matters/gone/">x</a>', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--config",
            str(INSPECT),
            "--as-of",
            "2011-08-15",
            "--no-history",
            "--site",
            str(site),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output  # a site that fails the inspection fails the command
    assert json.loads(result.stdout)["departments"][0]["broken_links"] == 1
    assert "断链 1 个，个人信息 0 处，密级标志 0 处" in result.stderr


def test_report_on_a_site_with_a_missing_page_a_personal_number_and_a_marking_fails(
    built_site: Path, tmp_path: Path
) -> None:
    """A real built site, then tampered with as a careless or hostile hand would: a page removed, a mobile and an ID
    number and a 秘密★ marking written into pages. `report --site` finds each and exits 1; the intact site passes."""
    from .conftest import AS_OF as BUILD_DAY

    config = built_site.parent / "site_config.yml"
    args = ["report", "--config", str(config), "--as-of", BUILD_DAY.isoformat(), "--no-history", "--format", "json"]
    clean = CliRunner().invoke(main, [*args, "--site", str(built_site)])
    assert clean.exit_code == 0, clean.output
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "fees")  # a page every page links to
    page = site / "guide" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</main>", f"<p>联系 {MOBILE}，身份证 {ID}</p><p>秘密★1年</p></main>"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, [*args, "--site", str(site)])
    assert result.exit_code == 1, result.output
    found = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert {"broken-link", "personal-data-output", "secret-output"} <= found
    assert "个人信息 2 处，密级标志 1 处" in result.stderr
    assert MOBILE not in result.output and ID not in result.output


@pytest.fixture(scope="module")
def internal_and_public(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The valid fixture district built twice for real: the internal site and the public one."""
    from .conftest import AS_OF as BUILD_DAY
    from .conftest import GOOD

    root = tmp_path_factory.mktemp("audiences") / "district"
    shutil.copytree(GOOD, root, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    for scope in ("internal", "public"):
        built = pipeline.build(root / "site_config.yml", BUILD_DAY, scope=scope)  # type: ignore[arg-type]
        assert not built.report.errors
    return root / "site-internal", root / "site"


@pytest.mark.slow
def test_report_page_in_the_internal_build_only(internal_and_public: tuple[Path, Path]) -> None:
    internal, public = internal_and_public
    page = (internal / "report" / "index.html").read_text(encoding="utf-8")
    assert page.count('<svg class="dz-chart"') == 3
    assert 'href="report/"' in (internal / "index.html").read_text(encoding="utf-8")  # in the navigation
    assert not (public / "report").exists()
    markers = (
        "report/",
        'id="chart-timeliness"',
        "按月按时公开率",
    )  # its link, a chart, a heading (pages, search index, sitemap)
    assert not [
        p for p in public.rglob("*") if p.is_file() and any(m in p.read_text(errors="replace") for m in markers)
    ]
    assert any(
        '"url":"/report/"' in sitescan.readable(p.name, p.read_bytes()).replace(" ", "").replace("\n", "")
        for p in (internal / "pagefind" / "fragment").iterdir()
    )


@pytest.mark.slow
def test_report_page_in_chromium_is_drawn_and_accessible(
    internal_and_public: tuple[Path, Path], tmp_path: Path
) -> None:
    with serving(internal_and_public[0]) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "report/")
        charts_drawn = page.locator("figure.dz-figure svg[role='img']")
        assert charts_drawn.count() == 3
        for i in range(3):
            box = charts_drawn.nth(i).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 30
        page.screenshot(path=tmp_path / "report.png", full_page=True)
        result = Axe().run(page)
        page.close()
    bad = [(v["id"], v["impact"]) for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_report_finds_departments_in_a_content_folder_of_any_name(tmp_path: Path) -> None:
    dest = tmp_path / "district"
    shutil.copytree(INSPECT.parent, dest)
    (dest / "content").rename(dest / "data")
    config = dest / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "content: data\n", encoding="utf-8")
    args = ["--as-of", "2011-08-15", "--format", "json", "--no-history"]
    moved = CliRunner().invoke(main, ["report", "--config", str(config), *args])
    original = CliRunner().invoke(main, ["report", "--config", str(INSPECT), *args])
    assert moved.exit_code == 0, moved.output
    [czj] = json.loads(moved.output)["departments"]
    assert (czj["matters"], czj["postings"], czj["files"], czj["errors"]) == (2, 4, 7, 3)
    assert json.loads(moved.output)["district"] == json.loads(original.output)["district"]


def test_guide_fields_are_matter_fields() -> None:
    from generator.model import Procedure
    from generator.schema import fields_of

    assert {f.key for f in fields_of(Procedure)} >= compliance.GUIDE_FIELDS
