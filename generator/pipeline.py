"""The pipeline, top to bottom:

    load → validate → rules (`check`) → audience (`audience.py`) → flowcharts → pages (`pages/`, from one
    context) → the engine's project written by site.py (`generate`) → the engine's build and search index
    (Pagefind) → scan of every public file (`build`)

One call per stage; each result is made once and frozen. Nothing is written until everything has
been read and checked, and a public site that fails the final scan is removed. docs/architecture.md
names the module of each stage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import annual_report, audience, compliance, crash, flowchart, gitdates, graphviz, revisions, site, svg
from .config import EngineName, SiteConfig, load_config
from .content import Content, load_content
from .defaults import with_catalogue_defaults
from .domain.lanes import lane_names
from .domain.recipients import INTERNAL_SCOPE, Scope
from .ledger import Ledger
from .numbering import index_numbers
from .pages.context import Context, Internal
from .pages.tree import tree
from .problems import Report
from .progress import Progress
from .rules import check_rules, numbering, timeliness, withdrawal
from .sitescan import SiteScan, leak_probes, scan_site

WRITE = "写入"
"""The stage that writes the engine's project: the only one that changes a file (the live preview waits on it)."""
SCAN_MEMO = "site-scan.json"
"""Hashes of the site files the last scans found clean (see sitescan.scan_site)."""


GENERATED = ("/build/", "/build-*/", "/site/", "/site-*/", "/flowcharts/")
"""What a project's runs write beside its content (see Paths): never committed, so a repository ignores them."""


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
class Unread:
    """`check` stopped before it had a project: the configuration or the content folder could not be read, or the
    audience is unknown. Nothing was checked further and nothing written."""

    report: Report


@dataclass(frozen=True)
class Checked:
    """The outcome of `check`: the report and the project it read. A report with errors stops `generate` here."""

    report: Report
    project: Project

    @property
    def config(self) -> SiteConfig:
        return self.project.config

    @property
    def content(self) -> Content:
        return self.project.content

    @property
    def paths(self) -> Paths:
        return self.project.paths


@dataclass(frozen=True)
class Generated:
    """The outcome of `generate`: what one audience is shown, and the project written for the engine."""

    checked: Checked
    shown: Content
    """What the audience may see (the audience stage's view; one department's with `--only`)."""
    pages: int
    layout: graphviz.LayoutStats
    engine: site.Written
    numbers: Mapping[str, str]
    """索引号 of every item by ledger key, whatever the audience."""

    @property
    def report(self) -> Report:
        return self.checked.report

    @property
    def written(self) -> int:
        """Files of the project that changed."""
        return self.engine.written


@dataclass(frozen=True)
class Built:
    """The outcome of `build`: the generated project, whether the engine ran, and the scan of the built site
    (the internal site is not scanned: no file read)."""

    generated: Generated
    site_built: bool
    scan: SiteScan

    @property
    def report(self) -> Report:
        return self.generated.report


Stopped = Unread | Checked
"""A run that problems stopped before anything was written: what `check` returned."""


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
) -> Checked | Unread:
    """Load, validate and apply every rule; write nothing. `site_dir`, `scope` and `only` only say where a build would write.
    Published dates are judged against the ledger when one is given (and has begun), else against git history."""
    with bulk_allocation(), (progress or Progress()).stage("校验") as advance:
        checked = _check(config_file, as_of, site_dir, scope, ledger, only)
        advance(len(checked.content.files) if isinstance(checked, Checked) else 0)
        return checked


def _check(
    config_file: Path, as_of: dt.date, site_dir: Path | None, scope: Scope, ledger: Ledger | None, only: str | None
) -> Checked | Unread:
    report = Report()
    crash.project_root(config_file.parent)
    crash.stage("读取配置", config_file)
    config, problems = load_config(config_file)
    report.extend(problems)
    if config is None:
        return Unread(report)
    paths = Paths.of(config_file, config, site_dir, scope, only)
    content, problems = load_content(paths.content)
    report.extend(problems)
    content = with_catalogue_defaults(content, config)
    report.names.update((d.id, str(d.name)) for d in content.departments)
    if not audience.known_scope(content, scope):
        report.extend([audience.unknown_audience(paths.content, scope)])
        return Unread(report)
    scoped = audience.config_for(config, scope)
    if scoped is None:
        report.extend([audience.missing_address(config, scope)])
    config = scoped or config  # the build for a unit or the internal site links to its own address, not the public one
    crash.stage("规则检查")
    report.extend(check_rules(content, config, as_of))
    if ledger is not None and (ledger.entries or ledger.problems):
        report.extend(ledger.problems)
        target = audience.for_audience(content, INTERNAL_SCOPE if ledger.audience == INTERNAL_SCOPE else "public")
        report.extend(timeliness.backdating_by_ledger(target, config, ledger, ledger.goes_live or as_of))
        report.extend(withdrawal.deleted(content, ledger))
        report.extend(withdrawal.replaced(content, ledger))
        report.extend(timeliness.relabelled_by_ledger(content, config, ledger))
        report.extend(numbering.against_ledger(content, ledger))
    else:
        history = gitdates.read_history(paths.content, config.timeliness.since_ref, config.timeliness.since_date)
        report.extend(timeliness.backdating(content, config, history))
        report.extend(withdrawal.replaced_in_git(content, history))
        report.extend(timeliness.relabelled(content, history))
    return Checked(report, Project(config, content, paths))


