"""The engine step: write the Markdown tree, the theme folder and mkdocs.yml once for every engine
(`write_project`), fingerprint all of it, then have the chosen engine build it and index it for search
(`build`).

Everything upstream produces plain Markdown files and a plain mkdocs.yml; `engines/` holds each
engine's part, on its public commands and APIs only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from . import engines, search
from .config import DEFAULT_ENGINE, EngineName, SiteConfig
from .domain import pages
from .engines import SiteBuildError
from .engines.base import Advance
from .notfound import relocatable_404

NAV = [{title: path} for title, path in pages.SECTIONS]
CSS = "assets/disclose.css"
JS = "assets/search.js"
FILTER_JS = "assets/catalogue.js"
SCROLL_JS = "assets/scrollcue.js"
"""Says when a flowchart is wider than the column, and shades the edge with more to see."""
PREVIEW_JS = "assets/preview.js"
"""Shows the live preview's content errors on its pages; does nothing on a published site."""
ASSETS = (CSS, JS, FILTER_JS, SCROLL_JS, PREVIEW_JS)
OVERRIDES = "assets/overrides"
HEADER = "partials/header.html"
STAMP = "site.stamp"
"""In the build folder: what the last build of the site folder was built from, and the folder's listing after it."""
THEME_LANGUAGE = {"zh": "zh-CN"}  # the page's lang attribute; overrides/partials/languages/ defines it


@dataclass(frozen=True)
class Tree:
    """What the engine is given: every rendered file, the attachments to copy, the footer, extra navigation."""

    files: Mapping[str, str]
    """Pages and open-data files: path under docs/ → text."""
    copies: Mapping[str, Path]
    """Attachments: path under docs/ → the file in the content folder."""
    footer: str
    extra_nav: Sequence[Mapping[str, str]] = ()
    banner: str = ""
    """Shown on top of every page: the audience a site that is not the public one was built for."""


@dataclass(frozen=True)
class Written:
    """The project written for the engine: how many files changed, the fingerprint of all inputs, its mkdocs.yml,
    and the engine that builds it."""

    written: int
    fingerprint: str
    mkdocs_yml: Path
    site_dir: Path
    engine: EngineName = DEFAULT_ENGINE
    settings: str = ""
    """A hash of what every page depends on beside its own Markdown: the config, the theme, the engine, versions."""
    sources: tuple[str, ...] = ()
    """Every file the project has under docs/, by its path there."""


def write_project(
    config: SiteConfig, tree: Tree, build_dir: Path, site_dir: Path, engine: EngineName = DEFAULT_ENGINE
) -> Written:
    """Write docs/, the theme folder and mkdocs.yml under `build_dir` for `engine`, touching only what changed."""
    docs = build_dir / "docs"
    builder = engines.get(engine)
    files = {builder.page_path(rel): text for rel, text in tree.files.items()}
    written = write_tree(docs, files, tree.copies)
    theme = build_dir / "theme"
    theme_files = write_theme(theme, builder)
    cfg = mkdocs_config(
        config,
        docs,
        site_dir,
        theme_dir=theme,
        footer=tree.footer,
        extra_nav=tree.extra_nav,
        banner=tree.banner,
        page_path=builder.page_path,
    )
    mkdocs_yml = build_dir / "mkdocs.yml"
    write_config(mkdocs_yml, cfg)
    digests = [f"{rel}:{hashlib.sha256(path.read_bytes()).hexdigest()}" for rel, path in sorted(tree.copies.items())]
    stamp = fingerprint(files, cfg, *theme_files.values(), *digests, engine=engine)
    settings = fingerprint({}, cfg, *theme_files.values(), engine=engine)
    sources = tuple(sorted({*files, *tree.copies, *ASSETS}))
    return Written(written, stamp, mkdocs_yml, site_dir, engine, settings, sources)


