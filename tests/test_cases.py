"""The must-fail corpus: each file in cases/ is dropped into the valid district and must give
exactly the problems its header names.

Header lines:  `# path: <where the file goes under content/>` (`../site_config.yml` for the site's settings)
               `# expect: <code>@<line> <code>@<line> …`   (problems in that file)
               `# as-of: YYYY-MM-DD` (optional build date; default 2011-12-31)
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest

from generator import pipeline

from .conftest import AS_OF, OUTSIDE_GIT
from .test_typography import marks

CASES = sorted((Path(__file__).parent / "cases").glob("*.yml"))


def header(text: str, name: str) -> str | None:
    m = re.search(rf"^# {name}: *(.*)$", text, re.M)
    return m.group(1).strip() if m else None


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, project: Path) -> None:
    text = case.read_text(encoding="utf-8")
    dest = header(text, "path")
    expect = header(text, "expect")
    assert dest and expect is not None, f"{case.name}: needs '# path:' and '# expect:' headers"
    as_of = header(text, "as-of")
    target = project.parent / "content" / dest
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    report = pipeline.check(project, dt.date.fromisoformat(as_of) if as_of else AS_OF).report
    found = sorted((p.code, p.loc.file, p.loc.line) for p in report.problems if p.code != OUTSIDE_GIT)
    file = posixpath.normpath(f"content/{dest}")
    wanted = sorted((code, file, int(line)) for code, line in (item.split("@") for item in expect.split()))
    assert found == wanted
    untidy = [(p.code, hit) for p in report.problems for hit in marks(p.zh)]
    assert not untidy, f"half-width marks beside Chinese in the tool's own words: {untidy}"


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 20
