"""The party of a 双公示 decision (行政相对人): what a natural person's record may not carry.

The provincial rules for publishing 行政处罚 results online (e.g. 《浙江省行政处罚结果信息网上公开暂行办法》
art. 7) hide a natural person's ID number, home address, contact details and bank account. Their numbers are
found by the personal-number detector (privacy.py) wherever they are; this rule adds what only the party's
category tells: a 自然人 has no 统一社会信用代码, registration codes or 法定代表人, and a labelled address,
phone, ID or account (`住址：…`) in a natural person's record is refused. `disclose import` runs the same
check on every row before anything is written; rules/parties.py runs it over the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import codes
from ..model import ORGANISATION_ONLY, LicenceDecision, PenaltyDecision, Posting, Record
from ..problems import Problem, on_field
from ..schema import Labels

Decision = LicenceDecision | PenaltyDecision

NATURAL = "自然人"
DECISION = Labels(PenaltyDecision)

FREE_TEXT = ("party", "facts", "content", "licence", "violation", "note")
"""A decision's free-text fields, where a clerk may paste a person's details."""

DETAIL = re.compile(
    r"(身份证(?:件)?(?:号码|号)?|证件号码|家庭住址|住址|现住址?|户籍(?:所在)?地|居住地|联系电话|联系方式|手机(?:号码?)?"
    r"|电话|银行(?:卡号|账号|帐号)|账号|帐号|开户行)\s*[:：]"
)
"""A person's detail written with its label (`住址：`, `联系电话:`): what the provincial rules hide."""


def applies(record: Record, key: str) -> bool:
    """Whether a field can have a value for this record: a natural person has no organisation's codes."""
    return not (key in ORGANISATION_ONLY and getattr(record, "party_type", None) == NATURAL)


def of_posting(post: Posting) -> Iterator[Problem]:
    """The problems of every 双公示 decision of a posting."""
    for licence in post.licences:
        yield from of_decision(licence)
    for penalty in post.penalties:
        yield from of_decision(penalty)


def of_decision(d: Decision) -> Iterator[Problem]:
    """What a natural person's decision may not carry, each at its field."""
    if d.party_type != NATURAL:
        return
    for key in ORGANISATION_ONLY:
        if getattr(d, key) is not None:
            yield on_field(
                codes.NATURAL_PERSON_CODE,
                d,
                key,
                "行政相对人是自然人：自然人没有统一社会信用代码、登记证号和法定代表人，这一项不能填写。"
                f"请删除；自然人的身份证件号码也不得填写或公开。如果相对人其实是个体工商户或单位，请改正{DECISION.party_type}。",
                "The party is a natural person, who has no organisation codes or legal representative; remove "
                "this value (an ID number may never be written either), or correct the party's category.",
            )
    for key in FREE_TEXT:
        text = getattr(d, key)
        found = DETAIL.search(text) if text else None
        if found is not None:
            yield on_field(
                codes.NATURAL_PERSON_DETAIL,
                d,
                key,
                f"行政相对人是自然人，这里写有“{found.group(1)}”：自然人的身份证件号码、家庭住址、联系方式、"
                "银行账号不得公开（行政处罚结果信息网上公开办法，见 docs/import.md）。请删去这部分内容。",
                f"The party is a natural person and this text gives their {found.group(1)}: a natural person's ID, "
                "address, contact details and bank account are never published. Remove it.",
            )
