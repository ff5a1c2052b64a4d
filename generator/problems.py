"""Problems are data: a stable code, a location, the field, and a message in Chinese and English."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
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


class Stopped(Exception):
    """A program or folder a command needs is missing or refused: what to do, in Chinese and in English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


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
        where = f"{self.label} ({self.key})" if self.key and self.label else self.key or self.label
        head = f"{self.loc}: {where}: " if where else f"{self.loc}: "
        tag = "" if self.severity == "error" else ("警告 " if lang == "zh" else "warning ")
        return f"{head}{tag}{self.message(lang)} [{self.code}]"

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
        kind = "error" if self.severity == "error" else "warning"
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
            "severity": "major" if self.severity == "error" else "minor",
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
        """The problems located in `files` (as problems name them), and any that stop the command from running."""
        wanted = set(files)
        return Report([p for p in self.problems if p.loc.file in wanted or p.code.category == "environment"])

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.loc, p.code, p.key))

    def render(self, fmt: str = "text", lang: str = "zh") -> str:
        items = self.sorted()
        if fmt == "json":
            return json.dumps([p.as_dict(lang) for p in items], ensure_ascii=False, indent=2)
        if fmt == "gitlab":
            return json.dumps([p.gitlab(lang) for p in items], ensure_ascii=False, indent=2)
        if fmt == "github":
            return "\n".join(p.github(lang) for p in items)
        lines = [p.text(lang) for p in items]
        n_err, n_warn = len(self.errors), len(items) - len(self.errors)
        if lang == "en":
            lines.append(f"{n_err} error(s), {n_warn} warning(s).")
        else:
            lines.append(f"共 {n_err} 个错误，{n_warn} 个警告。")
        return "\n".join(lines)


class Fielded(Protocol):
    """A record: it knows where each of its fields was written."""

    def where(self, key: str) -> Loc: ...


def on_field(code: Code, record: Fielded, key: str, zh: str, en: str) -> Problem:
    """A problem at one field of a record, located where the field was written and named by its spec() label."""
    return problem(code, record.where(key), zh, en, key=key, label=label_of(type(record), key))
