"""The default engine: mkdocs 1.6 with the Material theme, driven through its public API only.

That API is `mkdocs.config.load_config`, `mkdocs.commands.build.build`, the plugin events (a plugin
added to `config.plugins`), the public attributes of `File`, `InclusionLevel` and the theme, and the
live-reload server's constructor, `watch`, `serve` and `shutdown`. No function of mkdocs is replaced.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gzip
import io
import logging
import os
import re
import shutil
import tempfile
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
import material
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import cores
from ..config import EngineName
from .base import Advance, SiteBuildError, move_into

HEADER = "partials/header.html"
PARALLEL_FROM = 400
"""Pages from which mkdocs runs in one process per idle core: below, starting processes costs more than it saves."""
SHARES = "shares"
"""In the build folder: where the processes of a parallel build write their shares of the site."""
SITEMAP = "sitemap.xml"
NOT_FOUND = "404.html"
_URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


class MkdocsMaterial:
    """mkdocs with the Material theme: one process, or one per idle core for a large site."""

    name: EngineName = "mkdocs-material"

    def theme_dir(self) -> Path:
        return Path(material.__file__).parent / "templates"

    def header(self) -> str:
        return (Path(material.__file__).parent / "templates" / HEADER).read_text(encoding="utf-8")

    def page_path(self, rel: str) -> str:
        return rel

    def versions(self) -> str:
        return f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}"

    def build(
        self,
        mkdocs_yml: Path,
        site_dir: Path,
        advance: Advance | None = None,
        gone: Sequence[str] | None = None,
        workers: int | None = None,
    ) -> None:
        """Build into `site_dir`; a large site in one process per idle core (`workers` overrides the choice).

        Each process reads every page's name, so navigation and links are checked against the whole
        site, and renders only its share of the pages (by a hash of the file name) into a folder of its
        own; the first also writes the theme's files and the 404 page. The shares are then moved into
        `site_dir` and their sitemaps joined in the order one process writes it.

        With `gone`, one process builds only the pages whose Markdown changed (mkdocs' "dirty" build), copies
        only the files that changed and deletes what the `gone` files had made. That is exact for this site:
        its navigation lists only the fixed section pages, so a page added or changed alters no other page's
        navigation; every page that lists an item is itself rewritten when the list changes; the 404 page and
        the sitemap are built again every time.
        """
        config = _config(mkdocs_yml, site_dir)
        docs = Path(config.docs_dir)
        if gone is not None:
            for rel in gone:
                _remove(Path(File(rel, str(docs), str(site_dir), config.use_directory_urls).abs_dest_path), site_dir)
            _raise_if(_build_share(mkdocs_yml, site_dir, 0, 1, advance, dirty=True)[0])
            return
        pages = _markdown_under(docs)
        n = workers or (cores.idle() if len(pages) >= PARALLEL_FROM else 1)
        if n == 1:
            _raise_if(_build_share(mkdocs_yml, site_dir, 0, 1, advance)[0])
            return
        shares = mkdocs_yml.parent / SHARES
        shutil.rmtree(shares, ignore_errors=True)
        share_pages = Counter(_share_of(rel, n) for rel in pages)
        with concurrent.futures.ProcessPoolExecutor(n) as pool:
            running = {pool.submit(_build_share, mkdocs_yml, shares / str(k), k, n): k for k in range(n)}
            results: dict[int, tuple[str, list[str]]] = {}
            for done in concurrent.futures.as_completed(running):
                results[running[done]] = done.result()
                if advance is not None:
                    advance(share_pages[running[done]])
        _raise_if(next((failed for failed, _ in results.values() if failed), ""))
        first = shares / "0"
        for k in range(1, n):
            _move_pages(shares / str(k), first)
        _join_sitemaps([shares / str(k) / SITEMAP for k in range(n)], results[0][1])
        move_into(first, site_dir)
        shutil.rmtree(shares)


def _raise_if(failed: str) -> None:
    if failed:
        raise SiteBuildError(f"mkdocs 构建失败：{failed}", f"mkdocs refused the generated pages: {failed}")


def _config(mkdocs_yml: Path, site_dir: Path) -> MkDocsConfig:
    with contextlib.redirect_stdout(io.StringIO()):
        return load_config(config_file=str(mkdocs_yml), site_dir=str(site_dir.resolve()))


def _markdown_under(docs: Path) -> list[str]:
    """Every Markdown file under `docs`, by its path there (plain strings: a city's 12,000 pages in 0.1 s, not 0.4)."""
    top = len(str(docs)) + 1
    return [
        os.path.join(folder, name)[top:].replace(os.sep, "/")
        for folder, _, names in os.walk(docs)
        for name in names
        if name.endswith(".md")
    ]


def _share_of(src_uri: str, shares: int) -> int:
    return zlib.crc32(src_uri.encode()) % shares


class _Share(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """In one process of a parallel build: every page but this share's, and for all but the first share every other
    file too, is excluded from the build (still known, so links to it resolve); counts the pages written."""

    def __init__(self, share: int, shares: int, advance: Advance | None) -> None:
        self.share, self.shares, self.advance = share, shares, advance
        self.order: list[str] = []

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        base = (config.site_url or "").rstrip("/") + "/"
        self.order = [urljoin(base, f.url) for f in files.documentation_pages()] if config.site_url else []
        if self.shares > 1:
            for file in files:
                mine = _share_of(file.src_uri, self.shares) == self.share
                if (file.is_documentation_page() and not mine) or (not file.is_documentation_page() and self.share):
                    file.inclusion = InclusionLevel.EXCLUDED
        return files

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        if self.advance is not None:
            self.advance(1)
        return output


def _build_share(
    mkdocs_yml: Path, site_dir: Path, share: int, shares: int, advance: Advance | None = None, dirty: bool = False
) -> tuple[str, list[str]]:
    """mkdocs builds share `share` of `shares` into `site_dir` (only what changed, when `dirty`): '' when done,
    else why it failed; and the canonical address of every page in the order mkdocs lists them."""
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    plugin = _Share(share, shares, advance)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            cfg = _config(mkdocs_yml, site_dir)
            cfg.plugins["disclose-share"] = plugin
            mkdocs_build(cfg, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        return f"{exc}\n{log.getvalue()}", []
    finally:
        logger.removeHandler(handler)
    return "", plugin.order


def _remove(output: Path, site_dir: Path) -> None:
    """Delete a file a removed source had made, and the folders it leaves empty."""
    output.unlink(missing_ok=True)
    folder = output.parent
    while folder != site_dir and folder.is_relative_to(site_dir) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _move_pages(share: Path, into: Path) -> None:
    """Move a later share's pages into the first share's folder (its own 404 page and sitemap stay behind)."""
    for folder, _, names in os.walk(share):
        for name in names:
            source = Path(folder, name)
            rel = source.relative_to(share)
            if rel.as_posix() in (NOT_FOUND, SITEMAP, f"{SITEMAP}.gz"):
                continue
            (into / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, into / rel)


def _join_sitemaps(sitemaps: list[Path], order: list[str]) -> None:
    """Write into the first sitemap (and its .gz) the entries of all, in `order`, as one process writes them."""
    first = sitemaps[0]
    if not first.exists():
        return
    text = first.read_text(encoding="utf-8")
    entries = {
        _LOC.search(m.group(0)).group(1): m.group(0)  # type: ignore[union-attr]
        for path in sitemaps
        for m in _URL_ENTRY.finditer(path.read_text(encoding="utf-8"))
    }
    rank = {loc: n for n, loc in enumerate(order)}
    skeleton = _URL_ENTRY.sub("", text)
    end = len(skeleton[: skeleton.rindex("</urlset>")].rstrip())
    joined = "".join(entries[loc] for loc in sorted(entries, key=lambda loc: rank.get(_unescaped(loc), len(rank))))
    text = skeleton[:end] + joined + skeleton[end:]
    first.write_text(text, encoding="utf-8")
    packed = first.with_name(f"{SITEMAP}.gz")
    stamp = int.from_bytes(packed.read_bytes()[4:8], "little")  # the build time mkdocs gave it
    with packed.open("wb") as out, gzip.GzipFile(fileobj=out, filename=str(packed), mode="wb", mtime=stamp) as gz:
        gz.write(text.encode("utf-8"))


def _unescaped(loc: str) -> str:
    return (
        loc.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&#34;", '"')
    )


class _DirtyNotice(logging.Filter):
    """Drops mkdocs' notice that a dirty build may leave navigation stale (it cannot here: see MkdocsMaterial.build),
    which strict mode would otherwise count as a failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


_DIRTY_NOTICE = _DirtyNotice()
logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)  # the same filter object is added only once


class _KeptTemplates(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Hands mkdocs the theme environment of the previous build while the settings are unchanged, so its
    compiled templates are kept between a preview's builds (the `env` event)."""

    def __init__(self) -> None:
        self.env: jinja2.Environment | None = None
        self.keep = False

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if not (self.keep and self.env is not None):
            self.env = env
        return self.env


class LivePreview:
    """mkdocs' live-reload server over the generated project, building into `site_dir`; `rebuild()` builds and
    reloads the open pages. Every build holds `locked()`, so no page is read while it is being written.

    The first build, and one after mkdocs.yml changed (navigation, footer), builds every page; otherwise only
    the pages whose Markdown changed are built (mkdocs' "dirty" build) and the pages of removed files are
    deleted. That is exact for this site: its navigation lists only the fixed section pages, so a page added
    or changed alters no other page's navigation, and every page that lists an item is itself rewritten.

    A build is asked for by writing a request file the server watches (its public `watch`), which is how the
    server learns of changes; the server then builds and reloads the browsers itself.
    """

    REQUEST_POLL = 0.05
    """Seconds between the server's looks at the request file."""

    def __init__(
        self,
        mkdocs_yml: Path,
        host: str,
        port: int,
        site_dir: Path,
        locked: Callable[[], contextlib.AbstractContextManager[None]],
    ) -> None:
        self.mkdocs_yml, self.site_dir, self.locked = mkdocs_yml, site_dir, locked
        mount = urlsplit(yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))["site_url"]).path or "/"
        self.url = f"http://{host}:{port}{mount}"
        self.pages: frozenset[str] = frozenset()
        self.settings = b""
        self.templates = _KeptTemplates()
        self.asked = self.done = 0
        self.built = threading.Condition()
        self.kept: dict[str, bytes] = {}
        """Files of the preview's own beside the pages (its notice of content errors), written again after every build."""
        self.requests = Path(tempfile.mkdtemp(prefix="disclose-preview-requests-")) / "rebuild"
        self.requests.write_text("0")
        self.server = LiveReloadServer(
            builder=self.build,
            host=host,
            port=port,
            root=str(site_dir),
            mount_path=mount,
            polling_interval=self.REQUEST_POLL,
        )
        self.server.error_handler = self._not_found
        self.server.watch(str(self.requests), recursive=False)
        self.server.build_delay = 0  # the preview asks for a build once its files are written: nothing to wait for

    def rebuild(self, wait: bool = False) -> None:
        """Ask the server to build and then reload the open pages. With `wait`, return once a build that began
        after this request has ended."""
        with self.built:
            self.asked += 1
            asked = self.asked
            self.requests.write_text(str(asked))
        if wait:
            with self.built:
                self.built.wait_for(lambda: self.done >= asked)

    def serve(self) -> None:
        """Serve until interrupted (Ctrl+C, or SystemExit from a signal handler)."""
        try:
            self.server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            self.server.shutdown()
            shutil.rmtree(self.requests.parent, ignore_errors=True)

    def build(self) -> None:
        """Build what changed since the last build (everything the first time), holding the lock."""
        with self.built:
            asked = self.asked
        with self.locked():
            config = _config(self.mkdocs_yml, self.site_dir)
            config.site_url = None  # no canonical address on a preview's page; working it out for every page of a
            # city took a fifth of a rebuild of one page
            docs = Path(config.docs_dir)
            pages = frozenset(_markdown_under(docs))
            settings = self.mkdocs_yml.read_bytes()
            dirty = bool(self.pages) and settings == self.settings
            self.templates.keep = dirty
            config.plugins["disclose-templates"] = self.templates
            if dirty:
                for gone in self.pages - pages:
                    output = File(gone, str(docs), str(self.site_dir), config.use_directory_urls).abs_dest_path
                    Path(output).unlink(missing_ok=True)
                config.theme.static_templates.clear()  # the 404 page and sitemap: built with every page, unchanged
            try:
                mkdocs_build(config, serve_url=self.url, dirty=dirty)
                self.pages, self.settings = pages, settings
            finally:
                for rel, data in self.kept.items():  # a full build empties the folder first
                    _write(self.site_dir / rel, data)
                with self.built:
                    self.done = max(self.done, asked)
                    self.built.notify_all()

    def keep(self, rel: str, data: bytes) -> bool:
        """Put a file of the preview's own at `rel` beside the pages, now and after every build; True when it changed."""
        if self.kept.get(rel) == data:
            return False
        with self.locked():
            self.kept[rel] = data
            _write(self.site_dir / rel, data)
        return True

    def _not_found(self, code: int) -> bytes | None:
        page = self.site_dir / NOT_FOUND
        return page.read_bytes() if code == 404 and page.is_file() else None


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
