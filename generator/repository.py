"""A district's content repository from day one (`disclose init`): what git ignores, the site's settings with
the import cut-off set to the day of import, the district's and the fee catalogue's templates, CODEOWNERS, and a
README with the first steps and the checklist for adding a department.

Values nobody has given yet (the site's 网站标识码, 备案号, address…) are written as the templates write them,
marked 〔示例〕, so `disclose check` refuses them until they are replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from .codeowners import codeowners
from .config import SiteConfig, SiteIdentity, Timeliness
from .pipeline import GENERATED
from .schema import fields_of, label_of
from .template import field_lines, template_for

CONTENT = "content"
CI_PREVIEW = "/preview/"
"""Where the CI templates build a merge request's preview site (`--site-dir preview`)."""


def files(district: str, url: str, day: dt.date, admins: Sequence[str], pattern: str) -> dict[str, str]:
    """Every file of a new content repository, by its path in it."""
    made = {
        ".gitignore": "# disclose 生成的目录，不提交\n" + "\n".join((*GENERATED, CI_PREVIEW)) + "\n",
        "site_config.yml": site_config(district, url, day),
        f"{CONTENT}/district.yml": template_for("district"),
        f"{CONTENT}/fees.yml": template_for("fees"),
        "README.md": readme(district, day),
    }
    if admins:
        made["CODEOWNERS"] = codeowners(CONTENT, [], admins, pattern)
    return made


def site_config(district: str, url: str, day: dt.date) -> str:
    """The site's settings: its name and address, its identity to fill in, the import cut-off of `day`."""
    identity = "\n".join(field_lines(SiteIdentity, "  "))
    return f"""# {district}政务公开网站配置。带“〔示例〕”的值必须改成本区的真实内容，disclose check 才会通过。
# {_comment(SiteConfig, "site_name")}
site_name: {district}政务公开
# {_comment(SiteConfig, "site_url")}
site_url: {url or "〔示例〕https://www.example.gov.cn/zwgk/"}
content: {CONTENT}
language: zh
# {_comment(SiteConfig, "identity")}
identity:
{identity}
timeliness:
  # {_comment(Timeliness, "days")}
  days: 7
  unit: 自然日
  # {_comment(Timeliness, "backdating_since")}
  # 本仓库建于 {day}：此前从旧网站导入的历史信息不按提交日期核查；此后提交的信息，公开日期不得早于提交日期。
  backdating_since: {day}
"""


def _comment(cls: type, key: str) -> str:
    info = next(i for i in fields_of(cls) if i.key == key)
    return f"{label_of(cls, key)}：{info.spec.help}"


def readme(district: str, day: dt.date) -> str:
    """The repository's own first page: first steps, and what adding a department takes."""
    return f"""# {district}政务公开内容

本仓库于 {day} 用 `disclose init` 建立。各部门的信息员在这里用 YAML 填写本部门公开的内容，
合并到主分支后由 CI 校验并发布到政府网站。

## 第一次使用

1. 打开 `site_config.yml`，把带“〔示例〕”的值改成本区的真实内容（网站标识码、备案号、主办单位、联系电话）。
2. 打开 `content/district.yml`（区情、投诉中心、政风行风热线、依申请公开受理机构）和
   `content/fees.yml`（本区行政事业性收费目录），同样替换全部“〔示例〕”，没有的选填项整行删除。
3. 从旧网站导入历史信息的，在导入的当天提交；`site_config.yml` 的 `timeliness.backdating_since`
   已设为 {day}，这天以前提交的信息不按提交日期核查倒填。导入晚于这一天的，把它改成导入的日期。
4. 运行 `disclose check`，直到“共 0 个错误”。
5. 把本工具的 CI 模板（`ci-templates/`，说明见其中的 README.md）复制到本仓库，设置变量后推送。

## 新增一个部门

- [ ] 选定部门目录名：部门简称的拼音首字母，小写，如财政局 `czj`、市场监管局 `scjgj`。
- [ ] `mkdir -p content/<目录名>`，然后 `disclose new department > content/<目录名>/department.yml`，
      填写全部“〔示例〕”（部门名称、职能、地址、电话、领导、股室、工作人员）。
- [ ] 每个办事事项：`disclose new procedure > content/<目录名>/procedures/<事项编号>.yml`。
- [ ] `disclose check content/<目录名>/`，改到没有错误。
- [ ] 重新生成 CODEOWNERS（`disclose codeowners --admin <网站管理员> --pattern '<部门审核人>'> CODEOWNERS`），
      和部门文件一起提交：CI 会核对 CODEOWNERS 是否包括每个部门目录，少了新部门的合并请求不能通过。
- [ ] 在代码托管平台上建好本部门信息员的小组，让他们能审核 `content/<目录名>/`。
- [ ] 开合并请求，由网站管理员审核合并。
"""


def write(folder: Path, made: Mapping[str, str]) -> list[Path]:
    """Write the files into `folder`, which must not hold any of them yet; returns the paths written."""
    taken = [folder / name for name in made if (folder / name).exists()]
    if taken:
        raise FileExistsError(", ".join(str(p) for p in taken))
    written = []
    for name, text in made.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
