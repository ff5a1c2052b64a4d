"""Catalogue metadata (基层政务公开标准目录): a channel named “其他” says what it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import Disclosure
from ..problems import Problem, on_field
from ..schema import Labels

DISCLOSURE = Labels(Disclosure)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    items: list[Disclosure] = [*content.departments, *content.procedures, *content.postings]
    for item in items:
        if "其他" in item.channels and not item.channel_other:
            yield on_field(
                codes.CHANNEL_OTHER_UNNAMED,
                item,
                "channels",
                "公开渠道写了“其他”，请在 channel_other 中写明是什么渠道或载体。",
                "A channel is given as other; name it in `channel_other`.",
            )
        elif item.channel_other and "其他" not in item.channels:
            yield on_field(
                codes.CHANNEL_OTHER_UNUSED,
                item,
                "channel_other",
                f"写了{DISCLOSURE.channel_other}，但公开渠道中没有“其他”；请在 channels 中加一项“其他”，或删除 channel_other。",
                "`channel_other` is given but no channel is other; add that channel, or remove `channel_other`.",
            )
