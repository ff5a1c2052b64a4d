"""The site configuration (site_config.yml), declared like every other record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from . import codes
from .model import CATEGORIES, POSTING_KINDS, Category, Channel, Importance, Posting, PostingKind, Record, TableKey
from .problems import Loc, Problem, problem
from .schema import DATE_RE, Ident, Labels, Phone, Text, internal, label_of, spec
from .validate import build_record
from .workdays import Calendar, Unit, read_year, shipped_calendar, shipped_years
from .yamlload import Map, Node, Scalar, Seq, YamlError, load_file, with_label

POSTING = Labels(Posting)


CONFIG_FILE = "site_config.yml"


@dataclass(frozen=True, kw_only=True)
class PrivacyAllow(Record):
    """One reviewed exception to the personal-data guard, by the SHA-256 of the exact number."""

    sha256: Text = spec(
        "号码指纹",
        "号码（只含数字，身份证末位 X 大写）的 SHA-256，如 printf '%s' 号码 | sha256sum；不要写号码本身。",
    )
    reason: Text = spec("公开理由", "为什么必须公开这个号码，以及依据。")
    reviewer: Text = spec("审核人", "审核同意公开的人员姓名和职务。")


DATED_KINDS = (POSTING_KINDS[0], POSTING_KINDS[2])
"""The kinds a publication deadline can count for: published after completion (from 办结日期), a budget (批复日期)."""


@dataclass(frozen=True, kw_only=True)
class DeadlineRule(Record):
    """A publication deadline for some categories or kinds of matter, in place of the default."""

    categories: tuple[Category, ...] = spec("适用类别", "本时限适用的类别；不写则不限类别。", default=())
    kinds: tuple[PostingKind, ...] = spec(
        "适用种类",
        "本时限适用的公开信息种类，如 预算决算（从批复日期起算）；不写则只适用于办结后公开的信息。",
        default=(),
    )
    importance: tuple[Importance, ...] = spec("适用事项性质", "本时限适用的事项性质；不写则不限。", default=())
    tables: tuple[TableKey, ...] = spec(
        "适用公示记录",
        "本时限适用于载有这些记录的公开信息（如 penalties 行政处罚决定），从最早的决定、定标或成交日期起算；不写则不限。",
        default=(),
    )
    days: int = spec("公开时限", "办结后多少日内必须公开。", example="7")
    unit: Unit = spec(
        "计算单位",
        "自然日，或工作日（跳过周末和法定节假日，调休上班的周末照常计算）。",
        default="自然日",
    )
    basis: Text | None = spec(
        "时限依据",
        "规定这一时限的文件和条款，显示在逾期提示中。",
        default=None,
        example="《中华人民共和国政府信息公开条例》第二十六条",
    )

    def applies_to(self, post: Posting) -> bool:
        """Whether this deadline governs the posting: a rule names the kinds it binds, or binds postings completed."""
        return (
            (post.kind in self.kinds if self.kinds else post.completed is not None)
            and (not self.categories or post.category in self.categories)
            and (not self.importance or post.importance in self.importance)
            and (not self.tables or any(getattr(post, key) for key in self.tables))
        )


@dataclass(frozen=True, kw_only=True)
class NoticeRule(Record):
    """The shortest notice period (公示期) the law sets for some postings."""

    categories: tuple[Category, ...] = spec("适用类别", "本规则适用的类别；不写则不限类别。", default=())
    kinds: tuple[PostingKind, ...] = spec(
        "适用种类",
        "本规则适用的公开信息种类；征求意见的期限是征求意见期，其他种类是公示期。不写则不限。",
        default=(),
    )
    tables: tuple[TableKey, ...] = spec("适用公示记录", "本规则适用于载有这些记录的公开信息；不写则不限。", default=())
    days: int = spec("最短公示期", "公示期至少多少日。", example="5")
    unit: Unit = spec("计算单位", "自然日，或工作日。", default="自然日")
    basis: Text | None = spec("依据", "规定这一公示期的文件和条款。", default=None)

    def applies_to(self, post: Posting) -> bool:
        """Whether this rule governs the posting."""
        return (
            (not self.categories or post.category in self.categories)
            and (not self.kinds or post.kind in self.kinds)
            and (not self.tables or any(getattr(post, key) for key in self.tables))
        )


@dataclass(frozen=True, kw_only=True)
class FeedbackRule(Record):
    """How soon after a consultation closes its 意见采纳情况 must be published."""

    days: int = spec("反馈时限", "征求意见截止后多少日内公开意见采纳情况。", example="30")
    unit: Unit = spec("计算单位", "自然日，或工作日。", default="自然日")
    basis: Text | None = spec("依据", "规定这一时限的文件和条款，显示在逾期提示中。", default=None)


@dataclass(frozen=True, kw_only=True)
class BackdatingOverride(Record):
    """An approved exception: a posting whose declared date may precede its first commit."""

    file: Text = spec(
        "文件",
        "公开信息文件的路径，与检查结果中显示的相同。",
        example="content/czj/postings/2011-05-12-cai-gou.yml",
    )
    reason: Text = spec("理由", "为什么公开日期早于录入网站的日期，如先在公开栏公开、后录入网站。")
    approver: Text = spec("批准人", "批准这一例外的负责人职务。", example="区政务公开领导小组办公室主任")


@dataclass(frozen=True, kw_only=True)
class Timeliness(Record):
    """When postings must be published, and how their dates are checked."""

    days: int = spec("公开时限", "重要事项和临时事项办结后必须公开的期限（政策：办结后一周内）。", default=7)
    unit: Unit = spec("计算单位", "自然日，或工作日（按节假日日历计算）。", default="自然日")
    importance: tuple[Importance, ...] = spec(
        "受时限约束的事项性质",
        "默认公开时限适用的事项性质。",
        default=("重要事项", "临时事项"),
    )
    important_categories: tuple[Category, ...] = spec(
        "默认为重要事项的类别",
        "这些类别的信息默认是重要事项；不写时是政策二（二）4 列为公开重点的全部类别（十类热点问题、重大决策和"
        "群众切身利益事项）。定为一般事项的，必须写明理由和批准人（importance_reason、importance_approver），"
        "并列入检查结果和检查考核报告。",
        default=CATEGORIES,
    )
    deadlines: tuple[DeadlineRule, ...] = spec(
        "分类公开时限",
        "按类别或事项性质另定的时限，按书写顺序取第一条适用的；都不适用时用默认时限。",
        default=(),
    )
    notices: tuple[NoticeRule, ...] = spec(
        "最短公示期",
        "法律规定了公示期的信息（如任前公示不少于5个工作日），每条一项；适用的信息必须写明公示期且不短于此。",
        default=(),
    )
    feedback: FeedbackRule | None = spec(
        "征求意见反馈时限",
        "征求意见截止后公开意见采纳情况的时限；写了就检查，逾期未反馈的列入检查结果和检查考核报告。",
        default=None,
    )
    announce_ahead: tuple[Category, ...] = spec(
        "可提前公告的类别",
        "这些类别允许公开日期早于办结日期（如招标公告在开标前发布）。",
        default=(),
    )
    calendar: tuple[Text, ...] = spec(
        "节假日日历文件",
        "补充或更正节假日安排的 YAML 文件（相对于本文件），每个文件一年，格式同内置日历；同一年份以本地文件为准。",
        default=(),
        example="calendar/2027.yml",
    )
    backdating_tolerance_days: int = spec(
        "倒填日期容差（日）",
        "公开日期最多可以早于文件首次提交到主分支的日期几天。",
        default=1,
    )
    backdating_since: Text | None = spec(
        "历史导入截止",
        "日期（YYYY-MM-DD）或提交编号：在此之前提交的文件是导入的历史内容，不检查倒填日期。",
        default=None,
        example="2026-11-30",
    )
    backdating_overrides: tuple[BackdatingOverride, ...] = spec(
        "倒填日期例外",
        "经批准的例外，每项写明文件、理由和批准人；例外会列在检查结果中。",
        default=(),
    )

    def rule_for(self, post: Posting) -> DeadlineRule | None:
        """The deadline that governs a posting, or None when it has none."""
        for rule in self.deadlines:
            if rule.applies_to(post):
                return rule
        if post.completed is not None and post.importance in self.importance:
            return DeadlineRule(days=self.days, unit=self.unit, loc=self.loc, locs=self.locs)
        return None

    @property
    def since_date(self) -> dt.date | None:
        """`backdating_since` when it is a date."""
        if self.backdating_since and DATE_RE.match(self.backdating_since):
            try:
                return dt.date.fromisoformat(self.backdating_since)
            except ValueError:
                return None
        return None

    @property
    def since_ref(self) -> str | None:
        """`backdating_since` when it names a commit."""
        if self.backdating_since and not DATE_RE.match(self.backdating_since):
            return self.backdating_since
        return None


YesNo = Literal["是", "否"]


@dataclass(frozen=True, kw_only=True)
class CategoryDef(Record):
    """One category of the district's 标准目录: its name, whether it is important by default, its deadline and the
    公开时限 and 公开渠道 the 标准目录 sets."""

    label: ClassVar[str] = "公开类别"

    name: Text = spec("类别名称", "公开信息的类别，照本区标准目录写，如“环境影响评价”。", example="环境影响评价")
    important: YesNo = spec(
        "默认为重要事项",
        "是 = 本类信息默认是重要事项，定为一般事项须写明理由和批准人（同 timeliness.important_categories）。",
        default="否",
    )
    days: int | None = spec(
        "公开时限（日）", "本类信息办结后多少日内公开；不写则按 timeliness 的默认时限（办结后一周内）。", default=None
    )
    unit: Unit = spec("计算单位", "自然日，或工作日。", default="自然日")
    basis: Text | None = spec("时限依据", "规定这一时限的文件和条款。", default=None)
    time_limit: Text | None = spec(
        "标准目录的公开时限",
        "标准目录为本类写的公开时限，如“信息形成之日起20个工作日内”；本类信息没有写 time_limit 的，公开目录显示这一项。",
        default=None,
    )
    channels: tuple[Channel, ...] = spec(
        "标准目录的公开渠道",
        "标准目录为本类写的公开渠道和载体；本类信息没有写 channels 的，公开目录显示这些。",
        default=(),
    )


@dataclass(frozen=True, kw_only=True)
class Synonym(Record):
    """A word visitors type that the pages say differently."""

    word: Text = spec("访客用语", "访客可能输入的说法。", example="施工证")
    means: Text = spec("页面用语", "页面上使用的正式名称；搜索时按它查找。", example="施工许可证")


@dataclass(frozen=True, kw_only=True)
class Search(Record):
    """The site search."""

    synonyms: tuple[Synonym, ...] = spec(
        "同义词",
        "访客用语和页面用语的对照，如把“施工证”当作“施工许可证”搜索。",
        default=(),
    )


ICP_SYSTEM = "https://beian.miit.gov.cn/"
"""The MIIT's ICP filing system, where a visitor checks the ICP number the footer shows."""


