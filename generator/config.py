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
class PrivacyAllow(Record):
    """One reviewed exception to the personal-data guard, by the SHA-256 of the exact number."""

    sha256: Text = spec(
        "号码指纹",
        "号码(只含数字,身份证末位 X 大写)的 SHA-256,如 printf '%s' 号码 | sha256sum;不要写号码本身。",
    )
    reason: Text = spec("公开理由", "为什么必须公开这个号码,以及依据。")
    reviewer: Text = spec("审核人", "审核同意公开的人员姓名和职务。")


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
    privacy_allow: tuple[PrivacyAllow, ...] = spec(
        "个人信息公开例外",
        "确需公开的号码(如以手机号码作为公开的服务热线),逐个登记指纹、理由和审核人。",
        default=(),
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
