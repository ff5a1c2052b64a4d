"""Atomic publishing with real builds into real folders: releases, the live link, keep N, rollback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.ledger import LEDGER
from generator.publish import CURRENT, LOCK, MANIFEST, TARGET, PublishError, live, publish, releases, rollback

from .conftest import AS_OF

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
    second = publish(project, to, AS_OF, keep=2)
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


def test_cli_publish_and_rollback(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    for _ in range(2):
        code, out = run("publish", "--config", str(project), "--as-of", "2011-12-31", "--to", str(to), "--keep", "3")
        assert code == 0, out
        assert "已发布" in out
    code, out = run("publish", "--to", str(to), "--rollback")
    assert code == 0 and "已回退" in out
    code, out = run("publish", "--to", str(to), "--rollback")
    assert code == 2 and "没有更早的版本" in out


def test_a_real_folder_named_current_is_refused(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    (to / CURRENT).mkdir(parents=True)
    (to / CURRENT / "index.html").write_text("old site", encoding="utf-8")
    with pytest.raises(PublishError):
        publish(project, to, AS_OF)
    assert (to / CURRENT / "index.html").read_text(encoding="utf-8") == "old site"