@dataclass(frozen=True, kw_only=True)
class SiteIdentity(Record):
    """What a government website shows in its footer (政府网站发展指引): who runs it and its registrations."""

    site_code: Text = spec("网站标识码", "全国政府网站信息报送系统分配的网站标识码。", example="3401810001")
    icp: Text = spec("ICP 备案号", "工业和信息化部 ICP 备案编号。", example="皖ICP备05001234号")
    police_record: Text = spec("公安机关备案号", "公安机关互联网站安全备案号。", example="皖公网安备 34018102000123号")
    police_url: Text = spec(
        "公安机关备案链接",
        "全国互联网安全管理服务平台上本站备案信息的网址。",
        example="https://beian.mps.gov.cn/#/query/webSearch?code=34018102000123",
    )
    sponsor: Text = spec("主办单位", "网站的主办单位。", example="居巢区人民政府办公室")
    organiser: Text | None = spec("承办单位", "网站的承办单位（与主办单位不同时填写）。", default=None)
    contact_phone: Phone = spec("联系电话", "网站联系电话（联系我们）。", example="0551-82321010")
    contact_email: Text | None = spec("联系邮箱", "网站联系邮箱。", default=None, example="zwgk@juchao.gov.cn")
    error_report_url: Text = spec(
        "找错入口链接",
        "“我为政府网站找错”平台上本站的入口网址（含网站标识码）。",
        example="https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteId.action?siteCode=3401810001",
    )


