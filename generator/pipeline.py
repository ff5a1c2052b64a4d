"""The pipeline, top to bottom: load → validate → rules → render → flowcharts → site.

Nothing is written until everything has been read and checked.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import flowchart, graphviz, site, svg
from .config import SiteConfig, load_config
from .content import Content, load_content
from .model import Procedure
from .privacy import SiteScan, scan_site
from .problems import Report
from .render import Site, render_pages
from .rules import check_rules
from .rules.audience import Scope, for_audience, leak_probes


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
    shown: Content | None = None
    scan: SiteScan = field(default_factory=SiteScan)


def check(config_file: Path, as_of: dt.date) -> Checked:
    """Load, validate and apply every rule; write nothing."""
    report = Report()
    config, problems = load_config(config_file)
    report.extend(problems)
    if config is None:
        return Checked(report)
    paths = Paths.of(config_file, config)
    content, problems = load_content(paths.content)
    report.extend(problems)
    report.extend(check_rules(content, config, as_of))
    return Checked(report, config, content, paths)


def step_summary(proc: Procedure, site_view: Site) -> str:
    """The text equivalent of a flowchart, for its <desc>."""
    parts = []
    for n, step in enumerate(proc.steps, 1):
        limit = f",{step.days}个工作日" if step.days is not None else ""
        branches = ";".join(
            f"{b.when}则{'办结' if b.to == 'end' else site_view.step_action(proc, b.to)}" for b in step.branches
        )
        parts.append(
            f"{n}. {step.action}({site_view.lane_name(proc, step.section)}{limit}){':' + branches if branches else ''}"
        )
    return f"{proc.name}办事流程图,共{len(proc.steps)}个环节。" + " ".join(parts)


def flowcharts(site_view: Site, cache: Path, stats: graphviz.LayoutStats) -> dict[str, str]:
    """Accessible inline SVG for every procedure, laid out in one `dot` run (cached)."""
    names, fees = site_view.lane_names(), site_view.fee_names()
    sources = {f"{p.department}/{p.id}": flowchart.to_dot(p, names, fees) for p in site_view.content.procedures}
    raw = graphviz.layout(sources, cache, stats)
    out = {}
    for proc in site_view.content.procedures:
        key = f"{proc.department}/{proc.id}"
        out[key] = svg.accessible(
            raw[key], f"fc-{proc.department}-{proc.id}", f"{proc.name}办事流程图", step_summary(proc, site_view)
        )
    return out


def generate(config_file: Path, as_of: dt.date, site_dir: Path | None = None, scope: Scope = "public") -> Built:
    """Check, keep what `scope` may see, then render pages and flowcharts and write the Markdown tree and mkdocs.yml."""
    checked = check(config_file, as_of)
    built = Built(checked)
    if checked.report.exit_code or checked.config is None or checked.content is None:
        return built
    paths = Paths.of(config_file, checked.config, site_dir, scope)
    built.shown = for_audience(checked.content, scope)
    view = Site(built.shown, checked.config, as_of)
    svgs = flowcharts(view, paths.flowcharts, built.layout)
    pages = render_pages(view, svgs)
    docs = paths.build / "docs"
    built.pages = len(pages)
    built.written = site.write_tree(docs, pages)
    mkdocs_yml = paths.build / "mkdocs.yml"
    site.write_config(mkdocs_yml, site.mkdocs_config(checked.config, docs, paths.site))
    return built


def build(config_file: Path, as_of: dt.date, site_dir: Path | None = None, scope: Scope = "public") -> Built:
    """Generate, build the site with mkdocs, then scan every public file; a site that leaks is removed."""
    built = generate(config_file, as_of, site_dir, scope)
    checked = built.checked
    if checked.report.exit_code or checked.config is None or checked.content is None or built.shown is None:
        return built
    paths = Paths.of(config_file, checked.config, site_dir, scope)
    site.build_site(paths.build / "mkdocs.yml")
    if scope == "public":
        probes = leak_probes(checked.content, built.shown)
        built.scan = scan_site(paths.site, checked.config, probes)
        checked.report.extend(built.scan.problems)
        if checked.report.exit_code:
            shutil.rmtree(paths.site)
    return built
