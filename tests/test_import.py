"""`disclose import`: real Excel workbooks (openpyxl) and CSV files become typed postings that pass `check`.

Every workbook is written here by openpyxl, as Excel or WPS would save it: a title row merged across the
columns, empty rows, date cells, numbers, a vertically merged column, formulas, codes typed as numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from generator import codes, pipeline
from generator.cli import main
from generator.content import load_content
from generator.model import PenaltyDecision, Posting
from generator.schema import fields_of, label_of
from generator.text import NOT_GIVEN

from .conftest import AS_OF, OUTSIDE_GIT
from .test_facts import rows_of

HEADER = ["决定文书号", "处罚类别", "违法事实", "处罚依据", "处罚内容", "罚款金额（元）", "行政相对人名称"]
HEADER += ["统一社会信用代码", "法定代表人", "处罚决定日期", "处罚机关", "行政相对人类别", "公开日期"]
ROWS: list[list[Any]] = [
    ["居统罚〔2011〕3号", "警告；罚款", "虚报工业总产值1860万元", "《统计法》第四十一条", "警告，并处罚款2万元", 20000,
     "巢湖永兴机械制造有限公司", "91340181MA2MQYX70U", "孙永兴", dt.datetime(2011, 9, 14), "居巢区统计局",
     "法人及非法人组织", "2011-09-20"],
    ["居统罚〔2011〕4号", "警告", "迟报统计资料", "《统计法》第四十二条", "警告", None,
     "张三", None, None, "2011/9/15", None, "自然人", dt.datetime(2011, 9, 20)],
]  # fmt: skip
"""Two decisions; the second's 处罚机关 is the first's, merged down (B) as clerks do."""


def workbook(path: Path, header: list[str], rows: list[list[Any]], *, title: bool = True) -> Path:
    """A workbook as a clerk keeps it: a merged title row, the header, the rows with an empty row between."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "处罚"
    if title:
        ws.append(["居巢区统计局2011年行政处罚双公示信息"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for i, row in enumerate(rows):
        if i:
            ws.append([])
        ws.append(row)
    book.save(path)
    return path


def penalties_book(path: Path, rows: list[list[Any]] = ROWS) -> Path:
    workbook(path, HEADER, rows)
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book["处罚"]
    col = HEADER.index("处罚机关") + 1
    ws.merge_cells(start_row=3, start_column=col, end_row=5, end_column=col)  # 处罚机关 merged down rows 3-5
    book.save(path)
    return path


def run(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["import", *args, "--config", str(project), "--department", "czj", "--as-of", "2011-12-31"]
    )
    return result.exit_code, result.stdout + result.stderr


def postings(project: Path) -> dict[str, Path]:
    return {p.name: p for p in (project.parent / "content" / "czj" / "postings").glob("*.yml")}


def test_a_workbook_becomes_one_posting_per_decision_that_passes_check(project: Path, tmp_path: Path) -> None:
    book = penalties_book(tmp_path / "双公示.xlsx")
    before = set(postings(project))
    code, out = run(project, "penalties", str(book))
    assert code == 0, out
    new = sorted(set(postings(project)) - before)
    assert new == ["2011-09-14-ju-tong-fa-2011-3-hao.yml", "2011-09-15-ju-tong-fa-2011-4-hao.yml"], out
    report = pipeline.check(project, AS_OF).report
    assert [p.text() for p in report.problems if p.code != OUTSIDE_GIT] == []
    content, _ = load_content(project.parent / "content")
    by_id = {p.id: p for p in content.postings}
    first, second = by_id["2011-09-14-ju-tong-fa-2011-3-hao"], by_id["2011-09-15-ju-tong-fa-2011-4-hao"]
    assert first.penalties[0].fine == "20000" and first.penalties[0].credit_code == "91340181MA2MQYX70U"
    assert first.penalties[0].decided == dt.date(2011, 9, 14) and first.published == dt.date(2011, 9, 20)
    assert second.penalties[0].decided == dt.date(2011, 9, 15)  # typed as text 2011/9/15
    assert second.penalties[0].authority == "居巢区统计局"  # merged down from the row above
    assert second.penalties[0].fine is None and second.penalties[0].credit_code is None  # left empty, not invented
    assert first.category == second.category == "执法处罚" and first.completed == dt.date(2011, 9, 14)


def test_importing_the_same_sheet_twice_changes_nothing_and_a_changed_row_updates_its_file(
    project: Path, tmp_path: Path
) -> None:
    book = penalties_book(tmp_path / "p.xlsx")
    assert run(project, "penalties", str(book))[0] == 0
    files = postings(project)
    first = files["2011-09-14-ju-tong-fa-2011-3-hao.yml"]
    first.write_text(first.read_text(encoding="utf-8") + "body: 当事人可在60日内申请行政复议。\n", encoding="utf-8")
    stamps = {name: (p.read_bytes(), p.stat().st_mtime_ns) for name, p in files.items()}
    code, out = run(project, "行政处罚决定", str(book))
    assert code == 0, out
    assert "新建 0 个、更新 0 个文件，2 个不变" in out
    assert {name: (p.read_bytes(), p.stat().st_mtime_ns) for name, p in postings(project).items()} == stamps

    rows = [list(r) for r in ROWS]
    rows[0][HEADER.index("罚款金额（元）")] = 25000
    penalties_book(book, rows)
    code, out = run(project, "penalties", str(book))
    assert code == 0, out
    assert f"更新 {first}" in out and "新建 0 个、更新 1 个文件，1 个不变" in out
    content, _ = load_content(project.parent / "content")
    updated = next(p for p in content.postings if p.id == first.stem)
    assert updated.penalties[0].fine == "25000"
    assert updated.body == "当事人可在60日内申请行政复议。"  # what the clerk added by hand is kept
    assert set(postings(project)) == set(files)


def test_a_dry_run_writes_nothing_and_prints_what_would_be_written(project: Path, tmp_path: Path) -> None:
    book = penalties_book(tmp_path / "p.xlsx")
    before = {n: p.read_bytes() for n, p in postings(project).items()}
    code, out = run(project, "penalties", str(book), "--dry-run")
    assert code == 0, out
    assert {n: p.read_bytes() for n, p in postings(project).items()} == before
    assert "将新建" in out and "number: 居统罚〔2011〕3号" in out and "credit_code: 91340181MA2MQYX70U" in out


def bad_cells(tmp_path: Path) -> Path:
    path = workbook(tmp_path / "bad.xlsx", HEADER, [list(r) for r in ROWS])
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book["处罚"]
    col = {h: i + 1 for i, h in enumerate(HEADER)}
    ws.cell(3, col["罚款金额（元）"]).value = "=10000*2"  # a formula
    ws.cell(3, col["统一社会信用代码"]).value = 913401810000000000  # a code typed as a number
    ws.cell(5, col["决定文书号"]).value = dt.datetime(2011, 3, 4)  # Excel read “2011-3-4” as a date
    ws.cell(5, col["统一社会信用代码"]).value = "9.13402E+17"  # a CSV round trip through Excel
    ws.merge_cells(start_row=5, start_column=col["违法事实"], end_row=5, end_column=col["处罚依据"])
    ws.cell(5, col["处罚内容"]).value = True
    ws.cell(5, col["处罚决定日期"]).value = 40800  # a date serial without a date format
    ws.append(["居统罚〔2011〕9号", "警告", "迟报", "《统计法》", "警告", "两万", "某公司", "91340181MA2MQYX70X", None,
               "2011-02-30", "居巢区统计局"])  # fmt: skip
    book.save(path)
    return path


def test_bad_cells_are_located_by_sheet_row_column_and_header_and_nothing_is_written(
    project: Path, tmp_path: Path
) -> None:
    before = set(postings(project))
    code, out = run(project, "penalties", str(bad_cells(tmp_path)))
    assert code == 1, out
    assert set(postings(project)) == before
    lines = out.splitlines()
    expected = [
        ("第 3 行 F 列“罚款金额（元）”", codes.SHEET_FORMULA),
        ("第 3 行 H 列“统一社会信用代码”", codes.SHEET_NUMBER),
        ("第 5 行 A 列“决定文书号”", codes.SHEET_DATE),
        ("第 5 行 C 列“违法事实”", codes.SHEET_MERGED),
        ("第 5 行 E 列“处罚内容”", codes.SHEET_VALUE),
        ("第 5 行 H 列“统一社会信用代码”", codes.SHEET_NUMBER),
        ("第 5 行 J 列“处罚决定日期”", codes.SHEET_DATE),
        ("第 6 行 F 列“罚款金额（元）”", codes.TYPE),
        ("第 6 行 H 列“统一社会信用代码”", codes.CREDIT_CODE),
        ("第 6 行 J 列“处罚决定日期”", codes.DATE),
    ]
    for where, code_ in expected:
        assert any(f"bad.xlsx 工作表“处罚” {where}:" in line and line.endswith(f"[{code_}]") for line in lines), (
            where,
            out,
        )
    assert "没有写入任何文件" in out and "Traceback" not in out


def test_a_wrong_header_is_named_with_the_nearest_label(project: Path, tmp_path: Path) -> None:
    header = [h if h != "处罚决定日期" else "处罚决定日" for h in HEADER]
    code, out = run(project, "penalties", str(workbook(tmp_path / "h.xlsx", header, ROWS)))
    assert code == 1
    assert "第 2 行 J 列“处罚决定日”" in out and "是不是“处罚决定日期”" in out and f"[{codes.SHEET_HEADER}]" in out
    assert "缺少行政处罚决定的必填列：处罚决定日期" in out


def test_the_same_decision_twice_is_refused(project: Path, tmp_path: Path) -> None:
    code, out = run(project, "penalties", str(workbook(tmp_path / "d.xlsx", HEADER, [ROWS[0], ROWS[0]])))
    assert code == 1 and "第 5 行 A 列“决定文书号”" in out and "与第 3 行是同一条记录" in out
    assert f"[{codes.SHEET_DUPLICATE}]" in out


def test_a_record_published_with_others_in_a_hand_written_file_is_not_touched(project: Path, tmp_path: Path) -> None:
    book = penalties_book(tmp_path / "p.xlsx")
    folder = project.parent / "content" / "czj" / "postings"
    shared = folder / "2011-09-20-liang-jian-chu-fa.yml"
    assert run(project, "penalties", str(book))[0] == 0
    one = (folder / "2011-09-14-ju-tong-fa-2011-3-hao.yml").read_text(encoding="utf-8")
    two = (folder / "2011-09-15-ju-tong-fa-2011-4-hao.yml").read_text(encoding="utf-8")
    shared.write_text(one + two[two.index("  - number") :], encoding="utf-8")
    (folder / "2011-09-14-ju-tong-fa-2011-3-hao.yml").unlink()
    (folder / "2011-09-15-ju-tong-fa-2011-4-hao.yml").unlink()
    code, out = run(project, "penalties", str(book))
    assert code == 1 and f"[{codes.SHEET_TARGET}]" in out and shared.name in out


RECRUIT_HEADER = [
    "标题",
    "办结日期",
    "公开日期",
    "公示期（工作日）",
    "异议和举报方式",
    "姓名",
    "性别",
    "准考证号",
    "报考职位",
    "毕业院校",
    "总成绩",
]
TITLE = "2011年公务员招考拟录用人员公示"


def test_rows_sharing_a_title_make_one_posting_and_codes_keep_their_zeros(project: Path, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        RECRUIT_HEADER,
        [
            [
                TITLE,
                "2011-07-05",
                "2011-07-08",
                7,
                "区人社局 0551-82321100",
                "王芳",
                "女",
                "0113401001",
                "区财政局科员",
                "安徽大学",
                81.25,
            ],
            [TITLE, None, None, None, None, "李强", "男", 113401002, "区统计局科员", "合肥工业大学", 79],
        ],
        title=False,
    )
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["处罚"].cell(4, 8).number_format = "0000000000"  # a custom format that shows the code's leading zero
    book.save(path)
    code, out = run(project, "recruits", str(path))
    assert code == 0, out
    content, _ = load_content(project.parent / "content")
    post = next(p for p in content.postings if p.title == TITLE)
    assert [(r.name, r.exam_no, r.score) for r in post.recruits] == [
        ("王芳", "0113401001", "81.25"),
        ("李强", "0113401002", "79"),
    ]
    assert post.category == "公务员招考" and post.notice_days == 7 and post.published == dt.date(2011, 7, 8)


def test_a_table_of_many_rows_needs_its_title_column(project: Path, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx", RECRUIT_HEADER[1:], [["2011-07-05", None, None, None, "王芳", "女", "1", "科员"]]
    )
    code, out = run(project, "拟录用人员", str(path))
    assert code == 1 and "请加“标题”列" in out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk_imports_the_same(
    project: Path, tmp_path: Path, encoding: str
) -> None:
    lines = [",".join(HEADER)]
    lines.append("居统罚〔2011〕3号,警告；罚款,虚报,《统计法》第四十一条,罚款2万元,20000,巢湖永兴机械制造有限公司,"
                 "91340181MA2MQYX70U,孙永兴,2011-09-14,居巢区统计局,法人及非法人组织,2011-09-20")  # fmt: skip
    path = tmp_path / "p.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    code, out = run(project, "penalties", str(path))
    assert code == 0, out
    content, _ = load_content(project.parent / "content")
    post = next(p for p in content.postings if p.id == "2011-09-14-ju-tong-fa-2011-3-hao")
    assert post.penalties[0].party == "巢湖永兴机械制造有限公司" and post.penalties[0].kind == "警告；罚款"
    assert ("gb18030" if encoding == "gbk" else "utf-8-sig") in out


def test_a_file_that_is_not_a_workbook_is_refused_without_a_traceback(project: Path, tmp_path: Path) -> None:
    fake = tmp_path / "p.xlsx"
    fake.write_bytes(b"not a zip")
    code, out = run(project, "penalties", str(fake))
    assert code == 2 and "不是有效的 .xlsx 文件" in out and "Traceback" not in out
    old = tmp_path / "p.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out = run(project, "penalties", str(old))
    assert code == 2 and "另存为" in out


def test_every_record_field_can_be_a_column() -> None:
    """The header labels are the fields' own labels: one statement of each."""
    labels = {i.spec.label for i in fields_of(PenaltyDecision)}
    assert set(HEADER[:-1]) - labels == {"罚款金额（元）"} and "罚款金额" in labels  # an amount's header names its unit
    assert label_of(Posting, "published") == HEADER[-1]


@pytest.mark.slow
def test_imported_rows_appear_on_the_built_page_as_typed_in_the_cells(project: Path, tmp_path: Path) -> None:
    book = penalties_book(tmp_path / "p.xlsx")
    assert run(project, "penalties", str(book))[0] == 0
    built = pipeline.build(project, AS_OF)
    assert not built.report.errors
    site = project.parent / "site"
    labels = {"罚款金额（元）": "罚款金额"}  # the header names its unit; the page shows it with the amount
    shown_as = {
        "罚款金额（元）": lambda v: "20,000 元" if v == 20000 else v,
        "处罚决定日期": lambda v: v.date().isoformat() if isinstance(v, dt.datetime) else "2011-09-15",
    }
    for stem, row in zip(("2011-09-14-ju-tong-fa-2011-3-hao", "2011-09-15-ju-tong-fa-2011-4-hao"), ROWS, strict=True):
        page = (site / "hotspots" / f"czj-{stem}" / "index.html").read_text(encoding="utf-8")
        cells = {r[0]: r[1] for r in rows_of(page) if len(r) == 2}
        for header, value in zip(HEADER, row, strict=True):
            if header == "公开日期":
                continue
            if header == "处罚机关" and value is None:
                value = ROWS[0][HEADER.index("处罚机关")]  # merged down
            if value is None and "自然人" in row and header in ("统一社会信用代码", "法定代表人"):
                assert header not in cells, (stem, header)  # not a natural person's: not shown at all
                continue
            expected = NOT_GIVEN if value is None else shown_as.get(header, lambda v: v)(value)
            assert cells[labels.get(header, header)] == expected, (stem, header)
