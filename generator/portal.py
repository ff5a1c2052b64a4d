"""A city portal: one search box over several district sites, by merging their published indexes.

Each district publishes its own site with its own Pagefind index (`<site>/pagefind/`). The portal
is a single static page that loads the first district's search engine and merges every other
district's index into it in the visitor's browser (Pagefind's `mergeIndex`), tagging each index
with its district's name as a filter. Nothing is copied or re-indexed: a district that republishes
is searched as published, and a visitor downloads only the chunks a query needs from each site.

`portal.yml` lists the sites:

    title: 巢湖市政务公开
    sites:
      - name: 居巢区
        url: https://www.juchao.gov.cn/zwgk/
      - name: 庐江县
        url: https://www.lujiang.gov.cn/zwgk/

The sites must be reachable from the portal's page: under the same host (as sub-paths, or behind
the city's reverse proxy), or on hosts that allow it with `Access-Control-Allow-Origin`.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import ClassVar

import jinja2

from . import codes
from .model import Record
from .problems import Loc, Problem, problem
from .schema import Labels, Text, spec
from .search import BUNDLE
from .validate import build_record
from .yamlload import YamlError, load_file, with_label

SCRIPT = "portal.js"
"""The portal's script, beside its page."""
_URL = re.compile(r"^(https?://[^/\s]+)?/(\S*/)?$")


@dataclass(frozen=True, kw_only=True)
class PortalSite(Record):
    """One district's published site."""

    label: ClassVar[str] = "区县网站"
    name: Text = spec("名称", "区县的名称，搜索结果注明出自哪里，也用来筛选。", example="居巢区")
    url: Text = spec(
        "网址",
        "该区县政务公开网站的地址，以 / 结尾（如 https://www.juchao.gov.cn/zwgk/，或同一网站下的 /juchao/）；"
        "门户从这里的 pagefind/ 读取它发布的搜索索引。",
        example="https://www.juchao.gov.cn/zwgk/",
    )


@dataclass(frozen=True, kw_only=True)
class Portal(Record):
    """A city portal over several district sites."""

    label: ClassVar[str] = "门户"
    title: Text = spec("门户名称", "门户页面的标题。", example="巢湖市政务公开")
    sites: tuple[PortalSite, ...] = spec("区县网站", "门户一起搜索的各区县政务公开网站，每个一项。")


def load_portal(path: Path) -> tuple[Portal | None, list[Problem]]:
    """Read portal.yml; problems instead of exceptions."""
    problems: list[Problem] = []
    try:
        node = load_file(path, path.name)
    except YamlError as exc:
        return None, [with_label(exc.problem, Portal)]
    except OSError as exc:
        msg = f"读不到门户配置 {path}:{exc.strerror}。", f"Cannot read the portal file {path}: {exc.strerror}."
        return None, [problem(codes.PORTAL_SITE, Loc(path.name), *msg)]
    portal = build_record(Portal, node, Loc(path.name), problems)
    if portal is None:
        return None, problems
    problems += _check_sites(portal)
    return (None if any(p.code.severity == "error" for p in problems) else portal), problems


def _check_sites(portal: Portal) -> list[Problem]:
    found: list[Problem] = []
    names: set[str] = set()
    urls: set[str] = set()
    for site in portal.sites:
        if not _URL.match(site.url):
            found.append(
                problem(
                    codes.PORTAL_SITE,
                    site.where("url"),
                    f"网址“{site.url}”要写成 https://主机/路径/ 或 /路径/，以 / 结尾。",
                    f"Write the address {site.url!r} as https://host/path/ or /path/, ending with /.",
                )
            )
        for value, seen, zh in ((site.name, names, "名称"), (site.url, urls, "网址")):
            if value in seen:
                found.append(
                    problem(
                        codes.PORTAL_SITE,
                        site.where("name" if seen is names else "url"),
                        f"{zh}“{value}”在门户中出现了两次，每个{PORTAL.sites}只列一次。",
                        f"{value!r} is listed twice; list each district site once.",
                    )
                )
            seen.add(value)
    return found


def page(portal: Portal) -> str:
    """The portal's HTML page: the sites travel as JSON data, every name is text, never markup."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    sites = [{"name": s.name, "url": s.url} for s in portal.sites]
    data = json.dumps({"sites": sites, "bundle": f"{BUNDLE}/"}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return env.get_template("portal.html.j2").render(title=portal.title, sites=sites, data=data, script=SCRIPT)


def write_portal(portal: Portal, out: Path) -> list[Path]:
    """Write the portal (its page and script) into `out`; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    index.write_text(page(portal), encoding="utf-8")
    script = out / SCRIPT
    with resources.as_file(resources.files("generator") / "assets" / SCRIPT) as source:
        shutil.copyfile(source, script)
    return [index, script]


# Labels of the records this module declares, for its messages (read when a message is made).
PORTAL = Labels(Portal)
