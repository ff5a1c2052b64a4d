"""How a fee reads wherever it is shown: pages, bulletin boards and flowcharts."""

from __future__ import annotations

from ..model import FeeItem
from .money import figures, shown, unit_of


def per_unit(amount: str, fee: FeeItem) -> str:
    """'10 元/本', '1,200 元/件': an amount of this fee, its digits grouped, with its unit."""
    return f"{shown(amount)}/{fee.unit}"


def on_chart(fee: FeeItem) -> str:
    """What a step's fee says on a flowchart: the catalogue name and what is actually charged ('200元/件', kept in
    one piece: the chart breaks its lines at spaces)."""
    return f"{fee.name} {figures(fee.charged)}{unit_of(fee.charged)}/{fee.unit}"
