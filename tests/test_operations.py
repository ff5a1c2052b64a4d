"""The web team's procedures in docs/publishing.md and ci-templates/cron/, run as written: back-up and restore of a
target (a restored ledger verified, a tampered one refused), publishing from cron without a forge, and moving the
site to a new server."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator import ledger
from generator.publish import CURRENT, live, locked, publish, releases

from .conftest import AS_OF, ROOT
from .nginx import free_port, nginx, site_conf

pytestmark = pytest.mark.slow

DOC = ROOT / "docs" / "publishing.md"
CRON = ROOT / "ci-templates" / "cron"
BIN = Path(sys.executable).parent
"""Where `disclose` is installed for the tests (the documented /opt/zwgk/bin)."""
IMPORTED = "2026-11-30T09:00:00+08:00"
"""When the example's content was imported into its repository (before its `backdating_since`)."""


def procedure(name: str) -> str:
    """The shell commands of one procedure of docs/publishing.md, as a web team would copy them."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- procedure: {name} -->\n[ \t]*```sh\n(.*?)\n[ \t]*```", text, re.S)
    assert found, f"docs/publishing.md has no procedure {name}"
    return textwrap.dedent(found.group(1))


def machine(root: Path) -> dict[str, str]:
    """The documented paths of one server, placed under `root`."""
    return {
        "/srv": f"{root}/srv",
        "/var/backups": f"{root}/backups",
        "/var/log": f"{root}/log",
        "/opt/zwgk/bin": str(BIN),
        "/opt/zwgk/zwgk-publish.sh": f"{root}/opt/zwgk-publish.sh",
    }


def placed(script: str, paths: Mapping[str, str]) -> str:
    """The script with each documented path (a whole path or the start of one) moved to where it is here."""
    for documented, here in sorted(paths.items(), key=lambda kv: -len(kv[0])):
        script = re.sub(
            rf"(?<![\w.]){re.escape(documented)}(?=[/\s'\":]|$)", here.replace("\\", "\\\\"), script, flags=re.M
        )
    return script


def sh(script: str, env: Mapping[str, str] | None = None, shell: str = "bash") -> subprocess.CompletedProcess[str]:
    """Run commands as a shell session would, stopping at the first that fails."""
    environ = dict(env) if env is not None else dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    flags = ["-euo", "pipefail"] if shell == "bash" else ["-eu"]
    return subprocess.run([shell, *flags, "-c", script], capture_output=True, text=True, env=environ, check=False)


def district(dest: Path) -> Path:
    """The example district (content and site_config.yml) at `dest`; returns its site_config.yml."""
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copy(ROOT / "site_config.yml", dest / "site_config.yml")
    return dest / "site_config.yml"


def test_a_backup_restores_with_its_ledger_verified(tmp_path: Path) -> None:
    paths = machine(tmp_path)
    target = tmp_path / "srv" / "zwgk"
    done = publish(district(tmp_path / "content"), target, AS_OF)
    assert done.release is not None
    before = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}

    # a backup waits for a publish that holds the lock, so it never holds half a publish
    holding, released = threading.Event(), threading.Event()

    def hold() -> None:
        with locked(target):
            holding.set()
            released.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    backup = subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", placed(procedure("backup"), paths)], stderr=subprocess.PIPE, text=True
    )
    time.sleep(1.0)
    assert backup.poll() is None  # waiting for the lock
    released.set()
    holder.join()
    assert backup.wait(60) == 0, backup.stderr.read() if backup.stderr else ""
    [archive] = (tmp_path / "backups" / "zwgk").glob("zwgk-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"zwgk/ledger.jsonl", "zwgk/target.json", "zwgk/current"} <= names and "zwgk/.lock" not in names

    shutil.rmtree(target)  # the disk is lost
    restored = sh(placed(procedure("restore"), paths))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "发布记录 完好" in restored.stdout and "完好  ← 当前" in restored.stdout
    after = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert {k: v for k, v in after.items() if k != ".lock"} == {k: v for k, v in before.items() if k != ".lock"}
    assert live(target) == done.release.resolve() and (target / CURRENT / "index.html").is_file()

    # a backup whose ledger was edited is found out on restore
    shutil.rmtree(target)
    work = tmp_path / "edit"
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="tar")
    rows = (work / "zwgk" / ledger.LEDGER).read_text(encoding="utf-8").splitlines(keepends=True)
    rows[3] = rows[3].replace('"import"', '"live"')
    (work / "zwgk" / ledger.LEDGER).write_text("".join(rows), encoding="utf-8")
    archive.unlink()
    with tarfile.open(archive.with_name("zwgk-20990101-000000.tar.gz"), "w:gz") as tar:
        tar.add(work / "zwgk", "zwgk")
    refused = sh(placed(procedure("restore"), paths))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "ledger-broken" in refused.stderr and "ledger.jsonl:5" in refused.stderr  # the chain breaks after line 4


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ)
    if date is not None:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    who = ["-c", "user.name=信息员", "-c", "user.email=zwgk@example.gov.cn", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *who, *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def content_server(root: Path) -> tuple[Path, Path]:
    """The district's git server (a bare repository holding the example) and a clerk's clone of it."""
    clerk = root / "clerk"
    district(clerk)
    git(clerk, "init", "-q", "-b", "main")
    git(clerk, "add", "-A")
    git(clerk, "commit", "-q", "-m", "导入", date=IMPORTED)
    server = root / "git" / "content.git"
    server.parent.mkdir()
    git(root, "clone", "-q", "--bare", str(clerk), str(server))
    git(clerk, "remote", "add", "origin", str(server))
    return server, clerk


def cron_jobs() -> tuple[dict[str, str], list[str]]:
    """/etc/cron.d/zwgk read as cron reads it: its variables, and each job's command (with `\\%` a plain `%`)."""
    variables, jobs = {}, []
    for line in (CRON / "zwgk").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if re.match(r"^[A-Z_]+=", line):
            key, _, value = line.partition("=")
            variables[key] = value
            continue
        fields = line.split(None, 6)
        assert len(fields) == 7 and fields[5] == "zwgk", line
        jobs.append(fields[6].replace("\\%", "%"))
    return variables, jobs


