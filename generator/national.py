"""The national 信用信息 双公示 layouts: every column of the 行政许可 and 行政处罚 sheets clerks receive, as
the 信用 platforms and 政务服务 systems export them, and what each becomes.

One place states the national column set per kind, in the national order, with the other spellings exports
use: the field it fills (by key; its label and type are the field's `spec()`), the unit an amount column
states, or why the column is kept out of the site. `disclose import` reads headers through `column_of`;
`header_row` gives the national header row (for a template sheet).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class NationalColumn:
    """One column of a national sheet: its header, the field it fills (None: kept out) and its other spellings."""

    header: str
    key: str | None
    spellings: tuple[str, ...] = ()
    why: str = ""
    """Why a kept-out column is not written into content/ (shown in the import summary)."""
    party_id: bool = False
    """The party's own ID number: read (never written) to tell a minor, whose penalty is not published online."""


ID_NUMBER = "自然人（包括法定代表人）的身份证件号码不写入、不公开"
ID_KIND = "只说明证件号码是哪种证件；号码不公开，类型也就不需要"
STATUS = "这是导出当天的状态，网站公开的是决定本身；决定后来被撤销、变更的，用撤回（withdrawn）说明理由"
ROW_NUMBER = "表格内的行号，不是公开内容"

_PARTY = (
    NationalColumn("行政相对人名称", "party", ("相对人名称", "行政相对人")),
    NationalColumn("行政相对人类别", "party_type", ("相对人类别",)),
    NationalColumn("行政相对人代码_1（统一社会信用代码）", "credit_code"),
    NationalColumn("行政相对人代码_2（工商注册号）", "registration_no"),
    NationalColumn("行政相对人代码_3（组织机构代码）", "org_code"),
    NationalColumn("行政相对人代码_4（税务登记号）", "tax_no"),
    NationalColumn("行政相对人代码_5（事业单位证书号）", "institution_no"),
    NationalColumn("行政相对人代码_6（社会组织登记证号）", "social_org_no"),
    NationalColumn("法定代表人", "representative", ("法定代表人姓名", "法定代表人（负责人）", "负责人")),
    NationalColumn("法定代表人证件类型", None, ("法定代表人身份证件类型",), ID_KIND),
    NationalColumn(
        "法定代表人证件号码",
        None,
        ("法定代表人身份证号", "法定代表人身份证号码", "法定代表人证件号", "法定代表人身份证件号码"),
        ID_NUMBER,
    ),
    NationalColumn("证件类型", None, ("自然人证件类型", "身份证件类型"), ID_KIND),
    NationalColumn(
        "证件号码",
        None,
        ("自然人证件号码", "身份证件号码", "居民身份证号", "居民身份证号码", "身份证号码"),
        ID_NUMBER,
        party_id=True,
    ),
)
_SOURCE = (
    NationalColumn("数据来源单位", "source_unit"),
    NationalColumn("数据来源单位统一社会信用代码", "source_unit_code"),
    NationalColumn("备注", "note"),
)

