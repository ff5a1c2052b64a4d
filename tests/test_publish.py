"""Atomic publishing with real builds into real folders: releases, the live link, keep N, rollback."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.ledger import LEDGER
from generator.publish import CURRENT, LOCK, MANIFEST, TARGET, PublishError, live, publish, releases, rollback

from .conftest import AS_OF, edit_content

pytestmark = pytest.mark.slow


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_publish_switches_the_live_link_keeps_n_and_rolls_back(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = publish(project, to, AS_OF, keep=2)
    assert first.release is not None and not first.report.errors
    link = to / CURRENT
    assert link.is_symlink() and not os.path.isabs(os.readlink(link))
    assert (link / "index.html").is_file()
    edit_content(project, "一")
    second = publish(project, to, AS_OF, keep=2)
    edit_content(project, "二")
    third = publish(project, to, AS_OF, keep=2)
    assert third.release is not None and live(to) == third.release.resolve()
    assert first.release is not None and third.removed == [first.release]
    assert releases(to) == [second.release, third.release]
    assert rollback(to) == second.release and live(to) == second.release.resolve()  # type: ignore[union-attr]
    with pytest.raises(PublishError):
        rollback(to)
    assert sorted(p.name for p in to.iterdir()) == [LOCK, CURRENT, LEDGER, "releases", TARGET]  # no temporary link left


def test_a_failed_build_never_touches_the_live_site(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    good = publish(project, to, AS_OF)
    assert good.release is not None
    before = (to / CURRENT / "index.html").read_text(encoding="utf-8")
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("address: 测试区人民路8号\n", ""), encoding="utf-8")
    failed = publish(project, to, AS_OF)
    assert failed.release is None and failed.report.exit_code == 1
    assert live(to) == good.release.resolve() and releases(to) == [good.release]
    assert (to / CURRENT / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in (to / "releases").iterdir()) == [
        good.release.name,
        good.release.name + MANIFEST,
    ]  # no half-built folder


def test_personal_data_only_the_output_scan_sees_is_not_published(project: Path, tmp_path: Path) -> None:
    """The site name comes from site_config.yml, not content: the scan of the built site stops it."""
    to = tmp_path / "www"
    good = publish(project, to, AS_OF)
    cfg = project.read_text(encoding="utf-8").replace(
        "site_name: 测试区政务公开", "site_name: 测试区政务公开 13800138000"
    )
    project.write_text(cfg, encoding="utf-8")
    code, out = run("publish", "--config", str(project), "--as-of", "2011-12-31", "--to", str(to))
    assert code == 1
    assert "personal-data-output" in out and "138****8000" in out and "13800138000" not in out
    assert "线上网站未改动" in out
    assert good.release is not None and live(to) == good.release.resolve()


def publish_cli(project: Path, to: Path) -> str:
    code, out = run("publish", "--config", str(project), "--as-of", "2011-12-31", "--to", str(to), "--keep", "5")
    assert code == 0, out
    return out


def listed(to: Path) -> list[dict[str, object]]:
    code, out = run("publish", "--to", str(to), "--list", "--format", "json")
    assert code == 0, out
    found: list[dict[str, object]] = json.loads(out)["releases"]
    return found


def test_releases_are_listed_and_any_can_go_live_and_back(project: Path, tmp_path: Path) -> None:
    """What the web team steers: what each publish did, a publish with nothing new, any release live and back."""
    to = tmp_path / "www"
    out = publish_cli(project, to)
    first = live(to)
    assert first is not None and re.search(rf"已发布 {first.name}（\d+ 个页面）：新上线 \d+ 条、更新 0 条", out)
    out = publish_cli(project, to)
    assert f"生成的网站与当前版本 {first.name} 相同，未生成新版本" in out and releases(to) == [first]
    edit_content(project, "更正")
    out = publish_cli(project, to)
    second = live(to)
    assert second is not None and second != first
    assert "新上线 0 条、更新 1 条、撤回 0 条、移除 0 条" in out and "更新：测试区2011年办公设备政府采购中标公告" in out
    posting = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    posting.write_text(
        posting.read_text(encoding="utf-8")
        + "withdrawn:\n  date: 2011-12-20\n  reason: 内容有误\n  approver: 许晓梅（办公室主任）\n",
        encoding="utf-8",
    )
    out = publish_cli(project, to)
    third = live(to)
    assert third is not None and "新上线 0 条、更新 0 条、撤回 1 条" in out

    rows = listed(to)
    assert [r["release"] for r in rows] == [first.name, second.name, third.name]
    assert [r["current"] for r in rows] == [False, False, True] and all(r["verified"] for r in rows)
    assert rows[1]["changed"] == ["posting:czj/2011-05-12-cai-gou"] and rows[1]["live"] == []
    assert rows[2]["withdrawn"] == ["posting:czj/2011-05-12-cai-gou"]
    assert all(int(str(r["pages"])) > 10 for r in rows)
    code, text = run("publish", "--to", str(to), "--list")
    assert code == 0 and "发布记录 完好" in text
    [row] = [line for line in text.splitlines() if line.startswith(third.name)]
    assert row.endswith("完好  ← 当前")

    code, out = run("publish", "--to", str(to), "--rollback", first.name)  # to a chosen release
    assert code == 0 and first.name in out and live(to) == first.resolve()
    assert [r["current"] for r in listed(to)] == [True, False, False]
    code, out = run("publish", "--to", str(to), "--rollback", third.name)  # and back again
    assert code == 0 and live(to) == third.resolve()
    code, out = run("publish", "--to", str(to), "--rollback")  # the one before the live one
    assert code == 0 and live(to) == second.resolve()
    code, out = run("publish", "--to", str(to), "--rollback", "20000101-000000")
    assert code == 2 and "没有这个版本" in out and live(to) == second.resolve()

    code, text = run("publish", "--to", str(tmp_path / "no-such-target"), "--list")
    assert code == 2 and "不存在" in text

    (first / "index.html").write_text("<p>defaced</p>", encoding="utf-8")
    code, text = run("publish", "--to", str(to), "--list")
    assert code == 1 and "不符" in text and "内容不符" in text
    code, out = run("publish", "--to", str(to), "--rollback", first.name)
    assert code == 2 and "未切换" in out and live(to) == second.resolve()


def test_a_real_folder_named_current_is_refused(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    (to / CURRENT).mkdir(parents=True)
    (to / CURRENT / "index.html").write_text("old site", encoding="utf-8")
    with pytest.raises(PublishError):
        publish(project, to, AS_OF)
    assert (to / CURRENT / "index.html").read_text(encoding="utf-8") == "old site"
