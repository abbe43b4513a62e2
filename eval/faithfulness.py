"""Faithfulness: every fee, time and document in an answer text is a value of the cited record.

The checker reads the answer back (``check``): amounts in VND must be fee amounts of the record; a
time with its unit must be a channel's processing time; every listed document must be (a prefix of)
one of the record's documents with its original/copy counts; and any other number in the text must
occur somewhere in the record. ``run`` answers a whole question set and also composes every intent's
section for each cited record, so fields a question set rarely asks about are checked too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from assistant.compose import CHANNELS, LABELS, UNITS, compose_answer
from knowledge.schema import Procedure

DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions" / "helpdesk.jsonl"
INTENTS = ("documents", "fee", "time", "where", "online", "steps", "form", "eligibility", "general")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+) ?(?:đồng|VND)")


def _digits(number: str) -> str:
    return re.sub(r"[.,]", "", number).lstrip("0") or "0"


def _record_numbers(procedure: Procedure) -> set[str]:
    numbers = {_digits(n) for n in _NUMBER.findall(procedure.model_dump_json())}
    for channel in procedure.channels:
        if channel.time.value is not None:
            numbers.add(_digits(f"{channel.time.value:g}"))
    numbers.add(str(len(procedure.documents)))
    numbers.add(str(max(len(procedure.documents) - 8, 0)))
    return numbers


def _times(procedure: Procedure, language: str) -> set[str]:
    found = set()
    for channel in procedure.channels:
        if channel.time.value is not None and channel.time.unit is not None:
            value = channel.time.value
            value = int(value) if float(value).is_integer() else value
            found.add(f"{value} {UNITS[language][channel.time.unit]}")
    return found


def check(text: str, procedure: Procedure, language: str) -> list[str]:
    """The violations in one answer text (empty: faithful)."""
    labels = LABELS[language]
    problems: list[str] = []
    amounts = {f.amount_vnd for c in procedure.channels for f in c.fees if f.amount_vnd is not None}
    # a fee description is quoted as published: the sums it names are the record's words
    amounts |= {
        int(_digits(n)) for c in procedure.channels for f in c.fees for n in _NUMBER.findall(f.description)
    }
    for match in _AMOUNT.finditer(text):
        if int(_digits(match.group(1))) not in amounts:
            problems.append(f"fee {match.group(0)!r} is not a fee of {procedure.code}")
    times = _times(procedure, language)
    channel_names = set(CHANNELS[language].values())
    section = ""
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith("- "):
            section = line[:-1]
            continue
        item = line[2:] if line.startswith("- ") else ""
        if section == labels["time"] and item:
            channel, _, value = item.partition(": ")
            if channel in channel_names and value not in times:
                problems.append(f"time {value!r} is not a processing time of {procedure.code}")
        if item.startswith(labels["time"] + ": "):
            for part in item.split(": ", 1)[1].split("; "):
                value = part.split(": ", 1)[-1]
                if value != labels["unknown"] and value not in times:
                    problems.append(f"time {value!r} is not a processing time of {procedure.code}")
        if section == labels["documents"] and item and not _is_document(item, procedure, labels):
            problems.append(f"document {item[:60]!r}… is not a document of {procedure.code}")
    allowed = _record_numbers(procedure)
    for number in _NUMBER.findall(text.replace(procedure.url, "").replace(procedure.code, "")):
        if _digits(number) not in allowed:
            problems.append(f"number {number!r} does not occur in {procedure.code}")
    return problems


def _is_document(item: str, procedure: Procedure, labels: dict[str, str]) -> bool:
    if item == labels["unknown"]:  # the record lists no documents and the answer says so
        return not procedure.documents
    more = labels["more_documents"].split("{n}")[0]
    if more.strip() and item.startswith(more.strip()[: max(len(more.strip()) - 1, 1)]):
        return True
    for document in procedure.documents:
        name = " ".join(document.name.split())
        counts = []
        if document.originals:
            counts.append(f"{document.originals} {labels['original']}")
        if document.copies:
            counts.append(f"{document.copies} {labels['copy']}")
        suffix = f" ({', '.join(counts)})" if counts else ""
        if not item.endswith(suffix):
            continue
        shown = item[: len(item) - len(suffix)] if suffix else item
        if shown == name or (shown.endswith("…") and name.startswith(shown[:-1])):
            return True
    return False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSON Lines question set")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from assistant.helpdesk import Helpdesk

    helpdesk = Helpdesk.load()
    questions = [json.loads(line) for line in args.questions.read_text("utf-8").splitlines() if line.strip()]
    answers = sections = 0
    violations: list[dict] = []
    cited: dict[tuple[str, str], Procedure] = {}
    for item in questions:
        answer = helpdesk.ask(item["question"])
        if answer.status != "answer":
            continue
        answers += 1
        procedure = helpdesk.catalogue.get(answer.citations[0].code)
        cited[procedure.code, answer.language] = procedure
        for problem in check(answer.text, procedure, answer.language):
            violations.append({"id": item.get("id"), "code": procedure.code, "problem": problem})
    for (_code, language), procedure in cited.items():
        for intent in INTENTS:
            sections += 1
            for problem in check(compose_answer(procedure, intent, language), procedure, language):
                violations.append({"id": f"{intent}/{language}", "code": procedure.code, "problem": problem})
    report = {
        "answers_checked": answers,
        "sections_checked": sections,
        "violations": len(violations),
        "faithful": 1.0 - len({(v["id"], v["code"]) for v in violations}) / max(answers + sections, 1),
        "by_kind": dict(Counter(v["problem"].split(" ", 1)[0] for v in violations)),
        "examples": violations[:20],
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    if violations:
        print(f"{len(violations)} faithfulness violations", file=sys.stderr)
    return 0
