"""Stage 3: marks put back on Vietnamese typed without them, abbreviations spelled out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assistant.diacritics as diacritics
from assistant.diacritics import DiacriticRestorer, default_restorer
from knowledge.catalogue import Catalogue, default_catalogue


@pytest.fixture(scope="module")
def restorer() -> DiacriticRestorer:
    """The restorer of the bundled catalogue (trained into the build folder on first use)."""
    return default_restorer()


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("lam lai can cuoc bi mat", "làm lại căn cước bị mất"),
        ("ban do dat", "bản đồ đất"),
        ("so do bi mat", "sổ đỏ bị mất"),
        ("lam so do mat bao lau", "làm sổ đỏ mất bao lâu"),
        ("nhap ho khau cho con", "nhập hộ khẩu cho con"),
        ("doi bang lai xe may", "đổi bằng lái xe máy"),
        ("dang ky ket hon can giay to gi", "đăng ký kết hôn cần giấy tờ gì"),
        ("nop ho so o dau", "nộp hồ sơ ở đâu"),
        ("xin giay xac nhan tinh trang hon nhan", "xin giấy xác nhận tình trạng hôn nhân"),
        ("ho chieu het han thi lam sao", "hộ chiếu hết hạn thì làm sao"),
        ("le phi cap ban sao trich luc khai sinh", "lệ phí cấp bản sao trích lục khai sinh"),
        ("thu tuc sang ten so do nhu the nao", "thủ tục sang tên sổ đỏ như thế nào"),
        # everyday talk around the need: who, when, who said what
        ("bo toi mat nam ngoai, gio lam khai tu o dau", "bố tôi mất năm ngoái, giờ làm khai tử ở đâu"),
        ("chi toi nghe noi phai ra xa xin giay", "chị tôi nghe nói phải ra xã xin giấy"),
        ("be nha toi moi sinh duoc hai thang", "bé nhà tôi mới sinh được hai tháng"),
    ],
)
def test_unaccented_questions_get_their_marks(restorer, typed, restored):
    assert restorer.restore(typed) == restored


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("ko dc cap lai gplx", "không được cấp lại giấy phép lái xe"),
        ("dk tam tru can j", "đăng ký tạm trú cần gì"),
        ("cccd bi mat lam lai ntn", "căn cước công dân bị mất làm lại như thế nào"),
        ("le phi bn", "lệ phí bao nhiêu"),
        ("cho e xin sdt ubnd xa", "cho em xin số điện thoại ủy ban nhân dân xã"),
    ],
)
def test_phone_abbreviations_are_spelled_out(restorer, typed, restored):
    assert restorer.restore(typed) == restored


def test_a_letter_after_a_number_is_a_unit_not_an_abbreviation(restorer):
    assert restorer.restore("le phi 50 k") == "lệ phí 50 k"
    assert restorer.restore("dc k") == "được không"


def test_abbreviations_can_be_left_alone(restorer):
    assert restorer.restore("ko dc cap lai", expand_abbreviations=False) == "ko dc cấp lại"


@pytest.mark.parametrize(
    "typed",
    [
        "Tôi muốn làm hộ chiếu cho con",  # already written with marks
        "passport visa online",  # not Vietnamese
        "CT01 TK01 001090123456",  # codes and numbers
        "",
    ],
)
def test_text_with_nothing_to_restore_comes_back_as_typed(restorer, typed):
    assert restorer.restore(typed) == typed


def test_words_typed_with_marks_are_kept_and_the_rest_restored_around_them(restorer):
    assert restorer.restore("đăng ky ket hôn o đâu") == "đăng ký kết hôn ở đâu"


def test_codes_numbers_and_foreign_words_stay_in_place(restorer):
    assert restorer.restore("mau CT01 o dau") == "mẫu CT01 ở đâu"
    assert restorer.restore("passport het han") == "passport hết hạn"
    assert restorer.restore("nop 2 ban sao") == "nộp 2 bản sao"


def test_case_spacing_and_punctuation_follow_what_was_typed(restorer):
    assert restorer.restore("LAM HO CHIEU") == "LÀM HỘ CHIẾU"
    assert restorer.restore("Lam ho chieu, mat bao lau?") == "Làm hộ chiếu, mất bao lâu?"
    assert restorer.restore("  ho  chieu ") == "  hộ  chiếu "


def test_default_restorer_is_loaded_once(restorer):
    assert default_restorer() is restorer


def test_a_restorer_trains_on_any_accented_text():
    trained = DiacriticRestorer.train(
        ["Tôi đi làm hộ chiếu.", "Hộ chiếu phổ thông.", "Tôi đi làm về muộn.", "Phổ thông trung học."],
        phrases=[],
    )
    assert trained.restore("toi di lam ho chieu") == "tôi đi làm hộ chiếu"
    assert trained.restore("ho chieu pho thong") == "hộ chiếu phổ thông"
    assert trained.restore("xin chao") == "xin chao"  # never seen: left bare


def test_a_spelling_met_once_in_the_catalogue_is_a_slip_unless_citizens_say_it():
    sentences = ["Nộp hồ sơ.", "Nộp tưi hồ sơ.", "Hồ sơ gốc."]  # "tưi": a typo, met once
    assert DiacriticRestorer.train(sentences, phrases=[]).restore("nop tui ho so") == "nộp tui hồ sơ"
    assert DiacriticRestorer.train(sentences, phrases=["tưi"]).restore("nop tui ho so") == "nộp tưi hồ sơ"


def test_the_trained_tables_are_cached_by_catalogue_reused_and_replace_older_ones(tmp_path, monkeypatch):
    procedures = default_catalogue().procedures[:20]
    small = Catalogue(procedures, fingerprint="small-test-catalogue")
    monkeypatch.setenv("MOTCUA_BUILD_DIR", str(tmp_path))
    monkeypatch.setattr("knowledge.catalogue.default_catalogue", lambda: small)
    stale = tmp_path / "diacritics-0000000000000000.pkl"  # tables of an older catalogue
    stale.write_bytes(b"old")

    first = DiacriticRestorer.load()
    assert len(list(tmp_path.glob("diacritics-*.pkl"))) == 1
    assert not stale.exists()

    def no_training(*args, **kwargs):
        raise AssertionError("the cached tables should have been read")

    monkeypatch.setattr(DiacriticRestorer, "train", no_training)
    second = DiacriticRestorer.load()
    assert second.vocabulary == first.vocabulary
    assert second.restore("thu tuc") == first.restore("thu tuc")


def test_an_unreadable_cache_is_trained_again(tmp_path, monkeypatch):
    small = Catalogue(default_catalogue().procedures[:5], fingerprint="unreadable-cache-test")
    monkeypatch.setenv("MOTCUA_BUILD_DIR", str(tmp_path))
    monkeypatch.setattr("knowledge.catalogue.default_catalogue", lambda: small)
    DiacriticRestorer.load()
    (cache,) = tmp_path.glob("diacritics-*.pkl")
    cache.write_bytes(b"not a pickle")
    assert isinstance(DiacriticRestorer.load(), DiacriticRestorer)
    assert cache.read_bytes() != b"not a pickle"


def test_the_catalogue_text_covers_names_documents_and_steps():
    procedure = next(p for p in default_catalogue() if p.documents and p.steps)
    text = list(diacritics.procedure_text(procedure))
    assert procedure.name in text
    assert procedure.documents[0].name in text
    assert procedure.steps[0] in text


def test_no_row_of_the_fresh_question_sets_trains_the_restorer():
    """Their bare twins measure the restorer on unseen wording (``motcua eval bare``)."""
    questions = Path(__file__).resolve().parents[2] / "eval" / "questions"
    fresh = {
        json.loads(line)["question"].lower()
        for name in ("fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl")
        for line in (questions / name).read_text("utf-8").splitlines()
        if line.strip()
    }
    assert fresh and not fresh & {phrase.lower() for phrase in diacritics.citizen_phrases()}
