"""The `disclose` command: a thin layer that calls one pipeline function per command."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import DISTRIBUTION, codes, crash, pipeline, progress
from .clichinese import ChineseGroup
from .config import EngineName
from .content import DEPARTMENT_FILE, Content
from .domain.recipients import PUBLIC_SCOPE, SCOPES, Scope, scope_for
from .engines import NAMES, SiteBuildError
from .graphviz import GraphvizError
from .ledger import Item, Ledger
from .ledger import read as read_ledger
from .model import CATEGORIES, TABLES, Posting
from .problems import Loc, Report, Stopped, problem
from .publish import WAIT, Summary
from .reference import field_reference, schemas, write_schemas
from .registers.model import NormativeDocument
from .search import SearchEngineMissing
from .template import KINDS, template_for

F = TypeVar("F", bound=Callable[..., Any])

CONFIG = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("site_config.yml"),
    show_default=True,
    help="站点配置文件",
)
AS_OF = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="按此日期判断是否逾期（默认今天）",
)
LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言")
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "gitlab"]),
    default="text",
    show_default=True,
    help="输出格式",
)
LEDGER = click.option(
    "--ledger",
    "ledger_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="发布目录的发布记录（ledger.jsonl）：按它判断公开日期是否倒填，而不按 git 提交日期。",
)
AUDIENCE = click.option(
    "--audience",
    type=click.Choice(SCOPES),
    default=PUBLIC_SCOPE,
    show_default=True,
    help="public = 只含社会公开的信息；internal = 政务公开领导小组的内部网站，含全部信息和检查考核页（默认输出到 site-internal/）。",
)
FOR = click.option(
    "--for",
    "recipient",
    default=None,
    metavar="ID",
    help="为一个部门、单位或范围（district.yml 的 units、groups）生成它能看到的网站：社会公开的信息、"
    "向它一定范围公开的信息和本部门的内部公开信息（默认输出到 site-for-ID/）。",
)

ENGINE = click.option(
    "--engine",
    type=click.Choice(NAMES),
    default=None,
    help="构建引擎：mkdocs-material 或 zensical（默认按 site_config.yml 的 engine，未写则为 mkdocs-material）",
)


def _site_options(f: Callable[..., None]) -> Callable[..., None]:
    """The options every command that builds a site takes: config, date, language, format, and the audience
    (`--audience` or `--for`), passed on as one `scope`."""

    @functools.wraps(f)
    def with_scope(*args: Any, audience: str, recipient: str | None, **kwargs: Any) -> None:
        if recipient is not None and audience != PUBLIC_SCOPE:
            raise click.UsageError(
                "--for 与 --audience internal 不能同时使用 / --for and --audience internal exclude each other"
            )
        f(*args, scope=scope_for(recipient) if recipient is not None else audience, **kwargs)

    wrapped: Callable[..., None] = with_scope
    for option in reversed((CONFIG, AS_OF, LANG, FORMAT, AUDIENCE, FOR)):
        wrapped = option(wrapped)
    return wrapped


def _as_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


WARNINGS = click.option(
    "--warnings", "list_warnings", is_flag=True, help="逐条列出警告和已批准的例外（默认只按部门计数）。"
)


def _print_report(report: Report, fmt: str, lang: str, list_warnings: bool = False) -> None:
    if report.problems or fmt != "github":
        out = report.render(fmt, lang, warnings=list_warnings)
        click.echo(out, err=fmt == "text" and bool(report.errors))


def _stop(report: Report, lang: str = "zh") -> NoReturn:
    """Print the problems that stopped a command and exit with the code the report decides."""
    click.echo(report.render("text", lang), err=True)
    sys.exit(report.exit_code)


def _stopped_by(code: codes.Code, where: Path, exc: Stopped, lang: str = "zh") -> NoReturn:
    """A program or folder the command needs failed: one problem of `code`, the exit code from the report."""
    _stop(Report([problem(code, Loc(where.name), exc.zh, exc.en)]), lang)


@contextlib.contextmanager
def _build_failures(config_file: Path, lang: str = "zh") -> Iterator[None]:
    """A missing `dot` or Pagefind cannot run here (exit 2); a page mkdocs refuses is a site problem (exit 1)."""
    try:
        yield
    except (GraphvizError, SearchEngineMissing) as exc:
        _stopped_by(codes.ENGINE_MISSING, config_file, exc, lang)
    except SiteBuildError as exc:
        _stopped_by(codes.SITE_BUILD_FAILED, config_file, exc, lang)


class _Guarded(ChineseGroup):
    """Every command: an error nobody foresaw is one line naming the stage and file, exit 3; the traceback goes to build/."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            line, _ = crash.report(exc)
            click.echo(line, err=True)
            sys.exit(crash.EXIT_CRASH)


