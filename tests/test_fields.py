"""One definition per field: the reference, the JSON Schemas and the templates all follow it."""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content import load_content
from generator.model import TABLES, FeeItem
from generator.reference import REFERENCE_FILE, SCHEMA_DIR, field_reference, schemas, unused_fields
from generator.schema import SAMPLE, fields_of, unwrap_optional
from generator.template import KINDS, template_for
from generator.yamlload import Map, Node, Scalar, Seq, load_file, parse_text

from .conftest import GOOD, ROOT

FILE_KINDS = [name for name, kind in KINDS.items() if kind.schema]


def plain(node: Node | None) -> Any:
    """The loaded YAML as plain JSON data, every scalar a string (as our loader keeps it)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Map):
        return {key: plain(value) for key, (_, value) in node.entries.items()}
    return [plain(item) for item in node.items]


def validator(kind: str) -> jsonschema.Draft7Validator:
    name = KINDS[kind].schema
    assert name is not None
    return jsonschema.Draft7Validator(json.loads(schemas()[name]), format_checker=jsonschema.FormatChecker())


def all_keys(cls: type) -> set[str]:
    """Every field key of a record, nested records included."""
    keys = set()
    for info in fields_of(cls):
        keys.add(info.key)
        tp, _ = unwrap_optional(info.type)
        if typing.get_origin(tp) is tuple:
            tp = typing.get_args(tp)[0]
        if dataclasses.is_dataclass(tp):
            keys |= all_keys(typing.cast(type, tp))
    return keys


def omitted_keys(cls: type, omitted: set[str]) -> set[str]:
    """The keys inside the blocks a template leaves out."""
    keys: set[str] = set()
    for info in fields_of(cls):
        tp, _ = unwrap_optional(info.type)
        if typing.get_origin(tp) is tuple:
            tp = typing.get_args(tp)[0]
        if info.key in omitted and dataclasses.is_dataclass(tp):
            keys |= all_keys(typing.cast(type, tp))
    return keys


def test_field_reference_is_current() -> None:
    committed = (ROOT / REFERENCE_FILE).read_text(encoding="utf-8")
    assert committed == field_reference(), "run: disclose fields --write docs/fields.md"


def test_schema_files_are_current() -> None:
    for name, text in schemas().items():
        assert (ROOT / SCHEMA_DIR / name).read_text(encoding="utf-8") == text, "run: disclose schema --write schemas"
    assert sorted(p.name for p in (ROOT / SCHEMA_DIR).glob("*.json")) == sorted(schemas())


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_schema_is_valid_draft7(kind: str) -> None:
    jsonschema.Draft7Validator.check_schema(validator(kind).schema)


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("department", "content/czj/department.yml"),
        ("procedure", "content/czj/procedures/piao-ju.yml"),
        ("posting", "content/czj/postings/2011-05-12-cai-gou.yml"),
        ("fees", "content/fees.yml"),
        ("district", "content/district.yml"),
    ],
)
def test_valid_content_passes_its_schema(kind: str, path: str) -> None:
    data = plain(load_file(GOOD / path, path))
    assert not [e.message for e in validator(kind).iter_errors(data)]


def test_schema_rejects_what_the_validator_rejects() -> None:
    data = plain(load_file(GOOD / "content/czj/department.yml", "d.yml"))
    data.pop("address")
    data["hour"] = "8:30"
    data["sections"][0]["kind"] = "窗口"
    data["staff"][0]["id"] = "Wang Ming"
    messages = " ".join(e.message for e in validator("department").iter_errors(data))
    assert "'address' is a required property" in messages
    assert "'hour' was unexpected" in messages
    assert "'窗口' is not one of" in messages
    assert "does not match" in messages


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_names_every_field_and_parses(kind: str) -> None:
    text = template_for(kind, TABLES)
    node = parse_text(text, f"{kind}.yml")
    assert node is not None
    written = set()
    for line in text.splitlines():
        stripped = line.strip().removeprefix("- ")
        if not stripped.startswith("#") and ":" in stripped:
            written.add(stripped.split(":", 1)[0])
    later = set()  # blocks written only later in an item's life are in the template, commented out
    for line in text.splitlines():
        key = re.match(r"^\s*# +(?:- )?([a-z_]+):", line)
        if key:
            later.add(key.group(1))
    omitted = set(KINDS[kind].omit)  # fields this template leaves out (a posting of one kind has no other kind's block)
    assert later <= all_keys(KINDS[kind].cls)
    assert all_keys(KINDS[kind].cls) - omitted <= written | later | omitted_keys(KINDS[kind].cls, omitted)
    assert not omitted & written


def test_a_posting_template_carries_only_the_tables_asked_for() -> None:
    plain = parse_text(template_for("posting"), "p.yml")
    assert isinstance(plain, Map) and not set(plain.entries) & set(TABLES)
    one = parse_text(template_for("posting", ("penalties",)), "p.yml")
    assert isinstance(one, Map) and set(one.entries) & set(TABLES) == {"penalties"}


def _defaults(cls: type) -> set[str]:
    """Every default value a record's fields (nested ones too) write into a template."""
    out: set[str] = set()
    for info in fields_of(cls):
        tp, _ = unwrap_optional(info.type)
        if typing.get_origin(tp) is tuple:
            tp = typing.get_args(tp)[0]
        if dataclasses.is_dataclass(tp):
            out |= _defaults(typing.cast(type, tp))
        default = info.default
        out |= {str(v) for v in default} if isinstance(default, tuple) else {str(default)}
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_example_in_a_template_is_marked_so_check_refuses_it(kind: str) -> None:
    text = template_for(kind, TABLES)
    values = [
        line.split(":", 1)[1].strip() if ":" in line else line.strip().removeprefix("-").strip()
        for line in text.splitlines()
        if not line.lstrip().startswith("#")
    ]
    unmarked = [v for v in values if v and not v.startswith(SAMPLE) and v not in _defaults(KINDS[kind].cls)]
    assert not unmarked


