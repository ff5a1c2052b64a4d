"""The `disclose` command: a thin layer that calls one pipeline function per command."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import pipeline
from .graphviz import GraphvizError
from .problems import Report
from .reference import field_reference, schemas, write_schemas
from .site import SiteBuildError
from .template import KINDS, template_for

F = TypeVar("F", bound=Callable[..., Any])

CONFIG = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("site_config.yml"),
    show_default=True,
    help="站点配置文件 / site config file.",
)
AS_OF = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="按此日期判断是否逾期(默认今天) / judge deadlines as of this date (default: today).",
)
LANG = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言 / message language."
)
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="输出格式 / output format.",
)


def _as_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


def _print_report(report: Report, fmt: str, lang: str) -> None:
    if report.problems or fmt == "text":
        out = report.render(fmt, lang)
        click.echo(out, err=fmt == "text" and bool(report.errors))


def _fail_env(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


@click.group()
@click.version_option(package_name="disclose")
def main() -> None:
    """政务公开网站生成器:校验 YAML 内容并生成静态网站。"""


@main.command()
@CONFIG
@AS_OF
@LANG
@FORMAT
def check(config_file: Path, as_of: dt.datetime | None, lang: str, fmt: str) -> None:
    """只校验内容,不生成网站 / validate only."""
    checked = pipeline.check(config_file, _as_of(as_of))
    _print_report(checked.report, fmt, lang)
    sys.exit(checked.report.exit_code)


@main.command()
@CONFIG
@AS_OF
@LANG
@FORMAT
@click.option(
    "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="输出目录(默认 site/)。"
)
def build(config_file: Path, as_of: dt.datetime | None, lang: str, fmt: str, site_dir: Path | None) -> None:
    """校验内容,然后生成网站到 site/ / validate, then build the site."""
    started = time.perf_counter()
    try:
        built = pipeline.build(config_file, _as_of(as_of), site_dir)
    except GraphvizError as exc:
        _fail_env(str(exc))
        return
    except SiteBuildError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    report = built.checked.report
    _print_report(report, fmt, lang)
    if report.exit_code:
        click.echo(
            "内容有错误,网站未生成。" if lang == "zh" else "Content has errors; the site was not built.", err=True
        )
        sys.exit(report.exit_code)
    if fmt == "text":
        stats = built.layout
        click.echo(
            f"已生成 {built.pages} 个页面(写入 {built.written} 个),流程图 {stats.laid_out} 张新布局、{stats.cached} 张来自缓存,"
            f"用时 {time.perf_counter() - started:.1f} 秒。"
        )


@main.command()
@CONFIG
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(config_file: Path, port: int, host: str) -> None:
    """本地预览,修改 YAML 后自动刷新 / live preview that refreshes after an edit."""
    from .preview import serve as run

    try:
        run(config_file, host, port)
    except GraphvizError as exc:
        _fail_env(str(exc))


def _write_option(dest: str, help: str, *, folder: bool) -> Callable[[F], F]:
    """`--write PATH`: into a folder, or into one file."""
    kind = click.Path(path_type=Path, file_okay=not folder, dir_okay=folder)
    return click.option("--write", dest, type=kind, default=None, help=help)


@main.command()
@click.argument("kind", type=click.Choice(list(KINDS)))
def new(kind: str) -> None:
    """输出一份带注释的填写模板 / print a commented template for KIND."""
    click.echo(template_for(kind), nl=False)


@main.command()
@click.argument("kind", required=False, type=click.Choice([k for k, v in KINDS.items() if v.schema]))
@_write_option(
    "folder", "把全部 JSON Schema 写入此目录(如 schemas/) / write every schema into this folder.", folder=True
)
def schema(kind: str | None, folder: Path | None) -> None:
    """输出 JSON Schema(供编辑器自动补全) / print the JSON Schema for KIND."""
    if folder is not None:
        for path in write_schemas(folder):
            click.echo(str(path))
    elif kind is None:
        raise click.UsageError("请指定 KIND 或 --write 目录 / give KIND or --write FOLDER.")
    else:
        click.echo(schemas()[str(KINDS[kind].schema)], nl=False)


@main.command()
@_write_option("path", "写入文件(如 docs/fields.md) / write to this file.", folder=False)
def fields(path: Path | None) -> None:
    """输出字段说明(Markdown) / print the field reference."""
    text = field_reference()
    if path is None:
        click.echo(text, nl=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(str(path))
