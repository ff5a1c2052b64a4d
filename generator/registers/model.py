"""The register records (policy 二(三), 三(三)–(五), 四), each field declared once with `spec()`.

Where they are saved:

- `content/<部门>/inspections/<编号>.yml` — one 执法检查计划 with the inspections made under it;
- `content/<部门>/documents/<编号>.yml` — one 规范性文件;
- `content/<部门>/requests/<编号>.yml` — one 政府信息公开申请 (no applicant's name: none is asked for);
- `content/<部门>/annual/<年份>.yml` — a department's year: complaints per month, commitments kept,
  decisions made and fees collected;
- `content/assessments/<年份>.yml` — the district's 评议 and 考核 results for a year;
- `content/annual-reports/<年份>.yml` — a past 政府信息公开工作年度报告 as it was published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from ..model import Attachment, Record
from ..schema import Ident, Money, Text, internal, spec

# ---- 执法检查 (二(三)3) ----


@dataclass(frozen=True, kw_only=True)
class Inspector(Record):
    """An inspector named in a plan: a staff member of the department and the certificate shown."""

    label: ClassVar[str] = "检查人员"

    staff: Ident = spec("人员编号", "本部门工作人员的人员编号（department.yml 中 staff 的 id）。", example="wen-jun")
    certificate: Text = spec(
        "执法证号", "行政执法证件号码；没有执法证的人员不得参加检查（持证上岗）。", example="皖A0123456"
    )


@dataclass(frozen=True, kw_only=True)
class Inspection(Record):
    """One inspection of an enterprise carried out under a plan (检查记录)."""

    label: ClassVar[str] = "检查记录"

    date: dt.date = spec("检查日期", "到企业现场检查的日期。", example="2011-06-14")
    target: Text = spec("被检查单位", "被检查企业或单位的名称。", example="居巢区金龙建材有限公司")
    items: tuple[Text, ...] = spec("检查项目", "本次检查的项目，必须是计划中批准的项目（照抄计划中的写法）。")
    inspectors: tuple[Ident, ...] = spec(
        "检查人员", "参加检查的人员编号，必须是计划中登记了执法证号的人员，不少于2人。"
    )


@dataclass(frozen=True, kw_only=True)
class InspectionPlan(Record):
    """An enforcement inspection plan (执法检查计划), approved in advance by the 纠风办."""

    label: ClassVar[str] = "执法检查计划"

    id: Ident = internal()
    department: Ident = internal()
    title: Text = spec("计划名称", "检查计划的名称。", example="2011年统计执法检查计划")
    approval_no: Text | None = spec(
        "批准文号",
        "区纠风办批准本计划的文号；尚未批准的计划不写，未批准不得到企业检查。",
        default=None,
        example="居纠办〔2011〕5号",
    )
    approved: dt.date | None = spec(
        "批准日期", "区纠风办批准的日期；尚未批准不写。", default=None, example="2011-04-11"
    )
    approved_by: Text | None = spec(
        "批准机关",
        "批准本计划的机关，必须是区纠风办（与 district.yml 的 jiufeng_office 相同）；本部门自己的文号不是批准。尚未批准不写。",
        default=None,
        example="居巢区纠正行业不正之风办公室",
    )
    items: tuple[Text, ...] = spec("检查项目", "批准的检查项目，每条一项；检查不得超出这些项目。")
    content: tuple[Text, ...] = spec("检查内容", "每个项目具体检查什么，每条一项。")
    frequency: int = spec("检查频次（次/年）", "对同一单位一年内最多检查几次。", example="1")
    start: dt.date = spec("检查开始日期", "批准的检查时间安排的第一天。", example="2011-05-01")
    end: dt.date = spec("检查结束日期", "批准的检查时间安排的最后一天（含当天）。", example="2011-10-31")
    inspectors: tuple[Inspector, ...] = spec("检查人员", "参加检查的本部门工作人员及其执法证号。")
    inspections: tuple[Inspection, ...] = spec("检查记录", "按计划实施的每一次检查；尚未检查不写。", default=())


# ---- 规范性文件 (二(三)1) ----

DocumentStatus = Literal["有效", "已修订", "已废止", "已失效"]
IN_FORCE: DocumentStatus = "有效"


@dataclass(frozen=True, kw_only=True)
class LegalityReview(Record):
    """The legality review (合法性审查) before signing."""

    label: ClassVar[str] = "合法性审查"

    date: dt.date = spec("审查日期", "法制部门出具审查意见的日期，应在签发之前。", example="2011-02-18")
    reviewer: Text = spec("审查机关", "负责审查的法制部门。", example="居巢区人民政府法制办公室")
    opinion: Text | None = spec("审查意见文号", "审查意见书的文号。", default=None, example="居法审〔2011〕3号")


@dataclass(frozen=True, kw_only=True)
class Filing(Record):
    """The filing (备案) of a document with the authority above."""

    label: ClassVar[str] = "备案"

    date: dt.date = spec("备案日期", "报送备案的日期。", example="2011-03-10")
    authority: Text = spec("备案机关", "接受备案的机关。", example="巢湖市人民政府法制办公室")
    number: Text | None = spec("备案号", "备案登记号。", default=None)


@dataclass(frozen=True, kw_only=True)
class NormativeDocument(Record):
    """A normative document (规范性文件) and its status; revised and repealed ones keep their page."""

    label: ClassVar[str] = "规范性文件"

    id: Ident = internal()
    department: Ident = internal()
    number: Text = spec("文号", "发文字号。", example="居政〔2011〕12号")
    index_no: Text | None = spec(
        "索引号",
        "文件已有的索引号（原公开目录或原网站编的，任何格式）照原样填写，此后不再改变；没有的不写。",
        default=None,
        example="003205120/2011-00007",
    )
    title: Text = spec("文件名称", "文件标题。")
    issuer: Text = spec(
        "制发机关",
        "以谁的名义制发；以区人民政府名义制发的，签发前必须经区政府法制部门合法性审查。",
        example="居巢区人民政府",
    )
    summary: Text = spec("内容概述", "一两句话概述文件规定了什么。")
    issued: dt.date = spec("印发日期", "文件签发印发的日期。", example="2011-03-01")
    effective: dt.date = spec("施行日期", "文件开始施行的日期。", example="2011-04-01")
    status: DocumentStatus = spec("效力状态", "有效、已修订、已废止或已失效。", example="有效")
    status_date: dt.date | None = spec(
        "状态变更日期", "修订、废止或失效的日期；有效的文件不写。", default=None, example="2011-10-31"
    )
    status_reason: Text | None = spec("变更理由", "清理意见或修订、废止、失效的理由。", default=None)
    status_approver: Text | None = spec(
        "变更批准人",
        "批准修订、废止或宣布失效的机关或负责人，如“居巢区人民政府第十次常务会议”；效力状态不是“有效”时必须填写。",
        default=None,
    )
    successor: Ident | None = spec(
        "替代文件",
        "修订后的新文件或替代它的文件编号（同部门写文件编号，其他部门写“部门编号/文件编号”）。",
        default=None,
    )
    review: LegalityReview | None = spec("合法性审查", "签发前的合法性审查。", default=None)
    filing: Filing | None = spec("备案", "报送备案的情况。", default=None)


# ---- 依申请公开 (政府信息公开条例) ----

ApplicantType = Literal["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
APPLICANT_TYPES: tuple[str, ...] = ApplicantType.__args__  # type: ignore[attr-defined]
RequestChannel = Literal["当面提交", "邮寄", "网上申请", "传真", "电子邮件", "其他"]
RequestResult = Literal[
    "予以公开",
    "部分公开",
    "不予公开：属于国家秘密",
    "不予公开：其他法律行政法规禁止公开",
    "不予公开：危及“三安全一稳定”",
    "不予公开：保护第三方合法权益",
    "不予公开：属于三类内部事务信息",
    "不予公开：属于四类过程性信息",
    "不予公开：属于行政执法案卷",
    "不予公开：属于行政查询事项",
    "无法提供：本机关不掌握相关政府信息",
    "无法提供：没有现成信息需要另行制作",
    "无法提供：补正后申请内容仍不明确",
    "不予处理：信访举报投诉类申请",
    "不予处理：重复申请",
    "不予处理：要求提供公开出版物",
    "不予处理：无正当理由大量反复申请",
    "不予处理：要求行政机关确认或重新出具已获取信息",
    "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "其他处理：其他",
]
RESULTS: tuple[str, ...] = RequestResult.__args__  # type: ignore[attr-defined]
AppealOutcome = Literal["维持", "纠正", "其他结果", "尚未审结"]
APPEAL_OUTCOMES: tuple[str, ...] = AppealOutcome.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, kw_only=True)
class Extension(Record):
    """An extended answer period, agreed by the person in charge and told to the applicant."""

    label: ClassVar[str] = "延长答复期限"

    days: int = spec("延长工作日数", "延长的工作日数，不得超过法定的延长上限。", example="15")
    approver: Text = spec("批准人", "同意延长的负责人（姓名和职务）。", example="许晓梅（办公室主任）")
    notified: dt.date = spec("告知日期", "把延长情况告知申请人的日期，应在原答复期限内。", example="2011-06-20")


@dataclass(frozen=True, kw_only=True)
class DisclosureRequest(Record):
    """A request for government information (依申请公开). No name or contact of the applicant is kept here."""

    label: ClassVar[str] = "政府信息公开申请"

    id: Ident = internal()
    department: Ident = internal()
    received: dt.date = spec(
        "收到申请日期",
        "当面提交的为提交之日，邮寄的为签收之日，网上申请的为双方确认之日。",
        example="2011-06-08",
    )
    applicant: ApplicantType = spec("申请人类型", "自然人，或法人和其他组织的类别（商业企业、科研机构等）。")
    channel: RequestChannel = spec("申请方式", "当面提交、邮寄、网上申请、传真、电子邮件或其他。")
    subject: Text = spec(
        "申请内容",
        "申请公开的信息，概括写明；不写申请人的姓名、证件号和联系方式。只在内部网站显示。",
        example="2011年度区级统计调查项目审批目录",
    )
    corrected: dt.date | None = spec(
        "补正后收到日期", "申请内容不明确、要求补正的，收到补正申请的日期；答复期限从这天起算。", default=None
    )
    extension: Extension | None = spec("延长答复期限", "经负责人同意延长答复期限的情况。", default=None)
    answered: dt.date | None = spec("答复日期", "作出书面答复的日期；尚未答复不写。", default=None)
    result: RequestResult | None = spec("办理结果", "按国家年度报告格式的办理结果类别；答复后填写。", default=None)
    fee: Money | None = spec("收取费用（元）", "依法收取的信息处理费等；不收费不写。", default=None)
    review: AppealOutcome | None = spec("行政复议结果", "申请人就本申请申请行政复议的，写复议结果。", default=None)
    suit: AppealOutcome | None = spec("行政诉讼结果（未经复议）", "未经复议直接起诉的，写诉讼结果。", default=None)
    suit_after_review: AppealOutcome | None = spec(
        "行政诉讼结果（复议后起诉）", "复议后又起诉的，写诉讼结果。", default=None
    )


# ---- 效能投诉和服务承诺 (三(四), 四2、四6) ----

ComplaintKind = Literal[
    "推诿扯皮", "办事低效", "违反承诺", "作风粗暴", "纪律松弛", "不作为慢作为乱作为", "不勤不廉", "其他"
]
ComplaintOutcome = Literal["属实", "部分属实", "不属实"]
Kept = Literal["已兑现", "未兑现"]


@dataclass(frozen=True, kw_only=True)
class KindCount(Record):
    """How many complaints of one kind."""

    label: ClassVar[str] = "投诉类别"

    kind: ComplaintKind = spec("投诉类别", "政策三（四）列举的问题类别。")
    count: int = spec("件数", "件数。")


@dataclass(frozen=True, kw_only=True)
class OutcomeCount(Record):
    """How many answered complaints had one outcome."""

    label: ClassVar[str] = "处理结果"

    outcome: ComplaintOutcome = spec("处理结果", "属实、部分属实或不属实。")
    count: int = spec("件数", "件数。")


@dataclass(frozen=True, kw_only=True)
class ComplaintMonth(Record):
    """One month's complaints as figures: never a complainant or a case."""

    label: ClassVar[str] = "月度投诉情况"

    month: int = spec("月份", "1 到 12。", example="3")
    received: int = spec("受理件数", "本月受理的效能投诉件数。")
    answered: int = spec("已答复件数", "本月受理的投诉中已经答复的件数。")
    in_time: int = spec("按时答复件数", "在答复时限内答复的件数。")
    kinds: tuple[KindCount, ...] = spec("按类别", "本月受理件数按问题类别的分布。", default=())
    outcomes: tuple[OutcomeCount, ...] = spec("按处理结果", "已答复件数按处理结果的分布。", default=())
    refusals: int = spec("否定报备件数", "对申报事项给予否定并书面报告上级领导的件数（否定报备制）；没有写 0。")


