"""Every problem code, stated once: its severity, its category and what it means in both languages.

Stages refer to a code by its constant (`codes.LATE`), never by typing its text; the compliance
report counts by category, and the Report turns categories into the exit code. Each code has a
must-fail case in `tests/cases/`, or says in `no_case` why it cannot have one and which test
covers it instead.
"""

from __future__ import annotations

from typing import Literal

Severity = Literal["error", "warning", "notice"]
"""error: fails the build; warning: look at it; notice: an approved exception (逾期、降为一般事项、倒填日期例外), which
fails nothing and is listed for review and counted in the compliance report."""
Category = Literal[
    "environment",  # the command cannot run here: exit 2
    "yaml",  # the file cannot be read as YAML
    "layout",  # files and folders under the content folder
    "field",  # a field's value does not match its declaration
    "completeness",  # a required field or list item is missing (counted by the compliance report)
    "reference",  # an id that names nothing, or the same id twice
    "procedure",  # how a matter is run: lead section, time limits, legal basis, its flowchart
    "fee",  # the district fee catalogue
    "timeliness",  # publication deadlines and dates
    "config",  # site_config.yml and the holiday calendar
    "attachment",  # files attached to postings
    "audience",  # who may see an item
    "leak",  # personal data or secrets (counted by the compliance report)
    "site",  # the built or published site
    "register",  # the registers: inspections, normative documents, requests, complaints, assessments
    "sheet",  # a spreadsheet given to `disclose import`
]


