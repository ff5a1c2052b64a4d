"""Paths that escape or collide: a link out of the content folder, two items on one page, a
department folder named like one of the site's own pages; each is a located error."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import problems_of


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
