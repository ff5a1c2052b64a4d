"""Golden DOT: the same YAML always gives byte-identical DOT. Regenerate with `make golden`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import flowchart, pipeline
from generator.render import Site

from .conftest import AS_OF, GOOD

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = [GOOD]


def dot_sources() -> dict[str, str]:
    out: dict[str, str] = {}
    for root in FIXTURES:
        checked = pipeline.check(root / "site_config.yml", AS_OF)
        assert checked.content is not None and checked.config is not None
        assert not checked.report.errors, checked.report.render()
        view = Site(checked.content, checked.config, AS_OF)
        for proc in checked.content.procedures:
            out[f"{root.name}-{proc.department}-{proc.id}.dot"] = flowchart.to_dot(
                proc, view.lane_names(), view.fee_names()
            )
    return out


@pytest.mark.parametrize("name", sorted(dot_sources()))
def test_dot_matches_golden(name: str) -> None:
    text = dot_sources()[name]
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run `make golden` and review the diff"
    assert text == path.read_text(encoding="utf-8")
