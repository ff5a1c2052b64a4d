"""The publication ledger with real publish targets and real git repositories: the dates a clerk
cannot fake, a ledger edited by hand found out, rollbacks that keep it, and 索引号 given once."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import ledger, pipeline
from generator.cli import main
from generator.publish import CURRENT, TARGET, live, publish, rollback

from .test_revisions import revisions_on
from .test_timeliness import commit_all, posting, repo_of

pytestmark = pytest.mark.slow

TODAY = dt.date.today()


def day(n: int) -> str:
    """The date `n` days before today."""
    return (TODAY - dt.timedelta(days=n)).isoformat()


def lines(to: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (to / ledger.LEDGER).read_text(encoding="utf-8").splitlines()]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_first_publish_imports_what_is_there_and_later_ones_record_what_goes_live(
    project: Path, tmp_path: Path
) -> None:
    to = tmp_path / "www"
    first = publish(project, to, TODAY)
    assert first.release is not None and not first.report.errors
    opened, *imported = lines(to)
    assert opened["event"] == "open" and opened["audience"] == "public" and opened["prev"] == ledger.GENESIS
    assert {e["event"] for e in imported} == {"import"}
    assert "posting:czj/2011-05-12-cai-gou" in {e["item"] for e in imported}
    target = json.loads((to / TARGET).read_text(encoding="utf-8"))
    assert target["ledger"]["lines"] == len(imported) + 1
    # the release carries a copy for CI to fetch, and nothing changed means nothing recorded
    assert (to / CURRENT / ledger.LEDGER).read_bytes() == (to / ledger.LEDGER).read_bytes()
    publish(project, to, TODAY)
    assert len(lines(to)) == len(imported) + 1
    posting(project, "new-chu-fa", day(2), day(1))
    third = publish(project, to, TODAY)
    assert third.release is not None, third.report.render()
    *_, new = lines(to)
    assert (new["event"], new["item"], new["published"]) == ("live", "posting:czj/new-chu-fa", day(1))
    assert str(new["at"]).startswith(TODAY.isoformat())


def test_a_backdated_posting_is_refused_by_the_ledger(project: Path, tmp_path: Path) -> None:
    """The hole: nothing in git is needed to fake a date when no git check runs; the target's clock catches it."""
    to = tmp_path / "www"
    good = publish(project, to, TODAY)
    assert good.release is not None
    posting(project, "late-chu-fa", day(20), day(19))
    refused = publish(project, to, TODAY)
    assert refused.release is None and refused.report.exit_code == 1
    [faked] = [p for p in refused.report.problems if p.code == "backdated"]
    assert f"公开日期 {day(19)} 比本条本次发布上线的日期 {TODAY} 早 19 日" in faked.zh
    assert live(to) == good.release.resolve()
    assert "late-chu-fa" not in (to / ledger.LEDGER).read_text(encoding="utf-8")


