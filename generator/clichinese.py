"""The command line's own frame in Chinese: help headings and usage lines, and mistakes in calling a command.

click writes "Usage:", "Options:", "Commands:", cuts each command's summary with "..." and reports a
mistyped option or value in English; a clerk reads none of that. These classes override click's
documented formatting methods and turn each kind of usage error into a Chinese sentence that says what
to type, with the command's usage line and where its help is.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import click

OPTIONS = "[选项]"
HELP = "显示本说明并退出。"
WIDTH = 100
"""Help lines wrap at this many columns (or the terminal's width, if narrower)."""


_WIDE = re.compile(r"[\u2e80-\uffef]")


def width_of(text: str) -> int:
    """Columns a terminal gives `text`: a Chinese character or full-width mark takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` columns: anywhere between Chinese characters, at spaces in Latin
    text, never before a closing mark (，。）)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in re.findall(r"[\u2e80-\uffef][，。、；：？！）」”]*|[^\s\u2e80-\uffef]+|\s+", paragraph):
            size = width_of(word)
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = ("", 0) if word.isspace() else (word, size)
            elif not (word.isspace() and not line):
                line, used = line + word, used + size
        lines.append(line.rstrip())
    return lines


class ChineseFormatter(click.HelpFormatter):
    """Headings end in a full-width colon (选项：); text is wrapped and aligned by the columns Chinese takes."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(text.split("\n\n")):
            flat = ""
            for line in (line.strip() for line in paragraph.splitlines()):
                joined = flat and not _WIDE.match(flat[-1]) and not _WIDE.match(line[:1])
                flat += (" " if joined else "") + line
            self.write(
                ("\n" if n else "") + "".join(f"{indent}{line}\n" for line in wrap(flat, self.width - len(indent)))
            )

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max(width_of(a) for a, _ in rows), col_max) + col_spacing
        indent = self.current_indent
        for term, said in rows:
            self.write(f"{'':>{indent}}{term}")
            if width_of(term) > first - col_spacing:
                self.write("\n" + " " * (first + indent))
            else:
                self.write(" " * (first - width_of(term)))
            lines = wrap(said, max(self.width - first - indent, 20)) if said else [""]
            self.write(lines[0] + "\n" + "".join(f"{'':>{first + indent}}{line}\n" for line in lines[1:]))


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(click.Command):
    """A command whose help reads 用法 / 选项 and whose help option says so in Chinese."""

    context_class = ChineseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS)
        kwargs.setdefault("context_settings", {"max_content_width": WIDTH})
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            _chinese_row(*row)
            for p in self.get_params(ctx)
            if isinstance(p, click.Option) and (row := p.get_help_record(ctx)) is not None
        ]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option


class ChineseGroup(ChineseCommand, click.Group):
    """The `disclose` group: Chinese frame, every command's summary in full, usage errors said in Chinese."""

    command_class = ChineseCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        ChineseCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            near = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            guess = f"是不是 {near[0]}？" if near else ""
            raise click.UsageError(f"没有命令 {name}。{guess}可用的命令：{'、'.join(self.list_commands(ctx))}。", ctx)
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        """Run a command; a mistake in calling it is said in Chinese (exit 2), never click's English."""
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            click.echo(usage_error(exc), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


_TYPES = (
    ("[%Y-%m-%d]", "日期"),
    ("INTEGER RANGE", "整数"),
    ("FLOAT RANGE", "秒数"),
    ("INTEGER", "整数"),
    ("FLOAT", "数字"),
    ("DIRECTORY", "目录"),
    ("FILE", "文件"),
    ("PATH", "路径"),
    ("TEXT", "文字"),
)
_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")


def _chinese_row(names: str, help_text: str) -> tuple[str, str]:
    """An option's help row with click's English words in Chinese: value kinds, [default: …], [required]."""
    for english, chinese in _TYPES:
        names = names.replace(english, chinese)
    extra = _EXTRA.search(help_text)
    if extra is None:
        return names, help_text
    said = []
    for part in extra.group(1).split("; "):
        if part.startswith("default: "):
            said.append(f"默认：{part.removeprefix('default: ')}")
        elif part == "required":
            said.append("必填")
        else:
            said.append(part)
    return names, f"{help_text[: extra.start()]}（{'，'.join(said)}）"


def usage_error(exc: click.UsageError) -> str:
    """The usage line, what was wrong in Chinese, and where the help is."""
    lines = []
    if exc.ctx is not None:
        lines.append(exc.ctx.get_usage())
    lines.append(f"错误：{_said(exc)}")
    if exc.ctx is not None:
        lines.append(f"查看说明：{exc.ctx.command_path} --help")
    return "\n".join(lines)


def _name(param: click.Parameter | None) -> str:
    if param is None:
        return "这个值"
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return "/".join(param.opts)


def _said(exc: click.UsageError) -> str:
    if isinstance(exc, click.MissingParameter):
        kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
        help_text = getattr(exc.param, "help", None)
        return f"缺少{kind} {_name(exc.param)}" + (f"（{help_text}）。" if help_text else "。")
    if isinstance(exc, click.NoSuchOption):
        near = f"是不是 {'、'.join(sorted(exc.possibilities))}？" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}。{near}"
    if isinstance(exc, click.BadOptionUsage):
        return f"选项 {exc.option_name} 的用法不对：它后面要写一个值，或者不该写值。"
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc)
    return exc.format_message()


def _bad_value(exc: click.BadParameter) -> str:
    name, kind = _name(exc.param), exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        return f"{name} 只能是：{'、'.join(map(str, kind.choices))}。"
    if isinstance(kind, click.DateTime):
        return f"{name} 的日期应写成 YYYY-MM-DD，如 2011-06-01。"
    if isinstance(kind, click.IntRange | click.FloatRange):
        low = f"不小于 {kind.min}" if kind.min is not None else ""
        return f"{name} 应当是一个数字{('，' + low) if low else ''}。"
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        return f"{name} 应当是一个数字。"
    if isinstance(kind, click.Path):
        return f"{name} 的路径不对：请检查文件或目录是否存在、是文件还是目录。"
    return exc.message if not exc.message.isascii() else f"{name} 的值不对。"
