"""Fees: only what the district catalogue lists may be charged (policy 二(三)2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import Procedure, Step
from ..problems import Problem, on_field
from .structure import duplicates


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    yield from _charged(content)
    catalogue = content.fees.items if content.fees else ()
    yield from duplicates(catalogue, "id", "收费编号", "收费目录")
    for item in catalogue:
        if item.department not in content.department_ids:
            yield on_field(
                codes.UNKNOWN_DEPARTMENT,
                item,
                "department",
                f"收费单位 {item.department} 不存在，请填写 content/ 下的部门目录名。",
                f"No department {item.department}.",
            )
    if content.fees is None:
        return  # the catalogue itself is broken or missing and already reported: no cascade into every matter
    known = {item.id for item in catalogue}
    for proc in content.procedures:
        charged: list[tuple[str, Procedure | Step, str]] = [(fee, proc, "fees") for fee in proc.fees]
        charged += [(s.fee, s, "fee") for s in proc.steps if s.fee]
        for fee, record, key in charged:
            if fee not in known:
                yield on_field(
                    codes.FEE_NOT_IN_CATALOGUE,
                    record,
                    key,
                    f"收费项目 {fee} 不在全区行政事业性收费目录（content/fees.yml）中，未列入目录的一律不得征收。",
                    f"The fee {fee} is not in the district fee catalogue; it may not be charged.",
                )


def _charged(content: Content) -> Iterable[Problem]:
    """Whether a matter charges is stated, and agrees with its fee items; a missing standard is shown, never hidden."""
    for proc in content.procedures:
        items = bool(proc.fees) or any(s.fee for s in proc.steps)
        if proc.charged == "不收费" and items:
            yield on_field(
                codes.FEE_CHARGED_CONTRADICTION,
                proc,
                "charged",
                "写明“不收费”，却列出了收费项目；请按来源文件改正其中一处。",
                "The matter says it charges nothing but lists fee items; correct one of them.",
            )
        elif proc.charged == "收费" and not items:
            yield on_field(
                codes.FEE_STANDARD_UNPUBLISHED,
                proc,
                "charged",
                "本事项收费，但没有列出收费项目，页面将显示“收费标准和依据未公布”；请尽快在收费目录中登记标准和依据，"
                "并在 fees 中引用。",
                "The matter charges but lists no fee item; its page says the standard and basis are not published. "
                "Record them in the fee catalogue and list them in `fees`.",
            )
