"""The compliance report the 政务公开领导小组 checks (policy 二(二)): computed from the same
problems and rules as the build, per department and for the district.

Column thresholds follow 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号): news-like columns
must be updated within 2 weeks, notice and policy columns within 6 months; 5 or more stale or
5 or more empty columns fail a site outright.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from . import codes
from .config import SiteConfig
from .content import Content
from .domain.deadlines import judge
from .domain.pages import board_of, md_to_url, page_of
from .gitdates import Change
from .links import Broken
from .model import CATEGORIES, PUBLIC, Posting, Record
from .problems import Loc, Problem, department_of, problem

NEWS_DAYS = 14
NOTICE_DAYS = 183
FAIL_COLUMNS = 5
GUIDE_FIELDS = frozenset(
    {"name", "basis", "conditions", "materials", "steps", "promised_days", "statutory_days", "charged", "fees", "place", "hours",
     "phone", "complaint"}
)  # fmt: skip
"""The matter fields that carry the 办事指南 key elements (事项名称, 设定依据, 申请条件, 申请材料, 办理流程, 办理时限,
收费标准及依据, 办理地点和时间, 咨询电话, 监督投诉方式); missing one counts against the guide. Keys of Procedure's spec()."""
DISTRICT = "全区"


@dataclass(frozen=True)
class Column:
    """A column (栏目) of the site and when it was last updated."""

    name: str
    kind: str  # 动态 (2 weeks) or 公告 (6 months)
    department: str | None
    last: dt.date | None
    stale: bool
    empty: bool


@dataclass
class Figures:
    """One department's (or the district's) figures."""

    id: str
    name: str
    matters: int = 0
    postings: int = 0
    staff: int = 0
    files: int = 0
    files_complete: int = 0
    on_time: int = 0
    late: int = 0
    worst_late_days: int = 0
    overdue: int = 0
    worst_overdue_days: int = 0
    pending: int = 0
    backdating_overrides: int = 0
    importance_lowered: int = 0
    feedback_overdue: int = 0
    """Consultations closed whose 意见采纳情况 is overdue or was published late."""
    guides_missing_elements: int = 0
    personal_data: int = 0
    broken_links: int = 0
    errors: int = 0
    warnings: int = 0
    stale_columns: list[str] = field(default_factory=list)
    empty_columns: list[str] = field(default_factory=list)

    @property
    def completeness(self) -> float:
        """Share of files with every required field filled in, in percent."""
        return 100.0 * self.files_complete / self.files if self.files else 100.0

    @property
    def bound(self) -> int:
        """Postings bound by a deadline that has passed or been met: on time, late or overdue."""
        return self.on_time + self.late + self.overdue

    @property
    def timely(self) -> float:
        """Share of postings bound by a deadline that were published on time, in percent."""
        return 100.0 * self.on_time / self.bound if self.bound else 100.0


@dataclass(frozen=True)
class Annual:
    """Figures for the 政府信息公开工作年度报告 of one year."""

    year: int
    proactive_by_category: dict[str, int]
    proactive_total: int
    new: int | None = None
    changed: int | None = None
    withdrawn: int | None = None


@dataclass(frozen=True)
class Trend:
    """Timeliness month by month (by completion month) for the district or one department; `months` share one range."""

    id: str
    name: str
    months: list[Figures]  # each Figures.id is its month, YYYY-MM


@dataclass(frozen=True)
class Compliance:
    """Every figure of one report: departments, the district total, columns, trends, annual figures, findings."""

    as_of: dt.date
    departments: list[Figures]
    district: Figures
    columns: list[Column]
    annual: list[Annual]
    findings: list[Problem]
    trends: list[Trend] = field(default_factory=list)
    links_checked: bool = False

    @property
    def fails_outright(self) -> list[str]:
        """Reasons the site would fail an inspection outright (单项否决)."""
        out = []
        stale = [c for c in self.columns if c.stale]
        empty = [c for c in self.columns if c.empty]
        if len(stale) >= FAIL_COLUMNS:
            out.append(f"{len(stale)} 个栏目未按时更新（≥{FAIL_COLUMNS} 个即单项否决）")
        if len(empty) >= FAIL_COLUMNS:
            out.append(f"{len(empty)} 个空白栏目（≥{FAIL_COLUMNS} 个即单项否决）")
        home = next((c for c in self.columns if c.name == "首页最新公开"), None)
        if home is not None and home.stale:
            out.append(f"首页超过 {NEWS_DAYS} 日未更新")
        if self.district.personal_data:
            out.append(f"{self.district.personal_data} 处个人信息或涉密内容")
        return out

    def as_dict(self) -> dict[str, object]:
        def figures(f: Figures) -> dict[str, object]:
            return asdict(f) | {"completeness": round(f.completeness, 1), "timely": round(f.timely, 1)}

        return {
            "as_of": self.as_of.isoformat(),
            "district": figures(self.district),
            "departments": [figures(f) for f in self.departments],
            "columns": [asdict(c) | {"last": c.last.isoformat() if c.last else None} for c in self.columns],
            "annual": [asdict(a) for a in self.annual],
            "trends": [{"id": t.id, "name": t.name, "months": [figures(m) for m in t.months]} for t in self.trends],
            "links_checked": self.links_checked,
            "fails_outright": self.fails_outright,
            "findings": [p.as_dict() for p in self.findings],
        }


