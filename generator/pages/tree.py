"""Every file of a site, made in one place from one context: the Markdown pages, the open data and feed, each
flowchart as a file of its own, the attachments to copy, the footer and, on the internal site, the 检查考核 page
and the annual reports with their navigation. What this hands on (`site.Tree`) is all the engine is given."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from ..config import ICP_SYSTEM
from ..domain import pages as urls
from ..domain.pages import attachment_of, chart_of
from ..model import Posting, Procedure, files_of
from ..registers.model import PublishedReport
from ..site import Tree
from . import annual_report, report
from .context import Context
from .environment import environment
from .items import item_pages
from .lists import list_pages
from .opendata import FEED, atom_feed, data_files
from .registers import register_pages


def tree(site: Context, svgs: Mapping[str, str]) -> Tree:
    """Everything the engine builds the site from; `svgs` are the flowcharts by `department/id`."""
    pages = site_pages(site, svgs)
    nav: list[dict[str, str]] = []
    if site.internal is not None:
        pages[report.PATH] = report.markdown(site.internal.compliance)
        nav.append({report.TITLE: report.PATH})
        for figures in site.internal.annual_reports:
            path = urls.annual_report_page(figures.year)
            pages[path] = annual_report.markdown(figures)
            nav.append({f"{figures.year}年政府信息公开工作年度报告": path})
    return Tree(
        files=pages | data(site) | chart_files(site, svgs),
        copies=attachment_files(site),
        footer=footer(site),
        extra_nav=nav,
        banner=site.banner,
    )


def site_pages(site: Context, svgs: Mapping[str, str]) -> dict[str, str]:
    """Every Markdown page every audience's site has: path → text."""
    return dict(item_pages(site, svgs)) | dict(list_pages(site)) | dict(register_pages(site))


def data(site: Context) -> dict[str, str]:
    """The open-data files (JSON, CSV, JSON Schema) and the Atom feed: path → text."""
    base = site.config.site_url
    files = data_files(site.datasets(), base)
    files[FEED] = atom_feed(site.postings, site.config.site_name, base, site.url, site.dept_name)
    return files


def chart_files(site: Context, svgs: Mapping[str, str]) -> dict[str, str]:
    """Every flowchart as a file of its own, to open full size: docs path → SVG text."""
    files = {}
    for proc in site.procedures:
        svg = svgs.get(f"{proc.department}/{proc.id}")
        if svg:
            files[chart_of(proc)] = svg + "\n"
    return files


def attachment_files(site: Context) -> dict[str, Path]:
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


def footer(site: Context) -> str:
    """The footer every page carries: the government and the site's identity, every value escaped;
    links start with {root}, the theme makes them relative."""
    text = (
        environment()
        .get_template("footer.html.j2")
        .render(
            config=site.config,
            government=site.district.government if site.district else "",
            sitemap=Markup("{root}") + urls.md_to_url(urls.SITEMAP),
            guide=Markup("{root}") + urls.md_to_url(urls.GUIDE),
            icp_system=ICP_SYSTEM,
        )
    )
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
