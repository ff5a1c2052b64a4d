"""The disclosure records (政务公开内容), frozen and typed.

Each content field is declared once here with `spec()`: its Chinese label, help text and
type. Validation, the JSON Schema for editors and the field reference derive from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from .problems import Loc
from .schema import CreditCode, Ident, Money, Phone, Text, YearMonth, fields_of, internal, parse_amount, spec

Audience = Literal["社会公开", "一定范围公开", "内部公开"]
PUBLIC: Audience = "社会公开"
RESTRICTED: Audience = "一定范围公开"
"""The audiences (公开对象) that let an item out of its own department: the whole public, or named recipients."""
Mode = Literal["主动公开", "依申请公开"]
Channel = Literal[
    "政府网站",
    "政务公开栏",
    "政务新媒体",
    "新闻媒体",
    "办事指南",
    "咨询电话",
    "服务窗口",
    "会议",
    "文件通报",
    "信息简报",
    "内部网络",
    # The channels and carriers of the 基层政务公开标准目录 (国办发〔2019〕54号).
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
]
MatterType = Literal[
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政征收",
    "行政给付",
    "行政检查",
    "行政确认",
    "行政奖励",
    "行政裁决",
    "其他行政权力",
    "公共服务",
    "其他审批",
    "内部事务",
]
# Service-guide elements of the 政务服务事项实施清单 (kept together to ease merges).
HandlingType = Literal["即办件", "承诺件"]
Level = Literal["国家级", "省级", "市级", "县级", "乡级"]
Relief = Literal["容缺受理", "告知承诺"]
# Typed records of postings.
LicenceKind = Literal["普通", "特许", "认可", "核准", "登记", "其他"]
PartyType = Literal["法人及非法人组织", "个体工商户", "自然人"]
Sex = Literal["男", "女"]
TableKey = Literal["licences", "penalties", "awards", "candidates", "appointees", "recruits", "land_deals", "grants"]
TABLES: tuple[str, ...] = TableKey.__args__  # type: ignore[attr-defined]
OneVisit = Literal["一次办结", "一次说清、两次办结"]
SectionKind = Literal["内设股室", "服务窗口"]
Counted = Literal["计入", "不计入"]
Charged = Literal["收费", "不收费"]
Importance = Literal["重要事项", "临时事项", "一般事项"]
BuiltinCategory = Literal[
    "建设工程招投标",
    "经营性土地使用权出让",
    "政府采购",
    "干部任免",
    "公务员招考",
    "项目审批",
    "办证办照",
    "批钱批物",
    "执法处罚",
    "收费",
    "重大决策",
    "群众切身利益事项",
]
CATEGORIES: tuple[str, ...] = BuiltinCategory.__args__  # type: ignore[attr-defined]
"""The twelve categories of the policy (二（二）4), used when site_config.yml declares no categories of its own."""
Category = Text
"""A posting's category: one of the district's categories (site_config.yml `categories`), else of CATEGORIES."""
# The kinds of posting (kept together to ease merges): each kind but the first has its own block and its own dates.
PostingKind = Literal["办结公开", "征求意见", "预算决算", "整改公示", "事前公示"]
POSTING_KINDS: tuple[str, ...] = PostingKind.__args__  # type: ignore[attr-defined]
BudgetKind = Literal["部门预算", "部门决算", "政府预算", "政府决算", "预算调整"]
Rectified = Literal["已整改", "整改中"]


@dataclass(frozen=True, kw_only=True)
class Record:
    """Every record knows where it was written, and where each of its fields was."""

    label: ClassVar[str] = "记录"
    """What a clerk calls this kind of record; titles the template and the field reference."""
    quiet: ClassVar[frozenset[str]] = frozenset()
    """Optional fields a page leaves out when not given, instead of showing 未提供."""

    loc: Loc = internal(Loc(""))
    locs: Mapping[str, Loc] = internal(factory=dict)

    def where(self, key: str) -> Loc:
        """The location of one field, or of the record when the field is absent."""
        return self.locs.get(key, self.loc)


def plain(value: typing.Any) -> typing.Any:
    """A record field value as JSON-ready data: records → objects, tuples → lists, dates → ISO text.

    An optional field left empty is absent, as in the YAML, so the same schema describes both.
    """
    if isinstance(value, Record):
        values = ((info.key, getattr(value, info.key)) for info in fields_of(type(value)))
        return {key: plain(v) for key, v in values if v is not None}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True, kw_only=True)
class Disclosure(Record):
    """Catalogue metadata every disclosed item carries (基层政务公开标准目录)."""

    audience: Audience = spec(
        "公开对象",
        "社会公开 = 向全社会公开；一定范围公开 = 向特定单位或人员公开；内部公开 = 本部门、本系统内部公开。",
        default=PUBLIC,
    )
    exemption: Text | None = spec(
        "不予社会公开理由",
        "不向全社会公开时必须写明理由及依据，如《政府信息公开条例》第十六条（内部事务信息）。",
        default=None,
    )
    mode: Mode = spec(
        "公开方式",
        "主动公开 = 主动向社会公开；依申请公开 = 公民、法人或其他组织申请后公开。",
        default="主动公开",
    )
    time_limit: Text = spec(
        "公开时限",
        "何时公开，如“信息形成或变更之日起20个工作日内”“办结后一周内”。",
        default="信息形成或变更之日起20个工作日内",
    )
    recipients: tuple[Ident, ...] = spec(
        "公开范围",
        "一定范围公开时必须写明向谁公开，每条一项：部门编号、district.yml 中 units 的单位编号或 groups 的范围编号"
        "（如 xiangzhen = 全区各乡镇）。这些单位的网站才显示本项。",
        default=(),
    )
    channels: tuple[Channel, ...] = spec(
        "公开渠道和载体",
        "在哪里公开，每条一项：政府网站、政务公开栏、政务新媒体、新闻媒体、办事指南、咨询电话、服务窗口，"
        "或标准目录的政府公报、两微一端、发布会/听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、便民服务站、"
        "入户/现场、社区/企事业单位/村公示栏（电子屏）、精准推送；一定范围公开用会议、文件通报；"
        "内部公开用信息简报、内部网络；都不是的写“其他”并在 channel_other 中写明。",
        default=("政府网站", "政务公开栏"),
    )
    channel_other: Text | None = spec(
        "其他公开渠道", "公开渠道中写了“其他”时，写明是什么渠道或载体。", default=None, example="村务公开微信群"
    )
    index_no: Text | None = spec(
        "索引号",
        "由 disclose number 在首次编号时写入，此后不再改变；不要手工填写或修改。",
        default=None,
    )

    @property
    def channels_shown(self) -> tuple[str, ...]:
        """The channels as the public reads them: “其他” carries the clerk's own words."""
        return tuple(
            f"其他（{self.channel_other}）" if c == "其他" and self.channel_other else c for c in self.channels
        )


