"""Golden DOT, Markdown and mkdocs.yml: the same YAML always gives byte-identical output. Regenerate with
`make golden` and review the diff.

tests/fixtures/flow holds one procedure per convention: a single section, several sections
with a lead, decisions with a loop back, and a procedure across two units.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.pages.context import Context
from generator.pages.tree import footer, site_pages

from .conftest import AS_OF, FLOW, GOOD

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = [GOOD, FLOW]


def dot_sources() -> dict[str, str]:
    """Golden file name → DOT text, for every procedure of every fixture district."""
    out: dict[str, str] = {}
    for root in FIXTURES:
        checked = pipeline.check(root / "site_config.yml", AS_OF)
        assert isinstance(checked, pipeline.Checked)
        assert not checked.report.errors, checked.report.render()
        for key, dot in pipeline.dot_sources(checked.content).items():
            out[f"{root.name}-{key.replace('/', '-')}.dot"] = dot
    return out


@pytest.mark.parametrize("name", sorted(dot_sources()))
def test_dot_matches_golden(name: str) -> None:
    text = dot_sources()[name]
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run `make golden` and review the diff"
    assert text == path.read_text(encoding="utf-8")


def test_every_golden_file_has_a_procedure() -> None:
    stale = {p.name for p in GOLDEN.glob("*.dot")} - set(dot_sources())
    assert not stale, f"golden files without a procedure: {sorted(stale)}; delete them"


def test_golden_covers_every_convention() -> None:
    dots = dot_sources()
    assert "flow-zjj-dang-an.dot" in dots and "cluster_1" not in dots["flow-zjj-dang-an.dot"]
    assert "（主办股室）" in dots["flow-zjj-zi-zhi.dot"]
    assert "shape=diamond" in dots["flow-zjj-shi-gong.dot"]
    assert "（牵头单位）" in dots["flow-zjj-yu-shou.dot"] and "（参与单位）" in dots["flow-zjj-yu-shou.dot"]


def markdown_pages() -> dict[str, str]:
    """Golden file name → Markdown, for every page of the fixture district (flowcharts left out: SVG varies with Graphviz)."""
    checked = pipeline.check(GOOD / "site_config.yml", AS_OF)
    assert isinstance(checked, pipeline.Checked)
    pages = site_pages(Context.of(checked.content, checked.config, AS_OF), {})
    return {f"markdown/{path}": text for path, text in pages.items()}


def compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run `make golden` and review the diff"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: run `make golden` and review the diff"


@pytest.mark.parametrize("name", sorted(markdown_pages()))
def test_markdown_matches_golden(name: str) -> None:
    compare(name, markdown_pages()[name])


def test_every_golden_page_is_rendered() -> None:
    stale = {p.relative_to(GOLDEN).as_posix() for p in (GOLDEN / "markdown").rglob("*.md")} - set(markdown_pages())
    assert not stale, f"golden pages no page renders: {sorted(stale)}; delete them"


def test_mkdocs_yml_matches_golden(tmp_path: Path) -> None:
    """The engine's config as generated for the fixture district; the run's folders shown as <project>."""
    shutil.copytree(GOOD, tmp_path / "good", ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    built = pipeline.generate(tmp_path / "good" / "site_config.yml", AS_OF)
    assert isinstance(built, pipeline.Generated), built.report.render()
    text = built.engine.mkdocs_yml.read_text(encoding="utf-8")
    text = text.replace(str((tmp_path / "good").resolve()), "<project>")
    compare("mkdocs.yml", text)


def test_footer_matches_golden() -> None:
    """The footer carries the government and the site's identity as typed, with the site map and 找错 links."""
    checked = pipeline.check(GOOD / "site_config.yml", AS_OF)
    assert isinstance(checked, pipeline.Checked) and checked.content.district is not None
    compare("footer.html", footer(Context.of(checked.content, checked.config, AS_OF)) + "\n")
