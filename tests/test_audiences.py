"""Three audiences for real (policy 二(二)5): the public, named units or groups (一定范围公开, `--for`),
and the 政务公开领导小组's internal view. Each site shows exactly what its audience may see; nothing
addressed only to one audience appears anywhere in another's site."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import codes, pipeline
from generator.audience import for_audience
from generator.cli import main
from generator.content import Content
from generator.domain.recipients import INTERNAL_SCOPE, PUBLIC_SCOPE, Directory, recipient_of, scope_for

from .conftest import AS_OF, ROOT
from .test_leaks import EXEMPT, readable

EXAMPLE_AS_OF = dt.date(2011, 12, 31)


@pytest.fixture(scope="module")
def example() -> Content:
    checked = pipeline.check(ROOT / "site_config.yml", EXAMPLE_AS_OF)
    assert checked.content is not None and not checked.report.errors, checked.report.render()
    return checked.content


def shown(content: Content, scope: str) -> set[str]:
    """The ids of the matters and postings one audience's site shows."""
    kept = for_audience(content, scope)
    return {p.id for p in kept.procedures} | {p.id for p in kept.postings}


RESTRICTED_POSTINGS = {"2011-11-18-jing-ji-ze-ren-shen-ji-tong-bao", "2011-09-08-chang-wu-hui-yi-ji-yao"}
AUDIT_MATTER = "jing-ji-ze-ren-shen-ji"
INTERNAL_MATTER = "qu-zheng-fu-gong-wen-ban-li"


def test_a_township_sees_what_is_addressed_to_its_group_and_nothing_else(example: Content) -> None:
    public = shown(example, PUBLIC_SCOPE)
    township = shown(example, scope_for("zhegao"))
    assert township - public == RESTRICTED_POSTINGS  # addressed to 全区各乡镇, which 柘皋镇 belongs to
    assert AUDIT_MATTER not in township and INTERNAL_MATTER not in township


def test_a_unit_named_directly_sees_its_item(example: Content) -> None:
    assert shown(example, scope_for("zuzhibu")) - shown(example, PUBLIC_SCOPE) == {AUDIT_MATTER}


def test_a_department_sees_its_own_internal_items_and_what_its_groups_receive(example: Content) -> None:
    office = shown(example, scope_for("qzfb")) - shown(example, PUBLIC_SCOPE)
    assert office == RESTRICTED_POSTINGS | {INTERNAL_MATTER}  # 区直各部门 + its own 内部公开 matter
    audit = shown(example, scope_for("sjj")) - shown(example, PUBLIC_SCOPE)
    assert audit == RESTRICTED_POSTINGS | {AUDIT_MATTER}  # its own restricted matter, though addressed elsewhere


def test_a_group_site_shows_what_is_addressed_to_the_group_not_to_overlapping_groups(example: Content) -> None:
    assert shown(example, scope_for("xiangzhen")) - shown(example, PUBLIC_SCOPE) == RESTRICTED_POSTINGS
    assert shown(example, scope_for("changwu")) == shown(example, PUBLIC_SCOPE)  # members overlap, not the group


def test_the_internal_view_shows_everything(example: Content) -> None:
    everything = {p.id for p in example.procedures} | {p.id for p in example.postings}
    assert shown(example, INTERNAL_SCOPE) == everything


def test_membership_runs_through_nested_groups() -> None:
    names = {k: k for k in ("a", "b", "inner", "outer", "other")}
    directory = Directory(names, {"inner": ("a",), "outer": ("inner", "b"), "other": ("b",)})
    assert directory.addressees("a") == {"a", "inner", "outer"}
    assert directory.addressees("inner") == {"inner", "outer"}
    assert not directory.cycle("outer")
    assert Directory(names, {"inner": ("outer",), "outer": ("inner",)}).cycle("inner")


def test_an_unknown_audience_is_a_usage_error_and_writes_nothing(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(project), "--as-of", "2011-12-31", "--for", "nosuch"])
    assert result.exit_code == 2, result.output
    assert "nosuch" in result.output and "district.yml" in result.output
    assert not (project.parent / "site-for-nosuch").exists()
    args = ["check", "--config", str(project)]
    assert CliRunner().invoke(main, args).exit_code == 0  # check alone knows no audience
    json_run = ["build", "--config", str(project), "--as-of", "2011-12-31", "--for", "nosuch", "--format", "json"]
    result = CliRunner().invoke(main, json_run)
    assert result.exit_code == 2 and '"audience-unknown"' in result.output
    both = ["build", "--config", str(project), "--for", "czj", "--audience", "internal"]
    result = CliRunner().invoke(main, both)
    assert result.exit_code == 2 and "--for" in result.output


