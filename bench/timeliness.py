"""Timeliness benchmark: one `git log` pass against one git process per file, and working-day deadlines.

python -m bench.timeliness [--files 400] [--commits 40]

Both git readings run side by side on the same temporary repository with real commits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import tempfile
import time
from pathlib import Path

from generator.gitdates import read_history
from generator.workdays import deadline, shipped_calendar


def make_repo(root: Path, files: int, commits: int) -> list[Path]:
    """A repository with `files` postings added over `commits` commits, one day apart."""
    env = dict(os.environ)
    ident = ["-c", "user.name=bench", "-c", "user.email=bench@example.gov.cn", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    paths = []
    per = max(1, files // commits)
    for c in range(commits):
        for n in range(per):
            path = root / "content" / f"d{c % 10}" / "postings" / f"p{c:04d}-{n:04d}.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"title: 公告{c}-{n}\n", encoding="utf-8")
            paths.append(path)
        date = (dt.date(2024, 1, 1) + dt.timedelta(days=c)).isoformat() + "T10:00:00+08:00"
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
        subprocess.run(["git", *ident, "-C", str(root), "commit", "-q", "-m", f"c{c}"], check=True, env=env)
    return paths


def per_file(root: Path, paths: list[Path]) -> dict[Path, str]:
    """The slow way: one `git log --follow` per file."""
    out = {}
    for path in paths:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "--diff-filter=A", "--follow", "--format=%cs", "--", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        out[path] = done.stdout.split()[-1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--commits", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        paths = make_repo(root, args.files, args.commits)
        started = time.perf_counter()
        history = read_history(root / "content")
        one_pass = time.perf_counter() - started
        started = time.perf_counter()
        slow = per_file(root, paths)
        each = time.perf_counter() - started
        assert all(history.first_seen[p].date.isoformat() == slow[p] for p in paths), "the two readings disagree"
    print(f"== git history: {len(paths)} files in {args.commits} commits")
    print(f"one git log pass          {one_pass * 1000:8.1f} ms")
    print(f"one git process per file  {each * 1000:8.1f} ms   ratio {each / one_pass:.0f}×")
    calendar = shipped_calendar()
    starts = [dt.date(2024, 1, 1) + dt.timedelta(days=n % 1000) for n in range(10_000)]
    started = time.perf_counter()
    for start in starts:
        deadline(calendar, start, 20, "工作日")
    spent = time.perf_counter() - started
    print(f"== 10,000 deadlines of 20 working days: {spent * 1000:.1f} ms ({spent / 10_000 * 1e6:.1f} µs each)")


if __name__ == "__main__":
    main()
