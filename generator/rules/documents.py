"""Normative documents (policy 二(三)1): legality review before signing, a consistent status history.

A revised, repealed or lapsed document keeps its page; its status says when and why, and a
revised one names its successor. The year's clean-up result is the list of its status changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..domain.documents import key_of, successor_key
from ..problems import Problem, on_field
from ..registers.model import IN_FORCE, NormativeDocument
from ..schema import Labels
from .structure import duplicates

NORMATIVE_DOCUMENT = Labels(NormativeDocument)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    docs = content.registers.documents
    yield from duplicates(docs, "number", "文号", "规范性文件登记")
    known = {key_of(d): d for d in docs}
    government = content.district.government if content.district else None
    for doc in docs:
        yield from _document(doc, known, government, as_of)


def _document(
    doc: NormativeDocument, known: Mapping[str, NormativeDocument], government: str | None, as_of: dt.date
) -> Iterator[Problem]:
    if doc.effective < doc.issued:
        yield on_field(
            codes.DOCUMENT_DATES,
            doc,
            "effective",
            f"{NORMATIVE_DOCUMENT.effective} {doc.effective} 早于{NORMATIVE_DOCUMENT.issued} {doc.issued}，请核对。",
            f"Effective {doc.effective} before issued {doc.issued}; check the dates.",
        )
    if doc.issued > as_of:
        yield on_field(
            codes.DOCUMENT_DATES,
            doc,
            "issued",
            f"{NORMATIVE_DOCUMENT.issued} {doc.issued} 晚于今天（{as_of}），尚未印发的文件不要登记。",
            f"Issued {doc.issued} is after the build date {as_of}.",
        )
    yield from _status(doc, known, as_of)
    if doc.issuer == government:
        yield from _review(doc)


def _status(doc: NormativeDocument, known: Mapping[str, NormativeDocument], as_of: dt.date) -> Iterator[Problem]:
    if doc.status == IN_FORCE:
        if doc.status_date is not None:
            yield on_field(
                codes.DOCUMENT_STATUS,
                doc,
                "status_date",
                f"{NORMATIVE_DOCUMENT.status}为“有效”的文件不写{NORMATIVE_DOCUMENT.status_date}；文件已修订、废止或失效的，请改写{NORMATIVE_DOCUMENT.status}。",
                "A document in force has no status date; change the status if it was revised or repealed.",
            )
        return
    if doc.status_date is None:
        yield on_field(
            codes.DOCUMENT_STATUS,
            doc,
            "status_date",
            f"{NORMATIVE_DOCUMENT.status}为“{doc.status}”，请填写{doc.status[1:]}的日期（status_date）和理由（status_reason）。",
            f"The status {doc.status} needs the date it changed (`status_date`).",
        )
    elif doc.status_date < doc.issued or doc.status_date > as_of:
        yield on_field(
            codes.DOCUMENT_DATES,
            doc,
            "status_date",
            f"{NORMATIVE_DOCUMENT.status_date} {doc.status_date} 应在{NORMATIVE_DOCUMENT.issued} {doc.issued} 之后、今天（{as_of}）之前，请核对。",
            f"The status date {doc.status_date} must lie between issue ({doc.issued}) and the build date ({as_of}).",
        )
    if doc.status_approver is None:
        yield on_field(
            codes.REQUIRED,
            doc,
            "status",
            f"{NORMATIVE_DOCUMENT.status}为“{doc.status}”，请填写批准{doc.status[1:]}的机关或负责人（status_approver），"
            "如“居巢区人民政府第十次常务会议”。",
            f"The status {doc.status} needs who approved it (`status_approver`).",
        )
    target = successor_key(doc)
    if doc.status == "已修订" and target is None:
        yield on_field(
            codes.DOCUMENT_SUCCESSOR,
            doc,
            "successor",
            "已修订的文件必须写明修订后的文件（successor），读者从旧文件的页面可以找到现行文件。",
            "A revised document names its successor (`successor`).",
        )
    elif target is not None and (target not in known or target == key_of(doc)):
        yield on_field(
            codes.DOCUMENT_SUCCESSOR,
            doc,
            "successor",
            f"{NORMATIVE_DOCUMENT.successor} {doc.successor} 不在规范性文件登记中；同部门写文件编号，其他部门写“部门编号/文件编号”。",
            f"No document {doc.successor} in the register.",
        )


def _review(doc: NormativeDocument) -> Iterator[Problem]:
    if doc.review is None:
        yield on_field(
            codes.DOCUMENT_REVIEW,
            doc,
            "review",
            f"以“{doc.issuer}”名义制发的规范性文件，签发前必须由区政府法制部门进行{NORMATIVE_DOCUMENT.review}（政策二（三）1），"
            "请填写审查情况（review）。",
            "A document issued in the district government's name needs a legality review before signing.",
        )
    elif doc.review.date > doc.issued:
        yield on_field(
            codes.DOCUMENT_REVIEW,
            doc.review,
            "date",
            f"{NORMATIVE_DOCUMENT.review}日期 {doc.review.date} 晚于{NORMATIVE_DOCUMENT.issued} {doc.issued}；审查必须在签发之前。",
            f"The review ({doc.review.date}) came after the document was issued ({doc.issued}).",
        )
