"""The internal site's 政务公开检查考核 page: the compliance figures, three charts each followed by its
numbers, the stale and empty columns. Pure: figures in, Markdown out."""

from __future__ import annotations

from markupsafe import Markup

from ..compliance import FAIL_COLUMNS, NEWS_DAYS, Compliance
from ..reporting import columns_of
from . import charts
from .environment import environment, tidy

PATH = "report.md"
TITLE = "政务公开检查考核"
TIMELINESS = (
    charts.Series("按时公开", charts.ON_TIME),
    charts.Series("逾期公开", charts.LATE),
    charts.Series("逾期未公开", charts.OVERDUE),
)


def markdown(report: Compliance) -> str:
    """The internal site's 政务公开检查考核 page: the figures, three charts each followed by its numbers, the columns."""
    depts = report.departments
    timeliness = charts.stacked_bars(
        "chart-timeliness",
        "各部门公开时效",
        "各部门按时公开、逾期公开、逾期未公开的条数："
        + "；".join(f"{f.name} {f.on_time}、{f.late}、{f.overdue}" for f in depts),
        [(f.name, (f.on_time, f.late, f.overdue)) for f in depts],
        TIMELINESS,
    )
    completeness = charts.percent_bars(
        "chart-completeness",
        "各部门必填项完整率",
        "必填项全部填写的文件所占比例：" + "；".join(f"{f.name} {f.completeness:.0f}%" for f in depts),
        [(f.name, f.completeness) for f in depts],
        charts.SHARE,
    )
    trend = charts.small_multiples(
        "chart-trend",
        "按月按时公开率",
        "按办结月份，全区和各部门按时公开的比例："
        + "；".join(
            f"{t.name} " + "、".join(f"{m.id} {m.timely:.0f}%" for m in t.months if m.bound) for t in report.trends
        ),
        [(t.name, [(m.id, m.timely if m.bound else None) for m in t.months]) for t in report.trends],
        charts.SHARE,
    )
    text = (
        environment()
        .get_template("report.md.j2")
        .render(
            title=TITLE,
            report=report,
            rows=[*depts, report.district],
            columns=columns_of(report),
            news_days=NEWS_DAYS,
            fail_columns=FAIL_COLUMNS,
            timeliness_chart=Markup(timeliness),
            completeness_chart=Markup(completeness),
            trend_chart=Markup(trend),
            months=[m.id for m in report.trends[0].months] if report.trends else [],
            stale=[c for c in report.columns if c.stale],
            empty=[c for c in report.columns if c.empty],
        )
    )
    return tidy(text)
