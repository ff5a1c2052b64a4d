"""One truth about 依申请公开: the 依申请公开 guide says what the 公开指南 says.

district.yml's `on_request` holds the office, its address, hours, phone and the remedies; the regulation in force
on the build date holds the answer period (`domain.requests`) and what may be charged (`domain.applying`); the
guide named by `on_request.matter` holds the promise and the fee rows. Both pages are made from these, so they
cannot disagree; what the guide's own fields and free text say otherwise is an error here, at its line.
Also: every matter district.yml names exists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content, TextValue, texts_of
from ..domain import matters
from ..domain.applying import PROCESSING_FEE, in_force
from ..domain.requests import AnswerLimit, limit_for
from ..model import District, Procedure, Record, RequestDesk
from ..problems import Problem, on_field, problem
from ..schema import Labels

PROCEDURE = Labels(Procedure)
DESK = Labels(RequestDesk)
FREE_TEXT = ("conditions", "preconditions", "requirements", "complaint", "discipline")
"""The guide's fields of free text, read for an answer period or a remedy stated otherwise."""
_ANSWER_DAYS = re.compile(r"(\d+)\s*个工作日(?:内|之内)(?:作出)?(?:书面)?答复")
_EXTENSION_DAYS = re.compile(r"延长(?:答复)?(?:的)?期限[^，。；]*?不(?:得)?超过\s*(\d+)\s*个工作日")
_REVIEW_BODY = re.compile(r"向([^，。；、,;]{2,30}?)(?:申请|提出|提起)行政复议")
_COURT = re.compile(r"向([^，。；、,;]{2,30}?)提起(?:行政)?诉讼")
_ANY_COURT = {"人民法院", "法院", "有管辖权的人民法院"}


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    district = content.district
    if district is None:
        return
    yield from _references(district, content)
    ref = district.on_request.matter
    guide = matters.named(ref, content.procedures) if ref else None
    limit = limit_for(as_of)
    if guide is None or limit is None:
        return
    yield from _fields(guide, district.on_request, limit)
    yield from _free_text(guide, district.on_request, limit)
    yield from _fees(guide, content, as_of)


def _references(district: District, content: Content) -> Iterator[Problem]:
    """The 依申请公开 guide and the home page's common matters name matters that exist (a file that is there but
    could not be read has its own problems already: no cascade)."""
    named: list[tuple[Record, str, str | None]] = [(district.on_request, "matter", district.on_request.matter)]
    named += [(district, "common_matters", ref) for ref in district.common_matters]
    files = set(content.files)
    for record, key, ref in named:
        if ref is None or matters.named(ref, content.procedures) is not None:
            continue
        dept, name = matters.key(ref)
        if f"{content.root.name}/{dept}/procedures/{name}.yml" not in files:
            yield on_field(
                codes.UNKNOWN_MATTER,
                record,
                key,
                f"办事指南 {ref} 不存在：请写“部门编号/文件名”（不含 .yml），即 content/部门编号/procedures/ 下的文件名，"
                f"如 {dept or '部门编号'}/{name}。",
                f"No matter {ref}: write `department/file name`, a file under content/<department>/procedures/.",
            )


def _fields(guide: Procedure, desk: RequestDesk, limit: AnswerLimit) -> Iterator[Problem]:
    """The guide's own fields against the desk and the regulation's answer period."""
    if guide.statutory_days is not None and guide.statutory_days != limit.days:
        yield _said(
            guide,
            "statutory_days",
            f"法定时限 {guide.statutory_days} 个工作日，而{limit.basis}规定答复期限为 {limit.days} 个工作日，"
            f"公开指南按条例写 {limit.days} 个工作日",
            f"改为 {limit.days}，或删去 statutory_days（页面按条例写出）",
            f"statutory_days is {guide.statutory_days}; the regulation in force gives {limit.days} working days.",
        )
    if guide.promised_days > limit.days:
        yield _said(
            guide,
            "promised_days",
            f"承诺时限 {guide.promised_days} 个工作日超过了{limit.basis}规定的答复期限 {limit.days} 个工作日",
            f"承诺时限不得超过 {limit.days} 个工作日",
            f"promised_days {guide.promised_days} exceeds the regulation's {limit.days} working days.",
        )
    if guide.phone != desk.phone:
        yield _said(
            guide,
            "phone",
            f"{PROCEDURE.phone} {guide.phone} 与 district.yml 依申请公开的{DESK.phone} {desk.phone} 不同",
            "改成同一个号码（两个页面都会写出）",
            f"The phone {guide.phone} differs from the desk's {desk.phone}.",
        )
    if guide.hours != desk.hours:
        yield _said(
            guide,
            "hours",
            f"{PROCEDURE.hours}“{guide.hours}”与 district.yml 依申请公开的{DESK.hours}“{desk.hours}”不同",
            "改成相同的写法",
            "The hours differ from the desk's.",
        )
    if desk.address not in guide.place:
        yield _said(
            guide,
            "place",
            f"{PROCEDURE.place}“{guide.place}”里没有 district.yml 依申请公开的{DESK.address}“{desk.address}”",
            f"{PROCEDURE.place}写成{DESK.address}（可在后面加上房间号）",
            "The place does not contain the desk's address.",
        )


