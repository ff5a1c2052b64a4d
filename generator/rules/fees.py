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
    catalogue = content.fees.items if content.fees else ()
    yield from duplicates(catalogue, "id", "收费编号", "收费目录")
    for item in catalogue:
        if item.department not in content.department_ids:
            yield on_field(
                codes.UNKNOWN_DEPARTMENT,
                item,
                "department",
                f"收费单位 {item.department} 不存在,请填写 content/ 下的部门目录名。",
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
                    f"收费项目 {fee} 不在全区行政事业性收费目录(content/fees.yml)中,未列入目录的一律不得征收。",
                    f"The fee {fee} is not in the district fee catalogue; it may not be charged.",
                )
