"""The pipeline, top to bottom:

    load → validate → rules (`check`) → audience filter → flowcharts → render
    → the engine's project written by site.py (`generate`) → the engine's build and search index (Pagefind)
    → scan of every public file (`build`)

One call per stage; each result is made once and frozen. Nothing is written until everything has
been read and checked, and a public site that fails the final scan is removed. docs/architecture.md
names the module of each stage.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import compliance, crash, flowchart, gitdates, graphviz, reporting, revisions, site, svg
from .config import EngineName, SiteConfig, load_config
from .content import Content, load_content
from .domain.recipients import INTERNAL_SCOPE
from .ledger import Ledger
from .numbering import index_numbers
from .problems import Report
from .progress import Progress
from .registers import annual_report
from .render import Site, attachment_files, chart_files, footer_html, render_data, render_pages
from .rules import check_rules, numbering, timeliness, withdrawal
from .rules.audience import Scope, banner, for_audience, for_department, known_scope, leak_probes, unknown_audience
from .sitescan import SiteScan, scan_site

WRITE = "写入"
"""The stage that writes the engine's project: the only one that changes a file (the live preview waits on it)."""
SCAN_MEMO = "site-scan.json"
"""Hashes of the site files the last scans found clean (see sitescan.scan_site)."""


@dataclass(frozen=True)
class Paths:
    """Where a project keeps its files, all relative to site_config.yml; computed once per run."""

    config_file: Path
    content: Path
    build: Path
    site: Path
    flowcharts: Path

    @classmethod
    def of(
        cls,
        config_file: Path,
        config: SiteConfig | None,
        site_dir: Path | None = None,
        scope: Scope = "public",
        only: str | None = None,
    ) -> Paths:
        root = config_file.parent
        suffix = ("" if scope == "public" else f"-{scope}") + ("" if only is None else f"-only-{only}")
        return cls(
            config_file=config_file,
            content=root / (config.content if config else "content"),
            build=root / f"build{suffix}",
            site=site_dir or root / f"site{suffix}",
            flowcharts=root / "flowcharts",
        )


@dataclass(frozen=True)
class Project:
    """What `check` read: the configuration, the content and where the run writes."""

    config: SiteConfig
    content: Content
    paths: Paths


@dataclass(frozen=True)
class Checked:
    """The outcome of `check`: the report, and the project when its configuration could be read."""

    report: Report
    project: Project | None = None

    @property
    def config(self) -> SiteConfig | None:
        return self.project.config if self.project else None

    @property
    def content(self) -> Content | None:
        return self.project.content if self.project else None

    @property
    def paths(self) -> Paths | None:
        return self.project.paths if self.project else None


@dataclass(frozen=True)
class Built:
    """The outcome of `generate` or `build`, made once: a run stopped by problems keeps the defaults."""

    checked: Checked
    layout: graphviz.LayoutStats = field(default_factory=graphviz.LayoutStats)
    pages: int = 0
    written: int = 0
    fingerprint: str = ""
    site_built: bool = False
    shown: Content | None = None
    scan: SiteScan = field(default_factory=SiteScan)
    engine: site.Written | None = None
    """The project as written for the engine; None when the run stopped before writing."""
    numbers: dict[str, str] = field(default_factory=dict)
    """索引号 of every item by ledger key, whatever the audience."""


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


def check(
    config_file: Path,
    as_of: dt.date,
    site_dir: Path | None = None,
    scope: Scope = "public",
    ledger: Ledger | None = None,
    only: str | None = None,
    progress: Progress | None = None,
) -> Checked:
    """Load, validate and apply every rule; write nothing. `site_dir`, `scope` and `only` only say where a build would write.
    Published dates are judged against the ledger when one is given (and has begun), else against git history."""
    with bulk_allocation(), (progress or Progress()).stage("校验") as advance:
        checked = _check(config_file, as_of, site_dir, scope, ledger, only)
        advance(len(checked.content.files) if checked.content else 0)
        return checked


def _check(
    config_file: Path, as_of: dt.date, site_dir: Path | None, scope: Scope, ledger: Ledger | None, only: str | None
) -> Checked:
    report = Report()
    crash.project_root(config_file.parent)
    crash.stage("读取配置", config_file)
    config, problems = load_config(config_file)
    report.extend(problems)
    if config is None:
        return Checked(report)
    paths = Paths.of(config_file, config, site_dir, scope, only)
    content, problems = load_content(paths.content)
    report.extend(problems)
    report.names.update((d.id, str(d.name)) for d in content.departments)
    if not known_scope(content, scope):
        report.extend([unknown_audience(paths.content, scope)])
        return Checked(report)
    crash.stage("规则检查")
    report.extend(check_rules(content, config, as_of))
    if ledger is not None and (ledger.entries or ledger.problems):
        report.extend(ledger.problems)
        report.extend(timeliness.backdating_by_ledger(content, config, ledger, ledger.goes_live or as_of))
        report.extend(withdrawal.deleted(content, ledger))
        report.extend(numbering.against_ledger(content, ledger))
    else:
        history = gitdates.read_history(paths.content, config.timeliness.since_ref)
        report.extend(timeliness.backdating(content, config, history))
    return Checked(report, Project(config, content, paths))


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


