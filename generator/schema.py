"""One definition per field: the model's dataclass fields carry label, help and example.

`spec()` declares a content field; its Python type says how the text is converted, its
default says whether it is required. Validation, the JSON Schema and the field reference
in the docs are all derived from these declarations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from dataclasses import MISSING, dataclass
from decimal import Decimal
from typing import Annotated, Any

Text = Annotated[str, "text"]
"""A line of text."""
Phone = Annotated[str, "phone"]
"""A telephone number as written: digits, spaces, hyphens, parentheses."""
Ident = Annotated[str, "ident"]
"""An id: lowercase letters, digits and hyphens."""
Money = Annotated[str, "money"]
"""An amount as written, in yuan unless it carries its unit (`0.5万元`), or a range `下限-上限`."""
CreditCode = Annotated[str, "credit-code"]
"""A 统一社会信用代码: 18 characters with the GB 32100 check character."""
YearMonth = Annotated[str, "year-month"]
"""A month: YYYY-MM."""

PHONE_RE = re.compile(r"^[0-9０-９()（）\-－ +转]{7,30}$")
IDENT_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIGURE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
MONEY_RE = re.compile(rf"^({_FIGURE})(?:\s*[-~～至]\s*({_FIGURE}))?\s*(元|万元)?$", re.ASCII)
"""An amount: digits (grouped by commas or not) with a fraction, optionally a range, optionally its unit."""
UNITS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}
"""The units an amount may be written in, and what each is worth in yuan."""
DECIMALS: dict[str, int] = {"元": 2, "万元": 6}
"""The most decimals each unit takes: an amount is exact to the fen (0.01 元 = 0.000001 万元)."""
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
YEAR_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$", re.ASCII)
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_RE = re.compile(rf"^[{CREDIT_CHARS}]{{18}}$")


def credit_code_ok(code: str) -> bool:
    """Whether an 18-character 统一社会信用代码 carries its GB 32100 check character."""
    if not CREDIT_RE.match(code):
        return False
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31] == code[17]


MAX_INT_DIGITS = 4
"""Counts and working days: four digits are plenty, and a huge number is refused, not converted."""


@dataclass(frozen=True)
class FieldSpec:
    """What a content field means to a clerk."""

    label: str
    help: str
    example: str = ""
    en: str = ""


SAMPLE = "〔示例〕"
"""Marks a template's example value; a value still carrying it was never filled in and is an error."""


def spec(label: str, help: str, *, default: Any = MISSING, example: str = "", en: str = "") -> Any:
    """Declare a content field. Without a default it is required; a template writes its example marked SAMPLE."""
    meta = {"spec": FieldSpec(label, help, example, en)}
    if default is MISSING:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def label_at(cls: Any, path: str) -> str:
    """The label of the field a key path (steps[2].action) leads to in a record class; "" when none does."""
    label = ""
    for part in re.sub(r"\[\d+\]", "", path).split(".") if path else ():
        info = (
            next((i for i in fields_of(cls) if i.key == part), None)
            if isinstance(cls, type) and dataclasses.is_dataclass(cls)
            else None
        )
        if info is None:
            return ""
        label = info.spec.label
        tp, _ = unwrap_optional(info.type)
        cls = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else tp
    return label


def internal(default: Any = MISSING, *, factory: Any = MISSING) -> Any:
    """A field the loader fills in (id from the file name, locations); never in YAML."""
    if factory is not MISSING:
        return dataclasses.field(default_factory=factory, metadata={"internal": True}, compare=False)
    if default is MISSING:
        return dataclasses.field(metadata={"internal": True}, compare=False)
    return dataclasses.field(default=default, metadata={"internal": True}, compare=False)


@dataclass(frozen=True)
class FieldInfo:
    """A resolved content field: its key, Python type, spec and whether it is required."""

    key: str
    type: Any
    spec: FieldSpec
    required: bool
    default: Any = MISSING


_FIELDS: dict[type, tuple[FieldInfo, ...]] = {}


def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The content fields of a model class, in declaration order (computed once per class)."""
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = _fields_of(cls)
    return known


def _fields_of(cls: type) -> tuple[FieldInfo, ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    own: list[FieldInfo] = []
    inherited: list[FieldInfo] = []
    base_names = {f.name for b in cls.__mro__[1:] if dataclasses.is_dataclass(b) for f in dataclasses.fields(b)}
    for f in dataclasses.fields(cls):
        if "spec" not in f.metadata:
            continue
        required = f.default is MISSING and f.default_factory is MISSING
        info = FieldInfo(f.name, hints[f.name], f.metadata["spec"], required, f.default)
        (inherited if f.name in base_names else own).append(info)
    return (*own, *inherited)  # a record's own fields first, shared metadata last


def label_of(cls: type, key: str) -> str:
    """The Chinese label a field's spec() declares."""
    return next(info.spec.label for info in fields_of(cls) if info.key == key)


class Labels:
    """A record class's field labels by key, for messages and pages that name a field:
    `Labels(Posting).published` is 公开日期. A key the class does not declare is an error, never a blank."""

    def __init__(self, cls: type) -> None:
        self._cls = cls  # read on first use: a module may name the labels of a class it defines further down

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        label = next((info.spec.label for info in fields_of(self._cls) if info.key == key), None)
        if label is None:
            raise AttributeError(f"{self._cls.__name__} has no field {key!r}")
        return label