@dataclass(frozen=True, kw_only=True)
class Withdrawal(Record):
    """Why, when and on whose approval a published item was withdrawn (撤回): its page stays, with this notice."""

    label: ClassVar[str] = "撤回"

    date: dt.date = spec("撤回日期", "停止公开（撤回）的日期。", example="2011-09-01")
    reason: Text = spec("撤回理由", "为什么撤回，如“内容有误，已发布更正后的信息”“事项已取消”。")
    approver: Text = spec("撤回批准人", "批准撤回的负责人（姓名和职务）。", example="许晓梅（办公室主任）")
    changed: dt.date | None = spec(
        "决定变更或撤销日期",
        "因行政处罚决定被依法变更、撤销、确认违法或确认无效而撤回的，写明该日期：撤回日期不得晚于其后3个工作日"
        "（《行政处罚法》第四十八条、第八十五条）。其他原因撤回的不写。",
        default=None,
    )
    successor: Text | None = spec(
        "替代信息",
        "由哪一条信息替代（更正后的信息或新的事项）：同一部门写文件名（不含 .yml），其他部门写“部门编号/文件名”；没有则不写。",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Withdrawable(Disclosure):
    """An item that is withdrawn, never deleted, once published: a matter or a posting."""

    withdrawn: Withdrawal | None = spec(
        "撤回",
        "已公开的信息不能删除文件，只能撤回：写明撤回日期、理由和批准人（可写替代信息）。页面保留并注明已撤回，"
        "不再出现在现行列表中，列入“已撤回信息”。尚未撤回不写。",
        default=None,
    )

    @property
    def successor(self) -> tuple[str, str] | None:
        """(department, file name) of the item that replaces this withdrawn one; a bare name is the same department."""
        ref = self.withdrawn.successor if self.withdrawn else None
        if ref is None:
            return None
        dept, _, name = ref.rpartition("/")
        return (dept or getattr(self, "department", ""), name)


@dataclass(frozen=True, kw_only=True)
class Leader(Record):
    """A department leader (领导)."""

    label: ClassVar[str] = "领导"

    name: Text = spec("姓名", "领导姓名。", example="王建国")
    post: Text = spec("职务", "领导职务。", example="局长")
    portfolio: Text = spec("分管工作", "分管的工作和股室。", example="主持全面工作，分管办公室。")


@dataclass(frozen=True, kw_only=True)
class Section(Record):
    """A section (股室) and its authority (管理权限)."""

    label: ClassVar[str] = "股室"

    id: Ident = spec("股室编号", "本部门内唯一的编号，流程和人员用它引用股室。", example="bgs")
    name: Text = spec("股室名称", "股室全称。", example="办公室")
    kind: SectionKind = spec("股室类型", "对外服务窗口的工作人员必须挂牌上岗。", default="内设股室")
    authority: tuple[Text, ...] = spec("管理权限", "本股室的管理权限和职责，每条一项。")
    phone: Phone | None = spec("办公电话", "股室办公电话。", default=None)


@dataclass(frozen=True, kw_only=True)
class Staff(Record):
    """A staff member's identity, post duties and work standards (身份、岗位职责、工作标准)."""

    label: ClassVar[str] = "工作人员"

    id: Ident = spec("人员编号", "本部门内唯一的编号，事项的承办人员用它引用。", example="zhang-li")
    name: Text = spec("姓名", "工作人员姓名。", example="张丽")
    post: Text = spec("职务/岗位", "职务或岗位名称。", example="窗口受理员")
    section: Ident = spec("所在股室", "所在股室的编号。", example="bgs")
    badge: Text | None = spec(
        "工号/挂牌号",
        "服务窗口工作人员必须挂牌上岗，填写挂牌号。",
        default=None,
        example="CZ-01",
    )
    duties: tuple[Text, ...] = spec("岗位职责", "岗位职责，每条一项。")
    standards: tuple[Text, ...] = spec("工作标准", "工作标准，每条一项。")


@dataclass(frozen=True, kw_only=True)
class FirstContact(Record):
    """The department's 首问责任制: who answers first and sees the matter through, and how to reach them."""

    label: ClassVar[str] = "首问负责"

    who: Text = spec("首问责任人", "首问责任人或岗位，如“办公室值班人员”“综合窗口受理员”。", example="办公室值班人员")
    phone: Phone = spec("首问电话", "找首问责任人的电话。", example="0551-82321001")
    place: Text | None = spec("接待地点", "当面询问的地点。", default=None, example="局办公楼一楼大厅服务台")
    promise: Text = spec(
        "首问承诺",
        "首问责任人承诺做什么：属本部门职责的负责办结，不属本部门的告知承办单位并跟踪答复。",
        example="属本局职责的当场答复或负责转办到底；不属本局职责的，告知承办单位和联系电话。",
    )


@dataclass(frozen=True, kw_only=True)
class Department(Disclosure):
    """A department (部门): duties, contacts, leaders, sections and staff."""

    label: ClassVar[str] = "部门职责"

    id: Ident = internal()
    name: Text = spec("部门名称", "部门全称。", example="居巢区财政局")
    functions: tuple[Text, ...] = spec("主要职能", "部门的主要职能，每条一项。")
    address: Text = spec("办公地址", "办公地址。", example="居巢区人民路88号")
    hours: Text = spec("办公时间", "对外办公时间。", example="周一至周五 8:30-12:00, 14:30-17:30")
    phone: Phone = spec("咨询电话", "对外咨询电话，写成带区号的形式。", example="0551-82321001")
    complaint_phone: Phone = spec("投诉电话", "本部门效能投诉电话（效能投诉制）。", example="0551-82321002")
    complaint_mailbox: Text | None = spec("投诉信箱", "投诉信箱或电子邮箱。", default=None)
    first_contact: FirstContact = spec(
        "首问负责", "首问责任制：谁是首问责任人，怎样找到他；首位被询问的工作人员负责到底，不属本部门的告知承办单位。"
    )
    leaders: tuple[Leader, ...] = spec("领导信息", "领导姓名、职务和分管工作。")
    commitments: tuple[Text, ...] = spec("服务承诺", "向社会公开的服务承诺（服务承诺制），每条一项。")
    sections: tuple[Section, ...] = spec("股室", "所属每个股室及其管理权限。")
    staff: tuple[Staff, ...] = spec("工作人员", "每个工作人员的身份、岗位职责和工作标准。")


@dataclass(frozen=True, kw_only=True)
class Basis(Record):
    """A legal basis: the law, regulation or rule, and the article."""

    label: ClassVar[str] = "设定依据"

    law: Text = spec(
        "法律法规名称",
        "法律、法规或规章的名称。",
        example="《中华人民共和国行政许可法》",
    )
    article: Text | None = spec("条款", "具体条款。", default=None, example="第二十九条")


@dataclass(frozen=True, kw_only=True)
class Attachment(Record):
    """A file attached to a posting, stored beside it in the content folder."""

    label: ClassVar[str] = "附件"

    title: Text = spec("附件名称", "附件标题。")
    path: Text = spec("附件路径", "相对于本文件的路径。", example="files/中标公告.pdf")


@dataclass(frozen=True, kw_only=True)
class Material(Record):
    """A required material (申请材料)."""

    label: ClassVar[str] = "申请材料"

    name: Text = spec("材料名称", "材料名称。", example="营业执照")
    form: Text | None = spec(
        "材料形式",
        "原件、复印件或电子件；来源文件没有写明的不写，页面显示“未提供”。",
        default=None,
        example="复印件",
    )
    copies: int | None = spec("份数", "需要提交的份数；来源文件没有写明的不写。", default=None)
    source: Text | None = spec("来源", "材料的出具单位或取得方式；没有写明的不写。", default=None)
    relief: Relief | None = spec(
        "容缺/告知承诺", "本材料允许容缺受理（后补）或以告知承诺代替的，写明哪一种；不允许则不写。", default=None
    )
    blank: Attachment | None = spec("空白表格", "申请表等需要填写的材料：空白表格文件，供下载。", default=None)
    sample: Attachment | None = spec("填写样表", "填写好的示范样表文件，供下载。", default=None)


@dataclass(frozen=True, kw_only=True)
class Branch(Record):
    """A labelled branch out of a decision step."""

    label: ClassVar[str] = "分支"

    when: Text = spec("条件", "走这条分支的条件。", example="材料齐全")
    to: Ident = spec("转到环节", "转到的环节编号；写 end 表示办结。", example="review")


@dataclass(frozen=True, kw_only=True)
class Step(Record):
    """One step of a procedure (办理环节)."""

    label: ClassVar[str] = "办理环节"

    id: Ident = spec("环节编号", "本事项内唯一的环节编号。", example="accept")
    action: Text = spec("办理环节", "动词加对象，如“受理申请”；判断环节写成问句。", example="受理申请")
    section: Text = spec(
        "承办股室",
        "承办股室编号；其他单位的股室写成“单位编号/股室编号”。",
        example="bgs",
    )
    days: int | None = spec(
        "环节时限（工作日）", "本环节的办理时限，单位工作日；以小时计的写在 hours，不要折算。", default=None
    )
    hours: int | None = spec(
        "环节时限（小时）", "以小时计的环节时限，如即办件“2 小时”；与 days 只写一个。", default=None
    )
    standard: Text | None = spec("审核标准", "本环节审查什么、按什么标准（实施清单的审查标准）。", default=None)
    counted: Counted = spec(
        "是否计入法定时限",
        "本环节时间是否计入法定办理时限（如专家评审、公示期不计入）。",
        default="计入",
    )
    fee: Ident | None = spec("环节收费", "本环节收取的费用，写收费目录中的编号。", default=None)
    basis: Text | None = spec("环节依据", "本环节的法律依据。", default=None)
    branches: tuple[Branch, ...] = spec("分支", "判断环节的各个分支；不写则进入下一环节。", default=())


@dataclass(frozen=True, kw_only=True)
class Procedure(Withdrawable):
    """A matter (办事事项) with its service guide (办事指南) and flowchart (办事流程图)."""

    label: ClassVar[str] = "办事事项（办事指南和办事流程图）"

    id: Ident = internal()
    department: Ident = internal()
    name: Text = spec("事项名称", "事项的规范名称。", example="政府采购供应商投诉处理")
    type: MatterType = spec(
        "事项类型",
        "行政权力事项的类型（行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、"
        "其他行政权力）、公共服务，或本区沿用的其他审批、内部事务。",
    )
    code: Text | None = spec("实施编码", "政务服务事项实施清单中的实施编码。", default=None)
    level: tuple[Level, ...] = spec("行使层级", "本事项由哪些层级行使，每条一项，如 县级。", default=())
    handling: HandlingType | None = spec("办件类型", "即办件 = 当场办结；承诺件 = 在承诺时限内办结。", default=None)
    visits: int | None = spec("到办事现场次数", "申请人最多需要到办事现场几次，全程网办写 0。", default=None)
    result: Text | None = spec("结果名称", "办理结果的名称，如 某某许可证、批复文件。", default=None)
    result_sample: Attachment | None = spec("结果样本", "办理结果的样本文件，供下载。", default=None)
    basis: tuple[Basis, ...] = spec("设定依据", "办理依据：法律、法规、规章名称及条款。")
    conditions: tuple[Text, ...] = spec("申请条件", "申请人需要满足的条件。")
    preconditions: tuple[Text, ...] = spec(
        "前置条件",
        "办理本事项前必须先取得的许可、批准或证明，每条一项；没有则不写。",
        default=(),
    )
    materials: tuple[Material, ...] = spec("申请材料", "必备资料清单。")
    steps: tuple[Step, ...] = spec("办理流程", "办理环节，按顺序；生成办事流程图。")
    lead_section: Ident | None = spec("主办股室", "涉及两个以上股室时必须明确主办股室（写股室编号）。", default=None)
    units: tuple[Ident, ...] = spec(
        "参与单位",
        "职责涉及其他单位时，列出参与单位的部门编号；本部门为牵头单位，各单位页面都会公示本流程。",
        default=(),
    )
    statutory_days: int | None = spec("法定时限（工作日）", "法律法规规定的办理时限；审批事项必须填写。", default=None)
    promised_days: int = spec("承诺时限（工作日）", "对外承诺的办理时限，不得超过法定时限。")
    one_visit: OneVisit = spec("办结方式", "能一次办结的必须一次办结，否则一次说清、两次办结。")
    charged: Charged = spec(
        "是否收费",
        "收费或不收费，按来源文件写；收费而标准和依据尚未公布的，写“收费”、不写收费项目，页面如实显示“收费标准未公布”。",
    )
    fees: tuple[Ident, ...] = spec("收费项目", "收取的费用，写收费目录中的编号；不收费则不写。", default=())
    place: Text = spec("办理地点", "办理地点。", example="居巢区行政服务中心二楼12号窗口")
    hours: Text = spec("办理时间", "办理时间。", example="周一至周五 8:30-12:00, 14:30-17:30")
    window: Text | None = spec("服务中心窗口", "进驻行政服务中心的事项写明窗口。", default=None)
    handlers: tuple[Ident, ...] = spec("承办人员", "承办人员的人员编号。")
    phone: Phone = spec("咨询电话", "本事项的咨询电话。")
    complaint: Text = spec(
        "监督投诉方式",
        "投诉电话、信箱或投诉中心。",
        example="区机关效能投诉中心 0551-82320000",
    )
    discipline: tuple[Text, ...] = spec("办事纪律", "承办人员须遵守的纪律。")
    requirements: tuple[Text, ...] = spec("办理要求", "办理要求和注意事项。", default=())


# Typed records of postings (双公示, procurement, appointments, recruitment, land, funds and goods), kept together
# to ease merges. Each lists the fields its national practice publishes; a posting keeps free text for the rest.


# The 双公示 party (行政相对人) as the national 信用信息 layout describes it; both decisions declare these fields.


def _party() -> Any:
    return spec("行政相对人名称", "法人或其他组织的名称，或自然人姓名；不写身份证号。")


def _party_type() -> Any:
    return spec(
        "行政相对人类别",
        "法人及非法人组织、个体工商户或自然人。自然人的身份证件号码、住址、电话、银行账号不公开，"
        "也不写统一社会信用代码和法定代表人。",
    )


def _credit_code() -> Any:
    return spec("统一社会信用代码", "法人和其他组织、个体工商户的18位统一社会信用代码；自然人不写。", default=None)


_LEGACY_CODES = {
    "registration_no": ("工商注册号", "2015年以前的工商注册号"),
    "org_code": ("组织机构代码", "9位组织机构代码"),
    "tax_no": ("税务登记号", "税务登记证号"),
    "institution_no": ("事业单位证书号", "事业单位法人证书号"),
    "social_org_no": ("社会组织登记证号", "社会组织登记证号"),
}
"""The codes that identified an organisation before the 统一社会信用代码 (行政相对人代码_2 … _6)."""
ORGANISATION_ONLY = ("credit_code", *_LEGACY_CODES, "representative")
"""A decision's fields that only an organisation or an individual business has, never a natural person."""


def _legacy_code(key: str) -> Any:
    label, help = _LEGACY_CODES[key]
    return spec(label, f"{help}（行政相对人代码）；已有统一社会信用代码的一般不写，没有的不写。", default=None)


def _representative() -> Any:
    return spec("法定代表人", "法人的法定代表人或其他组织的负责人，个体工商户的经营者；自然人不写。", default=None)


def _authority_code(authority: str) -> Any:
    return spec(f"{authority}统一社会信用代码", f"{authority}的统一社会信用代码。", default=None)


def _source_unit() -> Any:
    return spec("数据来源单位", "数据来自其他单位的，写明来源单位。", default=None)


def _source_unit_code() -> Any:
    return spec("数据来源单位统一社会信用代码", "数据来源单位的统一社会信用代码。", default=None)


def _note() -> Any:
    return spec("备注", "需要说明的其他事项。", default=None)


@dataclass(frozen=True, kw_only=True)
class LicenceDecision(Record):
    """A 行政许可 decision, as published in the 双公示."""

    label: ClassVar[str] = "行政许可决定"
    quiet: ClassVar[frozenset[str]] = frozenset(
        _LEGACY_CODES
    )  # replaced by the 统一社会信用代码: most records lack them

    number: Text = spec("决定文书号", "行政许可决定书文号。", example="居建许〔2011〕15号")
    document: Text | None = spec("决定文书名称", "行政许可决定文书的名称，如“准予行政许可决定书”。", default=None)
    kind: LicenceKind = spec("许可类别", "普通、特许、认可、核准、登记或其他。")
    certificate: Text | None = spec("许可证书名称", "颁发的许可证书名称；不发证书的不写。", default=None)
    licence_no: Text | None = spec("许可编号", "许可证书的编号；不发证书的不写。", default=None)
    content: Text = spec("许可内容", "许可的具体内容。")
    party: Text = _party()
    party_type: PartyType = _party_type()
    credit_code: CreditCode | None = _credit_code()
    registration_no: Text | None = _legacy_code("registration_no")
    org_code: Text | None = _legacy_code("org_code")
    tax_no: Text | None = _legacy_code("tax_no")
    institution_no: Text | None = _legacy_code("institution_no")
    social_org_no: Text | None = _legacy_code("social_org_no")
    representative: Text | None = _representative()
    decided: dt.date = spec("许可决定日期", "作出许可决定的日期。", example="2011-05-12")
    valid_from: dt.date | None = spec("有效期自", "许可有效期起始日期。", default=None)
    valid_until: dt.date | None = spec("有效期至", "许可有效期截止日期；长期有效的不写。", default=None)
    authority: Text = spec("许可机关", "作出决定的机关。")
    authority_code: CreditCode | None = _authority_code("许可机关")
    source_unit: Text | None = _source_unit()
    source_unit_code: CreditCode | None = _source_unit_code()
    note: Text | None = _note()


@dataclass(frozen=True, kw_only=True)
class PenaltyDecision(Record):
    """A 行政处罚 decision, as published in the 双公示."""

    label: ClassVar[str] = "行政处罚决定"
    quiet: ClassVar[frozenset[str]] = LicenceDecision.quiet

    number: Text = spec("决定文书号", "行政处罚决定书文号。", example="居统罚〔2011〕3号")
    kind: Text = spec(
        "处罚类别", "警告、罚款、没收违法所得、没收非法财物、责令停产停业、暂扣或吊销许可证等，照决定书写。"
    )
    violation: Text | None = spec("违法行为类型", "违法行为的类型或名称，如“提供不真实统计资料”。", default=None)
    facts: Text = spec("违法事实", "主要违法事实。")
    basis: Text = spec("处罚依据", "作出处罚所依据的法律、法规、规章及条款。")
    content: Text = spec("处罚内容", "处罚决定的内容。")
    fine: Money | None = spec(
        "罚款金额",
        "罚款的金额，单位元，如 20000；来源以万元计的照写并写明单位，如“0.5万元”。没有罚款的不写。",
        default=None,
    )
    confiscated: Money | None = spec(
        "没收金额",
        "没收违法所得、没收非法财物的金额，单位元；以万元计的写明单位，如“1.2万元”。没有的不写。",
        default=None,
    )
    licence: Text | None = spec("暂扣或吊销证照", "暂扣或吊销的证照名称及编号；没有的不写。", default=None)
    party: Text = _party()
    party_type: PartyType = _party_type()
    credit_code: CreditCode | None = _credit_code()
    registration_no: Text | None = _legacy_code("registration_no")
    org_code: Text | None = _legacy_code("org_code")
    tax_no: Text | None = _legacy_code("tax_no")
    institution_no: Text | None = _legacy_code("institution_no")
    social_org_no: Text | None = _legacy_code("social_org_no")
    representative: Text | None = _representative()
    decided: dt.date = spec("处罚决定日期", "作出处罚决定的日期。", example="2011-05-12")
    effective_until: dt.date | None = spec(
        "处罚有效期", "处罚决定有效到哪一天（如暂扣证照的期限）；没有的不写。", default=None
    )
    publicity_until: dt.date | None = spec("公示截止期", "本条信息在信用网站公示到哪一天。", default=None)
    authority: Text = spec("处罚机关", "作出决定的机关。")
    authority_code: CreditCode | None = _authority_code("处罚机关")
    source_unit: Text | None = _source_unit()
    source_unit_code: CreditCode | None = _source_unit_code()
    note: Text | None = _note()


@dataclass(frozen=True, kw_only=True)
class ProcurementResult(Record):
    """A 政府采购 or 招标 result (中标、成交结果公告)."""

    label: ClassVar[str] = "采购结果"

    project_no: Text = spec("项目编号", "采购项目编号。", example="JCCG-2011-015")
    project: Text = spec("项目名称", "采购项目名称。")
    purchaser: Text = spec("采购人", "采购人名称、地址和联系方式。")
    agency: Text | None = spec("采购代理机构", "代理机构名称、地址和联系方式；自行采购的不写。", default=None)
    supplier: Text = spec("中标或成交供应商", "供应商名称。")
    supplier_address: Text | None = spec("供应商地址", "供应商地址。", default=None)
    amount: Money = spec(
        "中标或成交金额", "中标或成交金额，单位元；来源以万元计的写明单位，如“128.6万元”。", example="1286000"
    )
    items: Text | None = spec("主要标的", "主要标的的名称、规格型号、数量、单价或服务要求。", default=None)
    experts: Text | None = spec("评审专家名单", "评审委员会成员名单。", default=None)
    agency_fee: Money | None = spec("代理服务费", "代理服务费金额，单位元；以万元计的写明单位。", default=None)
    awarded: dt.date = spec("定标日期", "确定中标或成交供应商的日期。", example="2011-04-13")


@dataclass(frozen=True, kw_only=True)
class Candidate(Record):
    """A candidate in a 中标候选人公示, in rank order."""

    label: ClassVar[str] = "中标候选人"

    rank: int = spec("排序", "第几中标候选人。", example="1")
    bidder: Text = spec("投标人", "投标人名称。")
    bid: Money = spec("投标报价", "投标报价，单位元；以万元计的写明单位，如“356万元”。", example="3560000")
    duration: Text | None = spec("工期", "投标工期。", default=None)
    quality: Text | None = spec("质量标准", "投标质量标准。", default=None)
    manager: Text | None = spec("项目负责人", "项目经理或项目负责人姓名。", default=None)


@dataclass(frozen=True, kw_only=True)
class Appointee(Record):
    """A cadre in a 干部任前公示."""

    label: ClassVar[str] = "任前公示对象"

    name: Text = spec("姓名", "姓名。")
    sex: Sex = spec("性别", "男或女。")
    ethnicity: Text = spec("民族", "民族。", example="汉族")
    born: YearMonth = spec("出生年月", "写成 YYYY-MM。", example="1970-05")
    native_place: Text = spec("籍贯", "籍贯。", example="安徽巢湖")
    joined_party: YearMonth | None = spec("入党时间", "写成 YYYY-MM；非中共党员不写。", default=None)
    started_work: YearMonth = spec("参加工作时间", "写成 YYYY-MM。", example="1990-08")
    education: Text = spec("学历学位", "全日制和在职学历学位。")
    current_post: Text = spec("现任职务", "现任职务。")
    proposed_post: Text = spec("拟任职务", "拟任职务。")


@dataclass(frozen=True, kw_only=True)
class Recruit(Record):
    """A person proposed for employment after an examination (拟录用人员)."""

    label: ClassVar[str] = "拟录用人员"

    name: Text = spec("姓名", "姓名。")
    sex: Sex = spec("性别", "男或女。")
    exam_no: Text | None = spec("准考证号", "准考证号。", default=None)
    post: Text = spec("报考职位", "报考的单位和职位。")
    school: Text | None = spec("毕业院校", "毕业院校或工作单位。", default=None)
    score: Text | None = spec("总成绩", "笔试和面试的总成绩。", default=None)


@dataclass(frozen=True, kw_only=True)
class LandDeal(Record):
    """The result of a 经营性土地 transfer (出让结果)."""

    label: ClassVar[str] = "土地出让结果"

    parcel_no: Text = spec("宗地编号", "宗地编号。", example="2011-03")
    location: Text = spec("土地位置", "坐落位置。")
    area: Text = spec("面积", "面积和单位，如 17720 平方米。")
    use: Text = spec("土地用途", "规划用途。")
    term: Text = spec("出让年限", "出让年限，如 商业40年、住宅70年。")
    price: Text = spec("成交价", "成交价和单位，如 6380 万元。")
    winner: Text = spec("竞得人", "竞得人名称。")
    dealt: dt.date = spec("成交时间", "成交确认的日期。", example="2011-06-28")


@dataclass(frozen=True, kw_only=True)
class Grant(Record):
    """Funds or goods handed out (批钱批物): what, how much, to whom, by which standard."""

    label: ClassVar[str] = "资金物资发放"

    item: Text = spec("项目", "资金或物资项目名称。")
    amount: Money | None = spec("金额", "发放资金的总额，单位元；以万元计的写明单位。只发物资的不写。", default=None)
    goods: Text | None = spec("物资", "发放物资的名称和数量；只发资金的不写。", default=None)
    recipients: Text = spec("发放对象", "发放给谁，多少户或人。")
    standard: Text = spec("发放标准", "每户或每人的标准。")
    basis: Text | None = spec("依据", "发放依据的文件。", default=None)


# The kinds of posting that have no completion (办结) of their own: a draft open for comment, a budget or final
# account, a rectification and a notice before a decision. Each block holds what its practice publishes.


@dataclass(frozen=True, kw_only=True)
class Opinion(Record):
    """An opinion received on a draft that was not adopted, and why."""

    label: ClassVar[str] = "未采纳的意见"

    opinion: Text = spec("意见", "收到的意见，概括写明；不写提意见人的姓名和联系方式。")
    reason: Text = spec("未采纳理由", "为什么没有采纳。")


@dataclass(frozen=True, kw_only=True)
class Feedback(Record):
    """What became of the opinions on a draft (意见采纳情况), published after the consultation closed."""

    label: ClassVar[str] = "意见采纳情况"

    published: dt.date = spec("反馈公开日期", "公开意见采纳情况的日期。", example="2011-12-28")
    received: int = spec("收到意见（条）", "征求意见期内收到的意见条数。", example="46")
    adopted: int = spec("采纳意见（条）", "全部或部分采纳的意见条数。", example="19")
    explanation: Text = spec("采纳情况说明", "采纳了哪些意见，草案作了哪些修改。")
    not_adopted: tuple[Opinion, ...] = spec(
        "未采纳的意见及理由", "没有采纳的主要意见，每项写明意见和理由；全部采纳的不写。", default=()
    )
    decision: Text | None = spec(
        "决策结果",
        "草案最终形成的决定：审议通过的会议和日期、印发的文件名称和文号；尚未决定的不写。",
        default=None,
        example="经区人民政府第十三次常务会议审议通过，以居政〔2011〕96号印发",
    )


@dataclass(frozen=True, kw_only=True)
class Consultation(Record):
    """A draft decision or rule opened for public comment (重大行政决策 征求意见)."""

    label: ClassVar[str] = "征求意见"

    draft: Text = spec("草案名称", "征求意见的草案全称。", example="《居巢区城区违法建设治理办法（征求意见稿）》")
    drafter: Text = spec("起草单位", "负责起草草案的单位。", example="居巢区住房和城乡建设局")
    explanation: Text | None = spec(
        "起草说明", "草案的起草背景、主要内容和需要说明的问题；草案全文作为附件上传。", default=None
    )
    opens: dt.date = spec("征求意见开始日期", "公众可以提出意见的第一天。", example="2011-11-21")
    closes: dt.date = spec("征求意见截止日期", "公众可以提出意见的最后一天（含当天）。", example="2011-12-20")
    short_reason: Text | None = spec(
        "期限缩短的理由",
        "征求意见期少于规定期限（site_config.yml 的 timeliness.notices）时，写明缩短的理由（如情况紧急）。",
        default=None,
    )
    channels: tuple[Text, ...] = spec(
        "提出意见的方式",
        "公众怎样提出意见，每种方式一项：信函（写明地址和邮编）、传真、电子邮件、网上留言等。",
        example="信函：寄至居巢区人民路108号区政府法制办（邮编238000）",
    )
    feedback: Feedback | None = spec(
        "意见采纳情况", "征求意见结束后，公开收到多少意见、采纳情况、未采纳的理由和决策结果。", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Budget(Record):
    """A budget or final account (预算、决算) published with its tables and 说明."""

    label: ClassVar[str] = "预算决算"

    kind: BudgetKind = spec(
        "预决算类型", "部门预算、部门决算，或本级政府的政府预算、政府决算、预算调整。", example="部门预算"
    )
    unit: Text = spec("预算单位", "部门预决算写部门全称；政府预决算写本级政府。", example="居巢区财政局")
    year: int = spec("预算年度", "预算或决算的年度。", example="2011")
    approver: Text = spec(
        "批复机关",
        "部门预决算由财政部门批复；政府预决算和预算调整由人民代表大会或其常务委员会批准。",
        example="居巢区财政局",
    )
    approval_no: Text | None = spec(
        "批复文号", "批复文件的文号；没有文号的不写。", default=None, example="居财预〔2011〕12号"
    )
    approved: dt.date = spec("批复日期", "批复或批准的日期；公开时限从这天起算。", example="2011-02-25")
    explanation: Text = spec("预决算说明", "预决算说明：部门职责和机构、收支总体情况、增减变化的原因、“三公”经费等。")


@dataclass(frozen=True, kw_only=True)
class RectificationItem(Record):
    """One problem found and how it is put right."""

    label: ClassVar[str] = "整改事项"

    problem: Text = spec("存在问题", "检查、审计或自查自纠发现的问题。")
    measures: Text = spec("整改措施", "怎样整改。")
    responsible: Text = spec("责任单位", "负责整改的单位或股室。")
    due: dt.date | None = spec("整改时限", "整改完成的期限；没有定期限的不写。", default=None)
    status: Rectified = spec("整改情况", "已整改或整改中。")
    result: Text | None = spec("整改结果", "已整改的，写明结果。", default=None)


@dataclass(frozen=True, kw_only=True)
class Rectification(Record):
    """A rectification published for the public's evaluation (整改公示, the policy's 自查自纠)."""

    label: ClassVar[str] = "整改公示"

    source: Text = spec("整改依据", "问题从哪里来：自查自纠、审计报告、督查通报、群众投诉等，写明名称和文号。")
    items: tuple[RectificationItem, ...] = spec("整改事项", "每个问题一项：问题、措施、责任单位、时限和整改情况。")


@dataclass(frozen=True, kw_only=True)
class Proposal(Record):
    """What is to be decided, published for objections before the decision (事前公示: 批前公示、评审结果公示…)."""

    label: ClassVar[str] = "拟决定事项"

    matter: Text = spec("公示事项", "拟作出决定的事项，如某项目环境影响报告表审批、某年度职称评审结果。")
    applicant: Text | None = spec("申请人", "依申请的事项写申请人名称；自然人只写姓名，不写证件号。", default=None)
    proposed: Text = spec("拟作出的决定", "公示期满无异议时拟作出的决定。")
    authority: Text = spec("决定机关", "作出决定的机关。", example="居巢区人力资源和社会保障局")
    basis: Text | None = spec("公示依据", "要求公示的法律、法规或文件。", default=None)


@dataclass(frozen=True, kw_only=True)
class Posting(Withdrawable):
    """A hotspot posting (热点问题公开): a tender, an appointment, a penalty…"""

    label: ClassVar[str] = "热点问题公开信息"

    id: Ident = internal()
    department: Ident = internal()
    title: Text = spec("标题", "公开信息的标题。")
    category: Category = spec(
        "类别",
        "政务公开的重点类别：site_config.yml 的 categories 中本区标准目录的类别；没有写 categories 的，"
        "用政策列明的十二类（建设工程招投标、经营性土地使用权出让、政府采购、干部任免、公务员招考、项目审批、办证办照、"
        "批钱批物、执法处罚、收费、重大决策、群众切身利益事项）。",
        example="政府采购",
    )
    importance: Importance = spec("事项性质", "重要事项和临时事项办结后一周内必须公开。", default="重要事项")
    importance_reason: Text | None = spec(
        "定为一般事项的理由",
        "类别默认是重要事项（site_config.yml 的 timeliness.important_categories）而本条定为一般事项时，写明理由；"
        "与批准人一起填写后列入检查结果和检查考核报告。",
        default=None,
    )
    importance_approver: Text | None = spec(
        "定为一般事项批准人", "批准定为一般事项的负责人（姓名或职务）。", default=None
    )
    category_reason: Text | None = spec(
        "公开后改类别的理由",
        "公开后改了类别的，写明理由（改类别会改变公开时限和统计口径）；与批准人一起填写后列入检查结果和检查考核报告。"
        "公开前改类别不用写。",
        default=None,
    )
    category_approver: Text | None = spec("改类别批准人", "批准公开后改类别的负责人（姓名或职务）。", default=None)
    summary: Text = spec("内容概述", "一两句话概述，用于公开目录。")
    body: Text | None = spec("正文", "正文，可分段。", default=None)
    time_limit: Text = spec(
        "公开时限",
        "何时公开；重要事项和临时事项办结后一周内必须公开。",
        default="办结后一周内",
    )
    completed: dt.date | None = spec(
        "办结日期",
        "事项办结（完成）的日期，办结后的公开时限从这天起算。征求意见、预算决算、整改公示和事前公示没有办结日期，不写，"
        "按各自的日期（征求意见期、批复日期、公示期）。",
        default=None,
        example="2011-05-12",
    )
    published: dt.date | None = spec("公开日期", "在网站和公开栏公开的日期；尚未公开则不写。", default=None)
    late_reason: Text | None = spec(
        "逾期公开说明",
        "已经逾期公开的，写明逾期原因和整改措施；与批准人一起填写后不再阻止生成网站，但仍计入检查考核的逾期数。",
        default=None,
    )
    late_approver: Text | None = spec("逾期说明批准人", "批准逾期公开说明的负责人（姓名和职务）。", default=None)
    attachments: tuple[Attachment, ...] = spec("附件", "附件文件。", default=())
    # Typed records and the notice period (公示期).
    licences: tuple[LicenceDecision, ...] = spec("行政许可决定", "行政许可双公示：每项一个决定。", default=())
    penalties: tuple[PenaltyDecision, ...] = spec("行政处罚决定", "行政处罚双公示：每项一个决定。", default=())
    awards: tuple[ProcurementResult, ...] = spec(
        "采购结果", "政府采购或招标的中标、成交结果，每项一个项目或包。", default=()
    )
    candidates: tuple[Candidate, ...] = spec("中标候选人", "中标候选人公示：按排序列出候选人及报价。", default=())
    appointees: tuple[Appointee, ...] = spec("任前公示对象", "干部任前公示：每项一人。", default=())
    recruits: tuple[Recruit, ...] = spec("拟录用人员", "公务员或事业单位招考的拟录用人员：每项一人。", default=())
    land_deals: tuple[LandDeal, ...] = spec("土地出让结果", "经营性土地出让结果：每项一宗地。", default=())
    grants: tuple[Grant, ...] = spec("资金物资发放", "批钱批物：每项一个资金或物资项目。", default=())
    objection: Text | None = spec(
        "异议和举报方式", "公示期内提出异议或举报的方式：受理单位、电话、地址。", default=None
    )
    notice_from: dt.date | None = spec("公示期起", "公示开始日期；不写则从公开日期算起。", default=None)
    notice_until: dt.date | None = spec("公示期止", "公示截止日期；与公示期（工作日）只写一个。", default=None)
    notice_days: int | None = spec(
        "公示期（工作日）", "“自发布之日起 N 个工作日”的 N；与公示期止只写一个。", default=None
    )
    # The kinds with dates of their own: at most one block.
    consultation: Consultation | None = spec(
        "征求意见",
        "草案公开征求意见：草案、起草单位、征求意见期、提出意见的方式，结束后补写意见采纳情况。",
        default=None,
    )
    budget: Budget | None = spec(
        "预算决算", "部门或政府的预算、决算：批复机关和日期、说明；预决算表作为附件上传。", default=None
    )
    rectification: Rectification | None = spec(
        "整改公示", "公示整改方案或整改情况，接受群众评议：必须写公示期和 提出意见的方式（objection）。", default=None
    )
    proposal: Proposal | None = spec(
        "事前公示",
        "作出决定前的公示（批前公示、评审结果公示等）：拟决定的事项；必须写公示期和 提出异议的方式（objection）。",
        default=None,
    )

    def tables(self) -> list[tuple[str, tuple[Record, ...]]]:
        """The posting's typed records that are present: (field key, records)."""
        return [(key, getattr(self, key)) for key in TABLES if getattr(self, key)]

    def blocks(self) -> list[str]:
        """The kind blocks present (field keys of KIND_BLOCKS); more than one is refused by the rules."""
        return [key for key in KIND_BLOCKS if getattr(self, key) is not None]

    @property
    def kind(self) -> str:
        """What kind of posting this is: the kind of its block, else 办结公开 (published after completion)."""
        present = self.blocks()
        return KIND_BLOCKS[present[0]] if present else POSTING_KINDS[0]

    @property
    def counted_from(self) -> dt.date | None:
        """The day the publication deadline counts from: a budget's approval; the earliest dated decision, award or
        deal; else completion. None for a kind that has no such day."""
        if self.budget is not None:
            return self.budget.approved
        dated = [d for _, rows in self.tables() for r in rows if (d := getattr(r, DATED.get(type(r), ""), None))]
        return min(dated) if dated else self.completed

    @property
    def dated(self) -> dt.date | None:
        """The date a posting is listed and numbered by: its publication, else the first date of its own kind."""
        if self.published is not None:
            return self.published
        if self.consultation is not None:
            return self.consultation.opens
        return self.counted_from or self.notice_from


@dataclass(frozen=True, kw_only=True)
class FeeStandard(Record):
    """One standard of a fee that is charged differently by type, area or tier, all in one catalogue entry."""

    label: ClassVar[str] = "收费标准"

    applies: Text = spec("适用情形", "这一标准适用于哪一类、哪个区域或哪一档。", example="住房")
    amount: Money | None = spec(
        "收费标准（元）",
        "具体标准；有幅度的写“下限-上限”，按下限征收。来源文件没有公布的不写，页面显示“未公布”。",
        default=None,
    )
    unit: Text | None = spec("计费单位", "与收费项目的计费单位不同时填写。", default=None)


@dataclass(frozen=True, kw_only=True)
class FeeItem(Record):
    """An entry of the district's fee catalogue (行政事业性收费目录)."""

    label: ClassVar[str] = "收费项目"

    id: Ident = spec("收费编号", "目录内唯一编号，事项用它引用。", example="fang-chan-deng-ji")
    code: Text | None = spec(
        "收费编码", "收费目录中的收费编码（如非税收入项目编码），照目录原样填写；目录没有编码的不写。", default=None
    )
    name: Text = spec("收费项目", "收费项目名称。")
    department: Ident = spec("收费单位", "收费部门的编号。")
    basis: Text = spec("收费依据", "批准收费的文件名称和文号。", example="皖价费〔2008〕123号")
    standard: Money | None = spec(
        "收费标准",
        "具体标准，单位元（以万元计的写明单位）；有幅度的写“下限-上限”，按下限征收。按类型、区域或档次分别收费的不写这里，"
        "写在 standards。来源文件没有公布标准的不写，页面显示“未公布”，不会显示为 0 元。",
        default=None,
        example="80",
    )
    standards: tuple[FeeStandard, ...] = spec(
        "分类收费标准", "一个收费项目按类型、区域或档次有几个标准时，每个标准一项，不要拆成几个收费项目。", default=()
    )
    unit: Text = spec("计费单位", "按什么计费。", example="件")
    account: Text = spec(
        "收支两条线账户",
        "缴入的财政专户（收支两条线）。",
        example="居巢区财政非税收入专户",
    )

    @property
    def charged(self) -> str | None:
        """What is actually charged: a ranged standard at its lower bound (policy 二（三）2); None when unpublished."""
        return lower_bound(self.standard)

    def rates(self) -> list[tuple[str, str | None, str | None, str]]:
        """Each standard as (applies, standard, charged, unit): one line for a single standard, else one per standard."""
        if not self.standards:
            return [("", self.standard, self.charged, self.unit)]
        return [(s.applies, s.amount, lower_bound(s.amount), s.unit or self.unit) for s in self.standards]

    @property
    def published(self) -> bool:
        """Whether every standard of the fee is published."""
        return all(amount is not None for _, amount, _, _ in self.rates())


def lower_bound(amount: str | None) -> str | None:
    """'60-80' → '60', '0.5-1万元' → '0.5万元'; None (not published) stays None."""
    if amount is None:
        return None
    parsed = parse_amount(amount)
    if parsed is None:
        return amount
    low = f"{parsed.low.normalize():f}"
    return f"{low}{parsed.unit}" if parsed.unit_written else low


@dataclass(frozen=True, kw_only=True)
class FeeCatalogue(Record):
    """The district fee catalogue: a fee not in it may not be charged."""

    label: ClassVar[str] = "全区行政事业性收费目录"

    items: tuple[FeeItem, ...] = spec("收费目录", "全区行政事业性收费项目目录。")


@dataclass(frozen=True, kw_only=True)
class Unit(Record):
    """A unit outside the departments that can receive 一定范围公开 items (a township, a street office…)."""

    label: ClassVar[str] = "单位"

    id: Ident = spec(
        "单位编号", "全区唯一的编号，不得与部门编号相同；事项的公开范围（recipients）用它。", example="zhegao"
    )
    name: Text = spec("单位名称", "单位全称。", example="柘皋镇人民政府")


@dataclass(frozen=True, kw_only=True)
class Group(Record):
    """A named group of units for 一定范围公开 (全区各乡镇, 区直各部门…), defined once for the district."""

    label: ClassVar[str] = "公开范围"

    id: Ident = spec("范围编号", "全区唯一的编号，事项的公开范围（recipients）用它。", example="xiangzhen")
    name: Text = spec("范围名称", "如“全区各乡镇”“区政府常务会议组成人员”。", example="全区各乡镇")
    members: tuple[Ident, ...] = spec("成员", "部门编号、单位编号或其他范围的编号，每条一项。", example="zhegao")


@dataclass(frozen=True, kw_only=True)
class RequestDesk(Record):
    """Where and how to apply for government information (依申请公开), as the 公开指南 tells the public."""

    label: ClassVar[str] = "依申请公开受理"

    office: Text = spec("受理机构", "受理政府信息公开申请的机构。", example="居巢区人民政府办公室（区政务公开办）")
    address: Text = spec(
        "受理地址", "当面提交和信函寄送申请的地址，含邮政编码。", example="居巢区人民路108号区行政中心二楼"
    )
    hours: Text = spec("受理时间", "当面受理申请的时间。", example="周一至周五 8:30-12:00, 14:30-17:30")
    phone: Phone = spec("咨询电话", "申请咨询电话。", example="0551-82321010")
    channels: tuple[Text, ...] = spec(
        "申请渠道",
        "接受申请的每一种方式及怎样提交，每条一项，如当面提交、信函、网上申请（写明网址）、传真（写明号码）。",
        example="信函：寄至受理地址，信封注明“政府信息公开申请”",
    )
    review_body: Text = spec(
        "行政复议机关", "对本区行政机关政府信息公开行为申请行政复议的复议机关。", example="居巢区人民政府"
    )
    court: Text | None = spec(
        "行政诉讼法院", "管辖本区政府信息公开行政诉讼的人民法院；不写时页面只说“依法向人民法院提起”。", default=None
    )
    matter: Text | None = spec(
        "依申请公开办事指南",
        "本区政府信息依申请公开的办事指南：写“部门编号/文件名”（不含 .yml）。写明后，该办事指南和公开指南的受理机构、"
        "答复期限、收费和救济途径都出自这里和该办事指南的收费项目，两处说法不一致的，校验时报错。",
        default=None,
        example="qzfb/zheng-fu-xin-xi-yi-shen-qing-gong-kai",
    )


@dataclass(frozen=True, kw_only=True)
class District(Record):
    """The district: its name and the channels every page shows."""

    label: ClassVar[str] = "全区信息"

    name: Text = spec("区名称", "行政区名称。", example="居巢区")
    government: Text = spec("政府名称", "人民政府全称。", example="居巢区人民政府")
    intro: Text = spec("简介", "首页的简短说明。")
    complaint_centre: Text = spec("效能投诉中心", "机关效能投诉中心名称和地址。")
    complaint_phone: Phone = spec("效能投诉电话", "机关效能投诉中心电话。")
    hotline: Phone = spec("政风行风热线", "政风行风热线电话。")
    service_centre: Text = spec("行政服务中心", "行政服务中心名称和地址。")
    disclosure_office: Text = spec("政务公开领导小组办公室", "负责检查考核的机构。")
    jiufeng_office: Text | None = spec(
        "纠风办",
        "区纠正行业不正之风办公室的全称；各部门到企业执法检查的计划须经它批准（执法检查计划的 approved_by 必须与此相同）。",
        default=None,
        example="居巢区纠正行业不正之风办公室",
    )
    on_request: RequestDesk = spec(
        "依申请公开", "受理政府信息公开申请的机构、地址、时间、渠道和救济途径，在公开指南中公布。"
    )
    units: tuple[Unit, ...] = spec(
        "其他单位", "部门以外可接收一定范围公开信息的单位（乡镇、街道等）；部门本身不必列出。", default=()
    )
    groups: tuple[Group, ...] = spec("公开范围", "一定范围公开的常用范围，定义一次，事项用编号引用。", default=())
    common_matters: tuple[Text, ...] = spec(
        "常用办事事项",
        "首页“我要办事”列出的常用办事指南，按办件量等本区掌握的情况选定，按列出顺序显示；每条写“部门编号/文件名”"
        "（不含 .yml）。不写时首页只给出全部办事指南的入口。",
        default=(),
        example="zjj/jian-zhu-gong-cheng-shi-gong-xu-ke",
    )


def files_of(item: Record) -> tuple[Attachment, ...]:
    """The files an item offers for download: a posting's attachments; a matter's forms, sample forms, result sample;
    a published annual report's file (a register record: known here by its `file` field)."""
    if isinstance(item, Posting):
        return item.attachments
    if isinstance(item, Procedure):
        forms = [f for m in item.materials for f in (m.blank, m.sample) if f is not None]
        return (*forms, *((item.result_sample,) if item.result_sample else ()))
    file = getattr(item, "file", None)
    return (file,) if isinstance(file, Attachment) else ()


KIND_BLOCKS: dict[str, str] = {
    "consultation": POSTING_KINDS[1],
    "budget": POSTING_KINDS[2],
    "rectification": POSTING_KINDS[3],
    "proposal": POSTING_KINDS[4],
}
"""Each kind block of a posting (field key) and the kind it makes the posting."""

NOTICE_KINDS: tuple[str, ...] = (POSTING_KINDS[3], POSTING_KINDS[4])
"""Kinds that are notices: they need a notice period (公示期) and a way to give views (objection)."""

DATED: dict[type, str] = {
    LicenceDecision: "decided",
    PenaltyDecision: "decided",
    ProcurementResult: "awarded",
    LandDeal: "dealt",
}
"""The date field of a typed record that starts its publication deadline."""

TABLE_CATEGORIES: dict[str, tuple[Category, ...]] = {
    "licences": ("办证办照", "项目审批"),
    "penalties": ("执法处罚",),
    "awards": ("政府采购", "建设工程招投标"),
    "candidates": ("建设工程招投标", "政府采购"),
    "appointees": ("干部任免",),
    "recruits": ("公务员招考",),
    "land_deals": ("经营性土地使用权出让",),
    "grants": ("批钱批物",),
}
"""Which categories a typed table belongs to."""


IDENTIFIED_BY: dict[str, tuple[str, ...]] = {
    "licences": ("number",),
    "penalties": ("number",),
    "awards": ("project_no",),
    "land_deals": ("parcel_no",),
}
"""Typed tables whose records each stand alone (a decision, a project, a parcel), and the fields that tell one
from another. Imported from a spreadsheet, each such row becomes its own posting, found again by these fields."""

NAMED_BY: dict[str, tuple[str, ...]] = {
    "licences": ("party", "number"),
    "penalties": ("party", "number"),
    "awards": ("project", "project_no"),
    "land_deals": ("parcel_no", "location"),
}
"""The fields whose values, after the table's name, title an imported posting that was given no title."""


def table_label(key: str) -> str:
    """The Chinese name of a posting's typed table, from its field declaration."""
    label: str = next(f.metadata["spec"].label for f in dataclasses.fields(Posting) if f.name == key)
    return label


TABLE_TYPES: dict[str, type[Record]] = {key: typing.get_args(typing.get_type_hints(Posting)[key])[0] for key in TABLES}
"""The record class of each typed table of a posting, read from its field declaration."""
