"""The engine step, and the only module that knows mkdocs: write the Markdown tree, the theme folder
and mkdocs.yml (`write_project`), fingerprint all of it, then build and index for search (`build`);
the live preview's server and builds (`LivePreview`).

Everything upstream produces plain Markdown files and a plain mkdocs.yml, so the site can
also be built by any engine that reads them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import yaml

from . import search
from .config import SiteConfig
from .domain import pages
from .problems import Stopped

NAV = [{title: path} for title, path in pages.SECTIONS]
CSS = "assets/disclose.css"
JS = "assets/search.js"
FILTER_JS = "assets/catalogue.js"
SCROLL_JS = "assets/scrollcue.js"
ASSETS = (CSS, JS, FILTER_JS, SCROLL_JS)
OVERRIDES = "assets/overrides"
HEADER = "partials/header.html"
THEME_LANGUAGE = {"zh": "zh-CN"}  # the page's lang attribute; overrides/partials/languages/ defines it


class SiteBuildError(Stopped):
    """mkdocs refused the generated tree (a broken link, a bad page)."""


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
    """The project written for the engine: how many files changed, the fingerprint of all inputs, its mkdocs.yml."""

    written: int
    fingerprint: str
    mkdocs_yml: Path
    site_dir: Path


def write_project(config: SiteConfig, tree: Tree, build_dir: Path, site_dir: Path) -> Written:
    """Write docs/, the theme folder and mkdocs.yml under `build_dir`, touching only what changed."""
    docs = build_dir / "docs"
    written = write_tree(docs, tree.files, tree.copies)
    theme = build_dir / "theme"
    theme_files = write_theme(theme)
    cfg = mkdocs_config(
        config, docs, site_dir, theme_dir=theme, footer=tree.footer, extra_nav=tree.extra_nav, banner=tree.banner
    )
    mkdocs_yml = build_dir / "mkdocs.yml"
    write_config(mkdocs_yml, cfg)
    digests = [f"{rel}:{hashlib.sha256(path.read_bytes()).hexdigest()}" for rel, path in sorted(tree.copies.items())]
    stamp = fingerprint(tree.files, cfg, *theme_files.values(), *digests)
    return Written(written, stamp, mkdocs_yml, site_dir)


def build(project: Written, advance: Callable[[int], None] | None = None) -> bool:
    """Build the written project with the engine unless its last build had the same fingerprint; True when built.

    `advance(n)` is called as pages are written.
    """
    return build_if_changed(project.mkdocs_yml, project.fingerprint, project.site_dir, advance)


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


def write_theme(dest: Path) -> dict[str, str]:
    """Write the theme overrides under `dest`: our own files, and the theme's header with our search box in it.

    The theme shows its search box only with its own (lunr) search plugin; the header is the theme's
    own partial with that condition taken out, so it follows theme upgrades.
    """
    import material

    files = dict(_overrides(resources.files("generator").joinpath(OVERRIDES), ""))
    header = (Path(material.__file__).parent / "templates" / HEADER).read_text(encoding="utf-8")
    files[HEADER] = _header_with_search(header)
    for rel, text in files.items():
        write_if_changed(dest / rel, text)
    return files


_THEME_SEARCH = re.compile(
    r"""\{% if "material/search" in config\.plugins %\}\s*"""
    r"""\{% set search = config\.plugins\["material/search"\] \| attr\("config"\) %\}\s*"""
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


def _overrides(folder: Traversable, prefix: str) -> Iterator[tuple[str, str]]:
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _overrides(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry.read_text(encoding="utf-8")


# Finds the site's root when the 404 page is served under another prefix than site_url's (a
# preview, a copy): the configured path, else the highest folder above that holds our stylesheet.
_FIND_ROOT = (
    "<script>(function(){var p=%s,l=location.pathname,r=l.indexOf(p)===0?p:null,d=l.split('/').slice(0,-1);"
    "for(var n=1;n<=d.length&&!r;n++){var c=d.slice(0,n).join('/')+'/',x=new XMLHttpRequest();"
    "try{x.open('HEAD',c+%s,false);x.send();if(x.status===200)r=c}catch(e){}}"
    "var b=document.createElement('base');b.href=r||'/';document.head.appendChild(b)})();</script>"
)
_ROOT_CONFIG = (
    "<script>(function(){var c=document.getElementById('__config');"
    "c.textContent=c.textContent.split('\"'+%s).join('\"'+document.baseURI);"
    "var s=document.querySelector('[data-dz-search]');if(s)s.setAttribute('data-root',document.baseURI)})();</script>"
)
_RESOURCE = re.compile(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/[^"]*)"[^>]*>(?:</script>)?')


def relocatable_404(site_dir: Path, site_url: str) -> None:
    """Make 404.html work under any base path: mkdocs writes it with the absolute path of site_url,
    which breaks its styles, search and links wherever the site is served under another prefix.

    A first script finds the root and sets <base>; stylesheets and scripts are written by script
    after it (so the browser never fetches them from the wrong place first), links made relative.
    """
    page = site_dir / "404.html"
    root = urlsplit(site_url).path or "/"
    text = page.read_text(encoding="utf-8")

    def written(tag: re.Match[str]) -> str:
        if not tag.group(1).startswith(root):
            return tag.group(0)
        relative = tag.group(0).replace(f'="{root}', '="', 1)
        quoted = json.dumps(relative).replace("</", "<\\/")
        return f"<script>document.write({quoted})</script>"

    text = _RESOURCE.sub(written, text)
    text = text.replace(f'href="{root}', 'href="')
    text = text.replace(f'new URL("{root}",location)', 'new URL(".",document.baseURI)')
    text = text.replace("<head>", "<head>" + _FIND_ROOT % (json.dumps(root), json.dumps(CSS)), 1)
    config = re.compile(r'(<script id="__config"[^>]*>.*?</script>)', re.S)
    text = config.sub(lambda m: m.group(1) + _ROOT_CONFIG % json.dumps(root), text, count=1)
    page.write_text(text, encoding="utf-8")


def mkdocs_config(
    config: SiteConfig,
    docs: Path,
    site_dir: Path,
    *,
    theme_dir: Path | None = None,
    footer: str = "",
    extra_nav: Sequence[Mapping[str, str]] = (),
    banner: str = "",
) -> dict[str, Any]:
    """A plain mkdocs.yml: material theme, Chinese, nothing loaded from other hosts, pruned navigation.

    `extra_nav` adds entries after the public ones (the internal site's own pages).
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
        "extra_javascript": [JS, FILTER_JS, SCROLL_JS],
        "extra": {
            "generator": False,
            "audience_banner": banner,
            "search_synonyms": {s.word: s.means for s in config.search.synonyms},
        },
        "nav": [*NAV, *extra_nav],
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


def fingerprint(pages: Mapping[str, str], cfg: Mapping[str, Any], *extra: str) -> str:
    """A hash of everything the site is built from: pages, assets, config, extra inputs, engine versions."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for rel in sorted(pages):
        h.update(rel.encode() + b"\0" + pages[rel].encode() + b"\0")
    for text in _asset_texts().values():
        h.update(text.encode() + b"\0")
    for text in extra:
        h.update(text.encode() + b"\0")
    h.update(json.dumps(cfg, sort_keys=True, ensure_ascii=False).encode())
    h.update(f"{version('mkdocs')}/{version('mkdocs-material')}/{version('pagefind-bin-extended')}".encode())
    return h.hexdigest()


def build_if_changed(
    config_file: Path, stamp: str, site_dir: Path, advance: Callable[[int], None] | None = None
) -> bool:
    """Build unless the last build of `site_dir` came from the same fingerprint and the folder still holds
    exactly what that build wrote; True when built.

    The stamp records the folder's listing (every file with its size and modification time), so a
    folder another build wrote since (an internal build into the public folder, another project)
    is never taken for this one's.
    """
    stamp_file = config_file.parent / "site.stamp"
    if (
        (site_dir / "index.html").exists()
        and stamp_file.exists()
        and stamp_file.read_text() == f"{site_dir.resolve()}\n{stamp}\n{folder_listing(site_dir)}"
    ):
        return False
    stamp_file.unlink(missing_ok=True)
    build_site(config_file, advance=advance)
    stamp_file.write_text(f"{site_dir.resolve()}\n{stamp}\n{folder_listing(site_dir)}")
    return True


def folder_listing(folder: Path) -> str:
    """A digest of every file under `folder` with its size and modification time: changes when anything there does."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            h.update(f"{path.relative_to(folder).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _markdown_under(docs: Path) -> frozenset[str]:
    """Every Markdown file under `docs`, by its path there (plain strings: a city's 12,000 pages in 0.1 s, not 0.4)."""
    top = len(str(docs)) + 1
    return frozenset(
        os.path.join(folder, name)[top:] for folder, _, names in os.walk(docs) for name in names if name.endswith(".md")
    )


class _DirtyNotice(logging.Filter):
    """Drops mkdocs' notice that a dirty build may leave navigation stale (it cannot here: see LivePreview),
    which strict mode would otherwise count as a failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class LivePreview:
    """mkdocs' live-reload server over the generated project, building into `site_dir`; `rebuild()` builds and
    reloads the open pages. Every build holds `locked()`, so no page is read while it is being written.

    The first build, and one after mkdocs.yml changed (navigation, footer), builds every page; otherwise only
    the pages whose Markdown changed are built (mkdocs' "dirty" build) and the pages of removed files are
    deleted. That is exact for this site: its navigation lists only the fixed section pages, so a page added
    or changed alters no other page's navigation, and every page that lists an item is itself rewritten.
    """

    def __init__(
        self,
        mkdocs_yml: Path,
        host: str,
        port: int,
        site_dir: Path,
        locked: Callable[[], contextlib.AbstractContextManager[None]],
    ) -> None:
        from mkdocs.livereload import LiveReloadServer

        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
        self.mkdocs_yml, self.site_dir, self.locked = mkdocs_yml, site_dir, locked
        mount = urlsplit(yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))["site_url"]).path or "/"
        self.url = f"http://{host}:{port}{mount}"
        self.pages: frozenset[str] = frozenset()
        self.settings = b""
        self.builds, self.built = 0, threading.Condition()
        self.env: jinja2.Environment | None = None
        self.server = LiveReloadServer(builder=self.build, host=host, port=port, root=str(site_dir), mount_path=mount)
        self.server.error_handler = self._not_found
        self.server.watch(str(mkdocs_yml), recursive=False)  # the server puts its reload script in watched pages only
        self.server.build_delay = 0  # the preview asks for a build once its files are written: nothing to wait for

    def rebuild(self, wait: bool = False) -> None:
        """Build and then reload the open pages: what mkdocs 1.6.1 (pinned) does when a watched file changes.
        With `wait`, return once that build has ended."""
        with self.built:
            before = self.builds
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()
        if wait:
            with self.built:
                self.built.wait_for(lambda: self.builds > before)

    def serve(self) -> None:
        """Serve until interrupted (Ctrl+C, or SystemExit from a signal handler)."""
        try:
            self.server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            self.server.shutdown()

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.structure.files import File

        with self.locked():
            config = load_config(config_file=str(self.mkdocs_yml), site_dir=str(self.site_dir))
            config.site_url = None  # no canonical address on a preview's page; working it out for every page of a
            # city took a fifth of a rebuild of one page
            docs = Path(config.docs_dir)
            pages = _markdown_under(docs)
            settings = self.mkdocs_yml.read_bytes()
            dirty = bool(self.pages) and settings == self.settings
            env = self.env if dirty and self.env is not None else config.theme.get_env()
            config.theme.get_env = lambda: env  # type: ignore[method-assign]  # compiled templates kept between builds
            if dirty:
                for gone in self.pages - pages:
                    output = File(gone, str(docs), str(self.site_dir), config.use_directory_urls).abs_dest_path
                    Path(output).unlink(missing_ok=True)
                config.theme.static_templates.clear()  # the 404 page and sitemap: built with every page, unchanged
            try:
                build(config, serve_url=self.url, dirty=dirty)
                self.pages, self.settings, self.env = pages, settings, env
            finally:
                with self.built:
                    self.builds += 1
                    self.built.notify_all()

    def _not_found(self, code: int) -> bytes | None:
        page = self.site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None


PARALLEL_FROM = 400
"""Pages from which mkdocs runs in one process per core: below, starting processes costs more than it saves."""


def build_site(config_file: Path, workers: int | None = None, advance: Callable[[int], None] | None = None) -> None:
    """Run a real mkdocs build of the generated config (warnings are errors: strict), then index it for search.

    A large site is built by one mkdocs process per core (`workers` overrides the choice), each
    rendering its share of the pages (see `_build_share`). `advance(n)` is called as pages are
    written: page by page in one process, a share's pages as each process finishes.
    """
    search.executable()  # a missing Pagefind stops the command before the build, not after it
    from mkdocs.config import load_config
    from mkdocs.utils import clean_directory

    with contextlib.redirect_stdout(io.StringIO()):
        cfg = load_config(config_file=str(config_file))
    site_dir = Path(cfg["site_dir"])
    docs = Path(cfg["docs_dir"])
    pages = sum(1 for _ in docs.rglob("*.md")) if workers is None else 0
    n = workers or (max(1, min(os.cpu_count() or 1, 8)) if pages >= PARALLEL_FROM else 1)
    if n == 1:
        failures = [_build_share(config_file, 0, 1, advance)]
    else:
        clean_directory(str(site_dir))
        share_pages = Counter(zlib.crc32(p.relative_to(docs).as_posix().encode()) % n for p in docs.rglob("*.md"))
        with concurrent.futures.ProcessPoolExecutor(n) as pool:
            running = {pool.submit(_build_share, config_file, share, n): share for share in range(n)}
            failures = []
            for done in concurrent.futures.as_completed(running):
                failures.append(done.result())
                if advance is not None:
                    advance(share_pages[running[done]])
    failed = [f for f in failures if f]
    if failed:
        said = failed[0]
        raise SiteBuildError(f"mkdocs 构建失败：{said}", f"mkdocs refused the generated pages: {said}")
    prune_theme_assets(site_dir)
    relocatable_404(site_dir, cfg["site_url"] or "/")
    try:
        search.index_site(site_dir, cfg["theme"]["language"].split("-")[0])
    except search.SearchIndexError as exc:
        raise SiteBuildError(exc.zh, exc.en) from None


_SHARE = (0, 1)
"""Which share of the pages this process renders: (its number, how many shares)."""


def _is_mine(page: Any) -> bool:
    share, shares = _SHARE
    return shares == 1 or zlib.crc32(page.file.src_uri.encode()) % shares == share


def _render_only_my_share() -> None:
    """In a worker process: mkdocs converts and writes only this process's pages; the first also writes the theme's files."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure.files import Files

    if getattr(mkdocs_build, "_disclose_shared", False):
        return
    populate, render, template = (
        mkdocs_build._populate_page,
        mkdocs_build._build_page,
        mkdocs_build._build_theme_template,
    )
    copy = Files.copy_static_files

    def populate_mine(page: Any, *args: Any, **kwargs: Any) -> None:
        if _is_mine(page):
            populate(page, *args, **kwargs)

    def render_mine(page: Any, *args: Any, **kwargs: Any) -> None:
        if _is_mine(page):
            render(page, *args, **kwargs)

    def template_first(*args: Any, **kwargs: Any) -> None:
        if _SHARE[0] == 0:
            template(*args, **kwargs)

    def copy_first(self: Any, *args: Any, **kwargs: Any) -> None:
        if _SHARE[0] == 0:
            copy(self, *args, **kwargs)

    mkdocs_build._populate_page, mkdocs_build._build_page = populate_mine, render_mine
    mkdocs_build._build_theme_template = template_first
    Files.copy_static_files = copy_first  # type: ignore[method-assign]
    mkdocs_build.utils.clean_directory = lambda path: None  # type: ignore[attr-defined] # emptied once, beforehand
    mkdocs_build._disclose_shared = True  # type: ignore[attr-defined]


def _build_share(config_file: Path, share: int, shares: int, advance: Callable[[int], None] | None = None) -> str:
    """mkdocs builds the pages of share `share` of `shares`; '' when done, else why it failed.

    Every process reads all pages' names, so navigation and links are checked against the whole
    site, and converts and writes only its own pages (by a hash of the file name); the first one
    also writes the theme's files, the sitemap and the 404 page.
    """
    global _SHARE
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException
    from mkdocs.plugins import BasePlugin

    class PageCounter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_post_page(self, output: str, **kwargs: Any) -> str:
            if advance is not None:
                advance(1)
            return output

    if shares > 1:
        _SHARE = (share, shares)
        _render_only_my_share()
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            cfg = load_config(config_file=str(config_file))
            cfg.plugins["disclose-progress"] = PageCounter()
            build(cfg)
    except (Abort, MkDocsException) as exc:
        return f"{exc}\n{log.getvalue()}"
    finally:
        logger.removeHandler(handler)
    return ""


def prune_theme_assets(site_dir: Path) -> int:
    """Remove theme files the site never loads: source maps, the lunr search and its worker. Returns files removed."""
    javascripts = site_dir / "assets" / "javascripts"
    doomed = {*(javascripts / "lunr").rglob("*.js"), *(javascripts / "workers").glob("search.*")}
    doomed |= set((site_dir / "assets").rglob("*.map"))
    for path in doomed:
        path.unlink()
    return len(doomed)
