"""How a fee reads wherever it is shown: pages, bulletin boards and flowcharts.

A standard the catalogue does not publish reads 未公布, never 0 元; a fee with several standards (by type, area
or tier) reads as one entry with each standard named.
"""

from __future__ import annotations

from ..model import FeeItem
from .money import figures, shown, unit_of

UNPUBLISHED = "未公布"
"""What a standard reads when the source does not publish it."""
BETWEEN = "；"
"""Between the standards of one fee."""


def per_unit(amount: str | None, fee: FeeItem, unit: str | None = None) -> str:
    """'10 元/本', '1,200 元/件': an amount of this fee, its digits grouped, with its unit; 未公布 when there is none."""
    if amount is None:
        return UNPUBLISHED
    return f"{shown(amount)}/{unit or fee.unit}"


def _on_chart(amount: str | None, fee: FeeItem, unit: str | None) -> str:
    """'200元/件': kept in one piece, since a flowchart breaks its lines at spaces."""
    return UNPUBLISHED if amount is None else f"{figures(amount)}{unit_of(amount)}/{unit or fee.unit}"


def _each(fee: FeeItem, charged: bool, chart: bool = False) -> str:
    parts = []
    for applies, standard, low, unit in fee.rates():
        amount = low if charged else standard
        said = _on_chart(amount, fee, unit) if chart else per_unit(amount, fee, unit)
        parts.append(f"{applies} {said}" if applies else said)
    return BETWEEN.join(parts)


def standard_of(fee: FeeItem) -> str:
    """The fee's standard as the catalogue gives it: '60-80 元/平方米', '住房 80 元/件；非住房 550 元/件' or 未公布."""
    return _each(fee, charged=False)


def charged_of(fee: FeeItem) -> str:
    """What is actually charged: each standard at its lower bound (policy 二（三）2), or 未公布."""
    return _each(fee, charged=True)


def each(fee: FeeItem) -> str:
    """'每页 0.5 元': what one unit of a fee costs the applicant, for each of its standards; a ranged standard says
    it is charged at its lower bound, an unpublished one says so."""
    parts = []
    for applies, standard, low, unit in fee.rates():
        said = f"标准{UNPUBLISHED}" if low is None else f"每{unit} {shown(low)}"
        if standard is not None and low is not None and standard != low:
            said += f"（目录标准 {shown(standard)}，按下限收取）"
        parts.append(f"{applies} {said}" if applies else said)
    return "、".join(parts)


def on_chart(fee: FeeItem) -> str:
    """What a step's fee says on a flowchart: the catalogue name and what is actually charged ('200元/件')."""
    return f"{fee.name} {_each(fee, charged=True, chart=True)}"
