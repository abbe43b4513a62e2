from assistant.bm25 import BM25Index, terms
from assistant.lexicon import words
from knowledge.schema import Procedure, Provenance, RequiredDocument, Source

PROVENANCE = Provenance(source=Source.PORTAL_JSON)


def procedure(code: str, name: str, documents: tuple[str, ...] = ()) -> Procedure:
    return Procedure(
        code=code,
        name=name,
        documents=tuple(RequiredDocument(name=d) for d in documents),
        provenance=PROVENANCE,
    )


PROCEDURES = [
    procedure("1.000001", "Đăng ký khai sinh"),
    procedure("1.000002", "Đăng ký kết hôn", documents=("Bản sao giấy khai sinh của hai bên",)),
    procedure("1.000003", "Cấp lại thẻ căn cước"),
    procedure("1.000004", "Cấp thẻ căn cước"),
]


def query(text: str) -> list[str]:
    return terms(words(text))


def test_terms_are_folded_syllables_and_adjacent_pairs():
    assert query("Đăng ký khai sinh") == ["dang", "ky", "khai", "sinh", "dang_ky", "ky_khai", "khai_sinh"]


def test_unaccented_query_finds_the_accented_name():
    index = BM25Index.build(PROCEDURES)
    scores = index.scores(query("dang ky khai sinh"))
    assert scores.argmax() == 0


def test_a_term_in_the_name_outweighs_the_same_term_in_the_documents():
    index = BM25Index.build(PROCEDURES)
    scores = index.scores(query("khai sinh"))
    assert scores[0] > scores[1] > 0


def test_syllable_pairs_keep_cap_lai_apart_from_cap():
    index = BM25Index.build(PROCEDURES)
    scores = index.scores(query("cấp lại căn cước"))
    assert scores.argmax() == 2


def test_unknown_terms_score_nothing_and_weights_scale_scores():
    index = BM25Index.build(PROCEDURES)
    assert not index.scores(["xyzzy"]).any()
    single = index.scores(query("kết hôn"))
    double = index.scores(query("kết hôn"), [2.0] * len(query("kết hôn")))
    assert (double[1] - 2 * single[1]) < 1e-5
