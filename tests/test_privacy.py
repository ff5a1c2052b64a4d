"""The personal-data guard: what counts as a personal number, and what never gets printed."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import multiprocessing
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from generator import pipeline, privacy
from generator.config import PrivacyAllow, load_config
from generator.personal import find_numbers, fingerprint, luhn, mask, valid_credit_code, valid_id
from generator.privacy import MAX_TEXT_BYTES
from generator.problems import mask as mask_message
from generator.secrecy import find_markings
from generator.sitescan import scan_site

from .conftest import AS_OF, GOOD, OUTSIDE_GIT, problems_of

ID = "11010519491231002X"  # the GB 11643 example number
MOBILE = "13800138000"
CARD = "6222021234567890128"


def kinds(text: str) -> list[str]:
    return [f.kind for f in find_numbers(text)]


def test_id_check_digit_and_birth_date() -> None:
    assert valid_id(ID) and valid_id(ID.lower())
    assert not valid_id(ID[:-1] + "1")  # wrong check character
    assert not valid_id("110105194902300021")  # 30 February
    assert luhn(CARD) and not luhn(CARD[:-1] + "9")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号{ID}。", ["id-card"]),
        ("身份证号１１０１０５１９４９１２３１００２Ｘ", ["id-card"]),  # full-width
        ("110105 19491231 002X", ["id-card"]),
        (f"联系人张三{MOBILE}联系", ["mobile"]),  # glued to Chinese text
        ("手机：１３８００１３８０００", ["mobile"]),
        ("手机 138-0013-8000", ["mobile"]),
        ("手机 138 0013 8000", ["mobile"]),
        (f"+86{MOBILE}", ["mobile"]),
        ("138\u200b0013\u200b8000", ["mobile"]),  # split by the search index
        (f"卡号{CARD}", ["bank-card"]),
        ("卡号 4111 1111 1111 1111", ["bank-card"]),
        (f"{ID} 与 {MOBILE}", ["id-card", "mobile"]),
    ],
)
def test_personal_numbers_are_found(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "138****8000",  # masked
        "1101**********002X",
        "咨询电话 0551-82321001",  # office phone
        "投诉电话(0551)82320000",
        "编号 213800138000",  # part of a longer run of digits
        f"{MOBILE}9",
        "110105194912310021",  # wrong check character
        "6222021234567890129",  # fails Luhn
        "2011-05-12 办结, 收费 80 元, 皖价费〔2008〕123号",
        "CZ-01 工号",
    ],
)
def test_other_numbers_pass(text: str) -> None:
    assert kinds(text) == []


def test_masked_form_never_shows_the_middle() -> None:
    assert mask("mobile", MOBILE) == "138****8000"
    assert mask("id-card", ID) == "1101**********002X"
    assert mask("bank-card", CARD) == "6222***********0128"


def test_allow_list_by_fingerprint_only() -> None:
    assert kinds(f"热线 {MOBILE}") == ["mobile"]
    assert list(find_numbers(f"热线 {MOBILE}", frozenset({fingerprint(MOBILE)}))) == []
    assert list(find_numbers("热线 13900139000", frozenset({fingerprint(MOBILE)})))


def test_content_problems_name_the_field_and_hide_the_number(project: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = post.read_text(encoding="utf-8").replace("特此公告。", f"联系人手机{MOBILE},身份证{ID}。")
    post.write_text(text, encoding="utf-8")
    report = pipeline.check(project, AS_OF).report
    found = [p for p in report.problems if p.code == "personal-data"]
    assert [(p.loc.file, p.loc.line, p.key) for p in found] == [
        ("content/czj/postings/2011-05-12-cai-gou.yml", 5, "body")
    ] * 2
    out = report.render() + report.render("json", "en") + report.render("gitlab")
    assert MOBILE not in out and ID not in out and ID[6:14] not in out
    assert "138****8000" in out and "请删除或打码" in out


def test_allow_list_in_config_clears_the_problem_and_must_be_a_hash(project: Path) -> None:
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(
        dept.read_text(encoding="utf-8").replace("phone: 0551-82321001", f"phone: {MOBILE}"), encoding="utf-8"
    )
    assert ("personal-data", "content/czj/department.yml", 8) in problems_of(project)
    cfg = project.read_text(encoding="utf-8")
    entry = "privacy_allow:\n  - sha256: {}\n    reason: 乡镇值班热线,经批准公开\n    reviewer: 王明(办公室主任)\n"
    project.write_text(cfg + entry.format(fingerprint(MOBILE)), encoding="utf-8")
    assert problems_of(project) == []
    project.write_text(cfg + entry.format(MOBILE), encoding="utf-8")
    codes = {code for code, _, _ in problems_of(project)}
    assert codes == {"allow-not-a-hash", "personal-data"}


def test_internal_items_are_scanned_too(project: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = post.read_text(encoding="utf-8").replace("特此公告。", f"联系人手机{MOBILE}。")
    post.write_text(
        text + "audience: 内部公开\nexemption: 《政府信息公开条例》第十六条，内部事务信息。\n", encoding="utf-8"
    )
    assert [code for code, _, _ in problems_of(project)] == ["personal-data"]


def test_site_scan_reads_entities_json_escapes_and_gzip(tmp_path: Path) -> None:
    config, _ = load_config(GOOD / "site_config.yml")
    assert config is not None
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    encoded = "".join(f"&#{ord(c)};" for c in MOBILE)
    (site / "index.html").write_text(f"<p>电话\n{encoded}</p>", encoding="utf-8")
    (site / "search" / "search_index.json").write_text(json.dumps({"text": f"身份证\u200b{ID}"}), encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(f"<loc>{CARD}</loc>".encode()))
    (site / "ok.html").write_text("<p>0551-82321001 138****8000</p>", encoding="utf-8")
    scan = scan_site(site, config, probes=["不向社会公开的内部事项名称"])
    assert [(p.code, p.loc.file, p.loc.line) for p in scan.problems] == [
        ("personal-data-output", "site/index.html", 2),
        ("personal-data-output", "site/search/search_index.json", 2),
        ("personal-data-output", "site/sitemap.xml.gz", 1),
    ]
    assert scan.files == 4
    assert not any(MOBILE in p.text() or ID in p.text() or CARD in p.text() for p in scan.problems)
    (site / "ok.html").write_text("<p>不向社会公开的\n内部事项名称</p>", encoding="utf-8")
    allowed = dataclasses.replace(config, privacy_allow=())
    assert [p.code for p in scan_site(site, allowed, ["不向社会公开的内部事项名称"]).problems].count("leak") == 1


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_site_scan_finds_the_same_with_any_number_of_workers(tmp_path: Path, workers: int) -> None:
    config, _ = load_config(GOOD / "site_config.yml")
    assert config is not None
    site = tmp_path / "site"
    site.mkdir()
    for n in range(7):
        (site / f"p{n}.html").write_text(f"<p>第{n}页 0551-82321001</p>", encoding="utf-8")
    (site / "p3.html").write_text(f"<p>联系人手机 {MOBILE}</p>", encoding="utf-8")
    (site / "p5.html").write_text("<p>不向社会公开的内部事项名称</p>", encoding="utf-8")
    memo = tmp_path / "memo.json"
    scan = scan_site(site, config, ["不向社会公开的内部事项名称"], memo=memo, workers=workers)
    assert sorted((p.code, p.loc.file) for p in scan.problems) == [
        ("leak", "site/p5.html"),
        ("personal-data-output", "site/p3.html"),
    ]
    assert (scan.files, scan.known_clean) == (7, 0)
    again = scan_site(site, config, ["不向社会公开的内部事项名称"], memo=memo, workers=workers)
    assert (again.files, again.known_clean, len(again.problems)) == (2, 5, 2)


def test_allow_entry_fields_are_documented() -> None:
    assert {f.name for f in dataclasses.fields(PrivacyAllow)} >= {"sha256", "reason", "reviewer"}


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream shows `text` (ASCII) in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_with_runs(*runs: str) -> bytes:
    """A Word document whose one paragraph is made of these runs (Word splits text into runs anywhere)."""
    body = "".join(f"<w:r><w:t>{r}</w:t></w:r>" for r in runs)
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p>{body}</w:p><w:p><w:r><w:t>2011</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def xlsx_with_rich_text(*pieces: str) -> bytes:
    """A real Excel workbook (openpyxl) with one cell whose rich text is split into pieces."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "联系人"
    sheet["B1"] = CellRichText([pieces[0], *(TextBlock(InlineFont(b=True), p) for p in pieces[1:])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("list.docx", docx_with_runs("联系人手机", MOBILE[:5], MOBILE[5:]), ["personal-data"]),
        ("list.docx", docx_with_runs("身份证", ID[:9], ID[9:]), ["personal-data"]),
        ("list.xlsx", xlsx_with_rich_text(MOBILE[:4], MOBILE[4:8], MOBILE[8:]), ["personal-data"]),
        ("list.txt", f"姓名\t手机\r\n张三\t{MOBILE}\r\n".encode("utf-16"), ["personal-data"]),
        ("list.txt", f"name\tmobile\r\nzhang\t{MOBILE}\r\n".encode("utf-16-le"), ["personal-data"]),
        ("list.pdf", minimal_pdf(f"Contact {MOBILE} for details"), ["personal-data"]),
        ("list.pdf", minimal_pdf("Office 0551-82321001"), []),
        ("list.csv", f"姓名,身份证号\n张三,{ID}\n".encode(), ["personal-data"]),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ["attachment-unchecked"]),
        ("broken.pdf", b"%PDF-1.4 not really", ["attachment-unchecked"]),
    ],
)
def test_attachments_are_read_for_personal_numbers(project: Path, name: str, data: bytes, expected: list[str]) -> None:
    folder = project.parent / "content" / "czj" / "postings"
    (folder / "files").mkdir()
    (folder / "files" / name).write_bytes(data)
    post = folder / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8") + f"attachments:\n  - title: 名单\n    path: files/{name}\n", encoding="utf-8"
    )
    found = [p for p in pipeline.check(project, AS_OF).report.problems if p.code != OUTSIDE_GIT]
    assert [(p.code, p.loc.line) for p in found] == [(code, 13) for code in expected]  # the path line
    assert not any(MOBILE in p.text() or ID in p.text() for p in found)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("138-12345678", ["mobile"]),
        ("138 1234 5678", ["mobile"]),
        ("138.1234.5678", ["mobile"]),
        ("138\u30001234\u30005678", ["mobile"]),  # ideographic spaces
        ("138\u20021234\u20095678", ["mobile"]),  # en and thin spaces
        ("138\u200b1234\u200d5678", ["mobile"]),  # zero-width characters between the groups
        ("1381\u202e2345678", ["mobile"]),  # a direction override inside
        ("+86 138 1234 5678", ["mobile"]),
        ("340104-1980-0101-1234", ["id-card"]),
        ("340104 19800101 1234", ["id-card"]),
        ("110101900307123", ["id-card"]),  # the old 15-digit ID, born 1990-03-07
        ("110101901307123", []),  # month 13: not a birth date
        ("913401000000000363", []),  # a valid 统一社会信用代码 (GB 32100) whose digits also pass Luhn
        ("91340181000000006A", []),  # a valid code ending in a check letter, its 17 digits passing Luhn
        ("91340181000000006", ["bank-card"]),  # the same 17 digits alone pass Luhn: a card
        ("0551-82321001 0551-82321002", []),  # two office numbers side by side
        ("100 200 300 400 500 600", []),  # a row of figures
        ("2011-05-12 2011-05-19", []),
    ],
)
def test_detector_reads_any_grouping_and_old_ids_and_spares_credit_codes(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in find_numbers(f"联系方式:{text}。")] == kinds


