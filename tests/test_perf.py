"""What makes rebuilds fast keeps them correct: remembered search splits and remembered clean files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jieba
import pytest

from generator import pipeline
from generator.config import load_config
from generator.privacy import scan_site
from generator.searchhook import CACHE_FILE, Segmenter

from .conftest import AS_OF, GOOD

RUNS = ["居巢区财政局办理政府采购事项", "测试区行政服务中心受理申请材料", "严格执行限时办结制"]


def userdict(path: Path, words: str) -> str:
    path.write_text(words, encoding="utf-8")
    return str(path)


def test_segmenter_cuts_like_jieba_and_remembers(tmp_path: Path) -> None:
    words = userdict(tmp_path / "dict.txt", "居巢区财政局\n测试区\n")
    first = Segmenter(jieba, tmp_path / CACHE_FILE)
    first.load_userdict(words)
    jieba.load_userdict(words)
    assert [first.cut(run.encode("utf-8")) for run in RUNS] == [list(jieba.cut(run)) for run in RUNS]
    assert first.cut_by_jieba == len(RUNS)
    first.save()

    again = Segmenter(jieba, tmp_path / CACHE_FILE)
    again.load_userdict(words)
    assert [again.cut(run) for run in RUNS] == [first.cut(run) for run in RUNS]
    assert again.cut_by_jieba == 0 and not again.ready  # jieba never started

    other = Segmenter(jieba, tmp_path / CACHE_FILE)
    other.load_userdict(userdict(tmp_path / "other.txt", "行政服务中心\n"))
    other.cut(RUNS[1])
    assert other.cut_by_jieba == 1  # another dictionary: the remembered splits do not apply


def test_segment_file_keeps_only_the_last_builds_runs(tmp_path: Path) -> None:
    words = userdict(tmp_path / "dict.txt", "测试区\n")
    for runs in (RUNS, RUNS[:1]):
        seg = Segmenter(jieba, tmp_path / CACHE_FILE)
        seg.load_userdict(words)
        for run in runs:
            seg.cut(run)
        seg.save()
    saved = json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))
    assert list(saved["runs"]) == RUNS[:1]


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
def test_rebuild_with_remembered_splits_gives_the_same_search_index(tmp_path: Path) -> None:
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    config = dest / "site_config.yml"
    assert pipeline.build(config, AS_OF).site_built
    index = dest / "site" / "search" / "search_index.json"
    first = index.read_bytes()
    splits = dest / "build" / CACHE_FILE
    assert splits.exists()
    remembered = splits.read_bytes()
    (dest / "build" / "site.stamp").unlink()
    built = pipeline.build(config, AS_OF)
    assert built.site_built and not built.checked.report.errors
    assert built.scan.files == 0 and built.scan.known_clean > 0  # nothing changed, nothing read again
    assert index.read_bytes() == first
    assert splits.read_bytes() == remembered
