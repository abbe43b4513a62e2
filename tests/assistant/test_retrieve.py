"""How the retriever reads a long narrative question."""

from __future__ import annotations

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
    _, rows = retriever.dense.search(head_only, 1)
    assert "khai tử" in retriever.procedures[rows[0]].name  # death registration, the story's occasion
    found = retriever.run(query, "dense", limit=3)
    assert all("giấy phép lái xe" in c.procedure.name for c in found)  # driving licences only
    assert LICENCE_REISSUE in [c.procedure.code for c in found[:2]]
