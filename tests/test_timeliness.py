"""Timeliness rules: configured deadlines in calendar or working days, overdue, future, announce-ahead,
backdating found in real git history, and the build date fixed by --as-of."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.domain.pages import page_of
from generator.model import CATEGORIES
from generator.pages.context import Context
from generator.pages.tree import site_pages
from generator.problems import Problem

from .conftest import IDENTITY, OUTSIDE_GIT

D = dt.date.fromisoformat
CONFIG_HEAD = "site_name: 测试区政务公开\nsite_url: https://example.gov.cn/zwgk/\n"


def configure(project: Path, timeliness: str = "") -> None:
    """Rewrite site_config.yml with the given `timeliness:` block (indented two spaces)."""
    project.write_text(CONFIG_HEAD + ("timeliness:\n" + timeliness if timeliness else "") + IDENTITY, encoding="utf-8")


def posting(
    project: Path,
    name: str,
    completed: str,
    published: str | None,
    category: str = "执法处罚",
    importance: str = "重要事项",
) -> Path:
    """Write a posting into the fixture's department; returns its path."""
    path = project.parent / "content" / "czj" / "postings" / f"{name}.yml"
    text = (
        f"title: 测试公告\ncategory: {category}\nimportance: {importance}\nsummary: 测试。\ncompleted: {completed}\n"
        + (f"published: {published}\n" if published else "")
    )
    path.write_text(text, encoding="utf-8")
    return path


def found(project: Path, as_of: str = "2011-12-31") -> list[Problem]:
    """Every problem `check` finds, except the notice that the fixture copy is outside git."""
    report = pipeline.check(project, D(as_of)).report
    return [p for p in report.sorted() if p.code != OUTSIDE_GIT]


WORKING_DAYS = """  deadlines:
    - categories: [执法处罚, 办证办照]
      days: 7
      unit: 工作日
      basis: 双公示：行政许可、行政处罚信息 7 个工作日内公开
    - importance: [一般事项]
      days: 20
      unit: 工作日
      basis: 《中华人民共和国政府信息公开条例》第二十六条
"""


def test_working_day_deadline_across_national_day_is_met(project: Path) -> None:
    configure(project, WORKING_DAYS)
    posting(project, "2011-09-30-chu-fa", "2011-09-30", "2011-10-14")
    assert found(project) == []


def test_late_message_explains_the_computation(project: Path) -> None:
    configure(project, WORKING_DAYS)
    posting(project, "2011-09-30-chu-fa", "2011-09-30", "2011-10-17")
    [late] = found(project)
    assert (late.code, late.loc.file, late.loc.line) == ("late", "content/czj/postings/2011-09-30-chu-fa.yml", 6)
    assert late.zh == (
        "重要事项办结后 7 个工作日内必须公开（依据：双公示：行政许可、行政处罚信息 7 个工作日内公开）："
        "办结日期 2011-09-30 + 7 个工作日（跳过国庆节假期 2011-10-01至10-07，2011-10-08、10-09 调休上班）"
        " = 最迟公开日期 2011-10-14，实际公开日期 2011-10-17，逾期 3 日。请核对日期；确属逾期的，在 late_reason 写明原因和整改措施，并由负责人在 late_approver 签批。"
    )
    assert "completed 2011-09-30 + 7 working day(s)" in late.en and "3 day(s) late" in late.en


def test_ordinary_items_follow_their_own_deadline(project: Path) -> None:
    configure(
        project, WORKING_DAYS + "  important_categories: [政府采购]\n"
    )  # a district that lists fewer than the policy
    posting(project, "2011-09-01-tong-zhi", "2011-09-01", None, category="收费", importance="一般事项")
    # 20 working days from 09-01: the Mid-Autumn Monday 09-12 is off, so the last day is 09-30.
    assert found(project, "2011-09-30") == []
    [overdue] = found(project, "2011-10-01")
    assert (
        overdue.code == "overdue"
        and "最迟公开日期 2011-09-30" in overdue.zh
        and "截至 2011-10-01 已逾期 1 日" in overdue.zh
    )


