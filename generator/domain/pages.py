"""Where every page and published file lives: Markdown paths, the URLs mkdocs gives them, links between them.

The pages, the templates, the navigation (site.NAV) and the compliance report's link check all take
addresses from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

from ..model import CATEGORIES, Attachment, Department, Posting, Procedure, Record, files_of
from ..registers.model import NormativeDocument, PublishedReport

HOME = "index.md"
DEPARTMENTS = "departments/index.md"
MATTERS = "matters/index.md"
HOTSPOTS = "hotspots/index.md"
HOTSPOTS_BY_DEPARTMENT = "hotspots/departments.md"
FEES = "fees.md"
CATALOGUE = "catalogue.md"
GUIDE = "guide.md"
SITEMAP = "sitemap.md"
WITHDRAWN = "withdrawn.md"
"""The list of withdrawn matters and postings: their pages stay, marked."""
REGISTERS = "registers/index.md"
DOCUMENTS = "registers/documents/index.md"
INSPECTIONS = "registers/inspections/index.md"
COMPLAINTS = "registers/complaints.md"
REQUESTS = "registers/requests.md"
ASSESSMENTS = "registers/assessments.md"
REPORTS = "registers/reports/index.md"
"""The 政府信息公开工作年度报告: past ones as published, listed with the computed ones on the internal site."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("首页", HOME),
    ("部门信息", DEPARTMENTS),
    ("办事指南", MATTERS),
    ("热点公开", HOTSPOTS),
    ("收费目录", FEES),
    ("公开目录", CATALOGUE),
    ("公开登记", REGISTERS),
    ("公开指南", GUIDE),
)
"""The site's top-level pages, in navigation order, with their titles."""


def md_to_url(path: str) -> str:
    """The directory URL mkdocs gives a Markdown file: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/'."""
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    else:
        stem += "/"
    return stem


def _relative(target: str, here: str) -> str:
    """posixpath.relpath for site-relative paths ('' is the site root), without its file-system work."""
    to, start = [p for p in target.split("/") if p], [p for p in here.split("/") if p]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def relative_url(target: str, current: str) -> str:
    """A link from the page `current` to the page `target` (both Markdown paths)."""
    rel = _relative(md_to_url(target), md_to_url(current))
    return "./" if rel == "." else rel + "/"


def file_url(target: str, current: str) -> str:
    """A link from the page `current` (a Markdown path) to a static file `target`, percent-encoded
    (a file name with #, ? or % is a file, not a fragment, a query or an escape)."""
    return quote(_relative(target, md_to_url(current)), safe="/")


def department_page(dept_id: str) -> str:
    """The Markdown path of a department's page, by its id."""
    return f"departments/{dept_id}.md"


def page_of(item: Record) -> str:
    """The Markdown path of a department's, matter's or posting's own page."""
    if isinstance(item, Department):
        return department_page(item.id)
    if isinstance(item, Procedure):
        return f"matters/{item.department}-{item.id}.md"
    if isinstance(item, Posting):
        return f"hotspots/{item.department}-{item.id}.md"
    if isinstance(item, NormativeDocument):
        return document_page(item)
    if isinstance(item, PublishedReport):
        return report_page(item)
    raise TypeError(f"no page for {type(item).__name__}")


def catalogue_of(dept: Department) -> str:
    """The Markdown path of the first page of a department's 公开目录."""
    return f"catalogue/{dept.id}.md"


def category_page(category: str, categories: Sequence[str] = CATEGORIES) -> str:
    """The Markdown path of the first page of a hotspot category's full list: numbered by its place among the
    district's categories (site_config.yml `categories`, else the policy's twelve)."""
    return f"hotspots/categories/c{list(categories).index(category) + 1:02d}.md"


def page_numbered(first: str, n: int) -> str:
    """The Markdown path of page `n` (from 1) of a list whose first page is `first`: first.md, first/2.md …"""
    return first if n == 1 else f"{first[:-3]}/{n}.md"


def chart_of(proc: Procedure) -> str:
    """Where a matter's flowchart is published on its own, to open full size and zoom (beside its page)."""
    return page_of(proc)[: -len(".md")] + "/flowchart.svg"


def board_of(dept: Department) -> str:
    """The Markdown path of a department's bulletin-board sheet (公开栏)."""
    return f"boards/{dept.id}.md"


def attachment_of(item: Posting | Procedure | PublishedReport, att: Attachment) -> str:
    """Where an attachment (a posting's file, a matter's form or sample, a past report's file) is published in the
    docs tree, named as the clerk named it."""
    name = PurePosixPath(att.path).name
    if isinstance(item, PublishedReport):
        return f"attachments/reports/{item.id}/{name}"
    folder = item.id if isinstance(item, Posting) else f"matters/{item.id}"
    return f"attachments/{item.department}/{folder}/{name}"


def document_page(doc: NormativeDocument) -> str:
    """A normative document's own page; it stays when the document is revised, repealed or lapses."""
    return f"registers/documents/{doc.department}-{doc.id}.md"


def inspections_page(dept_id: str) -> str:
    """A department's page of enforcement inspection plans."""
    return f"registers/inspections/{dept_id}.md"


def report_page(report: PublishedReport) -> str:
    """A past annual report's own page, as it was published."""
    return f"registers/reports/{report.id}.md"


def annual_report_page(year: int) -> str:
    """The year's 政府信息公开工作年度报告 on the internal site."""
    return f"annual-report-{year}.md"


def owned_by(dept: Department, items: Iterable[Procedure | Posting | NormativeDocument]) -> Callable[[str], bool]:
    """Whether a published file is one of the department's own: its page, 公开栏 sheet, catalogue and inspection
    plans, and each of `items` (its matters, postings and documents) with the files under it (flowcharts, further
    pages, attachments). No list of the whole district is among them."""
    items = tuple(items)
    pages = {department_page(dept.id), board_of(dept), catalogue_of(dept), inspections_page(dept.id)}
    pages.update(page_of(item) for item in items)
    files = {attachment_of(i, a) for i in items if not isinstance(i, NormativeDocument) for a in files_of(i)}
    below = tuple(page[: -len(".md")] + "/" for page in pages)
    return lambda path: path in pages or path in files or path.startswith(below)
