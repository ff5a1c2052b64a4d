"""A posting's file name from its title: the date, then the title in pinyin (`2011-06-01-cai-gou.yml`).

File names become page addresses, so they stay within `a-z`, `0-9` and `-`; `pypinyin` reads
each character in its context (银行 yin-hang, 行长 hang-zhang), which a character table would not.
"""

from __future__ import annotations

import datetime as dt
import re

from pypinyin import lazy_pinyin

SYLLABLES = 8
"""At most this many syllables of the title: enough to tell postings apart, short enough to read."""

_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")


def slug(title: str, syllables: int = SYLLABLES) -> str:
    """The title's first `syllables` pinyin syllables (and ASCII words), lower case, joined by `-`."""
    words: list[str] = []
    for token in lazy_pinyin(title):
        words += [w for w in _NOT_ASCII_WORD.split(token.lower()) if w]
    return "-".join(words[:syllables])


def posting_stem(day: dt.date, title: str) -> str:
    """`<date>-<slug>`, or just the date when the title has nothing to spell."""
    return "-".join(part for part in (day.isoformat(), slug(title)) if part)


MAX_STEM = 100
"""The longest file name (without `.yml`) a posting may have. It becomes a page address and a folder of the built
site (`hotspots/<dept>-<stem>/index.html`); most file systems allow 255 bytes per name, and the department,
the temporary `.<name>.part` of a write and the site's own prefixes need room beside it."""


def fits(stem: str) -> bool:
    """Whether a file name stem is short enough to be written and published (MAX_STEM)."""
    return len(stem.encode("utf-8")) <= MAX_STEM
