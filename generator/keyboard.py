"""What a Chinese keyboard types where YAML wants ASCII, found at its own line before the parser runs.

An input method left on gives `title：标题` (a full-width colon, so YAML sees no key), Word and web
pages paste full-width spaces (U+3000) and no-break spaces (U+00A0) into the indentation, and a
quote typed as `“` or `”` never closes a `"`. The parser then reports something else, often lines
further down and in English; this scan names the slip where it stands and says what to type instead.

Text inside block scalars (`body: |`) is the clerk's own prose and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import codes
from .problems import Loc, Problem, problem

_SPACES = {"\u3000": "全角空格（U+3000）", "\u00a0": "不换行空格（U+00A0）"}
_ITEM = r"(?:-[ ]+)*"
_KEY = r"[A-Za-z_][A-Za-z0-9_.-]*"
_FULL_COLON = re.compile(rf"^[ ]*{_ITEM}({_KEY})[ ]*(：)")
_ODD_SPACE_AFTER = re.compile(rf"^[ ]*{_ITEM}(?:({_KEY}):|-)([\u3000\u00a0])")
_ODD_INDENT = re.compile(r"^[ ]*([\u3000\u00a0])")
_BLOCK = re.compile(r"(?:^|[ ])[|>][-+0-9]*$")
"""A line that opens a block scalar (`body: |`, `- >-`): the lines indented under it are prose."""
_VALUE = re.compile(rf"^[ ]*{_ITEM}(?:{_KEY}:[ ]+)?(.*)$")
_CLOSERS = {'"': "”“", "'": "’‘", "“": '"', "‘": "'"}
_QUOTE_NAMES = {'"': '英文双引号 "', "'": "英文单引号 '", "“": "中文引号 “", "‘": "中文引号 ‘"}


def slips(text: str, name: str) -> Iterator[Problem]:
    """Every keyboard slip in the YAML syntax of `text`, in line order."""
    block: int | None = None  # the indentation of the line that opened a block scalar
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip(" \u3000\u00a0") or indent > block:
                continue
            block = None
        found = _slip(line, Loc(name, number))
        if found is not None:
            yield found
        if _BLOCK.search(line.split(" #", 1)[0].rstrip()):
            block = indent


def _slip(line: str, at: Loc) -> Problem | None:
    if m := _FULL_COLON.match(line):
        key = m.group(1)
        return _found(
            at,
            m.start(2),
            f"字段名 {key} 后面是中文冒号“：”，YAML 只认英文冒号，这一行会被当成普通文字。"
            f"请改为英文冒号加一个空格：`{key}: `（切换到英文输入法再输入冒号）。",
            f"The key {key} is followed by a full-width colon; YAML needs `{key}: ` (ASCII colon and a space).",
        )
    if m := _ODD_SPACE_AFTER.match(line):
        what = _SPACES[m.group(2)]
        after = f"字段名 {m.group(1)} 的冒号" if m.group(1) else "列表的短横线“-”"
        return _found(
            at,
            m.start(2),
            f"{after}后面是{what}，YAML 只认普通空格（常因从 Word、网页复制或开着中文输入法而来）。"
            "请删除这个空格，在英文输入法下重新输入一个空格。",
            f"A {'no-break' if m.group(2) == chr(0xA0) else 'full-width'} space follows the "
            f"{'key' if m.group(1) else 'list dash'}; type a plain space instead.",
        )
    if m := _ODD_INDENT.match(line):
        what = _SPACES[m.group(1)]
        return _found(
            at,
            m.start(1),
            f"这一行的缩进里有{what}，YAML 只认普通空格，会读错层级（常从 Word、网页粘贴而来）。"
            "请删除这一行开头的空白，用空格键重新缩进，与同级的行对齐。",
            "The indentation holds a full-width or no-break space; re-indent the line with plain spaces.",
        )
    return _mismatched_quote(line, at)


def _mismatched_quote(line: str, at: Loc) -> Problem | None:
    """A value opened with one kind of quote and closed with another (`"标题”`, `“标题"`)."""
    m = _VALUE.match(line)
    value = m.group(1).rstrip() if m else ""
    if len(value) < 2 or value[0] not in _CLOSERS:
        return None
    opener, rest = value[0], value[1:]
    if opener in "\"'" and opener in rest:
        return None  # closed as opened (YAML's own rules decide the rest)
    if opener in "“‘" and _CLOSERS[opener] not in rest[-1:]:
        return None  # a Chinese quotation inside the text, not a YAML quote
    if opener in "\"'" and not any(c in rest for c in _CLOSERS[opener]):
        return None  # an unclosed quote without a Chinese one: the parser's own report, placed at the quote
    assert m is not None
    return _found(
        at,
        m.start(1),
        f"这个值的引号不配对：开头是{_QUOTE_NAMES[opener]}，结尾却是另一种引号，YAML 会一直找下去，把后面的行也当成这个值。"
        '请两头都用英文引号（"…"），或者两头都不加引号。',
        "The value opens with one kind of quote and closes with another; use ASCII quotes at both ends, or none.",
    )


def _found(at: Loc, index: int, zh: str, en: str) -> Problem:
    return problem(codes.YAML_KEYBOARD, Loc(at.file, at.line, index + 1), zh, en)