@dataclass(frozen=True, kw_only=True)
class OrgCode(Record):
    """A department's organisation code, as its 索引号 carry it."""

    department: Ident = spec("部门编号", "部门目录名。", example="czj")
    code: Text = spec("机构代码", "索引号中代表本部门的代码，如组织机构代码。", example="003205120")


@dataclass(frozen=True, kw_only=True)
class CategoryCode(Record):
    """The code of one kind or category of item in its 索引号."""

    category: Text = spec("类别", "部门职责、办事指南，或公开信息的类别（政府采购、执法处罚……）。", example="政府采购")
    code: Text = spec("类别代码", "索引号中代表这一类别的代码。", example="ZC")


@dataclass(frozen=True, kw_only=True)
class IndexNumbering(Record):
    """How 索引号 are formed: a pattern of organisation code, category code, year and sequence."""

    pattern: Text = spec(
        "索引号格式",
        "由 {org}（机构代码）、{dept}（部门编号）、{category}（类别代码）、{year}（年份）和 {seq}（顺序号，必须有）"
        "与其他文字组成；同一格式（除顺序号外都相同）的索引号按顺序编号。",
        example="{org}/{category}-{year}-{seq}",
    )
    width: int = spec("顺序号位数", "顺序号不足位数时前面补 0。", default=5)
    organisations: tuple[OrgCode, ...] = spec("机构代码", "格式中用了 {org} 时，每个部门一项。", default=())
    categories: tuple[CategoryCode, ...] = spec("类别代码", "格式中用了 {category} 时，每个类别一项。", default=())


