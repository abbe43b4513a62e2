"""The reranker puts the procedure the citizen means before its near-variants."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.lexicon import default_lexicon
from assistant.query import Query
from assistant.rerank import FEATURES, MODEL_FILE, Reranker, RerankModel, features
from assistant.retrieve import Candidate
from eval.rerank import Group, fit
from knowledge.schema import Procedure, Provenance, Source


def candidate(name: str, score: float = 1.0, code: str = "1.000001") -> Candidate:
    procedure = Procedure(code=code, name=name, provenance=Provenance(source=Source.CRAWL))
    return Candidate(procedure=procedure, score=score, bm25=10.0 * score, dense=0.9)


def query(text: str, terms: tuple[str, ...] = ()) -> Query:
    return Query(text=text, language="vi", intent="where", restored=text, terms=terms)


def column(matrix: np.ndarray, name: str) -> list[float]:
    return matrix[:, FEATURES.index(name)].tolist()


def test_action_words_the_citizen_did_not_say_are_counted():
    matrix = features(
        query("đăng ký tạm trú ở đâu"),
        [candidate("Đăng ký tạm trú"), candidate("Xóa đăng ký tạm trú", code="1.000002")],
        default_lexicon(),
    )
    assert column(matrix, "lead_unsaid") == [0.0, 1.0]  # "xóa" was not said
    assert column(matrix, "marker_unsaid") == [0.0, 1.0]
    assert column(matrix, "own_in_name") == [1.0, 1.0]


def test_a_catalogue_term_that_is_the_whole_name_is_flagged():
    matrix = features(
        query("mất căn cước", terms=("cấp lại thẻ căn cước",)),
        [candidate("Cấp lại thẻ căn cước"), candidate("Cấp đổi thẻ căn cước", code="1.000002")],
        default_lexicon(),
    )
    assert column(matrix, "term_is_name") == [1.0, 0.0]
    assert column(matrix, "coverage") == [1.0, 0.8]  # "đổi" is the one of its five words not said


def test_a_variant_whose_own_words_the_citizen_typed_wins_against_its_sibling():
    matrix = features(
        query("thẻ căn cước bị gãy chip, phải đổi thẻ mới"),
        [
            candidate("Cấp lại thẻ căn cước"),
            candidate("Cấp đổi thẻ căn cước", code="1.000002"),
            candidate("Đăng ký khai sinh", code="1.000003"),  # shares too few words: no sibling
        ],
        default_lexicon(),
    )
    assert column(matrix, "variant_said") == [-1.0, 1.0, 0.0]  # "đổi" was typed, "lại" was not


def test_a_variant_wins_or_loses_each_contest_on_its_own_words_and_pairs():
    matrix = features(
        query("mở khóa căn cước điện tử"),
        [
            candidate("Khóa căn cước điện tử"),
            candidate("Mở khóa căn cước điện tử", code="1.000002"),
            candidate("Mở khóa căn cước điện tử (thực hiện tại cấp tỉnh)", code="1.000003"),
        ],
        default_lexicon(),
    )
    # the two levels of the unlock are the same words: no contest between them, each beats the lock
    assert column(matrix, "variant_said") == [-1.0, 1.0, 1.0]


def test_siblings_are_judged_on_what_the_citizen_typed_not_on_the_lexicon_terms():
    candidates = [candidate("Cấp lại thẻ căn cước"), candidate("Cấp đổi thẻ căn cước", code="1.000002")]
    english = Query(
        text="my ID card is damaged",
        language="en",
        intent="where",
        restored="",
        terms=("cấp đổi thẻ căn cước",),
    )
    assert column(features(english, candidates, default_lexicon()), "variant_said") == [0.0, 0.0]


def test_a_term_found_only_in_a_story_opening_is_told_from_one_in_its_closing_clauses():
    lexicon = default_lexicon()
    text = (
        "Giấy khai sinh của con trai tôi ghi tên đệm Văn thành Vân, đến lúc nhập học mới phát hiện, "
        "giờ muốn xin cấp lại thẻ căn cước cho tôi thì làm thế nào?"
    )
    story = Query(
        text=text,
        language="vi",
        intent="steps",
        restored=text,
        terms=("đăng ký khai sinh", "cấp lại thẻ căn cước"),
    )
    assert story.dense_ask  # a story: it has closing clauses
    matrix = features(
        story,
        [
            candidate("Đăng ký lại khai sinh"),
            candidate("Cấp lại thẻ căn cước", code="1.000002"),
            candidate("Đăng ký thường trú", code="1.000003"),
        ],
        lexicon,
    )
    assert column(matrix, "context_term") == [1.0, 0.0, 0.0]  # the birth record was the scene
    assert column(matrix, "ask_term") == [0.0, 1.0, 0.0]  # the card is the need
    assert column(matrix, "term_share") == [0.0, 0.5, 0.0]  # one of the two terms is the whole name


def test_a_question_that_is_no_story_is_all_closing_clauses():
    matrix = features(
        query("làm lại căn cước bị mất", terms=("cấp lại thẻ căn cước",)),
        [candidate("Cấp lại thẻ căn cước"), candidate("Đăng ký khai sinh", code="1.000002")],
        default_lexicon(),
    )
    assert column(matrix, "context_term") == [0.0, 0.0]
    assert column(matrix, "ask_term") == [1.0, 0.0]
    assert column(matrix, "ask_own_in_name") == column(matrix, "own_in_name")


def test_the_fused_order_model_keeps_fusion_order():
    ranked = [candidate("A", 0.9), candidate("B", 0.5, "1.000002"), candidate("C", 0.7, "1.000003")]
    reranked = Reranker(default_lexicon(), RerankModel.fused_order()).run(query("x"), ranked, limit=2)
    assert [c.procedure.name for c in reranked] == ["A", "C"]
    assert reranked[0].score > reranked[1].score  # scores become probabilities, best first


def test_fitting_learns_which_feature_marks_the_right_candidate():
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(40):
        matrix = rng.normal(size=(5, len(FEATURES)))
        gold = np.zeros(5, dtype=bool)
        gold[int(np.argmax(matrix[:, FEATURES.index("own_in_name")]))] = True
        groups.append(Group({}, matrix, gold))
    model = fit(groups)
    assert int(np.argmax(model.weights)) == FEATURES.index("own_in_name")


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    stale = json.loads(MODEL_FILE.read_text("utf-8"))
    stale["features"] = stale["features"][:-1]
    path = tmp_path / "rerank.json"
    path.write_text(json.dumps(stale))
    with pytest.raises(ValueError, match="motcua eval rerank --write"):
        RerankModel.load(path)


def test_the_committed_model_matches_the_features():
    assert len(RerankModel.load().weights) == len(FEATURES)


@pytest.mark.parametrize(
    ("question", "meant"),
    [
        ("Sinh viên thuê trọ ở Hà Nội thì đăng ký tạm trú ở chỗ nào?", "Đăng ký tạm trú"),
        ("xin giay phep xay dung nha o can ban ve gi", "Cấp giấy phép xây dựng mới"),
    ],
)
def test_the_base_procedure_beats_its_renewal_and_deletion_variants(helpdesk, question, meant):
    ranked = helpdesk.rank(helpdesk.understand(question))
    assert ranked[0].procedure.name.startswith(meant)


def test_a_variant_named_by_its_own_action_beats_its_sibling(helpdesk):
    ranked = helpdesk.rank(helpdesk.understand("xin mở khóa căn cước điện tử đã bị khóa"))
    assert ranked[0].procedure.name.startswith("Mở khóa căn cước điện tử")
