"""The personal-data guard: resident ID, mobile and bank card numbers never reach the public site.

Text is normalised first (NFKC turns full-width digits into ASCII; zero-width characters,
which the search index puts between words, are dropped), so a number typed in full-width
digits or glued to Chinese text is still found. Masked forms (138****1234) are not numbers
and pass. A reviewed exception is listed in site_config.yml by the SHA-256 of the number,
never the number itself, and no message ever prints a whole number.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import functools
import gzip
import hashlib
import html
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from . import codes
from .config import PrivacyAllow, SiteConfig
from .content import Content, all_texts
from .model import files_of
from .problems import Loc, Problem, on_field, problem

Kind = Literal["id-card", "mobile", "bank-card"]

KIND_ZH: dict[Kind, str] = {"id-card": "居民身份证号码", "mobile": "手机号码", "bank-card": "银行卡号"}
KIND_EN: dict[Kind, str] = {"id-card": "resident ID number", "mobile": "mobile number", "bank-card": "bank card number"}

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Each number either unbroken or in its usual groups with one consistent separator;
# never part of a longer run of digits.
_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("id-card", re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{6}([ -])\d{8}\1\d{3}[\dXx])(?![\dXx])")),
    ("mobile", re.compile(r"(?<!\d)(?:\+?86[ -]?)?(?:1[3-9]\d{9}|1[3-9]\d([ -])\d{4}\1\d{4})(?!\d)")),
    ("bank-card", re.compile(r"(?<!\d)(?:\d{16,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)(?!\d)")),
)
_DIGIT = re.compile(r"\d")
_CANDIDATE = re.compile(r"\d[\d \-]{9,}[\dXx]")
"""A stretch of digits and separators long enough to hold a number: the patterns only look inside these."""
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
PAGEFIND_FRAGMENT = ".pf_fragment"
PAGEFIND_SIGNATURE = b"pagefind_dcd"
_TEXT_SUFFIXES = (
    ".html",
    ".htm",
    ".json",
    ".xml",
    ".txt",
    ".csv",
    ".svg",
    ".md",
    ".js",
    ".css",
    ".rss",
    ".atom",
    PAGEFIND_FRAGMENT,
)


@dataclass(frozen=True)
class Finding:
    """A number found in a line of text: what kind, where, its masked form and fingerprint."""

    kind: Kind
    line: int
    col: int
    masked: str
    sha256: str


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII) without zero-width characters: the text a reader sees."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))


def fingerprint(digits: str) -> str:
    """The SHA-256 of a number's digits (X upper-case): what the allow-list stores."""
    return hashlib.sha256(digits.upper().encode("ascii")).hexdigest()


def mask(kind: Kind, digits: str) -> str:
    """A form safe to print: 138****1234, 3401**********1234, 6222***********1234."""
    keep = 3 if kind == "mobile" else 4
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def valid_id(digits: str) -> bool:
    """GB 11643: a region code, a real birth date and the ISO 7064 MOD 11-2 check character."""
    if len(digits) != 18 or not digits[:17].isdigit() or digits[0] == "0":
        return False
    try:
        born = dt.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    if born.year < 1900:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def luhn(digits: str) -> bool:
    """The Luhn checksum every bank card number carries."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _classify(kind: Kind, raw: str) -> str | None:
    """The digits of a real number of this kind, or None when it only looks like one."""
    digits = re.sub(r"[^\dXx]", "", raw).upper()
    if kind == "id-card":
        return digits if valid_id(digits) else None
    if kind == "mobile":
        return digits[-11:]
    return digits if 16 <= len(digits) <= 19 and luhn(digits) else None


def find_numbers(text: str, allowed: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every personal number in `text` whose fingerprint is not in `allowed`, in order."""
    return _find_normalised(normalise(text), allowed)


def _find_normalised(norm: str, allowed: frozenset[str]) -> Iterator[Finding]:
    found: list[tuple[int, Kind, str]] = []
    for run in _CANDIDATE.finditer(norm):
        segment, offset = run.group(0), run.start()
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(segment):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                digits = _classify(kind, m.group(0))
                if digits is not None:
                    taken.append(m.span())
                    found.append((offset + m.start(), kind, digits))
    for start, kind, digits in sorted(found):
        sha = fingerprint(digits)
        if sha not in allowed:
            line = norm.count("\n", 0, start) + 1
            yield Finding(kind, line, start - norm.rfind("\n", 0, start), mask(kind, digits), sha)


def allowed_fingerprints(allow: Iterable[PrivacyAllow]) -> frozenset[str]:
    """The reviewed exceptions, as a set of lower-case hex fingerprints."""
    return frozenset(a.sha256.strip().lower() for a in allow)


