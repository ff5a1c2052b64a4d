"""What an attached file says: the text of every part that can hold text, and the parts that cannot be read.

- Office files (DOCX, XLSX, PPTX) and OFD are zip archives of XML parts, and every XML part is read: the body,
  headers and footers, footnotes, comments, tracked deletions, presenter notes, cell comments, charts, text
  boxes, document properties (author, company, custom ones), custom XML and relationships (link targets).
  Each part gives its text as a reader sees it (a paragraph's runs joined, Word splits text anywhere) and,
  as a part of its own, every attribute value (form-field defaults, link targets).
- Embedded files (a workbook inside a document, an altChunk, a member of a zip archive, a file embedded in
  a PDF) are read the same way, down to NESTED levels.
- A PDF's page text, and every string its objects hold: annotations, form fields and their XFA form,
  document information, XMP metadata, bookmarks, and the rest of the document's catalogue.
- Text files: UTF-8, UTF-16 and UTF-32 with or without a byte-order mark, UTF-7 and GB 18030 with theirs,
  and GBK; HTML and MHT as a browser shows their text; RTF with its \\info and annotations.

What cannot be read is named, never skipped (`Unread`): pictures (a scan, a pasted screenshot), OLE objects
and old binary formats, encrypted or damaged members, parts nested deeper than NESTED, a PDF without any
page text (a scan), and text in an encoding that cannot be decoded. Every byte unpacked counts against one
budget (MAX_TEXT_BYTES), so nesting cannot multiply it. Pure: bytes in, text out; privacy.py reads each
attachment in a bounded child process.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .bounded import TooLarge

MAX_TEXT_BYTES = 32 * 2**20
"""The most an attachment may unpack to before it is read: a 3 MB DOCX can expand to gigabytes."""
NESTED = 3
"""How many files deep embedded files are read (a workbook in a document in a zip archive)."""

Why = Literal["picture", "object", "format", "encrypted", "damaged", "nested", "encoding", "scan"]
WHY_ZH: dict[Why, str] = {
    "picture": "图片",
    "object": "嵌入对象",
    "format": "无法读取的格式",
    "encrypted": "加密",
    "damaged": "已损坏",
    "nested": "嵌套层数过多",
    "encoding": "无法识别的文字编码",
    "scan": "扫描件（页面没有文字）",
}


@dataclass(frozen=True)
class Part:
    """One part of a file and its text: `name` says where in the file ('word/comments.xml', '第 3 页的注释')."""

    name: str
    text: str


@dataclass(frozen=True)
class Unread:
    """A part that holds something the reader cannot read, and why ('' names the whole file)."""

    name: str
    why: Why


@dataclass(frozen=True)
class Reading:
    """Everything read from one file: its parts' text, and the parts it could not read."""

    parts: tuple[Part, ...] = ()
    unread: tuple[Unread, ...] = ()

    def __add__(self, other: Reading) -> Reading:
        return Reading(self.parts + other.parts, self.unread + other.unread)


@dataclass
class Budget:
    """What may still be unpacked from one attachment, across everything nested in it."""

    left: int = MAX_TEXT_BYTES

    def take(self, size: int) -> None:
        if size > self.left:
            raise TooLarge()
        self.left -= size


