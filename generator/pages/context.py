"""The one context every page is made from: the content an audience may see, the configuration, the build
date and the lookups the pages need, computed once and frozen. Pure: values in, values out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from ..annual_report import AnnualReport
from ..compliance import Compliance
from ..config import SiteConfig
from ..content import Content
from ..domain import matters
from ..domain.applying import Applying, in_force
from ..domain.facets import facet_attrs
from ..domain.kinds import KeyDate, consultation_state, key_date
from ..domain.lanes import lane_name, lane_names
from ..domain.notices import Notice, notice_of, still_current
from ..domain.pages import category_page, md_to_url, page_of
from ..domain.requests import AnswerLimit, limit_for
from ..ledger import key_of
from ..model import Consultation, Department, Disclosure, District, FeeItem, Posting, Procedure, Record
from ..numbering import index_numbers
from ..revisions import Revision
from ..workdays import YearMissing
from .opendata import Dataset, datasets

D = TypeVar("D", bound=Disclosure)


@dataclass(frozen=True)
class Internal:
    """What only the internal site shows: the 政务公开检查考核 figures and the annual report of each year."""

    compliance: Compliance
    annual_reports: tuple[AnnualReport, ...]


@dataclass(frozen=True)
class Context:
    """The content seen from the pages, with its lookups; made once per build by `Context.of`."""

    content: Content
    """What the audience may see (decided upstream by the audience stage): the pages show all they are given."""
    config: SiteConfig
    as_of: dt.date
    banner: str
    """What every page of a site not meant for the whole public says on top; empty on the public site."""
    internal: Internal | None
    """The internal site's own figures; None on every other site."""
    fees: tuple[FeeItem, ...]
    index: Mapping[str, str]
    """索引号 by ledger key."""
    revisions: Mapping[str, list[Revision]]
    """修订记录 by ledger key."""
    changed: Mapping[str, dt.date]
    """When each content file was last changed on the main branch, by its path from the content's parent."""
    by_id: Mapping[str, Department]
    sections: Mapping[tuple[str, str], str]
    lanes: Mapping[str, str]
    fee_items: Mapping[str, FeeItem]

    @classmethod
    def of(
        cls,
        content: Content,
        config: SiteConfig,
        as_of: dt.date,
        *,
        updated: Mapping[str, dt.date] | None = None,
        numbers: Mapping[str, str] | None = None,
        revisions: Mapping[str, list[Revision]] | None = None,
        banner: str = "",
        internal: Internal | None = None,
    ) -> Context:
        """The context of one build. `updated` is by path under the content folder (git history; none outside git),
        `numbers` every item's 索引号 (as numbered without a scheme when not given), `revisions` each item's changes."""
        fees = content.fees.items if content.fees else ()
        return cls(
            content=content,
            config=config,
            as_of=as_of,
            banner=banner,
            internal=internal,
            fees=fees,
            index=dict(numbers) if numbers is not None else index_numbers(content),
            revisions=dict(revisions or {}),
            changed={f"{content.root.name}/{rel}": day for rel, day in (updated or {}).items()},
            by_id={d.id: d for d in content.departments},
            sections={(d.id, s.id): s.name for d in content.departments for s in d.sections},
            lanes=lane_names(content.departments),
            fee_items={f.id: f for f in fees},
        )

    @property
    def district(self) -> District | None:
        return self.content.district

    @property
    def departments(self) -> tuple[Department, ...]:
        return self.content.departments

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        return self.content.procedures

    @property
    def postings(self) -> tuple[Posting, ...]:
        return self.content.postings

    def updated(self, item: Record) -> dt.date | None:
        """When the item's file was last changed on the main branch (git history); None outside git."""
        return self.changed.get(item.loc.file)

    def url(self, item: Record) -> str:
        """The absolute URL of an item's page on the published site."""
        return self.config.site_url + md_to_url(page_of(item))

    def index_no(self, item: Disclosure) -> str:
        """The item's 索引号 in the 公开目录."""
        return self.index[key_of(item)]

    def revisions_of(self, item: Disclosure) -> list[Revision]:
        """The item's 修订记录: changes after it was published, oldest first."""
        return self.revisions.get(key_of(item), [])

    def facet_attrs(self, item: Disclosure) -> Markup:
        """A catalogue row's `data-` attributes (see domain.facets)."""
        return facet_attrs(item, self.updated)

    def dept_name(self, dept_id: str) -> str:
        d = self.by_id.get(dept_id)
        return d.name if d else dept_id

    def section_name(self, dept_id: str, section_id: str) -> str:
        return self.sections.get((dept_id, section_id), section_id)

    def lane_name(self, proc: Procedure, ref: str) -> str:
        """A step's section as the public reads it (see domain.lanes)."""
        return lane_name(proc, ref, self.lanes)

    def fee_name(self, fee_id: str) -> str:
        fee = self.fee_items.get(fee_id)
        return fee.name if fee else fee_id

    def fees_of(self, proc: Procedure) -> list[FeeItem]:
        return [self.fee_items[f] for f in proc.fees if f in self.fee_items]

    def matters_charging(self, fee_id: str) -> list[Procedure]:
        """The matters that charge a fee, for the fee catalogue's links back to their guides."""
        return [p for p in self.procedures if fee_id in p.fees or any(s.fee == fee_id for s in p.steps)]

    def fee_step(self, proc: Procedure, fee_id: str) -> str | None:
        """The step of a matter at which a fee is paid, when a step names it."""
        return next((s.action for s in proc.steps if s.fee == fee_id), None)

    @property
    def answer_limit(self) -> AnswerLimit | None:
        """The answer period for requests of the regulation in force on the build date."""
        return limit_for(self.as_of)

    @property
    def applying(self) -> Applying | None:
        """What the regulation in force on the build date says about applying, fees and remedies."""
        return in_force(self.as_of)

    @property
    def on_request_guide(self) -> Procedure | None:
        """The 依申请公开 guide district.yml names, when this site shows it: its page and the 公开指南 state the same."""
        ref = self.district.on_request.matter if self.district else None
        guide = matters.named(ref, self.procedures) if ref else None
        return guide if guide is not None and guide.withdrawn is None else None

    def statutory_days(self, proc: Procedure) -> int | None:
        """A matter's statutory limit; the 依申请公开 guide's is the regulation's answer period."""
        if proc is self.on_request_guide and self.answer_limit is not None:
            return self.answer_limit.days
        return proc.statutory_days

    def common_matters(self) -> list[Procedure]:
        """The home page's 我要办事: the matters district.yml lists, as this site shows them (current ones only)."""
        refs = self.district.common_matters if self.district else ()
        found = [matters.named(ref, self.procedures) for ref in refs]
        return [m for m in found if m is not None and m.withdrawn is None]

    def staff_label(self, dept_id: str, staff_id: str) -> str:
        d = self.by_id.get(dept_id)
        person = next((p for p in d.staff if p.id == staff_id), None) if d else None
        if person is None:
            return staff_id
        badge = f"（工号 {person.badge}）" if person.badge else ""
        return f"{person.name}，{person.post}{badge}"

    def step_action(self, proc: Procedure, step_id: str) -> str:
        return next((s.action for s in proc.steps if s.id == step_id), step_id)

    def own_matters(self, dept_id: str) -> list[Procedure]:
        """A department's current matters (withdrawn ones are in the withdrawn list)."""
        return [p for p in self.procedures if p.department == dept_id and p.withdrawn is None]

    def matters_of(self, dept_id: str) -> list[Procedure]:
        """Current matters a department leads or takes part in: a cross-unit matter shows on every unit's page."""
        return [p for p in self.procedures if (p.department == dept_id or dept_id in p.units) and p.withdrawn is None]

    def postings_of(self, dept_id: str) -> list[Posting]:
        """A department's current postings, newest first (withdrawn ones are in the withdrawn list)."""
        return newest_first([p for p in self.postings if p.department == dept_id and p.withdrawn is None])

    def withdrawn(self) -> list[Procedure | Posting]:
        """Every withdrawn matter and posting, most recently withdrawn first."""
        everything: tuple[Procedure | Posting, ...] = (*self.procedures, *self.postings)
        items = [i for i in everything if i.withdrawn is not None]
        return sorted(items, key=lambda i: (i.withdrawn.date if i.withdrawn else dt.date.min, i.id), reverse=True)

    def successor_of(self, item: Procedure | Posting) -> Procedure | Posting | None:
        """The item that replaces a withdrawn one, when this site shows it."""
        target = item.successor
        if target is None:
            return None
        kind: tuple[Procedure | Posting, ...] = self.procedures if isinstance(item, Procedure) else self.postings
        return next((i for i in kind if (i.department, i.id) == target), None)

    def notice(self, post: Posting) -> Notice | None:
        """The posting's notice period (公示期), or None when it states none or it cannot be counted."""
        try:
            return notice_of(post, self.config.calendar)
        except YearMissing:
            return None  # reported by rules.notices

    def key_date(self, post: Posting) -> KeyDate | None:
        """The date the posting's kind counts by (办结日期, 批复日期, 征求意见期, 公示期), or None when it cannot be counted."""
        try:
            return key_date(post, self.config.calendar)
        except YearMissing:
            return None  # reported by rules.notices

    def consultation_state(self, c: Consultation) -> str:
        """Where a consultation stands on the build date: 征求意见中, 征求意见已结束, 已反馈…"""
        return consultation_state(c, self.as_of)

    def category_page(self, category: str) -> str:
        """The first page of a category's full list, numbered among the district's categories."""
        return category_page(category, self.config.category_names)

    def computed_reports(self) -> tuple[int, ...]:
        """The years whose annual report this site computes from the registers (the internal site's), listed with the
        past reports as published."""
        return tuple(r.year for r in self.internal.annual_reports) if self.internal else ()

    def current(self, posts: list[Posting]) -> list[Posting]:
        """Postings for current lists: withdrawn ones, and those whose notice period has ended, are left out."""
        return [p for p in posts if p.withdrawn is None and still_current(p, self.config.calendar, self.as_of)]

    def newest(self, dept_id: str | None = None) -> Posting | None:
        """The most recently published posting (of one department, or of the site): the site's honest freshness date."""
        shown = [p for p in self.postings if p.published and (dept_id is None or p.department == dept_id)]
        return max(shown, key=lambda p: (p.published, p.id), default=None)

    def numbered(self, items: tuple[D, ...]) -> list[D]:
        """The items as the open data publishes them: each with its 索引号, written in its YAML or not."""
        return [dataclasses.replace(i, index_no=self.index[key_of(i)]) for i in items]

    def datasets(self) -> list[Dataset]:
        return datasets(
            self.numbered(self.departments),
            self.numbered(self.procedures),
            self.numbered(self.postings),
            self.fees,
            self.url,
            self.content.registers,
        )


def newest_first(posts: list[Posting]) -> list[Posting]:
    return sorted(posts, key=lambda p: (p.dated or dt.date.min, p.id), reverse=True)