def test_overdue_depends_only_on_the_build_date(project: Path) -> None:
    posting(project, "2011-05-12-x", "2011-05-12", None, category="政府采购")
    assert found(project, "2011-05-19") == []
    [overdue] = found(project, "2011-05-20")
    assert (overdue.code, overdue.loc.line) == ("overdue", 1)
    assert "办结日期 2011-05-12 + 7 日 = 最迟公开日期 2011-05-19" in overdue.zh


def test_future_published_date_fails(project: Path) -> None:
    posting(project, "2011-05-12-x", "2011-05-12", "2011-05-18", category="政府采购")
    assert [p.code for p in found(project, "2011-05-17")] == ["published-in-future"]


def test_announcing_ahead_is_allowed_only_for_configured_categories(project: Path) -> None:
    posting(project, "2011-05-12-zhao-biao", "2011-05-12", "2011-05-02", category="建设工程招投标")
    [early] = found(project)
    assert early.code == "published-before-completed" and "timeliness.announce_ahead" in early.zh
    configure(project, "  announce_ahead: [建设工程招投标]\n")
    assert found(project) == []


def test_a_deadline_needing_an_unshipped_year_is_an_error(project: Path) -> None:
    configure(project, WORKING_DAYS)
    path = posting(project, "2026-12-28-chu-fa", "2026-12-28", "2027-01-10")
    [gap] = found(project, "2027-01-15")
    assert (gap.code, gap.loc.line) == ("calendar-year-missing", 5)
    assert "2027 年的节假日安排" in gap.zh and "timeliness.calendar" in gap.zh
    # Published within 7 calendar days it cannot be 7 working days late: no calendar needed.
    path.write_text(path.read_text(encoding="utf-8").replace("2027-01-10", "2027-01-04"), encoding="utf-8")
    assert found(project, "2027-01-15") == []


def test_old_deadline_days_still_counts_with_a_warning(project: Path) -> None:
    project.write_text(CONFIG_HEAD + "deadline_days: 4\n" + IDENTITY, encoding="utf-8")
    posting(project, "2011-05-12-x", "2011-05-12", "2011-05-17", category="政府采购")
    assert [(p.code, p.severity) for p in found(project)] == [
        ("late", "error"),
        ("deadline-days-moved", "warning"),
    ]
    project.write_text(CONFIG_HEAD + "deadline_days: 4\ntimeliness:\n  days: 7\n" + IDENTITY, encoding="utf-8")
    assert [p.code for p in found(project)] == ["deadline-days-twice"]


def test_a_deadline_entry_must_say_what_it_applies_to(project: Path) -> None:
    configure(project, "  deadlines:\n    - days: 5\n")
    assert [(p.code, p.loc.line) for p in found(project)] == [("deadline-applies-to-all", 5)]


# --- backdating, in real git repositories -------------------------------------------------------


