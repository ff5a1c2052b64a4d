"""National 双公示 sheets, imported exactly as clerks receive them.

Every workbook here is written by openpyxl in the national 信用信息 layout (national.header_row), as the 信用
platforms export it: all columns, full-width brackets, amounts in 万元 with decimals, a title row, the 处罚机关
merged down, empty cells, and all three kinds of party — an organisation with the codes of before 2015, an
individual business, a natural person with an ID number. The import must take it without a column renamed,
keep the ID numbers out of content/, and the built pages must show what the cells say.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from generator import codes, national, pipeline, sheets
from generator.bounded import TooLarge, bounded
from generator.cli import main
from generator.content import load_content
from generator.importing import heading_of
from generator.model import TABLE_TYPES, LicenceDecision, PenaltyDecision
from generator.personal import fingerprint
from generator.problems import Stopped
from generator.schema import CREDIT_CHARS, CREDIT_WEIGHTS, fields_of
from generator.text import NOT_GIVEN

from .conftest import AS_OF, OUTSIDE_GIT
from .test_facts import rows_of


def uscc(first17: str) -> str:
    """A 统一社会信用代码 with its GB 32100 check character."""
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


def resident_id(first17: str) -> str:
    """A resident ID number with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


COMPANY = uscc("91340181MA2N0XY61")
SHOP = uscc("92340181MA2N0ABC1")
BUREAU = uscc("11340181003012345")
ADULT_ID = resident_id("34018119800512123")
MINOR_ID = resident_id("34018119990302123")  # 12 when the 2011 decision was made
REP_ID = resident_id("34018119700101987")

PENALTY_ROWS: list[dict[str, Any]] = [
    {
        "行政相对人名称": "巢湖永兴机械制造有限公司",
        "行政相对人类别": "法人及非法人组织",
        "行政相对人代码_1（统一社会信用代码）": COMPANY,
        "行政相对人代码_2（工商注册号）": "340181000012345",
        "行政相对人代码_3（组织机构代码）": "74891234-5",
        "法定代表人": "孙永兴",
        "法定代表人证件类型": "身份证",
        "法定代表人证件号码": REP_ID,
        "行政处罚决定书文号": "居统罚〔2011〕3号",
        "违法行为类型": "提供不真实统计资料",
        "违法事实": "虚报2011年1-6月工业总产值1860万元",
        "处罚依据": "《中华人民共和国统计法》第四十一条",
        "处罚类别": "警告；罚款",
        "处罚内容": "责令改正，给予警告，并处罚款人民币2万元",
        "罚款金额（万元）": 2,
        "处罚决定日期": dt.datetime(2011, 9, 14),
        "公示截止期": dt.datetime(2014, 9, 13),
        "处罚机关": "居巢区统计局",
        "处罚机关统一社会信用代码": BUREAU,
        "数据来源单位": "居巢区统计局",
        "数据来源单位统一社会信用代码": BUREAU,
    },
    {
        "行政相对人名称": "居巢区极速网吧",
        "行政相对人类别": "个体工商户",
        "行政相对人代码_1（统一社会信用代码）": SHOP,
        "法定代表人": "钱志远",
        "行政处罚决定书文号": "居统罚〔2011〕4号",
        "违法事实": "拒绝提供统计资料",
        "处罚依据": "《中华人民共和国统计法》第四十一条",
        "处罚类别": "罚款；没收违法所得",
        "处罚内容": "罚款0.5万元，没收违法所得1234.56元",
        "罚款金额（万元）": 0.5,
        "没收违法所得、没收非法财物的金额（万元）": "0.123456",
        "暂扣或吊销证照名称及编号": "网络文化经营许可证 皖网文〔2009〕0211号（暂扣15日）",
        "处罚决定日期": "2011/9/15",
        "处罚有效期": dt.datetime(2011, 9, 30),
        "备注": "已缴清罚款",
    },
    {
        "行政相对人名称": "张某某",
        "行政相对人类别": "自然人",
        "证件类型": "身份证",
        "证件号码": ADULT_ID,
        "行政处罚决定书文号": "居统罚〔2011〕5号",
        "违法事实": "在统计调查中提供虚假的住户收支资料",
        "处罚依据": "《中华人民共和国统计法》第四十一条",
        "处罚类别": "警告",
        "处罚内容": "警告",
        "处罚决定日期": dt.datetime(2011, 9, 16),
    },
]
"""Three decisions, one per kind of party; the third row's 处罚机关 is merged down from the first."""


