"""Past 政府信息公开工作年度报告 as they were published: one file a year, named by its year, published after the
year it reports on and not after the build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..problems import Problem, on_field
from ..registers.model import PublishedReport
from ..schema import Labels

REPORT = Labels(PublishedReport)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for report in content.registers.reports:
        if str(report.year) != report.id:
            yield on_field(
                codes.ANNUAL_YEAR,
                report,
                "year",
                f"{REPORT.year} {report.year} 与文件名 {report.id}.yml 不一致；每年的报告一个文件，文件名就是{REPORT.year}。",
                f"The report year {report.year} does not match the file name {report.id}.yml.",
            )
        if report.published.year <= report.year:
            yield on_field(
                codes.REPORT_BEFORE_YEAR_END,
                report,
                "published",
                f"{report.year}年的年度报告在 {report.published} 公布，早于这一年结束；年度报告在下一年公布，请核对{REPORT.year}"
                f"和{REPORT.published}。",
                f"The {report.year} report was published on {report.published}, before the year ended.",
            )
        if report.published > as_of:
            yield on_field(
                codes.PUBLISHED_IN_FUTURE,
                report,
                "published",
                f"{REPORT.published} {report.published} 晚于今天（{as_of}）；已公布的报告照实际{REPORT.published}填写。",
                f"The report's publication date {report.published} is after the build date {as_of}.",
            )
