"""Publishing under contention and faults, with real processes: several publishes at once, a kill
in the middle, a full disk, a refused write, a tampered release, and a target of another audience."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import CURRENT, MANIFEST, RELEASES, TARGET, live, locked, publish, releases, verify

from .conftest import AS_OF, edit_content

pytestmark = pytest.mark.slow

PY = sys.executable


def cli(project: Path, to: Path, *extra: str) -> list[str]:
    return [PY, "-m", "generator", "publish", "--config", str(project), "--as-of", str(AS_OF), "--to", str(to), *extra]


def run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload,no-any-return]


def assert_whole(to: Path) -> None:
    """`current` points at a release that matches its manifest, and nothing half-built is left."""
    current = live(to)
    assert current is not None
    assert verify(current) == []
    assert (current / "index.html").is_file()
    assert not [p for p in (to / RELEASES).iterdir() if p.name.startswith(".")]


def test_several_publishes_at_once_run_one_after_another(project: Path, tmp_path: Path) -> None:
    """Three copies of the district, each with its own change, published onto one target at the same time."""
    to = tmp_path / "www"
    copies = []
    for n in range(3):
        copy = tmp_path / f"copy-{n}"
        shutil.copytree(project.parent, copy)
        edit_content(copy / "site_config.yml", str(n))
        copies.append(copy / "site_config.yml")
    procs = [
        subprocess.Popen(cli(copy, to), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for copy in copies
    ]
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    done = releases(to)
    assert len(done) == 3
    for release in done:
        assert verify(release) == [], release  # every release whole, none sharing a build folder
    assert live(to) == done[-1].resolve()
    assert_whole(to)


def test_a_second_publish_that_will_not_wait_exits_2(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = publish(project, to, AS_OF)
    assert first.release is not None
    edit_content(project, "改")
    with locked(to):
        busy = run(cli(project, to, "--wait", "0"))
        waiting = subprocess.Popen(
            cli(project, to, "--wait", "300"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        time.sleep(1.0)
        assert waiting.poll() is None  # it waits for the lock
        assert live(to) == first.release.resolve()
    assert busy.returncode == 2, busy.stdout + busy.stderr
    assert "另一个发布正在使用" in busy.stderr and "线上网站未改动" in busy.stderr and "Traceback" not in busy.stderr
    out = waiting.communicate(timeout=600)[0]
    assert waiting.returncode == 0, out
    assert live(to) != first.release.resolve()
    assert_whole(to)


def test_a_publish_killed_while_building_leaves_the_live_site_and_is_cleaned_up(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = publish(project, to, AS_OF)
    assert first.release is not None
    before = (to / CURRENT / "index.html").read_bytes()
    (project.parent / "content" / "czj" / "department.yml").write_text(
        (project.parent / "content" / "czj" / "department.yml")
        .read_text(encoding="utf-8")
        .replace("人民路8号", "人民路9号"),
        encoding="utf-8",
    )
    proc = subprocess.Popen(cli(project, to), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list((to / RELEASES).glob(".building-*/*")):
        assert proc.poll() is None and time.monotonic() < deadline, "the publish ended before it could be killed"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = list((to / RELEASES).glob(".building-*"))
    assert left  # the killed publish left its half-built folder behind
    assert live(to) == first.release.resolve() and (to / CURRENT / "index.html").read_bytes() == before
    again = publish(project, to, AS_OF)  # the lock died with its holder
    assert again.release is not None and set(left) <= set(again.cleaned)
    assert "人民路9号" in (to / CURRENT / "data" / "departments.json").read_text(encoding="utf-8")
    assert_whole(to)


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("unshare") is not None and run(["unshare", "-m", "true"]).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces to make a small real file system")
def test_a_full_disk_stops_the_publish_with_current_untouched(project: Path, tmp_path: Path) -> None:
    """The target is a real small file system, filled after the first publish until 300 KB are left."""
    to = tmp_path / "www"
    to.mkdir()
    script = f"""