def test_cron_publishes_new_commits_without_a_forge_and_backs_up(tmp_path: Path) -> None:
    paths = machine(tmp_path)
    server, clerk = content_server(tmp_path)
    for folder in ("srv", "backups/zwgk", "log/zwgk", "opt"):  # as the documented install makes them
        (tmp_path / folder).mkdir(parents=True)
    script = Path(paths["/opt/zwgk/zwgk-publish.sh"])
    script.write_text(placed((CRON / "zwgk-publish.sh").read_text(encoding="utf-8"), paths), encoding="utf-8")
    script.chmod(0o755)
    git(tmp_path, "clone", "-q", str(server), str(tmp_path / "srv" / "zwgk-content"))
    variables, (publish_job, backup_job) = cron_jobs()
    env = {k: placed(v, paths) for k, v in variables.items()} | {"HOME": str(tmp_path), "LOGNAME": "zwgk"}
    assert env["SHELL"] == "/bin/sh" and env["PATH"].startswith(str(BIN))
    target = tmp_path / "srv" / "zwgk"
    log = tmp_path / "log" / "zwgk" / "publish.log"

    def tick() -> str:
        """One run of the publish job as cron runs it (cron's own environment only); what it added to the log."""
        before = log.read_text(encoding="utf-8") if log.exists() else ""
        done = sh(placed(publish_job, paths), env, shell="/bin/sh")
        after = log.read_text(encoding="utf-8") if log.exists() else ""
        assert done.returncode == 0, after + done.stderr
        return after[len(before) :]

    said = tick()
    assert re.search(r"发布 [0-9a-f]+ 导入", said) and "已发布" in said and "新上线" in said
    [first] = releases(target)
    assert tick() == "" and releases(target) == [first]  # nothing new: not even built

    posting = clerk / "content" / "czj" / "postings" / "2011-04-15-ke-zhuo-yi-cai-gou-zhong-biao.yml"
    text = posting.read_text(encoding="utf-8")
    posting.write_text(re.sub(r"^title: (.*)$", r"title: \1（更正）", text, count=1, flags=re.M), encoding="utf-8")
    git(clerk, "commit", "-q", "-am", "更正标题")
    git(clerk, "push", "-q", "origin", "main")
    said = tick()
    assert "更正标题" in said and "更新 1 条" in said and "（更正）" in said
    assert len(releases(target)) == 2 and live(target) == releases(target)[-1].resolve()

    backed = sh(placed(backup_job, paths), env, shell="/bin/sh")
    assert backed.returncode == 0, backed.stderr
    [archive] = (tmp_path / "backups" / "zwgk").glob("zwgk-*.tar.gz")
    with tarfile.open(archive) as tar:
        assert {"zwgk/ledger.jsonl", "zwgk/target.json"} <= set(tar.getnames())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_moving_to_a_new_server_follows_the_checklist(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    district(old / "srv" / "zwgk-content")
    old_target = old / "srv" / "zwgk"
    first = publish(old / "srv" / "zwgk-content" / "site_config.yml", old_target, dt.date.today())
    assert first.release is not None
    lines_before = len(ledger.read(old_target / ledger.LEDGER).entries)

    assert sh(f"flock -n {old_target}/.lock true").returncode == 0  # step 2: no publish running
    assert sh(placed(procedure("backup"), machine(old))).returncode == 0  # step 3
    [archive] = (old / "backups" / "zwgk").glob("zwgk-*.tar.gz")
    (new / "backups" / "zwgk").mkdir(parents=True)
    (new / "srv").mkdir()  # a fresh Debian server has /srv
    copied = Path(shutil.copy(archive, new / "backups" / "zwgk"))
    assert sha256(copied) == sha256(archive)

    restored = sh(placed(procedure("restore"), machine(new)))  # step 4
    assert restored.returncode == 0 and "发布记录 完好" in restored.stdout, restored.stdout + restored.stderr
    new_target = new / "srv" / "zwgk"

    port = free_port()  # step 5: nginx on the new server
    with nginx(new / "nginx", site_conf(new_target, port), port) as address:
        check = procedure("check-served").replace("http://127.0.0.1/", f"{address}/")
        served = sh(check)
        assert served.returncode == 0, served.stderr
        broken = sh(check.replace('/zwgk/)" = 200', '/zwgk/nothing-here/)" = 200'))
        assert broken.returncode != 0  # the check fails when the site is not there

        # step 7: the content moved on meanwhile; the first publish on the new server continues the same ledger
        content = new / "srv" / "zwgk-content"
        district(content)
        posting = content / "content" / "czj" / "postings" / "2011-04-15-ke-zhuo-yi-cai-gou-zhong-biao.yml"
        text = posting.read_text(encoding="utf-8")
        posting.write_text(re.sub(r"^title: (.*)$", r"title: \1（更正）", text, count=1, flags=re.M), encoding="utf-8")
        published = sh(placed(procedure("first-publish"), machine(new)))
        assert published.returncode == 0, published.stdout + published.stderr
        assert "已发布" in published.stdout and "发布记录 完好" in published.stdout
        names = [r.name for r in releases(new_target)]
        assert names[0] == first.release.name and len(names) == 2
        assert live(new_target) == releases(new_target)[-1].resolve()
        after = ledger.read(new_target / ledger.LEDGER)
        assert not after.problems and len(after.entries) == lines_before + 1 and after.entries[-1].event == "change"
        assert "（更正）" in sh(f"curl -s {address}/zwgk/hotspots/").stdout
