"""The personal-data rule: no resident ID, mobile or bank card number in any item, public or not, nor in any
readable part of any attachment (filetext.py reads them: every part of an office file, OFD or zip, a PDF's
pages, annotations, form fields and metadata, text in any Unicode encoding); the attachment scan also looks
for secret markings (secrecy.py), and names every part it could not read.

The numbers are found by the one detector in personal.py, which the scan of the built site
(sitescan.py) and the masking of messages use too. A reviewed exception is listed in site_config.yml by the SHA-256 of the number,
never the number itself, and no message ever prints a whole number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from . import codes
from .bounded import TooLarge, TooSlow, bounded
from .config import PrivacyAllow, SiteConfig
from .content import Content, per_record, remember, texts_of
from .filetext import MAX_TEXT_BYTES, WHY_ZH, ZIPS, Reading, Unread, describe, read_file
from .model import Attachment, Record, files_of
from .personal import KIND_EN, KIND_ZH, Finding, Kind, find_numbers
from .problems import Problem, on_field, problem
from .schema import Labels
from .secrecy import Marking, find_markings

PRIVACY_ALLOW = Labels(PrivacyAllow)

_DIGIT = re.compile(r"\d")


def allowed_fingerprints(allow: Iterable[PrivacyAllow]) -> frozenset[str]:
    """The reviewed exceptions, as a set of lower-case hex fingerprints."""
    return frozenset(a.sha256.strip().lower() for a in allow)


def advice(kind: Kind, masked: str) -> tuple[str, str]:
    zh = (
        f"含有疑似{KIND_ZH[kind]}（{masked}）。政务公开不得公布个人身份证号码、个人手机号码和银行卡号，"
        "工作人员只公开姓名、职务、岗位职责和办公电话：请删除或打码（如 138****1234）；"
        "确需公开的，由审核人在 site_config.yml 的 privacy_allow 中登记号码指纹、理由和审核人。"
    )
    en = (
        f"Looks like a {KIND_EN[kind]} ({masked}). Personal numbers may not be published: remove or mask it, "
        "or have a reviewer list its SHA-256 in privacy_allow in site_config.yml."
    )
    return zh, en


def check_allow_list(config: SiteConfig) -> Iterator[Problem]:
    """Each allow-list entry is a fingerprint, not a number."""
    for entry in config.privacy_allow:
        if not re.fullmatch(r"[0-9a-fA-F]{64}", entry.sha256.strip()):
            yield on_field(
                codes.ALLOW_NOT_A_HASH,
                entry,
                "sha256",
                f"{PRIVACY_ALLOW.sha256}必须是 64 位十六进制的 SHA-256（printf '%s' 号码 | sha256sum），不得直接写号码。",
                "The fingerprint must be a 64-digit hex SHA-256, never the number itself.",
            )


READ_SECONDS = 30.0
"""The longest one attachment may take to read: a crafted PDF can keep a reader busy for hours."""
READ_MEMORY = 2 * 2**30
"""The most memory reading one attachment may take, above what the build already holds."""


def _read(path: Path) -> Reading:
    """filetext.read_file, a file no reader could open at all (a truncated archive, a lying header) being one whole
    part unread."""
    try:
        return read_file(path)
    except (TooLarge, MemoryError):
        raise
    except Exception:
        return Reading(unread=(Unread("", "damaged"),))


def bounded_reading(path: Path) -> Reading:
    """filetext.read_file in a child process bounded in time (READ_SECONDS) and memory (READ_MEMORY).

    Raises TooLarge or TooSlow; the build itself can never be killed for memory or hang on one file.
    """
    if path.suffix.lower() in (".pdf", *ZIPS):
        import pypdf  # noqa: F401  imported before the fork (a zip may hold a PDF), so the child never takes the import lock
    return bounded(_read, path, seconds=READ_SECONDS, memory=READ_MEMORY)


Outcome = Literal["read", "slow", "large"]


@dataclass(frozen=True)
class Found:
    """What reading one attachment found: each personal number and secret marking with the part it is in, and the
    parts it could not read."""

    outcome: Outcome
    numbers: tuple[tuple[str, Finding], ...] = ()
    markings: tuple[tuple[str, Marking], ...] = ()
    unread: tuple[Unread, ...] = ()


_OUTCOMES: dict[tuple[str, int, int, int, int], Found] = {}
"""What reading each attachment found, by its path, size, inode and times: the live preview re-checks the content
after every edit, and reads again (in a child process each) only the attachments that changed. A build is one
process and reads each attachment once."""


def _read_once(path: Path) -> Found:
    """How reading `path` ended: every personal number (reviewed exceptions included), marking and unread part."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    if key not in _OUTCOMES:
        try:
            reading = bounded_reading(path)
        except TooSlow:
            found = Found("slow")
        except TooLarge:
            found = Found("large")
        else:
            found = Found(
                "read",
                tuple((part.name, f) for part in reading.parts for f in find_numbers(part.text)),
                tuple((part.name, m) for part in reading.parts for m in find_markings(part.text)),
                reading.unread,
            )
        remember(_OUTCOMES, key, found)
    return _OUTCOMES[key]


def named(att: Attachment) -> str:
    """An attachment as a message names it: 附件“名单”（files/名单.docx）."""
    return f"附件“{att.title}”（{att.path}）"


def where_in(att: Attachment, part: str, line: int) -> str:
    """Where in an attachment a finding is, for a clerk: 附件“名单”（files/名单.docx）的批注（word/comments.xml）第 2 行."""
    inside = f"的{describe(part)}" if part else ""
    return f"{named(att)}{inside}第 {line} 行"


