"""Chinese punctuation (GB/T 15834): half-width marks beside Chinese characters, found and made full-width.

Clerks type on keyboards that give `,` `;` `:` `?` `!` `(` `)`; inside a Chinese sentence each
should be its full-width form. Only marks beside a Chinese character or Chinese punctuation are changed
(「齐全的,15个工作日」「0551-82324002;区中心」「是否齐全?」; a pair of parentheses: one holding a Chinese
character), so times (8:30), numbers (1,000), web addresses and Latin text keep theirs.

`fix_file` rewrites a YAML file in place, touching only the text of its values: keys, comments,
quoting, indentation and line breaks stay as they were, and the file is written only when it reads
back as the same values with only those marks changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Chinese characters."""
NEAR = CJK + "\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\u201c\u201d"
"""Chinese characters and Chinese punctuation: a mark beside one of these is in a Chinese sentence."""
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = re.compile(rf"(?<=[{NEAR}])[,;:?!]|[,;:?!](?=[{NEAR}])")
_HALF = re.compile(f"[{re.escape(''.join(FULL))}]")
_PAIR = re.compile(rf"\(([^()\n]*[{CJK}][^()\n]*)\)")


def full_width(text: str) -> str:
    """The text with each half-width mark beside a Chinese character in its full-width form."""
    text = _PAIR.sub(lambda m: f"（{m.group(1)}）", text)
    return _MARK.sub(lambda m: FULL[m.group(0)], text)


def half_width_marks(text: str) -> list[str]:
    """The text around each mark `full_width` would change, as typed (for messages)."""
    if not _HALF.search(text):
        return []  # most text holds no half-width mark at all: skip the comparison
    fixed = full_width(text)
    if fixed == text:
        return []
    return [text[max(0, i - 4) : i + 5] for i, (a, b) in enumerate(zip(text, fixed, strict=True)) if a != b]


@dataclass(frozen=True)
class Fixed:
    """What fixing one file did: the values changed, or why the file was left as it was."""

    path: Path
    changed: int
    refused: str = ""


def _scalars(text: str) -> list[yaml.ScalarEvent]:
    return [e for e in yaml.parse(text, Loader=yaml.BaseLoader) if isinstance(e, yaml.ScalarEvent)]


def fix_text(text: str) -> tuple[str, int]:
    """The YAML text with half-width marks in its values made full-width, and how many values changed.

    Raises ValueError when the rewritten text would not read back as the same values (it never
    should: the marks changed sit beside Chinese characters, inside a value, where YAML gives them no meaning).
    """
    before = _scalars(text)
    pieces, last, changed = [], 0, 0
    for event in before:
        assert event.start_mark is not None and event.end_mark is not None  # the parser marks every event
        start, end = event.start_mark.index, event.end_mark.index
        span = text[start:end]
        fixed = full_width(span)
        if fixed != span:
            pieces += [text[last:start], fixed]
            last, changed = end, changed + 1
    out = "".join([*pieces, text[last:]])
    after = _scalars(out)
    if [full_width(e.value) for e in before] != [e.value for e in after]:
        raise ValueError("values would read back differently")
    return out, changed


def fix_file(path: Path) -> Fixed:
    """Rewrite one YAML file's values with full-width punctuation; unreadable files are left alone."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        out, changed = fix_text(text)
    except (UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        return Fixed(path, 0, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if changed:
        path.write_bytes(out.encode("utf-8"))
    return Fixed(path, changed)
