from assistant.decide import decide
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure, Provenance, Source

SETTINGS = DecisionSettings(min_dense=0.8, min_bm25=8.0, variant_ratio=0.9, max_variants=3)


def candidate(code: str, score: float, dense: float = 0.85, bm25: float = 12.0) -> Candidate:
    procedure = Procedure(code=code, name=f"Thủ tục {code}", provenance=Provenance(source=Source.PORTAL_JSON))
    return Candidate(procedure=procedure, score=score, bm25=bm25, dense=dense)


def query(terms: tuple[str, ...] = ()) -> Query:
    return Query(text="q", language="vi", intent="general", restored="q", terms=terms)


def test_a_clear_winner_is_answered():
    decision = decide(query(), [candidate("1.000001", 1.0), candidate("1.000002", 0.5)], SETTINGS)
    assert decision.status == "answer"
    assert decision.procedures[0].code == "1.000001"


def test_near_tied_candidates_ask_which_one_is_meant_up_to_the_maximum():
    ranked = [candidate(f"1.00000{i}", s) for i, s in enumerate((1.0, 0.97, 0.95, 0.92, 0.5), start=1)]
    decision = decide(query(), ranked, SETTINGS)
    assert decision.status == "clarify"
    assert [p.code for p in decision.procedures] == ["1.000001", "1.000002", "1.000003"]


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
