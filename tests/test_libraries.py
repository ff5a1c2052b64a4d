"""docs/libraries.md says why each dependency is used: every package in pyproject.toml is listed there."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def test_every_dependency_is_explained() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=~!; ]", spec, maxsplit=1)[0] for spec in wanted}
    doc = (ROOT / "docs" / "libraries.md").read_text(encoding="utf-8")
    missing = sorted(name for name in names if f"`{name}`" not in doc)
    assert not missing, f"add these to docs/libraries.md, with why each is used: {missing}"