class Code(str):
    """A stable problem code (the text is what output formats print) with its registered meaning."""

    severity: Severity
    category: Category
    zh: str
    en: str
    no_case: str

    def __new__(cls, text: str, severity: Severity, category: Category, zh: str, en: str, no_case: str = "") -> Code:
        code = super().__new__(cls, text)
        code.severity, code.category, code.zh, code.en, code.no_case = severity, category, zh, en, no_case
        return code

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickled (to and from the site scan's worker processes) as its text, unpickled as the registered code."""
        return (lookup, (str(self),))


REGISTRY: dict[str, Code] = {}


def lookup(text: str) -> Code:
    """The registered code of this text."""
    return REGISTRY[text]


def _code(text: str, category: Category, zh: str, en: str, *, severity: Severity = "error", no_case: str = "") -> Code:
    assert text not in REGISTRY, f"problem code {text} registered twice"
    code = REGISTRY[text] = Code(text, severity, category, zh, en, no_case)
    return code


def _config(test: str) -> str:
    return f"site_config.yml, not a content file; covered by {test}"


# The command cannot run.
NO_CONFIG = _code(
    "no-config", "environment", "找不到配置文件", "no site_config.yml", no_case=_config("tests/test_messages.py")
)
NO_CONTENT = _code(
    "no-content",
    "environment",
    "找不到内容目录",
    "no content folder",
    no_case="the content folder itself is missing; covered by tests/test_codes.py",
)
ENGINE_MISSING = _code(
    "engine-missing",
    "environment",
    "缺少 Graphviz、流程图字体或搜索索引程序",
    "Graphviz, the chart font or the search indexer is missing or failed",
    no_case="the machine lacks a program, not the content; covered by tests/test_cli.py",
)
PUBLISH_REFUSED = _code(
    "publish-refused",
    "environment",
    "发布目录无法原子切换或回退",
    "the publish folder cannot be switched or rolled back",
    no_case="a publish folder, not content; covered by tests/test_cli.py",
)
OUTPUT_UNWRITABLE = _code(
    "output-unwritable",
    "environment",
    "输出目录无法写入",
    "the output folder cannot be written",
    no_case="a folder on this machine, not content; covered by tests/test_portal.py",
)

# YAML.
YAML_SYNTAX = _code("yaml-syntax", "yaml", "YAML 格式错误", "YAML syntax error")
YAML_TAB = _code("yaml-tab", "yaml", "用制表符缩进", "indented with a tab")
YAML_KEYBOARD = _code(
    "yaml-keyboard",
    "yaml",
    "YAML 语法处用了中文输入法的符号（中文冒号、全角空格、不换行空格、中文引号）",
    "a Chinese input-method mark where YAML syntax goes (full-width colon or space, no-break space, curly quote)",
)
YAML_UNCLOSED_QUOTE = _code("yaml-unclosed-quote", "yaml", "引号没有结束", "a quote that is never closed")
CONTROL_CHARACTER = _code(
    "control-character",
    "yaml",
    "看不见的控制字符（如单独的回车符）",
    "an invisible control character (a lone carriage return…)",
)
HIDDEN_CHARACTER = _code(
    "hidden-character", "yaml", "零宽字符或文字方向控制符", "a zero-width character or a direction override"
)
YAML_TAG = _code("yaml-tag", "yaml", "使用了 YAML 标签", "a YAML tag")
YAML_ANCHOR = _code("yaml-anchor", "yaml", "使用了锚点或别名", "an anchor or alias")
YAML_DEPTH = _code("yaml-depth", "yaml", "嵌套过深", "nested too deep")
YAML_COMPLEX_KEY = _code("yaml-complex-key", "yaml", "字段名不是简单文字", "a key that is not plain text")
YAML_DUPLICATE_KEY = _code("yaml-duplicate-key", "yaml", "字段名重复", "a key written twice")
YAML_MULTI_DOC = _code("yaml-multi-doc", "yaml", "一个文件中有多个文档", "several documents in one file")
YAML_ENCODING = _code(
    "yaml-encoding",
    "yaml",
    "文件不是 UTF-8 编码",
    "not UTF-8",
    no_case="cases are UTF-8 text; covered by tests/test_yamlload.py",
)
YAML_BINARY = _code("yaml-binary", "yaml", "文件含有二进制内容", "a binary file")

# Files and folders.
EMPTY_FILE = _code("empty-file", "layout", "文件是空的", "an empty file")
NO_FILE = _code(
    "no-file",
    "layout",
    "缺少必需的文件",
    "a required file is missing",
    no_case="a case adds a file, it cannot remove one; covered by tests/test_workdays.py and tests/test_codes.py",
)
NO_DEPARTMENT = _code(
    "no-department",
    "layout",
    "部门目录缺少 department.yml",
    "a department folder without department.yml",
    no_case="a case adds one file, this needs a folder without one; covered by tests/test_codes.py",
)
FILE_NAME = _code("file-name", "layout", "文件名或目录名不符合要求", "a file or folder name that is not allowed")
STRAY_FILE = _code("stray-file", "layout", "文件不在规定的位置", "a file where none is expected")
CONTENT_LINK = _code(
    "content-link",
    "layout",
    "内容目录中有符号链接",
    "a symbolic link in the content folder",
    no_case="a case is a file, not a link; covered by tests/test_paths.py",
)
RESERVED_NAME = _code(
    "reserved-name",
    "layout",
    "部门目录名与网站的固定页面重名",
    "a department folder named like one of the site's own pages",
    no_case="a case adds one file, this needs a folder with department.yml; covered by tests/test_paths.py",
)
PAGE_CLASH = _code(
    "page-clash",
    "reference",
    "两项内容会发布到同一个地址（网页或附件）",
    "two items, documents or attachments that would be published at the same address",
    no_case="needs two departments or two attachment files; covered by tests/test_paths.py",
)

# Fields.
TYPE = _code("type", "field", "值的类型或格式不对", "a value of the wrong type or form")
TYPE_LIST = _code("type-list", "field", "应当是列表", "a list is expected")
TYPE_MAPPING = _code("type-mapping", "field", "应当是“字段：值”形式", "a mapping is expected")
CHOICE = _code("choice", "field", "不是可选的值之一", "not one of the allowed values")
DATE = _code("date", "field", "日期格式不对或日期不存在", "a date in the wrong form or that does not exist")
IDENT = _code("ident", "field", "编号只能用小写字母、数字和连字符", "an id with characters other than a-z, 0-9 and -")
UNKNOWN_FIELD = _code("unknown-field", "field", "未知的字段", "a field that is not declared")
CURLY_QUOTED = _code(
    "curly-quoted",
    "field",
    "整个值套在中文引号里",
    "a whole value inside curly quotes",
    severity="warning",
)
HALF_WIDTH = _code(
    "half-width-punctuation",
    "field",
    "中文句子里用了半角标点",
    "half-width punctuation inside a Chinese sentence",
    severity="warning",
)
REQUIRED = _code("required", "completeness", "缺少必填项", "a required field is missing")
EMPTY_ITEM = _code("empty-item", "completeness", "列表中有空项", "an empty list item")

# References between records.
DUPLICATE_ID = _code("duplicate-id", "reference", "编号重复", "an id used twice")
UNKNOWN_SECTION = _code("unknown-section", "reference", "股室不存在", "no such section")
UNKNOWN_STAFF = _code("unknown-staff", "reference", "工作人员不存在", "no such staff member")
UNKNOWN_STEP = _code("unknown-step", "reference", "环节不存在", "no such step")
UNKNOWN_UNIT = _code("unknown-unit", "reference", "参与单位不存在", "no such unit")
UNKNOWN_DEPARTMENT = _code("unknown-department", "reference", "部门不存在", "no such department")
UNIT_NOT_LISTED = _code("unit-not-listed", "reference", "环节的单位未列为参与单位", "a step's unit is not listed")

# Procedures.
LEAD_REQUIRED = _code("lead-required", "procedure", "跨股室事项未指定主办股室", "no lead section")
LEAD_NOT_PARTICIPATING = _code(
    "lead-not-participating", "procedure", "主办股室不参与办理", "the lead section takes no part"
)
STATUTORY_REQUIRED = _code("statutory-required", "procedure", "审批事项缺少法定时限", "no statutory time limit")
PROMISE_EXCEEDS_STATUTORY = _code(
    "promise-exceeds-statutory", "procedure", "承诺时限超过法定时限", "promised limit exceeds the statutory one"
)
APPROVAL_WITHOUT_LAW = _code(
    "approval-without-law", "procedure", "审批事项没有法律法规规章依据", "an approval without a law as basis"
)
BADGE_REQUIRED = _code("badge-required", "procedure", "窗口工作人员缺少工号", "window staff without a badge number")
UNREACHABLE_STEP = _code("unreachable-step", "procedure", "环节无法到达", "a step that cannot be reached")
LOOP_WITHOUT_EXIT = _code("loop-without-exit", "procedure", "流程循环无法结束", "a loop without an exit")

# Fees.
FEE_NOT_IN_CATALOGUE = _code(
    "fee-not-in-catalogue", "fee", "收费项目不在收费目录中", "a fee not in the district catalogue"
)

# Timeliness.
LATE = _code("late", "timeliness", "逾期公开", "published late")
LATE_EXPLAINED = _code(
    "late-explained",
    "timeliness",
    "逾期公开，已说明原因并经批准",
    "published late, explained and approved",
    severity="notice",
)
OVERDUE = _code("overdue", "timeliness", "已办结但逾期未公开", "completed and overdue")
COMPLETED_IN_FUTURE = _code("completed-in-future", "timeliness", "办结日期晚于今天", "completed after the build date")
PUBLISHED_IN_FUTURE = _code("published-in-future", "timeliness", "公开日期晚于今天", "published after the build date")
PUBLISHED_BEFORE_COMPLETED = _code(
    "published-before-completed", "timeliness", "公开日期早于办结日期", "published before completion"
)
DATE_IN_FUTURE = _code(
    "date-in-future",
    "timeliness",
    "决定、定标、成交或公示开始的日期晚于今天",
    "a decision, award, deal or notice start dated after the build date",
)
CALENDAR_YEAR_MISSING = _code(
    "calendar-year-missing",
    "timeliness",
    "节假日日历缺少需要的年份",
    "the holiday calendar lacks a year",
    no_case="depends on the calendar files configured; covered by tests/test_timeliness.py",
)
_GIT = "needs git history of a content file; covered by tests/test_timeliness.py"
IMPORTANCE_UNEXPLAINED = _code(
    "importance-unexplained",
    "timeliness",
    "默认重要事项定为一般事项而无理由和批准人",
    "an important category made ordinary without approval",
)
IMPORTANCE_LOWERED = _code(
    "importance-lowered",
    "timeliness",
    "默认重要事项定为一般事项（已批准）",
    "an important category made ordinary, approved",
    severity="notice",
)
BACKDATED = _code("backdated", "timeliness", "公开日期倒填", "a backdated posting date", no_case=_GIT)
CATEGORY_CHANGED = _code(
    "category-changed",
    "timeliness",
    "公开后改了类别而无理由和批准人",
    "the category changed after publication without a reason and approver",
    no_case="needs the item's history in git or the ledger; covered by tests/test_ledger.py and tests/test_timeliness.py",
)
CATEGORY_CHANGE_APPROVED = _code(
    "category-change-approved",
    "timeliness",
    "公开后改了类别（已批准）",
    "the category changed after publication, approved",
    severity="notice",
    no_case="needs the item's history in git or the ledger; covered by tests/test_ledger.py",
)
BACKDATING_OVERRIDE = _code(
    "backdating-override",
    "timeliness",
    "经批准的倒填日期例外",
    "an approved backdating exception",
    severity="notice",
    no_case=_GIT,
)
BACKDATING_SKIPPED = _code(
    "backdating-skipped",
    "timeliness",
    "未检查倒填日期",
    "the backdating check did not run",
    severity="warning",
    no_case="every case runs outside git and gets it; tests/conftest.py leaves it out, tests/test_timeliness.py tests it",
)
BACKDATING_SINCE_UNKNOWN = _code(
    "backdating-since-unknown",
    "config",
    "历史导入截止的提交不存在",
    "the backdating_since commit does not exist",
    no_case=_config("tests/test_timeliness.py"),
)
OVERRIDE_UNKNOWN_FILE = _code(
    "override-unknown-file",
    "config",
    "倒填日期例外中的文件不是公开信息",
    "a backdating exception names no posting",
    no_case=_config("tests/test_timeliness.py"),
)

# Configuration and calendar.
IDENTITY_LINK = _code(
    "identity-link",
    "config",
    "网站标识中的链接不是 http(s) 网址",
    "a footer link in the site identity that is not an http(s) address",
)
SITE_URL = _code(
    "site-url",
    "config",
    "网站地址不是以 / 结尾的 http(s) 网址，或与另一个网站的相同",
    "a site address that is no http(s) address ending in /, or that another site has too",
)
SITE_ADDRESS_MISSING = _code(
    "site-address-missing",
    "config",
    "一定范围公开网站或内部网站没有写网址",
    "a unit's or the internal site has no address of its own in site_config.yml",
)
SITE_NAME_MARKUP = _code(
    "site-name-markup",
    "config",
    "网站名称含有网页代码符号",
    "a site name holding markup characters",
    no_case=_config("tests/test_hostile_site.py"),
)
DEADLINE_DAYS_MOVED = _code(
    "deadline-days-moved",
    "config",
    "deadline_days 是旧写法",
    "deadline_days is the old form",
    severity="warning",
    no_case=_config("tests/test_timeliness.py"),
)
DEADLINE_DAYS_TWICE = _code(
    "deadline-days-twice",
    "config",
    "公开时限写了两处",
    "the deadline written twice",
    no_case=_config("tests/test_timeliness.py"),
)
DEADLINE_APPLIES_TO_ALL = _code(
    "deadline-applies-to-all",
    "config",
    "分类公开时限未写明适用范围",
    "a deadline entry that applies to everything",
    no_case=_config("tests/test_timeliness.py"),
)
ALLOW_NOT_A_HASH = _code(
    "allow-not-a-hash",
    "config",
    "个人信息公开例外不是指纹",
    "a privacy exception that is not a SHA-256",
    no_case=_config("tests/test_privacy.py"),
)
CALENDAR_HOLIDAY = _code(
    "calendar-holiday",
    "config",
    "节假日日历中的假日有误",
    "a holiday in the calendar file is wrong",
    no_case="a calendar file, not a content file; covered by tests/test_workdays.py",
)
CALENDAR_WORKDAY = _code(
    "calendar-workday",
    "config",
    "节假日日历中的调休工作日有误",
    "a working weekend day in the calendar file is wrong",
    no_case="a calendar file, not a content file; covered by tests/test_workdays.py",
)

# Attachments.
ATTACHMENT_PATH = _code("attachment-path", "attachment", "附件路径不合要求", "an attachment path that is not allowed")
ATTACHMENT_TYPE = _code(
    "attachment-type", "attachment", "附件类型不能发布（网页、脚本等）", "an attachment type that would run on the site"
)
ATTACHMENT_MISSING = _code("attachment-missing", "attachment", "附件文件不存在", "the attached file is missing")
ATTACHMENT_UNCHECKED = _code(
    "attachment-unchecked",
    "attachment",
    "附件无法读取，需人工检查",
    "an attachment that could not be read",
    severity="warning",
    no_case="needs a binary attachment beside the case; covered by tests/test_privacy.py",
)

# Audience.
EXEMPTION_REQUIRED = _code(
    "exemption-required", "audience", "不予社会公开但未写理由", "not public and no exemption given"
)
SHARED_WITH_HIDDEN = _code(
    "shared-with-hidden",
    "audience",
    "公开内容引用了不公开的文件或收费项目",
    "a public item reaches a file or fee of a non-public one",
    no_case="needs a second item or a hidden department beside the case; covered by tests/test_shared.py",
)
PUBLIC_NEEDS_HIDDEN = _code(
    "public-needs-hidden", "audience", "公开内容依赖不公开的内容", "a public item relies on a hidden one"
)
RECIPIENTS_REQUIRED = _code(
    "recipients-required", "audience", "一定范围公开但未写公开范围", "restricted and no recipients named"
)
RECIPIENT_UNKNOWN = _code(
    "recipient-unknown", "audience", "公开范围不是已知的部门、单位或范围", "a recipient that names nothing"
)
RECIPIENTS_IGNORED = _code(
    "recipients-ignored",
    "audience",
    "不是一定范围公开却写了公开范围",
    "recipients on an item that is not restricted",
    severity="warning",
)
UNIT_ID_TAKEN = _code("unit-id-taken", "audience", "单位或范围编号与其他编号重复", "a unit or group id used twice")
GROUP_MEMBER_UNKNOWN = _code(
    "group-member-unknown", "audience", "范围成员不是已知的部门、单位或范围", "a group member that names nothing"
)
GROUP_CYCLE = _code("group-cycle", "audience", "范围包含它自己", "a group that contains itself")
SITE_AUDIENCE_UNKNOWN = _code(
    "site-audience-unknown",
    "config",
    "配置的一定范围公开网站不存在",
    "site_config.yml lists an audience that names nothing",
    no_case="site_config.yml, not a content file; covered by tests/test_audiences.py",
)
PORTAL_SITE = _code(
    "portal-site",
    "config",
    "门户配置写得不对",
    "a city portal's file is not usable",
    no_case="portal.yml is not content; covered by tests/test_portal.py",
)
AUDIENCE_UNKNOWN = _code(
    "audience-unknown",
    "environment",
    "--for 指定的单位不存在",
    "--for names no department, unit or group",
    no_case="a command-line option, not content; covered by tests/test_audiences.py",
)

# Personal data and secrets.
PERSONAL_DATA = _code("personal-data", "leak", "内容含个人信息", "personal data in the content")
SECRET = _code("secret", "leak", "内容标有密级", "content marked secret")
NATURAL_PERSON_CODE = _code(
    "natural-person-code",
    "leak",
    "自然人的记录填了单位才有的代码或法定代表人",
    "a natural person's record with an organisation's code or legal representative",
)
NATURAL_PERSON_DETAIL = _code(
    "natural-person-detail",
    "leak",
    "自然人的记录写有住址、电话、证件号或银行账号",
    "a natural person's address, phone, ID or bank account written in a record",
)
_BUILT = "found in the built site, not in a content file; covered by tests/test_leaks.py and tests/test_privacy.py"
PERSONAL_DATA_OUTPUT = _code(
    "personal-data-output", "leak", "生成的网站含个人信息", "personal data in the built site", no_case=_BUILT
)
LEAK = _code("leak", "leak", "不公开的内容出现在公开网站", "hidden content in the public site", no_case=_BUILT)
SECRET_OUTPUT = _code(
    "secret-output",
    "leak",
    "生成的网站含密级标志",
    "a secret marking in the built site",
    no_case="found in the built site, not in a content file; covered by tests/test_privacy.py and tests/test_compliance.py",
)

# The built or published site.
BROKEN_LINK = _code(
    "broken-link",
    "site",
    "网站中的链接无法打开",
    "a link that leads nowhere",
    severity="warning",
    no_case="found in a built site; covered by tests/test_compliance.py",
)
SITE_BUILD_FAILED = _code(
    "site-build-failed",
    "site",
    "网站引擎拒绝了生成的页面",
    "the engine refused the generated pages",
    no_case="mkdocs refuses only pages the checks let through, which is a bug to fix; covered by tests/test_cli.py",
)
LEDGER_BROKEN = _code(
    "ledger-broken",
    "environment",
    "发布记录被改动",
    "the publication ledger was edited",
    no_case="found in a publish target's ledger, not in content; covered by tests/test_ledger.py",
)
RELEASE_INCOMPLETE = _code(
    "release-incomplete",
    "site",
    "新版本不完整，未上线",
    "an incomplete release was not switched live",
    no_case="found in a release folder; covered by tests/test_codes.py",
)

# Real published items without invented facts: service-guide elements, catalogue metadata, typed postings and
# notice periods (kept together to ease merges).
YAML_COLON_IN_VALUE = _code(
    "yaml-colon-in-value", "yaml", "值里有英文冒号加空格，需要加引号", "a colon and space inside a value: quote it"
)
TEMPLATE_EXAMPLE = _code("template-example", "field", "模板示例内容没有改", "a template example left unchanged")
CREDIT_CODE = _code("credit-code", "field", "统一社会信用代码不对", "not a valid unified social credit code")
YEAR_MONTH = _code("year-month", "field", "年月格式不对", "not a YYYY-MM month")
FEE_CHARGED_CONTRADICTION = _code(
    "fee-charged-contradiction", "fee", "写明不收费却列出收费项目", "says free but lists fee items"
)
FEE_STANDARD_UNPUBLISHED = _code(
    "fee-standard-unpublished",
    "fee",
    "收费但收费标准和依据未公布",
    "charged, but the standard and basis are not published",
    severity="warning",
)
STEP_LIMIT_TWICE = _code(
    "step-limit-twice", "procedure", "环节时限同时写了工作日和小时", "a step limit in days and hours"
)
CHANNEL_OTHER_UNNAMED = _code("channel-other-unnamed", "field", "公开渠道“其他”没有写明", "an unnamed other channel")
CHANNEL_OTHER_UNUSED = _code(
    "channel-other-unused", "field", "写了其他公开渠道却没有选“其他”", "an other channel named but not chosen"
)
TABLE_WRONG_CATEGORY = _code(
    "table-wrong-category", "field", "公示记录与类别不符", "typed records in a posting of another category"
)
OBJECTION_MISSING = _code(
    "objection-missing", "completeness", "公示没有写明异议和举报方式", "a notice without a way to object"
)
NOTICE_PERIOD_TWICE = _code(
    "notice-period-twice", "timeliness", "公示期止和公示期天数都写了", "a notice period's end and length both given"
)
NOTICE_PERIOD_OPEN = _code("notice-period-open", "timeliness", "公示期没有截止", "a notice period without an end")
NOTICE_PERIOD_REVERSED = _code(
    "notice-period-reversed", "timeliness", "公示期止早于开始", "a notice period ending before it starts"
)
NOTICE_PERIOD_MISSING = _code(
    "notice-period-missing", "timeliness", "法定公示没有写明公示期", "a notice the law times without a period"
)
NOTICE_PERIOD_SHORT = _code(
    "notice-period-short", "timeliness", "公示期短于规定", "a notice period shorter than the law's"
)

# Withdrawal: a published item is withdrawn, never deleted (generator/rules/withdrawal.py).
WITHDRAWAL_DATE = _code(
    "withdrawal-date",
    "timeliness",
    "撤回日期早于公开日期或晚于今天",
    "withdrawn before it was published, or in the future",
)
PENALTY_WITHDRAWN_LATE = _code(
    "penalty-withdrawn-late",
    "timeliness",
    "行政处罚决定变更或撤销后超过3个工作日才撤回",
    "a penalty withdrawn more than 3 working days after the decision was changed or revoked",
)
WITHDRAWAL_SUCCESSOR = _code("withdrawal-successor", "reference", "替代信息不存在", "a successor that names no item")
ITEM_REPLACED = _code(
    "item-replaced",
    "layout",
    "已公开信息的文件被写成另一条信息",
    "a published item's file rewritten as another item",
    no_case="needs the item's history in the ledger or git; covered by tests/test_ledger.py and tests/test_timeliness.py",
)
PUBLISHED_DELETED = _code(
    "published-deleted",
    "layout",
    "已公开的信息被删除或改名",
    "a published item's file deleted or renamed",
    no_case="needs a publication ledger that knows the item; covered by tests/test_withdrawal.py",
)

# 索引号 (generator/numbering.py, generator/rules/numbering.py).
INDEX_NUMBERING = _code(
    "index-numbering",
    "config",
    "索引号格式或代码不全",
    "an index-number pattern that is malformed or lacks a code",
    no_case=_config("tests/test_numbering.py"),
)
INDEX_NUMBER_DUPLICATE = _code("index-number-duplicate", "reference", "索引号重复", "an index number given twice")
INDEX_NUMBER_CHANGED = _code(
    "index-number-changed",
    "reference",
    "索引号与发布记录不符",
    "an index number that differs from the one the ledger gave",
    no_case="needs a publication ledger; covered by tests/test_numbering.py",
)

# Registers (generator/registers, generator/rules/{inspections,documents,requests,annual,assessments}.py).
INSPECTION_UNAPPROVED = _code(
    "inspection-unapproved", "register", "没有经批准的计划就检查", "an inspection without an approved plan"
)
INSPECTION_APPROVAL_INCOMPLETE = _code(
    "inspection-approval-incomplete", "register", "批准文号和批准日期只写了一项", "approval number or date alone"
)
INSPECTION_SCHEDULE = _code(
    "inspection-schedule", "register", "检查时间安排结束早于开始", "a schedule that ends before it starts"
)
INSPECTION_OUT_OF_SCHEDULE = _code(
    "inspection-out-of-schedule", "register", "超出批准的时间安排检查", "an inspection outside the approved schedule"
)
INSPECTION_ITEM_UNAPPROVED = _code(
    "inspection-item-unapproved", "register", "超出批准的项目检查", "an inspection item that was not approved"
)
INSPECTION_FREQUENCY = _code("inspection-frequency", "register", "超出批准的频次检查", "more inspections than approved")
INSPECTION_TOO_FEW_INSPECTORS = _code(
    "inspection-too-few-inspectors", "register", "检查人员少于两人", "fewer than two inspectors"
)
INSPECTOR_UNCERTIFIED = _code(
    "inspector-uncertified", "register", "检查人员没有执法证", "an inspector without a certificate"
)
INSPECTOR_NOT_STAFF = _code(
    "inspector-not-staff", "register", "检查人员不是本部门工作人员", "an inspector not on the staff"
)
DOCUMENT_REVIEW = _code(
    "document-review", "register", "规范性文件未经签发前合法性审查", "no legality review before signing"
)
DOCUMENT_STATUS = _code(
    "document-status", "register", "效力状态与变更日期不一致", "a status without its date, or the reverse"
)
DOCUMENT_SUCCESSOR = _code(
    "document-successor", "register", "修订后的文件缺失或不存在", "a missing or unknown successor"
)
DOCUMENT_DATES = _code("document-dates", "register", "规范性文件日期先后不对", "document dates out of order")
REQUEST_OVERDUE = _code(
    "request-overdue", "register", "政府信息公开申请逾期答复", "a request answered late or not at all"
)
REQUEST_EXTENSION = _code("request-extension", "register", "延长答复期限不合规定", "an extension beyond the law")
REQUEST_RESULT = _code("request-result", "register", "答复日期和办理结果只写了一项", "answer date or result alone")
REQUEST_DATES = _code("request-dates", "register", "申请的日期先后不对", "request dates out of order")
REQUEST_NO_CALENDAR = _code(
    "request-no-calendar",
    "register",
    "工作日历缺少年份，无法计算答复期限",
    "no calendar year for the deadline",
    severity="warning",
)
ANNUAL_YEAR = _code("annual-year", "register", "年份与文件名不一致", "a year that is not the file name")
COMPLAINT_FIGURES = _code("complaint-figures", "register", "投诉件数对不上", "complaint figures that do not add up")
COMPLAINT_OVERDUE = _code(
    "complaint-overdue", "register", "效能投诉超期未答复", "complaints unanswered past their limit"
)
COMMITMENT_UNKNOWN = _code("commitment-unknown", "register", "不是本部门公开的服务承诺", "not a published commitment")
ASSESSMENT_COUNT = _code("assessment-count", "register", "十佳或后三位的数目超出规定", "too many top or bottom entries")
ASSESSMENT_CONTRADICTION = _code(
    "assessment-contradiction", "register", "同一部门既是十佳又是后三位", "both top ten and bottom three"
)
BOTTOM_THREE_TWICE = _code(
    "bottom-three-twice",
    "register",
    "连续两年考核居后三位（一票否决）",
    "bottom three two years running",
    severity="warning",
    no_case="needs two years' assessment files; covered by tests/test_registers.py",
)


# One truth per fact: what a citizen reads about 依申请公开 and about a matter's charges says the same everywhere.
UNKNOWN_MATTER = _code("unknown-matter", "reference", "办事指南不存在", "no such matter")
ON_REQUEST_CONTRADICTION = _code(
    "on-request-contradiction",
    "procedure",
    "依申请公开办事指南与公开指南说法不一",
    "the guide to requesting information says otherwise than the disclosure guide",
)
ON_REQUEST_FEE = _code(
    "on-request-fee",
    "fee",
    "依申请公开收取了现行条例不允许的费用",
    "a fee for information on request that the regulation in force does not allow",
    severity="warning",
)
FEE_TEXT_CONTRADICTION = _code(
    "fee-text-contradiction",
    "fee",
    "文字说明的收费与收费项目不一致",
    "a charge in the text that contradicts the fee items",
    severity="warning",
)


# Spreadsheets given to `disclose import`: cells, not content files.
def _sheet(zh: str, en: str, code: str, test: str = "tests/test_import.py") -> Code:
    return _code(code, "sheet", zh, en, no_case=f"a spreadsheet cell, not a content file; covered by {test}")


SHEET_HEADER = _sheet(
    "表头行缺少列、列名不认识或重复",
    "a header row missing a column, or with an unknown or repeated one",
    "sheet-header",
)
SHEET_FORMULA = _sheet("单元格是公式", "a formula in a cell", "sheet-formula")
SHEET_MERGED = _sheet("跨列合并的单元格", "cells merged across columns", "sheet-merged")
SHEET_NUMBER = _sheet("编号被存成了数字", "a code stored as a number", "sheet-number")
SHEET_DATE = _sheet("日期单元格与列不符", "a date where text is due, or a number where a date is", "sheet-date")
SHEET_VALUE = _sheet("单元格是逻辑值或错误值", "a true/false or error value in a cell", "sheet-value")
SHEET_DUPLICATE = _sheet(
    "同一条记录出现两次或前后不一", "the same record twice, or rows that disagree", "sheet-duplicate"
)
SHEET_TARGET = _sheet("要写入的文件已被占用", "a target file already taken", "sheet-target")
_NATIONAL = "tests/test_national.py"
SHEET_UNIT = _sheet(
    "金额的单位不明或与表头不符",
    "an amount whose unit cannot be told, or contradicts its header",
    "sheet-unit",
    _NATIONAL,
)
SHEET_NAME = _sheet("单元格的值会使文件名过长", "a value that would make a file name too long", "sheet-name", _NATIONAL)
SHEET_PERSON = _sheet("单元格含个人号码", "a cell holding a personal number", "sheet-person", _NATIONAL)

# The kinds real district sites publish (consultations, budgets, rectifications, notices before a decision),
# archived annual reports, the district's own categories and the seed's remaining duties (kept together to ease
# merges).
KIND_TWICE = _code("kind-twice", "field", "一条公开信息写了两种种类", "a posting of two kinds at once")
COMPLETED_NOT_FOR_KIND = _code(
    "completed-not-for-kind", "timeliness", "这一种类的公开信息没有办结日期", "a completion date on a kind without one"
)
CONSULTATION_PERIOD = _code(
    "consultation-period", "timeliness", "征求意见期的日期先后不对", "a consultation period out of order"
)
CONSULTATION_SHORT = _code(
    "consultation-short",
    "timeliness",
    "征求意见期短于规定且未说明理由",
    "a consultation shorter than required, unexplained",
)
FEEDBACK_FIGURES = _code("feedback-figures", "field", "意见采纳情况的条数对不上", "feedback figures that do not add up")
FEEDBACK_BEFORE_CLOSE = _code(
    "feedback-before-close",
    "timeliness",
    "征求意见尚未截止就公开反馈",
    "feedback published before the consultation closed",
)
FEEDBACK_OVERDUE = _code(
    "feedback-overdue", "timeliness", "征求意见结束后逾期未公开意见采纳情况", "consultation closed, feedback overdue"
)
FEEDBACK_LATE = _code("feedback-late", "timeliness", "意见采纳情况逾期公开", "feedback published late")
REPORT_BEFORE_YEAR_END = _code(
    "report-before-year-end",
    "register",
    "年度报告的公布日期早于报告年度结束",
    "a report published before its year ended",
)
INSPECTION_APPROVER = _code(
    "inspection-approver",
    "register",
    "执法检查计划不是由区纠风办批准的",
    "an inspection plan not approved by the district office that must approve it",
)
FEE_STANDARD_TWICE = _code(
    "fee-standard-twice", "fee", "收费标准和分类收费标准同时填写", "a single standard and several standards at once"
)
