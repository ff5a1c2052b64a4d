"""The scan of a built site: every public file is read for personal numbers, secret markings and text of
non-public items, by one process per core on large sites, remembering files found clean.

Uses the same detectors as the content rules (personal.py, secrecy.py), so the two never disagree.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import gzip
import hashlib
import html
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import codes, cores, personal, secrecy
from .config import SiteConfig
from .content import Content, records, texts
from .model import Disclosure, Record
from .personal import find_normalised, normalise
from .privacy import advice, allowed_fingerprints
from .problems import Loc, Problem, problem
from .schema import Labels
from .secrecy import find_normalised as find_marks
from .secrecy import may_hold

DISCLOSURE = Labels(Disclosure)

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


_TAGS = re.compile(r"<[^>]*>")
"""Markup between words: a marking is searched for in the text a reader sees, each element's text on its line."""


def flatten(text: str) -> str:
    """Normalised text without white space, for substring search (a page may wrap a line anywhere)."""
    return "".join(normalise(text).split())


PROBE_MIN = 8
"""Shorter texts of hidden items are too common to prove a leak."""


def leak_probes(content: Content, shown: Content) -> set[str]:
    """Lines of text that only hidden items contain: finding one in the public site proves a leak."""
    kept = {id(r) for r in records(shown)}

    def lines(record: Record) -> Iterator[str]:
        return (flatten(line) for value in texts(record) for line in value.text.splitlines())

    hidden = [r for r in records(content) if id(r) not in kept]
    probes = {line for record in hidden for line in lines(record) if len(line) >= PROBE_MIN}
    if not probes:  # everything is shown: nothing to compare, so the shown text is not read
        return probes
    everything = "\n".join(line for record in records(shown) for line in lines(record))
    return {p for p in probes if p not in everything}


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
    site_dir: Path,
    config: SiteConfig,
    probes: Iterable[str] = (),
    memo: Path | None = None,
    workers: int | None = None,
    advance: Callable[[int], None] | None = None,
) -> SiteScan:
    """Every file of a built site: no personal number, and none of the `probes` (text that must not be shown).

    Large sites are read by one process per idle core (`workers` overrides the choice).
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
    if advance is not None:
        advance(len(files))
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
    return cores.idle() if files >= PARALLEL_FROM else 1


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
        for f in find_normalised(norm, allowed):
            zh, en = advice(f.kind, f.masked)
            here.append(
                problem(codes.PERSONAL_DATA_OUTPUT, Loc(loc_file, f.line, f.col), f"网站文件{zh}", f"Site file: {en}")
            )
        for m in find_marks(_TAGS.sub("\n", norm)) if may_hold(norm) else ():
            here.append(
                problem(
                    codes.SECRET_OUTPUT,
                    Loc(loc_file, m.line, m.col),
                    f"网站文件含有密级或内部资料标志（{m.text}）。涉密信息和内部资料不得公开：网站未发布，"
                    "请找出它来自哪条信息、哪个附件或模板，删除后重新生成，并按保密规定报告。",
                    "A site file carries a secret or internal-only marking; nothing was published. Find where it came "
                    "from, remove it and report it.",
                )
            )
        if hidden is not None and hidden.search("".join(norm.split())):
            here.append(
                problem(
                    codes.LEAK,
                    Loc(loc_file),
                    f"网站文件中出现了不向社会公开的内容（{DISCLOSURE.audience}为一定范围公开或内部公开的信息）。网站未发布，请检查{DISCLOSURE.audience}和模板。",
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
    h = hashlib.sha256(b"".join(Path(str(m.__file__)).read_bytes() for m in (sys.modules[__name__], personal, secrecy)))
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
