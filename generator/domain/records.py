"""How a posting's typed records (双公示 decisions, procurement results, candidates …) read as a table.

Every field is a column, labelled as its `spec()` declares, 未提供 where a record leaves it empty; an amount
reads as `domain.money` words it; a field the record class calls quiet (a code most records do not have)
is a column only when some record gives it. A record of more than WIDE fields is shown as a label-value
table of its own, which leaves out what does not apply to it (a natural person's 统一社会信用代码).
"""

from __future__ import annotations

from ..model import Record
from ..schema import FieldInfo, Money, fields_of, unwrap_optional
from ..text import given
from .money import shown
from .parties import applies

Cells = list[tuple[str, object]]

WIDE = 7
"""A typed record with more fields than this is shown as one label-value table per record, not as a row."""


def value_shown(info: FieldInfo, value: object) -> object:
    """One field's value as the table shows it."""
    if isinstance(value, str) and unwrap_optional(info.type)[0] == Money:
        return shown(value)
    return given(value)


def record_table(rows: tuple[Record, ...]) -> tuple[list[str], list[Cells]]:
    """A typed table as the page shows it: column labels, then each row's (label, value) cells."""
    cls = type(rows[0])
    infos = [i for i in fields_of(cls) if i.key not in cls.quiet or any(getattr(r, i.key) is not None for r in rows)]
    heads = [i.spec.label for i in infos]
    wide = len(infos) > WIDE
    body = [
        [
            (i.spec.label, value_shown(i, getattr(r, i.key)))
            for i in infos
            if not wide or applies(r, i.key) or getattr(r, i.key) is not None
        ]
        for r in rows
    ]
    return heads, body
