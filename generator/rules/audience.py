"""Audiences (policy 二(二)5) well formed: each non-public item says why it is not public (条例 Art. 14–16),
restricted items name known recipients, public items rely on no hidden department, and secret material
(涉密, 内部资料) has no place in the content repository at all. The filter that keeps what an audience may not
see out of a build is the audience stage (`audience.py`); `domain/recipients.py` says who belongs to which group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from .. import codes
from ..config import SiteConfig
from ..content import Content, per_record, texts_of
from ..domain.recipients import district_directory, hidden_departments, units_of
from ..model import PUBLIC, RESTRICTED, Attachment, Disclosure, FeeItem, Group, Posting, Procedure, Record, Unit
from ..privacy import scan_content
from ..problems import Loc, Problem, on_field, problem
from ..schema import Labels, label_of
from ..secrecy import find_markings

DISCLOSURE = Labels(Disclosure)
FEE_ITEM = Labels(FeeItem)
PROCEDURE = Labels(Procedure)


def disclosed_items(content: Content) -> Iterator[Disclosure]:
    yield from content.departments
    yield from content.procedures
    yield from content.postings


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for item in disclosed_items(content):
        if item.audience != PUBLIC and not item.exemption:
            yield problem(
                codes.EXEMPTION_REQUIRED,
                item.where("audience"),
                f"{DISCLOSURE.audience}为“{item.audience}”时，必须填写不予社会公开的理由及依据（exemption）。",
                f"Audience {item.audience} needs an exemption reason.",
                key="exemption",
                label=label_of(Disclosure, "exemption"),
            )
    yield from per_record(content, "secret-marks", _secret_marks)
    yield from _hidden_dependencies(content)
    yield from _recipients(content)
    known = district_directory(content).names
    for site in config.audiences:
        if site.id not in known:
            yield on_field(
                codes.SITE_AUDIENCE_UNKNOWN,
                site,
                "id",
                f"“{site.id}”不是已知的部门编号，也不是 district.yml 中 units、groups 里的编号；"
                "请改正或从 audiences 中删去。",
                f"{site.id} is no department, unit or group of the district.",
            )

    yield from _shared_files(content)
    yield from _hidden_fees(content)


def _shared_files(content: Content) -> Iterator[Problem]:
    """A file attached to a public posting and to a non-public one would go live with the public one."""
    hidden = hidden_departments(content)
    base = content.root.parent
    owners: dict[Path, list[Posting]] = {}
    for post in content.postings:
        for att in post.attachments:
            owners.setdefault((base / PurePosixPath(post.loc.file).parent / att.path).resolve(), []).append(post)
    for post in content.postings:
        if post.audience != PUBLIC or post.department in hidden:
            continue
        for att in post.attachments:
            path = (base / PurePosixPath(post.loc.file).parent / att.path).resolve()
            private = [o for o in owners[path] if o.audience != PUBLIC or o.department in hidden]
            if private:
                others = "、".join(f"{o.loc.file}({o.audience})" for o in private)
                yield problem(
                    codes.SHARED_WITH_HIDDEN,
                    att.where("path"),
                    f"这个附件文件也是不向社会公开的信息 {others} 的附件，随本信息发布就会公开；"
                    f"请为本信息单独准备一份可以公开的文件，或统一两者的{DISCLOSURE.audience}。",
                    f"This file is also attached to the non-public {others}; publishing it here would make it public. "
                    "Attach a separate public file, or make the audiences agree.",
                    key="path",
                    label=label_of(Attachment, "path"),
                )


def _hidden_fees(content: Content) -> Iterator[Problem]:
    """A public matter may not charge a fee of a department that is not public: the fee would vanish from its
    guide while its id stayed in the open data."""
    hidden = hidden_departments(content)
    names = {d.id: d.name for d in content.departments}
    items = {f.id: f for f in content.fees.items} if content.fees else {}
    for proc in content.procedures:
        if proc.audience != PUBLIC or proc.department in hidden:
            continue
        for fee_id in proc.fees:
            fee = items.get(fee_id)
            if fee is not None and fee.department in hidden:
                yield problem(
                    codes.SHARED_WITH_HIDDEN,
                    proc.where("fees"),
                    f"{FEE_ITEM.name} {fee_id} 属于不向社会公开的部门“{names.get(fee.department, fee.department)}”"
                    f"（见 {fee.loc.file} 第 {fee.loc.line} 行），社会公开的事项不能引用它；请统一{DISCLOSURE.audience}，或改用公开部门的{FEE_ITEM.name}。",
                    f"The fee {fee_id} belongs to a department that is not public ({fee.loc.file}:{fee.loc.line}); "
                    "a public matter cannot charge it.",
                    key="fees",
                    label=label_of(Procedure, "fees"),
                )


def _secret_marks(record: Record) -> Iterator[Problem]:
    for value in texts_of(record):
        marking = next(find_markings(value.text), None)
        if marking is not None:
            yield _secret(value.loc, f"含有密级或内部资料标志（{marking.text}）", value.key, value.label)


def _secret(loc: Loc, what: str, key: str, label: str) -> Problem:
    return problem(
        codes.SECRET,
        loc,
        f"本文件{what}。涉密信息和内部资料不得放入政务公开内容仓库，网站未生成：请把该文件从仓库中删除；"
        "仓库历史中仍保留此前提交的内容，请立即联系系统管理员清除历史并按保密规定报告。",
        f"This file is marked secret or internal-only ({key}). Remove the file from the repository; "
        "its history still holds it, so contact the administrator at once.",
        key=key,
        label=label,
    )


def _hidden_dependencies(content: Content) -> Iterator[Problem]:
    hidden = hidden_departments(content)
    names = {d.id: d.name for d in content.departments}
    items: tuple[Procedure | Posting, ...] = (*content.procedures, *content.postings)
    public = [item for item in items if item.audience == PUBLIC]
    for dept in content.departments:
        if dept.id not in hidden:
            continue
        own = [item for item in public if item.department == dept.id]
        if own:
            titles = "、".join(item.name if isinstance(item, Procedure) else item.title for item in own)
            yield _disagree(
                dept.where("audience"), f"本部门不向社会公开，但{titles}为社会公开", ", ".join(i.id for i in own)
            )
    for item in public:
        blocked = sorted(units_of(item) & hidden - {item.department})
        if blocked:
            which = "、".join(names[b] for b in blocked)
            yield _disagree(
                item.where("audience"),
                f"本项为社会公开，但{PROCEDURE.units}（{which}）不向社会公开",
                ", ".join(blocked),
            )


def _disagree(loc: Loc, what: str, which: str) -> Problem:
    return problem(
        codes.PUBLIC_NEEDS_HIDDEN,
        loc,
        f"{what}，公开网站不会显示这些社会公开的内容。请统一{DISCLOSURE.audience}。",
        f"Public and non-public items depend on each other ({which}); the public site leaves them out. "
        "Make the audiences agree.",
        key="audience",
        label=label_of(Disclosure, "audience"),
    )


def _recipients(content: Content) -> Iterator[Problem]:
    """Restricted items name known recipients; the district's units and groups are well formed."""
    names = district_directory(content)
    district = content.district
    if district is not None:
        taken = {d.id for d in content.departments}
        entries: tuple[Unit | Group, ...] = (*district.units, *district.groups)
        for entry in entries:
            if entry.id in taken:
                yield on_field(
                    codes.UNIT_ID_TAKEN,
                    entry,
                    "id",
                    f"编号“{entry.id}”已被部门或其他单位、范围使用，请换一个编号。",
                    f"The id {entry.id} is already a department, unit or group; choose another.",
                )
            taken.add(entry.id)
        for group in district.groups:
            for member in group.members:
                if member not in names.names:
                    yield on_field(
                        codes.GROUP_MEMBER_UNKNOWN,
                        group,
                        "members",
                        f"成员“{member}”不是已知的部门编号、units 中的单位编号或 groups 中的范围编号。"
                        "请改正编号，或先在 district.yml 的 units 中添加该单位。",
                        f"The member {member} is no known department, unit or group.",
                    )
            if names.cycle(group.id):
                yield on_field(
                    codes.GROUP_CYCLE,
                    group,
                    "members",
                    f"范围“{group.name}”通过其成员包含了它自己，请去掉循环引用。",
                    f"The group {group.id} contains itself through its members.",
                )
    for item in disclosed_items(content):
        if item.audience == RESTRICTED and not item.recipients:
            yield on_field(
                codes.RECIPIENTS_REQUIRED,
                item,
                "audience",
                f"一定范围公开必须写明{DISCLOSURE.recipients}（recipients）：部门编号、单位编号或范围编号，每条一项，"
                "如 recipients: [xiangzhen]。只有这些单位的网站显示本项。",
                "A restricted item must name its recipients (departments, units or groups).",
            )
        if item.recipients and item.audience != RESTRICTED:
            yield on_field(
                codes.RECIPIENTS_IGNORED,
                item,
                "recipients",
                f"{DISCLOSURE.audience}为“{item.audience}”，{DISCLOSURE.recipients}（recipients）不起作用："
                "向特定单位公开请把 audience 改为一定范围公开，否则删去 recipients。",
                f"Recipients are ignored for audience {item.audience}.",
            )
        for recipient in item.recipients:
            if recipient not in names.names:
                yield on_field(
                    codes.RECIPIENT_UNKNOWN,
                    item,
                    "recipients",
                    f"{DISCLOSURE.recipients}“{recipient}”不是已知的部门编号、单位编号或范围编号；"
                    "单位和范围在 district.yml 的 units、groups 中定义。",
                    f"The recipient {recipient} is no known department, unit or group.",
                )


def personal_data(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    """No personal number in any item, public or not: the internal site shows non-public items too,
    and an item's audience may later be widened."""
    return scan_content(content, config)