@click.group(cls=_Guarded)
@click.version_option(package_name=DISTRIBUTION, help="显示版本并退出。")
def main() -> None:
    """政务公开网站生成器：校验 YAML 内容并生成静态网站。

    信息员常用：disclose new posting --department 部门 --title 标题（建一条公开信息）、disclose check（校验）、
    disclose serve（预览）、disclose fix --punctuation（改正半角标点）、disclose import（从 Excel 导入）。
    每个命令加 --help 查看说明；完整的使用说明见 docs/clerk.md。
    """


def _ledger(path: Path | None) -> Ledger | None:
    """The ledger CI fetched from the live target; an empty file is a target not yet published (git is used)."""
    if path is None:
        return None
    if not path.is_file():
        raise click.BadParameter(
            f"找不到发布记录 {path}：请从发布目录或网站取得 ledger.jsonl / no ledger at {path}.", param_hint="--ledger"
        )
    return read_ledger(path)


@main.command()
@CONFIG
@AS_OF
@LANG
@FORMAT
@LEDGER
@click.option(
    "--summary",
    "summary_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="把各部门的错误和警告数（Markdown 表格）追加到此文件，如 $GITHUB_STEP_SUMMARY。",
)
@WARNINGS
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def check(
    config_file: Path,
    as_of: dt.datetime | None,
    lang: str,
    fmt: str,
    ledger_file: Path | None,
    summary_file: Path | None,
    list_warnings: bool,
    files: tuple[Path, ...],
) -> None:
    """校验内容，不生成网站：每个问题写明文件、行号、字段和改法。

    给出 FILES（文件或部门目录，如 content/czj/）时只报告其中的问题，但全部内容照样读取和核对，
    因为有些规则要跨部门核对。先列出警告的计数（加 --warnings 逐条列出），最后列出错误和总数。
    退出代码：0 没有错误，1 内容有错误，2 无法运行（如找不到配置文件或路径）。
    """
    _existing(files)
    checked = pipeline.check(config_file, _as_of(as_of), ledger=_ledger(ledger_file))
    report = checked.report
    read = checked if isinstance(checked, pipeline.Checked) else None
    if files:
        report = report.only(_as_named(files, config_file, read.paths if read else None))
    _print_report(report, fmt, lang, list_warnings)
    if summary_file is not None:
        from .jobsummary import table

        content = read.config.content if read else "content"
        names = {d.id: str(d.name) for d in read.content.departments} if read else {}
        with summary_file.open("a", encoding="utf-8") as out:
            out.write(table(report.problems, content, names))
    sys.exit(report.exit_code)


@main.command()
@CONFIG
@click.option("--punctuation", is_flag=True, required=True, help="中文句子里的半角标点改为全角")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
def fix(config_file: Path, punctuation: bool, files: tuple[Path, ...]) -> None:
    """改正中文句子里的半角标点（，；：？！（）），注释和格式不变。

    不给 FILES 时改正内容目录下的全部 YAML 文件。只改字段值里的标点；改后读出的内容除这些标点外
    必须与原来完全相同才写入，否则列出这个文件、保持原样（退出代码 1）。
    """
    from .config import load_config
    from .punctuation import fix_file

    if not files:
        config, _ = load_config(config_file)
        content = pipeline.Paths.of(config_file, config).content
        files = tuple(sorted(content.rglob("*.yml")))
    refused = 0
    for result in map(fix_file, files):
        if result.refused:
            refused += 1
            click.echo(f"{result.path}: 未改动，文件无法按 YAML 读取或改后不一致（{result.refused}）", err=True)
        elif result.changed:
            click.echo(f"{result.path}: 改正 {result.changed} 处")
    sys.exit(1 if refused else 0)


def _as_named(files: tuple[Path, ...], config_file: Path, paths: pipeline.Paths | None) -> set[str]:
    """Each file as problems name it: relative to the folder holding the content folder, or the config's;
    a folder as that path ending in `/` (everything under it)."""
    tops = {config_file.resolve().parent} | ({paths.content.resolve().parent} if paths else set())
    named = set()
    for file in files:
        full = file.resolve()
        here = {full.relative_to(top).as_posix() for top in tops if full.is_relative_to(top)}
        if not here:
            raise click.UsageError(f"{file} 不在本网站的目录里：请给出内容目录下的文件或部门目录，如 content/czj/。")
        named |= {f"{name}/" if full.is_dir() else name for name in here}
    return named


