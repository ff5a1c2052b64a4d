"""Shared fixtures: a small valid district to copy and break."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import pipeline

HERE = Path(__file__).parent
GOOD = HERE / "fixtures" / "good"
FLOW = HERE / "fixtures" / "flow"
ROOT = HERE.parent
AS_OF = dt.date(2011, 12, 31)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid fixture district; returns its site_config.yml."""
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    return dest / "site_config.yml"


OUTSIDE_GIT = "backdating-skipped"
"""The fixture copy lives outside git, so the backdating check says it was skipped (tested in test_timeliness)."""


def problems_of(config_file: Path, as_of: dt.date = AS_OF) -> list[tuple[str, str, int]]:
    """(code, file, line) for every problem `check` finds, sorted; the outside-git notice left out."""
    report = pipeline.check(config_file, as_of).report
    return sorted((p.code, p.loc.file, p.loc.line) for p in report.problems if p.code != OUTSIDE_GIT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture district built once by the real pipeline (real dot, real mkdocs); returns its site/ folder."""
    dest = tmp_path_factory.mktemp("built") / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    built = pipeline.build(dest / "site_config.yml", AS_OF)
    assert not built.checked.report.errors
    return dest / "site"
