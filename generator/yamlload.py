"""Lossless YAML: every scalar stays the text the clerk typed, with its line and column.

PyYAML's resolver turns `05511234567` into an octal number, `NO` into False and `1:30`
into 90, and silently keeps the last of duplicate keys. We read the event stream instead
and build our own nodes, so only a field's declared type ever converts a value.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import codes
from .chars import CONTROL, UNSAFE
from .keyboard import slips
from .problems import Loc, Problem, problem
from .schema import label_at

_Parser: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_CORE = "tag:yaml.org,2002:"
MAX_DEPTH = 32
"""Nesting deeper than any content model needs is refused before it can exhaust the stack."""


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar exactly as written; `plain` is False when it was quoted or a block."""

    value: str
    loc: Loc
    plain: bool = True

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Map:
    """A mapping: key text → (key scalar, value node), in the order written."""

    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)
    loc: Loc = Loc("")


Node = Scalar | Seq | Map


class YamlError(Exception):
    """Raised inside the builder; carries a located problem."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.zh)
        self.problem = found


def _loc(name: str, mark: Any) -> Loc:
    if mark is None:
        return Loc(name)
    return Loc(name, mark.line + 1, mark.column + 1)


def _refuse_extras(name: str, event: yaml.Event) -> None:
    anchor = getattr(event, "anchor", None)
    if anchor:
        raise YamlError(
            problem(
                codes.YAML_ANCHOR,
                _loc(name, event.start_mark),
                f"不支持锚点 &{anchor} 和别名，请把内容直接写出来。",
                f"Anchors (&{anchor}) and aliases are not supported; write the content out.",
            )
        )
    tag = getattr(event, "tag", None)
    if tag and tag not in ("!", f"{_CORE}str"):
        tag = tag.replace(_CORE, "!!")
        implicit = getattr(event, "implicit", (True, True))
        if not (isinstance(implicit, tuple) and implicit[0]):
            raise YamlError(
                problem(
                    codes.YAML_TAG,
                    _loc(name, event.start_mark),
                    f"不支持标签 {tag}，请删除它。",
                    f"Tags such as {tag} are not supported; remove it.",
                )
            )


def _too_deep(name: str, event: yaml.Event) -> YamlError:
    return YamlError(
        problem(
            codes.YAML_DEPTH,
            _loc(name, event.start_mark),
            f"层级太深（超过 {MAX_DEPTH} 层），请检查缩进和括号。",
            f"Nested more than {MAX_DEPTH} levels deep; check the indentation and brackets.",
        )
    )


def _alias(name: str, event: Any) -> YamlError:
    return YamlError(
        problem(
            codes.YAML_ANCHOR,
            _loc(name, event.start_mark),
            f"不支持别名 *{event.anchor}，请把内容直接写出来。",
            f"Aliases (*{event.anchor}) are not supported; write the content out.",
        )
    )


def _add(name: str, parent: list[Any], node: Node) -> None:
    """Attach a finished node to the open sequence or mapping `parent` ([loc, items, pending key])."""
    items = parent[1]
    if isinstance(items, list):
        items.append(node)
        return
    key = parent[2]
    if key is not None:
        items[key.value] = (key, node)
        parent[2] = None
        return
    if not isinstance(node, Scalar):
        raise YamlError(
            problem(codes.YAML_COMPLEX_KEY, node.loc, "字段名必须是简单文字。", "A key must be plain text.")
        )
    if node.value in items:
        first = items[node.value][0].loc
        raise YamlError(
            problem(
                codes.YAML_DUPLICATE_KEY,
                node.loc,
                f"字段 {node.value} 重复出现（第一次在第 {first.line} 行），请删除或合并其中一个。",
                f"Key {node.value} appears twice (first at line {first.line}); remove or merge one.",
                key=node.value,
            )
        )
    parent[2] = node


def _build(name: str, events: list[Any], pos: int) -> tuple[Node, int]:
    """Build the node that starts at events[pos], without recursion (the loader's hot loop)."""
    stack: list[list[Any]] = []  # open collections: [loc, list of items | dict of entries, pending key]
    while True:
        event = events[pos]
        pos += 1
        kind = event.__class__
        if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            loc, items, _ = stack.pop()
            node: Node = Seq(tuple(items), loc) if kind is yaml.SequenceEndEvent else Map(items, loc)
        elif kind is yaml.AliasEvent:
            raise _alias(name, event)
        else:
            if event.anchor is not None or event.tag is not None:
                _refuse_extras(name, event)
            mark = event.start_mark
            loc = Loc(name, mark.line + 1, mark.column + 1)
            if kind is yaml.ScalarEvent:
                node = Scalar(event.value, loc, event.style in (None, ""))
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(name, event)
                stack.append([loc, [] if kind is yaml.SequenceStartEvent else {}, None])
                continue
        if not stack:
            return node, pos
        _add(name, stack[-1], node)


def parse_text(text: str, name: str) -> Node | None:
    """Parse one YAML document from text; None for an empty file. Raises YamlError."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        shown = text.encode("utf-8", errors="replace").decode("utf-8")
        raise YamlError(_not_utf8(name, shown, exc.start, f"U+{ord(text[exc.start]):04X}")) from None
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        col = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        raise YamlError(
            problem(
                codes.YAML_TAB,
                Loc(name, line, col),
                "YAML 不能用制表符（Tab）缩进或分隔，请改为空格。",
                "Tabs are not allowed in YAML; use spaces.",
            )
        )
    hit = UNSAFE.search(text)
    if hit is not None:
        _refuse_unsafe(text, name, hit.start())
    slip = next(slips(text, name), None)
    if slip is not None:
        raise YamlError(slip)
    try:
        events = list(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_parser_problem(exc, name)) from None
    except yaml.YAMLError as exc:
        raise YamlError(
            problem(
                codes.YAML_SYNTAX,
                Loc(name),
                f"YAML 格式错误：{exc}",
                f"YAML error: {exc}",
            )
        ) from None
    docs: list[Node] = []
    pos = 0
    while pos < len(events):
        if isinstance(events[pos], yaml.DocumentStartEvent):
            node, pos = _build(name, events, pos + 1)
            docs.append(node)
            if len(docs) > 1:
                raise YamlError(
                    problem(
                        codes.YAML_MULTI_DOC,
                        node.loc,
                        "一个文件只能有一份内容，请删除多余的 --- 分隔线或拆成两个文件。",
                        "One document per file; remove the extra --- or split the file.",
                    )
                )
        pos += 1
    return docs[0] if docs else None


_AT_CONTEXT = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")
"""Parser contexts whose start is where the clerk's slip is (the opening quote, the line without its colon, the
opening bracket); for the rest the parser's own position is."""
_SAID = (
    (
        "while scanning a quoted scalar",
        "从这里开始的引号没有结束：请在这个值的末尾补上同样的英文引号，或者去掉开头的引号。",
    ),
    (
        "could not find expected ':'",
        "这一行应当写成“字段名: 值”，但没有找到英文冒号加空格。请在字段名后写英文冒号和一个空格。",
    ),
    ("expected ',' or ']'", "方括号没有结束：[ 和 ] 要成对，各项之间用英文逗号分隔。"),
    ("expected ',' or '}'", "花括号没有结束：{ 和 } 要成对，各项之间用英文逗号分隔。"),
    ("expected '-' indicator", "列表的缩进没有对齐：同一个列表里每一项的短横线“-”要上下对齐，各项下的字段也要对齐。"),
    (
        "did not find expected key",
        "缩进没有对齐：这一行与同一层的字段缩进不同。请让同一层的字段左端对齐（用空格缩进）。",
    ),
    ("expected <block end>", "缩进没有对齐：这一行与同一层的字段缩进不同。请让同一层的字段左端对齐（用空格缩进）。"),
    ("cannot start any token", "这个值以 YAML 的特殊符号开头（如 @ ` % |）：请把整个值用英文双引号括起来。"),
    ("unexpected end of stream", "文件在一个值还没有结束时就结束了：请检查引号和括号是否成对。"),
)