def test_a_changed_published_date_is_judged_by_the_first_time_the_item_went_live(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    publish(project, to, TODAY)
    path = posting(project, "chu-fa", day(1), day(0))
    assert publish(project, to, TODAY).release is not None
    ledger_file = to / ledger.LEDGER
    # the item went live 30 days ago by the ledger's clock (rewritten here as a publish 30 days ago would have)
    entries = [json.loads(x) for x in ledger_file.read_text(encoding="utf-8").splitlines()]
    for e in entries:
        if e.get("item") == "posting:czj/chu-fa":
            e["at"] = f"{day(30)}T10:00:00+08:00"
    rebuilt = ledger.render((ledger._entry(e) for e in entries), ledger.GENESIS)
    ledger_file.write_text(rebuilt, encoding="utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"published: {day(0)}", f"published: {day(40)}"), encoding="utf-8"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"completed: {day(1)}", f"completed: {day(41)}"), encoding="utf-8"
    )
    code, out = cli("check", "--config", str(project), "--ledger", str(ledger_file))
    assert code == 1 and "backdated" in out
    assert f"公开日期 {day(40)} 比本条在发布记录中首次上线的日期 {day(30)} 早 10 日" in out


def test_check_with_the_ledger_closes_the_fast_forward_commit_date_hole(project: Path, tmp_path: Path) -> None:
    """A commit that reaches main unchanged keeps the GIT_COMMITTER_DATE its author set: git alone is fooled."""
    to = tmp_path / "www"
    repo = repo_of(project, "  backdating_since: 2026-01-01\n", date="2026-01-01T10:00:00+08:00")
    assert publish(project, to, TODAY).release is not None
    posting(project, "chu-fa", day(21), day(20))
    commit_all(repo, f"{day(20)}T10:00:00+08:00")  # the forged commit date
    code, out = cli("check", "--config", str(project), "--as-of", TODAY.isoformat())
    assert code == 0, out  # git believes the forged date
    code, out = cli(
        "check", "--config", str(project), "--as-of", TODAY.isoformat(), "--ledger", str(to / ledger.LEDGER)
    )
    assert code == 1 and "backdated" in out and f"本次发布上线的日期 {TODAY}" in out
    code, out = cli("publish", "--config", str(project), "--to", str(to))
    assert code == 1 and "backdated" in out


def _tamper(to: Path, change: str) -> None:
    path = to / ledger.LEDGER
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if change == "edit-middle":
        rows[2] = rows[2].replace('"import"', '"live"')
    elif change == "drop-middle":
        del rows[2]
    elif change == "drop-last":
        del rows[-1]
    path.write_text("".join(rows), encoding="utf-8")


@pytest.mark.parametrize("change", ["edit-middle", "drop-middle", "drop-last"])
def test_a_ledger_edited_by_hand_is_found_out(project: Path, tmp_path: Path, change: str) -> None:
    to = tmp_path / "www"
    good = publish(project, to, TODAY)
    assert good.release is not None
    _tamper(to, change)
    done = publish(project, to, TODAY)
    assert done.release is None and done.report.exit_code == 2
    [broken] = [p for p in done.report.problems if p.code == "ledger-broken"]
    assert "不能手工修改" in broken.zh
    assert live(to) == good.release.resolve()
    if change != "drop-last":  # the chain alone shows it, without target.json
        code, out = cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))
        assert code == 2 and "ledger-broken" in out and re.search(r"ledger\.jsonl:[34]:", out)


