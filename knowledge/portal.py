"""Importer for the portal's structured JSON records (``portal-json/<code>.json``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from knowledge.schema import (
    Agencies,
    Channel,
    FormTemplate,
    LegalBasis,
    Procedure,
    ProcessingTime,
    Provenance,
    RequiredDocument,
    Source,
    SubCase,
    SubmissionChannel,
)
from knowledge.text import clean
from knowledge.values import (
    LEVEL_MINISTRY,
    LEVEL_OTHER,
    LEVEL_PROVINCE,
    LEVEL_WARD,
    TIME_UNIT_CODES,
    MalformedRecord,
    fee,
    form_code,
    scrub,
    split_steps,
    text_or_empty,
)

PORTAL_URL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{id}"

_CHANNELS = {"DIRECT": Channel.DIRECT, "ONLINE": Channel.ONLINE, "POSTAL": Channel.POSTAL}
_LEVEL_FLAGS = (
    ("isMinistry", LEVEL_MINISTRY),
    ("isProvince", LEVEL_PROVINCE),
    ("isWard", LEVEL_WARD),
    ("isOtherAgency", LEVEL_OTHER),
)


def load_portal_file(path: Path) -> Procedure:
    """Read and map one ``<code>.json``; raise MalformedRecord with a reason when it cannot be used."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedRecord(f"unreadable JSON: {exc}") from exc
    return procedure_from_portal(record)


def iter_portal_files(directory: Path) -> Iterator[Path]:
    yield from sorted(directory.glob("*.json"))


def procedure_from_portal(record: Any) -> Procedure:
    """Map one structured record onto the normalized model."""
    record = scrub(record)
    if not isinstance(record, dict):
        raise MalformedRecord("record is not a JSON object")
    code, name = (clean(v) if isinstance(v, str) else "" for v in (record.get("code"), record.get("name")))
    if not code or not name:
        raise MalformedRecord("missing code or name")
    try:
        values = {
            "levels": tuple(level for flag, level in _LEVEL_FLAGS if record.get(flag)),
            "field": _first_name(record.get("categoriesDetails")) or _name(record.get("category")),
            "ministry": clean(record.get("departmentPromulgateName")),
            "applicants": _names(record.get("subjectTypesDetails")),
            "agencies": Agencies(
                executing=_names(record.get("departmentsExecuting")),
                authority=_names(record.get("departmentsAuthority")),
                receiving_address=text_or_empty(record.get("dossierReceivingAddresses")),
                coordinating=_names(record.get("departmentsCoordinating")),
            ),
            "channels": tuple(_channel(m) for m in _list(record, "executionMethods")),
            "documents": tuple(
                _document(component, clean(case.get("name")))
                for case in _list(record, "executionCases")
                for component in _list(case, "profileComponents")
            ),
            "steps": tuple(
                step for s in _list(record, "executionSteps") for step in split_steps(_step_text(s))
            ),
            "conditions": text_or_empty(record.get("requirementsAndConditions")),
            "results": _names(record.get("resultsDetails")),
            "legal_basis": tuple(
                LegalBasis(code=clean(b.get("code")), title=clean(b.get("name")))
                for b in _list(record, "legalBasisesDetails")
                if clean(b.get("code"))
            ),
            "fully_online": record.get("isFullProcess")
            if isinstance(record.get("isFullProcess"), bool)
            else None,
            "topic": _topic(record.get("serviceGroupsDetails")),
            "sub_cases": _sub_cases(_list(record, "cases")),
            "url": PORTAL_URL.format(id=record["id"]) if record.get("id") else "",
        }
        given = tuple(key for key, value in values.items() if _present(value))
        return Procedure(
            code=code,
            name=name,
            **values,
            provenance=Provenance(source=Source.PORTAL_JSON, given_fields=("code", "name", *given)),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MalformedRecord(f"invalid value at {where or 'record'}: {first['msg']}") from exc
    except (TypeError, AttributeError, KeyError) as exc:
        raise MalformedRecord(f"unexpected structure: {exc}") from exc


def _list(record: dict, key: str) -> list[dict]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise MalformedRecord(f"{key} is not a list of objects")
    return value


def _name(item: Any) -> str:
    return clean(item.get("name")) if isinstance(item, dict) else ""


def _names(items: Any) -> tuple[str, ...]:
    names = (_name(item) for item in items or ())
    return tuple(dict.fromkeys(n for n in names if n))


def _first_name(items: Any) -> str:
    return next(iter(_names(items)), "")


def _topic(groups: Any) -> str:
    citizen = [g for g in groups or () if isinstance(g, dict) and g.get("type") == "CITIZEN"]
    return _first_name(citizen) or _first_name(groups)


def _channel(method: dict) -> SubmissionChannel:
    kind = method.get("submissionMethod")
    if kind not in _CHANNELS:
        raise MalformedRecord(f"unknown submissionMethod {kind!r}")
    return SubmissionChannel(
        channel=_CHANNELS[kind],
        time=_time(method.get("processingTime"), method.get("processingTimeUnit")),
        fees=tuple(
            fee(f.get("value"), f.get("description") or "", f.get("currencyName") or "VND")
            for f in _list(method, "fees")
        ),
        description=text_or_empty(method.get("description")),
    )


def _time(value: Any, unit: Any) -> ProcessingTime:
    """A number with a known unit; a number under "OTHER" keeps its value with the unit unknown; a
    sentence instead of a number is kept as text only."""
    if isinstance(value, bool) or value is None or value == 0:  # 0: the page shows "Không có thông tin"
        return ProcessingTime()
    if isinstance(value, int | float):
        return ProcessingTime(value=value, unit=TIME_UNIT_CODES.get(str(unit)))
    return ProcessingTime(text=clean(str(value)))


def _document(component: dict, case: str) -> RequiredDocument:
    name = clean(component.get("name"))
    if not name:
        raise MalformedRecord("a required document has no name")
    forms = tuple(
        FormTemplate(code=form_code(file_name, name), file_name=file_name)
        for a in _list(component, "attachments")
        if (file_name := clean(a.get("fileName")))
    )
    return RequiredDocument(
        name=name,
        originals=_count(component.get("originalQty")),
        copies=_count(component.get("copyQty")),
        forms=forms,
        case=case,
    )


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _step_text(step: dict) -> str:
    return "\n".join(part for part in (step.get("name") or "", step.get("description") or "") if part)


def _sub_cases(cases: list[dict]) -> tuple[SubCase, ...]:
    seen: dict[tuple[str, str], SubCase] = {}
    for case in cases:
        code, name = clean(case.get("code")), clean(case.get("name"))
        if not code or (code, name) in seen:
            continue
        day = case.get("processingDay") or {}
        seen[(code, name)] = SubCase(code=code, name=name, time=_time(day.get("qty"), day.get("type")))
    return tuple(seen.values())


def _present(value: Any) -> bool:
    if isinstance(value, Agencies):
        return any(_present(v) for v in value.model_dump().values())
    return value is not None and value != "" and value != ()