def build(project: Written, advance: Advance | None = None) -> bool:
    """Build the written project with its engine and index it for search, unless the last build of its site folder
    had the same fingerprint and the folder still holds exactly what that build wrote; True when built.

    When that last build had the same settings (config, theme, engine) and only files under docs/ changed, the
    engine is told which of them are gone and may build only what changed (mkdocs does; see
    `engines.base.Engine.build`). `advance(n)` is called as pages are written. The stamp records the folder's
    listing (every file with its size and modification time), so a folder another build wrote since (an
    internal build into the public folder, another project) is never taken for this one's.
    """
    site_dir = project.site_dir
    stamp_file = project.mkdocs_yml.parent / STAMP
    last = _last_build(stamp_file, site_dir)
    if last is not None and last.get("fingerprint") == project.fingerprint:
        return False
    stamp_file.unlink(missing_ok=True)
    gone = None
    if last is not None and last.get("settings") == project.settings and isinstance(last.get("sources"), list):
        gone = sorted(set(last["sources"]) - set(project.sources))
    build_site(project.mkdocs_yml, site_dir, project.engine, advance, gone)
    stamp = {
        "site": str(site_dir.resolve()),
        "fingerprint": project.fingerprint,
        "settings": project.settings,
        "sources": list(project.sources),
        "listing": folder_listing(site_dir),
    }
    stamp_file.write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
    return True


def _last_build(stamp_file: Path, site_dir: Path) -> dict[str, Any] | None:
    """What the stamp says of the last build, when it was a build of `site_dir` and the folder is as it left it."""
    try:
        last = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict) or last.get("site") != str(site_dir.resolve()):
        return None
    if not (site_dir / "index.html").exists() or last.get("listing") != folder_listing(site_dir):
        return None
    return last


def build_site(
    mkdocs_yml: Path,
    site_dir: Path,
    engine: EngineName = DEFAULT_ENGINE,
    advance: Advance | None = None,
    gone: Sequence[str] | None = None,
) -> None:
    """The engine's build of the written project into `site_dir` (warnings are errors: strict), then what every
    site gets whatever built it: theme files it never loads removed, a 404 page that works under any
    path, and the Pagefind search index. With `gone`, `site_dir` holds the last build of the project with
    the same settings, and these files of docs/ are gone since (see `engines.base.Engine.build`)."""
    search.executable()  # a missing Pagefind stops the command before the build, not after it
    engines.get(engine).build(mkdocs_yml, site_dir, advance, gone)
    cfg = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    prune_theme_assets(site_dir)
    undated_sitemap(site_dir)
    relocatable_404(site_dir, cfg["site_url"] or "/")
    try:
        search.index_site(site_dir, cfg["theme"]["language"].split("-")[0])
    except search.SearchIndexError as exc:
        raise SiteBuildError(exc.zh, exc.en) from None


def _asset_texts() -> dict[str, str]:
    """Our stylesheet and search script, by their path in the docs tree."""
    return {rel: resources.files("generator").joinpath(rel).read_text(encoding="utf-8") for rel in ASSETS}


