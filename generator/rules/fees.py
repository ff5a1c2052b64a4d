"""Fees: only what the district catalogue lists may be charged (policy 二(三)2), and a matter's text says
nothing about its charges that its fee items contradict (the page states the charges from the items)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .. import codes
from ..config import SiteConfig
from ..content import Content, texts_of
from ..domain.fees import charged_of
from ..model import FeeItem, Procedure, Step
from ..problems import Loc, Problem, on_field, problem
from ..schema import Labels, parse_money
from .structure import duplicates

FEE_ITEM = Labels(FeeItem)
PROCEDURE = Labels(Procedure)
FEE_TEXT = ("conditions", "preconditions", "requirements")
"""A matter's free text that tells the applicant what to do and pay (its 办事纪律 binds the staff, and is not read)."""
_CLAUSE = re.compile(r"[^。；;！!？?\n]+")
_FREE = re.compile(r"不(?:收取|收)(?:任何)?费用|不收费|一律免费|全部免费|免费办理|免收(?:一切|任何)?费用")
_ITSELF = "本身"
"""「许可本身不收费」 says which part is free: no contradiction with the fees charged beside it."""
_CHARGE = re.compile(r"收取|缴纳|交纳|计收|收费")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?元")


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    yield from _charged(content)
    yield from _text(content)
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


def _text(content: Content) -> Iterator[Problem]:
    """A charge in a matter's text that its fee items contradict: 「不收取任何费用」 while items charge, or an amount
    charged that no item gives."""
    items = {f.id: f for f in content.fees.items} if content.fees else {}
    for proc in content.procedures:
        rows = [items[f] for f in dict.fromkeys((*proc.fees, *(s.fee for s in proc.steps if s.fee))) if f in items]
        amounts = {a for f in rows for a in _amounts(f)}
        charged = "、".join(f"{f.name} {charged_of(f)}" for f in rows)
        for value in texts_of(proc):
            if value.key not in FEE_TEXT:
                continue
            for clause in _CLAUSE.findall(value.text):
                free = _FREE.search(clause)
                if rows and free and _ITSELF not in clause:
                    yield _said(
                        value.loc,
                        value.key,
                        value.label,
                        f"写了“{clause.strip()}”，而本事项的{PROCEDURE.fees}要收取 {charged}",
                        f"写明哪一部分不收费（如“许可本身不收费”），收取的费用页面按{PROCEDURE.fees}写出，不必在这里重复",
                        f"The text says nothing is charged, but the matter charges {len(rows)} fee item(s).",
                    )
                    continue
                if not _CHARGE.search(clause):
                    continue
                for m in _AMOUNT.finditer(clause):
                    amount = Decimal(m.group(1)) * (10000 if m.group(2) else 1)
                    if amount not in amounts:
                        yield _said(
                            value.loc,
                            value.key,
                            value.label,
                            f"写了收取 {m.group(0)}（“{clause.strip()}”），"
                            + (
                                f"而本事项的{PROCEDURE.fees}是 {charged}"
                                if rows
                                else f"而本事项没有列出{PROCEDURE.fees}"
                            ),
                            "按收费目录改正金额，或在 fees 中列出这项收费",
                            f"The text charges {m.group(0)}, which no fee item of the matter gives.",
                        )


def _amounts(fee: FeeItem) -> set[Decimal]:
    """Every amount a fee item can be said to charge, in yuan: what is charged, and the bounds of each standard."""
    found: set[Decimal] = set()
    for _, standard, low, _ in fee.rates():
        for amount in (standard, low):
            bounds = parse_money(amount) if amount is not None else None
            found.update(bounds or ())
    return found


def _said(loc: Loc, key: str, label: str, what: str, fix: str, en: str) -> Problem:
    return problem(
        codes.FEE_TEXT_CONTRADICTION,
        loc,
        f"{what}，页面上两处说法不一；请{fix}。",
        f"{en} The page states the charges from the fee items: correct the text.",
        key=key,
        label=label,
    )