EngineName = Literal["mkdocs-material", "zensical"]
"""The engines that can build the site (generator/engines/)."""
DEFAULT_ENGINE: EngineName = "mkdocs-material"


@dataclass(frozen=True, kw_only=True)
class AudienceSite(Record):
    """A site built for one department, unit or group (一定范围公开), and where it is served."""

    id: Ident = spec("编号", "部门目录名，或 district.yml 中 units、groups 里的编号。", example="xiangzhen")
    site_url: Text = spec(
        "网站地址",
        "这个网站在政务内网上的网址，以 / 结尾；它的页面、网站地图、订阅和开放数据中的链接都用这个网址。",
        example="http://zwgk.juchao.internal/xiangzhen/",
    )


@dataclass(frozen=True, kw_only=True)
class SiteConfig(Record):
    """Site-wide settings: names, address and the disclosure policy."""

    site_name: Text = spec("网站名称", "网站标题。", example="居巢区政务公开")
    site_url: Text = spec(
        "网站地址",
        "发布后的网址，以 / 结尾。",
        example="https://www.juchao.gov.cn/zwgk/",
    )
    identity: SiteIdentity = spec("网站标识", "页脚必须显示的网站标识码、备案号、主办单位和联系方式。")
    content: Text = spec("内容目录", "YAML 内容所在目录，相对于本文件。", default="content")
    language: Text = spec("网站语言", "页面语言。", default="zh")
    engine: EngineName = spec(
        "构建引擎",
        "把页面生成网站的程序：mkdocs-material（默认）或 zensical（Material for MkDocs 的后继者）；"
        "命令行的 --engine 优先。两者生成的页面内容相同，见 docs/engines.md。",
        default=DEFAULT_ENGINE,
    )
    timeliness: Timeliness = spec("公开时效", "公开时限、节假日日历和发稿日期核查。", default=Timeliness())
    deadline_days: int | None = spec(
        "公开时限（旧写法）",
        "已改为 timeliness 下的 days；旧写法仍然有效，但请改写。",
        default=None,
    )
    categories: tuple[CategoryDef, ...] = spec(
        "公开类别",
        "本区标准目录的类别，每类一项（名称、是否默认为重要事项、公开时限和渠道）；不写则用政策列明的十二类。",
        default=(),
    )
    search: Search = spec("站内搜索", "站内搜索的同义词。", default=Search())
    audiences: tuple[AudienceSite, ...] = spec(
        "一定范围公开网站",
        "另建网站的部门、单位或范围，每项写明编号和网址；CI 为每一项运行 disclose build --for 编号，发布到政务内网。",
        default=(),
    )
    internal_site_url: Text | None = spec(
        "内部网站地址",
        "政务公开领导小组的内部网站（disclose build --audience internal）在政务内网上的网址，以 / 结尾；"
        "生成内部网站时必填。",
        default=None,
        example="http://zwgk.juchao.internal/ldxz/",
    )
    index_numbers: IndexNumbering | None = spec(
        "索引号编排",
        "索引号的格式和代码；不写则按 部门编号/年份-顺序号 编排。用 disclose number 把索引号写入各条目的 YAML。",
        default=None,
    )
    calendar: Calendar = internal(factory=shipped_calendar)

    @property
    def category_names(self) -> tuple[str, ...]:
        """The district's categories, in the order declared; the policy's twelve when it declares none."""
        return tuple(c.name for c in self.categories) if self.categories else CATEGORIES

    def category(self, name: str) -> CategoryDef | None:
        """The district's declaration of one category, if it made one."""
        return next((c for c in self.categories if c.name == name), None)

    privacy_allow: tuple[PrivacyAllow, ...] = spec(
        "个人信息公开例外",
        "确需公开的号码（如以手机号码作为公开的服务热线），逐个登记指纹、理由和审核人。",
        default=(),
    )


