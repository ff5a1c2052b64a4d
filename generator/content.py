"""Read the content folder: one folder per department, YAML files of known shapes."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar, cast

from . import codes, crash
from .config import SiteConfig
from .model import Department, District, FeeCatalogue, Posting, Procedure, Record
from .problems import Loc, Problem, problem
from .registers.model import (
    ASSESSMENTS,
    REPORTS,
    Assessment,
    DepartmentYear,
    DisclosureRequest,
    InspectionPlan,
    NormativeDocument,
    PublishedReport,
    Registers,
)
from .schema import IDENT_RE, Labels, fields_of
from .validate import build_record
from .yamlload import YamlError, decode, parse_text, with_label

T = TypeVar("T")

DISTRICT_FILE = "district.yml"
FEES_FILE = "fees.yml"
DEPARTMENT_FILE = "department.yml"
KIND_FOLDERS = ("procedures", "postings")
RESERVED = frozenset(
    {"index", "assets", "search", "pagefind", "data", "attachments", "boards", "departments", "matters", "hotspots",
     "fees", "catalogue", "guide", "report", "sitemap", "404", "withdrawn"}
)  # fmt: skip

"""Names a department folder may not take: the site's own pages and folders sit at these addresses."""
SITE_CONFIG = Labels(SiteConfig)


@dataclass(frozen=True)
class Content:
    """Everything the departments wrote, validated field by field."""

    root: Path
    district: District | None
    fees: FeeCatalogue | None
    departments: tuple[Department, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    postings: tuple[Posting, ...] = ()
    files: tuple[str, ...] = field(default=())
    department_ids: frozenset[str] = frozenset()
    """Every department folder, valid or not, so one broken file does not cascade into others."""
    registers: Registers = Registers()

    def department(self, dept_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == dept_id), None)


def load_content(root: Path) -> tuple[Content, list[Problem]]:
    """Load and validate every YAML file under `root`; return the content and all problems."""
    problems: list[Problem] = []
    _PLAIN_FOLDERS.clear()
    if not root.is_dir():
        problems.append(
            problem(
                codes.NO_CONTENT,
                Loc(str(root)),
                f"找不到{SITE_CONFIG.content}，请检查 site_config.yml 中的 content。",
                "The content folder does not exist; check `content` in site_config.yml.",
            )
        )
        return Content(root, None, None), problems
    district = _read(root, root / DISTRICT_FILE, District, problems)
    fees = _read(root, root / FEES_FILE, FeeCatalogue, problems)
    departments: list[Department] = []
    procedures: list[Procedure] = []
    postings: list[Posting] = []
    files = [DISTRICT_FILE, FEES_FILE]
    dept_ids: list[str] = []
    plans: list[InspectionPlan] = []
    documents: list[NormativeDocument] = []
    requests: list[DisclosureRequest] = []
    years: list[DepartmentYear] = []
    assessments: list[Assessment] = []
    reports: list[PublishedReport] = []
    for path in _yaml_files(root / ASSESSMENTS):
        files.append(str(_rel(root, path)))
        if _valid_stem(root, path, problems):
            assessment = _read(root, path, Assessment, problems, id=path.stem)
            if assessment is not None:
                assessments.append(assessment)
    for path in _yaml_files(root / REPORTS):
        files.append(str(_rel(root, path)))
        if _valid_stem(root, path, problems):
            report = _read(root, path, PublishedReport, problems, id=path.stem)
            if report is not None:
                reports.append(report)
    for folder in sorted(
        p
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in (ASSESSMENTS, REPORTS)
    ):
        dept_id = folder.name
        dept_file = folder / DEPARTMENT_FILE
        if not IDENT_RE.match(dept_id):
            problems.append(_bad_name(root, folder, "部门目录"))
            continue
        if dept_id in RESERVED:
            problems.append(
                problem(
                    codes.RESERVED_NAME,
                    _rel(root, folder),
                    f"部门目录名 {dept_id} 与网站的固定页面或目录重名，会把它替换掉；请改用部门的拼音缩写（如 czj）。",
                    f"The department folder {dept_id} is named like one of the site's own pages; rename it.",
                )
            )
            continue
        if not dept_file.exists():
            problems.append(
                problem(
                    codes.NO_DEPARTMENT,
                    _rel(root, folder),
                    f"目录 {dept_id} 中缺少 {DEPARTMENT_FILE}，请从模板复制一份并填写。",
                    f"{dept_id}/ has no {DEPARTMENT_FILE}; copy the template and fill it in.",
                )
            )
            continue
        files.append(str(_rel(root, dept_file)))
        dept_ids.append(dept_id)
        dept = _read(root, dept_file, Department, problems, id=dept_id)
        if dept is not None:
            departments.append(dept)
        procedures += _items(root, folder / "procedures", Procedure, dept_id, problems, files)
        postings += _items(root, folder / "postings", Posting, dept_id, problems, files)
        plans += _items(root, folder / "inspections", InspectionPlan, dept_id, problems, files)
        documents += _items(root, folder / "documents", NormativeDocument, dept_id, problems, files)
        requests += _items(root, folder / "requests", DisclosureRequest, dept_id, problems, files)
        years += _items(root, folder / "annual", DepartmentYear, dept_id, problems, files)
        for extra in sorted(folder.glob("*.y*ml")):
            if extra.name != DEPARTMENT_FILE:
                problems.append(
                    problem(
                        codes.STRAY_FILE,
                        _rel(root, extra),
                        f"不认识的文件 {extra.name}：事项放在 procedures/，公开信息放在 postings/。",
                        f"Unknown file {extra.name}: matters go in procedures/, postings in postings/.",
                    )
                )
    content = Content(
        root,
        district,
        fees,
        tuple(departments),
        tuple(procedures),
        tuple(postings),
        tuple(files),
        frozenset(dept_ids),
        Registers(tuple(plans), tuple(documents), tuple(requests), tuple(years), tuple(assessments), tuple(reports)),
    )
    return content, problems