def unread_list(unread: tuple[Unread, ...]) -> str:
    """The parts of an attachment that could not be read, for a clerk: 4 张图片（图片）、word/embeddings/oleObject1.bin（嵌入对象）."""
    shown = [u.name if WHY_ZH[u.why] in u.name else f"{u.name}（{WHY_ZH[u.why]}）" for u in unread[:5]]
    more = f"等 {len(unread)} 处" if len(unread) > 5 else ""
    return "、".join(shown) + more


def scan_attachments(content: Content, allowed: frozenset[str]) -> Iterator[Problem]:
    """Personal numbers and secret markings in every readable part of the attachments of postings and matters; a
    file, or a part of one, that cannot be read is a warning naming it."""
    root = content.root.resolve()
    for item in (*content.postings, *content.procedures):
        atts = files_of(item)
        if not atts:
            continue  # most items have none: their folder is not worked out
        folder = content.root.parent / PurePosixPath(item.loc.file).parent
        for att in atts:
            path = folder / att.path
            if not path.is_file() or not path.resolve().is_relative_to(root):
                continue  # rules.attachments reports it
            yield from _attachment(att, _read_once(path), allowed)


def _attachment(att: Attachment, found: Found, allowed: frozenset[str]) -> Iterator[Problem]:
    if found.outcome == "slow":
        yield on_field(
            codes.ATTACHMENT_UNCHECKED,
            att,
            "path",
            f"{named(att)}{READ_SECONDS:.0f} 秒内没有读完，不能自动检查；请人工核对其中没有身份证号、手机号、"
            "银行卡号和密级标志，并确认文件没有损坏（可用办公软件打开后另存一份再附上），核对后再公开。",
            f"The attachment {att.path} could not be read within {READ_SECONDS:.0f} s; it was not checked. "
            "Check it by hand, and check that it is not damaged (open it and save a fresh copy).",
        )
        return
    if found.outcome == "large":
        yield on_field(
            codes.ATTACHMENT_UNCHECKED,
            att,
            "path",
            f"{named(att)}解压后超过 {MAX_TEXT_BYTES // 2**20} MB（或读取需要过多内存），不能自动检查；请人工核对其中"
            "没有身份证号、手机号、银行卡号和密级标志，并确认文件没有损坏（正常的公文附件不会这么大），核对后再公开。",
            f"The attachment {att.path} would unpack to more than {MAX_TEXT_BYTES // 2**20} MB (or needs too much memory to read); it was not read. "
            "Check it by hand, and check that it is not damaged.",
        )
        return
    whole = [u for u in found.unread if not u.name]
    if whole:
        yield on_field(
            codes.ATTACHMENT_UNCHECKED,
            att,
            "path",
            f"{named(att)}的内容无法自动检查（{WHY_ZH[whole[0].why]}），请人工核对其中没有身份证号、手机号、"
            "银行卡号和密级标志，核对后再公开；能提供文字版（PDF、DOCX、XLSX、TXT）的请改用文字版。",
            f"The attachment {att.path} cannot be read automatically ({whole[0].why}); check it by hand for personal "
            "numbers and secret markings, or attach a text version.",
        )
    parts = tuple(u for u in found.unread if u.name)
    if parts:
        yield on_field(
            codes.ATTACHMENT_UNCHECKED,
            att,
            "path",
            f"{named(att)}中有不能自动检查的部分：{unread_list(parts)}。其余部分已检查；请人工核对这些部分中"
            "没有身份证号、手机号、银行卡号和密级标志，核对后再公开。",
            f"Parts of the attachment {att.path} cannot be read automatically: "
            + ", ".join(f"{u.name} ({u.why})" for u in parts[:5])
            + ". The rest was checked; check these parts by hand.",
        )
    for part, f in found.numbers:
        if f.sha256 in allowed:
            continue
        zh, en = advice(f.kind, f.masked)
        yield on_field(codes.PERSONAL_DATA, att, "path", f"{where_in(att, part, f.line)}{zh}", f"Attachment {part or att.path}, line {f.line}: {en}")  # fmt: skip
    for part, m in found.markings:
        yield on_field(
            codes.SECRET,
            att,
            "path",
            f"{where_in(att, part, m.line)}含有密级或内部资料标志（{m.text}）。涉密信息和内部资料不得公开，"
            "也不得放入政务公开内容仓库：请删除这个附件，并立即联系系统管理员清除仓库历史、按保密规定报告。",
            f"Attachment {part or att.path}, line {m.line}, carries a secret or internal-only marking. Remove the file "
            "from the repository and contact the administrator at once.",
        )


def scan_content(content: Content, config: SiteConfig) -> list[Problem]:
    """Personal numbers in the content that will be shown, located at their field, attachments included."""
    allowed = allowed_fingerprints(config.privacy_allow)
    found: list[Problem] = list(check_allow_list(config))
    found += scan_attachments(content, allowed)
    found += per_record(content, (__name__, allowed), lambda record: _numbers_of(record, allowed))
    return found


def _numbers_of(record: Record, allowed: frozenset[str]) -> Iterator[Problem]:
    for value in texts_of(record):
        if not _DIGIT.search(value.text):
            continue  # most values have no digit at all
        for f in find_numbers(value.text, allowed):
            zh, en = advice(f.kind, f.masked)
            yield problem(codes.PERSONAL_DATA, value.loc, zh, en, key=value.key, label=value.label)
