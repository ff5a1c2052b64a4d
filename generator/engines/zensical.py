"""Zensical, the successor of Material for MkDocs by the same team, driven through its command line
(`zensical build`); it reads the same mkdocs.yml and theme overrides.

Zensical wants the Markdown and the output folder inside the folder of its config file and the Markdown
folder named relative to it, and turns its own search on unless told otherwise: `zensical.yml`, written
beside mkdocs.yml, is mkdocs.yml with those settings changed. The output is then moved into the site folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
import zensical_ui

from ..config import EngineName
from .base import Advance, SiteBuildError, move_into

CONFIG = "zensical.yml"
OUTPUT = "zensical-site"
"""Zensical's output folder, in the build folder (it must lie inside the folder of the config file)."""
HEADER = "partials/header.html"


class Zensical:
    """Zensical's `build` command on the written project."""

    name: EngineName = "zensical"

    def header(self) -> str:
        return (Path(zensical_ui.get_theme_dir()) / HEADER).read_text(encoding="utf-8")

    def versions(self) -> str:
        return f"zensical {version('zensical')}, zensical-ui {version('zensical-ui')}"

    def build(self, mkdocs_yml: Path, site_dir: Path, advance: Advance | None = None) -> None:
        """`zensical build --strict` of the project into the build folder, then moved into `site_dir`."""
        config = write_config(mkdocs_yml)
        output = config.parent / OUTPUT
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config.resolve())]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=config.parent)
        except OSError as exc:
            raise SiteBuildError(f"无法运行 Zensical：{exc}", f"Zensical could not run: {exc}") from None
        said = f"{done.stdout[-2000:]}{done.stderr[-2000:]}".strip()
        if done.returncode != 0 or not (output / "index.html").is_file():
            raise SiteBuildError(f"Zensical 构建失败：\n{said}", f"Zensical refused the generated pages:\n{said}")
        if advance is not None:
            advance(sum(name == "index.html" for _, _, names in os.walk(output) for name in names))
        move_into(output, site_dir)


def zensical_config(mkdocs_yml: Path) -> dict[str, Any]:
    """mkdocs.yml as Zensical reads it: folders relative to the build folder, output inside it, no search of its own
    (the site's search is Pagefind's, indexed after the build)."""
    cfg: dict[str, Any] = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    root = mkdocs_yml.parent.resolve()
    cfg["docs_dir"] = Path(cfg["docs_dir"]).resolve().relative_to(root).as_posix()
    cfg["site_dir"] = OUTPUT
    theme = dict(cfg["theme"])
    if theme.get("custom_dir"):
        theme["custom_dir"] = Path(theme["custom_dir"]).resolve().relative_to(root).as_posix()
    cfg["theme"] = theme
    cfg["plugins"] = [{"search": {"enabled": False}}]
    return cfg


def write_config(mkdocs_yml: Path) -> Path:
    """Write zensical.yml beside mkdocs.yml; returns its path."""
    path = mkdocs_yml.with_name(CONFIG)
    text = yaml.safe_dump(zensical_config(mkdocs_yml), allow_unicode=True, sort_keys=False)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