def _items(root: Path, folder: Path, cls: type[T], dept_id: str, problems: list[Problem], files: list[str]) -> list[T]:
    """The records of one kind in a department's folder, one file each, named by their id."""
    found = []
    for path in _yaml_files(folder):
        files.append(str(_rel(root, path)))
        if _valid_stem(root, path, problems):
            item = _read(root, path, cls, problems, id=path.stem, department=dept_id)
            if item is not None:
                found.append(item)
    return found


def _yaml_files(folder: Path) -> list[Path]:
    """The YAML files in `folder`, by name (a directory entry knows its type: no file is stat'ed here)."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if os.path.splitext(e.name)[1] in (".yml", ".yaml") and e.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in sorted(names)]


def _link_within(root: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from `root` down to `path`, if any."""
    walked, full = str(root), str(path)  # plain strings: pathlib objects cost more than the lstat itself
    rel = full[len(walked) + 1 :] if full.startswith(walked + "/") else path.relative_to(root).as_posix()
    *folders, name = rel.split("/")
    for part in folders:
        walked = os.path.join(walked, part)
        if walked not in _PLAIN_FOLDERS:
            if os.path.islink(walked):
                return Path(walked)
            _PLAIN_FOLDERS.add(walked)
    walked = os.path.join(walked, name)
    return Path(walked) if os.path.islink(walked) else None


_PLAIN_FOLDERS: set[str] = set()
"""Folders of the content found not to be symbolic links during the current load_content (emptied as it
begins): each folder is looked at once, not once for every file in it."""


def _rel(root: Path, path: Path) -> Loc:
    """The file's name as messages show it: relative to the folder holding the content folder."""
    top, full = str(root.parent), str(path)
    if full.startswith(top + "/"):
        return Loc(full[len(top) + 1 :])
    return Loc(path.as_posix())


def _bad_name(root: Path, path: Path, what: str) -> Problem:
    return problem(
        codes.FILE_NAME,
        _rel(root, path),
        f"{what}名 {path.stem} 只能用小写字母、数字和连字符，请改名。",
        f"The name {path.stem} may use lowercase letters, digits and hyphens only; rename it.",
    )


def _valid_stem(root: Path, path: Path, problems: list[Problem]) -> bool:
    if IDENT_RE.match(path.stem):
        return True
    problems.append(_bad_name(root, path, "文件"))
    return False