def compute(
    content: Content,
    config: SiteConfig,
    problems: Sequence[Problem],
    as_of: dt.date,
    changes: Sequence[Change] | None = None,
    broken: Sequence[Broken] | None = None,
) -> Compliance:
    """Every figure of the report, from the checked content and the problems the build found.

    `broken` are the broken internal links of a built site, when one was checked.
    """
    problems = [*problems, *link_problems(content, broken or ())]

    names = {d.id: d.name for d in content.departments}
    ids = sorted(content.department_ids)
    rows = {i: Figures(i, names.get(i, i)) for i in ids}
    district = Figures(DISTRICT, "全区合计")
    for dept in content.departments:
        rows[dept.id].staff = len(dept.staff)
    for file in content.files:
        row = rows.get(department_of(file))
        if row is not None:
            row.files += 1
            row.matters += "/procedures/" in file
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.loc.file, []).append(p)
        row = rows.get(p.department)
        if row is None:
            continue
        if p.severity == "error":
            row.errors += 1
        else:
            row.warnings += 1
        if p.code == codes.BACKDATING_OVERRIDE:
            row.backdating_overrides += 1
        if p.code == codes.IMPORTANCE_LOWERED:
            row.importance_lowered += 1
        if p.code in (codes.FEEDBACK_OVERDUE, codes.FEEDBACK_LATE):
            row.feedback_overdue += 1
        if p.code.category == "leak":
            row.personal_data += 1
        if p.code == codes.BROKEN_LINK:
            row.broken_links += 1
    for file in content.files:
        row = rows.get(department_of(file))
        if row is not None and not any(p.code.category == "completeness" for p in by_file.get(file, ())):
            row.files_complete += 1
    for file, found in by_file.items():
        if "/procedures/" in file and any(
            p.code.category == "completeness" and p.key.split(".")[0].split("[")[0] in GUIDE_FIELDS for p in found
        ):
            row = rows.get(department_of(file))
            if row is not None:
                row.guides_missing_elements += 1
    for post in content.postings:
        _timeliness(rows[post.department], post, config, as_of)
    columns = _columns(content, as_of, config.category_names)
    for col in columns:
        owner = rows.get(col.department or "")
        if owner is not None and col.stale:
            owner.stale_columns.append(col.name)
        if owner is not None and col.empty:
            owner.empty_columns.append(col.name)
    for row in rows.values():
        _add(district, row)
    district.broken_links = sum(p.code == codes.BROKEN_LINK for p in problems)
    district.files += sum(1 for f in content.files if not department_of(f))
    district.files_complete += sum(
        1
        for f in content.files
        if not department_of(f) and not any(p.code.category == "completeness" for p in by_file.get(f, ()))
    )
    district.stale_columns = [c.name for c in columns if c.stale]
    district.empty_columns = [c.name for c in columns if c.empty]
    findings = sorted(problems, key=lambda p: (p.department or DISTRICT, p.loc, p.code))
    trends = _trends(content, config, as_of, names)
    annual = _annual(content, changes, config.category_names)
    return Compliance(as_of, [rows[i] for i in ids], district, columns, annual, findings, trends, broken is not None)


def link_problems(content: Content, broken: Iterable[Broken]) -> list[Problem]:
    """A broken link on an item's page, located at the item's file; on any other page, at the site page."""
    owners: dict[str, Record] = {}
    for item in (*content.departments, *content.procedures, *content.postings):
        owners[md_to_url(page_of(item)) + "index.html"] = item
    for dept in content.departments:
        owners[md_to_url(board_of(dept)) + "index.html"] = dept
    out = []
    for b in broken:
        owner = owners.get(b.page)
        page = b.page.removesuffix("index.html") or "首页"
        what = f"页面内的锚点 #{b.missing_id} 不存在" if b.missing_id else "指向的页面或文件不存在"
        out.append(
            problem(
                codes.BROKEN_LINK,
                owner.loc if owner is not None else Loc(b.page),
                f"网站页面 {page} 中的链接 {b.href} {what}。请改正或删除这个链接（附件请检查路径），然后重新生成网站。",
                f"The link {b.href} on page {page} leads nowhere; fix or remove it, then rebuild the site.",
            )
        )
    return out


