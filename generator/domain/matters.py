"""A matter named from another file (district.yml's 依申请公开 guide and 常用办事事项): `部门编号/文件名`."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Procedure


def key(ref: str) -> tuple[str, str]:
    """(department, file name) of a reference written `部门编号/文件名`; no department is ("", name)."""
    dept, _, name = ref.strip().rpartition("/")
    return dept, name.removesuffix(".yml")


def named(ref: str, procedures: Iterable[Procedure]) -> Procedure | None:
    """The matter a reference names, among `procedures`; None when none has that department and file name."""
    wanted = key(ref)
    return next((p for p in procedures if (p.department, p.id) == wanted), None)
