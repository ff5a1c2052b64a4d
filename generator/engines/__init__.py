"""The engines that turn the written project (Markdown under docs/, theme overrides, mkdocs.yml) into HTML,
behind one small interface (`base.Engine`); each drives its engine through public commands and APIs only.

    mkdocs-material  the default: mkdocs 1.6 with the Material theme (its maintenance ended 2026-11-05)
    zensical         Material's successor by the same team; reads the same mkdocs.yml and theme overrides

`site.py` writes the project once and calls `build` of the engine a district chose (`engine:` in
site_config.yml, `--engine` on the command line); what follows the build (theme files pruned, the
404 page made relocatable, the Pagefind index, the final scan) is the same for every engine.
"""

from __future__ import annotations

from typing import get_args

from ..config import EngineName
from .base import Engine, SiteBuildError
from .mkdocs_material import MkdocsMaterial
from .zensical import Zensical

ENGINES: dict[str, Engine] = {engine.name: engine for engine in (MkdocsMaterial(), Zensical())}
NAMES: tuple[EngineName, ...] = get_args(EngineName)

__all__ = ["ENGINES", "NAMES", "Engine", "SiteBuildError", "get"]


def get(name: EngineName) -> Engine:
    """The engine called `name`."""
    return ENGINES[name]