def _advice(kind: Kind, masked: str) -> tuple[str, str]:
    zh = (
        f"含有疑似{KIND_ZH[kind]}({masked})。政务公开不得公布个人身份证号码、个人手机号码和银行卡号,"
        "工作人员只公开姓名、职务、岗位职责和办公电话:请删除或打码(如 138****1234);"
        "确需公开的,由审核人在 site_config.yml 的 privacy_allow 中登记号码指纹、理由和审核人。"
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
                "号码指纹必须是 64 位十六进制的 SHA-256(printf '%s' 号码 | sha256sum),不得直接写号码。",
                "The fingerprint must be a 64-digit hex SHA-256, never the number itself.",
            )


PLAIN_ATTACHMENTS = (".txt", ".csv", ".htm", ".html", ".xml", ".json", ".md")
OFFICE_PARTS = {".docx": ("word/",), ".xlsx": ("xl/sharedStrings.xml", "xl/worksheets/"), ".pptx": ("ppt/slides/",)}


def attachment_text(path: Path) -> str | None:
    """The text inside an attachment, or None when it cannot be read (images, scans, old binary formats)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
            return text if text.strip() else None  # a scan: pictures of text
        if suffix in PLAIN_ATTACHMENTS:
            return path.read_bytes().decode("utf-8", errors="replace")
        if suffix in OFFICE_PARTS:
            with zipfile.ZipFile(path) as archive:
                parts = [n for n in archive.namelist() if n.startswith(OFFICE_PARTS[suffix]) and n.endswith(".xml")]
                xml = "\n".join(archive.read(n).decode("utf-8", errors="replace") for n in sorted(parts))
            return html.unescape(re.sub(r"<[^>]+>", " ", xml))
    except Exception:
        return None
    return None


def scan_attachments(content: Content, allowed: frozenset[str]) -> Iterator[Problem]:
    """Personal numbers inside the attachments of shown postings and matters; a file that cannot be read is a warning."""
    root = content.root.resolve()
    for item in (*content.postings, *content.procedures):
        folder = content.root.parent / PurePosixPath(item.loc.file).parent
        for att in files_of(item):
            path = folder / att.path
            if not path.is_file() or not path.resolve().is_relative_to(root):
                continue  # rules.attachments reports it
            text = attachment_text(path)
            if text is None:
                yield on_field(
                    codes.ATTACHMENT_UNCHECKED,
                    att,
                    "path",
                    f"附件“{att.title}”的内容无法自动检查(图片、扫描件或旧格式),请人工核对其中没有身份证号、手机号、银行卡号;"
                    "能提供文字版(PDF、DOCX、XLSX、TXT)的请改用文字版。",
                    f"The attachment {att.path} cannot be read automatically (image, scan or old format); "
                    "check it by hand for personal numbers, or attach a text version.",
                )
                continue
            for f in find_numbers(text, allowed):
                zh, en = _advice(f.kind, f.masked)
                yield on_field(codes.PERSONAL_DATA, att, "path", f"附件“{att.title}”第 {f.line} 行{zh}", f"Attachment: {en}")  # fmt: skip


def scan_content(content: Content, config: SiteConfig) -> list[Problem]:
    """Personal numbers in the content that will be shown, located at their field, attachments included."""
    allowed = allowed_fingerprints(config.privacy_allow)
    found: list[Problem] = list(check_allow_list(config))
    found += scan_attachments(content, allowed)
    for value in all_texts(content):
        if not _DIGIT.search(value.text):
            continue  # most values have no digit at all
        for f in find_numbers(value.text, allowed):
            zh, en = _advice(f.kind, f.masked)
            found.append(problem(codes.PERSONAL_DATA, value.loc, zh, en, key=value.key, label=value.label))
    return found


def site_files(site_dir: Path) -> Iterator[tuple[str, str]]:
    """(path relative to the site, readable text) for every text file of a built site, .gz unpacked."""
    for rel, data in _site_bytes(site_dir):
        yield rel, readable(rel, data)


def _site_bytes(site_dir: Path) -> Iterator[tuple[str, bytes]]:
    """(path relative to the site, bytes as stored) for every text file of a built site."""
    for path in _site_files(site_dir):
        yield path.relative_to(site_dir).as_posix(), path.read_bytes()


def readable(rel: str, data: bytes) -> str:
    """A site file's text as a reader sees it: .gz unpacked, JSON strings decoded, HTML entities resolved."""
    if rel.endswith(".gz"):
        data = gzip.decompress(data)
        rel = rel[:-3]
    elif rel.endswith(PAGEFIND_FRAGMENT):  # a page as the search index keeps it: gzip, a signature, JSON
        data = gzip.decompress(data).removeprefix(PAGEFIND_SIGNATURE)
        rel += ".json"
    text = data.decode("utf-8", errors="replace")
    if rel.endswith(".json"):
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False, indent=0)
    return html.unescape(text)


def flatten(text: str) -> str:
    """Normalised text without white space, for substring search (a page may wrap a line anywhere)."""
    return "".join(normalise(text).split())


