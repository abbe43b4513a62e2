import numpy as np

from assistant.decide import decide as decide_with
from assistant.handoff import FEATURES, HandoffModel
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure, Provenance, Source

SETTINGS = DecisionSettings(variant_ratio=0.9, variant_similarity=0.6, max_variants=3)
ALWAYS_OUT = HandoffModel(np.zeros(len(FEATURES)), 10.0, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), 0.5)


def decide(query, ranked, settings):
    """The decision when the handoff model finds the question in scope."""
    return decide_with(query, ranked, settings, HandoffModel.never())


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


def test_nothing_found_hands_off():
    assert decide(query(), [], SETTINGS).status == "handoff"


def test_an_out_of_scope_verdict_hands_off_even_a_clear_winner():
    ranked = [candidate("1.000001", 1.0), candidate("1.000002", 0.5)]
    decision = decide_with(query(), ranked, SETTINGS, ALWAYS_OUT)
    assert (decision.status, decision.procedures) == ("handoff", ())