def test_a_fee_template_pastes_under_items() -> None:
    text = template_for("fee")
    catalogue = parse_text(
        "items:\n" + "\n".join(line for line in text.splitlines() if not line.startswith("#")), "fees.yml"
    )
    assert isinstance(catalogue, Map)
    items = catalogue.entries["items"][1]
    assert isinstance(items, Seq) and len(items.items) == 1 and isinstance(items.items[0], Map)


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_template_modeline_points_at_the_schema(kind: str) -> None:
    first = template_for(kind).splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = first.split("=", 1)[1]
    saved = KINDS[kind].where.replace("<", "").replace(">", "")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(saved), target))
    assert (ROOT / resolved).is_file(), resolved


def test_cli_writes_reference_and_schemas(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["fields", "--write", str(tmp_path / "fields.md")])
    assert result.exit_code == 0
    assert (tmp_path / "fields.md").read_text(encoding="utf-8") == field_reference()
    result = runner.invoke(main, ["schema", "--write", str(tmp_path / "schemas")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schemas())
    assert runner.invoke(main, ["schema"]).exit_code == 2


def test_reference_lists_every_field_with_its_label() -> None:
    text = field_reference()
    for kind in KINDS.values():
        for info in fields_of(kind.cls):
            assert f"| `{info.key}` | {info.spec.label} |" in text


def records_of(root: Path) -> list[Any]:
    content, _ = load_content(root)
    singles = [r for r in (content.district, content.fees) if r is not None]
    return [*singles, *content.departments, *content.procedures, *content.postings, *content.registers.records()]


def test_unused_fields_are_found_per_record(project: Path) -> None:
    content_dir = project.parent / "content"
    assert "附件.title" in unused_fields(records_of(content_dir))
    post = content_dir / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8") + "attachments:\n  - title: 中标公告\n    path: files/a.pdf\n",
        encoding="utf-8",
    )
    unused = unused_fields(records_of(content_dir))
    assert "附件.title" not in unused and "附件.path" not in unused
    assert "热点问题公开信息.attachments" not in unused
    assert "办事事项（办事指南和办事流程图）.preconditions" in unused


def test_example_content_exercises_every_field() -> None:
    assert unused_fields(records_of(ROOT / "content")) == []


@pytest.mark.parametrize(("standard", "charged"), [("5-20", "5"), ("80", "80"), ("12.50", "12.5"), ("0.5 ~ 3", "0.5")])
def test_a_ranged_fee_is_charged_at_its_lower_bound(standard: str, charged: str) -> None:
    fee = FeeItem(id="x", name="x", department="czj", basis="x", standard=standard, unit="件", account="x")
    assert fee.charged == charged
