"""What a department's 公开目录 can be filtered by: each entry's facets, read from its own fields.

The page carries them as `data-` attributes on each row; `assets/catalogue.js` offers the values it
finds there, so no vocabulary is repeated in the script. The metadata columns are the 标准目录's.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from markupsafe import Markup

from ..model import Disclosure, Posting, Procedure, table_label
from ..schema import label_of

GUIDES = "办事指南"
POSTINGS = "热点公开信息"
"""The two lists of a department's catalogue, as their headings name them."""

META_COLUMNS = ("time_limit", "channels", "audience", "mode")
"""The catalogue metadata each row shows (公开主体 is the department, said once above the lists)."""

FACETS: tuple[tuple[str, str], ...] = (
    ("type", "类型"),
    ("category", "类别"),
    ("year", "年份"),
    ("audience", label_of(Disclosure, "audience")),
    ("mode", label_of(Disclosure, "mode")),
    ("channel", label_of(Disclosure, "channels")),
)
"""Each filter: its key (the row's `data-` attribute) and its label."""

SEPARATOR = "|"
"""Between the values of a facet with several (channels, types); no value of the vocabularies holds it."""


def meta_labels() -> list[str]:
    """The headings of the metadata columns, from the fields' labels."""
    return [label_of(Disclosure, key) for key in META_COLUMNS]


def facets_of(item: Disclosure, updated: Callable[[Disclosure], dt.date | None]) -> dict[str, tuple[str, ...]]:
    """The values one catalogue entry is found under."""
    if isinstance(item, Posting):
        kinds: tuple[str, ...] = (POSTINGS, *(table_label(key) for key, _ in item.tables()))
        category: str = item.category
        day: dt.date | None = item.dated
    elif isinstance(item, Procedure):
        kinds, category, day = (GUIDES,), item.type, updated(item)
    else:
        raise TypeError(f"no catalogue entry for {type(item).__name__}")
    return {
        "type": kinds,
        "category": (category,),
        "year": (str(day.year),) if day else (),
        "audience": (item.audience,),
        "mode": (item.mode,),
        "channel": item.channels,
    }


def facet_attrs(item: Disclosure, updated: Callable[[Disclosure], dt.date | None]) -> Markup:
    """The row's `data-` attributes, escaped."""
    values = facets_of(item, updated)
    return Markup(" ".join(f'data-{key}="{html.escape(SEPARATOR.join(values[key]), quote=True)}"' for key, _ in FACETS))
