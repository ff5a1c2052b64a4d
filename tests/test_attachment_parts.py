"""Every part of an attachment that can hold text is read, or named as unread: real Word, Excel and PowerPoint files
(python-docx, openpyxl, python-pptx), real PDFs (pypdf: annotations, form fields, metadata, embedded files), parts
added by hand the way Office writes them (slide comments, an embedded workbook, an altChunk), and text in every
Unicode encoding. A mobile number or a secret marking in any of them fails the check, and so the build and the
publish; the message names the part."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest
from openpyxl.comments import Comment
from pypdf import PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from generator import pipeline
from generator.filetext import read_file
from generator.publish import publish

from .conftest import AS_OF, OUTSIDE_GIT
from .test_privacy import minimal_pdf

MOBILE = "13812345678"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082"
)
SPLIT = "138–1234–5678"  # with the en dashes Word puts in


def docx_bytes(build: object = None) -> bytes:
    """A real Word document (python-docx) with one paragraph; `build` may add to it."""
    document = docx.Document()
    document.add_paragraph("测试区办公设备采购中标公告")
    document.core_properties.author = "测试区财政局"
    if callable(build):
        build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_parts(data: bytes, parts: dict[str, bytes | str]) -> bytes:
    """An Office file with parts added by hand, as Office itself writes them (comments, embeddings, altChunks)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


def xlsx_bytes(cell: str = "联系人", comment: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = cell
    if comment is not None:
        sheet["A1"].comment = Comment(comment, "张三")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pptx_bytes(notes: str = "") -> bytes:
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    assert slide.shapes.title is not None
    slide.shapes.title.text = "采购结果说明"
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def pdf_bytes(build: object) -> bytes:
    """A one-page PDF with real text, changed by `build` (a pypdf writer)."""
    writer = PdfWriter(clone_from=io.BytesIO(minimal_pdf("Notice of award")))
    assert callable(build)
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def annotated(writer: PdfWriter) -> None:
    writer.add_annotation(0, FreeText(text=f"联系 {MOBILE}", rect=(50, 550, 200, 650)))


def form_field(writer: PdfWriter) -> None:
    field = DictionaryObject(
        {
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("联系电话"),
            NameObject("/V"): TextStringObject(SPLIT),
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([NumberObject(50), NumberObject(50), NumberObject(200), NumberObject(80)]),
        }
    )
    ref = writer._add_object(field)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})


def _image(writer: PdfWriter) -> None:
    """An image XObject on the page, as a seal or a pasted scan is."""
    from pypdf.generic import DecodedStreamObject

    image = DecodedStreamObject()
    image.set_data(b"\x00\x00\x00")
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(1),
            NameObject("/Height"): NumberObject(1),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    resources = writer.pages[0]["/Resources"].get_object()
    resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Im1"): writer._add_object(image)})


