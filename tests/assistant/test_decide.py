from assistant.decide import decide
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure, Provenance, Source

SETTINGS = DecisionSettings(
    min_dense=0.8, min_bm25=8.0, variant_ratio=0.9, variant_similarity=0.6, max_variants=3
)


def candidate(code: str, score: float, dense: float = 0.9, bm25: float = 12.0, name: str = "") -> Candidate:
    name = name or f"Thủ tục {code}"
    procedure = Procedure(code=code, name=name, provenance=Provenance(source=Source.PORTAL_JSON))
    return Candidate(procedure=procedure, score=score, bm25=bm25, dense=dense)


def query(terms: tuple[str, ...] = ()) -> Query:
    return Query(text="q", language="vi", intent="general", restored="q", terms=terms)


def test_a_clear_winner_is_answered():
    decision = decide(query(), [candidate("1.000001", 1.0), candidate("1.000002", 0.5)], SETTINGS)
    assert decision.status == "answer"
    assert decision.procedures[0].code == "1.000001"


def test_near_tied_variants_ask_which_one_is_meant_up_to_the_maximum():
    levels = ("cấp tỉnh", "cấp trung ương", "cấp xã", "cấp huyện", "cấp tỉnh")
    ranked = [
        candidate(f"1.00000{i}", s, name=f"Cấp hộ chiếu phổ thông (thực hiện tại {level})")
        for i, (s, level) in enumerate(zip((1.0, 0.97, 0.95, 0.92, 0.5), levels, strict=True), start=1)
    ]
    decision = decide(query(), ranked, SETTINGS)
    assert decision.status == "clarify"
    assert [p.code for p in decision.procedures] == ["1.000001", "1.000002", "1.000003"]


def test_near_tied_procedures_that_are_not_variants_are_answered():
    ranked = [
        candidate("1.000001", 1.0, name="Đăng ký khai sinh"),
        candidate("1.000002", 0.99, name="Cấp bản sao trích lục hộ tịch"),
    ]
    assert decide(query(), ranked, SETTINGS).status == "answer"


def test_weak_evidence_everywhere_hands_off():
    ranked = [
        candidate("1.000001", 1.0, dense=0.75, bm25=3.0),
        candidate("1.000002", 0.4, dense=0.7, bm25=1.0),
    ]
    assert decide(query(), ranked, SETTINGS).status == "handoff"
    assert decide(query(), [], SETTINGS).status == "handoff"


def test_a_lexicon_match_keeps_the_question_in_scope():
    ranked = [
        candidate("1.000001", 1.0, dense=0.75, bm25=3.0),
        candidate("1.000002", 0.4, dense=0.7, bm25=1.0),
    ]
    assert decide(query(terms=("đăng ký khai sinh",)), ranked, SETTINGS).status == "answer"
