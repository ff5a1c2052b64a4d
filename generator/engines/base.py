"""What every engine offers (`Engine`), what it raises, and what engines share."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from ..config import EngineName
from ..problems import Stopped

Advance = Callable[[int], None]
"""Called with a number of pages as the engine writes them."""


class SiteBuildError(Stopped):
    """The engine refused the generated tree (a broken link, a bad page)."""


class Engine(Protocol):
    """One engine: its theme's header partial, its versions and a full build."""

    name: EngineName

    def theme_dir(self) -> Path:
        """The folder of the engine theme's own templates (its partials)."""

    def header(self) -> str:
        """The theme's own header partial, into which site.py puts the site's search box."""

    def page_path(self, rel: str) -> str:
        """Where under docs/ the engine wants the Markdown page that the site's pages call `rel` (`a/b.md`)."""

    def versions(self) -> str:
        """The versions of every package the engine's output depends on (part of the build's fingerprint)."""

    def build(
        self, mkdocs_yml: Path, site_dir: Path, advance: Advance | None = None, gone: Sequence[str] | None = None
    ) -> None:
        """Build the project described by `mkdocs_yml` into `site_dir`; SiteBuildError when refused.

        Without `gone`, `site_dir` is emptied first. With it, `site_dir` holds the engine's last build of this
        project with the same settings, untouched since, and `gone` names the files of docs/ removed since: the
        engine may build only what changed (files under docs/ are rewritten only when their content changes),
        and must leave the folder as a full build would.
        """


def move_into(built: Path, site_dir: Path) -> None:
    """Make `site_dir` hold exactly what `built` holds, moving the files (a rename on the same disk), and remove `built`.

    `site_dir` itself stays (it may be a mount point or a folder a web server points at).
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(site_dir):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    for entry in os.scandir(built):
        shutil.move(entry.path, site_dir / entry.name)
    built.rmdir()