def _parser_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    """The parser's complaint in Chinese, placed where the clerk can see the slip."""
    detail = exc.problem or exc.context or "syntax error"
    context = exc.context or ""
    at_start = exc.context_mark is not None and context.startswith(_AT_CONTEXT)
    loc = _loc(name, exc.context_mark if at_start else exc.problem_mark or exc.context_mark)
    if detail.startswith("mapping values are not allowed"):
        return problem(
            codes.YAML_COLON_IN_VALUE,
            loc,
            "这一行的值里有英文冒号加空格（“: ”），YAML 会把它当成又一个字段。请把整个值用双引号括起来，"
            '如 action: "审核: 材料是否齐全"，或改用中文冒号“：”。',
            "The value on this line holds a colon followed by a space, which YAML reads as another key; "
            'put the whole value in double quotes (action: "a: b"), or use the full-width colon.',
        )
    said = next((zh for words, zh in _SAID if words in context or words in detail), None)
    code = codes.YAML_UNCLOSED_QUOTE if context == "while scanning a quoted scalar" else codes.YAML_SYNTAX
    return problem(
        code,
        loc,
        said or "YAML 格式不对：请检查这一行及上一行的缩进、冒号和引号。",
        f"YAML syntax error ({context + ': ' if context else ''}{detail}); check indentation, colons and quotes here.",
    )