def test_the_sites_ci_builds_are_listed_once_and_checked(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["audiences", "--config", str(project), "--json"]).output.strip() == "[]"
    example = runner.invoke(main, ["audiences", "--config", str(ROOT / "site_config.yml"), "--as-of", "2011-12-31"])
    assert example.exit_code == 0 and example.output.split() == ["xiangzhen", "zuzhibu"]
    add_sites(project, "czj", "nosuch")
    result = runner.invoke(main, ["audiences", "--config", str(project), "--as-of", "2011-12-31"])
    assert result.exit_code == 1
    report = pipeline.check(project, AS_OF).report
    found = [(p.code, p.loc.file, p.loc.line) for p in report.problems if p.code == codes.SITE_AUDIENCE_UNKNOWN]
    lines = project.read_text(encoding="utf-8").splitlines()
    assert found == [("site-audience-unknown", "site_config.yml", lines.index("  - id: nosuch") + 1)]


INTRANET = "http://zwgk.example.internal/"


def add_sites(project: Path, *ids: str) -> None:
    """List a site for each id under `audiences`, each at its own address on the intranet."""
    sites = "".join(f"  - id: {i}\n    site_url: {INTRANET}{i}/\n" for i in ids)
    project.write_text(project.read_text(encoding="utf-8") + f"audiences:\n{sites}", encoding="utf-8")