def git(repo: Path, *args: str, date: str = "2011-05-16T10:00:00+08:00") -> str:
    """Run git in `repo` with a fixed author and commit date."""
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    identity = ["-c", "user.name=测试", "-c", "user.email=test@example.gov.cn", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit_all(repo: Path, date: str, message: str = "更新") -> str:
    """Commit everything on `date`; returns the commit id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def repo_of(project: Path, timeliness: str = "", date: str = "2011-05-16T10:00:00+08:00") -> Path:
    """Turn the fixture copy into a git repository whose first commit is on `date`."""
    configure(project, timeliness)
    repo = project.parent
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, date, "导入")
    return repo


def test_posting_committed_on_its_date_passes(project: Path) -> None:
    repo_of(project)
    assert found(project) == []


def test_backdated_posting_is_found_in_git_history(project: Path) -> None:
    repo = repo_of(project)
    posting(project, "2011-06-01-chu-fa", "2011-05-30", "2011-06-01")
    assert found(project) == []  # not committed yet: it has not been published
    commit_all(repo, "2011-06-20T09:00:00+08:00")
    [faked] = found(project)
    assert (faked.code, faked.loc.file, faked.loc.line) == (
        "backdated",
        "content/czj/postings/2011-06-01-chu-fa.yml",
        6,
    )
    assert "公开日期 2011-06-01 比这一公开日期提交到主分支的日期 2011-06-20 早 19 日（允许 1 日）" in faked.zh


def test_one_day_late_commit_is_within_tolerance(project: Path) -> None:
    repo = repo_of(project, "  backdating_tolerance_days: 1\n")
    posting(project, "2011-06-01-chu-fa", "2011-05-30", "2011-06-01")
    commit_all(repo, "2011-06-02T23:00:00+08:00")
    assert found(project) == []


def test_an_override_needs_reason_and_approver_and_is_listed(project: Path) -> None:
    override = (
        "  backdating_overrides:\n"
        "    - file: content/czj/postings/2011-06-01-chu-fa.yml\n"
        "      reason: 先在公开栏张贴，网站录入延后\n"
        "      approver: 区政务公开办主任\n"
    )
    repo = repo_of(project, override)
    posting(project, "2011-06-01-chu-fa", "2011-05-30", "2011-06-01")
    commit_all(repo, "2011-06-20T09:00:00+08:00")
    [listed] = found(project)
    assert (listed.code, listed.severity) == ("backdating-override", "notice")
    assert "理由：先在公开栏张贴，网站录入延后；批准人：区政务公开办主任" in listed.zh
    configure(project, override.replace("      approver: 区政务公开办主任\n", ""))
    assert [p.code for p in found(project)] == ["required"]


def test_an_override_for_a_file_that_is_not_a_posting(project: Path) -> None:
    repo_of(project, "  backdating_overrides:\n    - file: czj/x.yml\n      reason: 无\n      approver: 主任\n")
    assert [(p.code, p.loc.line) for p in found(project)] == [("override-unknown-file", 5)]


def test_history_imported_before_a_date_or_commit_is_not_checked(project: Path) -> None:
    repo = repo_of(project, date="2026-11-20T10:00:00+08:00")  # 2011 postings imported in 2026
    assert [p.code for p in found(project)] == ["backdated"]
    configure(project, "  backdating_since: 2026-11-20\n")
    assert found(project) == []
    imported = commit_all(repo, "2026-11-21T10:00:00+08:00")
    configure(project, f"  backdating_since: {imported[:10]}\n")
    posting(project, "2026-11-22-chu-fa", "2026-11-20", "2026-11-22")
    commit_all(repo, "2026-11-30T10:00:00+08:00")
    assert [p.code for p in found(project, "2026-11-30")] == ["backdated"]
    configure(project, "  backdating_since: no-such-commit\n")
    assert [p.code for p in found(project, "2026-11-30")] == ["backdating-since-unknown"]


def test_a_renamed_file_keeps_its_first_date(project: Path) -> None:
    repo = repo_of(project)
    old = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    git(repo, "mv", str(old), str(old.with_name("2011-05-12-ban-gong-she-bei.yml")))
    commit_all(repo, "2011-09-01T10:00:00+08:00")
    assert found(project) == []


def test_a_published_date_added_later_dates_from_its_own_commit(project: Path) -> None:
    """Commit a posting without `published`, add a backdated one weeks later: the later commit counts."""
    repo = repo_of(project)
    path = posting(project, "2011-06-01-chu-fa", "2011-05-30", None)
    commit_all(repo, "2011-06-01T10:00:00+08:00")
    path.write_text(path.read_text(encoding="utf-8") + "published: 2011-06-01\n", encoding="utf-8")
    assert [p.code for p in found(project)] == []  # not on the main branch yet
    commit_all(repo, "2011-06-25T10:00:00+08:00")
    [faked] = found(project)
    assert faked.code == "backdated" and "提交到主分支的日期 2011-06-25 早 24 日" in faked.zh


def test_a_changed_published_date_dates_from_the_change(project: Path) -> None:
    repo = repo_of(project)
    path = posting(project, "2011-06-01-chu-fa", "2011-05-30", "2011-06-01")
    commit_all(repo, "2011-06-01T10:00:00+08:00")
    assert found(project) == []
    path.write_text(path.read_text(encoding="utf-8").replace("2011-06-01", "2011-05-31"), encoding="utf-8")
    commit_all(repo, "2011-07-01T10:00:00+08:00")
    [faked] = found(project)
    assert faked.code == "backdated" and "2011-07-01" in faked.zh


NEW_ITEM = (
    "title: 测试区2011年道路维修工程招标结果公告\ncategory: 建设工程招投标\nimportance: 重要事项\n"
    "summary: 公布道路维修工程的中标人。\nbody: |\n  经评审，确定中标人。\n\n  特此公告。\n"
    "completed: 2011-05-12\npublished: 2011-05-16\n"
)


def test_an_overwritten_imported_file_does_not_lend_its_date(project: Path) -> None:
    """A new posting written over an old file, keeping its published date, is a new item from that commit; the item
    that went live from the file must be withdrawn, not overwritten."""
    repo = repo_of(project)
    old = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    old.write_text(NEW_ITEM, encoding="utf-8")
    assert [p.code for p in found(project)] == ["item-replaced"]  # before the commit: the clerk's own check
    commit_all(repo, "2011-09-01T10:00:00+08:00")
    replaced, faked = found(project)
    assert faked.code == "backdated" and faked.loc.file.endswith("2011-05-12-cai-gou.yml") and "2011-09-01" in faked.zh
    assert replaced.code == "item-replaced" and "办公设备政府采购中标公告" in replaced.zh and "withdrawn" in replaced.zh


def test_a_renamed_and_rewritten_file_is_a_new_item(project: Path) -> None:
    repo = repo_of(project)
    old = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    git(repo, "mv", str(old), str(old.with_name("2011-05-12-dao-lu.yml")))
    old.with_name("2011-05-12-dao-lu.yml").write_text(NEW_ITEM, encoding="utf-8")
    commit_all(repo, "2011-09-01T10:00:00+08:00")
    [faked] = found(project)
    assert faked.code == "backdated" and faked.loc.file.endswith("2011-05-12-dao-lu.yml")


def test_a_fixed_typo_keeps_the_item_and_its_date(project: Path) -> None:
    repo = repo_of(project)
    old = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    old.write_text(old.read_text(encoding="utf-8").replace("确定中标供应商", "确定中标的供应商"), encoding="utf-8")
    commit_all(repo, "2011-09-01T10:00:00+08:00")
    assert found(project) == []


def test_a_merged_item_dates_from_its_merge_into_main(project: Path) -> None:
    repo = repo_of(project)
    git(repo, "checkout", "-q", "-b", "draft")
    posting(project, "2011-06-01-chu-fa", "2011-05-30", "2011-06-01")
    commit_all(repo, "2011-06-01T10:00:00+08:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "合并", "draft", date="2011-06-20T10:00:00+08:00")
    [faked] = found(project)
    assert faked.code == "backdated" and "2011-06-20" in faked.zh


def test_outside_git_the_check_says_it_was_skipped(project: Path) -> None:
    [skipped] = [p for p in pipeline.check(project, D("2011-12-31")).report.problems if p.code == OUTSIDE_GIT]
    assert skipped.severity == "warning" and "未检查公开日期是否倒填" in skipped.zh


def test_a_shallow_clone_skips_the_check(project: Path, tmp_path: Path) -> None:
    repo = repo_of(project)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    [skipped] = [p for p in pipeline.check(clone / "site_config.yml", D("2011-12-31")).report.problems]
    assert skipped.code == OUTSIDE_GIT and "浅克隆" in skipped.zh


def test_check_as_of_is_deterministic(project: Path) -> None:
    repo = repo_of(project)
    posting(project, "2011-06-01-chu-fa", "2011-05-30", None)
    commit_all(repo, "2011-06-20T09:00:00+08:00")
    args = ["check", "--config", str(project), "--as-of", "2011-06-30", "--format", "json"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == second.exit_code == 1
    assert first.output == second.output and '"code": "overdue"' in first.output


# --- dates on every rendered posting --------------------------------------------------------------


def test_every_posting_and_every_list_row_shows_both_dates(project: Path) -> None:
    posting(project, "2011-09-01-tong-zhi", "2011-09-01", None, category="收费", importance="一般事项")
    checked = pipeline.check(project, D("2011-12-31"))
    assert checked.content is not None and checked.config is not None
    pages = site_pages(Context.of(checked.content, checked.config, D("2011-12-31")), {})
    for post in checked.content.postings:
        shown = f'<time datetime="{post.published}">' if post.published else "未公开"
        page = pages[page_of(post)]
        assert "办结日期" in page and f'<time datetime="{post.completed}">' in page and "公开日期" in page
        assert shown in page
        link = f"{post.department}-{post.id}/"
        rows = [line for text in pages.values() for line in text.splitlines() if link in line and "<tr>" in line]
        assert len(rows) >= 3, post.id  # home page, hotspots list, department page
        for row in rows:
            assert f'<time datetime="{post.completed}">' in row and shown in row


def test_the_policys_focus_is_important_by_default(project: Path) -> None:
    """Without important_categories, every category the policy names as 重点 (二（二）4), 重大决策 and
    群众切身利益事项 included, is important by default: relabelling is no way out either."""
    configure(project)
    for category in CATEGORIES:
        posting(project, "2011-06-01-x", "2011-06-01", "2011-08-01", category=category, importance="一般事项")
        assert [p.code for p in found(project)] == ["importance-unexplained"], category


def test_importance_cannot_be_lowered_to_escape_the_deadline(project: Path) -> None:
    """A 政府采购 result marked 一般事项 and published two months late: no longer a way out."""
    configure(project, "  important_categories: [政府采购]\n")
    path = posting(
        project, "2011-06-01-cai-gou", "2011-06-01", "2011-08-01", category="政府采购", importance="一般事项"
    )
    [unexplained] = found(project)
    assert (unexplained.code, unexplained.loc.line, unexplained.severity) == ("importance-unexplained", 3, "error")
    assert "importance_reason" in unexplained.zh and "importance_approver" in unexplained.zh
    path.write_text(
        path.read_text(encoding="utf-8")
        + "importance_reason: 采购结果已在省平台公告，本站转载\nimportance_approver: 区财政局局长\n",
        encoding="utf-8",
    )
    [listed] = found(project)
    assert (listed.code, listed.severity) == ("importance-lowered", "notice")
    assert "采购结果已在省平台公告，本站转载；批准人：区财政局局长" in listed.zh
    report = pipeline.check(project, D("2011-12-31"))
    assert report.content is not None and report.config is not None
    from generator import compliance

    figures = compliance.compute(report.content, report.config, report.report.problems, D("2011-12-31"))
    assert figures.district.importance_lowered == 1


def test_a_category_changed_after_publication_is_judged_from_git(project: Path) -> None:
    """Without a ledger, the category a posting had when its published date reached the main line is the one it went
    live with: moving it elsewhere afterwards needs a reason and an approver, committed or not."""
    repo = repo_of(project)
    old = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    old.write_text(
        old.read_text(encoding="utf-8").replace("category: 政府采购", "category: 重大决策"), encoding="utf-8"
    )
    [changed] = found(project)
    assert changed.code == "category-changed" and "本条公开时的类别是“政府采购”，公开后改为“重大决策”" in changed.zh
    commit_all(repo, "2011-09-01T10:00:00+08:00")
    assert [p.code for p in found(project)] == ["category-changed"]
    old.write_text(
        old.read_text(encoding="utf-8")
        + "category_reason: 采购由区政府常务会议决定\ncategory_approver: 区政府办主任\n",
        encoding="utf-8",
    )
    [approved] = found(project)
    assert (approved.code, approved.severity) == ("category-change-approved", "notice")


def test_history_imported_in_bulk_may_change_a_category(project: Path) -> None:
    repo = repo_of(project, "  backdating_since: 2011-06-30\n")
    old = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    old.write_text(
        old.read_text(encoding="utf-8").replace("category: 政府采购", "category: 重大决策"), encoding="utf-8"
    )
    commit_all(repo, "2011-06-20T10:00:00+08:00")  # still the import
    assert found(project) == []
