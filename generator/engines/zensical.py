"""Zensical, the successor of Material for MkDocs by the same team, driven through its command line
(`zensical build`); it reads the same mkdocs.yml and theme overrides.

Zensical wants the Markdown and the output folder inside the folder of its config file and the Markdown
folder named relative to it, and turns its own search on unless told otherwise: `zensical.yml`, written
beside mkdocs.yml, is mkdocs.yml with those settings changed, and the theme's `classic` variant, which looks
like Material. The output is then moved into the site folder.

The site's search box is Material's (`partials/search.html` in the overrides); Zensical's stylesheets
have no rules for it, so Material's own rules for it go with the site (`SEARCH_CSS`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import material
import yaml
import zensical_ui

from ..config import EngineName
from ..search import BUNDLE
from .base import Advance, SiteBuildError, move_into

CONFIG = "zensical.yml"
SEARCH_CSS = "assets/search-box.css"
"""In docs/: Material's stylesheet rules for its search box, which the site's search box wears."""
OUTPUT = "zensical-site"
"""Zensical's output folder, in the build folder (it must lie inside the folder of the config file)."""
HEADER = "partials/header.html"
AFTERWARDS = {"404.html", BUNDLE}
"""What is made in the site folder from Zensical's output after its build: not given back to it."""
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


class Zensical:
    """Zensical's `build` command on the written project."""

    name: EngineName = "zensical"

    def theme_dir(self) -> Path:
        return Path(zensical_ui.get_theme_dir())

    def header(self) -> str:
        return (Path(zensical_ui.get_theme_dir()) / HEADER).read_text(encoding="utf-8")

    def page_path(self, rel: str) -> str:
        """`a/b.md` as `a/b/index.md`: Zensical reads a relative link in a page (HTML ones too) against the page's
        own folder, mkdocs against its address (`a/b/`); with every page the index of its folder the two agree,
        and the addresses stay the same."""
        if not rel.endswith(".md") or rel == "index.md" or rel.endswith("/index.md"):
            return rel
        return f"{rel.removesuffix('.md')}/index.md"

    def versions(self) -> str:
        return (
            f"zensical {version('zensical')}, zensical-ui {version('zensical-ui')}, "
            f"mkdocs-material {version('mkdocs-material')} (the search box's stylesheet)"
        )

    def build(
        self, mkdocs_yml: Path, site_dir: Path, advance: Advance | None = None, gone: Sequence[str] | None = None
    ) -> None:
        """`zensical build --strict` of the project into the build folder, then moved into `site_dir`.

        With `gone`, Zensical is first given back what it wrote last time (moved back from `site_dir`, without
        what was made from it afterwards: the 404 page made relocatable, the search index), so that, with its
        cache, it writes only what changed and removes what is gone, as it does in its own folder.
        """
        config = write_config(mkdocs_yml)
        output = config.parent / OUTPUT
        shutil.rmtree(output, ignore_errors=True)
        if gone is not None:
            output.mkdir()
            for entry in os.scandir(site_dir):
                if entry.name not in AFTERWARDS:
                    os.replace(entry.path, output / entry.name)
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config.resolve())]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=config.parent)
        except OSError as exc:
            raise SiteBuildError(f"无法运行 Zensical：{exc}", f"Zensical could not run: {exc}") from None
        said = _COLOURS.sub("", f"{done.stdout}\n{done.stderr}").strip()[-3000:]
        if done.returncode != 0 or not (output / "index.html").is_file():
            raise SiteBuildError(f"Zensical 构建失败：\n{said}", f"Zensical refused the generated pages:\n{said}")
        if advance is not None:
            advance(sum(name == "index.html" for _, _, names in os.walk(output) for name in names))
        _keep_names(config.parent / yaml.safe_load(config.read_text(encoding="utf-8"))["docs_dir"], output)
        move_into(output, site_dir)


def _keep_names(docs: Path, output: Path) -> None:
    """Give every file Zensical copied its name as it is in docs/: 0.1.2 writes `a%25b.txt` as `a%b.txt` (it
    percent-decodes the name), so the pages' links to it would not be found."""
    for folder, _, names in os.walk(docs):
        for name in names:
            rel = Path(folder, name).relative_to(docs).as_posix()
            if rel.endswith(".md"):
                continue
            target, decoded = output / rel, output / unquote(rel)
            mangled = decoded != target and decoded.is_file() and not (docs / unquote(rel)).exists()
            if mangled and target.exists():
                decoded.unlink()
            elif mangled:
                decoded.replace(target)
            elif not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(docs / rel, target)


def zensical_config(mkdocs_yml: Path) -> dict[str, Any]:
    """mkdocs.yml as Zensical reads it: folders relative to the build folder, output inside it, no search of its own
    (the site's search is Pagefind's, indexed after the build)."""
    cfg: dict[str, Any] = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    root = mkdocs_yml.parent.resolve()
    cfg["docs_dir"] = Path(cfg["docs_dir"]).resolve().relative_to(root).as_posix()
    cfg["site_dir"] = OUTPUT
    theme = dict(cfg["theme"], variant="classic")
    if theme.get("custom_dir"):
        theme["custom_dir"] = Path(theme["custom_dir"]).resolve().relative_to(root).as_posix()
    cfg["theme"] = theme
    cfg["plugins"] = [{"search": {"enabled": False}}]
    cfg["extra_css"] = [*cfg.get("extra_css", []), SEARCH_CSS]
    return cfg


def write_config(mkdocs_yml: Path) -> Path:
    """Write zensical.yml beside mkdocs.yml, and the search box's stylesheet into the Markdown folder; returns the
    config's path."""
    cfg = zensical_config(mkdocs_yml)
    path = mkdocs_yml.with_name(CONFIG)
    _write(path, yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False))
    _write(path.parent / cfg["docs_dir"] / SEARCH_CSS, search_box_css())
    return path


def _write(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def search_box_css() -> str:
    """Every rule of Material's stylesheet that styles its search box (`md-search…`), inside its media queries."""
    sheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    main = next(sheets.glob("main.*.min.css")).read_text(encoding="utf-8")
    return (
        "/* Material for MkDocs (MIT licence): its rules for the search box. */\n"
        + _rules(main)
        + "\n/* Zensical hides its own search on narrow screens; this box is the site's, shown as Material shows it. */\n"
        + ".js .md-search.dz-search{display:block}\n"
    )


def _rules(css: str) -> str:
    """The rules of `css` whose selector names `md-search`, with the @media and @supports blocks around them."""
    kept = []
    for prelude, body in _blocks(css):
        if prelude.startswith(("@media", "@supports")):
            inner = _rules(body)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif not prelude.startswith("@") and "md-search" in prelude:
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)


def _blocks(css: str) -> Iterator[tuple[str, str]]:
    """(what comes before the brace, what is inside it) for each top-level block of minified CSS."""
    start = 0
    while (opening := css.find("{", start)) >= 0:
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        yield css[start:opening].strip(), css[opening + 1 : end - 1]
        start = end