@dataclass(frozen=True, kw_only=True)
class CommitmentCheck(Record):
    """Whether one published service commitment was kept this year."""

    label: ClassVar[str] = "承诺兑现情况"

    commitment: Text = spec("服务承诺", "照抄 department.yml 中 commitments 的一条。")
    kept: Kept = spec("兑现情况", "已兑现或未兑现。")
    note: Text | None = spec("说明", "未兑现的原因和整改措施，或兑现情况的说明。", default=None)


@dataclass(frozen=True, kw_only=True)
class DepartmentYear(Record):
    """A department's year in figures: complaints, commitments, decisions and fees (one file per year)."""

    label: ClassVar[str] = "部门年度情况"

    id: Ident = internal()
    department: Ident = internal()
    year: int = spec("年份", "本文件的年份，与文件名相同。", example="2011")
    answer_days: int = spec("投诉答复时限（工作日）", "本部门承诺的效能投诉答复时限。", example="5")
    complaints: tuple[ComplaintMonth, ...] = spec("效能投诉", "每月一项；没有投诉的月份写 0。")
    commitments: tuple[CommitmentCheck, ...] = spec("承诺兑现", "本部门每条服务承诺的兑现情况。")
    licences: int | None = spec("行政许可决定数", "本年作出的行政许可决定件数；没有此项职权不写。", default=None)
    penalties: int | None = spec("行政处罚决定数", "本年作出的行政处罚决定件数；没有此项职权不写。", default=None)
    coercions: int | None = spec("行政强制决定数", "本年作出的行政强制决定件数；没有此项职权不写。", default=None)
    fees_collected: Money | None = spec(
        "行政事业性收费金额（万元）", "本年征收的行政事业性收费总额，单位万元；不收费不写。", default=None
    )


