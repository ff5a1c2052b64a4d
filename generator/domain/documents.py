"""How normative documents refer to each other: a register-wide key, and the successor a revision names."""

from __future__ import annotations

from ..registers.model import NormativeDocument


def key_of(doc: NormativeDocument) -> str:
    """A document's register-wide key: `部门编号/文件编号`."""
    return f"{doc.department}/{doc.id}"


def successor_key(doc: NormativeDocument) -> str | None:
    """The key the successor field points at (a bare id means the same department)."""
    if doc.successor is None:
        return None
    return doc.successor if "/" in doc.successor else f"{doc.department}/{doc.successor}"
