"""Paths that escape or collide: a link out of the content folder, two items on one page, a
department folder named like one of the site's own pages; each is a located error."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import pipeline
from generator.publish import publish

from .conftest import AS_OF, problems_of


def test_a_linked_file_or_folder_is_refused(project: Path, tmp_path: Path) -> None:
    content = project.parent / "content"
    outside = tmp_path / "outside"
    shutil.copytree(content / "czj", outside / "czj")
    (outside / "secret.yml").write_text((content / "czj" / "postings" / "2011-05-12-cai-gou.yml").read_text())
    (content / "czj" / "postings" / "2011-06-01-link.yml").symlink_to(outside / "secret.yml")
    (content / "wjj").symlink_to(outside / "czj", target_is_directory=True)
    found = [(code, file) for code, file, _ in problems_of(project) if code == "content-link"]
    assert ("content-link", "content/czj/postings/2011-06-01-link.yml") in found
    assert ("content-link", "content/wjj") in found
    assert {file for _, file in found} == {"content/czj/postings/2011-06-01-link.yml", "content/wjj"}


def test_two_items_on_one_page_are_both_named(project: Path) -> None:
    content = project.parent / "content"
    shutil.copytree(content / "czj", content / "czj-cg")
    procedures = content / "czj" / "procedures"
    shutil.copy(procedures / "piao-ju.yml", procedures / "cg-piao-ju.yml")
    clashes = sorted(file for code, file, _ in problems_of(project) if code == "page-clash")
    assert clashes == ["content/czj-cg/procedures/piao-ju.yml", "content/czj/procedures/cg-piao-ju.yml"]


def test_a_department_named_like_a_site_page_is_refused(project: Path) -> None:
    content = project.parent / "content"
    for name in ("index", "assets", "search"):
        shutil.copytree(content / "czj", content / name)
    found = sorted(file for code, file, _ in problems_of(project) if code == "reserved-name")
    assert found == ["content/assets", "content/index", "content/search"]


DOCUMENT = """\
number: 测财〔2011〕18号
title: 测试区行政事业性收费票据管理办法
issuer: 测试区财政局
summary: 行政事业性收费一律使用统一印制的非税收入票据。
issued: 2011-05-09
effective: 2011-06-01
status: 有效
filing:
  date: 2011-05-16
  authority: 测试区人民政府法制办公室
"""


def test_two_normative_documents_on_one_address_are_named_and_nothing_is_built_or_published(
    project: Path, tmp_path: Path
) -> None:
    """czj + piao-ju-guan-li-ban-fa and czj-piao + ju-guan-li-ban-fa are both registers/documents/czj-piao-ju-guan-li-ban-fa/:
    one would silently replace the other. Both files are named, before anything is written."""
    content = project.parent / "content"
    shutil.copytree(content / "czj", content / "czj-piao")
    for folder, name in (("czj", "piao-ju-guan-li-ban-fa"), ("czj-piao", "ju-guan-li-ban-fa")):
        (content / folder / "documents").mkdir()
        (content / folder / "documents" / f"{name}.yml").write_text(DOCUMENT, encoding="utf-8")
    clashes = sorted((file, line) for code, file, line in problems_of(project) if code == "page-clash")
    assert clashes == [
        ("content/czj-piao/documents/ju-guan-li-ban-fa.yml", 1),
        ("content/czj/documents/piao-ju-guan-li-ban-fa.yml", 1),
    ]
    [one, _] = [p for p in pipeline.check(project, AS_OF).report.problems if p.code == "page-clash"]
    assert (
        "registers/documents/czj-piao-ju-guan-li-ban-fa/" in one.zh
        and "czj-piao/documents/ju-guan-li-ban-fa.yml" in one.zh
    )
    site = tmp_path / "site"
    built = pipeline.build(project, AS_OF, site)
    assert built.report.exit_code == 1 and not site.exists()
    assert not (project.parent / "build" / "docs").exists()  # nothing written for the engine either
    published = publish(project, tmp_path / "www", AS_OF)
    assert published.release is None and not (tmp_path / "www" / "current").exists()


def test_two_attachments_of_one_posting_published_under_one_name_are_both_named(project: Path) -> None:
    """files/a/名单.pdf and files/b/名单.pdf of one posting would both be attachments/czj/<posting>/名单.pdf."""
    folder = project.parent / "content" / "czj" / "postings"
    for sub in ("a", "b"):
        (folder / "files" / sub).mkdir(parents=True)
        (folder / "files" / sub / "名单.txt").write_text(f"第 {sub} 份", encoding="utf-8")
    post = folder / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8")
        + "attachments:\n  - title: 名单甲\n    path: files/a/名单.txt\n  - title: 名单乙\n    path: files/b/名单.txt\n",
        encoding="utf-8",
    )
    found = [p for p in pipeline.check(project, AS_OF).report.problems if p.code == "page-clash"]
    assert sorted((p.loc.file, p.loc.line) for p in found) == [
        ("content/czj/postings/2011-05-12-cai-gou.yml", 13),
        ("content/czj/postings/2011-05-12-cai-gou.yml", 15),
    ]
    assert "attachments/czj/2011-05-12-cai-gou/名单.txt" in found[0].zh
