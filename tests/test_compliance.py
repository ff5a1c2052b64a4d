"""The compliance report: exact figures for a fixture district with known problems."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator import compliance, pipeline, reporting
from generator.cli import main
from generator.gitdates import read_changes

INSPECT = Path(__file__).parent / "fixtures" / "inspect" / "site_config.yml"
AS_OF = dt.date(2011, 8, 15)


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
    assert report.fails_outright == ["10 个空白栏目(≥5 个即单项否决)", "首页超过 14 日未更新"]
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
    assert "1(4日)" in text and "1(38日)" in text
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
