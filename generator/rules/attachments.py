"""Attachments (a posting's files, a matter's forms and samples) stay inside the content folder (no `..`, no
absolute path, no symbolic link) and are documents, never active content: an .html, .svg or .js file would run
from the site's own origin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import Attachment, Record, files_of
from ..problems import Problem, on_field
from ..schema import Labels

ATTACHMENT = Labels(Attachment)
SITE_CONFIG = Labels(SiteConfig)

DOCUMENT_TYPES = (
    ".pdf", ".ofd", ".doc", ".docx", ".wps", ".rtf", ".txt", ".xls", ".xlsx", ".et", ".csv",
    ".ppt", ".pptx", ".dps", ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z",
)  # fmt: skip
"""The formats departments publish: documents (including OFD and WPS), tables, slides, scans and archives."""


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    root = content.root.resolve()
    for item in (*content.postings, *content.procedures, *content.registers.reports):
        atts = files_of(item)
        if atts:  # most items have none: their folder is not worked out
            folder = content.root.parent / Path(item.loc.file).parent
            for att in atts:
                yield from _attachment(item, att, folder, root)


def _attachment(item: Record, att: Attachment, folder: Path, root: Path) -> Iterator[Problem]:
    raw = att.path.strip()
    rel = PurePosixPath(raw)
    if not raw or "\\" in raw or ":" in raw or rel.is_absolute() or ".." in rel.parts:
        yield _bad(
            att,
            f"{ATTACHMENT.path}必须是相对于本文件的路径（如 files/公告.pdf），不得使用绝对路径、盘符、反斜杠或“..”。",
        )
        return
    if rel.suffix.lower() not in DOCUMENT_TYPES:
        kinds = "、".join(t.lstrip(".").upper() for t in DOCUMENT_TYPES)
        yield on_field(
            codes.ATTACHMENT_TYPE,
            att,
            "path",
            f"附件类型“{rel.suffix or '无扩展名'}”不能发布：网页、SVG 图形、脚本等文件会在本网站内运行。"
            f"请改用以下格式之一：{kinds}。",
            f"The attachment type {rel.suffix or '(none)'} cannot be published (web pages, SVG and scripts "
            f"would run on the site); use one of: {', '.join(DOCUMENT_TYPES)}.",
        )
        return
    path = folder / rel
    walked = folder
    for part in rel.parts:
        walked = walked / part
        if walked.is_symlink():
            yield _bad(att, f"{ATTACHMENT.path}中不得有符号链接，请把文件本身放在{SITE_CONFIG.content}中。")
            return
    if not path.resolve().is_relative_to(root):
        yield _bad(att, f"附件必须放在{SITE_CONFIG.content}之内。")
    elif not path.is_file():
        yield on_field(
            codes.ATTACHMENT_MISSING,
            att,
            "path",
            f"找不到附件文件 {raw}，请把文件放在 {PurePosixPath(item.loc.file).parent.as_posix()}/ 下对应的位置，或改正路径。",
            f"The attachment {raw} does not exist; add the file or fix the path.",
        )


def _bad(att: Attachment, zh: str) -> Problem:
    return on_field(
        codes.ATTACHMENT_PATH,
        att,
        "path",
        zh,
        "An attachment path must be relative, inside the content folder, without `..`, drive letters or symbolic links.",
    )
