"""The personal-data rule: no resident ID, mobile or bank card number in any item, public or not,
nor in any readable attachment (PDF, DOCX, XLSX, PPTX, CSV, TXT in UTF-8 or UTF-16).

The numbers are found by the one detector in personal.py, which the scan of the built site
(sitescan.py) and the masking of messages use too. A reviewed exception is listed in site_config.yml by the SHA-256 of the number,
never the number itself, and no message ever prints a whole number.
"""

from __future__ import annotations

import html
import multiprocessing
import re
import resource
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Literal

from . import codes
from .config import PrivacyAllow, SiteConfig
from .content import Content, per_record, remember, texts_of
from .model import Record, files_of
from .personal import KIND_EN, KIND_ZH, Finding, Kind, find_numbers
from .problems import Problem, on_field, problem
from .schema import Labels

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


PLAIN_ATTACHMENTS = (".txt", ".csv", ".htm", ".html", ".xml", ".json", ".md")
OFFICE_PARTS = {".docx": ("word/",), ".xlsx": ("xl/sharedStrings.xml", "xl/worksheets/"), ".pptx": ("ppt/slides/",)}


_OFFICE_BREAK = re.compile(r"</(?:w:p|si|c|row|a:p)>|<w:br\b[^>]*>|<w:tab\b[^>]*>|<a:br\b[^>]*>")
"""Where a paragraph, shared string, cell, row or line ends: the text breaks there, and only there."""
_TAG = re.compile(r"<[^>]+>")


def office_text(xml: str) -> str:
    """The text of Office XML: the runs of a paragraph and the pieces of a rich-text cell joined as one,
    as a reader sees them (Word splits text into runs anywhere, even inside a number)."""
    return html.unescape(_TAG.sub("", _OFFICE_BREAK.sub("\n", xml)))


def plain_text(data: bytes) -> str:
    """A text file's text: UTF-16 (Excel's "Unicode text", with or without its byte-order mark) or UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 2 and sample.count(0) * 4 >= len(sample):  # ASCII-heavy UTF-16 without a mark
        return data.decode("utf-16-le" if sample[1::2].count(0) >= sample[::2].count(0) else "utf-16-be", "replace")
    return data.decode("utf-8", errors="replace")


MAX_TEXT_BYTES = 32 * 2**20
"""The most an attachment may unpack to before it is read: a 3 MB DOCX can expand to gigabytes."""


READ_SECONDS = 30.0
"""The longest one attachment may take to read: a crafted PDF can keep a reader busy for hours."""
READ_MEMORY = 2 * 2**30
"""The most memory reading one attachment may take, above what the build already holds."""


class TooLarge(Exception):
    """An attachment that would unpack to more than MAX_TEXT_BYTES, or needs more than READ_MEMORY to read."""


class TooSlow(Exception):
    """An attachment that took longer than READ_SECONDS to read."""


def _read_in_child(path: Path, sender: multiprocessing.connection.Connection) -> None:
    """The child's half of bounded_text: its address space capped, the text (or what stopped it) sent back."""
    with open("/proc/self/statm", encoding="ascii") as statm:  # pages of address space the fork inherited
        held = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (held + READ_MEMORY, held + READ_MEMORY))
    try:
        sender.send(("text", attachment_text(path)))
    except (TooLarge, MemoryError):
        sender.send(("large", None))