def test_a_rollback_keeps_the_ledger(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    publish(project, to, TODAY)
    posting(project, "chu-fa", day(1), day(0))
    publish(project, to, TODAY)
    before = (to / ledger.LEDGER).read_bytes()
    rollback(to)
    assert (to / ledger.LEDGER).read_bytes() == before
    again = publish(project, to, TODAY)
    assert again.release is not None
    assert (to / ledger.LEDGER).read_bytes() == before  # nothing new went live; the record still holds
    assert ledger.read(to / ledger.LEDGER).problems == ()


def test_a_removed_item_is_recorded(project: Path, tmp_path: Path) -> None:
    """An item that leaves the site while its file stays (its audience changed) is recorded as removed; deleting the
    file of a published item is refused instead (tests/test_withdrawal.py)."""
    to = tmp_path / "www"
    path = posting(project, "chu-fa", day(1), day(0))
    publish(project, to, TODAY)
    path.write_text(
        path.read_text(encoding="utf-8") + "audience: 内部公开\nexemption: 内部事务信息\n", encoding="utf-8"
    )
    assert publish(project, to, TODAY).release is not None
    *_, gone = lines(to)
    assert (gone["event"], gone["item"]) == ("removed", "posting:czj/chu-fa")


def test_index_numbers_are_given_once(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    posting(project, "b-chu-fa", day(3), day(2))
    publish(project, to, TODAY)
    numbers = ledger.read(to / ledger.LEDGER).index_numbers()
    assert numbers["posting:czj/b-chu-fa"] == f"czj/{TODAY.year}-00001" or TODAY.year == 2011
    posting(project, "a-chu-fa", day(4), day(1))  # earlier in date order, would have taken 00001
    assert publish(project, to, TODAY).release is not None
    after = ledger.read(to / ledger.LEDGER).index_numbers()
    assert after["posting:czj/b-chu-fa"] == numbers["posting:czj/b-chu-fa"]
    assert after["posting:czj/a-chu-fa"] not in numbers.values()
    page = (to / CURRENT / "hotspots" / "czj-b-chu-fa" / "index.html").read_text(encoding="utf-8")
    assert f"索引号 {numbers['posting:czj/b-chu-fa']}" in page


def test_public_and_internal_builds_number_items_alike(project: Path, tmp_path: Path) -> None:
    hidden = posting(project, "a-nei-bu", day(5), day(4))
    hidden.write_text(
        hidden.read_text(encoding="utf-8") + "audience: 内部公开\nexemption: 内部事务信息\n", encoding="utf-8"
    )
    posting(project, "b-chu-fa", day(3), day(2))
    public = pipeline.generate(project, TODAY, tmp_path / "pub")
    internal = pipeline.generate(project, TODAY, tmp_path / "int", "internal")
    assert public.numbers["posting:czj/b-chu-fa"] == internal.numbers["posting:czj/b-chu-fa"]


IMPORTED = "2011-05-12-cai-gou"


def imported_posting(project: Path) -> Path:
    return project.parent / "content" / "czj" / "postings" / f"{IMPORTED}.yml"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_imported_item_may_not_move_its_date_earlier(project: Path, tmp_path: Path) -> None:
    """The first publish imports the 存量; afterwards their 公开日期 may move later, never earlier than what went
    live, whatever git says. A correction needs an approved exception and shows in the 修订记录 with both dates."""
    to = tmp_path / "www"
    first = publish(project, to, TODAY)
    assert first.release is not None
    [imported] = [e for e in lines(to) if e.get("item") == f"posting:czj/{IMPORTED}"]
    assert (imported["event"], imported["published"]) == ("import", "2011-05-16")
    post = imported_posting(project)
    replace_in(post, "completed: 2011-05-12\npublished: 2011-05-16", "completed: 2011-05-03\npublished: 2011-05-07")
    code, out = cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))
    assert code == 1 and "backdated" in out, out
    assert "公开日期 2011-05-07 比本条首次发布时（发布记录第" in out and "记录的公开日期 2011-05-16 早 9 日" in out
    before = (to / ledger.LEDGER).read_bytes()
    refused = publish(project, to, TODAY)
    assert refused.release is None and [p.code for p in refused.report.errors] == ["backdated"]
    assert (to / ledger.LEDGER).read_bytes() == before and live(to) == first.release.resolve()
    # moving it later is always allowed; a real correction earlier needs a reason and an approver
    replace_in(post, "completed: 2011-05-03\npublished: 2011-05-07", "completed: 2011-05-12\npublished: 2011-05-18")
    assert cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))[0] == 0
    replace_in(post, "completed: 2011-05-12\npublished: 2011-05-18", "completed: 2011-05-03\npublished: 2011-05-07")
    replace_in(
        project,
        "timeliness:\n",
        "timeliness:\n  backdating_overrides:\n"
        f"    - file: content/czj/postings/{IMPORTED}.yml\n"
        "      reason: 原公开日期录入有误，公开栏张贴记录为5月7日\n      approver: 区政务公开办主任\n",
    )
    corrected = publish(project, to, TODAY)
    assert corrected.release is not None, corrected.report.render()
    assert [p.code for p in corrected.report.problems if p.code.category == "timeliness"] == ["backdating-override"]
    *_, change = lines(to)
    assert (change["event"], change["published"], "published" in change["changed"]) == ("change", "2011-05-07", True)
    page = to / CURRENT / "hotspots" / f"czj-{IMPORTED}" / "index.html"
    assert revisions_on(page) == [[TODAY.isoformat(), "办结日期、公开日期（由 2011-05-16 更正为 2011-05-07）"]]


NEW_ITEM = (
    "title: 测试区2011年道路维修工程招标结果公告\ncategory: 建设工程招投标\n"
    "summary: 公布道路维修工程的中标人。\ncompleted: 2011-05-12\npublished: 2011-05-16\n"
)


def test_another_item_written_over_a_live_file_is_new_and_the_old_one_is_not_overwritten(
    project: Path, tmp_path: Path
) -> None:
    """A different posting written into an imported file keeps the old 公开日期: it is judged as new (it goes live
    today), and the item that went live from the file must be withdrawn, not overwritten."""
    to = tmp_path / "www"
    assert publish(project, to, TODAY).release is not None
    imported_posting(project).write_text(NEW_ITEM, encoding="utf-8")
    code, out = cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))
    assert code == 1, out
    assert "item-replaced" in out and "标题和类别都与它不同" in out and "withdrawn" in out
    assert "backdated" in out and f"本条本次发布上线的日期 {TODAY}" in out
    refused = publish(project, to, TODAY)
    assert refused.release is None and {p.code for p in refused.report.errors} == {"item-replaced", "backdated"}


