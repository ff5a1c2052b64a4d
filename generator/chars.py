"""Characters that are never content: they change structure or hide what text says.

Refused when a file is read (yamlload), and dropped before text is searched for personal
numbers (personal), so both agree on what counts as invisible.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters that change structure (a lone carriage return is a line break to Markdown) or crash writers later."""
HIDDEN = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Invisible characters: bidirectional controls reorder what is shown (invoice[U+202E]fdp.exe reads as
invoiceexe.pdf), zero-width ones hide inside names and numbers."""
UNSAFE = re.compile(f"{CONTROL.pattern}|{HIDDEN.pattern}")