def _read(root: Path, path: Path, cls: type[T], problems: list[Problem], **extra: str) -> T | None:
    loc = _rel(root, path)
    link = _link_within(root, path)
    if link is not None:
        problems.append(
            problem(
                codes.CONTENT_LINK,
                _rel(root, link),
                f"{link.name} 是符号链接（快捷方式），可能指向{SITE_CONFIG.content}以外的文件；请把文件或目录本身放进{SITE_CONFIG.content}。",
                f"{link.name} is a symbolic link, which may lead outside the content folder; put the file itself there.",
            )
        )
        return None
    crash.stage("读取内容", loc.file)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(
            problem(
                codes.NO_FILE,
                loc,
                f"缺少文件 {path.name}，请从模板复制一份并填写。",
                f"Missing file {path.name}; copy the template and fill it in.",
            )
        )
        return None
    key = (cls, loc.file, tuple(sorted(extra.items())), hashlib.blake2b(data, digest_size=16).digest())
    if key not in _READ:
        found: list[Problem] = []
        record: object
        try:
            record = build_record(cls, parse_text(decode(data, loc.file), loc.file), loc, found, **extra)
        except YamlError as exc:
            record, found = None, [with_label(exc.problem, cls)]
        remember(_READ, key, (record, tuple(found)))
    known, said = _READ[key]
    problems.extend(said)
    return cast("T | None", known)  # stored under its class `cls`, so it is a T


READ_MEMO_FILES = 100_000
"""How many files' records the process keeps (more than a city has): see _READ."""
K = TypeVar("K")
V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V) -> V:
    """Keep `value` under `key`, forgetting the oldest entry once the memo holds READ_MEMO_FILES."""
    if len(memo) >= READ_MEMO_FILES:
        memo.pop(next(iter(memo)))
    memo[key] = value
    return value


_READ: dict[tuple[type, str, tuple[tuple[str, str], ...], bytes], tuple[object, tuple[Problem, ...]]] = {}
"""Each file's record and problems by its kind, name and the hash of its bytes. Records are immutable and
a file's record depends on nothing else, so a file read again unchanged is not parsed again: the live
preview re-checks a city's content after an edit by parsing only the files that changed."""


class TextValue(NamedTuple):
    """One text value of a record: its field, the record holding it, and the text."""

    key: str
    label: str
    owner: Record
    text: str

    @property
    def loc(self) -> Loc:
        """Where the value was written (worked out only when a finding needs it)."""
        return self.owner.where(self.key)


def texts(record: Record) -> Iterator[TextValue]:
    """Every text value in a record, nested ones too."""
    for info in fields_of(type(record)):
        value = getattr(record, info.key)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Record):
                yield from texts(item)
            elif isinstance(item, str):
                yield TextValue(info.key, info.spec.label, record, item)


def records(content: Content) -> Iterator[Record]:
    """Every top-level record of the content, in file order."""
    if content.district is not None:
        yield content.district
    if content.fees is not None:
        yield from content.fees.items
    yield from content.departments
    yield from content.procedures
    yield from content.postings
    yield from content.registers.records()


def all_texts(content: Content) -> Iterator[TextValue]:
    """Every text value of every record of the content."""
    for record in records(content):
        yield from texts_of(record)


_TEXTS: dict[int, tuple[Record, tuple[TextValue, ...]]] = {}
"""The text values of each top-level record, by the record's identity (the record is kept, so its id stays
its own). A file read again unchanged gives the same record (see _READ), so the live preview's re-check
walks only the records that changed."""


def texts_of(record: Record) -> tuple[TextValue, ...]:
    """Every text value of one top-level record, nested ones too (kept: see _TEXTS)."""
    known = _TEXTS.get(id(record))
    if known is None or known[0] is not record:
        known = remember(_TEXTS, id(record), (record, tuple(texts(record))))
    return known[1]


_FOUND: dict[Hashable, dict[int, tuple[Record, tuple[Problem, ...]]]] = {}
"""What each per-record finding said of each top-level record, by the finding and the record's identity."""


def per_record(content: Content, finding: Hashable, find: Callable[[Record], Iterable[Problem]]) -> Iterator[Problem]:
    """The problems `find` sees in each top-level record of the content, in file order, each record's worked out once.

    `find` must look at nothing but the record and what `finding` names (a rule's name, and any setting it
    reads). A file read again unchanged gives the same record (see _READ), so the live preview's re-check
    runs `find` over the records that changed only.
    """
    memo = _FOUND.setdefault(finding, {})
    for record in records(content):
        known = memo.get(id(record))
        if known is None or known[0] is not record:
            known = remember(memo, id(record), (record, tuple(find(record))))
        yield from known[1]
