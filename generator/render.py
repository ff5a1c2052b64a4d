"""Render Markdown pages from the model with Jinja2. Pure: values in, text out."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from markupsafe import Markup

from .config import SiteConfig
from .content import Content
from .model import CATEGORIES, FeeItem, Posting, Procedure
from .rules.procedures import section_ref
from .text import paragraphs, safe

LATEST = 15


def md_to_url(path: str) -> str:
    """The directory URL mkdocs gives a Markdown file: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/'."""
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    else:
        stem += "/"
    return stem


def relative_url(target: str, current: str) -> str:
    """A link from the page `current` to the page `target` (both Markdown paths)."""
    here = md_to_url(current) or "."
    rel = posixpath.relpath(md_to_url(target) or ".", here)
    return "./" if rel == "." else rel + "/"


def page_of(item: Procedure | Posting) -> str:
    """The Markdown path of a matter's or posting's own page."""
    folder = "matters" if isinstance(item, Procedure) else "hotspots"
    return f"{folder}/{item.department}-{item.id}.md"


def charged(fee: FeeItem) -> str:
    """What is actually charged (defined once, on the fee item)."""
    return fee.charged


class Site:
    """The model seen from the pages: lookups the templates need, computed once."""

    def __init__(self, content: Content, config: SiteConfig, as_of: dt.date) -> None:
        self.content = content
        self.config = config
        self.as_of = as_of
        self._depts = {d.id: d for d in content.departments}
        self._sections = {(d.id, s.id): s.name for d in content.departments for s in d.sections}
        self._fees = {f.id: f for f in (content.fees.items if content.fees else ())}

    def dept_name(self, dept_id: str) -> str:
        d = self._depts.get(dept_id)
        return d.name if d else dept_id

    def section_name(self, dept_id: str, section_id: str) -> str:
        return self._sections.get((dept_id, section_id), section_id)

    def lane_name(self, proc: Procedure, ref: str) -> str:
        dept, section = section_ref(proc, ref)
        name = self.section_name(dept, section)
        return name if dept == proc.department else f"{self.dept_name(dept)}{name}"

    def lane_names(self) -> dict[str, str]:
        names = {f"{d}/{s}": n for (d, s), n in self._sections.items()}
        names.update({d.id: d.name for d in self.content.departments})
        return names

    def fee_names(self) -> dict[str, str]:
        return {k: f.name for k, f in self._fees.items()}

    def fee_name(self, fee_id: str) -> str:
        return self.fee_names().get(fee_id, fee_id)

    def fees_of(self, proc: Procedure) -> list[FeeItem]:
        return [self._fees[f] for f in proc.fees if f in self._fees]

    def staff_label(self, dept_id: str, staff_id: str) -> str:
        d = self._depts.get(dept_id)
        person = next((p for p in d.staff if p.id == staff_id), None) if d else None
        if person is None:
            return staff_id
        badge = f"(工号 {person.badge})" if person.badge else ""
        return f"{person.name},{person.post}{badge}"

    def step_action(self, proc: Procedure, step_id: str) -> str:
        return next((s.action for s in proc.steps if s.id == step_id), step_id)

    def own_matters(self, dept_id: str) -> list[Procedure]:
        return [p for p in self.content.procedures if p.department == dept_id]

    def matters_of(self, dept_id: str) -> list[Procedure]:
        """Matters a department leads or takes part in: a cross-unit matter shows on every unit's page."""
        return [p for p in self.content.procedures if p.department == dept_id or dept_id in p.units]

    def postings_of(self, dept_id: str) -> list[Posting]:
        return newest_first([p for p in self.content.postings if p.department == dept_id])


def newest_first(posts: list[Posting]) -> list[Posting]:
    return sorted(posts, key=lambda p: (p.published or p.completed, p.id), reverse=True)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,  # so macro output (Markup) is not escaped twice
        finalize=lambda value: value if isinstance(value, Markup) else Markup(safe(value)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["paragraphs"] = paragraphs
    return env


def render_pages(site: Site, svgs: Mapping[str, str]) -> dict[str, str]:
    """Every Markdown page of the site: path → text."""
    env = environment()
    c = site.content
    pages: dict[str, str] = {}

    def render(path: str, template: str, **values: Any) -> None:
        url: Callable[[str], str] = lambda target: relative_url(target, path)  # noqa: E731
        pages[path] = env.get_template(template).render(
            url=url,
            page_of=page_of,
            charged=charged,
            site=site,
            config=site.config,
            district=c.district,
            departments=c.departments,
            as_of=site.as_of,
            dept_name=site.dept_name,
            section_name=site.section_name,
            lane_name=site.lane_name,
            fee_name=site.fee_name,
            fees_of=site.fees_of,
            staff_label=site.staff_label,
            step_action=site.step_action,
            own_matters=site.own_matters,
            matters_of=site.matters_of,
            postings_of=site.postings_of,
            **values,
        )

    render("index.md", "index.md.j2", latest=newest_first(list(c.postings))[:LATEST])
    render("departments/index.md", "departments.md.j2")
    for dept in c.departments:
        render(f"departments/{dept.id}.md", "department.md.j2", dept=dept)
    render("matters/index.md", "matters.md.j2")
    for proc in c.procedures:
        render(page_of(proc), "matter.md.j2", m=proc, svg=Markup(svgs.get(f"{proc.department}/{proc.id}", "")))
    by_category = [(cat, newest_first([p for p in c.postings if p.category == cat])) for cat in CATEGORIES]
    render("hotspots/index.md", "hotspots.md.j2", by_category=[(k, v) for k, v in by_category if v])
    for post in c.postings:
        render(page_of(post), "posting.md.j2", p=post)
    render("fees.md", "fees.md.j2", fees=c.fees.items if c.fees else ())
    return {path: _tidy(text) for path, text in pages.items()}


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
