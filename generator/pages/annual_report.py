"""The 政府信息公开工作年度报告 as a page: the internal site shows one per year, `annual-report --format md`
prints it. Pure: figures in, Markdown out."""

from __future__ import annotations

from ..annual_report import S1, S2, S3, S4, S5, S6, AnnualReport, Figure
from ..registers.model import APPEAL_OUTCOMES, APPLICANT_TYPES
from .environment import environment, tidy


def markdown(report: AnnualReport) -> str:
    """The report as a Markdown page."""

    def by_row(section: str) -> list[tuple[str, str, list[Figure]]]:
        rows: dict[str, tuple[str, list[Figure]]] = {}
        for f in report.section(section):
            row_id = f.id.split("/")[0]
            rows.setdefault(row_id, (f.row, []))[1].append(f)
        return [(k, label, cells) for k, (label, cells) in rows.items()]

    appeals = [(k.split(".", 1)[1], label, cells) for k, label, cells in by_row(S4)]
    text = (
        environment()
        .get_template("annual_report.md.j2")
        .render(
            r=report,
            S1=S1,
            S2=S2,
            S3=S3,
            S4=S4,
            S5=S5,
            S6=S6,
            columns=[*APPLICANT_TYPES, "总计"],
            requests=by_row(S3),
            outcomes=[*APPEAL_OUTCOMES, "总计"],
            appeals=appeals,
        )
    )
    return tidy(text)