def bounded_text(path: Path) -> str | None:
    """attachment_text in a child process bounded in time (READ_SECONDS) and memory (READ_MEMORY).

    Raises TooLarge or TooSlow; the build itself can never be killed for memory or hang on one file.
    """
    if path.suffix.lower() == ".pdf":
        import pypdf  # noqa: F401  imported before the fork, so the child never takes the import lock

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(path, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(READ_SECONDS):
            child.kill()
            raise TooSlow(path.name)
        try:
            kind, text = receiver.recv()
        except EOFError:  # the child died before answering: out of its memory
            raise TooLarge(path.name) from None
    finally:
        receiver.close()
        child.join()
    if kind == "large":
        raise TooLarge(path.name)
    return text  # type: ignore[no-any-return]


def attachment_text(path: Path) -> str | None:
    """The text inside an attachment, or None when it cannot be read (images, scans, old binary formats).

    Raises TooLarge, before unpacking, for a file that would unpack to more than MAX_TEXT_BYTES.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            pages: list[str] = []
            size = 0
            for page in PdfReader(path).pages:
                pages.append(page.extract_text() or "")
                size += len(pages[-1])
                if size > MAX_TEXT_BYTES:
                    raise TooLarge(path.name)
            text = "\n".join(pages)
            return text if text.strip() else None  # a scan: pictures of text
        if suffix in PLAIN_ATTACHMENTS:
            if path.stat().st_size > MAX_TEXT_BYTES:
                raise TooLarge(path.name)
            return plain_text(path.read_bytes())
        if suffix in OFFICE_PARTS:
            with zipfile.ZipFile(path) as archive:
                parts = [i for i in archive.infolist() if i.filename.startswith(OFFICE_PARTS[suffix])]
                parts = [i for i in parts if i.filename.endswith(".xml")]
                if sum(i.file_size for i in parts) > MAX_TEXT_BYTES:  # the sizes the archive declares bound each read
                    raise TooLarge(path.name)
                xml = "\n".join(archive.read(i).decode("utf-8", errors="replace") for i in sorted(parts, key=_name))
            return office_text(xml)
    except (TooLarge, MemoryError):
        raise
    except Exception:
        return None
    return None


def _name(info: zipfile.ZipInfo) -> str:
    return info.filename


Outcome = Literal["read", "slow", "large", "unreadable"]

_OUTCOMES: dict[tuple[str, int, int, int, int], tuple[Outcome, tuple[Finding, ...]]] = {}
"""What reading each attachment found, by its path, size, inode and times: the live preview re-checks the content
after every edit, and reads again (in a child process each) only the attachments that changed. A build is one
process and reads each attachment once."""


def _read_once(path: Path) -> tuple[Outcome, tuple[Finding, ...]]:
    """How reading `path` ended and every personal number it holds (reviewed exceptions included)."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    if key not in _OUTCOMES:
        try:
            text = bounded_text(path)
        except TooSlow:
            outcome: tuple[Outcome, tuple[Finding, ...]] = ("slow", ())
        except TooLarge:
            outcome = ("large", ())
        else:
            outcome = ("unreadable", ()) if text is None else ("read", tuple(find_numbers(text)))
        remember(_OUTCOMES, key, outcome)
    return _OUTCOMES[key]


def scan_attachments(content: Content, allowed: frozenset[str]) -> Iterator[Problem]:
    """Personal numbers inside the attachments of shown postings and matters; a file that cannot be read is a warning."""
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
            outcome, found = _read_once(path)
            if outcome == "slow":
                yield on_field(
                    codes.ATTACHMENT_UNCHECKED,
                    att,
                    "path",
                    f"附件“{att.title}”{READ_SECONDS:.0f} 秒内没有读完，不能自动检查；请人工核对其中没有身份证号、手机号、"
                    "银行卡号，并确认文件没有损坏（可用办公软件打开后另存一份再附上）。",
                    f"The attachment {att.path} could not be read within {READ_SECONDS:.0f} s; it was not checked. "
                    "Check it by hand, and check that it is not damaged (open it and save a fresh copy).",
                )
                continue
            if outcome == "large":
                yield on_field(
                    codes.ATTACHMENT_UNCHECKED,
                    att,
                    "path",
                    f"附件“{att.title}”解压后超过 {MAX_TEXT_BYTES // 2**20} MB（或读取需要过多内存），不能自动检查；请人工核对其中没有身份证号、"
                    "手机号、银行卡号，并确认文件没有损坏（正常的公文附件不会这么大）。",
                    f"The attachment {att.path} would unpack to more than {MAX_TEXT_BYTES // 2**20} MB (or needs too much memory to read); it was not read. "
                    "Check it by hand, and check that it is not damaged.",
                )
                continue
            if outcome == "unreadable":
                yield on_field(
                    codes.ATTACHMENT_UNCHECKED,
                    att,
                    "path",
                    f"附件“{att.title}”的内容无法自动检查（图片、扫描件或旧格式），请人工核对其中没有身份证号、手机号、银行卡号；"
                    "能提供文字版（PDF、DOCX、XLSX、TXT）的请改用文字版。",
                    f"The attachment {att.path} cannot be read automatically (image, scan or old format); "
                    "check it by hand for personal numbers, or attach a text version.",
                )
                continue
            for f in found:
                if f.sha256 in allowed:
                    continue
                zh, en = advice(f.kind, f.masked)
                yield on_field(codes.PERSONAL_DATA, att, "path", f"附件“{att.title}”第 {f.line} 行{zh}", f"Attachment: {en}")  # fmt: skip


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
