"""Chinese text is punctuated in full-width marks (GB/T 15834): a half-width `,` `;` `:` `?` `!` or
beside Chinese text, or a pair of parentheses holding Chinese, is a warning, which `disclose fix --punctuation` mends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content, per_record, texts_of
from ..model import Record
from ..problems import Problem, problem
from ..punctuation import half_width_marks

FIX = "disclose fix --punctuation"


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    return per_record(content, __name__, _half_width)


_PAIRS = (("“", "”"), ("‘", "’"))


def _half_width(record: Record) -> Iterator[Problem]:
    for value in texts_of(record):
        text = value.text
        if any(text.startswith(a) and text.endswith(b) and text.count(a) == 1 for a, b in _PAIRS):
            yield problem(
                codes.CURLY_QUOTED,
                value.loc,
                "整个值套在中文引号里，网页上会连引号一起显示。如果是想给值加引号（输入法打成了中文引号），请删除这两个引号，"
                "需要引号时用英文引号；如果页面上确实要显示引号，可以不改。",
                "The whole value is inside curly quotes, which the page shows; remove them unless they are meant to show.",
                key=value.key,
                label=value.label,
            )
        found = half_width_marks(text)
        if not found:
            continue
        shown = "、".join(f"“{piece}”" for piece in found[:3]) + ("等" if len(found) > 3 else "")
        yield problem(
            codes.HALF_WIDTH,
            value.loc,
            f"中文句子里用了半角标点：{shown}，应改用全角标点（，；：？！（））；运行 {FIX} 可自动改正。",
            f"Half-width punctuation inside Chinese text: {shown}; use full-width marks, or run `{FIX}`.",
            key=value.key,
            label=value.label,
        )
