"""What the center does not do, told in three languages, and how near a question comes to it."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.out_of_scope import LANGUAGES, OutOfScopeTopics, topic_passages, topics


def test_every_topic_is_told_in_vietnamese_english_and_thai():
    assert len(topics()) >= 10
    for name, told in topics().items():
        assert set(told) == set(LANGUAGES), name
        assert all(text.strip() for text in told.values()), name
    assert len(topic_passages()) == len(topics()) * len(LANGUAGES)


@pytest.fixture(scope="module")
def embedded(helpdesk):
    encoder = helpdesk.retriever.encoder
    return OutOfScopeTopics.load(encoder.embedder), encoder


@pytest.mark.parametrize(
    ("outside", "inside"),
    [
        ("Ngày mai ở Đà Nẵng có mưa không?", "Làm lại căn cước bị mất cần giấy tờ gì?"),
        ("What is the interest rate on a bank loan?", "How do I register my baby's birth?"),
        ("ราคาทองวันนี้เท่าไหร่", "จดทะเบียนสมรสกับคนเวียดนามต้องใช้เอกสารอะไร"),
    ],
)
def test_a_question_about_what_the_center_does_not_do_is_nearer_to_a_topic(embedded, outside, inside):
    topics_, encoder = embedded
    assert topics_.nearest(encoder.vector(outside)) > topics_.nearest(encoder.vector(inside))


def test_the_retriever_gives_every_candidate_the_questions_nearness_to_the_topics(helpdesk):
    query = helpdesk.understand("Where can I buy a SIM card?")
    candidates = helpdesk.rank(query)
    assert len({c.outside for c in candidates}) == 1
    assert 0.5 < candidates[0].outside <= 1.0
    assert np.isclose(
        candidates[0].outside,
        helpdesk.retriever.topics.nearest(
            helpdesk.retriever.encoder.vector(query.dense_question, query.dense_terms)
        ),
    )


def test_the_topics_are_embedded_once_then_read_from_the_build_folder(embedded, tmp_path):
    topics_, encoder = embedded

    class Refusing:
        name, dim = encoder.embedder.name, encoder.embedder.dim

        def passages(self, texts):
            raise AssertionError("embedded again")

    first = OutOfScopeTopics.load(encoder.embedder, tmp_path)
    again = OutOfScopeTopics.load(Refusing(), tmp_path)
    assert np.array_equal(first.vectors, again.vectors)
    assert np.allclose(first.vectors, topics_.vectors, atol=1e-5)
