"""Commented YAML templates for clerks, derived from the field declarations."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any

from .model import KIND_BLOCKS, TABLES, Department, District, FeeCatalogue, FeeItem, Posting, Procedure
from .registers.model import (
    Assessment,
    DepartmentYear,
    DisclosureRequest,
    InspectionPlan,
    NormativeDocument,
    PublishedReport,
)
from .schema import SAMPLE, FieldInfo, fields_of, type_name, unwrap_optional


@dataclass(frozen=True)
class Kind:
    """A kind of content file: its record class, where it is saved, its exported JSON Schema."""

    cls: type
    where: str
    schema: str | None = None
    omit: frozenset[str] = frozenset()
    """Fields this template leaves out: a posting of one kind has no other kind's block, no typed tables and,
    unless it is published after completion, no 办结日期."""
    title: str = ""
    """The template's own name when it is one kind of its record (征求意见 of a posting)."""
    item_of: str = ""
    """For one item of a list in another file (a fee in fees.yml's `items:`): the list's key."""

    def schema_path(self) -> str | None:
        """The schema's path relative to a file saved at `where` (for the yaml-language-server modeline)."""
        if self.schema is None:
            return None
        return "../" * self.where.count("/") + f"schemas/{self.schema}"


POSTING_WHERE = "content/<部门编号>/postings/<日期>-<编号>.yml"
NOTICE_FIELDS = frozenset({"notice_from", "notice_until", "notice_days", "objection"})
LATE_FIELDS = frozenset({"late_reason", "late_approver"})
"""A late publication's explanation: only kinds with a deadline (published after completion, a budget) have one."""
OWN_DATES = frozenset({"completed", *TABLES})
"""What a posting of a kind with its own dates never carries."""


def _kind_of_posting(block: str, also: frozenset[str] = frozenset()) -> Kind:
    """A posting template with one kind's block and without what that kind never carries."""
    others = frozenset(KIND_BLOCKS) - {block}
    return Kind(Posting, POSTING_WHERE, "posting.schema.json", OWN_DATES | others | also, KIND_BLOCKS[block])


KINDS: dict[str, Kind] = {
    "department": Kind(Department, "content/<部门编号>/department.yml", "department.schema.json"),
    "procedure": Kind(Procedure, "content/<部门编号>/procedures/<事项编号>.yml", "procedure.schema.json"),
    "posting": Kind(Posting, POSTING_WHERE, "posting.schema.json"),
    "consultation": _kind_of_posting("consultation", NOTICE_FIELDS | LATE_FIELDS),
    "budget": _kind_of_posting("budget", NOTICE_FIELDS),
    "rectification": _kind_of_posting("rectification", LATE_FIELDS),
    "proposal": _kind_of_posting("proposal", LATE_FIELDS),
    "fees": Kind(FeeCatalogue, "content/fees.yml", "fees.schema.json"),
    "district": Kind(District, "content/district.yml", "district.schema.json"),
    "fee": Kind(FeeItem, "content/fees.yml 的 items 列表中的一项", item_of="items"),
    "inspection": Kind(InspectionPlan, "content/<部门编号>/inspections/<计划编号>.yml", "inspection.schema.json"),
    "document": Kind(NormativeDocument, "content/<部门编号>/documents/<文件编号>.yml", "document.schema.json"),
    "request": Kind(DisclosureRequest, "content/<部门编号>/requests/<申请编号>.yml", "request.schema.json"),
    "annual": Kind(DepartmentYear, "content/<部门编号>/annual/<年份>.yml", "annual.schema.json"),
    "assessment": Kind(Assessment, "content/assessments/<年份>.yml", "assessment.schema.json"),
    "report": Kind(PublishedReport, "content/annual-reports/<年份>.yml", "report.schema.json"),
}


LATER = frozenset({"withdrawn", "feedback"})
"""Blocks written only later in an item's life: the template shows them commented out, so a copied template never
withdraws what it creates, nor reports feedback on a consultation still open."""
CHOSEN = frozenset(KIND_BLOCKS)
"""The kind blocks: the posting template shows each commented out (a posting is one kind at most); each kind's own
template (disclose new consultation …) writes its block out."""


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
    title = f"{getattr(spec.cls, 'label', kind)}·{spec.title}" if spec.title else getattr(spec.cls, "label", kind)
    others = ""
    if spec.cls is Posting and not spec.title:
        others = "；征求意见、预算决算、整改公示和事前公示另有模板（disclose new consultation、budget、rectification、proposal）"
    lines += [f"# {title}：复制本模板，按注释填写；带“{SAMPLE}”的是示例，必须改成真实内容{others}。"]
    lines += [f"# 保存为：{spec.where}", ""]
    skipped = frozenset(TABLES) - frozenset(tables) if spec.cls is Posting else frozenset()
    body = field_lines(spec.cls, "", skipped | spec.omit, commented=frozenset() if spec.title else CHOSEN)
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


def field_lines(
    cls: type, indent: str, skipped: frozenset[str] = frozenset(), commented: frozenset[str] = frozenset()
) -> list[str]:
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
        elif dataclasses.is_dataclass(tp) and info.key in LATER | commented:
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