@dataclass(frozen=True)
class SiteScan:
    """What a scan of a built site found, how much it read, and how many files it knew to be clean already."""

    problems: tuple[Problem, ...] = ()
    files: int = 0
    chars: int = 0
    known_clean: int = 0

    def __add__(self, other: SiteScan) -> SiteScan:
        return SiteScan(
            self.problems + other.problems,
            self.files + other.files,
            self.chars + other.chars,
            self.known_clean + other.known_clean,
        )


def scan_site(
    site_dir: Path, config: SiteConfig, probes: Iterable[str] = (), memo: Path | None = None, workers: int | None = None
) -> SiteScan:
    """Every file of a built site: no personal number, and none of the `probes` (text that must not be shown).

    Large sites are read by one process per core (`workers` overrides the choice).
    With `memo`, the hashes of files found clean are kept there, with what they were checked
    against; a file whose bytes are unchanged since is not read again (a rebuild rewrites every
    file but changes few). A file with a problem is never remembered, so it is reported every time.
    """
    allowed = allowed_fingerprints(config.privacy_allow)
    needles = sorted({flatten(p) for p in probes if flatten(p)}, key=len, reverse=True)
    key = _scan_key(allowed, needles)
    known = _read_memo(memo, key)
    files = _site_files(site_dir)
    n = workers or _workers(len(files))
    chunks = [files[i::n] for i in range(n)]
    job = functools.partial(_scan_files, site_dir, allowed, tuple(needles), known)
    if len(chunks) == 1:
        results = [job(chunks[0])]
    else:  # reading and searching a large site is CPU-bound: one process per core
        with concurrent.futures.ProcessPoolExecutor(len(chunks)) as pool:
            results = list(pool.map(job, chunks))
    scan = SiteScan()
    clean: list[str] = []
    for part, part_clean in results:
        scan = scan + part
        clean += part_clean
    if memo is not None:
        memo.parent.mkdir(parents=True, exist_ok=True)
        memo.write_text(json.dumps({"key": key, "clean": sorted(set(clean))}), encoding="utf-8")
    return scan


PARALLEL_FROM = 500
"""Fewer files than this are scanned in this process: starting workers would cost more than it saves."""


def _workers(files: int) -> int:
    return max(1, min(os.cpu_count() or 1, 8)) if files >= PARALLEL_FROM else 1


def _site_files(site_dir: Path) -> list[Path]:
    """Every text file of a built site (compressed ones too), in a stable order."""
    return sorted(
        p
        for p in site_dir.rglob("*")
        if p.is_file() and (p.name[:-3] if p.name.endswith(".gz") else p.name).endswith(_TEXT_SUFFIXES)
    )


def _scan_files(
    site_dir: Path, allowed: frozenset[str], needles: tuple[str, ...], known: frozenset[str], paths: list[Path]
) -> tuple[SiteScan, list[str]]:
    """Scan some files of a site; returns what was found and the hashes of the clean files."""
    hidden = re.compile("|".join(map(re.escape, needles))) if needles else None
    clean: list[str] = []
    found: list[Problem] = []
    files = chars = known_clean = 0
    for path in paths:
        rel, data = path.relative_to(site_dir).as_posix(), path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in known:
            clean.append(digest)
            known_clean += 1
            continue
        text = readable(rel, data)
        norm = normalise(text)
        loc_file = f"{site_dir.name}/{rel}"
        here: list[Problem] = []
        for f in _find_normalised(norm, allowed):
            zh, en = _advice(f.kind, f.masked)
            here.append(
                problem(codes.PERSONAL_DATA_OUTPUT, Loc(loc_file, f.line, f.col), f"网站文件{zh}", f"Site file: {en}")
            )
        if hidden is not None and hidden.search("".join(norm.split())):
            here.append(
                problem(
                    codes.LEAK,
                    Loc(loc_file),
                    "网站文件中出现了不向社会公开的内容(公开对象为一定范围公开或内部公开的信息)。网站未发布,请检查公开对象和模板。",
                    "A public site file contains text of an item that is not for the public; nothing was published.",
                )
            )
        if not here:
            clean.append(digest)
        found += here
        files += 1
        chars += len(text)
    return SiteScan(tuple(found), files, chars, known_clean), clean


def _scan_key(allowed: frozenset[str], needles: list[str]) -> str:
    """What a clean verdict depends on: the scanner itself, the allow-list and the leak probes."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for text in (*sorted(allowed), "\0", *needles):
        h.update(text.encode("utf-8") + b"\0")
    return h.hexdigest()


def _read_memo(memo: Path | None, key: str) -> frozenset[str]:
    """Hashes of files found clean under the same `key`; none when there is no usable memo."""
    if memo is None:
        return frozenset()
    try:
        data = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("clean"), list):
        return frozenset()
    return frozenset(h for h in data["clean"] if isinstance(h, str))