def write_tree(docs: Path, pages: Mapping[str, str], copies: Mapping[str, Path] | None = None) -> int:
    """Write pages and copy files (attachments) under `docs`, touching only what changed; remove stale files.

    Returns the number of files written.
    """
    docs.mkdir(parents=True, exist_ok=True)
    files = dict(pages) | _asset_texts()
    written = sum(write_if_changed(docs / rel, text) for rel, text in files.items())
    copies = copies or {}
    written += sum(write_if_changed(docs / rel, source.read_bytes()) for rel, source in copies.items())
    wanted = {docs / rel for rel in files} | {docs / rel for rel in copies}
    for path in sorted(docs.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def write_theme(dest: Path, engine: engines.Engine) -> dict[str, str]:
    """Write the theme overrides under `dest`: our own files, the engine theme's header with our search box in it,
    and the theme's inline scripts as script files.

    The theme shows its search box only with its own search plugin; the header is the theme's own
    partial with that condition taken out, so it follows theme upgrades. The same goes for its
    inline scripts (see `_scripts_as_files`).
    """
    files = dict(_overrides(resources.files("generator").joinpath(OVERRIDES), ""))
    files[HEADER] = _header_with_search(engine.header())
    for partial in sorted((engine.theme_dir() / THEME_SCRIPTS).glob("*.html")):
        files.update(_scripts_as_files(f"{THEME_SCRIPTS}/{partial.name}", partial.read_text(encoding="utf-8")))
    for rel, text in files.items():
        write_if_changed(dest / rel, text)
    return files


_THEME_SEARCH = re.compile(
    r"""\{% if "(?:material/)?search" in config\.plugins %\}\s*"""
    r"""\{% set search = config\.plugins\["(?:material/)?search"\] \| attr\("config"\) %\}\s*"""
    r"""\{% if search\.enabled %\}(?P<box>.*?)\{% endif %\}\s*\{% endif %\}""",
    re.S,
)


def _header_with_search(header: str) -> str:
    """The theme's header with its search button and box shown without the theme's search plugin."""
    patched, n = _THEME_SEARCH.subn(lambda m: m.group("box"), header, count=1)
    if n != 1:
        raise SiteBuildError(
            f"主题的 {HEADER} 已改变，无法放入站内搜索框；请更新 generator/site.py。",
            f"The theme's {HEADER} changed and the site search box no longer fits in it; update generator/site.py.",
        )
    return patched


THEME_SCRIPTS = "partials/javascripts"
"""The theme's partials that hold inline scripts."""
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_VALUE_IN_STRING = re.compile(r'"\{\{(.*?)\}\}"')


def _scripts_as_files(partial: str, text: str) -> dict[str, str]:
    """The theme's partial with each inline script moved into a script file of its own, beside the files it writes.

    A Content-Security-Policy that allows no inline script (docs/publishing.md) would block them. A value the
    template printed into the script (the site's base) goes into a data attribute of the script element, which
    the script reads from `document.currentScript`; the script runs at the same place in the page as before.
    """
    stem = partial.rsplit("/", 1)[-1].removesuffix(".html")
    files: dict[str, str] = {}

    def moved(script: re.Match[str]) -> str:
        name = f"assets/javascripts/theme-{stem}-{len(files) + 1}.js"
        values: list[str] = []

        def attribute(value: re.Match[str]) -> str:
            values.append(value.group(1).strip())
            return f'document.currentScript.getAttribute("data-value-{len(values)}")'

        body = _VALUE_IN_STRING.sub(attribute, script.group(1))
        if "{{" in body or "{%" in body:
            raise SiteBuildError(
                f"主题的 {partial} 已改变，无法把其中的脚本移到文件里；请更新 generator/site.py。",
                f"The theme's {partial} changed and its inline script cannot be moved into a file; update generator/site.py.",
            )
        files[name] = body + "\n"
        data = "".join(f' data-value-{n}="{{{{ ({v}) | e }}}}"' for n, v in enumerate(values, 1))
        return f"<script src=\"{{{{ '{name}' | url }}}}\"{data}></script>"

    rewritten = _INLINE_SCRIPT.sub(moved, text)
    return {partial: rewritten, **files}


def _overrides(folder: Traversable, prefix: str) -> Iterator[tuple[str, str]]:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _overrides(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry.read_text(encoding="utf-8")


def mkdocs_config(
    config: SiteConfig,
    docs: Path,
    site_dir: Path,
    *,
    theme_dir: Path | None = None,
    footer: str = "",
    extra_nav: Sequence[Mapping[str, str]] = (),
    banner: str = "",
    page_path: Callable[[str], str] = str,
) -> dict[str, Any]:
    """A plain mkdocs.yml: material theme, Chinese, nothing loaded from other hosts, pruned navigation.

    `extra_nav` adds entries after the public ones (the internal site's own pages); `page_path` says where
    the engine keeps each page named in the navigation.
    """
    theme: dict[str, Any] = {
        "name": "material",
        "language": THEME_LANGUAGE.get(config.language, config.language) if theme_dir else config.language,
        "font": False,
        "features": ["navigation.tabs", "content.tooltips"],
        "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
    }
    if theme_dir is not None:
        theme["custom_dir"] = str(theme_dir.resolve())
    return {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site_dir.resolve()),
        "use_directory_urls": True,
        "strict": True,
        "copyright": footer,  # HTML the theme prints as is: pages.tree.footer escapes every value in it
        "theme": theme,
        "plugins": [],  # search is Pagefind's, indexed after the build (search.py)
        "markdown_extensions": ["tables", "attr_list", "md_in_html", {"toc": {"permalink": False}}],
        "extra_css": [CSS],
        "extra_javascript": [JS, FILTER_JS, SCROLL_JS, PREVIEW_JS],
        "extra": {
            "generator": False,
            "audience_banner": banner,
            "search_synonyms": {s.word: s.means for s in config.search.synonyms},
        },
        "nav": [{title: page_path(path) for title, path in entry.items()} for entry in [*NAV, *extra_nav]],
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "warn"}},
    }


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write `text` unless the file already holds it, so unchanged files keep their time stamps."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")  # bytes, so CSV line ends compare exactly
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_config(path: Path, cfg: Mapping[str, Any]) -> None:
    """Write mkdocs.yml."""
    write_if_changed(path, yaml.safe_dump(dict(cfg), allow_unicode=True, sort_keys=False))


