"""The citizens' situations file: every procedure it names exists, told in the three languages."""

from __future__ import annotations

import re
import unicodedata

from assistant.situations import LANGUAGES, situations
from knowledge.text import has_vietnamese_marks

THAI = re.compile(r"[\u0e00-\u0e7f]")
# catalogue fields (``Procedure.field``) whose every procedure a person applies for is told
PERSONAL_FIELDS = frozenset(
    {
        "Cấp, quản lý căn cước",
        "Quản lý xuất nhập cảnh",
        "Quốc tịch",
        "Nuôi con nuôi",
        "Lý lịch tư pháp",
        "Chính sách",
        "Khiếu nại, tố cáo",
        "Bồi thường nhà nước",
        "Tổ chức, cán bộ",
        "Luật sư",
    }
)
# applicant kinds (``Procedure.applicants``) that are a person rather than an organisation
PEOPLE = frozenset(
    {
        "Công dân Việt Nam",
        "Người nước ngoài",
        "Người Việt Nam định cư ở nước ngoài",
        "Người nước ngoài cư trú tại Việt Nam",
        "Người nước ngoài đã cư trú tại Việt Nam",
    }
)
# letters only Vietnamese writes (English may still borrow "café")
VIETNAMESE_ONLY = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def test_every_code_is_a_procedure_of_the_bundled_catalogue(catalogue):
    told = situations()
    assert len(told) >= 900
    assert [code for code in told if code not in catalogue] == []


def test_the_portal_procedures_centers_handle_most_are_all_told(catalogue):
    from knowledge.schema import Source

    portal = {p.code for p in catalogue if p.provenance.source == Source.PORTAL_JSON}
    assert portal - situations().keys() == set()


def test_every_procedure_a_person_applies_for_in_the_personal_fields_is_told(catalogue):
    """Identity, exit-entry, nationality, adoption, criminal records... at any level (a central variant is a
    sibling people confuse with the provincial one), as long as a person can apply."""
    untold = [
        p.code
        for p in catalogue
        if p.field in PERSONAL_FIELDS and set(p.applicants) & PEOPLE and p.code not in situations()
    ]
    assert untold == []


def test_each_procedure_is_told_in_vietnamese_english_and_thai():
    for code, by_language in situations().items():
        assert tuple(sorted(by_language)) == tuple(sorted(LANGUAGES)), code
        assert 2 <= len(by_language["vi"]) <= 4, code
        assert all(1 <= len(by_language[language]) <= 4 for language in ("en", "th")), code
        assert all(text.strip() == text and text for texts in by_language.values() for text in texts), code


def test_vietnamese_is_nfc_with_its_marks_thai_is_in_thai_script_english_is_not():
    for code, by_language in situations().items():
        for text in by_language["vi"]:
            assert unicodedata.normalize("NFC", text) == text, code
            assert has_vietnamese_marks(text), code
        assert all(THAI.search(text) for text in by_language["th"]), code
        assert not any(THAI.search(text) or VIETNAMESE_ONLY.search(text) for text in by_language["en"]), code


def test_no_two_procedures_share_a_situation():
    """Variants are told apart (level, foreign element, first issue or re-issue), not copied."""
    seen: dict[str, str] = {}
    for code, by_language in situations().items():
        for texts in by_language.values():
            for text in texts:
                assert seen.setdefault(text, code) == code, (text, seen[text], code)