def _existing(files: tuple[Path, ...]) -> None:
    """A path the clerk mistyped is said at once, never taken for a file without problems."""
    for file in files:
        if not file.exists():
            raise click.UsageError(
                f"找不到 {file}：请检查路径。部门目录写成 content/czj/，文件写成 content/czj/postings/2011-06-01-xxx.yml。"
            )


@main.command()
@_site_options
@click.option(
    "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="输出目录（默认 site/）。"
)
@LEDGER
@WARNINGS
@ENGINE
def build(
    config_file: Path,
    as_of: dt.datetime | None,
    lang: str,
    fmt: str,
    scope: Scope,
    site_dir: Path | None,
    ledger_file: Path | None,
    list_warnings: bool,
    engine: EngineName | None,
) -> None:
    """校验内容，然后生成网站到 site/（有错误时不生成）。

    --audience internal 生成政务公开领导小组的内部网站，--for 编号 生成某个单位能看到的网站。
    """
    started = time.perf_counter()
    with _build_failures(config_file, lang), progress.for_stream() as shown:
        built = pipeline.build(
            config_file, _as_of(as_of), site_dir, scope, _ledger(ledger_file), progress=shown, engine=engine
        )
    report = built.report
    _print_report(report, fmt, lang, list_warnings)
    if report.exit_code or not isinstance(built, pipeline.Built):
        click.echo(
            "内容有错误，网站未生成。" if lang == "zh" else "Content has errors; the site was not built.", err=True
        )
        sys.exit(report.exit_code)
    if fmt == "text":
        generated = built.generated
        stats = generated.layout
        click.echo(
            f"已生成 {generated.pages} 个页面（写入 {generated.written} 个），流程图 {stats.laid_out} 张新布局、{stats.cached} 张来自缓存，"
            f"用时 {time.perf_counter() - started:.1f} 秒（{shown.summary()}）。"
        )


@main.command()
@CONFIG
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--only",
    metavar="DEPARTMENT",
    default=None,
    help="只预览一个部门的页面（部门目录名，如 czj），大型网站上刷新更快；仍检查全部内容",
)
@ENGINE
def serve(config_file: Path, port: int, host: str, only: str | None, engine: EngineName | None) -> None:
    """本地预览网站：保存 YAML 后打开的网页自动刷新；内容有错误时网页上显示错误。

    预览总是用 mkdocs-material 生成页面（--engine 或 site_config.yml 的 engine 为 zensical 时也是）。
    """
    from .preview import serve as run

    try:
        run(config_file, host, port, only, engine)
    except GraphvizError as exc:
        _stopped_by(codes.ENGINE_MISSING, config_file, exc)


def _write_option(dest: str, help: str, *, folder: bool) -> Callable[[F], F]:
    """`--write PATH`: into a folder, or into one file."""
    kind = click.Path(path_type=Path, file_okay=not folder, dir_okay=folder)
    return click.option("--write", dest, type=kind, default=None, help=help)


def _department_folder(config_file: Path, department: str) -> Path:
    """A department's content folder, as `--department` names it; a usage error when it is none."""
    from .config import load_config

    config, problems = load_config(config_file)
    if config is None:
        _stop(Report(problems))
    folder = pipeline.Paths.of(config_file, config).content / department
    if not (folder / DEPARTMENT_FILE).is_file():
        raise click.UsageError(f"{folder} 不是部门目录（没有 {DEPARTMENT_FILE}），请检查 --department。")
    return folder


