"""Problems are data: a stable code, a location, the field, and a message in Chinese and English."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from .codes import Code, Severity
from .personal import HIDDEN_NUMBER, hide_numbers
from .schema import label_of

HIDDEN = HIDDEN_NUMBER


def mask(text: str) -> str:
    """Hide every number shaped like personal data, so a message never repeats it."""
    return hide_numbers(text)


class Loc(NamedTuple):
    """Where a value stands: file (relative to the folder holding the content folder, so
    `content/czj/postings/x.yml`), 1-based line and column.

    A named tuple: the loader makes one for every value, and tuples are the cheapest immutable records.
    """

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"


SEVERITY_ZH = {"error": "错误", "warning": "警告", "notice": "已批准的例外"}
DISTRICT_FILES = "全区文件"
"""Where a problem in no department's folder (site_config.yml, district.yml, fees.yml) is counted."""


class Stopped(Exception):
    """A program or folder a command needs is missing or refused: what to do, in Chinese and in English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def __reduce__(self) -> tuple[type[Stopped], tuple[str, str]]:
        """Pickled whole, so a reader in a bounded child process (bounded.py) can raise it to the parent."""
        return (Stopped, (self.zh, self.en))


@dataclass(frozen=True)
class Problem:
    """One thing a clerk must fix (error) or should look at (warning)."""

    code: Code
    loc: Loc
    key: str
    label: str
    zh: str
    en: str
    severity: Severity = "error"
    department: str = ""
    """The id of the department whose file holds the problem; "" for district-wide files and the rest."""

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def text(self, lang: str = "zh") -> str:
        """One line: where, which field, what (a warning or an approved exception says so), and the code."""
        if lang == "en":
            where = f"{self.label} ({self.key})" if self.key and self.label else self.key or self.label
            tag = "" if self.severity == "error" else f"{self.severity} "
            return f"{self.loc}: {where + ': ' if where else ''}{tag}{self.message(lang)} [{self.code}]"
        where = f"{self.label}（{self.key}）" if self.key and self.label else self.key or self.label
        tag = "" if self.severity == "error" else f"{SEVERITY_ZH[self.severity]}："
        return f"{self.loc}: {where + '：' if where else ''}{tag}{self.message(lang)} [{self.code}]"

    def as_dict(self, lang: str = "zh") -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.loc.file,
            "line": self.loc.line,
            "column": self.loc.col,
            "key": self.key,
            "label": self.label,
            "department": self.department,
            "message": self.message(lang),
        }

    def github(self, lang: str = "zh") -> str:
        kind = self.severity  # GitHub's own three annotation levels: error, warning, notice
        msg = self.text(lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{kind} file={self.loc.file},line={self.loc.line or 1},col={self.loc.col or 1},title={self.code}::{msg}"
        )

    def gitlab(self, lang: str = "zh") -> dict[str, object]:
        """A GitLab Code Quality entry: merge requests show it beside the changed line."""
        ident = f"{self.code}:{self.loc.file}:{self.loc.line}:{self.key}"
        return {
            "description": self.text(lang),
            "check_name": self.code,
            "fingerprint": hashlib.sha256(ident.encode("utf-8")).hexdigest(),
            "severity": {"error": "major", "warning": "minor", "notice": "info"}[self.severity],
            "location": {"path": self.loc.file, "lines": {"begin": self.loc.line or 1}},
        }


def department_of(file: str) -> str:
    """The department whose folder holds a content file, named as Locs name it:
    'content/czj/postings/x.yml' → 'czj'; district-wide files (content/district.yml) and anything
    that is not a department's YAML file → ""."""
    parts = file.split("/")
    return parts[1] if len(parts) > 2 and parts[-1].endswith((".yml", ".yaml")) else ""


def problem(code: Code, loc: Loc, zh: str, en: str, *, key: str = "", label: str = "") -> Problem:
    """Make a problem; the one constructor every stage uses. The severity is the code's (see codes.py);
    the department is the one whose file it is in; personal-data-shaped numbers are hidden."""
    return Problem(
        code=code,
        loc=loc,
        key=mask(key),
        label=label,
        zh=mask(zh),
        en=mask(en),
        severity=code.severity,
        department=department_of(loc.file),
    )


