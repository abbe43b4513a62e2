"""How the retriever reads a long narrative question, and what it tells the reranker of each candidate."""

from __future__ import annotations

import pytest

# A funeral told as the occasion, a lost licence as the need, told after the first 24 words.
STORY = (
    "My wife's grandmother passed away last month and we flew back from Hanoi for the funeral, and "
    "somewhere at the airport I lost my driving licence. How do I get a replacement?"
)
LICENCE_REISSUE = "3.000348"


def test_the_dense_ranker_finds_the_need_a_story_closes_with(helpdesk):
    query = helpdesk.understand(STORY)
    assert query.dense_ask is not None and query.dense_question.endswith(query.dense_ask)
    retriever = helpdesk.retriever
    head_only = retriever.encoder.vector(" ".join(STORY.split()[:24]), query.dense_terms)
    _, rows = retriever.dense.search(head_only, 3)
    # death registration, the story's occasion, is among the nearest to its head
    assert any("khai tử" in retriever.procedures[row].name for row in rows)
    found = retriever.run(query, "dense", limit=3)
    assert not any("khai tử" in c.procedure.name for c in found)  # the closing clauses leave it behind
    assert all("giấy phép lái xe" in c.procedure.name for c in found[:2])  # driving licences first
    assert LICENCE_REISSUE in [c.procedure.code for c in found[:2]]
    assert helpdesk.ask(STORY).candidates[0].code == LICENCE_REISSUE


def test_each_candidate_carries_its_similarity_to_the_question_before_the_lexicon_shifts_it(helpdesk):
    query = helpdesk.understand("làm lại căn cước bị mất")
    assert query.dense_terms  # the lexicon maps the everyday words to catalogue wording
    retriever = helpdesk.retriever
    searched, own = retriever.encoder.vectors(query.dense_question, query.dense_terms)
    assert float(searched @ own) < 0.999  # the terms moved the vector searched with (a little)
    scores, rows = retriever.dense.search(own, retriever.settings.depth)
    similarity = dict(zip(rows.tolist(), scores.tolist(), strict=True))
    found = retriever.run(query, limit=5)
    assert any(c.dense_bare != c.dense for c in found)
    for candidate in found:
        row = retriever.procedures.index(candidate.procedure)
        assert candidate.dense_bare == pytest.approx(similarity.get(row, 0.0))


def test_a_question_the_lexicon_maps_to_nothing_is_searched_with_its_own_vector(helpdesk):
    searched, own = helpdesk.retriever.encoder.vectors("xyz qwv", ())
    assert searched is own
