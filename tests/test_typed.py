"""Typed postings: each category's records shown as a table, carried into open data, with notice periods.

Golden pages: every example posting that carries typed records; regenerate with `make golden`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from generator import pipeline
from generator.domain.notices import notice_of
from generator.domain.pages import catalogue_of, category_page, page_of
from generator.domain.records import WIDE
from generator.model import TABLE_TYPES, TABLES, Posting, Record
from generator.pages.context import Context
from generator.pages.tree import data as data_files
from generator.pages.tree import site_pages
from generator.schema import fields_of
from generator.text import NOT_GIVEN

from .conftest import AS_OF, ROOT
from .test_facts import rows_of

GOLDEN = Path(__file__).parent / "golden" / "typed"


@pytest.fixture(scope="module")
def example() -> Context:
    checked = pipeline.check(ROOT / "site_config.yml", AS_OF)
    assert checked.content is not None and checked.config is not None
    assert not checked.report.errors, checked.report.render()
    return Context.of(checked.content, checked.config, AS_OF)


def typed(site: Context) -> list[Posting]:
    return [p for p in site.postings if p.tables()]


ORGANISATION_ONLY = {"credit_code", "registration_no", "org_code", "tax_no", "institution_no", "social_org_no"}
ORGANISATION_ONLY |= {"representative"}
"""What a natural person's decision does not show: an organisation's codes and its legal representative."""


def in_yuan(text: str) -> str:
    """An amount as open data carries it: exact yuan, no grouping, no unit."""
    if not text.endswith("万元"):
        return text.removesuffix("元").replace(",", "")
    value = Decimal(text.removesuffix("万元").replace(",", "")) * 10000
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def shown(value: object, money: bool = False) -> str:
    """A value as the page must show it: as typed, an amount with its digits grouped and its unit (元 unless 万元)."""
    if value is None:
        return NOT_GIVEN
    text = str(value)
    if not money:
        return text
    unit = "万元" if text.endswith("万元") else "元"
    whole, _, fraction = text.removesuffix("万元").removesuffix("元").replace(",", "").partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "") + f" {unit}"


def test_the_example_district_uses_every_typed_category(example: Context) -> None:
    used = {key for post in typed(example) for key, _ in post.tables()}
    assert used == set(TABLES)


def test_each_typed_page_shows_every_record_as_typed(example: Context) -> None:
    pages = site_pages(example, {})
    for post in typed(example):
        page = pages[page_of(post)]
        for _, records in post.tables():
            cls = type(records[0])
            infos = [
                i for i in fields_of(cls) if i.key not in cls.quiet or any(getattr(r, i.key) for r in records)
            ]  # a quiet field (a code most records lack) only when some record gives it
            section = page[page.index(f"## {records[0].label}") :]
            end = section.find("\n## ", 3)
            rows = rows_of(section[: end if end > 0 else None])
            typed_rows = [[shown(getattr(r, i.key), "money" in str(i.type)) for i in infos] for r in records]
            if len(infos) > WIDE:  # one label-value table per record, without what does not apply to it
                expected = [
                    [i.spec.label, value]
                    for r, row in zip(records, typed_rows, strict=True)
                    for i, value in zip(infos, row, strict=True)
                    if not (
                        getattr(r, "party_type", "") == "自然人" and i.key in ORGANISATION_ONLY and value == NOT_GIVEN
                    )
                ]
                assert rows[: len(expected)] == expected
            else:
                assert rows[0] == [i.spec.label for i in infos]
                assert rows[1 : len(records) + 1] == typed_rows


@pytest.mark.parametrize("key", TABLES)
def test_each_kind_of_record_is_an_open_data_set_with_its_schema(example: Context, key: str) -> None:
    files = data_files(example)
    name = key.replace("_", "-")
    records: list[Record] = [r for post in example.postings for r in getattr(post, key)]
    data = json.loads(files[f"data/{name}.json"])
    jsonschema.validate(data, json.loads(files[f"data/{name}.schema.json"]))
    assert len(data) == len(records)
    table = list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].lstrip("\ufeff"))))
    cls = TABLE_TYPES[key]
    scalar = [i.key for i in fields_of(cls)]
    money = {i.key for i in fields_of(cls) if "money" in str(i.type)}
    for row, record in zip(table, records, strict=True):
        assert [row[k] for k in scalar] == [
            ""
            if getattr(record, k) is None
            else in_yuan(str(getattr(record, k)))
            if k in money
            else str(getattr(record, k))
            for k in scalar
        ]  # an amount in exact yuan, whatever unit it was written in
        owner = next(p for p in example.postings if record in getattr(p, key))
        assert row["url"] == example.url(owner)


def golden_pages(site: Context) -> dict[str, str]:
    pages = site_pages(site, {})
    return {page_of(p).replace("/", "-"): pages[page_of(p)] for p in typed(site)}


def test_typed_pages_match_golden(example: Context) -> None:
    pages = golden_pages(example)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for stale in GOLDEN.glob("*.md"):
            stale.unlink()
        for name, text in pages.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(pages), "run `make golden` and review the diff"
    for name, text in pages.items():
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), name


def with_as_of(site: Context, day: dt.date) -> Context:
    return Context.of(site.content, site.config, day)


def test_a_notice_shows_running_then_ended_and_leaves_current_lists(example: Context) -> None:
    post = next(p for p in example.postings if p.notice_days)
    notice = notice_of(post, example.config.calendar)
    assert notice is not None and post.published is not None and notice.start == post.published
    during, after = with_as_of(example, notice.end), with_as_of(example, notice.end + dt.timedelta(days=1))
    running, ended = site_pages(during, {}), site_pages(after, {})
    assert "公示中" in running[page_of(post)] and "公示已结束" in ended[page_of(post)]
    link = page_of(post).split("/")[-1].removesuffix(".md")
    listing = category_page(post.category)
    assert link in running[listing] and link not in ended.get(listing, "")
    dept = next(d for d in example.departments if d.id == post.department)
    assert link in ended[catalogue_of(dept)], "an ended notice stays in the 公开目录"


def test_n_working_days_count_the_first_day_and_skip_holidays(example: Context) -> None:
    post = next(p for p in example.postings if p.notice_days)
    # 10 working days from Monday 2011-07-04: two full weeks, ending Friday 2011-07-15.
    assert post.published == dt.date(2011, 7, 4) and post.notice_days == 10
    notice = notice_of(post, example.config.calendar)
    assert notice is not None and notice.end == dt.date(2011, 7, 15)
    # Across the 2011 National Day holiday (1-7 October, worked on 8 and 9 October).
    moved = dataclasses.replace(post, published=dt.date(2011, 9, 30), notice_days=3)
    later = notice_of(moved, example.config.calendar)
    assert later is not None and later.end == dt.date(2011, 10, 9)
