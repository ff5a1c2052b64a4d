"""The templates' environment: every printed value escaped, undefined values an error, the same helpers for every
page; and `page`, which renders one page of the site from the context. Pure: values in, text out."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from .. import config, model
from ..body import render_body
from ..domain import pages
from ..domain.facets import FACETS, meta_labels
from ..domain.fees import charged_of, each, per_unit, standard_of
from ..domain.records import WIDE, record_table
from ..model import Record
from ..qr import qr_svg
from ..registers import model as registers
from ..schema import Labels, fields_of, label_of
from ..search import pieces
from ..tables import as_cards
from ..text import given, page_title, paragraphs, safe, tel, yaml_string
from .context import Context

LATEST_PER_GROUP = 5
"""Newest postings shown per category or department on the overview pages; each links to its full list, and the
page opens with the groups, so a phone reaches every group in a few screens."""
BOARD_RECENT = 10
"""Recent postings on a department's printed bulletin-board sheet."""


def _printed(value: object) -> Markup:
    """Every printed value, escaped; None is a template error, never an empty string on the page."""
    if value is None:
        raise jinja2.UndefinedError("a template printed None; guard optional values with {% if %}")
    return Markup(safe(value))


def _labels() -> dict[str, Labels]:
    """Every record class's field labels by class name: a page names a field as its spec() does
    (`{{ LABELS.Posting.published }}`), never by retyping the label."""
    found = {}
    for module in (model, registers, config):
        for name, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and fields_of(value):
                found[name] = Labels(value)
    return found


def field_label(record: Record, key: str) -> str:
    """A field's Chinese label, from its declaration: templates name fields by key, never by retyping the label."""
    return label_of(type(record), key)


@functools.cache  # one per process: templates are compiled once, not again for every preview refresh
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        # Every printed value goes through safe(); marking its result lets macro output
        # (already made of escaped values) pass through unchanged instead of being escaped again.
        autoescape=True,
        finalize=_printed,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["body"] = render_body
    env.filters["given"] = given
    env.filters["yaml_string"] = yaml_string
    env.filters["page_title"] = page_title
    # The same for every page of every site: addresses, wording helpers and constants, never a value of one build.
    env.globals.update(
        pages=pages,
        per_unit=per_unit,
        fee_each=each,
        fee_standard=standard_of,
        fee_charged=charged_of,
        label=field_label,
        qr=qr_svg,
        tel=tel,
        title_pieces=pieces,
        record_table=record_table,
        WIDE=WIDE,
        LATEST_PER_GROUP=LATEST_PER_GROUP,
        BOARD_RECENT=BOARD_RECENT,
        FACETS=FACETS,
        META_LABELS=meta_labels(),
        LABELS=_labels(),
    )
    return env


@dataclass(frozen=True)
class Here:
    """The page being made: links from it to other pages and to files."""

    path: str

    def url(self, target: str) -> str:
        """A link to the page `target` (a Markdown path)."""
        return pages.relative_url(target, self.path)

    def file_url(self, target: str) -> str:
        """A link to the published file `target`."""
        return pages.file_url(target, self.path)


def page(site: Context, path: str, template: str, **values: object) -> str:
    """One page of the site: the template given the context (`site`), the page's place (`here`) and its own values."""
    text = environment().get_template(template).render(site=site, here=Here(path), **values)
    return tidy(as_cards(text))


def tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