def _timeliness(row: Figures, post: Posting, config: SiteConfig, as_of: dt.date) -> None:
    row.postings += 1
    verdict = judge(post, config, as_of)
    if verdict.state == "on-time":
        row.on_time += 1
    elif verdict.state == "late":
        row.late += 1
        row.worst_late_days = max(row.worst_late_days, verdict.days_late)
    elif verdict.state == "overdue":
        row.overdue += 1
        row.worst_overdue_days = max(row.worst_overdue_days, verdict.days_late)
    elif verdict.state == "pending":
        row.pending += 1


def _add(total: Figures, row: Figures) -> None:
    for key in (
        "matters", "postings", "staff", "files", "files_complete", "on_time", "late", "overdue", "pending",
        "backdating_overrides", "importance_lowered", "feedback_overdue", "guides_missing_elements", "personal_data",
        "errors", "warnings",
    ):  # fmt: skip
        setattr(total, key, getattr(total, key) + getattr(row, key))
    total.worst_late_days = max(total.worst_late_days, row.worst_late_days)
    total.worst_overdue_days = max(total.worst_overdue_days, row.worst_overdue_days)


def _trends(content: Content, config: SiteConfig, as_of: dt.date, names: dict[str, str]) -> list[Trend]:
    """On-time figures per completion month, district first, every series over the same months."""
    cells: dict[tuple[str, str], Figures] = {}
    for post in content.postings:
        day = post.completed or post.counted_from
        if day is None:
            continue  # a kind with no day its deadline counts from (a consultation, a notice) has no month here
        month = day.strftime("%Y-%m")
        for who in (DISTRICT, post.department):
            _timeliness(cells.setdefault((who, month), Figures(month, month)), post, config, as_of)
    bound = sorted({m for (_, m), f in cells.items() if f.bound})
    if not bound:
        return []
    months = _month_range(bound[0], bound[-1])
    series = [(DISTRICT, "全区合计"), *((i, names.get(i, i)) for i in sorted(content.department_ids))]
    return [Trend(i, name, [cells.get((i, m), Figures(m, m)) for m in months]) for i, name in series]


def _month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    year, month = int(first[:4]), int(first[5:])
    out = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        out.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _last(posts: Iterable[Posting]) -> dt.date | None:
    return max((p.published for p in posts if p.published), default=None)


def _column(name: str, kind: str, posts: list[Posting], as_of: dt.date, department: str | None = None) -> Column:
    last = _last(posts)
    limit = NEWS_DAYS if kind == "动态" else NOTICE_DAYS
    stale = last is not None and (as_of - last).days > limit
    return Column(name, kind, department, last, stale=stale, empty=last is None)


def _columns(content: Content, as_of: dt.date, categories: Sequence[str] = CATEGORIES) -> list[Column]:
    public = [p for p in content.postings if p.audience == PUBLIC]
    cols = [_column("首页最新公开", "动态", public, as_of)]
    cols += [_column(f"热点公开·{cat}", "公告", [p for p in public if p.category == cat], as_of) for cat in categories]
    cols += [
        _column(f"{d.name}·热点公开", "公告", [p for p in public if p.department == d.id], as_of)
        for d in content.departments
    ]
    return cols


def _annual(content: Content, changes: Sequence[Change] | None, categories: Sequence[str] = CATEGORIES) -> list[Annual]:
    proactive = [p for p in content.postings if p.published and p.audience == PUBLIC and p.mode == "主动公开"]
    years = sorted({p.published.year for p in proactive if p.published} | {c.date.year for c in changes or ()})
    out = []
    for year in years:
        counts: Counter[str] = Counter(p.category for p in proactive if p.published and p.published.year == year)
        by_status = Counter(c.status for c in changes or () if c.date.year == year and _is_item(c.path))
        out.append(
            Annual(
                year,
                {cat: counts[cat] for cat in categories if counts[cat]},
                sum(counts.values()),
                new=by_status["A"] if changes is not None else None,
                changed=by_status["M"] if changes is not None else None,
                withdrawn=by_status["D"] if changes is not None else None,
            )
        )
    return out


def _is_item(path: str) -> bool:
    """A disclosed item's file: a matter or a posting."""
    return "/postings/" in path or "/procedures/" in path