def load_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read site_config.yml; problems instead of exceptions."""
    problems: list[Problem] = []
    loc = Loc(path.name)
    if not path.exists():
        problems.append(
            problem(
                codes.NO_CONFIG,
                loc,
                f"找不到配置文件 {path}，请在项目根目录运行，或用 --config 指定。",
                f"Config file {path} not found; run from the project root or pass --config.",
            )
        )
        return None, problems
    try:
        node = load_file(path, path.name)
    except YamlError as exc:
        return None, [with_label(exc.problem, SiteConfig)]
    node = _audiences_without_address(node, problems)
    config = build_record(SiteConfig, node, loc, problems)
    if config is None:
        return None, problems
    problems.extend(_check_addresses(config))
    config = _migrate_deadline_days(config, problems)
    problems.extend(_check_timeliness(config.timeliness))
    problems.extend(_check_categories(config))
    config = _with_categories(config)
    problems.extend(_check_site_name(config))
    problems.extend(_check_identity_links(config.identity))
    return _with_calendar(config, path.parent, problems), problems


def _migrate_deadline_days(config: SiteConfig, problems: list[Problem]) -> SiteConfig:
    """The old top-level `deadline_days` still counts, as `timeliness.days`, with a warning."""
    if config.deadline_days is None:
        return config
    where = config.where("deadline_days")
    if "timeliness" in config.locs:
        problems.append(
            problem(
                codes.DEADLINE_DAYS_TWICE,
                where,
                "公开时限已移到 timeliness 下的 days，请删除旧的 deadline_days，只保留 timeliness 下的 days。",
                "The deadline now lives in `timeliness: days:`; remove the old `deadline_days`.",
                key="deadline_days",
                label=label_of(SiteConfig, "deadline_days"),
            )
        )
        return config
    problems.append(
        problem(
            codes.DEADLINE_DAYS_MOVED,
            where,
            f"deadline_days 是旧写法，仍按 {config.deadline_days} 日执行；请改写为 timeliness: 下一行 days: {config.deadline_days}。",
            f"`deadline_days` is the old form and still applies; rewrite it as `timeliness: days: {config.deadline_days}`.",
            key="deadline_days",
            label=label_of(SiteConfig, "deadline_days"),
        )
    )
    return dataclasses.replace(config, timeliness=dataclasses.replace(config.timeliness, days=config.deadline_days))


def _audiences_without_address(node: Node | None, problems: list[Problem]) -> Node | None:
    """`audiences` written as plain ids (before each site had its address): one problem per id, which is left out."""
    if not isinstance(node, Map) or "audiences" not in node.entries:
        return node
    key, value = node.entries["audiences"]
    if not isinstance(value, Seq):
        return node
    for item in value.items:
        if isinstance(item, Scalar) and not item.is_null:
            problems.append(
                problem(
                    codes.SITE_ADDRESS_MISSING,
                    item.loc,
                    f"{SITE_CONFIG.audiences}“{item.value}”没有写网址。audiences 的每一项写成两行：- id: {item.value}，"
                    "下一行 site_url: 它在政务内网上的网址（以 / 结尾）。",
                    f"The site for {item.value} has no address: write `- id: {item.value}` and `site_url:` under it.",
                    key="audiences",
                    label=label_of(SiteConfig, "audiences"),
                )
            )
    kept = tuple(item for item in value.items if not isinstance(item, Scalar))
    return Map({**node.entries, "audiences": (key, Seq(kept, value.loc))}, node.loc)


ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$()*+,;=:@-]+)*/", re.ASCII)
"""A site's address: http(s), a host, and a path that ends in / (every page's address is this plus its path). Marks
that would end an HTML attribute or start markup (quotes, <, >, &) are not taken: the theme prints the address as is."""


def _check_addresses(config: SiteConfig) -> list[Problem]:
    """Every site's address is an http(s) address ending in /, and no two sites share one."""
    found = []
    where: list[tuple[str, str, Record, str]] = [
        ("site_url", config.site_url, config, label_of(SiteConfig, "site_url"))
    ]
    if config.internal_site_url is not None:
        where.append(("internal_site_url", config.internal_site_url, config, label_of(SiteConfig, "internal_site_url")))
    where += [(f"audiences.{s.id}", s.site_url, s, label_of(AudienceSite, "site_url")) for s in config.audiences]
    seen: dict[str, str] = {}
    for key, url, record, label in where:
        field = "site_url" if record is not config else key
        if not ADDRESS.fullmatch(url):
            zh = f"{label} {url} 不是完整的网址：应以 http:// 或 https:// 开头、以 / 结尾，如 https://www.juchao.gov.cn/zwgk/。"
            en = f"{url} is no full address: it starts with http:// or https:// and ends with /."
        elif url in seen:
            zh = f"{label} {url} 与 {seen[url]} 的网址相同：每个网站有自己的网址，链接、网站地图和订阅才不会指向别的网站。"
            en = f"{url} is also the address of {seen[url]}; every site needs its own."
        else:
            seen[url] = key
            continue
        found.append(problem(codes.SITE_URL, record.where(field), zh, en, key=key, label=label))
    ids = [s.id for s in config.audiences]
    for site in config.audiences:
        if ids.count(site.id) > 1 and ids.index(site.id) != config.audiences.index(site):
            found.append(
                problem(
                    codes.SITE_URL,
                    site.where("id"),
                    f"audiences 中“{site.id}”写了不止一次，请只保留一项。",
                    f"{site.id} is listed more than once under audiences.",
                    key="audiences",
                    label=label_of(SiteConfig, "audiences"),
                )
            )
    return found


