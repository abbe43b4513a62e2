"""``motcua eval catalogue``: how well the crawl parser recovers what the portal's structured records give.

For every procedure that has both a structured record and a crawl record, the crawl is parsed and
compared with the structured record field by field. Each disagreement is sorted: a *source
difference* when the two sources really say different things (the crawl's page shows only the first
fee of a channel, the portal gives a sentence instead of a number, the text was revised between the
two dates), else a *parser error* to fix. Agreement is reported over what both sources can show.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

FIELDS = (
    "channels",
    "time_value",
    "time_unit",
    "fee_amounts",
    "document_names",
    "document_counts",
    "form_codes",
)
TARGET = 0.95
SOURCE, PARSER = "source difference", "parser error"


@dataclass
class Outcome:
    code: str
    agreed: bool
    detail: str = ""
    kind: str = ""  # for a disagreement: SOURCE or PARSER, with why in detail
    same_revision: bool = False  # both records cite the same legal documents


@dataclass
class FieldReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def compared(self) -> int:
        return len(self.outcomes)

    @property
    def agreed(self) -> int:
        return sum(o.agreed for o in self.outcomes)

    def count(self, kind: str) -> int:
        return sum(1 for o in self.outcomes if not o.agreed and o.kind == kind)

    @property
    def agreement(self) -> float:
        return self.agreed / self.compared if self.compared else 1.0

    @property
    def same_revision(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.same_revision]

    @property
    def agreement_same_revision(self) -> float:
        """Agreement where both records cite the same legal documents: a check of the parser that
        does not depend on how disagreements are sorted."""
        same = self.same_revision
        return sum(o.agreed for o in same) / len(same) if same else 1.0

    @property
    def agreement_without_source_differences(self) -> float:
        """Agreement over the cases where both sources say the same thing."""
        comparable = self.compared - self.count(SOURCE)
        return self.agreed / comparable if comparable else 1.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--examples", type=int, default=0, help="print N disagreements per field")
    parser.add_argument("--shared", help="the shared folder (default: ../shared beside the checkout)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from api.cli import UsageError
    from knowledge.build import catalogue_sources
    from knowledge.paths import shared_dir

    shared = Path(args.shared) if args.shared else shared_dir()
    if shared is None:
        raise UsageError("no shared sources found: pass --shared DIR (the folder holding data/catalogue)")
    crawl_file, portal_dir = catalogue_sources(shared)
    reports = measure(crawl_file, portal_dir)
    load = load_benchmark()
    if args.json:
        json.dump({**as_json(reports, args.examples), "load": load}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(table(reports))
        print(
            f"loading the bundle: {load['load_s']:.2f} s for {load['procedures']} procedures, "
            f"{load['ratio']:.1f}x the time to gunzip and json.loads it ({load['baseline_s']:.2f} s)"
        )
        for name, report in reports.items():
            for outcome in [o for o in report.outcomes if not o.agreed][: args.examples]:
                print(f"{name} {outcome.code} [{outcome.kind}] {outcome.detail}")
    return 0


def load_benchmark(repeat: int = 3) -> dict:
    """Best-of-``repeat`` time to load the bundled catalogue, against the bare gunzip + json.loads of
    the same file measured in the same run (target: under 1 s on the 2-core reference box)."""
    import gzip
    import time

    from knowledge.catalogue import load_catalogue
    from knowledge.paths import BUNDLED_CATALOGUE

    def best(action) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return min(times)

    raw = BUNDLED_CATALOGUE.read_bytes()
    baseline = best(lambda: [json.loads(line) for line in gzip.decompress(raw).splitlines()])
    loaded = best(lambda: load_catalogue(BUNDLED_CATALOGUE))
    return {
        "procedures": len(load_catalogue(BUNDLED_CATALOGUE)),
        "load_s": round(loaded, 3),
        "baseline_s": round(baseline, 3),
        "ratio": round(loaded / baseline, 2),
    }


def measure(crawl_file, portal_dir) -> dict[str, FieldReport]:
    """Compare parsed crawl and structured record for every code both sources have."""
    from knowledge.crawl import iter_crawl_records, procedure_from_crawl
    from knowledge.portal import iter_portal_files, load_portal_file
    from knowledge.values import MalformedRecord, scrub

    given = {}
    for path in iter_portal_files(portal_dir):
        try:
            procedure = load_portal_file(path)
        except MalformedRecord:
            continue
        given[procedure.code] = procedure
    reports = {name: FieldReport() for name in FIELDS}
    for _, record in iter_crawl_records(crawl_file):
        code = record.get("ma_thu_tuc") if isinstance(record, dict) else None
        if code not in given:
            continue
        try:
            parsed = procedure_from_crawl(record)
        except MalformedRecord as exc:
            reports["channels"].outcomes.append(Outcome(code, False, f"crawl record rejected: {exc}", PARSER))
            continue
        same_revision = {b.code for b in parsed.legal_basis} == {b.code for b in given[code].legal_basis}
        for name, outcome in compare(parsed, given[code], scrub(record)):
            outcome.same_revision = same_revision
            reports[name].outcomes.append(outcome)
    return reports


def compare(parsed, given, record: dict) -> Iterator[tuple[str, Outcome]]:
    """(field, outcome) pairs for one procedure: parsed crawl vs structured record.

    A disagreement is a parser error when the structured value can be read in the crawl's text where
    the parser looked (the parser missed it), else a source difference (the page says otherwise).
    """
    from knowledge.crawl import channel_rows

    code = given.code
    parsed_channels = {c.channel: c for c in parsed.channels}
    given_channels = {c.channel: c for c in given.channels}
    rows = dict(channel_rows(record.get("cach_thuc_thuc_hien")))
    yield "channels", _channels(code, parsed_channels, given_channels, rows)
    for channel in sorted(parsed_channels.keys() & given_channels.keys()):
        p, g, row = parsed_channels[channel], given_channels[channel], rows.get(channel, "")
        yield "time_value", _time_value(code, channel, p.time, g.time, row)
        yield "time_unit", _time_unit(code, channel, p.time, g.time, row)
        yield "fee_amounts", _fees(code, channel, p.fees, g.fees, row)
    documents_text = normalized_name(record.get("thanh_phan_ho_so") or "")
    yield from _documents(code, parsed.documents, given.documents, documents_text)
    parsed_forms, given_forms = set(parsed.form_codes), set(given.form_codes)
    if parsed_forms or given_forms:
        yield "form_codes", _forms(code, parsed_forms, given_forms, record.get("thanh_phan_ho_so") or "")


def _channels(code, parsed, given, rows) -> Outcome:
    if set(parsed) == set(given):
        return Outcome(code, True)
    detail = f"parsed {sorted(parsed)} given {sorted(given)}"
    missed = set(given) - set(parsed)
    kind = PARSER if set(parsed) != set(rows) or any(c in rows for c in missed) else SOURCE
    return Outcome(code, False, detail, kind)


def _time_value(code, channel, parsed, given, row: str) -> Outcome:
    if parsed.value == given.value:
        return Outcome(code, True)
    detail = f"{channel}: parsed {parsed.value} given {given.value} {given.text[:60]!r}; page {row[:40]!r}"
    if given.value is None:
        return Outcome(code, False, detail + " (the portal gives no number)", SOURCE)
    if re.match(rf"0*{given.value:g}(?!\d)", row):
        return Outcome(code, False, detail, PARSER)
    return Outcome(code, False, detail + " (the page shows another time)", SOURCE)


def _time_unit(code, channel, parsed, given, row: str) -> Outcome:
    from knowledge.values import TIME_UNIT_WORDS

    if parsed.unit == given.unit:
        return Outcome(code, True)
    detail = f"{channel}: parsed {parsed.unit} given {given.unit}; page {row[:40]!r}"
    shown = re.match(r"[\d.,]+\s*(\D{0,14})", row)
    words = [w for w, unit in TIME_UNIT_WORDS.items() if unit == given.unit]
    if given.unit is not None and shown and any(shown.group(1).lower().startswith(w) for w in words):
        return Outcome(code, False, detail, PARSER)
    why = "the portal's unit is OTHER" if given.unit is None else "the page shows no or another unit"
    return Outcome(code, False, f"{detail} ({why})", SOURCE)


def _fees(code, channel, parsed, given, row: str) -> Outcome:
    parsed_amounts = [f.amount_vnd for f in parsed]
    given_amounts = [f.amount_vnd for f in given]
    if parsed_amounts == given_amounts:
        return Outcome(code, True)
    detail = f"{channel}: parsed {parsed_amounts} given {given_amounts}; page {row[:80]!r}"
    if len(parsed_amounts) < len(given_amounts) and parsed_amounts == given_amounts[: len(parsed_amounts)]:
        return Outcome(code, False, detail + " (the page shows only the first fees)", SOURCE)
    shown = [a for a in given_amounts if a and f"{a:,}" in row]
    if shown and set(shown) - {a for a in parsed_amounts if a}:
        return Outcome(code, False, detail, PARSER)
    if {a for a in given_amounts if a} - set(shown):
        return Outcome(code, False, detail + " (the page shows other amounts)", SOURCE)
    return Outcome(code, False, detail + " (free, unstated or missing fee: the wording differs)", SOURCE)


def _forms(code, parsed_forms, given_forms, documents_text: str) -> Outcome:
    if parsed_forms == given_forms:
        return Outcome(code, True)
    detail = f"parsed {sorted(parsed_forms)} given {sorted(given_forms)}"
    in_file_name = {
        c
        for c in given_forms - parsed_forms
        if re.search(
            rf"(?<![A-Za-z0-9]){re.escape(c)}(?![0-9a-z])[^.]{{0,150}}?\.(?:docx?|xlsx?|pdf)", documents_text
        )
    }
    if in_file_name:
        return Outcome(code, False, f"{detail}; the page has {sorted(in_file_name)} in a file name", PARSER)
    return Outcome(code, False, detail + " (the page lists other templates)", SOURCE)


def normalized_name(name: str) -> str:
    """A document name as both sources can show it: NFC, one space, no case, no closing punctuation."""
    from knowledge.text import clean

    return re.sub(r"^[-+*•·\s]+|[\s.;:,]+$", "", clean(name)).casefold()


def _documents(code, parsed_docs, given_docs, documents_text: str) -> Iterator[tuple[str, Outcome]]:
    """Each given document: is its name among the parsed ones, and do its counts agree?"""
    parsed_by_name = {}
    for doc in parsed_docs:
        parsed_by_name.setdefault(normalized_name(doc.name), doc)
    for doc in given_docs:
        key = normalized_name(doc.name)
        match = parsed_by_name.get(key)
        if match is not None:
            yield "document_names", Outcome(code, True)
        else:
            closest = max(parsed_docs, key=lambda d: _similarity(key, normalized_name(d.name)), default=None)
            detail = f"given {doc.name[:90]!r} closest parsed {closest.name[:90] if closest else None!r}"
            if _shown_as_a_row(key, documents_text):
                yield "document_names", Outcome(code, False, detail, PARSER)
            else:
                yield (
                    "document_names",
                    Outcome(code, False, detail + " (the page words it otherwise)", SOURCE),
                )
            continue
        if (match.originals, match.copies) == (doc.originals, doc.copies):
            yield "document_counts", Outcome(code, True)
            continue
        shown = f"{doc.originals} bản chính" + (f",{doc.copies} bản sao" if doc.copies else "")
        after = documents_text[documents_text.find(key) + len(key) :]
        first_count = re.search(r"\d+ bản chính(?:\s*,\s*\d+ bản sao)?|\d+ bản sao", after)
        detail = (
            f"{doc.name[:60]!r}: parsed {match.originals}/{match.copies} given {doc.originals}/{doc.copies}"
        )
        if first_count and first_count.group().replace(" ,", ",") == shown:
            yield "document_counts", Outcome(code, False, detail, PARSER)
        else:
            page = first_count.group() if first_count else None
            yield "document_counts", Outcome(code, False, f"{detail} (the page shows {page!r})", SOURCE)


_ROW_BEFORE = re.compile(r"(?:^|bản chính|bản sao|số lượng|\.(?:docx?|xlsx?|pdf))[\s.;:,*+-]*$")
_ROW_AFTER = re.compile(r"[\s.;:,]*(?:[^\n]{0,200}?\.(?:docx?|xlsx?|pdf))*\s*\d ?bản chính")


def _shown_as_a_row(key: str, documents_text: str) -> bool:
    """Does the page show this name as a whole row (so the parser should have found it)?"""
    for match in re.finditer(re.escape(key), documents_text):
        before = documents_text[max(0, match.start() - 40) : match.start()]
        if _ROW_BEFORE.search(before) and _ROW_AFTER.match(documents_text, match.end()):
            return True
    return False


def _similarity(a: str, b: str) -> float:
    """Word overlap (Jaccard): cheap enough for every document pair."""
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) / len(words_a | words_b) if words_a or words_b else 1.0


def table(reports: dict[str, FieldReport]) -> str:
    header = (
        f"{'field':<16}{'compared':>9}{'agreed':>8}{'agreement':>11}{'source diff':>13}{'parser err':>12}"
        f"{'excl. src diff':>16}{'same revision':>15}"
    )
    lines = [header, "-" * len(header)]
    for name, r in reports.items():
        mark = "" if r.agreement >= TARGET else " *"
        same = f"{r.agreement_same_revision:.1%} ({len(r.same_revision)})"
        lines.append(
            f"{name:<16}{r.compared:>9}{r.agreed:>8}{r.agreement:>10.1%}{mark:<1}{r.count(SOURCE):>13}"
            f"{r.count(PARSER):>12}{r.agreement_without_source_differences:>16.1%}{same:>15}"
        )
    lines.append(
        f"* below the {TARGET:.0%} target. excl. src diff: agreement once the disagreements where the page "
        "shows another value are set aside; same revision: agreement on the procedures whose two records "
        "cite the same legal documents (count in brackets)."
    )
    return "\n".join(lines)


def as_json(reports: dict[str, FieldReport], examples: int) -> dict:
    return {
        name: {
            "compared": r.compared,
            "agreed": r.agreed,
            "agreement": round(r.agreement, 4),
            "source_differences": r.count(SOURCE),
            "parser_errors": r.count(PARSER),
            "agreement_excluding_source_differences": round(r.agreement_without_source_differences, 4),
            "compared_same_revision": len(r.same_revision),
            "agreement_same_revision": round(r.agreement_same_revision, 4),
            "examples": [o.__dict__ for o in r.outcomes if not o.agreed][:examples],
        }
        for name, r in reports.items()
    }