# ---- 评议考核 (三(三)、三(五)) ----

Grade = Literal["满意", "比较满意", "基本满意", "不满意"]


@dataclass(frozen=True, kw_only=True)
class Rating(Record):
    """One department's result in the 政风评议."""

    label: ClassVar[str] = "政风评议结果"

    department: Ident = spec("部门编号", "被评议部门的编号。", example="tjj")
    score: Money = spec("得分", "评议得分。", example="92.5")
    grade: Grade = spec("等次", "满意、比较满意、基本满意或不满意。")


@dataclass(frozen=True, kw_only=True)
class Exemplar(Record):
    """A 人民满意公务员“十佳”标兵: a staff member of a department."""

    label: ClassVar[str] = "十佳标兵"

    department: Ident = spec("部门编号", "所在部门的编号。", example="xzfwzx")
    staff: Ident = spec("人员编号", "该部门 department.yml 中的人员编号。", example="zhou-li")


@dataclass(frozen=True, kw_only=True)
class Assessment(Record):
    """A year's assessment results: 政风评议, 双十佳 and the bottom three of the annual assessment."""

    label: ClassVar[str] = "评议考核结果"

    id: Ident = internal()
    year: int = spec("年份", "考核年度，与文件名相同。", example="2011")
    source: Text = spec(
        "公布文件", "公布结果的文件名称和文号。", example="关于2011年度机关效能建设考核结果的通报（居效办〔2012〕1号）"
    )
    ratings: tuple[Rating, ...] = spec("政风评议", "各部门的政风评议得分和等次（评议结果向社会公布）。")
    top_units: tuple[Ident, ...] = spec("十佳单位", "机关效能建设“十佳”单位的部门编号，最多10个。")
    exemplars: tuple[Exemplar, ...] = spec("十佳标兵", "人民满意公务员“十佳”标兵，最多10人。")
    bottom: tuple[Ident, ...] = spec("考核后三位", "区直单位年度考核居后三位的部门编号，最多3个。", default=())


