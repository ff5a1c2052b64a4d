"""The register pages (执法检查, 规范性文件, 依申请公开, 投诉, 评议考核). Pure: the context in, Markdown out.

Requests are shown without their `subject` (what was asked can identify the applicant);
complaints only as monthly figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..content import Content
from ..domain.documents import key_of, successor_key
from ..domain.pages import (
    ASSESSMENTS,
    COMPLAINTS,
    DOCUMENTS,
    INSPECTIONS,
    REGISTERS,
    REPORTS,
    REQUESTS,
    document_page,
    inspections_page,
    report_page,
)
from ..domain.requests import request_rows
from ..registers.model import IN_FORCE, InspectionPlan
from .context import Context
from .environment import page


def years_of(content: Content) -> list[int]:
    """Every year some register speaks of, newest first."""
    r = content.registers
    years = {d.received.year for d in r.requests} | {y.year for y in r.years} | {a.year for a in r.assessments}
    years |= {d.issued.year for d in r.documents} | {d.status_date.year for d in r.documents if d.status_date}
    years |= {p.start.year for p in r.inspections}
    return sorted(years, reverse=True)


def register_pages(site: Context) -> Iterator[tuple[str, str]]:
    """(path, Markdown) of every register page."""
    r = site.content.registers
    docs = {key_of(d): d for d in r.documents}
    current = sorted((d for d in r.documents if d.status == IN_FORCE), key=lambda d: d.issued, reverse=True)
    changed = sorted((d for d in r.documents if d.status != IN_FORCE), key=lambda d: d.status_date or d.issued)
    years = years_of(site.content)
    yield REGISTERS, page(site, REGISTERS, "registers.md.j2")
    cleanup = [(y, [d for d in changed if d.status_date and d.status_date.year == y]) for y in years]
    yield (
        DOCUMENTS,
        page(
            site,
            DOCUMENTS,
            "documents.md.j2",
            current=current,
            changed=changed,
            cleanup=[(y, ds) for y, ds in cleanup if ds],
        ),
    )
    for doc in r.documents:
        target = successor_key(doc)
        before = [d for d in r.documents if successor_key(d) == key_of(doc)]
        path = document_page(doc)
        yield path, page(site, path, "document.md.j2", doc=doc, successor=docs.get(target or ""), before=before)
    by_dept: dict[str, list[InspectionPlan]] = {}
    for plan in sorted(r.inspections, key=lambda p: p.start, reverse=True):
        by_dept.setdefault(plan.department, []).append(plan)
    yield INSPECTIONS, page(site, INSPECTIONS, "inspections.md.j2", by_dept=by_dept)
    for dept_id, plans in by_dept.items():
        path = inspections_page(dept_id)
        yield path, page(site, path, "inspection_plans.md.j2", dept_id=dept_id, plans=plans)
    years_filed = sorted(r.years, key=lambda y: (-y.year, y.department))
    yield COMPLAINTS, page(site, COMPLAINTS, "complaints.md.j2", years=years_filed)
    rows = request_rows(r.requests, site.config.calendar)
    by_year = [(y, [row for row in rows if row.req.received.year == y]) for y in years]
    yield REQUESTS, page(site, REQUESTS, "requests.md.j2", by_year=[(y, rs) for y, rs in by_year if rs])
    assessments = sorted(r.assessments, key=lambda a: -a.year)
    yield ASSESSMENTS, page(site, ASSESSMENTS, "assessments.md.j2", assessments=assessments)
    reports = {report.year: report for report in r.reports}
    computed = site.computed_reports()
    listed = [(y, reports.get(y)) for y in sorted(set(reports) | set(computed), reverse=True)]
    yield REPORTS, page(site, REPORTS, "reports.md.j2", rows=listed)
    for report in r.reports:
        path = report_page(report)
        yield path, page(site, path, "published_report.md.j2", report=report)
