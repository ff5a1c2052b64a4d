"""The register pages: what each page is given, computed once. Pure: records in, values out.

Requests are shown without their `subject` (what was asked can identify the applicant);
complaints only as monthly figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..content import Content
from ..domain.pages import (
    ASSESSMENTS,
    COMPLAINTS,
    DOCUMENTS,
    INSPECTIONS,
    REGISTERS,
    REQUESTS,
    document_page,
    inspections_page,
)
from ..rules.documents import IN_FORCE, key_of, successor_key
from ..rules.requests import due_of
from ..workdays import Calendar
from .model import DisclosureRequest, InspectionPlan


@dataclass(frozen=True)
class RequestRow:
    """One request as the public sees it: no subject, the due date as counted."""

    req: DisclosureRequest
    due: dt.date | None
    how: str


def request_rows(requests: Sequence[DisclosureRequest], calendar: Calendar) -> list[RequestRow]:
    rows = []
    for req in sorted(requests, key=lambda r: (r.received, r.department, r.id)):
        due = due_of(req, calendar)
        deadline = due.deadline if due else None
        how = f"{due.start} {deadline.how('zh')}（依据：{due.limit.basis}）" if due and deadline else ""
        rows.append(RequestRow(req, deadline.due if deadline else None, how))
    return rows


def years_of(content: Content) -> list[int]:
    """Every year some register speaks of, newest first."""
    r = content.registers
    years = {d.received.year for d in r.requests} | {y.year for y in r.years} | {a.year for a in r.assessments}
    years |= {d.issued.year for d in r.documents} | {d.status_date.year for d in r.documents if d.status_date}
    years |= {p.start.year for p in r.inspections}
    return sorted(years, reverse=True)


def pages(content: Content, calendar: Calendar) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(page path, template, values) for every register page."""
    r = content.registers
    docs = {key_of(d): d for d in r.documents}
    current = sorted((d for d in r.documents if d.status == IN_FORCE), key=lambda d: d.issued, reverse=True)
    changed = sorted((d for d in r.documents if d.status != IN_FORCE), key=lambda d: d.status_date or d.issued)
    years = years_of(content)
    yield REGISTERS, "registers.md.j2", {}
    cleanup = [(y, [d for d in changed if d.status_date and d.status_date.year == y]) for y in years]
    yield (
        DOCUMENTS,
        "documents.md.j2",
        {"current": current, "changed": changed, "cleanup": [(y, ds) for y, ds in cleanup if ds]},
    )
    for doc in r.documents:
        target = successor_key(doc)
        before = [d for d in r.documents if successor_key(d) == key_of(doc)]
        yield document_page(doc), "document.md.j2", {"doc": doc, "successor": docs.get(target or ""), "before": before}
    by_dept: dict[str, list[InspectionPlan]] = {}
    for plan in sorted(r.inspections, key=lambda p: p.start, reverse=True):
        by_dept.setdefault(plan.department, []).append(plan)
    yield INSPECTIONS, "inspections.md.j2", {"by_dept": by_dept}
    for dept_id, plans in by_dept.items():
        yield inspections_page(dept_id), "inspection_plans.md.j2", {"dept_id": dept_id, "plans": plans}
    yield COMPLAINTS, "complaints.md.j2", {"years": sorted(r.years, key=lambda y: (-y.year, y.department))}
    rows = request_rows(r.requests, calendar)
    by_year = [(y, [row for row in rows if row.req.received.year == y]) for y in years]
    yield REQUESTS, "requests.md.j2", {"by_year": [(y, rs) for y, rs in by_year if rs]}
    yield ASSESSMENTS, "assessments.md.j2", {"assessments": sorted(r.assessments, key=lambda a: -a.year)}
