"""Flowcharts: DOT conventions, CJK wrapping, graph rules, accessible SVG and the batched, cached layout."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import flowchart, graphviz, pipeline, svg
from generator.model import Branch, Procedure
from generator.pages.context import Context
from generator.pages.tree import site_pages
from generator.rules.flowgraph import check_procedure

from .conftest import AS_OF, FLOW


@pytest.fixture(scope="module")
def view() -> Context:
    checked = pipeline.check(FLOW / "site_config.yml", AS_OF)
    assert checked.content is not None and checked.config is not None
    assert not checked.report.problems, checked.report.render()
    return Context.of(checked.content, checked.config, AS_OF)


def proc_of(view: Context, proc_id: str) -> Procedure:
    return next(p for p in view.content.procedures if p.id == proc_id)


def with_branches(proc: Procedure, **branches: list[tuple[str, str]]) -> Procedure:
    """The procedure with some steps' branches replaced: step id → [(when, to), …]."""
    steps = tuple(
        dataclasses.replace(s, branches=tuple(Branch(when=w, to=t) for w, t in branches[s.id]))
        if s.id in branches
        else s
        for s in proc.steps
    )
    return dataclasses.replace(proc, steps=steps)


# --- wrapping -------------------------------------------------------------------------------


def test_wrap_balances_lines_instead_of_leaving_one_character() -> None:
    assert flowchart.wrap("审查预售方案和工程形象进度", 24) == ["审查预售方案和", "工程形象进度"]


def test_wrap_never_starts_a_line_with_closing_punctuation() -> None:
    assert flowchart.wrap("是否符合预售条件?", 14) == ["是否符合", "预售条件?"]
    for line in flowchart.wrap("甲乙丙丁戊己庚,辛壬癸。子丑寅卯辰巳午未申酉戌亥", 14):
        assert line[:1] not in ",。"


@pytest.mark.fuzz
@given(st.text(alphabet="受理申请,。?《》()-ab12 ", max_size=60), st.integers(1, 30))
def test_wrap_never_loses_text_even_when_it_cannot_break(text: str, width: int) -> None:
    assert "".join(flowchart.wrap(text, width)).replace(" ", "") == text.replace(" ", "")


