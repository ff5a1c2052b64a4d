"""How a fee reads wherever it is shown: pages, bulletin boards and flowcharts."""

from __future__ import annotations

from ..model import FeeItem


def per_unit(amount: str, fee: FeeItem) -> str:
    """'10 元/本': an amount of this fee with its unit."""
    return f"{amount} 元/{fee.unit}"


def on_chart(fee: FeeItem) -> str:
    """What a step's fee says on a flowchart: the catalogue name and what is actually charged."""
    return f"{fee.name} {fee.charged}元/{fee.unit}"
