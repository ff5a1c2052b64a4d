"""The pipeline, top to bottom:

    load → validate → rules (`check`) → audience filter → flowcharts → render → write (`generate`)
    → mkdocs → search index (Pagefind) → scan of every public file (`build`)

Nothing is written until everything has been read and checked, and a public site that fails
the final scan is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import compliance, flowchart, gitdates, graphviz, reporting, site, svg
from .config import SiteConfig, load_config
from .content import Content, load_content
from .privacy import SiteScan, scan_site
from .problems import Report
from .render import Site, attachment_files, render_data, render_pages
from .rules import check_rules, timeliness
from .rules.audience import Scope, for_audience, leak_probes

SCAN_MEMO = "site-scan.json"
"""Hashes of the site files the last scans found clean (see privacy.scan_site)."""


@dataclass
class Paths:
    """Where a project keeps its files, all relative to site_config.yml."""

    config_file: Path
    content: Path
    build: Path
    site: Path
    flowcharts: Path

    @classmethod
    def of(
        cls, config_file: Path, config: SiteConfig | None, site_dir: Path | None = None, scope: Scope = "public"
    ) -> Paths:
        root = config_file.parent
        suffix = "" if scope == "public" else f"-{scope}"
        return cls(
            config_file=config_file,
            content=root / (config.content if config else "content"),
            build=root / f"build{suffix}",
            site=site_dir or root / f"site{suffix}",
            flowcharts=root / "flowcharts",
        )


@dataclass
class Checked:
    """The outcome of `check`: the report, and the content when it could be read."""

    report: Report
    config: SiteConfig | None = None
    content: Content | None = None
    paths: Paths | None = None


@dataclass
class Built:
    checked: Checked
    layout: graphviz.LayoutStats = field(default_factory=graphviz.LayoutStats)
    pages: int = 0
    written: int = 0
    fingerprint: str = ""
    site_built: bool = False
    shown: Content | None = None
    scan: SiteScan = field(default_factory=SiteScan)


@contextlib.contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of records and pages are made.

    Loading and rendering build next to no reference cycles, yet every collection would walk all that
    was made so far: on the reference workload `check` took 4.4 s with the collector on and 2.6 s
    paused. Objects are still freed by reference counting; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(config_file: Path, as_of: dt.date) -> Checked:
    """Load, validate and apply every rule; write nothing."""
    with bulk_allocation():
        return _check(config_file, as_of)


def _check(config_file: Path, as_of: dt.date) -> Checked:
    report = Report()
    config, problems = load_config(config_file)
    report.extend(problems)
    if config is None:
        return Checked(report)
    paths = Paths.of(config_file, config)
    content, problems = load_content(paths.content)
    report.extend(problems)
    report.extend(check_rules(content, config, as_of))
    history = gitdates.read_history(paths.content, config.timeliness.since_ref)
    report.extend(timeliness.backdating(content, config, history))
    return Checked(report, config, content, paths)


def dot_sources(site_view: Site) -> dict[str, str]:
    """The DOT source of every procedure's flowchart, keyed `department/id`."""
    names = site_view.lane_names()
    fees = flowchart.fee_labels(site_view.content.fees.items if site_view.content.fees else ())
    return {f"{p.department}/{p.id}": flowchart.to_dot(p, names, fees) for p in site_view.content.procedures}


def flowcharts(site_view: Site, cache: Path, stats: graphviz.LayoutStats) -> dict[str, str]:
    """Accessible inline SVG for every procedure, laid out in one `dot` run (cached)."""
    raw = graphviz.layout(dot_sources(site_view), cache, flowchart.FONT, stats)
    names = site_view.lane_names()
    return {
        f"{p.department}/{p.id}": svg.accessible(
            raw[f"{p.department}/{p.id}"],
            f"fc-{p.department}-{p.id}",
            f"{p.name}办事流程图",
            flowchart.step_summary(p, names),
        )
        for p in site_view.content.procedures
    }


def generate(config_file: Path, as_of: dt.date, site_dir: Path | None = None, scope: Scope = "public") -> Built:
    """Check, keep what `scope` may see, then render pages and flowcharts and write the Markdown tree and mkdocs.yml."""
    with bulk_allocation():
        return _generate(config_file, as_of, site_dir, scope)


def _generate(config_file: Path, as_of: dt.date, site_dir: Path | None, scope: Scope) -> Built:
    checked = check(config_file, as_of)
    built = Built(checked)
    if checked.report.exit_code or checked.config is None or checked.content is None:
        return built
    paths = Paths.of(config_file, checked.config, site_dir, scope)
    built.shown = for_audience(checked.content, scope)
    view = Site(built.shown, checked.config, as_of, gitdates.last_changed(paths.content))
    svgs = flowcharts(view, paths.flowcharts, built.layout)
    pages = render_pages(view, svgs)
    if scope == "internal":
        figures = compliance.compute(checked.content, checked.config, checked.report.problems, as_of)
        pages[reporting.PAGE] = reporting.page(figures)
    docs = paths.build / "docs"
    built.pages = len(pages)
    files = pages | render_data(view)
    copies = attachment_files(view)
    built.written = site.write_tree(docs, files, copies)
    mkdocs_yml = paths.build / "mkdocs.yml"
    footer = checked.content.district.government if checked.content.district else ""
    theme = paths.build / "theme"
    theme_files = site.write_theme(theme)
    nav = [{reporting.TITLE: reporting.PAGE}] if scope == "internal" else []
    cfg = site.mkdocs_config(checked.config, docs, paths.site, theme_dir=theme, footer=footer, extra_nav=nav)
    site.write_config(mkdocs_yml, cfg)
    digests = [f"{rel}:{hashlib.sha256(path.read_bytes()).hexdigest()}" for rel, path in sorted(copies.items())]
    built.fingerprint = site.fingerprint(files, cfg, *theme_files.values(), *digests)
    return built


def build(config_file: Path, as_of: dt.date, site_dir: Path | None = None, scope: Scope = "public") -> Built:
    """Generate, build the site with mkdocs (unless nothing changed), then scan every public file; a site that leaks is removed."""
    built = generate(config_file, as_of, site_dir, scope)
    checked = built.checked
    if checked.report.exit_code or checked.config is None or checked.content is None or built.shown is None:
        return built
    paths = Paths.of(config_file, checked.config, site_dir, scope)
    built.site_built = site.build_if_changed(paths.build / "mkdocs.yml", built.fingerprint, paths.site)
    if scope == "public":
        probes = leak_probes(checked.content, built.shown)
        built.scan = scan_site(paths.site, checked.config, probes, memo=paths.build / SCAN_MEMO)
        checked.report.extend(built.scan.problems)
        if checked.report.exit_code:
            shutil.rmtree(paths.site)
    return built
