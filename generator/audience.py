"""The audience stage (policy 二(二)5): what one build may show — the public site, the internal site of the
政务公开领导小组, or the site of one department, unit or group (`--for`).

社会公开 items go on the public site; 一定范围公开 items go on the sites of the recipients they name;
内部公开 items go on their own department's site; the internal site shows everything. A posting not yet
published is pending and shown only on the internal site. `domain/recipients.py` says who belongs to
which group; `rules/audience.py` checks that audiences, recipients and exemptions are well formed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from . import codes
from .config import SiteConfig
from .content import Content
from .domain.recipients import (
    INTERNAL_SCOPE,
    PUBLIC_SCOPE,
    Scope,
    district_directory,
    recipient_of,
    units_of,
)
from .model import PUBLIC, RESTRICTED, Department, Disclosure
from .problems import Loc, Problem, problem
from .schema import label_of


def known_scope(content: Content, scope: Scope) -> bool:
    """True for the public and internal audiences and for the site of a department, unit or group that exists."""
    recipient = recipient_of(scope)
    return recipient is None or recipient in district_directory(content).names


def unknown_audience(content_dir: Path, scope: Scope) -> Problem:
    """`--for` names no department, unit or group of the district."""
    return problem(
        codes.AUDIENCE_UNKNOWN,
        Loc(content_dir.name),
        f"--for {recipient_of(scope)}：没有这个部门、单位或范围。请用部门编号，"
        "或 district.yml 中 units、groups 里的编号。",
        f"--for {recipient_of(scope)} names no department, unit or group; use an id from the departments or from "
        "units/groups in district.yml.",
    )


def address_of(config: SiteConfig, scope: Scope) -> str | None:
    """Where the site built for `scope` is served: `site_url` for the public one, else its own address if given."""
    if scope == PUBLIC_SCOPE:
        return config.site_url
    if scope == INTERNAL_SCOPE:
        return config.internal_site_url
    return next((site.site_url for site in config.audiences if site.id == recipient_of(scope)), None)


def config_for(config: SiteConfig, scope: Scope) -> SiteConfig | None:
    """The settings as the build for `scope` uses them: its own address as `site_url`; None when it has none."""
    address = address_of(config, scope)
    return None if address is None else dataclasses.replace(config, site_url=address)


def missing_address(config: SiteConfig, scope: Scope) -> Problem:
    """The problem of a build for an audience whose site has no address in site_config.yml."""
    recipient = recipient_of(scope)
    if recipient is None:
        zh = (
            "生成内部网站需要它在政务内网上的网址：请在 site_config.yml 中写 internal_site_url:"
            " 网址（以 / 结尾）。内部网站的链接、网站地图和订阅都用这个网址，不用社会公开网站的网址。"
        )
        en = "The internal site needs its own address: add `internal_site_url:` to site_config.yml."
        key = "internal_site_url"
        where = config.loc
    else:
        zh = (
            f"生成“{recipient}”的网站需要它在政务内网上的网址：请在 site_config.yml 的 audiences 中加一项"
            f" - id: {recipient}，下一行 site_url: 网址（以 / 结尾）。"
        )
        en = f"The site for {recipient} needs its own address: add `- id: {recipient}` with `site_url:` under `audiences`."
        key = "audiences"
        where = config.where(key)
    return problem(codes.SITE_ADDRESS_MISSING, where, zh, en, key=key, label=label_of(SiteConfig, key))


def banner(content: Content, scope: Scope) -> str:
    """What every page of a site not meant for the whole public says on top; nothing on the public site."""
    if scope == PUBLIC_SCOPE:
        return ""
    who = district_directory(content).describe(scope)
    if scope == INTERNAL_SCOPE:
        return f"内部网站：{who}查看，含一定范围公开和内部公开的信息，不得对外发布。"
    return f"本网站为“{who}”生成，含向其一定范围公开的信息，不得对外发布。"


def _owner(item: Disclosure) -> str:
    return item.id if isinstance(item, Department) else getattr(item, "department", "")


def _viewer(content: Content, scope: Scope) -> Callable[[Disclosure], bool]:
    """Whether the audience `scope` may see one item, judged by the item alone."""
    recipient = recipient_of(scope)
    if scope == INTERNAL_SCOPE:
        return lambda item: True
    if recipient is None:  # the public
        return lambda item: item.audience == PUBLIC
    addressees = district_directory(content).addressees(recipient)

    def sees(item: Disclosure) -> bool:
        if item.audience == PUBLIC or _owner(item) == recipient:
            return True
        return item.audience == RESTRICTED and not addressees.isdisjoint(item.recipients)

    return sees


def for_audience(content: Content, scope: Scope) -> Content:
    """The content a build for `scope` may show: what it may see, less every item that relies on a department it
    may not see, and every posting not yet published (no `published` date: it is pending, and pending is not
    public — nor shown to any other audience but the internal one)."""
    if scope == INTERNAL_SCOPE:
        return content
    sees = _viewer(content, scope)
    departments = tuple(d for d in content.departments if sees(d))
    hidden = frozenset(d.id for d in content.departments) - {d.id for d in departments}
    procedures = tuple(p for p in content.procedures if sees(p) and not units_of(p) & hidden)
    postings = tuple(p for p in content.postings if sees(p) and p.published is not None and not units_of(p) & hidden)
    fees = content.fees
    if fees is not None:
        fees = dataclasses.replace(fees, items=tuple(f for f in fees.items if f.department not in hidden))
    registers = content.registers.without(hidden)
    return dataclasses.replace(
        content, departments=departments, procedures=procedures, postings=postings, fees=fees, registers=registers
    )


def for_department(content: Content, dept_id: str) -> Content:
    """A preview of one department: its items, the matters it takes part in, and the departments those name."""
    procedures = tuple(p for p in content.procedures if dept_id in units_of(p))
    postings = tuple(p for p in content.postings if p.department == dept_id)
    named = {dept_id} | {unit for p in procedures for unit in units_of(p)}
    departments = tuple(d for d in content.departments if d.id in named)
    return dataclasses.replace(content, departments=departments, procedures=procedures, postings=postings)