def test_a_site_without_an_address_of_its_own_is_not_built(project: Path) -> None:
    runner = CliRunner()
    args = ["build", "--config", str(project), "--as-of", "2011-12-31", "--for", "czj"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "site-address-missing" in result.output
    assert "- id: czj" in result.output and "site_url:" in result.output
    assert not (project.parent / "site-for-czj").exists()
    project.write_text(project.read_text(encoding="utf-8").replace("internal_site_url:", "# internal_site_url:"))
    result = runner.invoke(main, ["build", "--config", str(project), "--as-of", "2011-12-31", "--audience", "internal"])
    assert result.exit_code == 1 and "internal_site_url" in result.output
    assert not (project.parent / "site-internal").exists()


def test_audiences_written_as_plain_ids_say_how_to_give_each_its_address(project: Path) -> None:
    project.write_text(project.read_text(encoding="utf-8") + "audiences:\n  - czj\n  - id: nbj\n", encoding="utf-8")
    found = [
        (p.code, p.loc.line, p.zh)
        for p in pipeline.check(project, AS_OF).report.problems
        if p.loc.file == "site_config.yml"
    ]
    lines = project.read_text(encoding="utf-8").splitlines()
    assert [(code, line) for code, line, _ in found] == [
        ("site-address-missing", lines.index("  - czj") + 1),
        ("required", lines.index("  - id: nbj") + 1),
    ]
    assert "- id: czj" in found[0][2] and "site_url:" in found[0][2]


@pytest.mark.slow
def test_every_site_links_to_its_own_address(project: Path) -> None:
    """Canonical links, sitemap, feed and open data of a unit's and of the internal site name their own address,
    never the public site's."""
    add_sites(project, "czj")
    public = "https://example.gov.cn/zwgk/"
    for scope, folder, address in (
        (scope_for("czj"), "site-for-czj", f"{INTRANET}czj/"),
        (INTERNAL_SCOPE, "site-internal", "http://zwgk.example.internal/ldxz/"),
        (PUBLIC_SCOPE, "site", public),
    ):
        built = pipeline.build(project, AS_OF, scope=scope)
        assert not built.report.errors, built.report.render()
        site = project.parent / folder
        home = (site / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{address}">' in home
        sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
        assert f"<loc>{address}fees/</loc>" in sitemap
        feed = (site / "data" / "hotspots.atom.xml").read_text(encoding="utf-8")
        assert f'href="{address}hotspots/czj-2011-05-12-cai-gou/"' in feed
        assert f'"url": "{address}departments/czj/"' in (site / "data" / "departments.json").read_text(encoding="utf-8")
        if scope != PUBLIC_SCOPE:
            named = [p for p in site.rglob("*") if p.is_file() and public.encode() in p.read_bytes()]
            assert named == [], f"{folder} names the public site's address"


# The pairwise leak test: one marker per audience, planted in items only that audience may see.

GROUPS = """units:
  - id: zhen-a
    name: 甲镇人民政府
  - id: zhen-b
    name: 乙镇人民政府
groups:
  - id: xiangzhen
    name: 全区各乡镇
    members: [zhen-a, zhen-b]
"""

AUDIENCES = {
    "zhen-a": scope_for("zhen-a"),
    "zhen-b": scope_for("zhen-b"),
    "xiangzhen": scope_for("xiangzhen"),
    "nbj": scope_for("nbj"),
    "czj": scope_for("czj"),
    "public": PUBLIC_SCOPE,
    "internal": INTERNAL_SCOPE,
}
MARKERS = {
    "zhen-a": "甲镇专送标记QZA",
    "xiangzhen": "乡镇范围标记QZX",
    "nbj": "审计局内部标记QZN",
}
"""Marker → the one recipient it is addressed to. Every marked item belongs to the department nbj, so `nbj` is
also the owner that sees them all; its marker is on a 内部公开 item of its own; czj is a department that is
neither owner nor recipient."""
OWNER = "nbj"


def plant(project: Path) -> None:
    add_sites(project, *(recipient_of(scope) or "" for scope in AUDIENCES.values() if recipient_of(scope)))
    content = project.parent / "content"
    district = content / "district.yml"
    district.write_text(district.read_text(encoding="utf-8") + GROUPS, encoding="utf-8")
    dept = content / OWNER / "department.yml"
    (content / OWNER / "postings").mkdir(parents=True)
    text = (content / "czj" / "department.yml").read_text(encoding="utf-8")
    dept.write_text(text.replace("测试区财政局", "测试区审计局"), encoding="utf-8")
    source = (content / "czj" / "postings" / "2011-05-12-cai-gou.yml").read_text(encoding="utf-8")
    for n, (recipient, marker) in enumerate(MARKERS.items()):
        body = source.replace("测试区2011年办公设备政府采购中标公告", f"{marker}通报").replace(
            "特此公告。", f"{marker}正文。"
        )
        folder = content / OWNER / "postings"
        files = folder / f"files-{n}"
        files.mkdir()
        (files / "tong-bao.txt").write_text(f"{marker}附件内容\n", encoding="utf-8")
        audience = "内部公开" if recipient == OWNER else f"一定范围公开\nrecipients: [{recipient}]"
        attachment = f"attachments:\n  - title: {marker}附件\n    path: files-{n}/tong-bao.txt\n"
        (folder / f"2011-05-1{n}-tong-bao-{n}.yml").write_text(
            body + f"audience: {audience}\n{EXEMPT}{attachment}", encoding="utf-8"
        )


def sees(audience: str, recipient: str) -> bool:
    """Whether a marker addressed to `recipient` belongs in `audience`'s site."""
    if audience in ("internal", OWNER):
        return True
    if audience == "public":
        return False
    return recipient == audience or (recipient == "xiangzhen" and audience in ("zhen-a", "zhen-b"))


@pytest.mark.slow
def test_nothing_addressed_only_to_one_audience_appears_in_another(project: Path) -> None:
    plant(project)
    root = project.parent
    texts: dict[str, str] = {}
    for name, scope in AUDIENCES.items():
        built = pipeline.build(project, AS_OF, scope=scope)
        assert not built.report.errors, built.report.render()
        folder = root / ("site" if scope == PUBLIC_SCOPE else f"site-{scope}")
        texts[name] = readable(folder)
        assert "办公设备政府采购" in texts[name]  # public content is in every site
    for (a, b), (recipient, marker) in itertools.product(itertools.permutations(AUDIENCES, 2), MARKERS.items()):
        if sees(a, recipient) and not sees(b, recipient):
            assert marker not in texts[b], f"{marker} (for {recipient}) leaked into the site of {b}"
    for name, text in texts.items():
        for recipient, marker in MARKERS.items():
            assert (marker in text) == sees(name, recipient), (name, recipient)


@pytest.mark.slow
def test_a_unit_site_says_on_every_page_whom_it_is_for(tmp_path: Path) -> None:
    district = tmp_path / "district"
    shutil.copytree(ROOT / "content", district / "content")
    config = district / "site_config.yml"
    shutil.copy(ROOT / "site_config.yml", config)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "audiences:\n", f"audiences:\n  - id: zhegao\n    site_url: {INTRANET}zhegao/\n"
        ),
        encoding="utf-8",
    )
    built = pipeline.build(config, EXAMPLE_AS_OF, scope=scope_for("zhegao"))
    assert not built.report.errors, built.report.render()
    site = district / "site-for-zhegao"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "本网站为“柘皋镇人民政府”生成" in page and 'class="dz-audience"' in page
    assert "2011年度领导干部经济责任审计结果通报" in readable(site)
    assert (site / "hotspots" / "sjj-2011-11-18-jing-ji-ze-ren-shen-ji-tong-bao" / "index.html").is_file()
    assert not (site / "matters" / "sjj-jing-ji-ze-ren-shen-ji").exists()  # addressed to 区委组织部 only
    public = pipeline.build(config, EXAMPLE_AS_OF)
    assert not public.report.errors
    assert "dz-audience" not in (district / "site" / "index.html").read_text(encoding="utf-8")