PLANTED = [
    ("notes.pptx", pptx_bytes(notes=f"讲解时说明：联系人手机 {SPLIT}"), "演讲者备注"),
    (
        "comment.pptx",
        with_parts(
            pptx_bytes(),
            {
                "ppt/comments/comment1.xml": f'<p:cmLst xmlns:p="p"><p:cm authorId="0"><p:text>{MOBILE}</p:text></p:cm></p:cmLst>'
            },
        ),
        "幻灯片批注",
    ),
    ("comment.xlsx", xlsx_bytes(comment=f"联系人手机 {MOBILE}"), "单元格批注"),
    (
        "comment.docx",
        docx_bytes(lambda d: d.add_comment(d.paragraphs[0].runs, text=f"联系 {MOBILE}", author="李四")),
        "批注",
    ),
    ("author.docx", docx_bytes(lambda d: setattr(d.core_properties, "author", f"张三 {MOBILE}")), "文档属性"),
    (
        "embedded.docx",
        with_parts(docx_bytes(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_bytes(cell=MOBILE)}),
        "嵌入文件",
    ),
    (
        "afchunk.docx",
        with_parts(docx_bytes(), {"word/afchunk.htm": "<html><body><p>联系<span>138</span>12345678</p></body></html>"}),
        "altChunk",
    ),
    (
        "afchunk-mht.docx",
        with_parts(
            docx_bytes(),
            {
                "word/afchunk.mht": "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E8=81=94=E7=B3=BB 138123=\r\n45678</p>\r\n"
            },
        ),
        "altChunk",
    ),
    ("annotation.pdf", pdf_bytes(annotated), "第 1 页的注释"),
    ("form.pdf", pdf_bytes(form_field), "表单域"),
    ("metadata.pdf", pdf_bytes(lambda w: w.add_metadata({"/Author": f"经办人 {MOBILE}"})), "文档信息"),
    (
        "embedded.pdf",
        pdf_bytes(lambda w: w.add_attachment("名单.csv", f"姓名,手机\n张三,{MOBILE}\n".encode())),
        "嵌入文件",
    ),
    ("utf32.txt", f"联系人 {MOBILE}".encode("utf-32"), "第 1 行"),
    ("utf32be.txt", b"\x00\x00\xfe\xff" + f"联系人 {MOBILE}".encode("utf-32-be"), "第 1 行"),
    ("utf16be.txt", b"\xfe\xff" + f"联系人 {MOBILE}".encode("utf-16-be"), "第 1 行"),
    ("gb18030.txt", b"\x84\x31\x95\x33" + f"联系人 {MOBILE}".encode("gb18030"), "第 1 行"),
    ("gbk.csv", f"姓名,手机\n张三,{MOBILE}\n".encode("gbk"), "第 2 行"),
    ("info.rtf", b"{\\rtf1\\ansi\\ansicpg936{\\info{\\author 13812345678}}{\\pict\\pngblip 0011}\\par ok}", "第 1 行"),
    ("archive.zip", with_parts(b"PK\x05\x06" + b"\x00" * 18, {"名单/list.csv": f"张三,{MOBILE}\n"}), "名单/list.csv"),
    (
        "letter.ofd",
        with_parts(
            b"PK\x05\x06" + b"\x00" * 18,
            {
                "Doc_0/Pages/Page_0/Content.xml": '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:TextObject><ofd:TextCode X="0">138</ofd:TextCode><ofd:TextCode X="9">12345678</ofd:TextCode></ofd:TextObject></ofd:Page>'
            },
        ),
        "Content.xml",
    ),
]


def attach(project: Path, name: str, data: bytes, *more: tuple[str, bytes]) -> None:
    """Attach files to the fixture's published procurement posting (the first one's `path` is on line 13)."""
    folder = project.parent / "content" / "czj" / "postings"
    (folder / "files").mkdir(exist_ok=True)
    listed = ""
    for each, body in ((name, data), *more):
        (folder / "files" / each).write_bytes(body)
        listed += f"  - title: 名单\n    path: files/{each}\n"
    post = folder / "2011-05-12-cai-gou.yml"
    post.write_text(post.read_text(encoding="utf-8") + "attachments:\n" + listed, encoding="utf-8")


def problems(project: Path) -> list[tuple[str, int, str]]:
    return [
        (p.code, p.loc.line, p.zh)
        for p in pipeline.check(project, AS_OF).report.problems
        if p.code != OUTSIDE_GIT and p.loc.file.endswith("2011-05-12-cai-gou.yml")
    ]


