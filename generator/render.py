"""Render Markdown pages from the model with Jinja2. Pure: values in, text out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from .body import render_body
from .config import SiteConfig
from .content import Content
from .domain import pages as urls
from .domain.applying import BY_REGULATION
from .domain.deadlines import policy_sentences
from .domain.facets import FACETS, facet_attrs, meta_labels
from .domain.fees import charged_of, standard_of
from .domain.kinds import KeyDate, consultation_state, key_date
from .domain.lanes import lane_name, lane_names
from .domain.notices import Notice, notice_of, still_current
from .domain.pages import (
    attachment_of,
    board_of,
    catalogue_of,
    category_page,
    chart_of,
    department_page,
    file_url,
    md_to_url,
    page_numbered,
    page_of,
    relative_url,
)
from .ledger import key_of
from .model import Consultation, Disclosure, FeeItem, Posting, Procedure, Record, files_of
from .numbering import index_numbers
from .opendata import FEED, Dataset, atom_feed, data_files, datasets
from .qr import qr_svg
from .registers import pages as registers
from .registers.model import PublishedReport
from .revisions import Revision
from .rules.requests import limit_for
from .schema import fields_of, label_of
from .search import pieces
from .site import NAV
from .tables import as_cards
from .text import given, page_title, paragraphs, safe, tel, yaml_string
from .workdays import YearMissing

T = TypeVar("T")
D = TypeVar("D", bound=Disclosure)

LATEST = 15
PAGE_ROWS = 200
"""Rows on one page of a long list (公开目录, 热点公开 by category): a page no longer grows with the district."""
LATEST_PER_GROUP = 10
"""Newest postings shown per category or department on the overview pages; each links to its full list."""


def paged(first: str, items: list[T]) -> list[tuple[str, list[T]]]:
    """`items` cut into pages of PAGE_ROWS (see domain.pages.page_numbered for their paths); always at least one page."""
    chunks = [items[i : i + PAGE_ROWS] for i in range(0, len(items), PAGE_ROWS)] or [[]]
    return [(page_numbered(first, n), chunk) for n, chunk in enumerate(chunks, start=1)]


def chart_files(site: Site, svgs: Mapping[str, str]) -> dict[str, str]:
    """Every flowchart as a file of its own: docs path → SVG text."""
    files = {}
    for proc in site.procedures:
        svg = svgs.get(f"{proc.department}/{proc.id}")
        if svg:
            files[chart_of(proc)] = svg + "\n"
    return files


class Site:
    """The model seen from the pages: lookups the templates need, computed once."""

    def __init__(
        self,
        content: Content,
        config: SiteConfig,
        as_of: dt.date,
        updated: Mapping[str, dt.date] | None = None,
        numbers: Mapping[str, str] | None = None,
        revisions: Mapping[str, list[Revision]] | None = None,
        computed_reports: tuple[int, ...] = (),
    ) -> None:
        self.content = content
        self.config = config
        self.as_of = as_of
        # What an audience may see was decided upstream (rules.audience.for_audience); pages show all they are given.
        self.departments = content.departments
        self.procedures = content.procedures
        self.postings = content.postings
        self.fees: tuple[FeeItem, ...] = content.fees.items if content.fees else ()
        self._depts = {d.id: d for d in content.departments}
        self._sections = {(d.id, s.id): s.name for d in content.departments for s in d.sections}
        self._lanes = lane_names(content.departments)
        self._fees = {f.id: f for f in self.fees}
        self._index = dict(numbers) if numbers is not None else index_numbers(content)
        self._revisions = dict(revisions or {})
        self.computed_reports = computed_reports
        """Years whose annual report this build computes from the registers (the internal site's), listed with the
        past reports as published."""
        self._updated = {f"{content.root.name}/{rel}": day for rel, day in (updated or {}).items()}

    def updated(self, item: Record) -> dt.date | None:
        """When the item's file was last changed on the main branch (git history); None outside git."""
        return self._updated.get(item.loc.file)

    def url(self, item: Record) -> str:
        """The absolute URL of an item's page on the published site."""
        return self.config.site_url + md_to_url(page_of(item))

    def index_no(self, item: Disclosure) -> str:
        """The item's 索引号 in the 公开目录."""
        return self._index[key_of(item)]

    def revisions_of(self, item: Disclosure) -> list[Revision]:
        """The item's 修订记录: changes after it was published, oldest first."""
        return self._revisions.get(key_of(item), [])

    def dept_name(self, dept_id: str) -> str:
        d = self._depts.get(dept_id)
        return d.name if d else dept_id

    def section_name(self, dept_id: str, section_id: str) -> str:
        return self._sections.get((dept_id, section_id), section_id)

    def lane_name(self, proc: Procedure, ref: str) -> str:
        """A step's section as the public reads it (see domain.lanes)."""
        return lane_name(proc, ref, self._lanes)

    def lane_names(self) -> dict[str, str]:
        return dict(self._lanes)

    def fee_name(self, fee_id: str) -> str:
        fee = self._fees.get(fee_id)
        return fee.name if fee else fee_id

    def fees_of(self, proc: Procedure) -> list[FeeItem]:
        return [self._fees[f] for f in proc.fees if f in self._fees]

    def matters_charging(self, fee_id: str) -> list[Procedure]:
        """The matters that charge a fee, for the fee catalogue's links back to their guides."""
        return [p for p in self.procedures if fee_id in p.fees or any(s.fee == fee_id for s in p.steps)]

    def staff_label(self, dept_id: str, staff_id: str) -> str:
        d = self._depts.get(dept_id)
        person = next((p for p in d.staff if p.id == staff_id), None) if d else None
        if person is None:
            return staff_id
        badge = f"（工号 {person.badge}）" if person.badge else ""
        return f"{person.name},{person.post}{badge}"

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

    def current(self, posts: list[Posting]) -> list[Posting]:
        """Postings for current lists: withdrawn ones, and those whose notice period has ended, are left out."""
        return [p for p in posts if p.withdrawn is None and still_current(p, self.config.calendar, self.as_of)]

    def newest(self, dept_id: str | None = None) -> Posting | None:
        """The most recently published posting (of one department, or of the site): the site's honest freshness date."""
        shown = [p for p in self.postings if p.published and (dept_id is None or p.department == dept_id)]
        return max(shown, key=lambda p: (p.published, p.id), default=None)

    def numbered(self, items: tuple[D, ...]) -> list[D]:
        """The items as the open data publishes them: each with its 索引号, written in its YAML or not."""
        return [dataclasses.replace(i, index_no=self._index[key_of(i)]) for i in items]

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


def _printed(value: object) -> Markup:
    """Every printed value, escaped; None is a template error, never an empty string on the page."""
    if value is None:
        raise jinja2.UndefinedError("a template printed None; guard optional values with {% if %}")
    return Markup(safe(value))


@functools.cache  # one per process: templates are compiled once, not again for every preview refresh
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        # Every printed value goes through safe(); marking its result lets macro output
        # (already made of escaped values) pass through unchanged instead of being escaped again.
        autoescape=True,
        finalize=_printed,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["body"] = render_body
    env.filters["given"] = given
    env.globals["record_table"] = record_table
    env.globals["WIDE"] = WIDE
    env.filters["yaml_string"] = yaml_string
    env.filters["page_title"] = page_title
    env.globals["title_pieces"] = pieces
    env.globals["tel"] = tel
    return env


WIDE = 7
"""A typed record with more fields than this is shown as one label-value table per record, not as a row."""


def record_table(rows: tuple[Record, ...]) -> tuple[list[str], list[list[tuple[str, object]]]]:
    """A typed table as the page shows it: column labels, then each row's (label, value) cells, 未提供 where not given."""
    infos = fields_of(type(rows[0]))
    heads = [i.spec.label for i in infos]
    body = [[(i.spec.label, given(getattr(r, i.key))) for i in infos] for r in rows]
    return heads, body


def attachment_files(site: Site) -> dict[str, Path]:
    """Every attachment to publish: docs path → the file in the content folder (checked by rules.attachments)."""
    root = site.content.root.parent
    items: list[Posting | Procedure | PublishedReport] = [
        *site.postings,
        *site.procedures,
        *site.content.registers.reports,
    ]
    return {
        attachment_of(item, att): root / PurePosixPath(item.loc.file).parent / att.path
        for item in items
        for att in files_of(item)
    }


def render_pages(site: Site, svgs: Mapping[str, str]) -> dict[str, str]:
    """Every Markdown page of the site: path → text."""
    env = environment()
    c = site.content
    pages: dict[str, str] = {}

    def render(path: str, template: str, **values: Any) -> None:
        pages[path] = env.get_template(template).render(
            url=lambda target: relative_url(target, path),
            file_url=lambda target: file_url(target, path),
            page_of=page_of,
            board_of=board_of,
            catalogue_of=catalogue_of,
            category_page=lambda cat: category_page(cat, site.config.category_names),
            latest_per_group=LATEST_PER_GROUP,
            department_page=department_page,
            fee_standard=standard_of,
            fee_charged=charged_of,
            pages=urls,
            site=site,
            config=site.config,
            district=c.district,
            departments=site.departments,
            as_of=site.as_of,
            newest=site.newest,
            dept_name=site.dept_name,
            section_name=site.section_name,
            lane_name=site.lane_name,
            fee_name=site.fee_name,
            fees_of=site.fees_of,
            matters_charging=site.matters_charging,
            staff_label=site.staff_label,
            updated=site.updated,
            step_action=site.step_action,
            own_matters=site.own_matters,
            matters_of=site.matters_of,
            postings_of=site.postings_of,
            index_no=site.index_no,
            facets=FACETS,
            meta_labels=meta_labels(),
            facet_attrs=lambda item: facet_attrs(item, site.updated),
            successor_of=site.successor_of,
            revisions_of=site.revisions_of,
            qr=qr_svg,
            key_date=site.key_date,
            consultation_state=site.consultation_state,
            label=lambda record, key: label_of(type(record), key),
            address_of=site.url,
            **values,
        )

    render(urls.HOME, "index.md.j2", latest=site.current(newest_first(list(site.postings)))[:LATEST])
    render(urls.DEPARTMENTS, "departments.md.j2")
    for dept in site.departments:
        render(page_of(dept), "department.md.j2", dept=dept)
        render(board_of(dept), "board.md.j2", dept=dept)
    render(urls.MATTERS, "matters.md.j2")
    for proc in site.procedures:
        svg = Markup(svgs.get(f"{proc.department}/{proc.id}", ""))
        render(page_of(proc), "matter.md.j2", m=proc, svg=svg, attachment_of=attachment_of, chart=chart_of(proc))
    by_category = [
        (cat, site.current(newest_first([p for p in site.postings if p.category == cat])))
        for cat in site.config.category_names
    ]
    by_category = [(cat, posts) for cat, posts in by_category if posts]
    render(urls.HOTSPOTS, "hotspots.md.j2", by_category=by_category)
    for cat, posts in by_category:
        listed = paged(category_page(cat, site.config.category_names), posts)
        for path, chunk in listed:
            numbered = [p for p, _ in listed]
            render(path, "hotspots_category.md.j2", category=cat, postings=chunk, numbered=numbered, here=path)
    render(urls.HOTSPOTS_BY_DEPARTMENT, "hotspots_by_department.md.j2")
    for post in site.postings:
        render(page_of(post), "posting.md.j2", p=post, attachment_of=attachment_of, notice=site.notice(post))
    render(urls.WITHDRAWN, "withdrawn.md.j2", items=site.withdrawn())
    render(urls.FEES, "fees.md.j2", fees=site.fees)
    render(urls.CATALOGUE, "catalogue.md.j2")
    for dept in site.departments:
        listed = paged(catalogue_of(dept), site.postings_of(dept.id))
        numbered = [p for p, _ in listed]
        for n, (path, chunk) in enumerate(listed):
            matters = site.own_matters(dept.id) if n == 0 else []
            render(
                path,
                "catalogue_department.md.j2",
                dept=dept,
                matters=matters,
                postings=chunk,
                numbered=numbered,
                here=path,
            )
    render(
        urls.GUIDE,
        "guide.md.j2",
        datasets=site.datasets(),
        feed=FEED,
        deadline_sentences=policy_sentences(site.config.timeliness),
        answer_limit=limit_for(site.as_of),
        applying=BY_REGULATION,
    )
    for path, template, values in registers.pages(c, site.config.calendar):
        render(
            path,
            template,
            document_page=urls.document_page,
            inspections_page=urls.inspections_page,
            **values,
        )
    reports = {r.year: r for r in c.registers.reports}
    years = sorted(set(reports) | set(site.computed_reports), reverse=True)
    render(
        urls.REPORTS,
        "reports.md.j2",
        reports=list(reports.values()),
        computed=site.computed_reports,
        rows=[(y, reports.get(y)) for y in years],
        annual_report_page=urls.annual_report_page,
    )
    for report in c.registers.reports:
        render(page_of(report), "published_report.md.j2", report=report, attachment_of=attachment_of)
    render(urls.SITEMAP, "sitemap.md.j2", sections=[(t, p) for entry in NAV for t, p in entry.items()])
    return {path: tidy(as_cards(text)) for path, text in pages.items()}


def footer_html(config: SiteConfig, government: str = "") -> str:
    """The footer every page carries: the government and the site's identity, every value escaped;
    links start with {root}, the theme makes them relative."""
    text = (
        environment()
        .get_template("footer.html.j2")
        .render(
            config=config,
            government=government,
            sitemap=Markup("{root}") + urls.md_to_url(urls.SITEMAP),
            guide=Markup("{root}") + urls.md_to_url(urls.GUIDE),
        )
    )
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def render_data(site: Site) -> dict[str, str]:
    """The open-data files (JSON, CSV, JSON Schema, Atom feed): path → text."""
    base = site.config.site_url
    files = data_files(site.datasets(), base)
    files[FEED] = atom_feed(site.postings, site.config.site_name, base, site.url, site.dept_name)
    return files


def tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