def dot_sources(shown: Content) -> dict[str, str]:
    """The DOT source of every procedure's flowchart, keyed `department/id`."""
    names = lane_names(shown.departments)
    fees = flowchart.fee_labels(shown.fees.items if shown.fees else ())
    return {f"{p.department}/{p.id}": flowchart.to_dot(p, names, fees) for p in shown.procedures}


def flowcharts(shown: Content, cache: Path, stats: graphviz.LayoutStats) -> dict[str, str]:
    """Accessible inline SVG for every procedure, laid out in one `dot` run (cached)."""
    raw = graphviz.layout(dot_sources(shown), cache, flowchart.FONT, stats)
    names = lane_names(shown.departments)
    return {
        f"{p.department}/{p.id}": svg.accessible(
            raw[f"{p.department}/{p.id}"],
            f"fc-{p.department}-{p.id}",
            f"{p.name}办事流程图",
            flowchart.step_summary(p, names),
        )
        for p in shown.procedures
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
) -> Generated | Stopped:
    """Check, keep what `scope` may see, render pages and flowcharts, and write the project for the engine
    (`engine`, else the one site_config.yml names).

    With `only` (a department id, for a quick preview) the project holds that department's pages
    and the pages they link to, in its own folder (build-only-ID/); the whole content is still checked.
    """
    progress = progress or Progress()
    with bulk_allocation():
        checked = check(config_file, as_of, site_dir, scope, ledger, only, progress)
        if not isinstance(checked, Checked) or checked.report.exit_code:
            return checked
        return _generate(checked, as_of, scope, ledger, only, progress, engine)


def _generate(
    checked: Checked,
    as_of: dt.date,
    scope: Scope,
    ledger: Ledger | None,
    only: str | None,
    progress: Progress,
    engine: EngineName | None,
) -> Generated:
    config, content, paths = checked.config, checked.content, checked.paths
    shown = audience.for_audience(content, scope)
    if only is not None:
        shown = audience.for_department(shown, only)
    numbers = index_numbers(content, ledger.index_numbers() if ledger else None, config.index_numbers, as_of)
    # with a ledger, only what changed after going live is a revision: an empty one (a first publish) has none yet
    if ledger is not None and not ledger.problems:
        changes = revisions.from_ledger(content, ledger, ledger.goes_live or as_of)
    else:
        changes = revisions.from_git(content, gitdates.read_versions(paths.content), config.timeliness.since_date)
    internal = None
    if scope == INTERNAL_SCOPE:
        figures = compliance.compute(content, config, checked.report.problems, as_of)
        internal = Internal(figures, annual_report.reports(content, config.calendar, as_of, config.category_names))
    context = Context.of(
        shown,
        config,
        as_of,
        updated=gitdates.last_changed(paths.content),
        numbers=numbers,
        revisions=changes,
        banner=audience.banner(content, scope),
        internal=internal,
    )
    layout = graphviz.LayoutStats()
    crash.stage("绘制流程图", paths.flowcharts)
    with progress.stage("流程图", total=len(shown.procedures)) as advance:
        svgs = flowcharts(shown, paths.flowcharts, layout)
        advance(len(svgs))
    crash.stage("生成页面")
    with progress.stage("页面") as advance:
        files = tree(context, svgs)
        pages = sum(1 for path in files.files if path.endswith(".md"))
        advance(pages)
    crash.stage("写入页面", paths.build)
    with progress.stage(WRITE, total=len(files.files) + len(files.copies)) as advance:
        written = site.write_project(config, files, paths.build, paths.site, engine or config.engine)
        advance(len(files.files) + len(files.copies))
    return Generated(checked, shown, pages, layout, written, numbers)


def build(
    config_file: Path,
    as_of: dt.date,
    site_dir: Path | None = None,
    scope: Scope = "public",
    ledger: Ledger | None = None,
    progress: Progress | None = None,
    engine: EngineName | None = None,
) -> Built | Stopped:
    """Generate, build the site with the engine (`engine`, else the one site_config.yml names) and index it for
    search (unless nothing changed), then scan every public file; a public site that leaks is removed."""
    progress = progress or Progress()
    generated = generate(config_file, as_of, site_dir, scope, ledger, progress=progress, engine=engine)
    if not isinstance(generated, Generated):
        return generated
    paths = generated.checked.paths
    crash.stage("构建网站", paths.site)
    with progress.stage("网站", total=generated.pages) as advance:
        site_built = site.build(generated.engine, advance)
    if scope == INTERNAL_SCOPE:
        return Built(generated, site_built, SiteScan())
    probes = leak_probes(generated.checked.content, generated.shown)
    crash.stage("扫描网站", paths.site)
    with progress.stage("扫描") as advance:
        scan = scan_site(paths.site, generated.checked.config, probes, memo=paths.build / SCAN_MEMO, advance=advance)
    report = generated.report
    report.extend(scan.problems)
    if report.exit_code:
        shutil.rmtree(paths.site)
    return Built(generated, site_built, scan)