def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """`X | None` → (X, True); anything else → (tp, False)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


@dataclass(frozen=True)
class Amount:
    """An amount exactly as written: its figures and its unit (元 unless the text names 万元)."""

    low: Decimal
    high: Decimal
    unit: str
    unit_written: bool
    """The text named its unit; a bare figure is in the unit its field declares (元)."""

    @property
    def ranged(self) -> bool:
        return self.high != self.low

    def in_yuan(self) -> tuple[Decimal, Decimal]:
        """The amount converted exactly to yuan."""
        worth = UNITS[self.unit]
        return self.low * worth, self.high * worth


def parse_amount(text: str) -> Amount | None:
    """'18,936,000' → 18936000 元; '0.5万元' → 0.5 万元; '5-20' → 5 to 20 元; None when it is no amount."""
    m = MONEY_RE.match(text.strip())
    if not m:
        return None
    unit = m.group(3) or "元"
    figures = [g.replace(",", "") for g in (m.group(1), m.group(2) or m.group(1))]
    if any(len(f.partition(".")[2]) > DECIMALS[unit] for f in figures):
        return None
    low, high = (Decimal(f) for f in figures)
    return Amount(low, high, unit, m.group(3) is not None) if low <= high else None


def parse_money(text: str) -> tuple[Decimal, Decimal] | None:
    """'10' → (10, 10); '5-20' → (5, 20); '0.5万元' → (5000, 5000): the amount in yuan, or None."""
    amount = parse_amount(text)
    return amount.in_yuan() if amount is not None else None


def type_name(tp: Any, lang: str = "zh") -> str:
    """A human name for a field type, for messages and the field reference."""
    tp, _ = unwrap_optional(tp)
    zh = lang != "en"
    if typing.get_origin(tp) is tuple:
        inner = type_name(typing.get_args(tp)[0], lang)
        if typing.get_origin(typing.get_args(tp)[0]) is typing.Literal:
            return f"列表，每项为 {inner}" if zh else f"list, each one of {inner}"
        return f"{inner}列表" if zh else f"list of {inner}"
    if typing.get_origin(tp) is typing.Literal:
        return "/".join(str(a) for a in typing.get_args(tp))
    names: dict[Any, tuple[str, str]] = {
        Text: ("文字", "text"),
        str: ("文字", "text"),
        Phone: ("电话号码", "phone number"),
        Ident: (
            "编号（小写字母、数字、连字符）",
            "id (lowercase letters, digits, hyphens)",
        ),
        Money: (
            "金额（元，或写明万元）或幅度如 5-20",
            "amount in yuan (or in ten thousand yuan when written), or a range like 5-20",
        ),
        CreditCode: ("统一社会信用代码（18位）", "unified social credit code (18 characters)"),
        YearMonth: ("年月 YYYY-MM", "month YYYY-MM"),
        dt.date: ("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
        int: ("整数", "whole number"),
    }
    for known, (name_zh, name_en) in names.items():
        if tp == known:
            return name_zh if zh else name_en
    if dataclasses.is_dataclass(tp):
        return "对象" if zh else "object"
    return str(tp)


JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
"""yaml-language-server supports JSON Schema up to draft-07."""

_SCALAR = ["string", "number", "integer", "boolean"]
"""An editor reads YAML 1.2, where `2011` is a number and `true` a boolean; our loader keeps the text."""


YUAN_RE = re.compile(r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$", re.ASCII)
"""An amount in open data: exact yuan, ungrouped, no unit (a range as `下限-上限`)."""


def json_schema_for(cls: type, defs: dict[str, Any] | None = None, *, yuan: bool = False) -> dict[str, Any]:
    """A JSON Schema (draft-07) for a model class, for yaml-language-server; `yuan`: amounts as open data gives
    them (exact yuan, no unit)."""
    own = defs is None
    defs = {} if defs is None else defs
    props: dict[str, Any] = {}
    required = []
    for info in fields_of(cls):
        props[info.key] = _json_type(info.type, defs, yuan) | {
            "title": info.spec.label,
            "description": info.spec.help,
        }
        if info.spec.example:
            props[info.key]["examples"] = [info.spec.example]
        if info.default not in (MISSING, None, ()):
            props[info.key]["default"] = list(info.default) if isinstance(info.default, tuple) else info.default
        if info.required:
            required.append(info.key)
            if props[info.key].get("type") == "array":
                props[info.key]["minItems"] = 1
    schema: dict[str, Any] = {
        "type": "object",
        "title": getattr(cls, "label", cls.__name__),
        "properties": props,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    if own:
        schema = {"$schema": JSON_SCHEMA_DRAFT, **schema}
        if defs:
            schema["definitions"] = defs
    return schema


def _json_type(tp: Any, defs: dict[str, Any], yuan: bool) -> dict[str, Any]:
    tp, _ = unwrap_optional(tp)
    if typing.get_origin(tp) is tuple:
        return {"type": "array", "items": _json_type(typing.get_args(tp)[0], defs, yuan)}
    if typing.get_origin(tp) is typing.Literal:
        return {"enum": [str(a) for a in typing.get_args(tp)]}
    if dataclasses.is_dataclass(tp):
        assert isinstance(tp, type)
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = json_schema_for(tp, defs, yuan=yuan)
        return {"$ref": f"#/definitions/{name}"}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": DATE_RE.pattern}
    if tp is int:
        return {"type": ["integer", "string"], "minimum": 0, "pattern": rf"^\d{{1,{MAX_INT_DIGITS}}}$"}
    if yuan and tp == Money:
        return {"type": "string", "pattern": YUAN_RE.pattern}
    patterns = {Ident: IDENT_RE, Money: MONEY_RE, Phone: PHONE_RE, CreditCode: CREDIT_RE, YearMonth: YEAR_MONTH_RE}
    for known, pattern in patterns.items():
        if tp == known:
            return {"type": ["string", "number", "integer"], "pattern": pattern.pattern}
    return {"type": _SCALAR, "minLength": 1}
