"""Leaks through shared parts: a file or fee reachable from a public item must itself be public."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import pipeline

from .conftest import AS_OF

EXEMPT = "exemption: 《政府信息公开条例》第十六条,内部事务信息。\n"


def clashes(project: Path) -> list[tuple[str, int, str]]:
    report = pipeline.check(project, AS_OF).report
    return [(p.loc.file, p.loc.line, p.zh) for p in report.problems if p.code == "shared-with-hidden"]


def test_a_file_attached_to_a_public_and_a_non_public_posting_is_refused(project: Path) -> None:
    postings = project.parent / "content" / "czj" / "postings"
    (postings / "files").mkdir()
    (postings / "files" / "名单.pdf").write_bytes(b"%PDF-1.4\n")
    attach = "attachments:\n  - title: 名单\n    path: files/名单.pdf\n"
    public = postings / "2011-05-12-cai-gou.yml"
    public.write_text(public.read_text(encoding="utf-8") + attach, encoding="utf-8")
    internal = postings / "2011-06-01-nei-bu.yml"
    internal.write_text(
        public.read_text(encoding="utf-8").replace("title: 测试区", "title: 内部") + "audience: 内部公开\n" + EXEMPT,
        encoding="utf-8",
    )
    (found,) = clashes(project)
    assert found[:2] == ("content/czj/postings/2011-05-12-cai-gou.yml", 13)
    assert "content/czj/postings/2011-06-01-nei-bu.yml" in found[2]


def test_a_public_matter_charging_a_hidden_departments_fee_is_refused(project: Path) -> None:
    content = project.parent / "content"
    shutil.copytree(content / "czj", content / "nbj", ignore=shutil.ignore_patterns("procedures", "postings"))
    dept = content / "nbj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8") + "audience: 内部公开\n" + EXEMPT, encoding="utf-8")
    fees = content / "fees.yml"
    fees.write_text(fees.read_text(encoding="utf-8").replace("department: czj", "department: nbj"), encoding="utf-8")
    (found,) = clashes(project)
    assert found[:2] == ("content/czj/procedures/piao-ju.yml", 39)
    assert "piao-ju-gong-ben" in found[2] and "content/fees.yml" in found[2]
