"""Rendering: values the pages print come from the model and the configuration, never a blank."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator import pipeline
from generator.pages.context import Context
from generator.pages.environment import environment
from generator.pages.tree import site_pages

from .conftest import AS_OF, IDENTITY


def pages_of(config_file: Path) -> dict[str, str]:
    checked = pipeline.check(config_file, AS_OF)
    assert checked.content is not None and checked.config is not None, checked.report.render()
    return site_pages(Context.of(checked.content, checked.config, AS_OF), {})


def test_the_guide_states_the_configured_deadline(project: Path) -> None:
    assert "重要事项和临时事项在办结后 7 日内公开。" in pages_of(project)["guide.md"]


def test_the_guide_states_working_day_and_per_category_deadlines(project: Path) -> None:
    project.write_text(
        "site_name: 测试区政务公开\nsite_url: https://example.gov.cn/zwgk/\n"
        + "timeliness:\n  days: 5\n  unit: 工作日\n  importance: [重要事项]\n  deadlines:\n"
        + "    - categories: [政府采购]\n      days: 2\n      unit: 工作日\n      basis: 《政府采购法实施条例》第四十三条\n"
        + IDENTITY,
        encoding="utf-8",
    )
    guide = pages_of(project)["guide.md"]
    assert "重要事项在办结后 5 个工作日内公开。" in guide
    assert "“政府采购”类在办结后 2 个工作日内公开（依据：《政府采购法实施条例》第四十三条）。" in guide


@pytest.mark.parametrize("source", ["{{ missing }}", "{{ value }}", "{{ value.attribute }}"])
def test_an_undefined_or_none_value_fails_rendering(source: str) -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string(source).render(value=None)