# ---- 政府信息公开工作年度报告 as published (the archive) ----


@dataclass(frozen=True, kw_only=True)
class PublishedReport(Record):
    """A past year's 政府信息公开工作年度报告, carried as it was published: its text and its file."""

    label: ClassVar[str] = "已公布的年度报告"

    id: Ident = internal()
    year: int = spec("报告年度", "报告所说的年度，与文件名相同。", example="2010")
    title: Text = spec("报告名称", "报告的标题，照原样。", example="居巢区人民政府2010年政府信息公开工作年度报告")
    issuer: Text = spec("发布机关", "公布报告的机关。", example="居巢区人民政府办公室")
    published: dt.date = spec("公布日期", "报告向社会公布的日期。", example="2011-03-28")
    index_no: Text | None = spec("索引号", "报告已有的索引号，照原样填写；没有的不写。", default=None)
    text: Text = spec("报告正文", "报告公布时的全文，照原样，可分段；不要改写或补算数字。")
    file: Attachment | None = spec("报告文件", "公布时的报告文件（PDF 等），放在本文件旁边。", default=None)


REPORTS = "annual-reports"
"""The district's folder of past annual reports as published, beside the department folders."""


# ---- all registers together ----

FOLDERS = ("inspections", "documents", "requests", "annual")
"""The register folders of a department, beside procedures/ and postings/."""
ASSESSMENTS = "assessments"
"""The district's folder of yearly assessment results, beside the department folders."""


@dataclass(frozen=True)
class Registers:
    """Every register record of the content."""

    inspections: tuple[InspectionPlan, ...] = ()
    documents: tuple[NormativeDocument, ...] = ()
    requests: tuple[DisclosureRequest, ...] = ()
    years: tuple[DepartmentYear, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    reports: tuple[PublishedReport, ...] = ()

    def records(self) -> Iterator[Record]:
        yield from self.inspections
        yield from self.documents
        yield from self.requests
        yield from self.years
        yield from self.assessments
        yield from self.reports

    def without(self, hidden: frozenset[str]) -> Registers:
        """The registers less the records of departments that are not shown."""
        if not hidden:
            return self
        return replace(
            self,
            inspections=tuple(r for r in self.inspections if r.department not in hidden),
            documents=tuple(r for r in self.documents if r.department not in hidden),
            requests=tuple(r for r in self.requests if r.department not in hidden),
            years=tuple(r for r in self.years if r.department not in hidden),
        )
