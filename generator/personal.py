"""The one personal-number detector: resident ID, mobile and bank card numbers in any text.

Used by the content rule (privacy), the attachment scan, the scan of the built site (sitescan.scan_site)
and the masking of every message (problems.mask). Text is normalised first: NFKC turns full-width digits,
marks and spaces of any width into ASCII; invisible characters (chars.HIDDEN) are dropped; every dash
people type (the en and em dashes Word inserts, U+2010/2011/2012/2015, the minus sign, box-drawing lines)
becomes "-", every tilde "~" and every slash "/", one character for one, so columns hold.

One grammar for every kind of number: digits unbroken, or in ANY grouping of three digits or more (a mobile
as 3-8 or 3-4-4, an ID as 6-4-4-4 or 6-8-4) with one kind of separator between the groups: spaces, or a
hyphen, dot, slash or tilde with or without spaces around it; the first group may stand in brackets
("(138)1234-5678", "(138) 1234 5678"). Every run of digit groups is tried group-span by group-span.
What counts:

- resident ID: 18 characters with a real birth date and the GB 11643 check character, or an
  old 15-digit ID (region, a real 19YYMMDD birth date, sequence);
- mobile: 11 digits starting 13–19, with or without +86;
- bank card: 16–19 digits with the Luhn checksum (starting 2–6 when written in groups), and not a valid 18-character
  统一社会信用代码 (GB 32100), which is checked first: a company's public code is no card.

Masked forms (138****1234) are not numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .chars import HIDDEN

Kind = Literal["id-card", "mobile", "bank-card"]

KIND_ZH: dict[Kind, str] = {"id-card": "居民身份证号码", "mobile": "手机号码", "bank-card": "银行卡号"}
KIND_EN: dict[Kind, str] = {"id-card": "resident ID number", "mobile": "mobile number", "bank-card": "bank card number"}

_RUN = re.compile(r"(?<!\d)\d(?:[ ./~()\-]{0,4}\d){10,}(?:[Xx](?![0-9A-Za-z]))?(?!\d)")
"""Digit groups with at most four separator characters between them, eleven digits or more: where numbers hide."""
SEPARATORS = "-./~"
"""The marks that join digit groups into one number (after normalise), besides spaces and a bracket."""
_SAME = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500\u2501\u2e3a\u2e3b\ufe58", "-"),
    **dict.fromkeys("\u301c\u223c\u2053", "~"),
    **dict.fromkeys("\u2044\u2215\u29f8", "/"),
}
"""Dashes, tildes and slashes that NFKC leaves as they are, each to its ASCII form (one character for one)."""
_ODD = re.compile("[" + "".join(_SAME) + "]")
_GROUP = re.compile(r"\d+")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_LONGEST = 19
_SHORTEST = 11
"""The fewest digits of any number looked for (a mobile); an old ID has 15, a card 16 or more."""


@dataclass(frozen=True)
class Finding:
    """A number found in a line of text: what kind, where, its masked form and fingerprint."""

    kind: Kind
    line: int
    col: int
    masked: str
    sha256: str


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII, any space → a space) without invisible characters, every dash, tilde and slash in
    its ASCII form: the text a reader sees, as the detector reads it."""
    norm = HIDDEN.sub("", unicodedata.normalize("NFKC", text))
    return _ODD.sub(lambda m: _SAME[m.group()], norm) if _ODD.search(norm) else norm


def fingerprint(digits: str) -> str:
    """The SHA-256 of a number's digits (X upper-case): what the allow-list stores."""
    return hashlib.sha256(digits.upper().encode("ascii")).hexdigest()


def mask(kind: Kind, digits: str) -> str:
    """A form safe to print: 138****1234, 3401**********1234, 6222***********1234."""
    keep = 3 if kind == "mobile" else 4
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def _born(year: int, month: int, day: int) -> bool:
    try:
        return dt.date(year, month, day).year >= 1900
    except ValueError:
        return False