def test_a_typo_in_the_title_keeps_the_item(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    assert publish(project, to, TODAY).release is not None
    replace_in(imported_posting(project), "办公设备政府采购中标公告", "办公设备政府采购中标结果公告")
    code, out = cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))
    assert code == 0, out


def test_a_penalty_posting_that_now_describes_other_decisions_is_another_item(project: Path, tmp_path: Path) -> None:
    """Same title and category, every 决定文书号 replaced: it describes other records, so it is another item."""
    to = tmp_path / "www"
    path = posting(project, "chu-fa", day(2), day(1))
    replace_in(path, "summary: 测试。\n", "summary: 测试。\n" + PENALTY.format(number="测统罚〔2026〕1号", day=day(2)))
    assert publish(project, to, TODAY).release is not None, "the posting goes live"
    replace_in(path, "测统罚〔2026〕1号", "测统罚〔2026〕9号")
    code, out = cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))
    assert code == 1 and "item-replaced" in out, out
    replace_in(path, "  - number: 测统罚〔2026〕9号", "  - number: 测统罚〔2026〕1号")  # back: the same item again
    assert cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))[0] == 0


PENALTY = """penalties:
  - number: {number}
    kind: 警告
    facts: 提供不真实的统计资料
    basis: 《中华人民共和国统计法》第四十一条
    content: 给予警告
    party: 测试区某某机械有限公司
    party_type: 法人及非法人组织
    credit_code: 91340181MA2MQYX735
    decided: {day}
    authority: 测试区统计局
"""


def test_a_category_changed_after_publication_needs_a_reason_and_an_approver(project: Path, tmp_path: Path) -> None:
    """Relabelling a live 政府采购 result as 重大决策 and ordinary: both its importance and its new category must be
    explained and approved; the ledger knows the category it went live with."""
    to = tmp_path / "www"
    assert publish(project, to, TODAY).release is not None
    post = imported_posting(project)
    replace_in(post, "category: 政府采购\nimportance: 重要事项", "category: 重大决策\nimportance: 一般事项")
    code, out = cli("check", "--config", str(project), "--ledger", str(to / ledger.LEDGER))
    assert code == 1 and "importance-unexplained" in out and "category-changed" in out, out
    assert "本条公开时的类别是“政府采购”，公开后改为“重大决策”" in out
    replace_in(
        post,
        "importance: 一般事项",
        "importance: 一般事项\nimportance_reason: 系区政府常务会议决定的采购事项\nimportance_approver: 区政府办主任\n"
        "category_reason: 该采购由区政府常务会议决定，按重大决策公开\ncategory_approver: 区政府办主任",
    )
    done = publish(project, to, TODAY)
    assert done.release is not None, done.report.render()
    warned = sorted(p.code for p in done.report.problems if p.code.category == "timeliness")
    assert warned == ["category-change-approved", "importance-lowered"]
    page = to / CURRENT / "hotspots" / f"czj-{IMPORTED}" / "index.html"
    assert revisions_on(page) == [
        [TODAY.isoformat(), "类别、事项性质、定为一般事项的理由、定为一般事项批准人、公开后改类别的理由、改类别批准人"]
    ]


def test_the_first_publish_lists_no_revisions_made_before_the_item_went_live(project: Path, tmp_path: Path) -> None:
    """Git history years after a 2011 item (edits while the repository was filled) is no revision: on the first
    publish, nothing has yet been revised after going live on the target."""
    repo = repo_of(project, "  backdating_since: 2026-01-05\n", date="2026-01-05T10:00:00+08:00")
    replace_in(imported_posting(project), "确定中标供应商", "确定中标供应商（成交金额见附件）")
    commit_all(repo, "2026-01-09T10:00:00+08:00")
    page = tmp_path / "preview" / "hotspots" / f"czj-{IMPORTED}" / "index.html"
    built = pipeline.build(project, TODAY, tmp_path / "preview")  # without a ledger, git history is the record
    assert built.site_built and revisions_on(page) == [["2026-01-09", "正文"]]
    to = tmp_path / "www"
    assert publish(project, to, TODAY).release is not None
    assert revisions_on(to / CURRENT / "hotspots" / f"czj-{IMPORTED}" / "index.html") == []
