"""Golden DOT: the same YAML always gives byte-identical DOT. Regenerate with `make golden`.

tests/fixtures/flow holds one procedure per convention: a single section, several sections
with a lead, decisions with a loop back, and a procedure across two units.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import pipeline
from generator.render import Site

from .conftest import AS_OF, FLOW, GOOD

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = [GOOD, FLOW]


def dot_sources() -> dict[str, str]:
    """Golden file name → DOT text, for every procedure of every fixture district."""
    out: dict[str, str] = {}
    for root in FIXTURES:
        checked = pipeline.check(root / "site_config.yml", AS_OF)
        assert checked.content is not None and checked.config is not None
        assert not checked.report.errors, checked.report.render()
        for key, dot in pipeline.dot_sources(Site(checked.content, checked.config, AS_OF)).items():
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
    assert "(主办股室)" in dots["flow-zjj-zi-zhi.dot"]
    assert "shape=diamond" in dots["flow-zjj-shi-gong.dot"]
    assert "(牵头单位)" in dots["flow-zjj-yu-shou.dot"] and "(参与单位)" in dots["flow-zjj-yu-shou.dot"]