set -e
mount -t tmpfs -o size=8m tmpfs {to}
{" ".join(cli(project, to))} > {tmp_path}/first.txt 2>&1
dd if=/dev/zero of={to}/spare bs=1k count=300 2>/dev/null
dd if=/dev/zero of={to}/filler bs=64k 2>/dev/null || true
rm {to}/spare
readlink {to}/{CURRENT} > {tmp_path}/live-before.txt
set +e
{" ".join(cli(project, to))} > {tmp_path}/second.txt 2>&1
echo $? > {tmp_path}/code.txt
readlink {to}/{CURRENT} > {tmp_path}/live-after.txt
ls -a {to}/{RELEASES} > {tmp_path}/left.txt
cmp {to}/{CURRENT}/index.html {to}/{RELEASES}/$(basename $(cat {tmp_path}/live-before.txt))/index.html
echo $? > {tmp_path}/same.txt
"""
    done = run(["unshare", "-m", "sh", "-c", script])
    assert done.returncode == 0, done.stderr + (tmp_path / "first.txt").read_text(encoding="utf-8")
    second = (tmp_path / "second.txt").read_text(encoding="utf-8")
    assert (tmp_path / "code.txt").read_text().strip() == "2", second
    assert "磁盘已满" in second and "线上网站未改动" in second and "Traceback" not in second
    assert (tmp_path / "live-before.txt").read_text() == (tmp_path / "live-after.txt").read_text()
    assert (tmp_path / "same.txt").read_text().strip() == "0"
    left = (tmp_path / "left.txt").read_text().split()
    assert not [name for name in left if name.startswith(".building")], left


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to drop the override")
def test_a_refused_write_stops_the_publish_with_current_untouched(project: Path, tmp_path: Path) -> None:
    """Root without CAP_DAC_OVERRIDE obeys file modes like any user: releases/ made read-only refuses the build."""
    to = tmp_path / "www"
    first = publish(project, to, AS_OF)
    assert first.release is not None
    (to / RELEASES).chmod(0o555)
    try:
        done = run(
            ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-all", *cli(project, to)]
        )
    finally:
        (to / RELEASES).chmod(0o755)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "没有写入权限" in done.stderr and "线上网站未改动" in done.stderr and "Traceback" not in done.stderr
    assert live(to) == first.release.resolve()
    assert_whole(to)


def test_a_release_changed_after_publishing_is_not_rolled_back_to(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = publish(project, to, AS_OF)
    edit_content(project, "改")
    second = publish(project, to, AS_OF)
    assert first.release is not None and second.release is not None
    (first.release / "index.html").write_text("<p>defaced</p>", encoding="utf-8")
    (first.release / "extra.html").write_text("x", encoding="utf-8")
    done = run([PY, "-m", "generator", "publish", "--to", str(to), "--rollback"])
    assert done.returncode == 2
    assert "内容不符" in done.stderr and "index.html" in done.stderr and "多出" in done.stderr
    assert live(to) == second.release.resolve()


def test_a_target_keeps_the_audience_of_its_first_publish(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = publish(project, to, AS_OF)
    assert first.release is not None
    assert json.loads((to / TARGET).read_text(encoding="utf-8"))["audience"] == "public"
    before = (to / CURRENT / "index.html").read_bytes()
    done = run(cli(project, to, "--audience", "internal"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "公开对象是 public" in done.stderr and "internal" in done.stderr and "线上网站未改动" in done.stderr
    assert live(to) == first.release.resolve() and (to / CURRENT / "index.html").read_bytes() == before
    assert releases(to) == [first.release]
    intranet = tmp_path / "intranet"
    assert run(cli(project, intranet, "--audience", "internal")).returncode == 0
    assert run(cli(project, intranet)).returncode == 2  # and the other way round
    assert json.loads((intranet / TARGET).read_text(encoding="utf-8"))["audience"] == "internal"
    assert not list((to / RELEASES).glob(f"*{MANIFEST}"))[1:]
