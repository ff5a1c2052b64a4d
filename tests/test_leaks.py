"""Nothing non-public reaches the public site: a marker planted in every non-public item appears
in no file of the public build (pages, search index, sitemap, flowcharts) and in the internal one."""

from __future__ import annotations

import gzip
import html
import json
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.audience import for_audience
from generator.personal import normalise
from generator.sitescan import PAGEFIND_FRAGMENT, PAGEFIND_SIGNATURE, leak_probes, scan_site

from .conftest import AS_OF

pytestmark = pytest.mark.slow

EXEMPT = "exemption: 《政府信息公开条例》第十六条,内部事务信息。\n"


def plant(project: Path) -> list[str]:
    """Add non-public items (a whole department, a matter, a posting), each carrying its own marker."""
    content = project.parent / "content"
    markers = [f"隐藏标记QZX{n}号" for n in range(6)]
    shutil.copytree(content / "czj", content / "nbj")
    dept = content / "nbj" / "department.yml"
    dept.write_text(
        dept.read_text(encoding="utf-8")
        .replace("name: 测试区财政局", f"name: {markers[0]}局")
        .replace("办公室", f"{markers[1]}室")
        + f"audience: 内部公开\n{EXEMPT}",
        encoding="utf-8",
    )
    for path in [*(content / "nbj").glob("p*/*.yml")]:
        derive(path, path, {}, "内部公开")
    derive(
        content / "czj" / "procedures" / "piao-ju.yml",
        content / "czj" / "procedures" / "nei-bu.yml",
        {
            "name: 行政事业性收费票据领购": f"name: {markers[2]}事项",
            "action: 审核发放票据": f"action: 审核{markers[3]}",
        },
        "一定范围公开",
    )
    derive(
        content / "czj" / "postings" / "2011-05-12-cai-gou.yml",
        content / "czj" / "postings" / "2011-06-01-nei-bu.yml",
        {"title: 测试区2011年办公设备政府采购中标公告": f"title: {markers[4]}公告", "特此公告。": f"{markers[5]}。"},
        "一定范围公开",
    )
    return markers


def derive(source: Path, dest: Path, changes: dict[str, str], audience: str) -> None:
    """Write `source` to `dest` with text replaced and a non-public audience added."""
    text = source.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    recipients = "recipients: [czj]\n" if audience == "一定范围公开" else ""
    dest.write_text(text + f"audience: {audience}\n{EXEMPT}{recipients}", encoding="utf-8")


def readable(folder: Path) -> str:
    """Every file under `folder` as one text: gzip unpacked, JSON and HTML escapes and zero-width breaks undone."""
    parts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix == PAGEFIND_FRAGMENT:
            data = gzip.decompress(data).removeprefix(PAGEFIND_SIGNATURE)
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        parts.append(normalise(html.unescape(text)))
    return "\n".join(parts)


def test_public_build_shows_no_marker_internal_build_shows_all(project: Path) -> None:
    markers = plant(project)
    public = pipeline.build(project, AS_OF)
    assert not public.report.errors, public.report.render()
    root = project.parent
    out = readable(root / "site") + readable(root / "build")
    for name in ("index.html", "pagefind/pagefind-entry.json", "sitemap.xml", "sitemap.xml.gz"):
        assert (root / "site" / name).is_file(), name
    assert "行政事业性收费票据领购" in out  # the public matter is there
    assert [m for m in markers if m in out] == []

    internal = pipeline.build(project, AS_OF, scope="internal")
    assert not internal.report.errors
    pages = readable(root / "site-internal")
    assert [m for m in markers if m not in pages] == []
    index = readable(root / "site-internal" / "pagefind")
    assert [m for m in markers if m not in index] == []
    flowchart = (root / "site-internal" / "matters" / "czj-nei-bu" / "index.html").read_text(encoding="utf-8")
    assert markers[3] in flowchart.split("<svg", 1)[1]  # in the flowchart itself


def test_the_site_scan_catches_hidden_text_in_a_site(project: Path) -> None:
    """The verifier that guards every public build finds the hidden items in the internal site."""
    plant(project)
    built = pipeline.build(project, AS_OF, scope="internal")
    content = built.generated.checked.content
    config = built.generated.checked.config
    assert content is not None and config is not None
    probes = leak_probes(content, for_audience(content, "public"))
    assert any("QZX" in p for p in probes)
    scan = scan_site(project.parent / "site-internal", config, probes)
    leaked = {p.loc.file for p in scan.problems if p.code == "leak"}
    assert "site-internal/matters/czj-nei-bu/index.html" in leaked
    assert any(f.startswith("site-internal/pagefind/fragment/") for f in leaked)


def test_a_public_item_of_a_hidden_department_fails(project: Path) -> None:
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8") + f"audience: 内部公开\n{EXEMPT}", encoding="utf-8")
    report = pipeline.check(project, AS_OF).report
    assert [(p.code, p.loc.file) for p in report.errors] == [("public-needs-hidden", "content/czj/department.yml")]
    assert "行政事业性收费票据领购" in report.errors[0].zh


def test_a_pending_posting_is_not_public(project: Path) -> None:
    """Completed but not yet published (no `published` date): nowhere on the public site, listed internally."""
    marker = "待公开标记QZX9号"
    derive(
        project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml",
        project.parent / "content" / "czj" / "postings" / "2011-12-28-dai-gong-kai.yml",
        {
            "title: 测试区2011年办公设备政府采购中标公告": f"title: {marker}公告",
            "completed: 2011-05-12": "completed: 2011-12-28",
            "published: 2011-05-16\n": "",
        },
        "社会公开",
    )
    public = pipeline.build(project, AS_OF)
    assert not public.report.errors, public.report.render()
    root = project.parent
    assert marker not in readable(root / "site")  # pages, lists, catalogue, search, feed, open data, sitemap
    assert not (root / "site" / "hotspots" / "czj-2011-12-28-dai-gong-kai").exists()
    internal = pipeline.build(project, AS_OF, scope="internal")
    assert not internal.report.errors
    page = (root / "site-internal" / "hotspots" / "czj-2011-12-28-dai-gong-kai" / "index.html").read_text(
        encoding="utf-8"
    )
    assert marker in page and "未公开" in page
    assert marker in readable(root / "site-internal" / "data")
