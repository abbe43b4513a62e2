"""Form definitions as data (``data/<FORM>.json``): each item names the document fields that can fill
it, in order of preference, and the format the form wants.

An item: ``{"item": "3a", "label": "...", "sources": ["date_of_birth"], "format": "date",
"person": "applicant"}``. A source is a field key (any document) or ``<document_type>.<field>``
(only that kind of document). ``person`` picks whose documents fill it: ``applicant`` (the first
person scanned), ``mother`` (the first woman) or ``father`` (the first man). An item with no
sources is never pre-filled and always listed as missing.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

_DATA = Path(__file__).parent / "data"

Format = Literal["text", "upper", "date", "year", "sex_vi", "nationality_vi", "province"]
Person = Literal["applicant", "mother", "father"]


class FormItem(BaseModel):
    item: str
    label: str
    sources: list[str] = []
    format: Format = "text"
    person: Person = "applicant"


class FormDefinition(BaseModel):
    form: str
    title: str
    basis: str
    items: list[FormItem]


FORMS: tuple[str, ...] = tuple(sorted(path.stem for path in _DATA.glob("*.json")))


@cache
def definition(form: str) -> FormDefinition:
    """The definition of ``form`` (one of FORMS); KeyError for an unknown form."""
    if form not in FORMS:
        raise KeyError(f"unknown form {form!r}; available: {', '.join(FORMS)}")
    return FormDefinition.model_validate(json.loads((_DATA / f"{form}.json").read_text(encoding="utf-8")))
