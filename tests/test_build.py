"""Real builds: a real `dot`, a real mkdocs-material build of the fixture district."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline, site

from .conftest import AS_OF, FLOW, ROOT

pytestmark = pytest.mark.slow


def test_fixture_builds_a_site_with_flowcharts(project: Path) -> None:
    built = pipeline.build(project, AS_OF)
    assert not built.report.errors
    site = project.parent / "site"
    page = (site / "matters" / "czj-piao-ju" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page
    assert 'role="img"' in page and "行政事业性收费票据领购办事流程图" in page
    assert page.count('<svg role="img"') == 1
    assert "办结日期" in (site / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    for name in (
        "index.html",
        "departments/czj/index.html",
        "fees/index.html",
        "hotspots/index.html",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
    ):
        assert (site / name).exists(), name
    assert built.generated.layout.laid_out == 2 and built.generated.layout.processes == 1


def test_second_build_runs_no_dot(project: Path) -> None:
    pipeline.build(project, AS_OF)
    again = pipeline.build(project, AS_OF)
    assert again.generated.layout.processes == 0 and again.generated.layout.cached == 2
    assert again.generated.written == 0 and not again.site_built


def test_an_edit_rebuilds_only_what_changed(project: Path) -> None:
    pipeline.build(project, AS_OF)
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    post.write_text(post.read_text(encoding="utf-8").replace("特此公告。", "特此公告,欢迎监督。"), encoding="utf-8")
    again = pipeline.build(project, AS_OF)
    assert again.site_built and again.generated.layout.processes == 0
    assert again.generated.written == 3  # the posting's page and the hotspots data set (JSON and CSV)
    html = (project.parent / "site" / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    assert "欢迎监督" in html


def test_text_from_yaml_cannot_inject_markup(project: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = post.read_text(encoding="utf-8").replace(
        "summary: 公布办公设备采购项目的中标结果。",
        "summary: '<script>alert(1)</script> [点我](javascript:alert(1)) **粗体** <img src=x onerror=alert(1)>'",
    )
    post.write_text(text, encoding="utf-8")
    pipeline.build(project, AS_OF)
    html = (project.parent / "site" / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not re.search(r'href="javascript:', html)
    assert "&lt;script&gt;" in html


def test_example_district_builds(tmp_path: Path) -> None:
    """The embedded example content (content/ at the project root) is valid and builds (in a copy: never in the checkout)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "site_config.yml", tmp_path)
    built = pipeline.build(tmp_path / "site_config.yml", dt.date.today())
    assert not built.report.errors, built.report.render()
    content = built.generated.checked.content
    assert content is not None
    assert len(content.departments) >= 8 and len(content.procedures) >= 16 and len(content.postings) >= 40
    for proc in content.procedures:
        page = tmp_path / "site" / "matters" / f"{proc.department}-{proc.id}" / "index.html"
        assert page.exists() == (proc.audience == "社会公开"), page  # the public site has public matters only


def test_tables_from_macros_are_markup_not_text(project: Path) -> None:
    pipeline.build(project, AS_OF)
    home = (project.parent / "site" / "index.html").read_text(encoding="utf-8")
    assert "&lt;table" not in home and '<table class="dz-table">' in home


def test_attachments_are_published_and_linked(project: Path) -> None:
    folder = project.parent / "content" / "czj" / "postings"
    (folder / "files").mkdir()
    (folder / "files" / "zhong-biao.pdf").write_bytes(b"%PDF-1.4 fixture attachment\n")
    post = folder / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8") + "attachments:\n  - title: 中标结果公示表\n    path: files/zhong-biao.pdf\n",
        encoding="utf-8",
    )
    built = pipeline.build(project, AS_OF)
    assert not built.report.errors, built.report.render()
    site = project.parent / "site"
    copied = site / "attachments" / "czj" / "2011-05-12-cai-gou" / "zhong-biao.pdf"
    assert copied.read_bytes() == b"%PDF-1.4 fixture attachment\n"
    page = (site / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../attachments/czj/2011-05-12-cai-gou/zhong-biao.pdf"' in page and "中标结果公示表" in page
    (folder / "files" / "zhong-biao.pdf").write_bytes(b"%PDF-1.4 corrected attachment\n")
    again = pipeline.build(project, AS_OF)
    assert again.site_built and copied.read_bytes() == b"%PDF-1.4 corrected attachment\n"


def test_guides_and_departments_show_when_they_last_changed(project: Path) -> None:
    """Dates come from git history: the catalogue and the pages show each file's last change."""
    root = project.parent
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root)}  # fmt: skip

    def commit(day: str) -> None:
        dated = env | {"GIT_AUTHOR_DATE": f"{day}T09:00:00", "GIT_COMMITTER_DATE": f"{day}T09:00:00"}
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=dated)
        subprocess.run(["git", "-C", str(root), "commit", "-qm", day], check=True, env=dated)

    subprocess.run(["git", "-C", str(root), "init", "-q", "-b", "main"], check=True, env=env)
    commit("2011-03-01")
    guide = root / "content" / "czj" / "procedures" / "piao-ju.yml"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("不准吃拿卡要。", "不准吃拿卡要,不准推诿扯皮。"), encoding="utf-8"
    )
    commit("2011-04-15")
    built = pipeline.build(project, AS_OF)
    assert not built.report.errors, built.report.render()
    site = root / "site"
    matter = (site / "matters" / "czj-piao-ju" / "index.html").read_text(encoding="utf-8")
    assert '更新日期</th><td><time datetime="2011-04-15">' in matter
    dept = (site / "departments" / "czj" / "index.html").read_text(encoding="utf-8")
    assert '更新日期 <time datetime="2011-03-01">' in dept
    catalogue = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2011-03-01">' in catalogue  # the department's duties
    assert '<time datetime="2011-04-15">' in (site / "catalogue" / "czj" / "index.html").read_text(encoding="utf-8")


def test_outside_git_no_date_is_invented(project: Path) -> None:
    pipeline.build(project, AS_OF)
    matter = (project.parent / "site" / "matters" / "czj-piao-ju" / "index.html").read_text(encoding="utf-8")
    assert "更新日期" not in matter


@pytest.mark.slow
def test_a_preview_of_one_department_builds_its_pages_and_those_it_links_to(tmp_path: Path) -> None:
    dest = tmp_path / "district"
    shutil.copytree(FLOW, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    built = pipeline.generate(dest / "site_config.yml", AS_OF, only="zrj")
    assert not built.report.errors, built.report.render()
    docs = dest / "build-only-zrj" / "docs"
    assert (docs / "matters" / "zjj-yu-shou.md").is_file()  # led by zjj, zrj takes part
    assert not (docs / "matters" / "zjj-shi-gong.md").exists()  # zjj's own
    assert (docs / "departments" / "zjj.md").is_file()  # named by the shared matter, so its link resolves
    assert not (dest / "build" / "docs").exists()  # the full build's tree is left alone
    site.build_site(dest / "build-only-zrj" / "mkdocs.yml", dest / "site-only-zrj")  # strict: every link resolves
