from dataclasses import replace

import numpy as np
import pytest

from assistant.decide import decide as decide_with
from assistant.handoff import FEATURES, HandoffModel
from assistant.options import options
from assistant.query import Query
from assistant.retrieve import Candidate
from assistant.settings import DecisionSettings
from knowledge.schema import Procedure, Provenance, Source

SETTINGS = DecisionSettings(
    variant_ratio=0.1,
    variant_difference=6,
    variant_depth=5,
    vague_words=1,
    vague_chars=50,
    level_ratio=0.4,
    max_variants=3,
)
ALWAYS_OUT = HandoffModel(np.zeros(len(FEATURES)), 10.0, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), 0.5)
MARRIAGE = "Thủ tục đăng ký kết hôn"
FOREIGN_MARRIAGE = "Thủ tục đăng ký kết hôn có yếu tố nước ngoài"


def decide(query, ranked, settings=SETTINGS):
    """The decision when the handoff model finds the question in scope."""
    return decide_with(query, ranked, settings, HandoffModel.never())


def candidate(code: str, score: float, name: str = "") -> Candidate:
    name = name or f"Thủ tục {code}"
    procedure = Procedure(code=code, name=name, provenance=Provenance(source=Source.PORTAL_JSON))
    return Candidate(procedure=procedure, score=score, bm25=12.0, dense=0.9)


def query(
    text: str = "q", terms: tuple[str, ...] = (), language: str = "vi", intent: str = "general"
) -> Query:
    return Query(text=text, language=language, intent=intent, restored=text, terms=terms)


def codes(decision) -> list[str]:
    return [p.code for p in decision.procedures]


def test_a_clear_winner_is_answered():
    decision = decide(query(), [candidate("1.000001", 0.9), candidate("1.000002", 0.05)])
    assert (decision.status, codes(decision)) == ("answer", ["1.000001"])


LEVELS = [
    candidate(f"1.00000{i}", score, name=f"Cấp hộ chiếu phổ thông (thực hiện tại {level})")
    for i, (score, level) in enumerate(
        ((0.3, "cấp tỉnh"), (0.29, "cấp trung ương"), (0.01, "cấp xã")), start=1
    )
]


def test_level_variants_are_one_option_not_a_choice():
    assert [o.probability for o in options(LEVELS)] == [pytest.approx(0.6)]
    assert decide(query("làm hộ chiếu cần giấy tờ gì", intent="documents"), LEVELS).status == "answer"


def test_asked_where_to_go_near_tied_levels_are_offered():
    decision = decide(query("làm hộ chiếu ở đâu", intent="where"), LEVELS)
    assert (decision.status, codes(decision)) == ("clarify", ["1.000001", "1.000002"])  # not the 0.01 one
    lopsided = [LEVELS[0], replace(LEVELS[1], score=0.1)]
    assert decide(query("làm hộ chiếu ở đâu", intent="where"), lopsided).status == "answer"


def test_re_issue_is_not_a_level_variant_of_first_issue():
    # "cấp lại" (re-issue) and "lái" (drive) fold to the same word: only the marked names tell them apart
    ranked = [
        candidate("3.000346", 0.5, "Cấp giấy phép lái xe"),
        candidate("3.000348", 0.5, "Cấp lại giấy phép lái xe"),
    ]
    assert len(options(ranked)) == 2


def test_a_vague_question_asks_whether_a_foreign_element_is_involved():
    # however small the reranker's probability of the variant
    ranked = [candidate("1.000894", 0.9, MARRIAGE), candidate("2.000806", 0.01, FOREIGN_MARRIAGE)]
    decision = decide(query("đăng ký kết hôn cần giấy tờ gì", ("đăng ký kết hôn",)), ranked)
    assert (decision.status, codes(decision)) == ("clarify", ["1.000894", "2.000806"])
    english = decide(query("How do I register a marriage?", ("đăng ký kết hôn",), "en"), ranked)
    assert english.status == "clarify"


def test_a_question_that_says_who_is_involved_is_answered():
    ranked = [candidate("2.000806", 0.9, FOREIGN_MARRIAGE), candidate("1.000894", 0.05, MARRIAGE)]
    terms = ("đăng ký kết hôn", "có yếu tố nước ngoài")
    assert decide(query("đăng ký kết hôn với người Hàn", terms), ranked).status == "answer"


def test_a_question_that_tells_a_situation_is_answered():
    ranked = [candidate("1.000894", 0.9, MARRIAGE), candidate("2.000806", 0.01, FOREIGN_MARRIAGE)]
    text = "em sắp cưới chồng ở tỉnh khác, bên nhà trai giục làm giấy tờ sớm"
    assert decide(query(text, ("đăng ký kết hôn",)), ranked).status == "answer"
    long_english = "My fiancée and I met at university in Hanoi and want to marry next spring, what do we do?"
    assert decide(query(long_english, ("đăng ký kết hôn",), "en"), ranked).status == "answer"


def test_close_variants_the_question_leaves_open_are_offered():
    ranked = [
        candidate("2.001583", 0.6, "Đăng ký thành lập công ty TNHH một thành viên"),
        candidate("2.001199", 0.3, "Đăng ký thành lập công ty TNHH hai thành viên trở lên"),
        candidate("2.002043", 0.1, "Đăng ký thành lập công ty cổ phần"),
    ]
    decision = decide(query("mở công ty tnhh cần hồ sơ gì", ("đăng ký thành lập công ty",)), ranked)
    assert (decision.status, codes(decision)) == ("clarify", ["2.001583", "2.001199"])


def test_a_variant_adding_an_action_nobody_asked_for_is_not_offered():
    ranked = [
        candidate("1.000656", 0.6, "Thủ tục đăng ký khai tử"),
        candidate("1.005461", 0.4, "Đăng ký lại khai tử"),
    ]
    assert decide(query("đăng ký khai tử ở đâu", ("đăng ký khai tử",)), ranked).status == "answer"


def test_near_tied_procedures_that_are_not_variants_are_answered():
    ranked = [
        candidate("1.000001", 0.5, name="Đăng ký khai sinh"),
        candidate("1.000002", 0.49, name="Cấp bản sao trích lục hộ tịch"),
    ]
    assert decide(query("khai sinh"), ranked).status == "answer"


def test_nothing_found_hands_off():
    assert decide(query(), []).status == "handoff"


def test_an_out_of_scope_verdict_hands_off_even_a_clear_winner():
    ranked = [candidate("1.000001", 1.0), candidate("1.000002", 0.5)]
    decision = decide_with(query(), ranked, SETTINGS, ALWAYS_OUT)
    assert (decision.status, decision.procedures) == ("handoff", ())