NATIONAL: dict[str, tuple[NationalColumn, ...]] = {
    "licences": (
        *_PARTY,
        NationalColumn("行政许可决定文书名称", "document", ("许可决定文书名称", "文书名称")),
        NationalColumn(
            "行政许可决定文书号", "number", ("许可决定文书号", "行政许可决定书文号", "许可决定书文号", "文书号")
        ),
        NationalColumn("许可类别", "kind"),
        NationalColumn("许可证书名称", "certificate", ("许可证书名称及编号",)),
        NationalColumn("许可编号", "licence_no", ("许可证书编号", "许可证编号")),
        NationalColumn("许可内容", "content"),
        NationalColumn("许可决定日期", "decided"),
        NationalColumn("有效期自", "valid_from", ("许可有效期自",)),
        NationalColumn("有效期至", "valid_until", ("许可有效期至", "许可截止期")),
        NationalColumn("许可机关", "authority"),
        NationalColumn("许可机关统一社会信用代码", "authority_code"),
        NationalColumn("当前状态", None, (), STATUS),
        *_SOURCE,
    ),
    "penalties": (
        *_PARTY,
        NationalColumn("行政处罚决定书文号", "number", ("处罚决定书文号", "行政处罚决定文书号", "文书号")),
        NationalColumn("违法行为类型", "violation"),
        NationalColumn("违法事实", "facts", ("主要违法事实",)),
        NationalColumn("处罚依据", "basis"),
        NationalColumn("处罚类别", "kind"),
        NationalColumn("处罚内容", "content"),
        NationalColumn("罚款金额（万元）", "fine"),
        NationalColumn(
            "没收违法所得、没收非法财物的金额（万元）", "confiscated", ("没收违法所得、没收非法财物的金额",)
        ),
        NationalColumn("暂扣或吊销证照名称及编号", "licence"),
        NationalColumn("处罚决定日期", "decided"),
        NationalColumn("处罚有效期", "effective_until"),
        NationalColumn("公示截止期", "publicity_until"),
        NationalColumn("处罚机关", "authority"),
        NationalColumn("处罚机关统一社会信用代码", "authority_code"),
        *_SOURCE,
    ),
}
"""The national columns of each kind, in the national order."""

KEPT_OUT_ANY_KIND = (NationalColumn("序号", None, (), ROW_NUMBER),)
"""Columns clerks' sheets carry beside the national ones that are never content."""

_UNIT = re.compile(r"^(.+?)\((元|万元)\)$")
_MARKS = re.compile(r"[\s*＊]+")
_CODE = re.compile(r"^行政相对人代码[_\-－]?\d?\((.+)\)$")
_CODE_NAMES: dict[str, str | None] = {
    "统一社会信用代码": "credit_code",
    "工商注册号": "registration_no",
    "工商登记码": "registration_no",
    "工商登记号": "registration_no",
    "组织机构代码": "org_code",
    "税务登记号": "tax_no",
    "事业单位证书号": "institution_no",
    "社会组织登记证号": "social_org_no",
    "居民身份证号": None,
    "身份证号码": None,
    "居民身份证号码": None,
}
"""What an older or newer export calls each 行政相对人代码_N: the number varies between versions (an older
layout has 居民身份证号 as _5), so the name in brackets decides."""


def normalised(header: object) -> str:
    """A header as compared: NFKC (full-width brackets and underscores as ASCII), without spaces or `*` marks."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", str(header))) if header is not None else ""


def split_unit(header: str) -> tuple[str, str | None]:
    """'罚款金额(万元)' → ('罚款金额', '万元'); a header without a unit → (header, None). Takes a normalised header."""
    m = _UNIT.match(header)
    return (m.group(1), m.group(2)) if m else (header, None)


@dataclass(frozen=True)
class Found:
    """What a national header means: the field key it fills (None: kept out, see `why`) and the unit it states."""

    key: str | None
    unit: str | None
    why: str = ""
    party_id: bool = False


def column_of(kind: str, header: object) -> Found | None:
    """The national column a header names for this kind (any spelling), or None when it is none of them."""
    text = normalised(header)
    base, unit = split_unit(text)
    for column in (*NATIONAL.get(kind, ()), *KEPT_OUT_ANY_KIND):
        names = {normalised(n) for n in (column.header, *column.spellings)}
        if text in names:
            return Found(column.key, split_unit(normalised(column.header))[1], column.why, column.party_id)
        if unit and base in {split_unit(n)[0] for n in names}:
            return Found(column.key, unit, column.why, column.party_id)
    code = _CODE.match(text)
    if kind in NATIONAL and code and code.group(1) in _CODE_NAMES:
        key = _CODE_NAMES[code.group(1)]
        return Found(key, None, "" if key else ID_NUMBER, key is None)
    return None


def header_row(kind: str) -> tuple[str, ...]:
    """The national header row of a kind, as the national template writes it (for a template sheet)."""
    return tuple(c.header for c in NATIONAL[kind])


def kinds() -> tuple[str, ...]:
    """The kinds that have a national layout."""
    return tuple(NATIONAL)