@pytest.mark.parametrize(("name", "data", "part"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_number_in_any_part_is_found_and_the_part_named(project: Path, name: str, data: bytes, part: str) -> None:
    attach(project, name, data)
    found = problems(project)
    numbers = [(code, line) for code, line, _ in found if code == "personal-data"]
    assert numbers == [("personal-data", 13)], found
    [message] = [zh for code, _, zh in found if code == "personal-data"]
    assert part in message and MOBILE not in message and "138****5678" in message


def test_office_files_as_the_libraries_write_them_pass_clean(project: Path) -> None:
    """No part of a plain Word, Excel or PowerPoint file (thumbnails, printer settings, themes, relationships) is
    taken for a number or a marking, or left unread."""
    attach(project, "a.docx", docx_bytes(), ("b.xlsx", xlsx_bytes()), ("c.pptx", pptx_bytes()))
    assert problems(project) == []


@pytest.mark.parametrize(
    ("name", "data", "unread"),
    [
        (
            "picture.docx",
            docx_bytes(lambda d: d.add_picture(io.BytesIO(PNG))),
            "word/media/image1.png（图片）",
        ),
        (
            "object.docx",
            with_parts(docx_bytes(), {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 60}),
            "word/embeddings/oleObject1.bin（嵌入对象）",
        ),
        (
            "old.docx",
            with_parts(docx_bytes(), {"word/embeddings/Microsoft_Word_97_-_2003_Document.doc": b"\xd0\xcf\x11\xe0"}),
            "Microsoft_Word_97_-_2003_Document.doc（无法读取的格式）",
        ),
        (
            "picture.pdf",
            pdf_bytes(lambda w: w.pages[0].add_transformation((1, 0, 0, 1, 0, 0)) or _image(w)),
            "1 张图片",
        ),
        ("utf1.txt", b"\xf7\x64\x4c" + b"abc", "无法识别的文字编码"),
        ("list.7z", b"7z\xbc\xaf\x27\x1c" + b"\x00" * 30, "无法读取的格式"),
    ],
    ids=["picture-in-docx", "ole-object", "old-format-embedded", "picture-in-pdf", "utf-1", "7z"],
)
def test_a_part_that_cannot_be_read_is_named_never_skipped(project: Path, name: str, data: bytes, unread: str) -> None:
    attach(project, name, data)
    [(code, line, zh)] = problems(project)
    assert (code, line) == ("attachment-unchecked", 13) and unread in zh and "核对后再公开" in zh


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("mark.txt", "会议纪要\n密级：秘密\n".encode("utf-16")),
        ("mark.xlsx", xlsx_bytes(cell="秘密★1年")),
        ("mark.docx", docx_bytes(lambda d: d.add_paragraph("机密★长期"))),
        (
            "mark-header.docx",
            docx_bytes(lambda d: setattr(d.sections[0].header.paragraphs[0], "text", "内部资料，注意保存")),
        ),
        ("mark.pdf", pdf_bytes(lambda w: w.add_metadata({"/Subject": "绝密★启用前"}))),
    ],
    ids=["txt", "xlsx", "docx", "docx-header", "pdf-metadata"],
)
def test_a_secret_marking_in_any_part_is_found(project: Path, name: str, data: bytes) -> None:
    attach(project, name, data)
    found = problems(project)
    assert [(code, line) for code, line, _ in found] == [("secret", 13)], found


def test_an_attachment_that_leaks_stops_the_build_and_the_publish(project: Path, tmp_path: Path) -> None:
    """A mobile number in PowerPoint presenter notes: check, build and publish all refuse; nothing is written."""
    attach(project, "notes.pptx", pptx_bytes(notes=f"联系人 {SPLIT}"))
    site = tmp_path / "site"
    built = pipeline.build(project, AS_OF, site)
    assert built.report.exit_code == 1 and not site.exists()
    assert [p.code for p in built.report.errors] == ["personal-data"]
    done = publish(project, tmp_path / "www", AS_OF)
    assert done.release is None and not (tmp_path / "www" / "current").exists()


def test_nested_files_share_one_budget_and_stop_at_their_depth(tmp_path: Path) -> None:
    """A zip in a zip in a zip in a zip: read down to NESTED levels, the next one named; sizes counted once."""
    inner = with_parts(b"PK\x05\x06" + b"\x00" * 18, {"list.csv": f"张三,{MOBILE}\n"})
    for _ in range(4):
        inner = with_parts(b"PK\x05\x06" + b"\x00" * 18, {"inner.zip": inner})
    path = tmp_path / "nested.zip"
    path.write_bytes(inner)
    reading = read_file(path)
    assert [u.why for u in reading.unread] == ["nested"]
    assert not any(MOBILE in part.text for part in reading.parts)
