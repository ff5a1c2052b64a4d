"""How an amount of money reads wherever it is shown: typed tables, fees, flowcharts, open data.

An amount keeps the unit it was written in (`0.5万元` stays 万元, a bare figure is in 元) and its exact
figures; pages group the digits (`18,936,000 元`, `1,234.5 万元`). Open data carries every amount in yuan,
exactly and without grouping (`5000`), so a program reads one unit per field.
"""

from __future__ import annotations

from decimal import Decimal

from ..schema import Amount, parse_amount


def grouped(figure: Decimal) -> str:
    """18936000 → '18,936,000'; 1234.50 → '1,234.50': digits in groups of three, the fraction as written."""
    whole, _, fraction = f"{figure:f}".partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _figures(amount: Amount) -> str:
    low = grouped(amount.low)
    return f"{low}-{grouped(amount.high)}" if amount.ranged else low


def shown(text: str) -> str:
    """An amount as a page shows it: grouped digits and its unit ('20,000 元', '0.5 万元', '5-20 元');
    text that is no amount (never valid content) is shown as it is."""
    amount = parse_amount(text)
    return f"{_figures(amount)} {amount.unit}" if amount is not None else text


def figures(text: str) -> str:
    """An amount's grouped figures without its unit, for a line that names the unit after it ('10 元/本')."""
    amount = parse_amount(text)
    return _figures(amount) if amount is not None else text


def unit_of(text: str) -> str:
    """The unit an amount is written in: 元 unless it says 万元."""
    amount = parse_amount(text)
    return amount.unit if amount is not None else "元"


def in_yuan(text: str) -> str:
    """An amount for open data: exact yuan, ungrouped ('0.5万元' → '5000', '5-20' → '5-20')."""
    amount = parse_amount(text)
    if amount is None:
        return text
    low, high = (_plain(v) for v in amount.in_yuan())
    return f"{low}-{high}" if amount.ranged else low


def _plain(value: Decimal) -> str:
    """A decimal without trailing zeros or an exponent: 5000.0 → '5000', 0.50 → '0.5'."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
