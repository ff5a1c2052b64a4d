"""State is never reused across builds: a folder another build wrote is rebuilt, not trusted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import engines, pipeline
from generator.config import EngineName

from .conftest import AS_OF

pytestmark = pytest.mark.slow


def test_an_internal_build_into_the_public_folder_does_not_survive_the_next_public_build(project: Path) -> None:
    site = project.parent / "site"
    first = pipeline.build(project, AS_OF)
    assert first.site_built and not (site / "report" / "index.html").exists()
    internal = pipeline.build(project, AS_OF, site_dir=site, scope="internal")
    assert internal.site_built and (site / "report" / "index.html").exists()
    again = pipeline.build(project, AS_OF)
    assert again.site_built, "the public folder holds another build's output: it must be built again"
    assert not again.report.errors
    assert not (site / "report" / "index.html").exists()


def test_an_unchanged_public_site_is_not_built_twice(project: Path) -> None:
    assert pipeline.build(project, AS_OF).site_built
    assert not pipeline.build(project, AS_OF).site_built


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("engine", engines.NAMES)
def test_a_rebuild_after_edits_writes_what_a_clean_build_writes(
    project: Path, tmp_path: Path, engine: EngineName
) -> None:
    site, postings = project.parent / "site", project.parent / "content" / "czj" / "postings"
    posting = postings / "2011-05-12-cai-gou.yml"
    assert pipeline.build(project, AS_OF, engine=engine).site_built
    fees = site / "fees" / "index.html"
    untouched = fees.stat().st_mtime_ns
    added = postings / "2011-06-01-cai-gou-geng-zheng.yml"
    added.write_text(posting.read_text(encoding="utf-8").replace("中标公告", "中标更正公告"), encoding="utf-8")
    posting.write_text(
        posting.read_text(encoding="utf-8").replace("中标结果。", "中标结果和联系人。"), encoding="utf-8"
    )
    for step in ("added and edited", "removed"):
        built = pipeline.build(project, AS_OF, engine=engine)
        assert built.site_built and not built.report.errors, step
        copy = tmp_path / step
        # the flowcharts' layouts come along: Graphviz may place the clusters of the same DOT differently from one
        # `dot` process to the next, and a project lays each chart out once, kept by its DOT's hash (graphviz.py)
        shutil.copytree(project.parent, copy, ignore=shutil.ignore_patterns("site", "build"))
        clean = pipeline.build(copy / project.name, AS_OF, engine=engine)
        assert clean.site_built and files_of(site) == files_of(copy / "site"), step
        added.unlink(missing_ok=True)
    assert not (site / "hotspots" / "czj-2011-06-01-cai-gou-geng-zheng").exists()
    assert "中标结果和联系人" in (site / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(
        encoding="utf-8"
    )
    if engine == "mkdocs-material":  # mkdocs builds only the pages whose Markdown changed
        assert fees.stat().st_mtime_ns == untouched
