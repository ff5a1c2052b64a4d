"""修订记录 on item pages: real publish targets (the ledger) and real git repositories (where there is no ledger);
the rows read from the built HTML name the day and the fields a clerk changed, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from generator import ledger, pipeline
from generator.publish import CURRENT, publish

from .test_facts import rows_of
from .test_timeliness import commit_all, repo_of

pytestmark = pytest.mark.slow

POSTING = "2011-05-12-cai-gou"
HEAD = ["修订日期", "修改内容"]


def revisions_on(page: Path) -> list[list[str]]:
    """The rows of the page's 修订记录 table ([] when it has none)."""
    rows = rows_of(page.read_text(encoding="utf-8"))
    if HEAD not in rows:
        return []
    found = []
    for row in rows[rows.index(HEAD) + 1 :]:
        if len(row) != 2 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[0]):
            break  # the next table
        found.append(row)
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_ledger_gives_each_revision_its_day_and_fields(project: Path, tmp_path: Path) -> None:
    today = dt.date.today()
    to = tmp_path / "www"
    assert publish(project, to, today).release is not None
    page = to / CURRENT / "hotspots" / f"czj-{POSTING}" / "index.html"
    assert revisions_on(page) == []
    post = project.parent / "content" / "czj" / "postings" / f"{POSTING}.yml"
    edit(post, "summary: 公布办公设备采购项目的中标结果。", "summary: 公布办公设备采购项目的中标结果(含成交金额)。")
    edit(post, "特此公告。", "特此公告,欢迎监督。")
    post.write_text("# 只改注释不算修订\n" + post.read_text(encoding="utf-8"), encoding="utf-8")
    done = publish(project, to, today)
    assert done.release is not None, done.report.render()
    last = json.loads((to / ledger.LEDGER).read_text(encoding="utf-8").splitlines()[-1])
    assert (last["event"], last["changed"]) == ("change", ["body", "summary"])
    assert revisions_on(page) == [[today.isoformat(), "内容概述、正文"]]  # the page of the very publish that made it
    # a comment alone changes the file but no field: recorded as a change of the file, no revision shown
    post.write_text("# 再改注释\n" + post.read_text(encoding="utf-8"), encoding="utf-8")
    assert publish(project, to, today).release is not None
    assert revisions_on(page) == [[today.isoformat(), "内容概述、正文"]]


def test_without_a_ledger_git_history_gives_the_revisions(project: Path, tmp_path: Path) -> None:
    repo = repo_of(project)
    content = project.parent / "content" / "czj"
    post = content / "postings" / f"{POSTING}.yml"
    edit(post, "summary: 公布办公设备采购项目的中标结果。", "summary: 公布办公设备采购项目的中标结果(更正)。")
    commit_all(repo, "2011-06-01T10:00:00+08:00")
    post.write_text("# 注释\n" + post.read_text(encoding="utf-8"), encoding="utf-8")
    commit_all(repo, "2011-06-02T10:00:00+08:00")  # a comment: no revision
    matter = content / "procedures" / "piao-ju.yml"
    text = matter.read_text(encoding="utf-8")
    hours = next(line for line in text.splitlines() if line.startswith("hours:"))
    edit(matter, hours, "hours: 周一至周五 9:00-12:00")
    commit_all(repo, "2011-07-01T10:00:00+08:00")
    built = pipeline.build(project, dt.date(2011, 12, 31), tmp_path / "site")
    assert not built.report.errors, built.report.render()
    site = tmp_path / "site"
    assert revisions_on(site / "hotspots" / f"czj-{POSTING}" / "index.html") == [["2011-06-01", "内容概述"]]
    assert revisions_on(site / "matters" / "czj-piao-ju" / "index.html") == [["2011-07-01", "办理时间"]]
    assert revisions_on(site / "departments" / "czj" / "index.html") == []


def test_a_posting_is_revised_only_after_it_was_published(project: Path, tmp_path: Path) -> None:
    """Edits before the published date was given are drafting, not revisions."""
    repo = repo_of(project)
    post = project.parent / "content" / "czj" / "postings" / "2011-06-01-chu-fa.yml"
    post.write_text(
        "title: 处罚决定\ncategory: 执法处罚\nsummary: 草稿。\ncompleted: 2011-06-01\n",
        encoding="utf-8",
    )
    commit_all(repo, "2011-06-01T10:00:00+08:00")
    edit(post, "summary: 草稿。", "summary: 定稿。")
    commit_all(repo, "2011-06-02T10:00:00+08:00")
    post.write_text(post.read_text(encoding="utf-8") + "published: 2011-06-03\n", encoding="utf-8")
    commit_all(repo, "2011-06-03T10:00:00+08:00")
    edit(post, "title: 处罚决定", "title: 行政处罚决定")
    commit_all(repo, "2011-06-10T10:00:00+08:00")
    built = pipeline.build(project, dt.date(2011, 12, 31), tmp_path / "site")
    assert not built.report.errors, built.report.render()
    page = tmp_path / "site" / "hotspots" / "czj-2011-06-01-chu-fa" / "index.html"
    assert revisions_on(page) == [["2011-06-10", "标题"]]