def generate(
    config_file: Path,
    as_of: dt.date,
    site_dir: Path | None = None,
    scope: Scope = "public",
    ledger: Ledger | None = None,
    only: str | None = None,
    progress: Progress | None = None,
    engine: EngineName | None = None,
) -> Built:
    """Check, keep what `scope` may see, render pages and flowcharts, and write the project for the engine
    (`engine`, else the one site_config.yml names).

    With `only` (a department id, for a quick preview) the project holds that department's pages
    and the pages they link to, in its own folder (build-only-ID/); the whole content is still checked.
    """
    progress = progress or Progress()
    with bulk_allocation():
        checked = check(config_file, as_of, site_dir, scope, ledger, only, progress)
        if checked.report.exit_code or checked.project is None:
            return Built(checked)
        return _generate(checked, checked.project, as_of, scope, ledger, only, progress, engine)


def _generate(
    checked: Checked,
    project: Project,
    as_of: dt.date,
    scope: Scope,
    ledger: Ledger | None,
    only: str | None,
    progress: Progress,
    engine: EngineName | None,
) -> Built:
    config, content, paths = project.config, project.content, project.paths
    shown = for_audience(content, scope)
    if only is not None:
        shown = for_department(shown, only)
    numbers = index_numbers(content, ledger.index_numbers() if ledger else None, config.index_numbers, as_of)
    if ledger is not None and ledger.entries and not ledger.problems:
        changes = revisions.from_ledger(content, ledger, ledger.goes_live or as_of)
    else:
        changes = revisions.from_git(content, gitdates.read_versions(paths.content), config.timeliness.since_date)
    view = Site(shown, config, as_of, gitdates.last_changed(paths.content), numbers, changes)
    layout = graphviz.LayoutStats()
    crash.stage("绘制流程图", paths.flowcharts)
    with progress.stage("流程图", total=len(shown.procedures)) as advance:
        svgs = flowcharts(view, paths.flowcharts, layout)
        advance(len(svgs))
    crash.stage("生成页面")
    with progress.stage("页面") as advance:
        pages = render_pages(view, svgs)
        nav: list[dict[str, str]] = []
        if scope == INTERNAL_SCOPE:
            pages[reporting.PAGE] = reporting.page(compliance.compute(content, config, checked.report.problems, as_of))
            pages.update(annual_report.pages(content, config.calendar, as_of))
            nav = [{reporting.TITLE: reporting.PAGE}, *annual_report.nav(content, as_of)]
        advance(len(pages))
    tree = site.Tree(
        files=pages | render_data(view) | chart_files(view, svgs),
        copies=attachment_files(view),
        footer=footer_html(config, content.district.government if content.district else ""),
        extra_nav=nav,
        banner=banner(content, scope),
    )
    crash.stage("写入页面", paths.build)
    with progress.stage(WRITE, total=len(tree.files) + len(tree.copies)) as advance:
        written = site.write_project(config, tree, paths.build, paths.site, engine or config.engine)
        advance(len(tree.files) + len(tree.copies))
    return Built(
        checked, layout, len(pages), written.written, written.fingerprint, shown=shown, engine=written, numbers=numbers
    )


def build(
    config_file: Path,
    as_of: dt.date,
    site_dir: Path | None = None,
    scope: Scope = "public",
    ledger: Ledger | None = None,
    progress: Progress | None = None,
    engine: EngineName | None = None,
) -> Built:
    """Generate, build the site with the engine (`engine`, else the one site_config.yml names) and index it for
    search (unless nothing changed), then scan every public file; a public site that leaks is removed."""
    progress = progress or Progress()
    generated = generate(config_file, as_of, site_dir, scope, ledger, progress=progress, engine=engine)
    project, shown, written = generated.checked.project, generated.shown, generated.engine
    if project is None or shown is None or written is None:
        return generated
    paths = project.paths
    crash.stage("构建网站", paths.site)
    with progress.stage("网站", total=generated.pages) as advance:
        site_built = site.build(written, advance)
    if scope == INTERNAL_SCOPE:
        return dataclasses.replace(generated, site_built=site_built)
    probes = leak_probes(project.content, shown)
    crash.stage("扫描网站", paths.site)
    with progress.stage("扫描") as advance:
        scan = scan_site(paths.site, project.config, probes, memo=paths.build / SCAN_MEMO, advance=advance)
    report = generated.checked.report
    report.extend(scan.problems)
    if report.exit_code:
        shutil.rmtree(paths.site)
    return dataclasses.replace(generated, site_built=site_built, scan=scan)
