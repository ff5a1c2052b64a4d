"""Fees: only what the district catalogue lists may be charged (policy 二(三)2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import FeeItem, Procedure, Step
from ..problems import Problem, on_field
from ..schema import Labels
from .structure import duplicates

FEE_ITEM = Labels(FeeItem)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    yield from _charged(content)
    catalogue = content.fees.items if content.fees else ()
    yield from duplicates(catalogue, "id", f"{FEE_ITEM.id}", "收费目录")
    for item in catalogue:
        yield from _standards(item)
        if item.department not in content.department_ids:
            yield on_field(
                codes.UNKNOWN_DEPARTMENT,
                item,
                "department",
                f"{FEE_ITEM.department} {item.department} 不存在，请填写 content/ 下的部门目录名。",
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
                    f"{FEE_ITEM.name} {fee} 不在全区行政事业性收费目录（content/fees.yml）中，未列入目录的一律不得征收。",
                    f"The fee {fee} is not in the district fee catalogue; it may not be charged.",
                )


def _standards(item: FeeItem) -> Iterable[Problem]:
    """One fee has one standard or several named ones, never both; one not published is said, never taken as 0."""
    if item.standard is not None and item.standards:
        yield on_field(
            codes.FEE_STANDARD_TWICE,
            item,
            "standards",
            f"同时写了{FEE_ITEM.standard}（standard）和{FEE_ITEM.standards}（standards）；按类型、区域或档次收费的，删去 standard，"
            "每个标准写在 standards 中。",
            "Give `standard` or `standards`, not both.",
        )
        return
    unpublished = [s.applies for s in item.standards if s.amount is None]
    if item.standards and not unpublished:
        return
    if item.standard is None and not item.standards:
        what, key = "收费标准", "standard"
    elif unpublished:
        what, key = "、".join(f"“{a}”" for a in unpublished) + "的收费标准", "standards"
    else:
        return
    yield on_field(
        codes.FEE_STANDARD_UNPUBLISHED,
        item,
        key,
        f"收费目录没有写{what}，页面显示“未公布”（不会显示为 0 元）；请向收费文件的制定机关核实后尽快登记具体标准。",
        "The catalogue gives no standard for this fee; pages show it as unpublished (never 0). Record it when known.",
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
                f"写明“不收费”，却列出了{FEE_ITEM.name}；请按来源文件改正其中一处。",
                "The matter says it charges nothing but lists fee items; correct one of them.",
            )
        elif proc.charged == "收费" and not items:
            yield on_field(
                codes.FEE_STANDARD_UNPUBLISHED,
                proc,
                "charged",
                f"本事项收费，但没有列出{FEE_ITEM.name}，页面将显示“收费标准和依据未公布”；请尽快在收费目录中登记标准和依据，"
                "并在 fees 中引用。",
                "The matter charges but lists no fee item; its page says the standard and basis are not published. "
                "Record them in the fee catalogue and list them in `fees`.",
            )