@main.command()
@click.argument("kind", type=click.Choice(list(KINDS)), metavar="种类")
@click.option("--title", default=None, help="公开信息的标题：据此生成文件名（日期-拼音）并写入文件")
@click.option(
    "--table",
    "tables",
    multiple=True,
    type=click.Choice(TABLES),
    help="公开信息模板中加上这种公示记录表（如 penalties 行政处罚、licences 行政许可），可写多次；不写则不带记录表。",
)
@click.option("--department", default=None, help="部门目录名，如 czj（与 --title 同用）")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="文件名中的日期（默认今天）",
)
@CONFIG
def new(
    kind: str,
    title: str | None,
    tables: tuple[str, ...],
    department: str | None,
    day: dt.datetime | None,
    config_file: Path,
) -> None:
    """输出一份带注释的填写模板；给出 --title 和 --department 时直接建好公开信息文件。

    模板里带“〔示例〕”的值只是示例，不改成真实内容时校验会报错。公开信息的模板默认不带公示记录表，
    需要时用 --table（如 --table penalties）。给出 --title 时文件建在
    content/<部门>/postings/<日期>-<标题拼音>.yml，标题已填好；文件名已被占用时不覆盖。
    """
    if tables and kind != "posting":
        raise click.UsageError("--table 只用于公开信息（disclose new posting --table penalties）。")
    if title is None:
        click.echo(template_for(kind, tables), nl=False)
        return
    if KINDS[kind].cls is not Posting or department is None:
        raise click.UsageError(
            "--title 用于公开信息，并需要 --department / --title is for postings and needs --department."
        )
    from .filenames import posting_stem

    folder = _department_folder(config_file, department)
    path = folder / "postings" / f"{posting_stem(_as_of(day), title)}.yml"
    if path.exists():
        click.echo(f"{path} 已存在，不会覆盖；请换一个能区分的标题，或用 --date 指定日期。", err=True)
        sys.exit(1)
    lines = template_for(kind, tables).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {json.dumps(title, ensure_ascii=False)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(str(path))


@main.command("import")
@click.argument("kind", metavar="KIND")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option(
    "--template",
    is_flag=True,
    help="不导入，而是生成这种表格的空白 Excel 模板（表头就是导入时认的列名）：写到 FILE，不给 FILE 时输出到重定向的文件。",
)
@click.option("--department", default=None, help="写入哪个部门的 postings/ 目录（部门编号）")
@click.option("--sheet", default=None, help="工作表名称（默认第一个）")
@click.option(
    "--encoding",
    default=None,
    help="CSV 的编码（默认先试 UTF-8，再试 GBK/GB18030）",
)
@click.option(
    "--category",
    type=click.Choice(CATEGORIES),
    metavar="类别",
    default=None,
    help="表中没有“类别”列时，每一行的类别，如 项目审批",
)
@click.option("--dry-run", is_flag=True, help="只显示将写入的内容，不写文件")
@CONFIG
@AS_OF
def import_sheet(
    kind: str,
    file: Path | None,
    template: bool,
    department: str | None,
    sheet: str | None,
    encoding: str | None,
    category: str | None,
    dry_run: bool,
    config_file: Path,
    as_of: dt.datetime | None,
) -> None:
    """把 Excel（.xlsx）或 CSV 表格的每行导入为公开信息文件。

    KIND 是记录表的种类：penalties（行政处罚决定）、licences（行政许可决定）、awards、candidates、
    appointees、recruits、land_deals、grants，也可以写中文名。表头用字段的中文名（见 docs/fields.md），
    行政许可、行政处罚也可以是国家双公示格式的原表，不用改列名；用 --template 可得到表头已写好的空白 Excel。
    每个单元格先查个人号码，任何一行有错都不写入文件；同一张表导入两次不会重复。表中没有公开日期的，
    按导入当天填写。写入的文件随后像 disclose check 一样校验。详见 docs/import.md。
    """
    from .config import load_config
    from .importing import deadline_note, import_kinds, plan_import, write
    from .privacy import allowed_fingerprints
    from .sheets import read_sheet

    kinds = import_kinds()
    if kind not in kinds:
        raise click.UsageError(f"KIND 只能是：{'、'.join(kinds)}")
    if template:
        _write_sheet_template(kinds[kind], file)
        return
    if file is None or department is None:
        raise click.UsageError(
            "请给出要导入的表格文件和 --department 部门编号，如 disclose import penalties 处罚.xlsx --department tjj。"
        )
    folder = _department_folder(config_file, department)
    config, _ = load_config(config_file)
    assert config is not None  # _department_folder stopped otherwise
    today = _as_of(as_of)
    try:
        table = read_sheet(file, sheet, encoding)
    except Stopped as exc:
        click.echo(exc.zh, err=True)
        sys.exit(2)
    allowed = allowed_fingerprints(config.privacy_allow)
    plan = plan_import(
        kinds[kind], table, str(file), folder / "postings", department, today=today, allowed=allowed, category=category
    )
    for line in plan.summary():
        click.echo(line)
    if plan.problems:
        for line in plan.messages(table.name):
            click.echo(line)
        click.echo(f"共 {len(plan.problems)} 个错误，没有写入任何文件。")
        sys.exit(1)
    if table.encoding:
        click.echo(f"{file} 按 {table.encoding} 编码读取。")
    verb = "将" if dry_run else ""
    for item in plan.files:
        note = deadline_note(item.posting, config, today) if item.posting is not None else ""
        click.echo(f"{verb}{item.action} {item.path}{note}")
        if dry_run and item.text:
            click.echo("".join(f"    {line}\n" for line in item.text.splitlines()), nl=False)
    counts = {a: sum(1 for f in plan.files if f.action == a) for a in ("新建", "更新", "不变")}
    click.echo(f"{verb}新建 {counts['新建']} 个、更新 {counts['更新']} 个文件，{counts['不变']} 个不变。")
    if dry_run:
        return
    written = write(plan.files)
    if not written:
        return
    report = pipeline.check(config_file, today).report.only(_as_named(tuple(written), config_file, None))
    if report.problems:
        _print_report(report, "text", "zh")
    sys.exit(report.exit_code)


def _write_sheet_template(kind: str, file: Path | None) -> None:
    """The empty workbook of `kind` into `file` (never over an existing one), or into redirected output."""
    from .sheet_template import workbook

    data = workbook(kind)
    if file is None:
        if sys.stdout.isatty():
            raise click.UsageError(f"Excel 模板不能显示在屏幕上：请写成 disclose import {kind} --template 模板.xlsx。")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if file.suffix.lower() != ".xlsx":
        raise click.UsageError(f"模板是 Excel 文件，文件名请以 .xlsx 结尾，如 {file.with_suffix('.xlsx').name}。")
    if file.exists():
        click.echo(f"{file} 已存在，不会覆盖；请换一个文件名。", err=True)
        sys.exit(1)
    file.write_bytes(data)
    click.echo(f"已写出 {file}：在 Excel 中每行填一条记录（加粗的列必填），保存后用 disclose import 导入。")


@main.command()
@click.argument("kind", required=False, type=click.Choice([k for k, v in KINDS.items() if v.schema]))
@_write_option("folder", "把全部 JSON Schema 写入此目录（如 schemas/）", folder=True)
def schema(kind: str | None, folder: Path | None) -> None:
    """输出 JSON Schema（供编辑器自动补全和提示）。"""
    if folder is not None:
        for path in write_schemas(folder):
            click.echo(str(path))
    elif kind is None:
        raise click.UsageError("请指定 KIND 或 --write 目录")
    else:
        click.echo(schemas()[str(KINDS[kind].schema)], nl=False)


@main.command()
@_write_option("path", "写入文件（如 docs/fields.md）", folder=False)
def fields(path: Path | None) -> None:
    """输出字段说明（Markdown）：每个字段的中文名、是否必填和填写说明。"""
    text = field_reference()
    if path is None:
        click.echo(text, nl=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(str(path))


@main.command()
@CONFIG
@AS_OF
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="输出格式",
)
@click.option(
    "--history/--no-history",
    default=True,
    show_default=True,
    help="从 git 历史统计新增、变更、撤销",
)
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="已生成的网站目录（如 site/）：检查各部门页面的断链，扫描个人信息和密级标志；发现任何一项即以 1 退出",
)
def report(config_file: Path, as_of: dt.datetime | None, fmt: str, history: bool, site_dir: Path | None) -> None:
    """政务公开检查考核报告：各部门的逾期、缺项、停更栏目、个人信息等数字。"""
    from . import compliance, reporting
    from .gitdates import read_changes
    from .links import broken_links
    from .sitescan import scan_site

    day = _as_of(as_of)
    checked = pipeline.check(config_file, day)
    if not isinstance(checked, pipeline.Checked):
        _stop(checked.report)
    changes = read_changes(checked.content.root) if history else None
    broken = list(broken_links(site_dir, checked.config.site_url)) if site_dir is not None else None
    leaks = list(scan_site(site_dir, checked.config).problems) if site_dir is not None else []
    problems = [*checked.report.problems, *leaks]
    figures = compliance.compute(checked.content, checked.config, problems, day, changes, broken)
    if fmt == "json":
        click.echo(reporting.to_json(figures), nl=False)
    elif fmt == "csv":
        click.echo(reporting.to_csv(figures), nl=False)
    elif (console := progress.interactive(sys.stdout)) is not None:
        console.print(reporting.rich_table(figures))
        console.print(reporting.details(figures).lstrip("\n"), end="", markup=False, highlight=False)
    else:
        click.echo(reporting.table(figures), nl=False)
    if site_dir is not None and (broken or leaks):
        numbers = sum(p.code == codes.PERSONAL_DATA_OUTPUT for p in leaks)
        click.echo(
            f"网站 {site_dir} 未通过检查：断链 {len(broken or ())} 个，个人信息 {numbers} 处，"
            f"密级标志 {len(leaks) - numbers} 处（明细见上）。",
            err=True,
        )
        sys.exit(1)


