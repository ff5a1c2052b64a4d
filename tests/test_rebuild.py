"""State is never reused across builds: a folder another build wrote is rebuilt, not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline

from .conftest import AS_OF

pytestmark = pytest.mark.slow


def test_an_internal_build_into_the_public_folder_does_not_survive_the_next_public_build(project: Path) -> None:
    site = project.parent / "site"
    first = pipeline.build(project, AS_OF)
    assert first.site_built and not (site / "report" / "index.html").exists()
    internal = pipeline.build(project, AS_OF, site_dir=site, scope="internal")
    assert internal.site_built and (site / "report" / "index.html").exists()
    again = pipeline.build(project, AS_OF)
    assert again.site_built, "the public folder holds another build's output: it must be built again"
    assert not again.report.errors
    assert not (site / "report" / "index.html").exists()


def test_an_unchanged_public_site_is_not_built_twice(project: Path) -> None:
    assert pipeline.build(project, AS_OF).site_built
    assert not pipeline.build(project, AS_OF).site_built
