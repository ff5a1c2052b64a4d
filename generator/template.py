"""Commented YAML templates for clerks, derived from the field declarations."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any

from .model import TABLES, Department, District, FeeCatalogue, FeeItem, Posting, Procedure
from .registers.model import Assessment, DepartmentYear, DisclosureRequest, InspectionPlan, NormativeDocument
from .schema import SAMPLE, FieldInfo, fields_of, type_name, unwrap_optional


@dataclass(frozen=True)
class Kind:
    """A kind of content file: its record class, where it is saved, its exported JSON Schema."""

    cls: type
    where: str
    schema: str | None = None
    item_of: str = ""
    """For one item of a list in another file (a fee in fees.yml's `items:`): the list's key."""

    def schema_path(self) -> str | None:
        """The schema's path relative to a file saved at `where` (for the yaml-language-server modeline)."""
        if self.schema is None:
            return None
        return "../" * self.where.count("/") + f"schemas/{self.schema}"


KINDS: dict[str, Kind] = {
    "department": Kind(Department, "content/<部门编号>/department.yml", "department.schema.json"),
    "procedure": Kind(Procedure, "content/<部门编号>/procedures/<事项编号>.yml", "procedure.schema.json"),
    "posting": Kind(Posting, "content/<部门编号>/postings/<日期>-<编号>.yml", "posting.schema.json"),
    "fees": Kind(FeeCatalogue, "content/fees.yml", "fees.schema.json"),
    "district": Kind(District, "content/district.yml", "district.schema.json"),
    "fee": Kind(FeeItem, "content/fees.yml 的 items 列表中的一项", item_of="items"),
    "inspection": Kind(InspectionPlan, "content/<部门编号>/inspections/<计划编号>.yml", "inspection.schema.json"),
    "document": Kind(NormativeDocument, "content/<部门编号>/documents/<文件编号>.yml", "document.schema.json"),
    "request": Kind(DisclosureRequest, "content/<部门编号>/requests/<申请编号>.yml", "request.schema.json"),
    "annual": Kind(DepartmentYear, "content/<部门编号>/annual/<年份>.yml", "annual.schema.json"),
    "assessment": Kind(Assessment, "content/assessments/<年份>.yml", "assessment.schema.json"),
}


LATER = frozenset({"withdrawn"})
"""Blocks written only later in an item's life: the template shows them commented out, so a copied template never
withdraws what it creates."""


def template_for(kind: str, tables: tuple[str, ...] = ()) -> str:
    """A YAML template with every field, its label, whether it is required and its help text.

    Every example value is marked 〔示例〕, which `check` refuses until it is replaced. A posting's typed
    tables (`penalties`, `licences` …) are written only when named in `tables`; an item of a list
    (a fee) is written indented as one entry of that list, ready to paste under it.
    """
    spec = KINDS[kind]
    lines = []
    if spec.schema_path():
        lines.append(f"# yaml-language-server: $schema={spec.schema_path()}")
    lines += [f"# {getattr(spec.cls, 'label', kind)}：复制本模板，按注释填写；带“{SAMPLE}”的是示例，必须改成真实内容。"]
    lines += [f"# 保存为：{spec.where}", ""]
    skipped = frozenset(TABLES) - frozenset(tables) if spec.cls is Posting else frozenset()
    body = field_lines(spec.cls, "", skipped)
    if spec.item_of:
        lines.append(f"# 粘贴到 {spec.item_of}: 下面（保持下面的缩进）：")
        body = _as_list_item(body, "  ")
    return "\n".join(lines + body) + "\n"


def _as_list_item(lines: list[str], indent: str) -> list[str]:
    """Fields of a record as one entry of a YAML list: the first field after `- `, all indented to match."""
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    out = [f"{indent}  {line}" for line in lines]
    out[first] = f"{indent}- {lines[first]}"
    return out


def field_lines(cls: type, indent: str, skipped: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for info in fields_of(cls):
        if info.key in skipped:
            continue
        out += _comment(info, indent)
        tp, _ = unwrap_optional(info.type)
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            out.append(f"{indent}{info.key}:")
            if dataclasses.is_dataclass(item):
                sub = field_lines(typing.cast(type, item), indent + "    ")
                first = next(i for i, line in enumerate(sub) if not line.lstrip().startswith("#"))
                sub[first] = f"{indent}  - " + sub[first].lstrip()
                out += sub
            else:
                values = info.default
                examples = values if isinstance(values, tuple) and values else (_example(info, item, None),)
                out += [f"{indent}  - {value}" for value in examples]
        elif dataclasses.is_dataclass(tp) and info.key in LATER:
            block = [f"{indent}{info.key}:", *field_lines(typing.cast(type, tp), indent + "  ")]
            out += [line if line.lstrip().startswith("#") else f"{indent}# {line[len(indent) :]}" for line in block]
        elif dataclasses.is_dataclass(tp):
            out.append(f"{indent}{info.key}:")
            out += field_lines(typing.cast(type, tp), indent + "  ")
        else:
            out.append(f"{indent}{info.key}: {_example(info, tp, info.default)}")
    return out


def _comment(info: FieldInfo, indent: str) -> list[str]:
    need = "必填" if info.required else "选填"
    return [f"{indent}# {info.spec.label}（{need}，{type_name(info.type)}）：{info.spec.help}"]


def _example(info: FieldInfo, tp: Any, default: Any) -> str:
    if info.spec.example:
        return SAMPLE + info.spec.example
    if default not in (dataclasses.MISSING, None, ()):
        return str(default)
    return ""  # a choice with no default is the clerk's to make: left blank, it is reported as missing