def test_messages_and_scans_share_one_detector() -> None:
    assert luhn("913401000000000363") and valid_credit_code("913401000000000363")
    assert mask_message("电话 138.1234.5678") == "电话 […]"


def test_an_attachment_that_unpacks_too_far_is_not_read(project: Path) -> None:
    folder = project.parent / "content" / "czj" / "postings"
    (folder / "files").mkdir()
    part = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (MAX_TEXT_BYTES // 30)
    with zipfile.ZipFile(folder / "files" / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", part)
    assert (folder / "files" / "bomb.docx").stat().st_size < MAX_TEXT_BYTES // 100
    post = folder / "2011-05-12-cai-gou.yml"
    post.write_text(post.read_text(encoding="utf-8") + "attachments:\n  - title: 名单\n    path: files/bomb.docx\n")
    (found,) = [p for p in pipeline.check(project, AS_OF).report.problems if p.code != OUTSIDE_GIT]
    assert (found.code, found.loc.line) == ("attachment-unchecked", 13) and "解压后超过" in found.zh


def text_pdf(pages: int, line: str) -> bytes:
    """A real PDF of `pages` pages, each showing `line` in Helvetica (ASCII text)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = f"BT /F1 12 Tf 72 712 Td ({line}) Tj ET".encode("ascii")
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    kids = []
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>")  # fmt: skip
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode("ascii")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def attach(project: Path, name: str, data: bytes) -> None:
    folder = project.parent / "content" / "czj" / "postings"
    (folder / "files").mkdir(exist_ok=True)
    (folder / "files" / name).write_bytes(data)
    post = folder / "2011-05-12-cai-gou.yml"
    post.write_text(post.read_text(encoding="utf-8") + f"attachments:\n  - title: 名单\n    path: files/{name}\n")


def test_a_pdf_is_read_in_full_within_the_bounds(project: Path) -> None:
    attach(project, "list.pdf", text_pdf(3, f"Tel {MOBILE}"))
    found = [p for p in pipeline.check(project, AS_OF).report.problems if p.code != OUTSIDE_GIT]
    assert [(p.code, p.loc.line) for p in found] == [("personal-data", 13)] * 3  # one a page: every page was read


def test_an_attachment_that_reads_too_long_is_stopped_and_left_to_a_person(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF of many pages takes seconds to read; with the bound lowered below that it is stopped, not waited for."""
    attach(project, "slow.pdf", text_pdf(4000, "page"))
    monkeypatch.setattr(privacy, "READ_SECONDS", 0.3)
    (found,) = [p for p in pipeline.check(project, AS_OF).report.problems if p.code != OUTSIDE_GIT]
    assert (found.code, found.loc.line) == ("attachment-unchecked", 13) and "秒内没有读完" in found.zh
    assert not multiprocessing.active_children()  # the reader was killed, not left running


def test_an_attachment_that_needs_too_much_memory_is_stopped_and_left_to_a_person(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under MAX_TEXT_BYTES on paper, yet reading it needs more memory than allowed: the reader stops, the build goes on."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (MAX_TEXT_BYTES // 40))
    attach(project, "big.docx", data.getvalue())
    assert privacy.bounded_reading(
        project.parent / "content/czj/postings/files/big.docx"
    ).parts  # within every bound as shipped
    monkeypatch.setattr(privacy, "READ_MEMORY", 16 * 2**20)
    (found,) = [p for p in pipeline.check(project, AS_OF).report.problems if p.code != OUTSIDE_GIT]
    assert (found.code, found.loc.line) == ("attachment-unchecked", 13) and "过多内存" in found.zh


def test_figures_in_a_list_are_never_joined_into_a_number() -> None:
    """A table flattened into text (the search index keeps cells as "18936000. 300日历天") is no mobile number,
    while the same digits written as one number in groups still are found."""
    assert kinds("投标报价(元) 18936000. 300日历天. 19212000. 300日历天") == []
    assert kinds("投标报价 18936000 - 300 日") == []
    assert kinds("手机 189.3600.0300") == ["mobile"]
    assert kinds("手机 189 3600 0300") == ["mobile"]


def test_site_scan_finds_secret_markings_in_the_text_a_reader_sees(tmp_path: Path) -> None:
    """A marking split by markup (秘<b>密</b>★) or alone in an element is found; the words inside a sentence are not."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<p>秘<b>密</b>★1年</p>", encoding="utf-8")
    (site / "b.html").write_text("<h1>秘密</h1><p>正文</p>", encoding="utf-8")
    (site / "c.html").write_text("<p>本项目不涉及国家秘密，按内部公开程序报批。</p>", encoding="utf-8")
    config, _ = load_config(GOOD / "site_config.yml")
    assert config is not None
    scan = scan_site(site, config)
    assert sorted((p.code, p.loc.file) for p in scan.problems) == [
        ("secret-output", "site/a.html"),
        ("secret-output", "site/b.html"),
    ]


@pytest.mark.parametrize(
    "separator",
    [
        "-",
        "\u2010",
        "\u2011",
        "\u2012",
        "\u2013",
        "\u2014",
        "\u2015",
        "\u2212",
        "\uff0d",
        "\ufe63",
        "/",
        "\uff0f",
        "~",
        "\uff5e",
        "\u301c",
        " - ",
        " / ",
        "\u3000",
    ],
    ids=lambda s: f"U+{ord(s.strip() or s):04X}" + ("-spaced" if len(s) > 1 else ""),
)
def test_one_grammar_for_every_separator_people_type(separator: str) -> None:
    """Mobiles, IDs and cards alike, with the dashes Word inserts, slashes, tildes, full-width forms, spaced."""
    assert kinds(separator.join(("138", "1234", "5678"))) == ["mobile"]
    assert kinds(separator.join(("110105", "19491231", "002X"))) == ["id-card"]
    assert kinds(separator.join(("6222", "0212", "3456", "7890", "128"))) == ["bank-card"]
    assert kinds(separator.join(("9134", "0100", "0000", "0003", "63"))) == []  # a valid 统一社会信用代码


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(138)1234-5678", ["mobile"]),
        ("（138）1234－5678", ["mobile"]),
        ("(138) 1234 5678", ["mobile"]),
        ("+86 (138) 1234-5678", ["mobile"]),
        ("138-1234 5678", ["mobile"]),  # a dash and a space mixed
        ("110105 – 19491231 – 002X", ["id-card"]),
        ("(0551)82321001", []),  # an office phone with its area code in brackets
        ("0551-82321001/82321002", []),
        ("18936000 - 300", []),  # a bid and a duration, not 189-3600-0300
        ("2011-05-12～2011-05-19", []),
        ("第 100~200~300~400 号", []),
        ("2011/05/12", []),
    ],
)
def test_brackets_and_mixed_separators_only_in_the_groupings_people_write(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("密级：秘密", ["密级：秘密"]),
        ("密 级 ： 绝 密", ["密 级 ： 绝 密"]),
        ("密级【内部】", ["密级【内部"]),
        ("机密★1年", ["机密★"]),
        ("★秘密", ["★秘密"]),
        ("内部★", ["内部★"]),
        ("秘\u3000密\u3000☆", ["秘 密 ☆"]),
        ("内部资料，请勿外传", ["内部资料，请勿外传"]),
        ("标题\n内部资料\n正文", ["内部资料"]),
        ("【内部】会议纪要", ["【内部】"]),
        ("（机密）", ["（机密）"]),
        ("不涉及国家秘密，按内部公开的程序报批", []),
        ("（内部公开）", []),
        ("本单位内部资料室", []),
    ],
)
def test_secret_marking_forms(text: str, found: list[str]) -> None:
    assert [m.text for m in find_markings(text)] == found