ZIPS = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".pptx", ".pptm", ".potx", ".ppsx", ".ofd", ".zip")
PLAIN = (".txt", ".csv", ".tsv", ".md", ".json", ".yml", ".yaml")
HTML = (".htm", ".html", ".xhtml")
XML = (".xml", ".rels", ".vml", ".svg", ".xsd")
MHT = (".mht", ".mhtml")
PICTURES = (".png", ".jpg", ".jpeg", ".jfif", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp", ".webp", ".ico")
FONTS = (".fntdata", ".odttf", ".ttf", ".otf", ".ttc", ".woff", ".woff2")
TEXTUAL = (*PLAIN, *HTML, *XML, *MHT, ".rtf")
SKIPPED = re.compile(r"(?:^|/)(?:docProps/thumbnail\.[a-z]+|[a-z]+/printerSettings/printerSettings\d+\.bin)$")
"""Members that hold no text of the document: the picture of its first page office programs save (whose text is
the document's own), and the printer's settings (DEVMODE)."""


def read_file(path: Path) -> Reading:
    """Every part of an attachment: raises TooLarge, before unpacking, for one that would unpack too far."""
    budget = Budget()
    suffix = path.suffix.lower()
    if suffix in TEXTUAL:
        budget.take(path.stat().st_size)
        return _read("", suffix, path.read_bytes(), budget, 0)
    return _read("", suffix, path, budget, 0)


def _read(name: str, suffix: str, data: bytes | Path, budget: Budget, depth: int) -> Reading:
    """One file (the attachment, or a part inside it) by its kind; `data` has already been counted."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        if suffix in ZIPS:
            with zipfile.ZipFile(source) as archive:
                return _zip(archive, name, budget, depth)
        if suffix == ".pdf":
            return _pdf(source, name, budget, depth)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError):
        return Reading(unread=(Unread(name, "damaged"),))
    if suffix in TEXTUAL:
        assert isinstance(data, bytes)
        text = plain_text(data)
        if text is None:
            return Reading(unread=(Unread(name, "encoding"),))
        if suffix in PLAIN:
            return Reading((Part(name, text),))
        if suffix in MHT:
            return _mht(name, data)
        if suffix == ".rtf":
            return _rtf(name, data)
        return markup_parts(name, text, html_mode=suffix in HTML)
    if suffix in PICTURES:
        return Reading(unread=(Unread(name, "picture"),))
    return Reading(unread=(Unread(name, "object" if suffix == ".bin" else "format"),))


def _zip(archive: zipfile.ZipFile, outer: str, budget: Budget, depth: int) -> Reading:
    """Every member of an office file, OFD or zip archive; their declared sizes are counted before any is read."""
    members = [i for i in archive.infolist() if not i.is_dir() and not SKIPPED.search(i.filename)]
    members = [i for i in members if not i.filename.lower().endswith(FONTS)]
    wanted = {i.filename for i in members if _suffix(i.filename) in (*TEXTUAL, *ZIPS, ".pdf")}
    budget.take(sum(i.file_size for i in members if i.filename in wanted))  # the declared sizes bound each read
    reading = Reading()
    for info in sorted(members, key=lambda i: i.filename):
        name = within(outer, info.filename)
        suffix = _suffix(info.filename)
        if info.filename not in wanted:
            reading += _read(name, suffix, b"", budget, depth)
            continue
        if suffix not in XML and depth >= NESTED:
            reading += Reading(unread=(Unread(name, "nested"),))
            continue
        try:
            data = archive.read(info)
        except RuntimeError:  # a member that needs a password
            reading += Reading(unread=(Unread(name, "encrypted"),))
            continue
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
            reading += Reading(unread=(Unread(name, "damaged"),))
            continue
        if suffix in XML:
            text = plain_text(data)
            reading += markup_parts(name, text) if text is not None else Reading(unread=(Unread(name, "encoding"),))
        else:
            reading += _read(name, suffix, data, budget, depth + 1)
    return reading


def _suffix(name: str) -> str:
    """The suffix of a member's name, a dot-file's whole name included ('_rels/.rels' → '.rels')."""
    base = name.rsplit("/", 1)[-1]
    return base[base.rfind(".") :].lower() if "." in base else ""


def within(outer: str, inner: str) -> str:
    """The name of a part inside another one: 'word/embeddings/Book1.xlsx/xl/comments1.xml'."""
    return f"{outer}/{inner}" if outer else inner


# Markup: Office XML, OFD, any XML part, HTML.

_ASIDE = re.compile(r"<!--(.*?)-->|<!\[CDATA\[(.*?)\]\]>|<![^>]*>", re.S)
"""Comments and CDATA (whose text is read, each a line of its own) and declarations."""
_VALUE = re.compile(r"""\s[\w:.-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAMESPACE = re.compile(r"""xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']""")
INLINE: dict[str, tuple[str, ...]] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
        "t", "r", "delText", "ins", "del", "hyperlink", "smartTag", "fldSimple", "sdt", "sdtContent", "rPr", "rPrChange",
    ),
    "http://schemas.openxmlformats.org/drawingml/2006/main": (
        "t", "r", "fld", "rPr", "solidFill", "gradFill", "pattFill", "blipFill", "ln", "effectLst", "highlight",
        "hlinkClick", "extLst", "ext", "uFill", "uLn", "srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr",
    ),
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": ("t", "r", "rPr"),
    "http://www.ofdspec.org/2016": ("TextCode",),
}  # fmt: skip
"""By namespace, the elements whose end does not end the text: the runs of a Word or PowerPoint paragraph and of a
rich-text cell with their properties (Word splits text into runs anywhere, even inside a number), and the glyph
runs of an OFD text object. The end of any other element ends a line."""
LINE_BREAKS = ("br", "tab", "cr")
_HTML_BREAK = re.compile(
    r"</?(?:p|div|br|tr|td|th|li|ul|ol|table|title|option|h[1-6]|section|article|header|footer|blockquote|pre|dt|dd"
    r"|hr|body|head)\b[^>]*>",
    re.I,
)
"""The HTML elements that end a line; text in any other element runs on, as a browser shows it."""
_TAG = re.compile(r"<[^>]*>")


