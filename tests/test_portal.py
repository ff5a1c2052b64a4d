"""A city portal over two districts' published sites: one search box, results from both, each named.

Two synthetic districts (bench.synth, different seeds) are built by the real pipeline, with one
posting in each given a word no other page has. They are served under one host as /a/ and /b/,
the portal as /portal/, and searched in Chromium as a visitor would.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect

from bench.synth import Size, generate
from generator import codes, pipeline
from generator.cli import main
from generator.portal import load_portal

from .browser import chromium, serving
from .conftest import AS_OF

PORTAL = """\
title: 测试市政务公开
sites:
  - name: 甲区
    url: /a/
  - name: 乙区<b>
    url: /b/
"""
MARKERS = {"a": "杏花村渡口", "b": "桃花岛码头"}
"""A word put into one posting title of each district, found nowhere else."""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "portal.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_portal_file_with_a_bad_site_is_refused_at_its_line(tmp_path: Path) -> None:
    text = PORTAL.replace("url: /b/", "url: javascript:alert(1)").replace("name: 甲区", "name: 乙区<b>")
    portal, problems = load_portal(write(tmp_path, text))
    assert portal is None
    found = sorted((p.code, p.loc.line) for p in problems)
    assert found == [(codes.PORTAL_SITE, 5), (codes.PORTAL_SITE, 6)]  # the name twice, then the address
    result = CliRunner().invoke(
        main, ["portal", "--config", str(tmp_path / "portal.yml"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1 and "portal.yml:6" in result.output and "以 / 结尾" in result.output
    assert not (tmp_path / "o").exists()


def test_a_portal_without_sites_or_file_is_refused(tmp_path: Path) -> None:
    portal, problems = load_portal(write(tmp_path, "title: 测试市政务公开\nsites: []\n"))
    assert portal is None and [(p.code, p.loc.line) for p in problems] == [(codes.REQUIRED, 2)]
    result = CliRunner().invoke(main, ["portal", "--config", str(tmp_path / "none.yml")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_a_portal_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    args = ["portal", "--config", str(write(tmp_path, PORTAL)), "--out", str(blocker / "portal")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and codes.OUTPUT_UNWRITABLE in result.output


def district(root: Path, seed: int, marker: str) -> Path:
    """A small synthetic district built by the real pipeline, one posting titled with `marker`; its site/."""
    config = generate(root, Size(2, 6, 20), seed)
    first = sorted((config.parent / "content").rglob("postings/*.yml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(re.sub(r"^title: (.*)$", rf"title: \1{marker}公告", text, count=1, flags=re.M), encoding="utf-8")
    built = pipeline.build(config, AS_OF)
    assert not built.report.errors, built.report.render()
    return config.parent / "site"


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both districts and the portal under one host; yields the portal's address."""
    root = tmp_path_factory.mktemp("city")
    served = root / "www"
    for name, seed in (("a", 1), ("b", 2)):
        site = district(root / f"district-{name}", seed, MARKERS[name])
        shutil.copytree(site, served / name)
    portal_file = root / "portal.yml"
    portal_file.write_text(PORTAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["portal", "--config", str(portal_file), "--out", str(served / "portal")])
    assert result.exit_code == 0, result.output
    with serving(served) as url:
        yield url + "portal/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type `query`; the results shown as (link, district)."""
    page.fill("input[name=query]", query)
    page.press("input[name=query]", "Enter")
    expect(page.locator(".dz-portal-status")).to_contain_text(re.compile(f"“{query}”：找到|没有找到“{query}”"))
    links = page.locator(".dz-portal-results li a")
    sites = page.locator(".dz-portal-results li .dz-portal-facts span:first-child")
    return list(zip(links.evaluate_all("ls => ls.map(l => l.href)"), sites.all_inner_texts(), strict=True))


@pytest.mark.slow
def test_one_search_finds_each_districts_pages_and_names_the_district(browser: Browser, city: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(city)
    assert not [u for u in requests if "/pagefind/" in u]  # nothing of any index before a search
    for name, label in (("a", "甲区"), ("b", "乙区<b>")):
        found = search(page, MARKERS[name])  # the posting first, then the lists that name it: all of one district
        assert found[0][0].startswith(city.replace("portal/", f"{name}/hotspots/"))
        assert {shown for _, shown in found} == {label}
        assert all(link.startswith(city.replace("portal/", f"{name}/")) for link, _ in found)
        assert any(u.startswith(city.replace("portal/", f"{name}/pagefind/")) for u in requests)
    both = search(page, "公告")
    assert {site for _, site in both} == {"甲区", "乙区<b>"}
    page.select_option("select[name=site]", "乙区<b>")
    only_b = search(page, "公告")
    assert only_b and {site for _, site in only_b} == {"乙区<b>"}
    assert page.locator("b").count() == 0  # a district's name is text, never markup
    page.select_option("select[name=site]", "")
    link = search(page, MARKERS["b"])[0][0]
    page.click(".dz-portal-results li a >> nth=0")
    expect(page).to_have_url(link)
    expect(page.locator("h1")).to_contain_text(MARKERS["b"])  # the result opens the district's own page
