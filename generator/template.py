"""Commented YAML templates for clerks, derived from the field declarations."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from .model import Department, District, FeeCatalogue, FeeItem, Posting, Procedure
from .schema import FieldInfo, fields_of, type_name, unwrap_optional

KINDS: dict[str, type] = {
    "department": Department,
    "procedure": Procedure,
    "posting": Posting,
    "fee": FeeItem,
    "fees": FeeCatalogue,
    "district": District,
}

WHERE = {
    "department": "content/<部门编号>/department.yml",
    "procedure": "content/<部门编号>/procedures/<事项编号>.yml",
    "posting": "content/<部门编号>/postings/<日期>-<编号>.yml",
    "fee": "content/fees.yml 的 items 列表中的一项",
}


def template_for(kind: str) -> str:
    """A YAML template with every field, its label, whether it is required and its help text."""
    cls = KINDS[kind]
    lines = [f"# {(cls.__doc__ or kind).strip().splitlines()[0]}", f"# 保存为:{WHERE.get(kind, kind)}", ""]
    lines += _fields(cls, "")
    return "\n".join(lines) + "\n"


def _fields(cls: type, indent: str) -> list[str]:
    out: list[str] = []
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    for info in fields_of(cls):
        out += _comment(info, indent)
        tp, _ = unwrap_optional(info.type)
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            out.append(f"{indent}{info.key}:")
            if dataclasses.is_dataclass(item):
                sub = _fields(typing.cast(type, item), indent + "    ")
                first = next(i for i, line in enumerate(sub) if not line.lstrip().startswith("#"))
                sub[first] = f"{indent}  - " + sub[first].lstrip()
                out += sub
            else:
                out.append(f"{indent}  - {_example(info, item, None)}")
        elif dataclasses.is_dataclass(tp):
            out.append(f"{indent}{info.key}:")
            out += _fields(typing.cast(type, tp), indent + "  ")
        else:
            out.append(f"{indent}{info.key}: {_example(info, tp, defaults.get(info.key))}")
    return out


def _comment(info: FieldInfo, indent: str) -> list[str]:
    need = "必填" if info.required else "选填"
    return [f"{indent}# {info.spec.label}({need},{type_name(info.type)}):{info.spec.help}"]


def _example(info: FieldInfo, tp: Any, default: Any) -> str:
    if info.spec.example:
        return info.spec.example
    if default not in (dataclasses.MISSING, None, ()):
        return str(default)
    if typing.get_origin(tp) is typing.Literal:
        return str(typing.get_args(tp)[0])
    return ""
