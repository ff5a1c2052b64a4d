"""A hostile clerk's values in the places the theme controls (<title>, header, navigation, search):
parsed from the built HTML and run in Chromium, every value is inert and shows exactly as typed."""

from __future__ import annotations

import json
import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import pipeline
from generator.config import ICP_SYSTEM, EngineName

from .browser import chromium, serving
from .conftest import AS_OF, GOOD, problems_of

pytestmark = pytest.mark.slow

ATTACK = '\'"</title><script>window.pwned=1</script><img src=x onerror="window.pwned=2">&amp;#x27;'
"""Closes the title and an attribute, opens a script and an event handler; entity text must stay text."""
DEPT = "财政'局" + ATTACK
MATTER = "票据'领购" + ATTACK
POSTING = "采购'公告" + ATTACK
GOVERNMENT = "测试区'人民政府" + ATTACK
SPONSOR = "测试区'政府办公室" + ATTACK
ICP = "皖ICP备{root}00000001号" + ATTACK
"""{root} is what the theme replaces with the site's address in the footer: typed, it must stay text."""
POLICE_URL = 'https://beian.mps.gov.cn/#/query?code=1"><script>window.pwned=3</script>'
ODD_FILE = "报价 #1?v=2%25&x.txt"
"""An attachment name with the characters a URL reads as fragment, query, escape and separator."""
SITE = "测试区政务公开"
PAGES = {
    "departments/czj/index.html": DEPT,
    "boards/czj/index.html": DEPT + "公开栏",
    "matters/czj-piao-ju/index.html": MATTER,
    "hotspots/czj-2011-05-12-cai-gou/index.html": POSTING,
}


def retitle(project: Path) -> None:
    """Put the attack into a department's name, a matter's name, a posting's title and the government's name."""
    content = project.parent / "content"
    for rel, old, new in (
        ("czj/department.yml", "name: 测试区财政局", DEPT),
        ("czj/procedures/piao-ju.yml", "name: 行政事业性收费票据领购", MATTER),
        ("czj/postings/2011-05-12-cai-gou.yml", "title: 测试区2011年办公设备政府采购中标公告", POSTING),
        ("district.yml", "government: 测试区人民政府", GOVERNMENT),
    ):
        path = content / rel
        text = path.read_text(encoding="utf-8")
        key = old.split(":")[0]
        assert old in text
        path.write_text(text.replace(old, f"{key}: {json.dumps(new, ensure_ascii=False)}", 1), encoding="utf-8")


def reidentify(project: Path) -> None:
    """Put the attack into the site identity the footer shows on every page."""
    text = project.read_text(encoding="utf-8")
    for key, old, new in (
        ("sponsor", "测试区人民政府办公室", SPONSOR),
        ("icp", "皖ICP备00000001号", ICP),
        ("police_url", "https://beian.mps.gov.cn/#/query/webSearch?code=34990002000001", POLICE_URL),
    ):
        assert f"{key}: {old}\n" in text
        text = text.replace(f"{key}: {old}\n", f"{key}: {json.dumps(new, ensure_ascii=False)}\n", 1)
    project.write_text(text, encoding="utf-8")


def attach_odd_file(project: Path) -> None:
    posting = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    (posting.parent / "files").mkdir(exist_ok=True)
    (posting.parent / "files" / ODD_FILE).write_text("报价单:合计 80 元。\n", encoding="utf-8")
    with posting.open("a", encoding="utf-8") as f:
        f.write(f"attachments:\n  - title: 报价单\n    path: {json.dumps('files/' + ODD_FILE, ensure_ascii=False)}\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, engine: EngineName) -> Path:
    dest = tmp_path_factory.mktemp(f"hostile-{engine}") / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    retitle(dest / "site_config.yml")
    reidentify(dest / "site_config.yml")
    attach_odd_file(dest / "site_config.yml")
    built = pipeline.build(dest / "site_config.yml", AS_OF, engine=engine)
    assert not built.report.errors, built.report.render()
    return dest / "site"


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A built page as a browser's parser sees it: the title text, every element, and all text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.open[-1:] == ["title"] and "head" in self.open:
            self.title.append(data)
        self.texts.append(data)


def created_by_attack(page: Page) -> list[str]:
    """Elements and attributes only the attack could have made."""
    found = []
    for tag, attrs in page.elements:
        if tag == "img" and attrs.get("src") == "x":
            found.append("img src=x")
        found += [f"{tag} {name}" for name in attrs if name.startswith("on")]
    return found


def test_values_are_inert_and_exact_in_title_header_and_body(hostile_site: Path) -> None:
    for rel, typed in PAGES.items():
        page = Page((hostile_site / rel).read_text(encoding="utf-8"))
        assert "".join(page.title) == f"{typed} - {SITE}", rel
        assert created_by_attack(page) == [], rel
        assert not any("pwned" in (attrs.get("src") or "") for _, attrs in page.elements)
        scripts = [t for t in page.texts if "window.pwned" in t and t.strip().startswith("window.pwned")]
        assert scripts == [], rel
        assert sum(typed in t for t in page.texts) >= 2, f"{rel}: the header and the heading show the value as typed"


def test_footer_shows_the_government_and_identity_as_typed(hostile_site: Path) -> None:
    for rel in ("index.html", *PAGES):
        page = Page((hostile_site / rel).read_text(encoding="utf-8"))
        assert any(GOVERNMENT in t for t in page.texts), rel
        assert any(SPONSOR in t for t in page.texts), rel
        assert any(ICP in t for t in page.texts), rel
        assert created_by_attack(page) == [], rel
        assert [
            a.get("href") for tag, a in page.elements if tag == "a" and a.get("href", "").startswith("https://beian")
        ] == [ICP_SYSTEM, POLICE_URL]
        footer_scripts = [t for t in page.texts if t.startswith("window.pwned")]
        assert footer_scripts == [], rel


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


def test_no_script_runs_in_chromium_and_search_shows_titles_as_typed(hostile_url: str) -> None:
    with chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel, typed in PAGES.items():
            page.goto(hostile_url + rel.removesuffix("index.html"))
            assert page.evaluate("window.pwned") is None, rel
            assert page.title() == f"{typed} - {SITE}"
            assert typed.removesuffix("公开栏") in page.locator("h1").first.inner_text()
        page.goto(hostile_url)
        box = page.locator(".md-search__input")
        box.click()
        box.fill("领购")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=10_000)
        shown = page.locator(".md-search-result__item h1").all_inner_texts()
        assert MATTER in shown
        facts = " ".join(page.locator(".md-search-result__item").all_inner_texts())
        assert DEPT in facts, "the department filter shows the name as typed"
        assert page.evaluate("window.pwned") is None
        assert dialogs == []


def test_attachment_link_reaches_a_file_whose_name_holds_url_syntax(hostile_url: str) -> None:
    rel = "hotspots/czj-2011-05-12-cai-gou/"
    with urllib.request.urlopen(hostile_url + rel) as response:
        page = Page(response.read().decode("utf-8"))
    (href,) = [a["href"] for tag, a in page.elements if tag == "a" and "download" in a and a.get("href")]
    with urllib.request.urlopen(urllib.parse.urljoin(hostile_url + rel, href)) as response:
        assert response.read().decode("utf-8") == "报价单:合计 80 元。\n"


def test_site_name_with_markup_is_refused(project: Path) -> None:
    text = project.read_text(encoding="utf-8").replace(f"site_name: {SITE}", "site_name: '政务<公开>'")
    project.write_text(text, encoding="utf-8")
    assert ("site-name-markup", "site_config.yml", 1) in problems_of(project)
