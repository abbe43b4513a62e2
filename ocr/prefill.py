"""Link the documents of one person (a card's front and back share the ID number), merge their fields,
and fill a form's items from them as its definition says (ocr/forms/data/*.json)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .crosscheck import Combined, Reading, combine
from .forms import FormItem, definition
from .schema import Document, FilledItem, PrefilledForm


@dataclass
class Person:
    """The documents of one person and their fields merged across documents."""

    documents: list[Document]
    fields: dict[str, Combined] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def sex(self) -> str | None:
        combined = self.fields.get("sex")
        return combined.reading.value if combined else None


def link(documents: Sequence[Document]) -> list[Person]:
    """Group documents by ID number (a front and a back of one card, a passport of the same person).
    A document without a readable ID joins the only person there is, or stands alone."""
    groups: dict[str, list[Document]] = {}
    unlinked: list[Document] = []
    for doc in documents:
        id_field = doc.fields.get("id_number")
        if id_field and id_field.value:
            groups.setdefault(id_field.value, []).append(doc)
        elif doc.document_type != "unknown" or doc.fields:
            unlinked.append(doc)
    people = [Person(docs) for docs in groups.values()]
    if len(people) == 1:
        people[0].documents.extend(unlinked)
    else:
        people.extend(Person([doc]) for doc in unlinked)
    for person in people:
        _merge(person)
    return people


def _merge(person: Person) -> None:
    readings: dict[str, list[Reading]] = {}
    for doc in person.documents:
        for name, f in doc.fields.items():
            reading = Reading(f.value, f.confidence, f.source, f.bbox, doc.document_type)
            readings.setdefault(name, []).append(reading)
    for name, values in readings.items():
        combined = combine(name, values)
        if combined is None:
            continue
        # Agreement on one document (e.g. QR and printed text) carries over.
        combined.agreed = combined.agreed or any(
            doc.fields[name].agreed
            for doc in person.documents
            if name in doc.fields and doc.document_type == combined.reading.document
        )
        person.fields[name] = combined
        if combined.warning:
            person.warnings.append(combined.warning)


def _choose(people: list[Person], who: str) -> Person | None:
    if who == "applicant":
        return people[0] if people else None
    wanted = {"mother": "F", "father": "M"}[who]
    return next((p for p in people if p.sex == wanted), None)


_NATIONALITY_VI = {"VNM": "Việt Nam"}


def _format(value: object, how: str) -> object:
    if value is None:
        return None
    text = str(value)
    if how == "upper":
        return text.upper()
    if how == "date":
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    if how == "year":
        return text[:4]
    if how == "sex_vi":
        return {"M": "Nam", "F": "Nữ"}.get(text, text)
    if how == "nationality_vi":
        return _NATIONALITY_VI.get(text, text)
    if how == "province":
        return text.rsplit(",", 1)[-1].strip()
    return text


def _fill(item: FormItem, person: Person | None) -> FilledItem | None:
    if person is None:
        return None
    for source in item.sources:
        doc_type, _, name = source.rpartition(".")
        combined = person.fields.get(name)
        if combined is None:
            continue
        if doc_type and combined.reading.document != doc_type:
            continue
        reading = combined.reading
        return FilledItem(
            value=_format(reading.value, item.format),
            confidence=combined.confidence,
            source=f"{reading.document}.{name}/{reading.source}",
            agreed=combined.agreed,
        )
    return None


def prefill(form: str, documents: Sequence[Document]) -> PrefilledForm:
    """Fill ``form`` (one of ocr.forms.FORMS) from the documents; unfilled items are listed as missing."""
    spec = definition(form)
    people = link(documents)
    result = PrefilledForm(form=spec.form)
    for doc in documents:
        result.warnings.extend(f"{doc.file}: {w}" for w in doc.warnings)
    for person in people:
        result.warnings.extend(person.warnings)
    if len(people) > 1 and not any(item.person != "applicant" for item in spec.items):
        result.warnings.append(f"documents of {len(people)} different people: the first one fills the form")
    for item in spec.items:
        filled = _fill(item, _choose(people, item.person))
        if filled is None:
            result.missing.append(item.item)
        else:
            result.fields[item.item] = filled
    return result