PREVIOUS = "previous"
"""What `--rollback` without a release name means: the release before the live one."""


@main.command()
@_site_options
@click.option(
    "--to", "to", type=click.Path(path_type=Path, file_okay=False), required=True, help="发布目录 / publish folder."
)
@click.option("--keep", default=5, show_default=True, type=click.IntRange(min=1), help="保留最近几个版本。")
@click.option(
    "--rollback",
    "rollback",
    is_flag=False,
    flag_value=PREVIOUS,
    default=None,
    metavar="[版本]",
    help="切换到指定的版本（--list 列出的版本名，较早或较新的都可以）；不写版本时回到当前版本的上一个。",
)
@click.option(
    "--list",
    "listing",
    is_flag=True,
    help="列出各版本：发布时间、页面数、新上线、更新、撤回、移除的条数，哪个是当前版本；逐个核对文件清单和发布记录。",
)
@click.option(
    "--wait",
    default=WAIT,
    show_default=True,
    type=click.FloatRange(min=0),
    help="另一个发布正在进行时最多等待几秒，超时则退出（代码 2） / seconds to wait for another publish.",
)
@ENGINE
def publish(
    config_file: Path,
    as_of: dt.datetime | None,
    lang: str,
    fmt: str,
    scope: Scope,
    to: Path,
    keep: int,
    rollback: str | None,
    listing: bool,
    wait: float,
    engine: EngineName | None,
) -> None:
    """生成新版本到 DIR/releases/，校验后原子切换 DIR/current / build, verify, switch atomically."""
    from .publish import PublishError
    from .publish import publish as run
    from .publish import rollback as switch_to

    try:
        if listing:
            _list_releases(to, fmt)
            return
        if rollback is not None:
            release = switch_to(to, wait, None if rollback == PREVIOUS else rollback)
            click.echo(f"已切换到 {release.name} / now live: {release.name}.")
            return
        with _build_failures(config_file, lang), progress.for_stream() as shown:
            published = run(
                config_file, to, _as_of(as_of), keep=keep, scope=scope, wait=wait, progress=shown, engine=engine
            )
    except PublishError as exc:
        _stopped_by(codes.PUBLISH_REFUSED, to, exc, lang)
    _print_report(published.report, fmt, lang)
    if published.unchanged is not None:
        click.echo(f"生成的网站与当前版本 {published.unchanged.name} 相同，未生成新版本，线上网站未改动。")
        return
    if published.release is None or published.summary is None:
        click.echo(
            "新版本未通过校验，线上网站未改动。" if lang == "zh" else "Not published; the live site is unchanged.",
            err=True,
        )
        sys.exit(published.report.exit_code)
    content = published.built.generated.shown if isinstance(published.built, pipeline.Built) else None
    click.echo(_published_text(published.release.name, published.summary, content, len(published.removed)))


