"""The one secret-marking detector: the 密级 forms of GB/T 9704 and what offices type instead, in any text.

Used by the content rule (every field of every item), the attachment scan (every readable part of every
attachment) and the scan of the built site. Text is normalised as for personal numbers (NFKC, invisible
characters dropped), and a marking may have spaces between its characters. What counts:

- a 密级 label: 密级：秘密, 密级:机密, 密级【绝密】, 密级：内部;
- a star form: 秘密★, 机密★1年, 绝密★启用前, ★秘密, 内部★ (☆ too);
- 内部资料 with its warning: 内部资料，注意保存 (请勿、严禁、不得外传);
- a line that is only a marking, or starts with one in brackets: 秘密, 涉密, 【内部】, （机密）.

The words alone inside a sentence (不涉及国家秘密, 内部公开) are not markings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .personal import normalise


def _spaced(word: str) -> str:
    r"""A word whose characters may have spaces between them: 秘密 → 秘\s*密."""
    return r"\s*".join(map(re.escape, word))


def _any(*words: str) -> str:
    return "(?:" + "|".join(_spaced(w) for w in words) + ")"


LEVELS = _any("绝密", "机密", "秘密")
FORMS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("级",), re.compile(rf"{_spaced('密级')}\s*:?\s*[\[(【]?\s*(?:{LEVELS}|{_spaced('内部')})")),
    (("★", "☆"), re.compile(rf"(?:{LEVELS}|{_spaced('内部')})\s*[★☆]|[★☆]\s*{LEVELS}")),
    (("料",), re.compile(rf"{_spaced('内部资料')}\s*[,、]?\s*{_any('注意保存', '请勿外传', '严禁外传', '不得外传')}")),
    (
        ("[", "(", "【"),
        re.compile(
            rf"^[^\S\n]*[\[(【][^\S\n]*{_any('涉密', '内部资料', '内部', '绝密', '机密', '秘密')}[^\S\n]*[\])】]", re.M
        ),
    ),
    (("密", "料"), re.compile(rf"^[^\S\n]*{_any('涉密', '内部资料', '绝密', '机密', '秘密')}[^\S\n]*$", re.M)),
)
"""Each form of marking, with the characters one of which it must hold: a form is searched for only in text that
holds one (most text holds none, and one regular expression per form is far quicker than one for all)."""
_HINT = re.compile(r"密|内\s*部|[★☆]")
"""Every marking holds one of these."""


_SHOWN = str.maketrans({":": "：", "(": "（", ")": "）", "[": "【", "]": "】", ",": "，"})
"""A marking as a message quotes it: NFKC made its marks half-width, beside Chinese they are full-width again."""


@dataclass(frozen=True)
class Marking:
    """A secret marking found in a line of text, as written (after normalisation)."""

    line: int
    col: int
    text: str


def may_hold(text: str) -> bool:
    """Whether `text` holds a character every marking has: most text has none and is not searched further."""
    return ("密" in text or "★" in text or "☆" in text or "内" in text) and _HINT.search(text) is not None


def find_markings(text: str) -> Iterator[Marking]:
    """Every secret marking in `text`, in order."""
    return find_normalised(normalise(text)) if may_hold(text) else iter(())


def find_normalised(norm: str) -> Iterator[Marking]:
    """find_markings on text already normalised (the site scan normalises once per file)."""
    if not may_hold(norm):
        return
    found = sorted(m.span() for needles, form in FORMS if any(c in norm for c in needles) for m in form.finditer(norm))
    taken = 0
    for start, end in found:
        if start < taken:
            continue  # one marking matched by two forms (【秘密】 on a line of its own)
        taken = end
        line = norm.count("\n", 0, start) + 1
        shown = " ".join(norm[start:end].split()).translate(_SHOWN)
        yield Marking(line, start - norm.rfind("\n", 0, start), shown)
