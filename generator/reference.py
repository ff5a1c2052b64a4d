"""The field reference (docs/fields.md) and the JSON Schema files, both derived from the field declarations."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Record
from .schema import FieldInfo, fields_of, json_schema_for, type_name, unwrap_optional
from .template import KINDS

REFERENCE_FILE = "docs/fields.md"
SCHEMA_DIR = "schemas"

INTRO = """\
# 字段说明

本页由 `disclose fields --write docs/fields.md` 根据字段定义自动生成，请勿手工修改。
每个字段的中文名、是否必填、类型和说明与校验规则、编辑器自动补全（`schemas/*.schema.json`）
和 `disclose new` 模板出自同一处定义。

- 部门编号取自 `content/` 下的目录名，事项和公开信息的编号取自文件名；它们所属的部门
  （承办部门、责任部门）就是所在目录的部门，不必填写。
- 所有文字按原样保留：`05511234567`、`NO`、`1:30` 不会被改写。
- 列表每项一行，以 `- ` 开头；选填字段不写即可，不要留空的 `- `。
"""


def schemas() -> dict[str, str]:
    """Every exported JSON Schema: file name → text."""
    return {
        kind.schema: json.dumps(json_schema_for(kind.cls), ensure_ascii=False, indent=2) + "\n"
        for kind in KINDS.values()
        if kind.schema
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write the JSON Schema files into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def field_reference() -> str:
    """The Markdown field reference: one table per kind of file and per nested record."""
    out = [INTRO]
    done: set[type] = set()
    for name, kind in KINDS.items():
        if kind.cls in done:
            continue
        out.append(f"## {_title(kind.cls)} `{name}`\n\n保存为：`{kind.where}`；模板：`disclose new {name}`。\n")
        out += _tables(kind.cls, done)
    return "\n".join(out).rstrip() + "\n"


def _tables(cls: type, done: set[type]) -> list[str]:
    done.add(cls)
    rows = ["| 字段 | 中文名 | 必填 | 类型 | 说明 | 示例或默认值 |", "| --- | --- | --- | --- | --- | --- |"]
    nested: list[type] = []
    for info in fields_of(cls):
        record = _record_type(info)
        if record is not None and record not in done and record not in nested:
            nested.append(record)
        rows.append(
            "| "
            + " | ".join(
                _cell(text)
                for text in (
                    f"`{info.key}`",
                    info.spec.label,
                    "必填" if info.required else "选填",
                    type_name(info.type) if record is None else f"{type_name(info.type)}（见下表“{_title(record)}”）",
                    info.spec.help,
                    _shown(info, info.default),
                )
            )
            + " |"
        )
    out = ["\n".join(rows) + "\n"]
    for record in nested:
        if record not in done:
            out.append(f"### {_title(record)}\n")
            out += _tables(record, done)
    return out


def _record_type(info: FieldInfo) -> type | None:
    tp, _ = unwrap_optional(info.type)
    if typing.get_origin(tp) is tuple:
        tp = typing.get_args(tp)[0]
    return typing.cast(type, tp) if dataclasses.is_dataclass(tp) else None


def _title(cls: type) -> str:
    return str(getattr(cls, "label", cls.__name__))


def _shown(info: FieldInfo, default: Any) -> str:
    if info.spec.example:
        return info.spec.example
    if isinstance(default, tuple):
        return "、".join(default)
    if default not in (dataclasses.MISSING, None):
        return str(default)
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def unused_fields(records: Iterable[Record]) -> list[str]:
    """Fields (as `记录.key`) that no record, nested ones included, ever fills in.

    A field shared through a base class (公开对象, 公开方式 …) counts as used when any record fills it in.
    """
    used: set[tuple[type, str]] = set()
    classes: set[type] = set()

    def visit(rec: Record) -> None:
        classes.add(type(rec))
        used.update((_owner(type(rec), key), key) for key in rec.locs)
        for info in fields_of(type(rec)):
            value = getattr(rec, info.key)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, Record):
                    visit(item)

    for rec in records:
        visit(rec)
    return sorted(
        {
            f"{_title(_owner(cls, info.key))}.{info.key}"
            for cls in classes | {t for c in classes for t in _nested(c)}
            for info in fields_of(cls)
            if (_owner(cls, info.key), info.key) not in used
        }
    )


def _owner(cls: type, key: str) -> type:
    """The most basic class that declares the field `key`."""
    owners = [c for c in cls.__mro__ if dataclasses.is_dataclass(c) and key in {f.name for f in dataclasses.fields(c)}]
    return owners[-1]


def _nested(cls: type) -> set[type]:
    found: set[type] = set()
    for info in fields_of(cls):
        record = _record_type(info)
        if record is not None:
            found |= {record} | _nested(record)
    return found
