"""The helpdesk evaluation sets and the procedure glosses are data other code trusts: these tests are
their schema and their promises (every code is a real catalogue code, the language mix holds, an
out-of-scope question names no procedure, an ambiguous one names the variants it hesitates between).

The question files share one schema: ``helpdesk.jsonl`` (written for Motcua and used to tune it),
``heldout.jsonl`` (written blind afterwards, never used for tuning), ``fresh.jsonl`` (written blind in
session 4 to measure the procedures' citizen-language descriptions), ``fresh2.jsonl`` (written blind in
session 5 by another hand, through personas), ``fresh3.jsonl`` (written blind in session 6 by a fourth
hand, through other personas, with more English and Thai), ``fresh4.jsonl`` (written blind in session 7 by
a fifth hand, through twelve new personas) and ``portal-faq.jsonl`` (the shared portal FAQ re-keyed with
every acceptable code)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from knowledge.catalogue import default_catalogue
from knowledge.text import has_vietnamese_marks

REPO = Path(__file__).resolve().parents[2]
QUESTION_DIR = REPO / "eval" / "questions"
# file -> the pattern of its ids
QUESTION_FILES = {
    "helpdesk.jsonl": r"^(vi|en|th)-\d{4}$",
    "heldout.jsonl": r"^ho-(vi|en|th)-\d{4}$",
    "fresh.jsonl": r"^fr-(vi|en|th)-\d{4}$",
    "fresh2.jsonl": r"^f2-(vi|en|th)-\d{4}$",
    "fresh3.jsonl": r"^f3-(vi|en|th)-\d{4}$",
    "fresh4.jsonl": r"^f4-(vi|en|th)-\d{4}$",
    "portal-faq.jsonl": r"^faq-\d{4}$",
}
# the sets written for Motcua -> (id prefix, share of clarify rows, share of handoff rows)
CITIZEN_SETS = {
    "helpdesk.jsonl": ("", (0.04, 0.10), (0.05, 0.15)),
    "heldout.jsonl": ("ho-", (0.04, 0.10), (0.15, 0.22)),
    "fresh.jsonl": ("fr-", (0.03, 0.08), (0.05, 0.12)),
    "fresh2.jsonl": ("f2-", (0.03, 0.08), (0.05, 0.12)),
    "fresh3.jsonl": ("f3-", (0.03, 0.08), (0.05, 0.12)),
    "fresh4.jsonl": ("f4-", (0.03, 0.08), (0.05, 0.12)),
}
# share of the answerable rows per slice (Vietnamese with marks, without, English, Thai): the plan of
# helpdesk.jsonl, which the other sets follow; fresh3.jsonl and fresh4.jsonl give English and Thai, the
# weakest slices, more
LANGUAGE_PLAN = {"vi_marked": (0.40, 0.60), "vi_bare": (0.20, 0.40), "en": (0.10, 0.20), "th": (0.08, 0.18)}
LANGUAGE_PLANS = {
    "fresh3.jsonl": {
        "vi_marked": (0.30, 0.45),
        "vi_bare": (0.18, 0.30),
        "en": (0.18, 0.28),
        "th": (0.14, 0.24),
    },
}
LANGUAGE_PLANS["fresh4.jsonl"] = LANGUAGE_PLANS["fresh3.jsonl"]
GLOSSES = REPO / "assistant" / "data" / "glosses.json"

KEYS = {"id", "question", "lang", "diacritics", "intent", "expect", "codes"}
INTENTS = {"documents", "fee", "time", "where", "online", "steps", "eligibility", "form", "general"}
EXPECTS = {"answer", "clarify", "handoff"}
CODE = re.compile(r"^\d+\.\d{6}$")
THAI = re.compile(r"[\u0e00-\u0e7f]")
LETTER = re.compile(r"[^\W\d_]")


def read_rows(name: str) -> list[dict]:
    with (QUESTION_DIR / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read_rows("helpdesk.jsonl")


@pytest.fixture(scope="module", params=sorted(CITIZEN_SETS))
def citizen_rows(request) -> tuple[str, list[dict]]:
    return request.param, read_rows(request.param)


@pytest.fixture(scope="module", params=sorted(QUESTION_FILES))
def any_rows(request) -> tuple[re.Pattern, list[dict]]:
    return re.compile(QUESTION_FILES[request.param]), read_rows(request.param)


@pytest.fixture(scope="module")
def glosses() -> dict[str, dict[str, str]]:
    return json.loads(GLOSSES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


def share(rows: list[dict], predicate) -> float:
    return sum(1 for row in rows if predicate(row)) / len(rows)


def thai_ratio(text: str) -> float:
    letters = LETTER.findall(text)
    return sum(1 for c in letters if THAI.match(c)) / max(len(letters), 1)


# --- the question set


def test_set_is_large_enough_to_measure_recall(rows):
    assert len(rows) >= 400


def test_every_row_has_exactly_the_documented_fields(any_rows):
    _, rows = any_rows
    for row in rows:
        assert set(row) == KEYS, row.get("id")
        assert row["intent"] in INTENTS, row["id"]
        assert row["expect"] in EXPECTS, row["id"]
        assert isinstance(row["question"], str) and row["question"].strip(), row["id"]
        assert isinstance(row["codes"], list), row["id"]


def test_ids_are_unique_and_well_formed(any_rows):
    pattern, rows = any_rows
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert pattern.match(row["id"]), row["id"]


@pytest.mark.parametrize(
    "name", ["heldout.jsonl", "fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl", "fresh4.jsonl"]
)
def test_each_blind_set_is_large_enough(name):
    assert len(read_rows(name)) >= 200


def test_no_question_is_asked_in_two_files():
    """A blind set repeats no question of the tuning set nor of another blind set."""
    seen: dict[str, str] = {}
    for name in sorted(QUESTION_FILES):
        for row in read_rows(name):
            assert seen.setdefault(row["question"], name) == name, (row["id"], seen[row["question"]])


def test_citizen_ids_carry_the_language(citizen_rows):
    name, rows = citizen_rows
    prefix = CITIZEN_SETS[name][0]
    for row in rows:
        assert row["id"].startswith(prefix + row["lang"] + "-"), row["id"]


def test_questions_are_unique_and_nfc(any_rows):
    _, rows = any_rows
    questions = [row["question"] for row in rows]
    assert len(questions) == len(set(questions))
    for row in rows:
        assert unicodedata.is_normalized("NFC", row["question"]), row["id"]


def test_diacritics_flag_matches_the_text(any_rows):
    _, rows = any_rows
    for row in rows:
        if row["lang"] == "vi":
            assert row["diacritics"] is has_vietnamese_marks(row["question"]), row["id"]
        else:
            assert row["diacritics"] is None, row["id"]


def test_thai_questions_are_in_thai_script_and_english_ones_are_not(citizen_rows):
    _, rows = citizen_rows
    for row in rows:
        if row["lang"] == "th":
            assert thai_ratio(row["question"]) > 0.8, row["id"]
        elif row["lang"] == "en":
            assert not THAI.search(row["question"]) and not has_vietnamese_marks(row["question"]), row["id"]


def test_every_code_exists_in_the_bundled_catalogue(any_rows, catalogue):
    _, rows = any_rows
    missing = {(row["id"], code) for row in rows for code in row["codes"] if code not in catalogue}
    assert not missing
    for row in rows:
        assert all(CODE.match(code) for code in row["codes"]), row["id"]
        assert len(row["codes"]) == len(set(row["codes"])), row["id"]


def test_out_of_scope_rows_name_no_procedure(any_rows):
    _, rows = any_rows
    for row in rows:
        assert (row["expect"] == "handoff") == (not row["codes"]), row["id"]


def test_ambiguous_rows_name_every_variant_they_hesitate_between(any_rows):
    _, rows = any_rows
    for row in (r for r in rows if r["expect"] == "clarify"):
        assert len(row["codes"]) >= 2, row["id"]


def test_language_mix_follows_the_plan(citizen_rows):
    name, rows = citizen_rows
    answered = [row for row in rows if row["expect"] == "answer"]
    shares = {
        "vi_marked": share(answered, lambda r: r["lang"] == "vi" and r["diacritics"]),
        "vi_bare": share(answered, lambda r: r["lang"] == "vi" and not r["diacritics"]),
        "en": share(answered, lambda r: r["lang"] == "en"),
        "th": share(answered, lambda r: r["lang"] == "th"),
    }
    for slice_, (low, high) in LANGUAGE_PLANS.get(name, LANGUAGE_PLAN).items():
        assert low <= shares[slice_] <= high, (slice_, shares[slice_])


def test_expectation_mix_follows_the_plan(citizen_rows):
    name, rows = citizen_rows
    _, (clarify_low, clarify_high), (handoff_low, handoff_high) = CITIZEN_SETS[name]
    assert clarify_low <= share(rows, lambda r: r["expect"] == "clarify") <= clarify_high
    assert handoff_low <= share(rows, lambda r: r["expect"] == "handoff") <= handoff_high
    for lang in ("vi", "en", "th"):
        expects = Counter(row["expect"] for row in rows if row["lang"] == lang)
        assert expects["clarify"] and expects["handoff"], lang


def test_every_intent_is_represented_in_every_language(rows):
    for lang in ("vi", "en", "th"):
        intents = Counter(row["intent"] for row in rows if row["lang"] == lang)
        assert set(intents) == INTENTS, (lang, INTENTS - set(intents))


def test_the_frequent_citizen_topics_are_covered(citizen_rows, catalogue):
    _, rows = citizen_rows
    fields = Counter(catalogue.get(code).field for row in rows for code in row["codes"])
    for field in (
        "Hộ tịch",
        "Đăng ký, quản lý cư trú",
        "Cấp, quản lý căn cước",
        "Quản lý xuất nhập cảnh",
        "Chứng thực",
        "Lý lịch tư pháp",
        "Sát hạch, cấp giấy phép lái xe",
        "Đất đai",
        "Hoạt động xây dựng",
        "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
    ):
        assert fields[field] >= 5, field


# --- the glosses


def test_glosses_cover_about_a_hundred_real_procedures(glosses, catalogue):
    assert 90 <= len(glosses) <= 200
    assert [code for code in glosses if code not in catalogue] == []


def test_every_gloss_has_short_english_and_thai_text(glosses):
    for code, gloss in glosses.items():
        assert set(gloss) == {"en", "th"}, code
        assert gloss["en"].strip() and len(gloss["en"]) <= 120, code
        assert not THAI.search(gloss["en"]), code
        assert gloss["th"].strip() and len(gloss["th"]) <= 120, code
        assert thai_ratio(gloss["th"]) > 0.8, code


def test_procedures_the_question_set_uses_most_are_glossed(rows, glosses):
    uses = Counter(code for row in rows for code in row["codes"])
    assert [code for code, n in uses.items() if n >= 2 and code not in glosses] == []