def test_an_unbreakable_run_stays_on_one_line() -> None:
    assert flowchart.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8) == ["ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    assert flowchart.wrap("受理申请(第123号)", 6) == ["受理申", "请(第", "123号)"]


def test_wrap_keeps_numbers_whole() -> None:
    assert any("82321001" in line for line in flowchart.wrap("请拨打电话 0551-82321001 咨询", 14))


@given(st.text(alphabet="受理申请审核材料ab12 ", max_size=60), st.integers(8, 30))
def test_wrap_loses_nothing_and_fits_the_width(text: str, width: int) -> None:
    lines = flowchart.wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        # Only one unbreakable Latin run may exceed the width.
        assert flowchart.cells(line) <= width or (line.isascii() and " " not in line)


# --- DOT conventions --------------------------------------------------------------------------


def test_decisions_are_diamonds_and_a_single_branch_is_a_labelled_arrow(view: Context) -> None:
    dot = pipeline.dot_sources(view.content)["zjj/shi-gong"]
    assert re.search(r'"s-complete" \[shape=diamond', dot)
    assert re.search(r'"s-notify" \[shape=box', dot)
    assert '"s-notify" -> "s-accept" [label="申请人补正后"];' in dot
    assert '"s-refuse" -> "end" [label="告知申请人\\n救济途径"];' in dot
    assert dot.count("shape=ellipse") == 2  # one start, one end


def test_each_step_shows_time_limit_fee_and_basis(view: Context) -> None:
    dots = pipeline.dot_sources(view.content)
    assert "收费：施工图审查费\\n200元/件" in dots["zjj/shi-gong"]  # a ranged fee is charged at its lower bound
    assert "依据：《建筑工程施" in dots["zjj/shi-gong"]
    assert "时限：5个工作日\\n（不计入法定时限）" in dots["zjj/zi-zhi"]


def test_lead_section_is_marked_and_filled(view: Context) -> None:
    dot = pipeline.dot_sources(view.content)["zjj/zi-zhi"]
    lead = re.search(r"<td>建筑业管理股（主办股室）</td>[^\n]*", dot)
    assert lead and flowchart.LEAD_FILL in lead[0] and "penwidth=2.5" in lead[0]
    assert dot.count("（主办股室）") == 1


def test_cross_unit_procedure_has_a_lane_per_unit_around_its_sections(view: Context) -> None:
    dot = pipeline.dot_sources(view.content)["zjj/yu-shou"]
    unit_lanes = re.findall(r"subgraph cluster_u\d", dot)
    assert len(unit_lanes) == 2
    zrj = dot[dot.index("流程图测试区自然资源局（参与单位）") :]
    assert "不动产登记股" in zrj and "测绘管理股" in zrj and '"s-land"' in zrj
    assert "流程图测试区住房和城乡建设局（牵头单位）" in dot


def test_cross_unit_procedure_appears_on_every_units_page(view: Context) -> None:
    pages = site_pages(view, {})
    assert "商品房预售许可" in pages["departments/zrj.md"]
    assert "商品房预售许可" in pages["departments/zjj.md"]


def test_a_step_named_start_or_end_cannot_merge_with_the_terminals(view: Context) -> None:
    proc = proc_of(view, "dang-an")
    steps = tuple(dataclasses.replace(s, id={"accept": "start", "reply": "end"}.get(s.id, s.id)) for s in proc.steps)
    dot = flowchart.to_dot(dataclasses.replace(proc, steps=steps), dict(view.lanes), {})
    assert '"s-start" [shape=box' in dot and '"s-end" [shape=box' in dot
    assert '"start" -> "s-start";' in dot and '"s-end" -> "end";' in dot


def test_dot_is_byte_identical_for_identical_input(view: Context) -> None:
    assert pipeline.dot_sources(view.content) == pipeline.dot_sources(view.content)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_lines_borders_and_text_have_enough_contrast_on_every_background(view: Context) -> None:
    dots = "".join(pipeline.dot_sources(view.content).values())
    backgrounds = {"#ffffff" if c == "white" else c for c in flowchart.BACKGROUNDS}
    lines = set(re.findall(r'\bcolor="(#[0-9a-f]{6})"', dots))
    texts = set(re.findall(r'fontcolor="(#[0-9a-f]{6})"', dots))
    fills = set(re.findall(r'(?:fillcolor|bgcolor)="(#[0-9a-f]{6}|white)"', dots))
    assert lines and texts and {"#ffffff" if f == "white" else f for f in fills} <= backgrounds
    for bg in backgrounds:
        assert all(contrast(c, bg) >= 3 for c in lines), bg
        assert all(contrast(c, bg) >= 4.5 for c in texts), bg


def test_step_summary_names_sections_limits_and_branches(view: Context) -> None:
    text = flowchart.step_summary(proc_of(view, "yu-shou"), dict(view.lanes))
    assert text.startswith("商品房预售许可办事流程图，共7个环节。")
    assert "3. 核查土地使用权证和抵押登记情况（流程图测试区自然资源局不动产登记股，2个工作日）" in text
    assert (
        "是否符合预售条件？（房地产市场监管股）：符合则核发商品房预售许可证；不符合，需整改则书面告知整改意见" in text
    )


# --- graph rules ------------------------------------------------------------------------------


def test_valid_procedures_have_no_graph_problems(view: Context) -> None:
    assert [p for proc in view.content.procedures for p in check_procedure(proc)] == []


def test_a_decision_whose_every_branch_loops_back_has_no_exit(view: Context) -> None:
    proc = with_branches(proc_of(view, "shi-gong"), decide=[("符合", "review"), ("不符合", "accept")])
    found = list(check_procedure(proc))
    codes = sorted(p.code for p in found)
    assert codes == ["loop-without-exit", "unreachable-step", "unreachable-step"]  # refuse and issue
    loop = next(p for p in found if p.code == "loop-without-exit")
    assert loop.key == "to" and "accept" in loop.zh and "end" in loop.zh


def test_a_step_that_jumps_to_itself_is_a_loop(view: Context) -> None:
    proc = with_branches(proc_of(view, "dang-an"), fetch=[("等待", "fetch")])
    assert [p.code for p in check_procedure(proc)] == ["unreachable-step", "loop-without-exit"]


def test_a_loop_with_a_way_out_is_fine(view: Context) -> None:
    proc = with_branches(proc_of(view, "dang-an"), fetch=[("档案在库", "reply"), ("档案外借", "fetch")])
    assert list(check_procedure(proc)) == []


# --- SVG and layout with a real `dot` ---------------------------------------------------------


@pytest.fixture(scope="module")
def svgs(view: Context, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pipeline.flowcharts(view.content, tmp_path_factory.mktemp("fc"), graphviz.LayoutStats())


def test_svg_is_an_accessible_image(svgs: dict[str, str]) -> None:
    out = svgs["zjj/yu-shou"]
    assert out.startswith(
        '<svg role="img" aria-labelledby="fc-zjj-yu-shou-title" aria-describedby="fc-zjj-yu-shou-desc"'
    )
    assert '<title id="fc-zjj-yu-shou-title">商品房预售许可办事流程图</title>' in out
    assert '<desc id="fc-zjj-yu-shou-desc">商品房预售许可办事流程图，共7个环节。1. 受理预售许可申请' in out
    assert out.count("<title") == 1 and "<!--" not in out and "<?xml" not in out
    assert 'font-family="Noto Sans CJK SC"' in out and "\n\n" not in out


def test_svg_ids_are_unique_across_every_chart(svgs: dict[str, str]) -> None:
    ids = [i for s in svgs.values() for i in re.findall(r'\bid="([^"]*)"', s)]
    assert len(ids) == len(set(ids)) > 20
    assert all(i.startswith("fc-") for i in ids)


def test_lane_labels_are_drawn_last_with_a_halo(svgs: dict[str, str]) -> None:
    out = svgs["zjj/yu-shou"]
    labels = out.index('class="lane-label"')
    assert labels > out.rindex('class="edge"')
    assert out.count('class="lane-label"') == out.count('class="cluster"') == 7
    assert re.search(r'<g class="lane-label" data-lane="fc-zjj-yu-shou-clust\d+"><text stroke="white"', out)


def test_text_from_yaml_cannot_inject_markup_into_the_svg(view: Context, tmp_path: Path) -> None:
    proc = proc_of(view, "dang-an")
    evil = dataclasses.replace(proc.steps[0], action='<script>alert(1)</script>"&')
    dot = flowchart.to_dot(dataclasses.replace(proc, steps=(evil, *proc.steps[1:])), dict(view.lanes), {})
    out = svg.accessible(graphviz.layout({"x": dot}, tmp_path, flowchart.FONT)["x"], "p", "t<", "d&")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert '<title id="p-title">t&lt;</title>' in out


def test_all_graphs_in_one_dot_process_and_unchanged_ones_never_again(view: Context, tmp_path: Path) -> None:
    sources = pipeline.dot_sources(view.content)
    cold = graphviz.LayoutStats()
    first = graphviz.layout(sources, tmp_path, flowchart.FONT, cold)
    assert (cold.processes, cold.laid_out, cold.cached) == (1, 4, 0)
    warm = graphviz.LayoutStats()
    assert graphviz.layout(sources, tmp_path, flowchart.FONT, warm) == first
    assert (warm.processes, warm.laid_out, warm.cached) == (0, 0, 4)
    changed = dict(sources, **{"zjj/dang-an": sources["zjj/dang-an"].replace("受理查询申请", "受理档案查询申请")})
    one = graphviz.LayoutStats()
    graphviz.layout(changed, tmp_path, flowchart.FONT, one)
    assert (one.processes, one.laid_out, one.cached) == (1, 1, 3)
    assert len(list(tmp_path.glob("*.svg"))) == 5 and not list(tmp_path.glob("*.tmp"))


def test_dot_measures_with_the_cjk_font() -> None:
    dot = graphviz.dot_path()
    probe = graphviz.run_dot(graphviz.probe_source(flowchart.FONT), dot)[0]
    graphviz.check_probe(probe, flowchart.FONT)
    squeezed = graphviz.run_dot(graphviz.probe_source(flowchart.FONT).replace("fontsize=10", "fontsize=7"), dot)[0]
    with pytest.raises(graphviz.GraphvizError, match="没有用“Noto Sans CJK SC”字体测量中文"):
        graphviz.check_probe(squeezed, flowchart.FONT)
    assert graphviz.font_file(flowchart.FONT).endswith("NotoSansCJK-Regular.ttc")


def test_a_missing_font_is_an_environment_error() -> None:
    with pytest.raises(graphviz.GraphvizError, match="没有安装流程图字体"):
        graphviz.font_file("No Such Font Family 9")


def test_layout_counts_steps_that_do_not_merge(view: Context) -> None:
    # Every step is its own node: the DOT names as many nodes as the YAML has steps, plus start and end.
    for proc in view.content.procedures:
        dot = pipeline.dot_sources(view.content)[f"{proc.department}/{proc.id}"]
        nodes = set(re.findall(r'^\s+("[^"]+") \[shape=', dot, re.M))
        assert len(nodes) == len(proc.steps) + 2


def test_lane_names_are_escaped_in_html_like_labels() -> None:
    assert flowchart.lane_label("A<b>&股") == (
        '<<table border="0" cellborder="0" cellpadding="3"><tr><td>A&lt;b&gt;&amp;股</td></tr></table>>'
    )


def test_large_batches_use_one_dot_per_core_small_ones_one() -> None:
    assert graphviz.workers(1) == graphviz.workers(graphviz.GRAPHS_PER_PROCESS - 1) == 1
    assert graphviz.workers(100_000) == len(os.sched_getaffinity(0))
