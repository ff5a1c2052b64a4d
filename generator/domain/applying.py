"""How to apply for government information (依申请公开), as each version of the regulation says.

The 公开指南 tells the public how to apply, what it costs and what remedies they have, in the
words of the regulation in force on the build date; the answer period itself comes from
`domain.requests.LIMITS`, keyed by the same dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Applying:
    """What one version of the 《政府信息公开条例》 says about applying, fees and remedies."""

    how: str
    fees: str
    remedies: str
    """Names the review body and the court: `{review_body}`, `{court}`."""
    costs: bool
    """Whether the cost of searching, copying and posting may be charged (a fee row of the 依申请公开 guide)."""
    allowed: str
    """What may be charged, in the regulation's words, for a message about a fee it does not allow."""


BY_REGULATION: dict[dt.date, Applying] = {
    dt.date(2008, 5, 1): Applying(
        how=(
            "申请应当采用书面形式（包括数据电文形式）；采用书面形式确有困难的，可以口头提出，"
            "由受理机构代为填写申请。申请应当包括：申请人的姓名或者名称、联系方式；申请公开的政府信息的内容描述；"
            "申请公开的政府信息的形式要求（《政府信息公开条例》（2007）第二十条）。"
        ),
        fees=(
            "依申请提供政府信息，除可以收取检索、复制、邮寄等成本费用外，不得收取其他费用；"
            "申请人确有经济困难的，经本人申请、政府信息公开工作机构负责人审核同意，可以减免相关费用"
            "（《政府信息公开条例》（2007）第二十七条、第二十八条）。"
        ),
        remedies=(
            "认为行政机关不依法履行政府信息公开义务的，可以向上级行政机关、监察机关或者政府信息公开工作主管部门举报；"
            "认为行政机关在政府信息公开工作中的具体行政行为侵犯其合法权益的，可以依法向{review_body}申请行政复议，"
            "或者向{court}提起行政诉讼（《政府信息公开条例》（2007）第三十三条）。"
        ),
        costs=True,
        allowed="检索、复制、邮寄等成本费用（第二十七条）",
    ),
    dt.date(2019, 5, 15): Applying(
        how=(
            "申请应当采用书面形式（包括数据电文形式）；采用书面形式确有困难的，可以口头提出，"
            "由受理机构代为填写申请。申请应当写明申请人的姓名或者名称、身份证明、联系方式，"
            "申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式、途径"
            "（《政府信息公开条例》（2019）第二十九条）；申请内容不明确的，受理机构一次性告知需要补正的事项，"
            "答复期限自收到补正的申请之日起计算（第三十条）。"
        ),
        fees=(
            "依申请提供政府信息，不收取费用；申请公开政府信息的数量、频次明显超过合理范围的，"
            "可以收取信息处理费（《政府信息公开条例》（2019）第四十二条）。"
        ),
        remedies=(
            "认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，"
            "也可以依法向{review_body}申请行政复议，或者向{court}提起行政诉讼（《政府信息公开条例》（2019）第五十一条）。"
        ),
        costs=False,
        allowed="不收取费用，只有申请的数量、频次明显超过合理范围时可以收取信息处理费（第四十二条）",
    ),
}
"""Keyed by the day each version came into force, as `domain.requests.LIMITS` is."""


PROCESSING_FEE = "信息处理费"
"""The one charge the 2019 regulation allows (Art. 42): a fee row so named is never a lapsed cost fee."""


def in_force(day: dt.date) -> Applying | None:
    """What the regulation in force on `day` says about applying (None before the first one)."""
    return next((BY_REGULATION[since] for since in sorted(BY_REGULATION, reverse=True) if day >= since), None)