def markup_text(text: str, html_mode: bool = False) -> tuple[str, list[str]]:
    """The text of XML or HTML as a reader sees it, and every attribute value (link targets, form defaults).

    Made by plain replacements and two regular expressions over the whole text, never tag by tag: a 30 MB part
    reads in seconds. The namespaces a part declares say which prefix its runs carry."""
    asides: list[str] = []

    def aside(m: re.Match[str]) -> str:
        said = m.group(1) if m.group(1) is not None else m.group(2)
        if said is not None and said.strip():
            asides.append(said)
        return "\n"

    if "<!" in text:
        text = _ASIDE.sub(aside, text)
    attributes = [html.unescape(v) for a, b in _VALUE.findall(text) if (v := a or b).strip()]
    if html_mode:
        text = _HTML_BREAK.sub("\n", text)
    else:
        prefixes = {f"{prefix}:" if prefix else "": uri for prefix, uri in _NAMESPACE.findall(text)}
        for prefix, uri in prefixes.items():
            for name in INLINE.get(uri, ()):
                text = text.replace(f"</{prefix}{name}>", "")
        text = text.replace("</", "\n</")
        for prefix in prefixes:
            for name in LINE_BREAKS:
                text = text.replace(f"<{prefix}{name}>", "\n").replace(f"<{prefix}{name}/>", "\n")
                text = text.replace(f"<{prefix}{name} ", f"\n<{prefix}{name} ")
    body = html.unescape(_TAG.sub("", text))
    lines = [line for line in (*asides, *body.split("\n")) if line.strip()]
    return "\n".join(lines), attributes


def markup_parts(name: str, text: str, html_mode: bool = False) -> Reading:
    """A markup part's text, and its attribute values as a part of their own ('…（属性值）')."""
    body, attributes = markup_text(text, html_mode)
    parts = [Part(name, body)]
    if attributes:
        parts.append(Part(f"{name}{ATTRIBUTES}", "\n".join(attributes)))
    return Reading(tuple(parts))


ATTRIBUTES = "（属性值）"


# Plain text in any Unicode encoding.

BOMS: tuple[tuple[bytes, str | None], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),
    (b"+/v8", "utf-7"),
    (b"+/v9", "utf-7"),
    (b"+/v+", "utf-7"),
    (b"+/v/", "utf-7"),
    (b"\xf7\x64\x4c", None),  # UTF-1
    (b"\xdd\x73\x66\x73", None),  # UTF-EBCDIC
    (b"\x0e\xfe\xff", None),  # SCSU
    (b"\xfb\xee\x28", None),  # BOCU-1
)
"""Byte-order marks, longest first where one begins another (UTF-32 LE begins like UTF-16 LE); None: a Unicode
encoding Python cannot decode."""


