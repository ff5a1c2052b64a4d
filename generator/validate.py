"""Turn located YAML nodes into frozen records, collecting every problem on the way.

Conversion is driven entirely by the field declarations in `model.py`: a field's type says
how its text is read, its default says whether it may be left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import typing
from typing import Any, TypeVar

from . import codes
from .chars import UNSAFE
from .problems import Loc, Problem, problem
from .schema import (
    DATE_RE,
    IDENT_RE,
    MAX_INT_DIGITS,
    PHONE_RE,
    SAMPLE,
    YEAR_MONTH_RE,
    CreditCode,
    FieldInfo,
    Ident,
    Money,
    Phone,
    YearMonth,
    credit_code_ok,
    fields_of,
    parse_money,
    type_name,
    unwrap_optional,
)
from .yamlload import Map, Node, Scalar, Seq, unsafe_character

T = TypeVar("T")


class _Invalid:
    """Marks a value that could not be converted (a problem was already recorded)."""


INVALID = _Invalid()


def build_record(cls: type[T], node: Node | None, loc: Loc, problems: list[Problem], **extra: Any) -> T | None:
    """Build one record of `cls` from a mapping node; None when it is unusable."""
    if node is None or (isinstance(node, Scalar) and node.is_null):
        problems.append(
            problem(
                codes.EMPTY_FILE,
                loc,
                "文件是空的，请按模板填写内容。",
                "The file is empty; fill it in from the template.",
            )
        )
        return None
    value = _convert_record(cls, node, "", problems, extra)
    return None if value is INVALID else typing.cast(T, value)


def _convert_record(cls: type, node: Node, path: str, problems: list[Problem], extra: dict[str, Any]) -> Any:
    if not isinstance(node, Map):
        problems.append(
            problem(
                codes.TYPE_MAPPING,
                node.loc,
                "这里应当是“字段：值”形式的内容。",
                "A mapping of `key: value` lines is expected here.",
                key=path,
            )
        )
        return INVALID
    infos = fields_of(cls)
    known = _known_keys(cls)
    for key, (key_node, _) in node.entries.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint_zh = f"是不是 {close[0]}？" if close else "请删除或改正它。"
            hint_en = f"did you mean {close[0]}?" if close else "remove or correct it."
            problems.append(
                problem(
                    codes.UNKNOWN_FIELD,
                    key_node.loc,
                    f"不认识的字段 {key}，{hint_zh}",
                    f"Unknown field {key}; {hint_en}",
                    key=_join(path, key),
                )
            )
    values: dict[str, Any] = dict(extra)
    locs: dict[str, Loc] = {}
    ok = True
    for info in infos:
        entry = node.entries.get(info.key)
        key = _join(path, info.key)
        value_node = entry[1] if entry else None
        if value_node is None or _is_empty(value_node):
            if info.required:
                where = entry[0].loc if entry else node.loc
                problems.append(_missing(info, key, where))
                ok = False
            continue
        assert entry is not None
        locs[info.key] = entry[1].loc if isinstance(entry[1], Scalar) else entry[0].loc
        value = _convert(info, info.type, value_node, key, problems)
        if value is INVALID:
            ok = False
        else:
            values[info.key] = value
    if not ok:
        return INVALID
    return cls(loc=node.loc, locs=locs, **values)


def _is_empty(node: Node) -> bool:
    if isinstance(node, Scalar):
        return node.is_null or not node.value.strip()
    if isinstance(node, Seq):
        return not node.items
    return not node.entries


def _missing(info: FieldInfo, key: str, loc: Loc) -> Problem:
    return problem(
        codes.REQUIRED,
        loc,
        f"缺少必填项“{info.spec.label}”：{info.spec.help}",
        f"Required field is missing or empty: {info.spec.en or info.key}.",
        key=key,
        label=info.spec.label,
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _bad(info: FieldInfo, key: str, node: Node, zh: str, en: str, code: codes.Code = codes.TYPE) -> Problem:
    return problem(code, node.loc, zh, en, key=key, label=info.spec.label)


@functools.cache
def _shape(tp: Any) -> tuple[str, Any]:
    """What kind of value a field type asks for, worked out once per type: (kind, detail)."""
    tp, _ = unwrap_optional(tp)
    origin = typing.get_origin(tp)
    if origin is tuple:
        return "list", typing.get_args(tp)[0]
    if dataclasses.is_dataclass(tp):
        return "record", tp
    if origin is typing.Literal:
        return "choice", tuple(str(a) for a in typing.get_args(tp))
    for kind, known in (
        ("date", dt.date),
        ("int", int),
        ("phone", Phone),
        ("ident", Ident),
        ("money", Money),
        ("credit-code", CreditCode),
        ("year-month", YearMonth),
    ):
        if tp == known:
            return kind, tp
    return "text", tp


def value_kind(tp: Any) -> str:
    """What a field type asks for: text, choice, date, int, phone, ident, money, credit-code, year-month, list or record."""
    kind: str = _shape(tp)[0]
    return kind


@functools.cache
def _known_keys(cls: type) -> frozenset[str]:
    return frozenset(info.key for info in fields_of(cls))


def _convert(info: FieldInfo, tp: Any, node: Node, key: str, problems: list[Problem]) -> Any:
    kind, detail = _shape(tp)
    if kind == "list":
        item_tp = detail
        if not isinstance(node, Seq):
            problems.append(
                _bad(
                    info,
                    key,
                    node,
                    "这里应当是列表，每项一行，以“- ”开头。",
                    "A list is expected here: one item per line starting with `- `.",
                    codes.TYPE_LIST,
                )
            )
            return INVALID
        items = []
        ok = True
        for i, item in enumerate(node.items):
            item_key = f"{key}[{i + 1}]"
            if _is_empty(item):
                problems.append(
                    _bad(
                        info,
                        item_key,
                        item,
                        "列表中有空项，请填写或删除。",
                        "An empty list item; fill it in or remove it.",
                        codes.EMPTY_ITEM,
                    )
                )
                ok = False
                continue
            value = _convert(info, item_tp, item, item_key, problems)
            if value is INVALID:
                ok = False
            else:
                items.append(value)
        return tuple(items) if ok else INVALID
    if kind == "record":
        return _convert_record(typing.cast(type, detail), node, key, problems, {})
    if not isinstance(node, Scalar):
        problems.append(
            _bad(
                info,
                key,
                node,
                f"这里应当是一个值（{type_name(detail)}），不是列表或多个字段。",
                f"A single value ({type_name(detail, 'en')}) is expected here.",
            )
        )
        return INVALID
    text = node.value.strip() if node.plain else node.value
    if SAMPLE in text:
        problems.append(
            _bad(
                info,
                key,
                node,
                f"这里还是模板的示例内容（带有“{SAMPLE}”），请改为本条信息的真实内容；没有的选填项整行删除。",
                f"This is still the template's example (marked {SAMPLE}); write the real value, "
                "or delete the line of an optional field you have nothing for.",
                codes.TEMPLATE_EXAMPLE,
            )
        )
        return INVALID
    if kind == "choice":
        choices = detail
        if text in choices:
            return text
        near = difflib.get_close_matches(text, choices, n=1, cutoff=0.4)
        guess_zh, guess_en = (f"是不是“{near[0]}”？", f"Did you mean “{near[0]}”？ ") if near else ("", "")
        problems.append(
            _bad(
                info,
                key,
                node,
                f"“{text}”不是可选的值。{guess_zh}只能填写：{'、'.join(choices)}。",
                f"“{text}” is not a choice. {guess_en}Must be one of: {', '.join(choices)}.",
                codes.CHOICE,
            )
        )
        return INVALID
    if kind == "date":
        return _date(info, key, node, text, problems)
    if kind == "int":
        if text.isascii() and text.isdigit() and len(text) <= MAX_INT_DIGITS:
            return int(text)
        zh, en = _days_hint(info.key, text)
        problems.append(
            _bad(
                info,
                key,
                node,
                f"这里应当填写不超过 {MAX_INT_DIGITS} 位的整数，如 5。{zh}",
                f"A whole number of at most {MAX_INT_DIGITS} digits, such as 5, is expected.{en}",
            )
        )
        return INVALID
    if kind == "phone" and not PHONE_RE.match(text):
        problems.append(
            _bad(
                info,
                key,
                node,
                "电话号码格式不对，请写成 0551-82321001 的形式。",
                "Not a phone number; write it like 0551-82321001.",
            )
        )
        return INVALID
    if kind == "ident" and not IDENT_RE.match(text):
        problems.append(
            _bad(
                info,
                key,
                node,
                "编号只能用小写字母、数字和连字符，如 bgs 或 tu-di-chu-rang。",
                "An id uses lowercase letters, digits and hyphens only.",
                codes.IDENT,
            )
        )
        return INVALID
    if kind == "money" and parse_money(text) is None:
        problems.append(
            _bad(
                info,
                key,
                node,
                "金额格式不对：请写成 80、1,286,000 这样的数字（单位元），以万元计的写明单位，如“0.5万元”；"
                "有幅度的写 5-20。元最多两位小数，万元最多六位小数。",
                "Not an amount; write 80 or 1,286,000 (yuan), an amount in ten thousand yuan with its unit, or a range such as 5-20.",
            )
        )
        return INVALID
    if kind == "credit-code" and not credit_code_ok(text):
        problems.append(
            _bad(
                info,
                key,
                node,
                "统一社会信用代码应为18位数字或大写字母，且末位校验码正确（GB 32100）；请对照营业执照核对。",
                "A unified social credit code has 18 digits or capital letters with a valid GB 32100 check character.",
                codes.CREDIT_CODE,
            )
        )
        return INVALID
    if kind == "year-month" and not YEAR_MONTH_RE.match(text):
        problems.append(
            _bad(
                info,
                key,
                node,
                "年月应写成 YYYY-MM，如 1970-05。",
                "A month is written YYYY-MM, e.g. 1970-05.",
                codes.YEAR_MONTH,
            )
        )
        return INVALID
    unsafe = UNSAFE.search(text)
    if unsafe is not None:  # written as an escape ("\u202e") inside double quotes; raw ones the loader refused
        problems.append(unsafe_character(unsafe.group(), node.loc, key, info.spec.label))
        return INVALID
    return text


def _days_hint(key: str, text: str) -> tuple[str, str]:
    """For a limit in days: the unit, and what to do with a limit given in hours or in words."""
    if not key.endswith("days"):
        return "", ""
    if "小时" in text or "h" in text.lower():
        return (
            "单位是工作日，只写数字；以小时计的环节时限写在 hours（如 hours: 4），不要折算成工作日。",
            " The unit is working days; a step limit in hours goes in `hours` (e.g. hours: 4), not converted.",
        )
    return (
        "单位是工作日，只写数字：来源写“5个工作日”的填 5；当场办结的填 0 并写 handling: 即办件；来源按自然日计的，在办理要求中照录原文，不要换算。",
        " The unit is working days; write the number only (0 with handling: 即办件 for on-the-spot). A limit "
        "in calendar days is copied as written into `requirements`, never converted.",
    )


def _date(info: FieldInfo, key: str, node: Scalar, text: str, problems: list[Problem]) -> Any:
    m = DATE_RE.match(text)
    if not m:
        problems.append(
            _bad(
                info,
                key,
                node,
                "日期格式应为 YYYY-MM-DD，如 2011-05-12。",
                "A date is written YYYY-MM-DD, e.g. 2011-05-12.",
                codes.DATE,
            )
        )
        return INVALID
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        problems.append(
            _bad(
                info,
                key,
                node,
                f"日期 {text} 不存在，请核对年月日。",
                f"The date {text} does not exist; check it.",
                codes.DATE,
            )
        )
        return INVALID