IDENTITY_LINKS = ("police_url", "error_report_url")
"""The identity fields every page's footer links to."""


def _check_identity_links(identity: SiteIdentity) -> list[Problem]:
    """A footer link must be a web address: anything else (javascript:, a relative path) would run or break on every page."""
    found = []
    for key in IDENTITY_LINKS:
        value = getattr(identity, key)
        if re.match(r"https?://[^\s/]", value, re.ASCII):
            continue
        label = label_of(SiteIdentity, key)
        found.append(
            problem(
                codes.IDENTITY_LINK,
                identity.where(key),
                f"{label}必须是以 https:// 或 http:// 开头的完整网址，请从备案或找错平台复制本站的网址。",
                f"The {key} must be a full address starting with https:// or http://; copy it from the platform.",
                key=f"identity.{key}",
                label=label,
            )
        )
    return found


THEME_UNSAFE = "<>&\"'"
"""Characters the site name may not hold: the theme prints it both escaped and unescaped, so it cannot be escaped for both."""


def _check_site_name(config: SiteConfig) -> list[Problem]:
    bad = sorted({c for c in config.site_name if c in THEME_UNSAFE})
    if not bad:
        return []
    shown = " ".join(bad)
    return [
        problem(
            codes.SITE_NAME_MARKUP,
            config.where("site_name"),
            f"{SITE_CONFIG.site_name}不能含有 {shown} 这些符号（网页标题和导航会把它们当作网页代码），请删除或改用中文标点。",
            f"The site name may not contain {shown} (the theme would read them as markup); remove them.",
            key="site_name",
            label=label_of(SiteConfig, "site_name"),
        )
    ]