@dataclass
class Report:
    """Owns the problems found in one run and the exit code they imply."""

    problems: list[Problem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Departments' names by id, once the content is read: the text report counts problems by department."""

    def extend(self, found: Iterable[Problem]) -> None:
        self.problems.extend(found)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def exit_code(self) -> int:
        """0 clean, 1 content problems, 2 the command cannot run here (no config, no content)."""
        if any(p.code.category == "environment" for p in self.problems):
            return 2
        return 1 if self.errors else 0

    def only(self, files: Iterable[str]) -> Report:
        """The problems located in `files` (as problems name them; a name ending in `/` is a folder), and any that
        stop the command from running."""
        wanted = set(files)
        folders = tuple(name for name in wanted if name.endswith("/"))
        kept = [
            p
            for p in self.problems
            if p.loc.file in wanted or p.loc.file.startswith(folders) or p.code.category == "environment"
        ]
        return Report(kept, self.names)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.loc, p.code, p.key))

    def render(self, fmt: str = "text", lang: str = "zh", *, warnings: bool = False) -> str:
        """The problems in `fmt`. As text: warnings and approved exceptions counted per department (listed
        one by one with `warnings`), then every error, then the totals — so the last lines are what to fix."""
        items = self.sorted()
        if fmt == "json":
            return json.dumps([p.as_dict(lang) for p in items], ensure_ascii=False, indent=2)
        if fmt == "gitlab":
            return json.dumps([p.gitlab(lang) for p in items], ensure_ascii=False, indent=2)
        if fmt == "github":
            return "\n".join(p.github(lang) for p in items)
        by = {s: [p for p in items if p.severity == s] for s in SEVERITY_ZH}
        lines = [p.text(lang) for p in by["notice"] + by["warning"]] if warnings else []
        if not warnings:
            lines += [_tally(by[s], s, lang, self.names) for s in ("warning", "notice") if by[s]]
        lines += [p.text(lang) for p in by["error"]]
        lines.append(_totals(by, lang, self.names))
        return "\n".join(lines)


def _per_department(found: list[Problem], lang: str, names: Mapping[str, str]) -> str:
    """`财政局 3 个、全区文件 1 个`: how many of `found` lie in each department's files, most first."""
    counts = Counter(p.department for p in found)
    order = sorted(counts, key=lambda d: (-counts[d], d == "", d))
    if lang == "en":
        return ", ".join(f"{names.get(d, d) or 'district files'} {counts[d]}" for d in order)
    return "、".join(f"{names.get(d, d) or DISTRICT_FILES} {counts[d]} 个" for d in order)


def _tally(found: list[Problem], severity: str, lang: str, names: Mapping[str, str]) -> str:
    """One line in place of a list of warnings (or of approved exceptions): how many, where, how to see them."""
    if lang == "en":
        return f"{len(found)} {severity}(s) ({_per_department(found, lang, names)}); list them with --warnings."
    return (
        f"{SEVERITY_ZH[severity]} {len(found)} 个（{_per_department(found, lang, names)}），"
        "未逐条列出；加 --warnings 可逐条列出。"
    )


def _totals(by: Mapping[str, list[Problem]], lang: str, names: Mapping[str, str]) -> str:
    errors, warnings, notices = (len(by[s]) for s in ("error", "warning", "notice"))
    where = f"（{_per_department(by['error'], lang, names)}）" if errors else ""
    if lang == "en":
        where = f" ({_per_department(by['error'], lang, names)})" if errors else ""
        extra = f", {notices} approved exception(s)" if notices else ""
        return f"{errors} error(s){where}, {warnings} warning(s){extra}."
    extra = f"，{notices} 个已批准的例外" if notices else ""
    return f"共 {errors} 个错误{where}，{warnings} 个警告{extra}。"


class Fielded(Protocol):
    """A record: it knows where each of its fields was written."""

    def where(self, key: str) -> Loc: ...


def on_field(code: Code, record: Fielded, key: str, zh: str, en: str) -> Problem:
    """A problem at one field of a record, located where the field was written and named by its spec() label."""
    return problem(code, record.where(key), zh, en, key=key, label=label_of(type(record), key))