def fingerprint(
    pages: Mapping[str, str], cfg: Mapping[str, Any], *extra: str, engine: EngineName = DEFAULT_ENGINE
) -> str:
    """A hash of everything the site is built from: pages, assets, config, extra inputs, the engine and versions."""
    h = hashlib.sha256()
    for rel in sorted(pages):
        h.update(rel.encode() + b"\0" + pages[rel].encode() + b"\0")
    for text in _asset_texts().values():
        h.update(text.encode() + b"\0")
    for text in extra:
        h.update(text.encode() + b"\0")
    h.update(json.dumps(cfg, sort_keys=True, ensure_ascii=False).encode())
    h.update(f"{engine}: {engines.get(engine).versions()}, pagefind {version('pagefind-bin-extended')}".encode())
    return h.hexdigest()


def folder_listing(folder: Path) -> str:
    """A digest of every file under `folder` with its size and modification time: changes when anything there does."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            h.update(f"{path.relative_to(folder).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return h.hexdigest()


def prune_theme_assets(site_dir: Path) -> int:
    """Remove theme files the site never loads, whichever engine wrote them: source maps, the theme's own search
    (lunr and its worker; Zensical's empty index) and the stylesheets of a theme variant no page uses.
    Returns files removed."""
    assets = site_dir / "assets"
    javascripts = assets / "javascripts"
    doomed = {*(javascripts / "lunr").rglob("*.js"), *(javascripts / "workers").glob("search.*")}
    doomed |= set(assets.rglob("*.map")) | {p for p in [site_dir / "search.json"] if p.is_file()}
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    unused = [v for v in (assets / "stylesheets").iterdir() if v.is_dir() and f"stylesheets/{v.name}/" not in home]
    doomed |= {path for variant in unused for path in variant.rglob("*") if path.is_file()}
    for path in doomed:
        path.unlink()
    for variant in unused:
        shutil.rmtree(variant)
    return len(doomed)


SITEMAP = "sitemap.xml"
_LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


def undated_sitemap(site_dir: Path) -> None:
    """The sitemap without the engine's build date: it gave every page the day of the build as its last change, which
    is not when the page changed, and made two builds of the same content differ (a publish compares them)."""
    sitemap = site_dir / SITEMAP
    if not sitemap.is_file():
        return
    text = _LASTMOD.sub("", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    with (site_dir / f"{SITEMAP}.gz").open("wb") as raw, gzip.GzipFile(SITEMAP, "wb", fileobj=raw, mtime=0) as out:
        out.write(text.encode("utf-8"))