def unsafe_character(ch: str, loc: Loc, key: str = "", label: str = "") -> Problem:
    """A control or invisible character: where it is and what it is, never what surrounds it."""
    point = f"U+{ord(ch):04X}"
    if CONTROL.match(ch):
        what_zh = "回车符" if ch == "\r" else "换行控制符" if ch in "\u2028\u2029" else "控制字符"
        return problem(
            codes.CONTROL_CHARACTER,
            loc,
            f"这里有看不见的{what_zh}（{point}），它会打乱网页结构或使生成失败。请删除它"
            "（从 Word、网页复制的文字常带有这类字符，可先粘贴到记事本再复制）。",
            f"An invisible control character ({point}) here would break the page or the build; delete it.",
            key=key,
            label=label,
        )
    return problem(
        codes.HIDDEN_CHARACTER,
        loc,
        f"这里有看不见的字符（{point}）：零宽字符或改变文字方向的控制符，会让显示的文字与实际不同"
        "（如附件名 invoice[U+202E]fdp.exe 看起来像 invoiceexe.pdf）。请删除它后重新输入这段文字。",
        f"An invisible character ({point}) here (zero-width or a direction override) makes text display "
        "differently from what it is; delete it and retype the text.",
        key=key,
        label=label,
    )


def with_label(found: Problem, cls: type) -> Problem:
    """A loader problem that names a field, given that field's label in record class `cls`."""
    if not found.key or found.label:
        return found
    return dataclasses.replace(found, label=label_at(cls, found.key))


def _refuse_unsafe(text: str, name: str, at: int) -> None:
    """Raise a located problem for the unsafe character at `at`, naming the field it stands in."""
    loc, key = _located(text, name, at)
    raise YamlError(unsafe_character(text[at], loc, key))


def _located(text: str, name: str, at: int) -> tuple[Loc, str]:
    """Where the character at `at` stands (line, column) and the field it is in, read from the rest of the file."""
    line = text.count("\n", 0, at) + 1
    col = at - text.rfind("\n", 0, at)
    key = ""
    try:  # the field: the last value that starts before the character
        plain = UNSAFE.sub(" ", text.replace("\ufffd", "x"))  # same length, so positions hold
        events = list(yaml.parse(plain, Loader=_Parser))
        node, _ = _build(name, events, 2) if len(events) > 2 else (None, 0)
        key = _key_before(node, (line, col)) if node is not None else ""
    except (yaml.YAMLError, YamlError):
        pass
    return Loc(name, line, col), key


def _key_before(node: Node, where: tuple[int, int]) -> str:
    """The path (steps[2].action) of the last scalar value that starts before `where`."""
    best = ""
    stack: list[tuple[str, Node]] = [("", node)]
    found: tuple[int, int] = (0, 0)
    while stack:
        path, current = stack.pop()
        if isinstance(current, Scalar):
            start = (current.loc.line, current.loc.col)
            if found <= start <= where:
                found, best = start, path
        elif isinstance(current, Seq):
            stack += [(f"{path}[{i + 1}]", item) for i, item in enumerate(current.items)]
        else:
            stack += [(f"{path}.{k}" if path else k, value) for k, (_, value) in current.entries.items()]
    return best


def _not_utf8(name: str, text: str, at: int, what: str) -> Problem:
    """The first character that is not UTF-8 (`what`), located at its line, column and field in `text`, the file
    read with a stand-in for what could not be read."""
    file = Path(name).name
    loc, key = _located(text, name, at)
    return problem(
        codes.YAML_ENCODING,
        loc,
        f"文件 {file} 不是 UTF-8 编码（可能是 GBK），从这里起无法读取（{what}）。请用编辑器打开后“另存为 UTF-8”再提交。",
        f"The file {file} is not UTF-8 (perhaps GBK) from here on ({what}); save it as UTF-8 and commit again.",
        key=key,
    )


def read_text(path: Path, name: str) -> str:
    """Read a UTF-8 file (a BOM is tolerated); a non-UTF-8 file raises a located YamlError."""
    return decode(path.read_bytes(), name)


def decode(data: bytes, name: str) -> str:
    """A file's bytes as text: UTF-8 (a BOM is tolerated); anything else raises a located YamlError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        text = before + data[exc.start :].decode("utf-8", errors="replace")
        raise YamlError(_not_utf8(name, text, len(before), f"字节 0x{data[exc.start]:02X}")) from None
    if "\x00" in text:
        loc, key = _located(text, name, text.index("\x00"))
        raise YamlError(
            problem(
                codes.YAML_BINARY,
                loc,
                "这里有空字符（U+0000）：文件含有二进制内容，或从别的程序复制时带进了空字符。"
                "请删除这个字符；如果整个文件是二进制文件（图片、Office 文件），请换成 YAML 文本文件。",
                "A NUL character (U+0000) here: the file holds binary content. Delete it; if the whole file is "
                "binary, replace it with a YAML text file.",
                key=key,
            )
        )
    return text.replace("\r\n", "\n")


def load_file(path: Path, name: str) -> Node | None:
    """Read and parse one YAML file. Raises YamlError with a located problem."""
    return parse_text(read_text(path, name), name)
