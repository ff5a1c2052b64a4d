"""How a fee reads wherever it is shown: pages, bulletin boards and flowcharts."""

from __future__ import annotations

from ..model import FeeItem
from ..schema import parse_money


def per_unit(amount: str, fee: FeeItem) -> str:
    """'10 元/本': an amount of this fee with its unit."""
    return f"{amount} 元/{fee.unit}"


def each(fee: FeeItem) -> str:
    """'每页 0.5 元': what one unit of a fee costs the applicant; a ranged standard says it is charged at its lower bound."""
    low, high = parse_money(fee.standard) or (None, None)
    ranged = f"（目录标准 {fee.standard} 元，按下限收取）" if low != high else ""
    return f"每{fee.unit} {fee.charged} 元{ranged}"


def on_chart(fee: FeeItem) -> str:
    """What a step's fee says on a flowchart: the catalogue name and what is actually charged."""
    return f"{fee.name} {fee.charged}元/{fee.unit}"
