"""Catalogue metadata a posting leaves out (公开时限, 公开渠道和载体), given from its category in the district's 标准目录
or from its kind, once, after loading: pages, open data and the ledger then all read the same values."""

from __future__ import annotations

import dataclasses

from .config import SiteConfig
from .content import Content, remember
from .domain.kinds import time_limit_for
from .model import Posting

_RESOLVED: dict[int, tuple[Posting, tuple[tuple[str, object], ...], Posting]] = {}
"""Each posting as the catalogue shows it, by the identity of the posting read: a file read again unchanged gives
the same record, so the live preview's per-record findings still see the record they saw (see content._READ)."""


def with_catalogue_defaults(content: Content, config: SiteConfig) -> Content:
    """The content with each posting that states no 公开时限 or 公开渠道 given those of its category or kind."""
    posts = tuple(_resolved(post, config) for post in content.postings)
    if all(a is b for a, b in zip(posts, content.postings, strict=True)):
        return content
    return dataclasses.replace(content, postings=posts)


def _resolved(post: Posting, config: SiteConfig) -> Posting:
    changes: dict[str, object] = {}
    if "time_limit" not in post.locs:
        text = time_limit_for(post, config)
        if text is not None and text != post.time_limit:
            changes["time_limit"] = text
    category = config.category(post.category)
    if "channels" not in post.locs and category is not None and category.channels:
        changes["channels"] = category.channels
    if not changes:
        return post
    key = tuple(sorted(changes.items()))
    known = _RESOLVED.get(id(post))
    if known is None or known[0] is not post or known[1] != key:
        known = remember(_RESOLVED, id(post), (post, key, dataclasses.replace(post, **changes)))  # type: ignore[arg-type]
    return known[2]