def valid_id(digits: str) -> bool:
    """GB 11643: a region code, a real birth date and the ISO 7064 MOD 11-2 check character."""
    if len(digits) != 18 or not digits[:17].isdigit() or digits[0] == "0":
        return False
    if not _born(int(digits[6:10]), int(digits[10:12]), int(digits[12:14])):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def valid_old_id(digits: str) -> bool:
    """The 15-digit resident ID issued before 1999: a region code and a real 19YYMMDD birth date."""
    return (
        len(digits) == 15
        and digits.isdigit()
        and digits[0] != "0"
        and _born(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    )


def valid_credit_code(code: str) -> bool:
    """GB 32100: an 18-character 统一社会信用代码 whose last character is its check character."""
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def luhn(digits: str) -> bool:
    """The Luhn checksum every bank card number carries."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def classify(digits: str, grouped: bool = False) -> tuple[Kind, str] | None:
    """What a string of digits (an ID may end in X) is, with the digits its fingerprint is taken of.

    `grouped`: the digits were joined from several groups; a card is then only taken for one when
    it starts as card numbers do (2–6), so a row of figures is not read as a card by chance.
    """
    n = len(digits)
    if n == 18 and valid_id(digits):
        return "id-card", digits.upper()
    if not digits.isdigit():
        return None
    if n == 15 and valid_old_id(digits):
        return "id-card", digits
    if n == 11 and digits[0] == "1" and digits[1] in "3456789":
        return "mobile", digits
    if n == 13 and digits.startswith("86") and digits[2] == "1" and digits[3] in "3456789":
        return "mobile", digits[2:]
    card_start = digits[0] in "23456" or not grouped
    if 16 <= n <= _LONGEST and card_start and not valid_credit_code(digits) and luhn(digits):
        return "bank-card", digits
    return None


WRITTEN_SHAPES = frozenset(
    {(3, 4, 4), (3, 8), (6, 8, 4), (6, 4, 4, 4), (6, 8, 3), (6, 4, 4, 3), (4, 4, 4, 4), (4, 4, 4, 4, 1), (4, 4, 4, 4, 2),
     (4, 4, 4, 4, 3)}
)  # fmt: skip
"""How people group a mobile (3-4-4, 3-8), an ID (6-8-4, 6-4-4-4; a last group of three before its X) and a card
(4-4-4-4 and the rest): the only groupings a number written with loose separators (spaces around a mark, a
bracket, or two kinds of mark) is read in. Tightly written numbers are read in any grouping."""


def _separator(between: str) -> tuple[str, bool] | None:
    """The separator between two digit groups as people write it inside one number, and whether it is loose:
    spaces (tight), one of SEPARATORS alone (tight) or with spaces around it (loose), or the closing bracket
    after a first group written in brackets (loose, "(" as its mark). Anything else (two marks, a letter)
    never joins two groups into a number."""
    core = between.strip()
    if not core:
        return " ", False
    if core in SEPARATORS:
        return core, core != between
    if core.startswith(")") and core[1:].strip() in ("", *SEPARATORS):
        return "(", True
    return None


def _spans(run: str, opened: bool) -> Iterator[tuple[int, int, Kind, str]]:
    """(start, end, kind, digits) of every personal number made of consecutive digit groups of `run`.

    Groups joined into one number are of three digits or more. Written tightly (one kind of separator, no spaces
    around a mark), any grouping is read; written loosely, only the groupings people write (WRITTEN_SHAPES),
    so a table flattened into text (18936000. 300) never joins into a mobile. A bracket may only close the
    first group, when it opens right before it (`opened`: right before the run).
    """
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    sizes = [b - a for a, b in groups]
    left = list(itertools.accumulate(reversed(sizes)))[::-1]  # digits from each group to the end of the run
    seps = [_separator(run[a[1] : b[0]]) for a, b in itertools.pairwise(groups)]
    bracketed = [opened] + [
        "(" in run and run[a[1] : b[0]].rstrip().endswith("(") for a, b in itertools.pairwise(groups)
    ]
    check = run[-1] in "Xx"
    for i, (start, _) in enumerate(groups):
        if left[i] < _SHORTEST:
            break  # too few digits left for any number
        digits = ""
        marks: set[str] = set()
        loose = False
        for j in range(i, len(groups)):
            if j > i:
                sep = seps[j - 1]
                if sep is None or sizes[j] < 3 or sizes[i] < 3 or (sep[0] == "(" and (j != i + 1 or not bracketed[i])):
                    break
                if sep[0] != "(":
                    marks.add(sep[0])
                loose = loose or sep[1]
            digits += run[groups[j][0] : groups[j][1]]
            if len(digits) > _LONGEST:
                break
            with_x = j == len(groups) - 1 and check and len(digits) == 17
            if len(digits) < _SHORTEST:
                continue
            if (loose or len(marks) > 1) and tuple(sizes[i : j + 1]) not in WRITTEN_SHAPES:
                continue
            found = classify(digits + "X" if with_x else digits, grouped=j > i)
            if found is not None:
                yield start, groups[j][1] + with_x, *found


def _in_credit_code(norm: str, start: int, end: int) -> bool:
    """The digits are part of a 统一社会信用代码 (GB 32100) with its letters right before or after them, as in
    91340181000000006A: its 17 digits may pass Luhn by chance, but a company's public code is no card."""
    while start > 0 and norm[start - 1] in _USCC_CHARS:
        start -= 1
    while end < len(norm) and norm[end] in _USCC_CHARS:
        end += 1
    return end - start == 18 and valid_credit_code(norm[start:end])


def _numbers(norm: str) -> Iterator[tuple[int, int, Kind, str]]:
    """Every personal number in normalised text, longest first where two would overlap, in order."""
    found: list[tuple[int, int, Kind, str]] = []
    for run in _RUN.finditer(norm):
        if _in_credit_code(norm, run.start(), run.end()):
            continue
        offset = run.start()
        opened = norm[max(0, offset - 8) : offset].rstrip().endswith("(")  # a bracket opens right before it
        taken: list[tuple[int, int]] = []
        for start, end, kind, digits in sorted(_spans(run.group(), opened), key=lambda s: s[0] - s[1]):
            if not any(start < e and s < end for s, e in taken):
                taken.append((start, end))
                found.append((offset + start, offset + end, kind, digits))
    return iter(sorted(found))


def find_numbers(text: str, allowed: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every personal number in `text` whose fingerprint is not in `allowed`, in order."""
    return find_normalised(normalise(text), allowed)


def find_normalised(norm: str, allowed: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """find_numbers on text already normalised (the site scan normalises once per file)."""
    for start, _, kind, digits in _numbers(norm):
        sha = fingerprint(digits)
        if sha not in allowed:
            line = norm.count("\n", 0, start) + 1
            yield Finding(kind, line, start - norm.rfind("\n", 0, start), mask(kind, digits), sha)


HIDDEN_NUMBER = "[…]"


def looks_personal(run: str) -> bool:
    """The shape of a personal number, valid or not (11+ digits, not a 0-prefixed landline, groups of 3+)."""
    groups = _GROUP.findall(run)
    return sum(map(len, groups)) >= 11 and run[0] != "0" and all(len(g) >= 3 for g in groups)


def hide_numbers(text: str) -> str:
    """Every number shaped like personal data hidden, so a message never repeats one, valid or mistyped."""
    return _RUN.sub(lambda m: HIDDEN_NUMBER if looks_personal(m.group()) else m.group(), text)
