"""What makes rebuilds fast keeps them correct: remembered clean files, the same search index."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.config import load_config
from generator.engines.mkdocs_material import MkdocsMaterial
from generator.sitescan import scan_site

from .conftest import AS_OF, GOOD


def site_with(tmp_path: Path, text: str) -> Path:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "a.html").write_text("<p>办事指南 0551-82321001</p>", encoding="utf-8")
    (site / "b.html").write_text(text, encoding="utf-8")
    return site


def test_scan_memo_skips_unchanged_clean_files_and_never_forgets_a_finding(tmp_path: Path) -> None:
    config, _ = load_config(GOOD / "site_config.yml")
    assert config is not None
    memo = tmp_path / "build" / "site-scan.json"
    site = site_with(tmp_path, "<p>手机 13800138000</p>")
    first = scan_site(site, config, memo=memo)
    again = scan_site(site, config, memo=memo)
    assert [p.code for p in first.problems] == [p.code for p in again.problems] == ["personal-data-output"]
    assert (first.files, first.known_clean) == (2, 0)
    assert (again.files, again.known_clean) == (1, 1)  # only the file with the number is read again
    probe = ["办事指南0551"]
    leaked = scan_site(site, config, probe, memo=memo)  # new probes: clean verdicts no longer count
    assert (leaked.files, leaked.known_clean) == (2, 0)
    assert [p.code for p in leaked.problems].count("leak") == 1


@pytest.mark.slow
def test_rebuild_gives_the_same_search_index_and_reads_no_clean_file_again(tmp_path: Path) -> None:
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    config = dest / "site_config.yml"
    assert pipeline.build(config, AS_OF).site_built
    bundle = dest / "site" / "pagefind"
    first = {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert any(p.suffix == ".pf_fragment" for p in first)
    (dest / "build" / "site.stamp").unlink()
    built = pipeline.build(config, AS_OF)
    assert built.site_built and not built.report.errors
    assert built.scan.files == 0 and built.scan.known_clean > 0  # nothing changed, nothing read again
    assert {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == first


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_mkdocs_in_two_or_three_processes_writes_the_same_site_as_in_one(tmp_path: Path) -> None:
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    assert not pipeline.generate(dest / "site_config.yml", AS_OF).report.errors
    config = dest / "build" / "mkdocs.yml"
    written = []
    for workers in (1, 2, 3):
        MkdocsMaterial().build(config, dest / "site", workers=workers)
        written.append(files_of(dest / "site"))
    assert written[0] == written[1] == written[2]
    assert len([k for k in written[0] if k.endswith(".html")]) >= 12
    sitemap = written[0]["sitemap.xml"].decode()
    assert sitemap.count("<loc>") == len([k for k in written[0] if k.endswith("/index.html") or k == "index.html"])
    assert gzip.decompress(written[0]["sitemap.xml.gz"]).decode() == sitemap
    assert not (dest / "build" / "shares").exists()