def plain_text(data: bytes) -> str | None:
    """A text file's text by its byte-order mark; without one UTF-32 or UTF-16 (Excel's "Unicode text") when most
    bytes are zero, else UTF-8, else GB 18030 (GBK, what Chinese Windows saves). None: a mark of an encoding
    that cannot be decoded here."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            if encoding is None:
                return None
            return data.decode(encoding, errors="replace").removeprefix("\ufeff")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample) * 3 - 8:  # ASCII-heavy UTF-32 without a mark
        return data.decode("utf-32-le" if sample[0] else "utf-32-be", errors="replace")
    if len(sample) >= 2 and sample.count(0) * 4 >= len(sample):  # ASCII-heavy UTF-16 without a mark
        return data.decode("utf-16-le" if sample[1::2].count(0) >= sample[::2].count(0) else "utf-16-be", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


# MHT (a web page saved whole, as Word's altChunk and "save as single file" write it).


def _mht(name: str, data: bytes) -> Reading:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    reading = Reading()
    for n, piece in enumerate(message.walk(), 1):
        if piece.is_multipart():
            continue
        where = within(name, str(piece.get("Content-Location") or n))
        kind = piece.get_content_type()
        payload = piece.get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
        if kind.startswith("image/"):
            reading += Reading(unread=(Unread(where, "picture"),))
        elif kind.startswith("text/"):
            charset = piece.get_content_charset()
            try:
                text = raw.decode(charset) if charset else plain_text(raw)
            except (LookupError, UnicodeDecodeError):
                text = plain_text(raw)
            if text is None:
                reading += Reading(unread=(Unread(where, "encoding"),))
            elif kind in ("text/html", "text/xml"):
                reading += markup_parts(where, text, html_mode=kind == "text/html")
            else:
                reading += Reading((Part(where, text),))
        else:
            reading += Reading(unread=(Unread(where, "object"),))
    return reading


# RTF.

_RTF = re.compile(
    rb"\\'([0-9a-fA-F]{2})|\\u(-?\d+) ?|\\([a-zA-Z]+)(-?\d+)? ?|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+"
)
RTF_DATA: dict[bytes, Why] = {b"pict": "picture", b"objdata": "object"}
RTF_SKIP = frozenset(
    {b"themedata", b"colorschememapping", b"datastore", b"panose", b"blipuid", b"fonttbl", b"colortbl",
     b"stylesheet", b"latentstyles", b"rsidtbl", b"xmlnstbl", b"listtable", b"listoverridetable", b"wgrffmtfilter",
     b"passwordhash", b"generator", b"mmathPr", b"pgdsctbl", b"fchars", b"lchars"}
)  # fmt: skip
"""Groups that hold hexadecimal data or formatting, never text; pictures and objects (RTF_DATA) are unread."""
RTF_BREAKS = frozenset({b"par", b"line", b"row", b"cell", b"tab", b"sect", b"page"})


def _rtf(name: str, data: bytes) -> Reading:
    """An RTF file's text, its \\info properties, annotations and field codes included; pictures and objects are
    named as unread."""
    out: list[str] = []
    pending = bytearray()
    codepage = "cp936"
    unread: list[Unread] = []
    depth = skip_depth = 0  # skip_depth: the depth of the group being skipped, 0 when none
    fallback = 1  # characters after a \\uN that stand in for it (\\ucN)
    to_skip = 0

    def flush() -> None:
        if pending:
            try:
                out.append(pending.decode(codepage, errors="replace"))
            except LookupError:
                out.append(pending.decode("cp936", errors="replace"))
            pending.clear()

    pos = 0
    while pos < len(data):
        m = _RTF.match(data, pos)
        if m is None:
            pos += 1
            continue
        pos = m.end()
        hexa, uni, word, param, symbol, brace, chars = m.groups()
        if brace is not None:
            depth += 1 if brace == b"{" else -1
            if brace == b"}" and skip_depth and depth < skip_depth:
                skip_depth = 0
            continue
        if word == b"bin" and param:  # raw bytes follow, never text
            pos += max(0, int(param))
            continue
        if skip_depth:
            continue
        if word is not None:
            if word in RTF_DATA or word in RTF_SKIP:
                if word in RTF_DATA:
                    unread.append(Unread(name, RTF_DATA[word]))
                skip_depth = depth
            elif word == b"ansicpg" and param:
                flush()
                codepage = f"cp{int(param)}"
            elif word == b"uc" and param is not None:
                fallback = max(0, int(param))
            elif word in RTF_BREAKS:
                flush()
                out.append("\n")
            continue
        if symbol is not None:  # \\* marks a destination a reader may ignore: read on, unless its name is skipped
            if symbol in (b"\\", b"{", b"}"):
                pending.extend(symbol)
            continue
        if to_skip and (hexa is not None or chars is not None):
            to_skip -= 1
            if chars is not None and len(chars) > 1:
                pending.extend(chars[1:])
            continue
        if hexa is not None:
            pending.append(int(hexa, 16))
        elif uni is not None:
            flush()
            out.append(chr(int(uni) % 65536))
            to_skip = fallback
        elif chars is not None:
            pending.extend(chars)
    flush()
    return Reading((Part(name, "".join(out)),), tuple(dict.fromkeys(unread)))


# PDF.

PDF_SKIP_KEYS = frozenset({"/Parent", "/ID", "/O", "/U", "/OE", "/UE", "/Perms", "/Font", "/ColorSpace", "/Widths"})
"""Keys whose values are never text a reader sees: back-pointers, encryption, fonts and colour data."""


def _pdf(source: Path | io.BytesIO, outer: str, budget: Budget, depth: int) -> Reading:
    """A PDF's page text, then the strings of its objects by where they stand, its pictures and embedded files."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(source)
        if reader.is_encrypted and not reader.decrypt(""):
            return Reading(unread=(Unread(outer, "encrypted"),))
        pages = list(reader.pages)
        trailer = reader.trailer
        catalog: Any = trailer["/Root"].get_object()
    except Exception:  # pypdf raises many kinds on a damaged file
        return Reading(unread=(Unread(outer, "damaged"),))
    walk = _PdfWalk(outer, budget, depth)
    parts: list[Part] = []
    for n, page in enumerate(pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception:  # a damaged content stream
            walk.unread.append(Unread(within(outer, f"第 {n} 页"), "damaged"))
            continue
        budget.take(len(text.encode("utf-8")))
        parts.append(Part(within(outer, f"第 {n} 页"), text))
    if pages and not any(p.text.strip() for p in parts):
        walk.unread.append(Unread(outer, "scan"))
    walk.area("文档信息", trailer.get("/Info"))
    walk.area("XMP 元数据", catalog.get("/Metadata"))
    for n, page in enumerate(pages, 1):
        walk.area(f"第 {n} 页的注释", page.get("/Annots"))
    walk.area("表单域", catalog.get("/AcroForm"))
    walk.area("书签", catalog.get("/Outlines"))
    walk.area("嵌入文件列表", catalog.get("/Names"))
    walk.area("其他对象", trailer)
    if walk.pictures:
        walk.unread.append(Unread(within(outer, f"{walk.pictures} 张图片"), "picture"))
    return Reading((*parts, *walk.parts), tuple(walk.unread)) + walk.nested


@dataclass
class _PdfWalk:
    """Walks a PDF's objects, each once and without recursion (a crafted file may nest them deeply): the strings
    of each area become one part; pictures are counted; embedded files are read."""

    outer: str
    budget: Budget
    depth: int
    seen: set[tuple[int, int]] = field(default_factory=set)
    parts: list[Part] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    nested: Reading = field(default_factory=Reading)
    pictures: int = 0

    def area(self, name: str, start: object) -> None:
        if start is None:
            return
        found = [s for s in self._strings(start) if s.strip()]
        if found:
            self.parts.append(Part(within(self.outer, name), "\n".join(found)))

    def _strings(self, start: object) -> Iterator[str]:
        from pypdf.generic import (
            ArrayObject,
            ByteStringObject,
            DictionaryObject,
            IndirectObject,
            StreamObject,
            TextStringObject,
        )

        stack = [start]
        while stack:
            obj = stack.pop()
            if isinstance(obj, IndirectObject):
                if (obj.idnum, obj.generation) in self.seen:
                    continue
                self.seen.add((obj.idnum, obj.generation))
                try:
                    obj = obj.get_object()
                except Exception:  # a reference to an object that is not there
                    continue
            if isinstance(obj, TextStringObject):
                self.budget.take(len(obj) * 4)
                yield str(obj)
            elif isinstance(obj, ByteStringObject):
                self.budget.take(len(obj))
                yield bytes(obj).decode("latin-1")
            elif isinstance(obj, DictionaryObject):
                if isinstance(obj, StreamObject):
                    yield from self._stream(obj)
                elif "/EF" in obj:
                    self._embedded(obj)
                page_or_signature = obj.get("/Type") in ("/Page", "/Sig")  # /Contents: page content, a signature
                stack.extend(
                    v
                    for k, v in reversed(obj.items())
                    if k not in PDF_SKIP_KEYS and not (k == "/Contents" and page_or_signature)
                )
            elif isinstance(obj, ArrayObject):
                stack.extend(reversed(obj))

    def _stream(self, stream: Any) -> Iterator[str]:
        """The text a stream holds when it holds text: XML (metadata, an XFA form) or script; a picture is counted.
        Content streams (page text, form XObjects, appearances) are read by the page's text extraction."""
        kind, subtype = stream.get("/Type"), stream.get("/Subtype")
        if subtype == "/Image":
            self.pictures += 1
            return
        if not (kind == "/Metadata" or subtype == "/XML" or (kind is None and subtype is None)):
            return
        try:
            data = stream.get_data()
        except Exception:  # an unknown or broken filter
            self.unread.append(Unread(within(self.outer, "数据流"), "damaged"))
            return
        self.budget.take(len(data))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return  # binary data (a colour profile, a font): no text
        if "\x00" not in text:
            yield markup_text(text)[0] if text.lstrip().startswith("<") else text

    def _embedded(self, spec: Any) -> None:
        """A file embedded in the PDF (in its file list, or by a file-attachment annotation), read by its name."""
        name = str(spec.get("/UF") or spec.get("/F") or "")
        where = within(self.outer, f"嵌入文件 {name}")
        try:
            ef = spec["/EF"].get_object()
            stream = ef.get("/UF") or ef.get("/F")
            data = stream.get_object().get_data() if stream is not None else b""
        except Exception:
            self.unread.append(Unread(where, "damaged"))
            return
        if self.depth >= NESTED:
            self.unread.append(Unread(where, "nested"))
            return
        self.budget.take(len(data))
        self.nested += _read(where, _suffix(name), data, self.budget, self.depth + 1)


# How a part is named to a clerk.

PART_NAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (
        (r"word/document\.xml$", "正文"),
        (r"word/header\d*\.xml$", "页眉"),
        (r"word/footer\d*\.xml$", "页脚"),
        (r"word/footnotes\.xml$", "脚注"),
        (r"word/endnotes\.xml$", "尾注"),
        (r"word/comments\w*\.xml$", "批注"),
        (r"word/glossary/", "文档部件"),
        (r"(?i)afchunk", "嵌入的外部内容（altChunk）"),
        (r"ppt/slides/slide(\d+)\.xml$", r"第 \1 张幻灯片"),
        (r"ppt/notesSlides/notesSlide(\d+)\.xml$", r"第 \1 张幻灯片的演讲者备注"),
        (r"ppt/comments/", "幻灯片批注"),
        (r"ppt/commentAuthors\.xml$", "批注作者"),
        (r"ppt/(slideMasters|slideLayouts|notesMasters|handoutMasters)/", "母版和版式"),
        (r"xl/sharedStrings\.xml$", "单元格文字"),
        (r"xl/worksheets/sheet(\d+)\.xml$", r"第 \1 个工作表"),
        (r"xl/comments", "单元格批注"),
        (r"xl/threadedComments/", "单元格批注"),
        (r"xl/persons/", "批注作者"),
        (r"/charts?/", "图表"),
        (r"/diagrams/", "SmartArt 图形"),
        (r"/drawings/", "图形和文本框"),
        (r"/embeddings/", "嵌入文件"),
        (r"docProps/(core|app|custom)\.xml$", "文档属性（作者、单位等）"),
        (r"customXml/", "自定义 XML 数据"),
        (r"_rels/", "链接目标"),
    )
)


def describe(name: str) -> str:
    """A part's name for a clerk: what it is, in Chinese, and where it is ('批注（word/comments.xml）')."""
    inner = _NESTED.split(name)[-1]
    within_file = "嵌入文件中的" if inner != name else ""
    for pattern, label in PART_NAMES:
        m = pattern.search(inner.removesuffix(ATTRIBUTES))
        if m:
            return f"{within_file}{m.expand(label)}（{name}）"
    return name


_NESTED = re.compile(r"\.(?:docx|docm|dotx|xlsx|xlsm|xltx|pptx|pptm|potx|ppsx|ofd|zip|pdf)/", re.I)
"""Where a part's name enters a file embedded in another: its own name is described, not the outer file's."""