def _check_timeliness(t: Timeliness) -> list[Problem]:
    found = []
    for rule in t.deadlines:
        if not rule.categories and not rule.kinds and not rule.importance and not rule.tables:
            found.append(
                problem(
                    codes.DEADLINE_APPLIES_TO_ALL,
                    rule.loc,
                    f"{TIMELINESS.deadlines}必须写明{DEADLINE_RULE.categories}（categories）、{DEADLINE_RULE.kinds}（kinds）、{POSTING.importance}（importance）或公示记录（tables）；"
                    "适用于全部的时限请写在 timeliness 的 days 和 unit 中。",
                    "A deadline entry needs `categories`, `kinds`, `importance` or `tables`; a deadline for everything goes in "
                    "`days` and `unit`.",
                    key="timeliness.deadlines",
                    label=label_of(Timeliness, "deadlines"),
                )
            )
    for rule in t.deadlines:
        dateless = [k for k in rule.kinds if k not in DATED_KINDS]
        if dateless:
            found.append(
                problem(
                    codes.CHOICE,
                    rule.where("kinds"),
                    f"{'、'.join(dateless)}没有起算公开时限的日期，不能写在{TIMELINESS.deadlines}中；{DEADLINE_RULE.kinds}只能写"
                    f"{'、'.join(DATED_KINDS)}。征求意见的最短期限写在 timeliness.notices，{FEEDBACK_RULE.days}写在 timeliness.feedback。",
                    f"{', '.join(dateless)} have no day a deadline counts from; a deadline's kinds may be "
                    f"{', '.join(DATED_KINDS)}. A consultation's length goes in `notices`, its feedback in `feedback`.",
                    key="timeliness.deadlines.kinds",
                    label=label_of(DeadlineRule, "kinds"),
                )
            )
    if t.backdating_since and DATE_RE.match(t.backdating_since) and t.since_date is None:
        found.append(
            problem(
                codes.DATE,
                t.where("backdating_since"),
                f"日期 {t.backdating_since} 不存在，请核对年月日。",
                f"The date {t.backdating_since} does not exist; check it.",
                key="timeliness.backdating_since",
                label=label_of(Timeliness, "backdating_since"),
            )
        )
    return found


