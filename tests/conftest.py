"""Shared fixtures: a small valid district to copy and break."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from generator import codes, pipeline
from generator.config import EngineName
from generator.engines import NAMES

HERE = Path(__file__).parent
GOOD = HERE / "fixtures" / "good"
FLOW = HERE / "fixtures" / "flow"
ROOT = HERE.parent
AS_OF = dt.date(2011, 12, 31)
OUTPUTS = ("build", "site", "flowcharts", "build-internal", "site-internal")
"""What a build writes beside site_config.yml; tests build in temporary folders, never in the checkout."""

# Hypothesis keeps its examples outside the checkout too.
settings.register_profile(
    "disclose", database=DirectoryBasedExampleDatabase(Path(tempfile.gettempdir()) / "disclose-hypothesis")
)
settings.load_profile("disclose")


def _outputs() -> dict[str, int]:
    """Every file and folder under the checkout's output folders, with its modification time."""
    return {
        str(path.relative_to(ROOT)): path.stat().st_mtime_ns
        for name in OUTPUTS
        for path in [ROOT / name, *(ROOT / name).rglob("*")]
        if path.exists()
    }


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched() -> Iterator[None]:
    """Fail the run when a test wrote the example's build/, site/ or flowcharts/ inside the checkout."""
    before = _outputs()
    yield
    after = _outputs()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"tests wrote into the checkout (use tmp_path): {changed[:10]}"


IDENTITY = re.search(r"^identity:\n(?:  .*\n)+", (GOOD / "site_config.yml").read_text(encoding="utf-8"), re.M)[0]
"""The fixture's `identity:` block, for tests that write a site_config.yml of their own (the block is required)."""


def edit_content(project: Path, mark: str) -> None:
    """Change one posting's summary (its posting page, lists and data change), so the next publish makes a release."""
    path = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = re.sub(
        r"^summary: (.*)。$", rf"summary: \1（{mark}）。", path.read_text(encoding="utf-8"), count=1, flags=re.M
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid fixture district; returns its site_config.yml."""
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    return dest / "site_config.yml"


SCREENSHOTS = "DISCLOSE_SCREENSHOTS"
"""Where the browser tests keep their screenshots (CI keeps the folder as an artefact)."""


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $DISCLOSE_SCREENSHOTS when set, else a temporary folder."""
    folder = Path(os.environ[SCREENSHOTS]) if os.environ.get(SCREENSHOTS) else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


OUTSIDE_GIT = codes.BACKDATING_SKIPPED
"""The fixture copy lives outside git, so the backdating check says it was skipped (tested in test_timeliness)."""


def problems_of(config_file: Path, as_of: dt.date = AS_OF) -> list[tuple[str, str, int]]:
    """(code, file, line) for every problem `check` finds, sorted; the outside-git notice left out."""
    report = pipeline.check(config_file, as_of).report
    return sorted((p.code, p.loc.file, p.loc.line) for p in report.problems if p.code != OUTSIDE_GIT)


@pytest.fixture(scope="session", params=NAMES)
def engine(request: pytest.FixtureRequest) -> EngineName:
    """Each engine in turn: a test of the built site that takes it runs once per engine."""
    name: EngineName = request.param
    return name


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, engine: EngineName) -> Path:
    """The fixture district built once per engine by the real pipeline (real dot, real engine); returns its site/."""
    dest = tmp_path_factory.mktemp(f"built-{engine}") / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    built = pipeline.build(dest / "site_config.yml", AS_OF, engine=engine)
    assert not built.report.errors
    return dest / "site"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example district built once by the real pipeline; returns its site/ folder."""
    dest = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copy(ROOT / "site_config.yml", dest / "site_config.yml")
    built = pipeline.build(dest / "site_config.yml", AS_OF)
    assert not built.report.errors, built.report.render()
    return dest / "site"
