"""Every file of the bad-file corpus (tests/data/bad-files/generate.py) posted to /api/scans gets a
clear 4xx and leaves nothing behind: no scan stored, no job queued."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import func, select

from api.store.models import Job, Scan

GENERATOR = Path(__file__).resolve().parents[1] / "data" / "bad-files" / "generate.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("bad_files_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("bad-files")
    return out, _load_generator().generate(out)


def stored(client) -> tuple[int, int]:
    with client.app.state.services.sessions() as db:
        return db.scalar(select(func.count(Scan.id))), db.scalar(select(func.count(Job.id)))


def test_the_corpus_has_at_least_30_files(bad_files):
    assert len(bad_files[1]) >= 30


def test_every_bad_file_gets_a_clear_4xx_and_nothing_is_stored(client, staff, bad_files):
    folder, expected = bad_files
    got = {}
    for name in expected:
        response = client.post(
            "/api/scans",
            headers=staff,
            files=[("files", (name, (folder / name).read_bytes()))],
            data={"form": "TK01"},
        )
        detail = response.json()["detail"]
        got[name] = response.status_code
        assert isinstance(detail, str) and len(detail) > 10, (name, detail)
        assert name not in detail  # the uploaded name is personal data and never echoed
    assert got == expected
    assert stored(client) == (0, 0)


def test_one_bad_file_in_a_batch_refuses_the_whole_batch(client, staff, bad_files, id_card):
    folder, _ = bad_files
    files = [
        ("files", ("front.jpg", id_card[0])),
        ("files", ("back.jpg", (folder / "truncated.jpg").read_bytes())),
    ]
    response = client.post("/api/scans", headers=staff, files=files)
    assert response.status_code == 422 and response.json()["detail"].startswith("file 2:")
    assert stored(client) == (0, 0)


def test_file_count_limits(make_client, id_card):
    from service_support import sign_in

    client = make_client(max_files=2)
    staff = sign_in(client, "lan", "staff")
    three = [("files", (f"{i}.jpg", id_card[0])) for i in range(3)]
    too_many = client.post("/api/scans", headers=staff, files=three)
    assert too_many.status_code == 413 and "at most 2" in too_many.json()["detail"]
    assert client.post("/api/scans", headers=staff, data={"form": "TK01"}).status_code == 422


def test_an_oversized_request_is_refused_before_it_is_read(client, staff):
    response = client.post(
        "/api/scans",
        headers={**staff, "Content-Length": str(10**10), "Content-Type": "multipart/form-data; boundary=x"},
        content=b"",
    )
    assert response.status_code == 413