SHOWN_ITEMS = 10
"""Items of each kind a publish names at its end; the count says how many there were."""
CHANGES = (("live", "新上线"), ("changed", "更新"), ("withdrawn", "撤回"), ("removed", "移除"))
"""The summary's lists, as a publish and `--list` name them."""


def _published_text(name: str, summary: Summary, shown: Content | None, removed: int) -> str:
    """What a publish says at its end: the release, its pages, and the items that went live, changed or left."""
    from .ledger import items, key_of

    counts = "、".join(f"{label} {len(getattr(summary, key))} 条" for key, label in CHANGES)
    cleaned = f"；清理旧版本 {removed} 个" if removed else ""
    lines = [f"已发布 {name}（{summary.pages} 个页面）：{counts}{cleaned}。"]
    titles = {key_of(item): _title(item) for item in items(shown)} if shown is not None else {}
    for key, label in CHANGES:
        keys = getattr(summary, key)
        if keys:
            named = "、".join(titles.get(k, k) for k in keys[:SHOWN_ITEMS])
            more = f" 等 {len(keys)} 条" if len(keys) > SHOWN_ITEMS else ""
            lines.append(f"  {label}：{named}{more}")
    return "\n".join(lines)


def _title(item: Item) -> str:
    """How a publish names an item: its title or name."""
    return str(item.title if isinstance(item, Posting | NormativeDocument) else item.name)