def national_book(path: Path, kind: str, rows: list[dict[str, Any]], merge: str = "处罚机关") -> Path:
    """A workbook in the national layout: a title row merged across, the national header, the rows."""
    header = list(national.header_row(kind))
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "双公示"
    ws.append(["居巢区行政处罚信息（双公示）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        ws.append([row.get(h) for h in header])
    if merge in header and len(rows) > 1:
        col = header.index(merge) + 1
        ws.merge_cells(start_row=3, start_column=col, end_row=2 + len(rows), end_column=col)
    book.save(path)
    return path


def run(project: Path, *args: str, as_of: str = "2011-09-20") -> tuple[int, str]:
    """`disclose import` on the day given (the day of the import is the postings' 公开日期)."""
    result = CliRunner().invoke(
        main, ["import", *args, "--config", str(project), "--department", "czj", "--as-of", as_of]
    )
    return result.exit_code, result.stdout + result.stderr


def postings(project: Path) -> dict[str, Path]:
    return {p.name: p for p in (project.parent / "content" / "czj" / "postings").glob("*.yml")}


def everything_written(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (project.parent / "content").rglob("*.yml"))


def test_a_national_penalty_sheet_imports_as_received(project: Path, tmp_path: Path) -> None:
    book = national_book(tmp_path / "处罚.xlsx", "penalties", PENALTY_ROWS)
    before = set(postings(project))
    code, out = run(project, "penalties", str(book))
    assert code == 0, out
    new = sorted(set(postings(project)) - before)
    assert new == [f"2011-09-1{d}-ju-tong-fa-2011-{n}-hao.yml" for d, n in ((4, 3), (5, 4), (6, 5))], out
    for header in ("法定代表人证件类型", "法定代表人证件号码", "证件类型", "证件号码"):
        assert f"不写入公开信息的列：“{header}”" in out
    assert "公开日期：表中没有“公开日期”列，新建的文件按导入当天 2011-09-20 填写" in out
    assert "处罚决定日期 2011-09-14 + 7 个工作日" in out and "；按时）" in out  # counted from the decision
    written = everything_written(project)
    for number in (ADULT_ID, REP_ID):
        assert number not in written and number[:6] + "*" not in written  # not even masked
    report = pipeline.check(project, AS_OF).report
    assert [p.text() for p in report.problems if p.code != OUTSIDE_GIT] == []
    content, _ = load_content(project.parent / "content")
    by_number = {p.penalties[0].number: p.penalties[0] for p in content.postings if p.penalties}
    company, shop, person = (by_number[f"居统罚〔2011〕{n}号"] for n in (3, 4, 5))
    assert (company.fine, company.registration_no, company.org_code) == ("2万元", "340181000012345", "74891234-5")
    assert (company.authority_code, company.source_unit_code, company.credit_code) == (BUREAU, BUREAU, COMPANY)
    assert (shop.fine, shop.confiscated, shop.party_type, shop.note) == (
        "0.5万元",
        "0.123456万元",
        "个体工商户",
        "已缴清罚款",
    )
    assert shop.effective_until == dt.date(2011, 9, 30) and shop.decided == dt.date(2011, 9, 15)
    assert shop.authority == person.authority == "居巢区统计局"  # merged down
    assert (person.party_type, person.credit_code, person.representative, person.fine) == ("自然人", None, None, None)
    assert next(p for p in content.postings if p.penalties and p.penalties[0] is person).published == dt.date(
        2011, 9, 20
    )


def test_imported_later_the_postings_are_late_and_the_summary_says_so(project: Path, tmp_path: Path) -> None:
    code, out = run(
        project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", PENALTY_ROWS)), as_of="2011-12-31"
    )
    assert code == 1 and "= 最迟公开日期 2011-09-23；逾期 99 日）" in out, out
    assert out.count("[late]") == 3


def test_importing_the_national_sheet_again_changes_nothing(project: Path, tmp_path: Path) -> None:
    book = national_book(tmp_path / "处罚.xlsx", "penalties", PENALTY_ROWS)
    assert run(project, "penalties", str(book))[0] == 0
    stamps = {n: (p.read_bytes(), p.stat().st_mtime_ns) for n, p in postings(project).items()}
    code, out = run(project, "penalties", str(book))
    assert code == 0 and "新建 0 个、更新 0 个文件，3 个不变" in out, out
    assert {n: (p.read_bytes(), p.stat().st_mtime_ns) for n, p in postings(project).items()} == stamps
    rows = [dict(r) for r in PENALTY_ROWS]
    rows[1]["罚款金额（万元）"] = 0.6
    code, out = run(project, "penalties", str(national_book(book, "penalties", rows)))
    assert code == 0 and "新建 0 个、更新 1 个文件，2 个不变" in out, out
    assert "fine: 0.6万元" in postings(project)["2011-09-15-ju-tong-fa-2011-4-hao.yml"].read_text(encoding="utf-8")
    assert "published: 2011-09-20" in postings(project)["2011-09-15-ju-tong-fa-2011-4-hao.yml"].read_text(
        encoding="utf-8"
    )


LICENCE_ROWS: list[dict[str, Any]] = [
    {
        "行政相对人名称": "居巢区第一中学",
        "行政相对人类别": "法人及非法人组织",
        "行政相对人代码_5（事业单位证书号）": "事证第134018100123号",
        "法定代表人": "周明",
        "行政许可决定文书名称": "准予行政许可决定书",
        "行政许可决定文书号": "居建许〔2011〕21号",
        "许可类别": "普通",
        "许可证书名称": "建筑工程施工许可证",
        "许可编号": "340181201106150101",
        "许可内容": "教学楼新建工程，建筑面积8600平方米",
        "许可决定日期": dt.datetime(2011, 6, 15),
        "有效期自": dt.datetime(2011, 6, 15),
        "有效期至": "长期",
        "许可机关": "居巢区住房和城乡建设局",
        "当前状态": "有效",
    },
    {
        "行政相对人名称": "居巢区慈善协会",
        "行政相对人类别": "法人及非法人组织",
        "行政相对人代码_6（社会组织登记证号）": "皖巢民证字第0123号",
        "行政相对人代码_4（税务登记号）": "34018174891234X",
        "法定代表人": "吴德",
        "行政许可决定文书号": "居建许〔2011〕22号",
        "许可类别": "普通",
        "许可内容": "临时占用城市道路设置募捐点",
        "许可决定日期": "2011年6月20日",
        "有效期至": dt.datetime(2011, 7, 20),
        "许可机关": "居巢区住房和城乡建设局",
        "当前状态": "有效",
    },
]


def test_a_national_licence_sheet_imports_as_received(project: Path, tmp_path: Path) -> None:
    book = national_book(tmp_path / "许可.xlsx", "licences", LICENCE_ROWS, merge="")
    code, out = run(project, "licences", str(book), as_of="2011-06-22")
    assert code == 1 and "请用 --category 指明全表的类别" in out  # a licence may be 办证办照 or 项目审批
    code, out = run(project, "licences", str(book), "--category", "项目审批", as_of="2011-06-22")
    assert code == 0, out
    assert "不写入公开信息的列：“当前状态”" in out
    content, _ = load_content(project.parent / "content")
    found = {p.licences[0].number: p.licences[0] for p in content.postings if p.licences}
    school, charity = found["居建许〔2011〕21号"], found["居建许〔2011〕22号"]
    assert (school.document, school.certificate, school.licence_no) == (
        "准予行政许可决定书",
        "建筑工程施工许可证",
        "340181201106150101",
    )
    assert school.institution_no == "事证第134018100123号" and school.valid_until is None  # 长期: not written
    assert {p.category for p in content.postings if p.licences} >= {"项目审批"}
    assert (charity.social_org_no, charity.tax_no, charity.decided) == (
        "皖巢民证字第0123号",
        "34018174891234X",
        dt.date(2011, 6, 20),
    )


def test_our_own_labels_and_other_spellings_keep_working() -> None:
    for header, key, unit in [
        ("罚款金额(元)", "fine", "元"),
        ("罚款金额（万元）", "fine", "万元"),
        ("罚款金额 (万元)", "fine", "万元"),
        ("罚款金额", "fine", None),
        ("行政相对人代码_1(统一社会信用代码)", "credit_code", None),
        ("行政相对人代码-1（统一社会信用代码）", "credit_code", None),
        ("行政相对人代码_2(组织机构代码)", "org_code", None),  # an older layout numbers the codes otherwise
        ("决定文书号", "number", None),
        ("行政处罚决定书文号", "number", None),
        ("没收金额(元)", "confiscated", "元"),
        ("*处罚决定日期", "decided", None),
    ]:
        heading = heading_of("penalties", header)
        assert heading is not None and heading.info is not None, header
        assert (heading.info.key, heading.unit) == (key, unit), header
    for kept in ("证件号码", "行政相对人代码_5(居民身份证号)", "法定代表人身份证号", "当前状态", "序号"):
        heading = heading_of("licences", kept)
        assert heading is not None and heading.info is None and heading.why, kept
    assert heading_of("penalties", "法定代表人(元)") is None  # a unit names only an amount


def test_every_national_column_fills_a_field_of_its_kind() -> None:
    for kind, columns in national.NATIONAL.items():
        keys = {i.key for i in fields_of(TABLE_TYPES[kind])}
        assert {c.key for c in columns if c.key is not None} <= keys, kind
        assert all(c.why for c in columns if c.key is None), kind
    assert national.header_row("penalties")[:3] == (
        "行政相对人名称",
        "行政相对人类别",
        "行政相对人代码_1（统一社会信用代码）",
    )
    assert "罚款金额（万元）" in national.header_row("penalties")


def test_an_amount_whose_unit_cannot_be_told_is_a_located_error(project: Path, tmp_path: Path) -> None:
    book = national_book(tmp_path / "p.xlsx", "penalties", PENALTY_ROWS)
    wb = load_workbook(book)
    ws = wb.active
    assert ws is not None
    header = list(national.header_row("penalties"))
    fine = header.index("罚款金额（万元）") + 1
    ws.cell(2, fine).value = "罚款金额"  # the unit left out of the header
    ws.cell(4, fine).value = "5000元"  # this cell says its unit: taken
    wb.save(book)
    before = everything_written(project)
    code, out = run(project, "penalties", str(book))
    assert code == 1 and everything_written(project) == before
    assert re.search(r"第 3 行 \w+ 列“罚款金额”: 金额 2 的单位不明", out) and f"[{codes.SHEET_UNIT}]" in out, out
    assert "第 4 行" not in out
    ws.cell(2, fine).value = "罚款金额（万元）"
    ws.cell(3, fine).value = "20000元"  # a cell in 元 under a 万元 header
    wb.save(book)
    code, out = run(project, "penalties", str(book))
    assert code == 1 and "单元格写的单位是元，表头“罚款金额(万元)”写的是万元" in out, out


def test_a_personal_number_in_any_cell_fails_the_import_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    rows = [dict(r) for r in PENALTY_ROWS]
    rows[0]["违法事实"] = f"经查，当事人法定代表人（身份证号 {REP_ID}）授意虚报"
    rows[2]["行政相对人名称"] = "张某某 138 0013 8000"
    book = national_book(tmp_path / "p.xlsx", "penalties", rows)
    before = everything_written(project)
    for extra in ((), ("--dry-run",)):
        code, out = run(project, "penalties", str(book), *extra)
        assert code == 1 and everything_written(project) == before, out
        assert re.search(r"第 3 行 \w+ 列“违法事实”: 含有疑似居民身份证号码（3401\*+\d{4}）", out), out
        assert re.search(r"第 5 行 A 列“行政相对人名称”: 含有疑似手机号码", out), out
        assert out.count(f"[{codes.SHEET_PERSON}]") == 2 and "没有写入任何文件" in out
        assert REP_ID not in out and "13800138000" not in out


def test_a_reviewed_number_passes(project: Path, tmp_path: Path) -> None:
    rows = [dict(PENALTY_ROWS[0], 违法事实="举报电话 13800138000（公开的举报手机）")]
    config = project.read_text(encoding="utf-8")
    project.write_text(
        config + f"privacy_allow:\n  - sha256: {fingerprint('13800138000')}\n    reason: 公开的举报电话\n"
        "    reviewer: 办公室主任\n",
        encoding="utf-8",
    )
    code, out = run(project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", rows)))
    assert code == 0 and f"[{codes.SHEET_PERSON}]" not in out, out


def test_a_natural_persons_record_carries_no_codes_and_no_labelled_details(project: Path, tmp_path: Path) -> None:
    rows = [
        dict(
            PENALTY_ROWS[2],
            法定代表人="张某某",
            违法事实="当事人张某某（住址：居巢区健康路8号）提供虚假资料",
            处罚机关="居巢区统计局",
        )
    ]
    before = everything_written(project)
    code, out = run(project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", rows)))
    assert code == 1 and everything_written(project) == before
    assert re.search(r"第 3 行 \w+ 列“法定代表人”: 行政相对人是自然人.*\[natural-person-code\]", out), out
    assert re.search(r"第 3 行 \w+ 列“违法事实”: 行政相对人是自然人，这里写有“住址”.*\[natural-person-detail\]", out)


def test_a_minors_penalty_is_not_imported_at_all(project: Path, tmp_path: Path) -> None:
    rows = [dict(r) for r in PENALTY_ROWS]
    rows[2]["证件号码"] = MINOR_ID
    code, out = run(project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", rows)))
    assert code == 0, out
    assert "第 5 行没有导入：证件号码中的出生日期表明，处罚决定时行政相对人未满十八周岁" in out
    assert "居统罚〔2011〕5号" not in everything_written(project) and "张某某" not in everything_written(project)
    assert MINOR_ID not in out


def test_a_value_too_long_for_a_file_name_is_a_located_cell_error(project: Path, tmp_path: Path) -> None:
    rows = [dict(PENALTY_ROWS[0], 行政处罚决定书文号="JCTJ" + "A" * 296)]
    code, out = run(project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", rows)))
    assert code == 1 and "Traceback" not in out, out
    assert re.search(r"第 3 行 \w+ 列“行政处罚决定书文号”: 这个值太长", out) and f"[{codes.SHEET_NAME}]" in out, out


def junk_book(path: Path, rows: int) -> Path:
    """A workbook whose one sheet has `rows` rows of one junk cell each: about 1 MB compressed for 400,000."""
    national_book(path, "penalties", PENALTY_ROWS[:1])
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(1, rows + 1))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><sheetData>{body}</sheetData></worksheet>'
    )
    parts = {}
    with zipfile.ZipFile(path) as old:
        parts = {i.filename: old.read(i) for i in old.infolist()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return path


def test_a_sheet_of_400000_junk_rows_is_refused_before_it_is_parsed(project: Path, tmp_path: Path) -> None:
    book = junk_book(tmp_path / "junk.xlsx", 400_000)
    assert book.stat().st_size < 2 * 2**20
    code, out = run(project, "penalties", str(book))
    assert code == 2 and "junk.xlsx 的工作表共有" in out and "没有导入" in out and "Traceback" not in out, out


def test_a_compressed_bomb_is_refused_by_what_it_declares(project: Path, tmp_path: Path) -> None:
    book = national_book(tmp_path / "bomb.xlsx", "penalties", PENALTY_ROWS[:1])
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * (sheets.MAX_UNPACKED + 1))
    assert book.stat().st_size < 2**20
    code, out = run(project, "penalties", str(book))
    assert code == 2 and "解压后有" in out and "没有导入" in out, out


def test_a_sheet_too_slow_to_read_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    book = national_book(tmp_path / "p.xlsx", "penalties", PENALTY_ROWS * 300)
    assert sheets.read_sheet(book).rows  # within every bound as shipped
    monkeypatch.setattr(sheets, "READ_SECONDS", 0.01)
    with pytest.raises(Stopped, match="秒内没有读完"):
        sheets.read_sheet(book)


def test_a_reader_needing_more_memory_than_its_bound_is_stopped() -> None:
    with pytest.raises(TooLarge):
        bounded(bytearray, 512 * 2**20, seconds=10, memory=64 * 2**20)
    assert len(bounded(bytearray, 2**20, seconds=10, memory=64 * 2**20)) == 2**20


def test_a_csv_too_wide_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(["x"] * (sheets.MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    with pytest.raises(Stopped, match="列"):
        sheets.read_sheet(path)


@pytest.mark.slow
def test_the_built_pages_and_open_data_say_what_the_cells_say(project: Path, tmp_path: Path) -> None:
    assert run(project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", PENALTY_ROWS)))[0] == 0
    built = pipeline.build(project, AS_OF)
    assert not built.report.errors, built.report.render()
    site = project.parent / "site"
    labels = {i.key: i.spec.label for i in fields_of(PenaltyDecision)}
    shown = {
        ("居统罚〔2011〕3号", "fine"): "2 万元",
        ("居统罚〔2011〕4号", "fine"): "0.5 万元",
        ("居统罚〔2011〕4号", "confiscated"): "0.123456 万元",
    }
    for n, row in zip((3, 4, 5), PENALTY_ROWS, strict=True):
        number = f"居统罚〔2011〕{n}号"
        page = next(site.glob(f"hotspots/czj-2011-09-1*-ju-tong-fa-2011-{n}-hao/index.html")).read_text(
            encoding="utf-8"
        )
        cells = {r[0]: r[1] for r in rows_of(page) if len(r) == 2}
        for header, value in row.items():
            found = national.column_of("penalties", header)
            assert found is not None
            if found.key is None:
                assert str(value) not in page, header  # kept out
                continue
            if found.key == "authority" and n == 5:
                value = "居巢区统计局"
            expected = shown.get((number, found.key))
            if expected is None:
                expected = value.date().isoformat() if isinstance(value, dt.datetime) else str(value)
                expected = "2011-09-15" if expected == "2011/9/15" else expected
            assert cells[labels[found.key]] == expected, (number, header)
        assert cells[labels["violation"]] == row.get("违法行为类型", NOT_GIVEN)
        assert labels["registration_no"] not in cells or "行政相对人代码_2（工商注册号）" in row  # quiet when empty
        assert ADULT_ID not in page and REP_ID not in page
    data = json.loads((site / "data" / "penalties.json").read_text(encoding="utf-8"))
    fines = {r["number"]: (r.get("fine"), r.get("confiscated")) for r in data}
    assert fines["居统罚〔2011〕3号"] == ("20000", None) and fines["居统罚〔2011〕4号"] == ("5000", "1234.56")
    schema = json.loads((site / "data" / "penalties.schema.json").read_text(encoding="utf-8"))
    assert schema["items"]["properties"]["fine"]["pattern"] == r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$"
    csv_text = (site / "data" / "penalties.csv").read_text(encoding="utf-8-sig")
    assert '"5000","1234.56"' in csv_text


def test_money_reads_with_grouped_digits_and_its_unit() -> None:
    from generator.domain.money import in_yuan, shown

    assert (
        shown("18936000") == "18,936,000 元"
        and shown("0.5万元") == "0.5 万元"
        and shown("1234.5万元") == "1,234.5 万元"
    )
    assert shown("5-20") == "5-20 元" and shown("1,286,000.50") == "1,286,000.50 元"
    assert in_yuan("0.5万元") == "5000" and in_yuan("0.000001万元") == "0.01" and in_yuan("1,286,000.50") == "1286000.5"
    from generator.schema import parse_amount

    assert parse_amount("0.0000001万元") is None and parse_amount("12.345") is None  # finer than a fen
    assert parse_amount("1,23") is None and parse_amount("5元/本") is None


def test_a_natural_persons_yaml_record_is_checked_too(project: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-09-16-chu-fa.yml"
    post.write_text(
        "title: 张某某统计违法行政处罚决定公开\ncategory: 执法处罚\nsummary: 给予警告。\ncompleted: 2011-09-16\n"
        "published: 2011-09-20\npenalties:\n  - number: 居统罚〔2011〕5号\n    kind: 警告\n    facts: 联系电话：0551-82321234\n"
        "    basis: 《统计法》\n    content: 警告\n    party: 张某某\n    party_type: 自然人\n"
        f"    credit_code: {COMPANY}\n    decided: 2011-09-16\n    authority: 居巢区统计局\n",
        encoding="utf-8",
    )
    found = sorted(
        (p.code, p.loc.line) for p in pipeline.check(project, AS_OF).report.problems if p.code != OUTSIDE_GIT
    )
    assert found == [(codes.NATURAL_PERSON_CODE, 14), (codes.NATURAL_PERSON_DETAIL, 9)]
    assert LicenceDecision.quiet == PenaltyDecision.quiet


def test_the_one_week_rule_counts_from_the_decision_too(project: Path, tmp_path: Path) -> None:
    """Without the 双公示 rule of 7 working days, the policy's one week after completion still counts from the
    decision date, not from the day of the import or a later 办结日期."""
    config = project.read_text(encoding="utf-8")
    start = config.index("  deadlines:\n")
    end = config.index("  notices:\n")
    project.write_text(config[:start] + config[end:], encoding="utf-8")
    rows = [dict(PENALTY_ROWS[0])]
    code, out = run(
        project, "penalties", str(national_book(tmp_path / "p.xlsx", "penalties", rows)), as_of="2011-09-22"
    )
    assert code == 1 and "处罚决定日期 2011-09-14 + 7 日 = 最迟公开日期 2011-09-21；逾期 1 日）" in out, out