def _free_text(guide: Procedure, desk: RequestDesk, limit: AnswerLimit) -> Iterator[Problem]:
    """An answer period, an extension or a review body or court in the guide's text that the facts do not say."""
    for value in texts_of(guide):
        if value.key not in FREE_TEXT:
            continue
        for m in _ANSWER_DAYS.finditer(value.text):
            days = int(m.group(1))
            if days not in (guide.promised_days, limit.days):
                yield _text(
                    value,
                    f"写了“{m.group(0)}”，而承诺时限是 {guide.promised_days} 个工作日，{limit.basis}规定 {limit.days} 个工作日",
                    f"an answer within {days} working days; the promise is {guide.promised_days}, the law {limit.days}.",
                )
        for m in _EXTENSION_DAYS.finditer(value.text):
            if int(m.group(1)) != limit.extension:
                yield _text(
                    value,
                    f"写了“{m.group(0)}”，而{limit.basis}规定延长不超过 {limit.extension} 个工作日",
                    f"an extension of {m.group(1)} working days; the law allows {limit.extension}.",
                )
        for m in _REVIEW_BODY.finditer(value.text):
            body = m.group(1).removeprefix("本级").strip()
            if body not in desk.review_body and desk.review_body not in body:
                yield _text(
                    value,
                    f"写了向“{body}”申请行政复议，而 district.yml 依申请公开的{DESK.review_body}是“{desk.review_body}”，"
                    "公开指南按后者写",
                    "a review body other than the one district.yml names.",
                )
        for m in _COURT.finditer(value.text):
            court = m.group(1).strip()
            if court in _ANY_COURT or (desk.court and (court in desk.court or desk.court in court)):
                continue
            yield _text(
                value,
                f"写了向“{court}”提起行政诉讼，而 district.yml 依申请公开的{DESK.court}"
                + (f"是“{desk.court}”" if desk.court else "没有写明（页面写“人民法院”）"),
                "a court other than the one district.yml names.",
            )


def _fees(guide: Procedure, content: Content, as_of: dt.date) -> Iterator[Problem]:
    """A fee row the regulation in force no longer allows (the cost fees of 2007 after 2019-05-15)."""
    rules = in_force(as_of)
    if rules is None or rules.costs:
        return
    names = {f.id: f.name for f in content.fees.items} if content.fees else {}
    charged = [*guide.fees, *(s.fee for s in guide.steps if s.fee)]
    for fee in dict.fromkeys(charged):
        name = names.get(fee, fee)
        if PROCESSING_FEE not in name:
            yield on_field(
                codes.ON_REQUEST_FEE,
                guide,
                "fees",
                f"{DESK.matter}列出了{PROCEDURE.fees}“{name}”，而现行《政府信息公开条例》规定{rules.allowed}；"
                f"公开指南和办事指南都会照{PROCEDURE.fees}写出收费，请核对是否仍应收取，不再收取的从 fees 中删去。",
                f"The guide to requesting information charges {fee}, which the regulation in force does not allow; "
                "remove it if it lapsed.",
            )


def _said(guide: Procedure, key: str, what: str, fix: str, en: str) -> Problem:
    return on_field(
        codes.ON_REQUEST_CONTRADICTION,
        guide,
        key,
        f"本事项是 district.yml 指定的{DESK.matter}：{what}，两处说法不一；请{fix}。",
        f"The guide to requesting information disagrees with district.yml: {en}",
    )


def _text(value: TextValue, what: str, en: str) -> Problem:
    return problem(
        codes.ON_REQUEST_CONTRADICTION,
        value.loc,
        f"本事项是 district.yml 指定的{DESK.matter}：{what}，两处说法不一；请改正文字，或删去这句（页面会按"
        "公开指南写出答复期限和救济途径）。",
        f"The guide to requesting information says {en}",
        key=value.key,
        label=value.label,
    )