def _list_releases(to: Path, fmt: str) -> None:
    """`publish --list`: every release with what its publish did, checked against its manifest; the ledger checked."""
    from rich.cells import cell_len

    from .publish import PublishError, listing, target_audience, target_ledger

    if not to.is_dir():
        raise PublishError(f"发布目录 {to} 不存在，请检查 --to。", f"There is no publish folder {to}; check --to.")
    led = target_ledger(to)
    with progress.for_stream() as shown, shown.stage("核对版本") as advance:
        found = listing(to, advance)
    problems = [*led.problems, *(p for r in found for p in r.problems)]
    if fmt == "json":
        out = {
            "target": str(to),
            "audience": target_audience(to),
            "ledger": {"lines": len(led.entries), "verified": not led.problems},
            "releases": [
                {
                    "release": r.path.name,
                    "current": r.current,
                    "verified": not r.problems,
                    **(r.summary.as_dict() if r.summary else {}),
                }
                for r in found
            ],
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        state = "完好" if not led.problems else "被改动（见下）"
        click.echo(
            f"发布目录 {to}（公开对象 {target_audience(to) or '尚未发布'}）：发布记录 {state}，共 {len(led.entries)} 行。"
        )
        rows = [["版本", "发布时间", "页面", *(label for _, label in CHANGES), "核对", ""]]
        for r in found:
            s = r.summary
            when = s.published.replace("T", " ")[:16] if s else "—"
            counts = [str(len(getattr(s, key))) if s else "—" for key, _ in CHANGES]
            rows.append(
                [
                    r.path.name,
                    when,
                    str(s.pages) if s else "—",
                    *counts,
                    "完好" if not r.problems else "不符",
                    "← 当前" if r.current else "",
                ]
            )
        widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            click.echo(
                "  ".join(cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
        if not found:
            click.echo("还没有版本。")
    if problems:
        click.echo(Report(problems).render("text", "zh"), err=True)
        sys.exit(Report(problems).exit_code)


@main.command()
@CONFIG
@AS_OF
@LEDGER
@click.option("--department", default=None, help="只给这个部门的条目写入索引号（部门目录名，如 czj）。")
def number(config_file: Path, as_of: dt.datetime | None, ledger_file: Path | None, department: str | None) -> None:
    """把索引号写入还没有索引号的条目（已有的不变）。

    发布记录给过的号照原样写入，新的号按 site_config.yml 的 index_numbers 编排。每个文件只加一行
    index_no，注释和格式不变；尚未公开的信息等公开后再编号。内容有错误（包括索引号重复）时不写入任何文件。
    给出 --department 时只改这个部门的文件，其他部门的文件一个不动。
    """
    from .numbering import index_numbers, owner_of, to_write, write_number

    day = _as_of(as_of)
    led = _ledger(ledger_file)
    checked = pipeline.check(config_file, day, ledger=led)
    if checked.report.errors or not isinstance(checked, pipeline.Checked):
        _stop(checked.report)
    content = checked.content
    if department is not None and department not in content.department_ids:
        raise click.UsageError(f"没有部门 {department}：部门目录有 {'、'.join(sorted(content.department_ids))}。")
    numbers = index_numbers(content, led.index_numbers() if led else None, checked.config.index_numbers, day)
    taken: dict[str, str] = {}
    for key, value in numbers.items():
        if value in taken:
            click.echo(f"索引号 {value} 会同时给 {taken[value]} 和 {key}，未写入任何文件。", err=True)
            sys.exit(1)
        taken[value] = key
    pending = [(item, value) for item, value in to_write(content, numbers) if department in (None, owner_of(item))]
    for item, value in pending:
        write_number(content.root.parent / item.loc.file, value)
        click.echo(f"{item.loc.file}: {value}")
    if not pending:
        click.echo(f"{'本部门' if department else ''}所有条目都已有索引号，未改动任何文件。")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), metavar="目录")
@click.option("--district", required=True, help="本区（县）的名称，如 居巢区。")
@click.option("--url", default="", help="网站发布后的网址，以 / 结尾（不知道时以后在 site_config.yml 中填写）。")
@click.option("--admin", "admins", multiple=True, help="网站管理员（可多次），如 @juchao/web；给出时写 CODEOWNERS。")
@click.option(
    "--pattern",
    default="@{department}",
    help="每个部门目录的审核人，{department} 换成部门目录名，如 @juchao/zwgk-{department}（默认 @{department}）。",
)
@AS_OF
def init(
    folder: Path, district: str, url: str, admins: tuple[str, ...], pattern: str, as_of: dt.datetime | None
) -> None:
    """新建一个区的内容仓库：配置、区情和收费目录模板、.gitignore、CODEOWNERS 和使用说明。

    site_config.yml 的 timeliness.backdating_since 设为今天（或 --as-of 的日期）：这天以前提交的历史信息
    不按提交日期核查倒填。目录里已有同名文件时不写入任何文件。
    """
    from .repository import files, write

    made = files(district, url, _as_of(as_of), admins, pattern)
    try:
        written = write(folder, made)
    except FileExistsError as exc:
        click.echo(f"{folder} 里已有这些文件，没有写入任何文件：{exc}。请换一个空目录。", err=True)
        sys.exit(1)
    for path in written:
        click.echo(str(path))
    click.echo(f"已建好 {folder}：先按其中 README.md 的“第一次使用”替换全部“〔示例〕”，再运行 disclose check。")


@main.command()
@CONFIG
@click.option("--admin", "admins", multiple=True, required=True, help="网站管理员（可多次），如 @juchao/web。")
@click.option(
    "--pattern",
    default="@{department}",
    show_default=True,
    help="每个部门目录的负责人，{department} 换成部门目录名，如 @juchao/zwgk-{department}。",
)
def codeowners(config_file: Path, admins: tuple[str, ...], pattern: str) -> None:
    """输出 CODEOWNERS：每个部门的目录由本部门审核。"""
    from .codeowners import codeowners as make
    from .config import load_config
    from .content import load_content

    config, problems = load_config(config_file)
    if config is None:
        _stop(Report(problems))
    paths = pipeline.Paths.of(config_file, config)
    content, _ = load_content(paths.content)
    click.echo(make(config.content, content.department_ids, admins, pattern), nl=False)


@main.command()
@CONFIG
@AS_OF
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 数组（供 CI 的矩阵任务使用）。")
def audiences(config_file: Path, as_of: dt.datetime | None, as_json: bool) -> None:
    """列出 site_config.yml 中另建网站的单位（每项用 build --for 构建）。"""
    checked = pipeline.check(config_file, _as_of(as_of))
    if checked.report.exit_code or not isinstance(checked, pipeline.Checked):
        _print_report(checked.report, "text", "zh")
        sys.exit(checked.report.exit_code)
    listed = [site.id for site in checked.config.audiences]
    click.echo(json.dumps(listed) if as_json else "\n".join(listed), nl=bool(listed) or as_json)


@main.command()
@click.option(
    "--config",
    "portal_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("portal.yml"),
    show_default=True,
    help="门户配置：门户名称和各区县网站的名称、网址",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("portal"),
    show_default=True,
    help="门户页面写到这里",
)
def portal(portal_file: Path, out: Path) -> None:
    """生成市级门户：一个搜索框同时搜索各区县网站发布的搜索索引。"""
    from .portal import load_portal, write_portal

    loaded, problems = load_portal(portal_file)
    if loaded is None:
        _stop(Report(problems))
    if problems:
        _print_report(Report(problems), "text", "zh")
    try:
        written = write_portal(loaded, out)
    except OSError as exc:
        msg = f"写不了 {out}：{exc.strerror}。", f"Cannot write {out}: {exc.strerror}."
        _stop(Report([problem(codes.OUTPUT_UNWRITABLE, Loc(str(out)), *msg)]))
    click.echo(f"门户已写到 {out}（{len(written)} 个文件），搜索 {len(loaded.sites)} 个区县网站。")


@main.command("annual-report")
@CONFIG
@AS_OF
@click.option("--year", type=int, required=True, help="报告年度")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv", "json"]),
    default="md",
    show_default=True,
    help="输出格式",
)
@click.option(
    "--explain", "figure", default=None, help="列出某个数字统计的记录，如 3.3.2/a / list the records of one figure."
)
def annual_report(config_file: Path, as_of: dt.datetime | None, year: int, fmt: str, figure: str | None) -> None:
    """政府信息公开工作年度报告（国家格式），由登记的数据计算。"""
    from . import annual_report as ar
    from .pages.annual_report import markdown

    checked = pipeline.check(config_file, _as_of(as_of))
    if not isinstance(checked, pipeline.Checked) or checked.report.errors:
        _stop(checked.report)  # figures of content with errors would count what is not there
    report = ar.compute(checked.content, year, checked.config.calendar, checked.config.category_names)
    if figure is not None:
        text = ar.explain(report, figure)
        if text is None:
            known = "、".join(f.id for f in report.figures)
            raise click.UsageError(f"没有编号为 {figure} 的数字。可用的编号：{known}")
        click.echo(text, nl=False)
        return
    out = {"md": markdown, "csv": ar.to_csv, "json": ar.to_json}[fmt](report)
    click.echo(out, nl=False)
