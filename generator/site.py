"""The only module that knows mkdocs: write the Markdown tree and config, then build.

Everything upstream produces plain Markdown files and a plain mkdocs.yml, so the site can
also be built by any engine that reads them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .config import SiteConfig

NAV = [
    {"首页": "index.md"},
    {"部门信息": "departments/index.md"},
    {"办事指南": "matters/index.md"},
    {"热点公开": "hotspots/index.md"},
    {"收费目录": "fees.md"},
]
CSS = "assets/disclose.css"


class SiteBuildError(Exception):
    """mkdocs refused the generated tree (a broken link, a bad page)."""


def _asset_text() -> str:
    return resources.files("generator").joinpath("assets/disclose.css").read_text(encoding="utf-8")


def write_tree(docs: Path, pages: Mapping[str, str]) -> int:
    """Write pages under `docs`, touching only files whose text changed; remove stale ones. Returns files written."""
    docs.mkdir(parents=True, exist_ok=True)
    files = dict(pages)
    files[CSS] = _asset_text()
    written = 0
    for rel, text in files.items():
        path = docs / rel
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    wanted = {docs / rel for rel in files}
    for path in sorted(docs.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def mkdocs_config(config: SiteConfig, docs: Path, site_dir: Path) -> dict[str, Any]:
    """A plain mkdocs.yml: material theme, Chinese, no external fonts, pruned navigation."""
    return {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site_dir.resolve()),
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "language": config.language,
            "font": False,
            "features": ["navigation.tabs", "search.suggest", "search.highlight", "content.tooltips"],
            "palette": {"primary": "red", "accent": "red"},
        },
        "plugins": [{"search": {"lang": config.language}}],
        "markdown_extensions": ["tables", "attr_list", "md_in_html", {"toc": {"permalink": False}}],
        "extra_css": [CSS],
        "nav": NAV,
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "warn"}},
    }


def write_config(path: Path, cfg: Mapping[str, Any]) -> None:
    text = yaml.safe_dump(dict(cfg), allow_unicode=True, sort_keys=False)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def fingerprint(pages: Mapping[str, str], cfg: Mapping[str, Any]) -> str:
    """A hash of everything the site is built from: pages, assets, config, engine versions."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for rel in sorted(pages):
        h.update(rel.encode() + b"\0" + pages[rel].encode() + b"\0")
    h.update(_asset_text().encode())
    h.update(json.dumps(cfg, sort_keys=True, ensure_ascii=False).encode())
    h.update(f"{version('mkdocs')}/{version('mkdocs-material')}".encode())
    return h.hexdigest()


def build_if_changed(config_file: Path, stamp: str, site_dir: Path) -> bool:
    """Build unless the last build of `site_dir` came from the same fingerprint; True when built."""
    stamp_file = config_file.parent / "site.stamp"
    if (
        (site_dir / "index.html").exists()
        and stamp_file.exists()
        and stamp_file.read_text() == f"{site_dir.resolve()}\n{stamp}"
    ):
        return False
    stamp_file.unlink(missing_ok=True)
    build_site(config_file)
    stamp_file.write_text(f"{site_dir.resolve()}\n{stamp}")
    return True


def build_site(config_file: Path) -> None:
    """Run a real mkdocs build of the generated config; warnings are errors (strict)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:  # pragma: no cover - the search plugin falls back to plain splitting
        pass
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            cfg = load_config(config_file=str(config_file))
            build(cfg)
    except (Abort, MkDocsException) as exc:
        raise SiteBuildError(f"mkdocs 构建失败:{exc}\n{log.getvalue()}") from None
    finally:
        logger.removeHandler(handler)
