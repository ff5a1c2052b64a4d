"""Both engines build the same site: the example district page by page, the same words in every article;
each is driven through its public commands and APIs only."""

from __future__ import annotations

import ast
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import engines, pipeline, site
from generator.config import EngineName
from generator.engines import SiteBuildError
from generator.engines.zensical import Zensical, search_box_css

from .conftest import AS_OF, GOOD, ROOT

ENGINES_DIR = ROOT / "generator" / "engines"
VOID = {"img", "br", "hr", "input", "meta", "link", "wbr", "col", "path", "polygon", "ellipse"}
"""Elements without an end tag here (HTML's void elements, and the SVG shapes `dot` writes without one)."""


class Article(HTMLParser):
    """The words of a page's article (`<article>`), as a reader sees them: text and images' alternative text.

    The words drawn in a flowchart (`<svg>`) are kept apart, in sorted order: `dot` may write the same graph's
    clusters in another order from one run to the next."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.words: list[str] = []
        self.drawn: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (tag == "article" or self.open) and tag not in VOID:
            self.open.append(tag)
        if self.open and tag == "img":
            self.words.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.open:
            (self.drawn if "svg" in self.open else self.words).extend(data.split())


def articles(site_dir: Path) -> dict[str, list[str]]:
    """Every HTML page of a built site by its path, with the words of its article (then those of its drawings)."""
    pages = {}
    for page in site_dir.rglob("*.html"):
        article = Article(page.read_text(encoding="utf-8"))
        pages[page.relative_to(site_dir).as_posix()] = [*article.words, "|", *sorted(article.drawn)]
    return pages


@pytest.mark.slow
def test_both_engines_build_the_example_with_the_same_words_in_every_article(tmp_path: Path) -> None:
    built: dict[str, dict[str, list[str]]] = {}
    for name in engines.NAMES:
        dest = tmp_path / name
        shutil.copytree(ROOT / "content", dest / "content")
        shutil.copy(ROOT / "site_config.yml", dest / "site_config.yml")
        result = pipeline.build(dest / "site_config.yml", AS_OF, engine=name)
        assert not result.report.errors, result.report.render()
        built[name] = articles(dest / "site")
    first, second = (built[name] for name in engines.NAMES)
    assert sorted(first) == sorted(second)  # the same pages
    assert len(first) > 100
    differ = [page for page in first if first[page] != second[page]]
    assert differ == [], {page: (first[page][:40], second[page][:40]) for page in differ[:3]}
    assert all(words[0] != "|" for words in first.values())  # every page has an article with words in it


def _private_uses(source: str) -> list[str]:
    """Names with a leading underscore reached through another module's object (`mkdocs_build._build_page`), and
    assignments to any attribute of an imported module (`module.function = …`)."""
    tree = ast.parse(source)
    imported = {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and node.level == 0)
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value.id if isinstance(node.value, ast.Name) else ""
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        private = node.attr.startswith("_") and not node.attr.startswith("__") and owner not in {"self", "cls"}
        if private or (isinstance(root, ast.Name) and root.id in imported and isinstance(node.ctx, ast.Store)):
            found.append(f"{ast.unparse(node)} (line {node.lineno})")
    return found


def test_the_engines_use_no_private_name_and_replace_nothing() -> None:
    for module in sorted(ENGINES_DIR.glob("*.py")):
        assert _private_uses(module.read_text(encoding="utf-8")) == [], module.name
    assert _private_uses("from mkdocs.commands import build\nbuild._build_page = None\n") == [
        "build._build_page (line 2)"
    ]
    assert _private_uses("import mkdocs.utils\nmkdocs.utils.clean_directory = print\n") == [
        "mkdocs.utils.clean_directory (line 2)"
    ]
    assert _private_uses("with self.server._rebuild_cond:\n    pass\n") == ["self.server._rebuild_cond (line 1)"]


@pytest.mark.parametrize("name", engines.NAMES)
def test_each_engines_header_shows_the_site_search_box(name: EngineName, tmp_path: Path) -> None:
    files = site.write_theme(tmp_path, engines.get(name))
    header = (tmp_path / site.HEADER).read_text(encoding="utf-8")
    assert header == files[site.HEADER] != engines.get(name).header()
    assert 'include "partials/search.html"' in header and "search.enabled" not in header


def test_the_search_box_keeps_materials_look_under_zensical() -> None:
    css = search_box_css()
    assert ".md-search__input{" in css and "@media screen" in css
    assert css.count("{") == css.count("}")
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    assert rules and all("md-search" in selector for selector in rules)


@pytest.mark.slow
def test_a_page_zensical_refuses_stops_the_build_with_its_reason(project: Path) -> None:
    assert not pipeline.generate(project, AS_OF, engine="zensical").report.errors
    build = project.parent / "build"
    (build / "docs" / "broken.md").write_text("# 断链\n\n[不存在的页面](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError) as refused:
        Zensical().build(build / "mkdocs.yml", project.parent / "site")
    assert "no-such-page.md" in refused.value.en and "Zensical" in refused.value.zh
    assert not (project.parent / "site" / "index.html").exists()


@pytest.mark.slow
@pytest.mark.parametrize("name", engines.NAMES)
def test_a_build_run_in_the_district_folder_writes_its_site_there(
    name: EngineName, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    monkeypatch.chdir(dest)
    built = pipeline.build(Path("site_config.yml"), AS_OF, engine=name)
    assert built.site_built and not built.report.errors
    assert (dest / "site" / "index.html").is_file() and (dest / "site" / "pagefind").is_dir()
    assert not (dest / "build" / "site").exists() and not (dest / "build" / "zensical-site").exists()
