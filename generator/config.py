"""The site configuration (site_config.yml), declared like every other record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Record
from .problems import Loc, Problem, problem
from .schema import Text, spec
from .validate import build_record
from .yamlload import YamlError, load_file

CONFIG_FILE = "site_config.yml"


@dataclass(frozen=True, kw_only=True)
class SiteConfig(Record):
    """Site-wide settings: names, address and the disclosure policy."""

    site_name: Text = spec("网站名称", "网站标题。", example="居巢区政务公开")
    site_url: Text = spec(
        "网站地址",
        "发布后的网址,以 / 结尾。",
        example="https://www.juchao.gov.cn/zwgk/",
    )
    content: Text = spec("内容目录", "YAML 内容所在目录,相对于本文件。", default="content")
    language: Text = spec("网站语言", "页面语言。", default="zh")
    deadline_days: int = spec(
        "公开时限(日)",
        "重要事项和临时事项办结后必须公开的期限,单位自然日(政策:办结后一周内)。",
        default=7,
    )


def load_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read site_config.yml; problems instead of exceptions."""
    problems: list[Problem] = []
    loc = Loc(path.name)
    if not path.exists():
        problems.append(
            problem(
                "no-config",
                loc,
                f"找不到配置文件 {path},请在项目根目录运行,或用 --config 指定。",
                f"Config file {path} not found; run from the project root or pass --config.",
            )
        )
        return None, problems
    try:
        node = load_file(path, path.name)
    except YamlError as exc:
        return None, [exc.problem]
    config = build_record(SiteConfig, node, loc, problems)
    if config is None:
        return None, problems
    return config, problems
