"""Cross-record rules: what no single field can tell. Each rule yields problems; none reads the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..config import SiteConfig
from ..content import Content
from ..problems import Problem
from . import (
    annual,
    assessments,
    attachments,
    audience,
    catalogue,
    documents,
    fees,
    flowgraph,
    happened,
    inspections,
    kinds,
    notices,
    numbering,
    on_request,
    parties,
    paths,
    procedures,
    reports,
    requests,
    structure,
    timeliness,
    typography,
    withdrawal,
)

Rule = Callable[[Content, SiteConfig, dt.date], Iterable[Problem]]

RULES: tuple[Rule, ...] = (
    structure.check,
    procedures.check,
    flowgraph.check,
    fees.check,
    on_request.check,
    kinds.check,
    timeliness.check,
    happened.check,
    audience.check,
    audience.personal_data,
    parties.check,
    attachments.check,
    catalogue.check,
    notices.check,
    paths.check,
    inspections.check,
    documents.check,
    requests.check,
    annual.check,
    assessments.check,
    reports.check,
    withdrawal.check,
    numbering.check,
    typography.check,
)


def check_rules(content: Content, config: SiteConfig, as_of: dt.date) -> list[Problem]:
    """Run every cross-record rule over the loaded content."""
    found: list[Problem] = []
    for rule in RULES:
        found.extend(rule(content, config, as_of))
    return found