def _check_categories(config: SiteConfig) -> list[Problem]:
    """Every category a setting names is one of the district's (or of the built-in twelve); none is declared twice."""
    found = []
    known = config.category_names
    seen: set[str] = set()
    for cat in config.categories:
        if cat.name in seen:
            found.append(
                problem(
                    codes.DUPLICATE_ID,
                    cat.where("name"),
                    f"类别“{cat.name}”写了两次，请合并为一项。",
                    f"The category {cat.name} is declared twice; merge them.",
                    key="categories.name",
                    label=label_of(CategoryDef, "name"),
                )
            )
        seen.add(cat.name)
    t = config.timeliness
    named: list[tuple[Record, str, tuple[str, ...]]] = [
        (t, "important_categories", t.important_categories),
        (t, "announce_ahead", t.announce_ahead),
    ]
    named += [(rule, "categories", rule.categories) for rule in t.deadlines]
    named += [(notice, "categories", notice.categories) for notice in t.notices]
    for owner, key, names in named:
        if key not in owner.locs:
            continue  # the default (the policy's focus) names categories a district may not keep: only written ones count
        for name in names:
            if name not in known:
                found.append(
                    problem(
                        codes.CHOICE,
                        owner.where(key),
                        f"“{name}”不是本区的{SITE_CONFIG.categories}；只能填写：{'、'.join(known)}（在 site_config.yml 的 categories 中增加类别）。",
                        f"{name} is not one of the district's categories: {', '.join(known)}.",
                        key=f"timeliness.{key}",
                        label=label_of(type(owner), key),
                    )
                )
    return found


def _with_categories(config: SiteConfig) -> SiteConfig:
    """The district's categories folded into the timeliness settings: important ones by default, and own deadlines
    after the explicit ones (the first rule that applies governs)."""
    if not config.categories:
        return config
    t = config.timeliness
    important = tuple(c.name for c in config.categories if c.important == "是" and c.name not in t.important_categories)
    own = tuple(
        DeadlineRule(categories=(c.name,), days=c.days, unit=c.unit, basis=c.basis, loc=c.loc, locs=c.locs)
        for c in config.categories
        if c.days is not None
    )
    timeliness = dataclasses.replace(
        t, important_categories=(*t.important_categories, *important), deadlines=(*t.deadlines, *own)
    )
    return dataclasses.replace(config, timeliness=timeliness)


def _with_calendar(config: SiteConfig, base: Path, problems: list[Problem]) -> SiteConfig:
    """Add the district's calendar files to the shipped years; a district file replaces a shipped year."""
    if not config.timeliness.calendar:
        return config
    years = list(shipped_years())
    where = config.timeliness.where("calendar")
    for name in config.timeliness.calendar:
        file = base / name
        if not file.is_file():
            problems.append(
                problem(
                    codes.NO_FILE,
                    where,
                    f"找不到{TIMELINESS.calendar} {name}（相对于 site_config.yml），请检查路径。",
                    f"Calendar file {name} not found (relative to site_config.yml); check the path.",
                    key="timeliness.calendar",
                    label=label_of(Timeliness, "calendar"),
                )
            )
            continue
        year = read_year(file, name, problems)
        if year is not None:
            years.append(year)
    return dataclasses.replace(config, calendar=Calendar.of(years))


# Labels of the records this module declares, for its messages (read when a message is made).
DEADLINE_RULE = Labels(DeadlineRule)
SITE_CONFIG = Labels(SiteConfig)
TIMELINESS = Labels(Timeliness)
FEEDBACK_RULE = Labels(FeedbackRule)
