"""How the lexicon finds a question's phrases: looked up by their first word, reported in lexicon order."""

from assistant.lexicon import Lexicon

LEXICON = Lexicon.from_json(
    {
        "vi": [
            {"say": ["hộ kinh doanh"], "means": "đăng ký hộ kinh doanh"},
            {
                "say": ["mất giấy chứng nhận hộ kinh doanh", "mất giấy phép"],
                "means": "cấp lại giấy chứng nhận",
            },
            {"say": ["kinh doanh"], "means": "đăng ký hộ kinh doanh"},
        ],
        "en": [
            {"say": ["business licence"], "means": "cấp lại giấy chứng nhận"},
            {"say": ["household business"], "means": "đăng ký hộ kinh doanh"},
        ],
        "th": [{"say": ["ใบอนุญาต"], "means": "cấp lại giấy chứng nhận"}],
    }
)


def test_terms_come_in_lexicon_order_whichever_word_their_phrase_begins_with():
    found = LEXICON.matches("toi bi mat giay chung nhan ho kinh doanh", "vi")
    assert list(found) == ["đăng ký hộ kinh doanh", "cấp lại giấy chứng nhận"]
    assert found == {"đăng ký hộ kinh doanh": 3, "cấp lại giấy chứng nhận": 7}  # the longest clue counts


def test_a_phrase_matches_only_from_its_first_word_at_a_word_boundary():
    assert LEXICON.matches("kinh doanh nhỏ", "vi") == {"đăng ký hộ kinh doanh": 2}
    assert LEXICON.matches("mất giấy phép lái xe", "vi") == {"cấp lại giấy chứng nhận": 3}
    assert LEXICON.matches("a household business licence", "en") == {
        "cấp lại giấy chứng nhận": 2,
        "đăng ký hộ kinh doanh": 2,
    }
    assert LEXICON.matches("my businesslicence", "en") == {}


def test_thai_phrases_are_found_inside_unspaced_text():
    assert LEXICON.matches("ขอใบอนุญาตใหม่", "th") == {"cấp lại giấy chứng nhận": 8}


def test_a_thai_phrase_matches_only_where_syllables_begin_and_end():
    lexicon = Lexicon.from_json(
        {
            "th": [
                {"say": ["ปิดร้าน"], "means": "chấm dứt hoạt động hộ kinh doanh"},
                {"say": ["ตาย"], "means": "đăng ký khai tử"},
            ]
        }
    )
    # "เปิดร้าน" (to open a shop) holds "ปิดร้าน" (to close one) after its preposed vowel "เ"
    assert lexicon.matches("อยากเปิดร้านกาแฟ", "th") == {}
    assert lexicon.matches("จะปิดร้านกาแฟ", "th") == {"chấm dứt hoạt động hộ kinh doanh": 7}
    # "ตายาย" (grandparents) holds "ตาย" (dead), whose "ย" begins the next syllable "ยาย"
    assert lexicon.matches("คุณตายายมาเยี่ยม", "th") == {}
    assert lexicon.matches("พ่อตายแล้ว", "th") == {"đăng ký khai tử": 3}
    # a later occurrence at syllable edges still counts
    assert lexicon.matches("เปิดร้านมาสองปี ตอนนี้ปิดร้าน", "th") == {"chấm dứt hoạt động hộ kinh doanh": 7}


def test_the_catalogue_terms_are_every_meaning_once():
    assert LEXICON.catalogue_terms() == {"đăng ký hộ kinh doanh", "cấp lại giấy chứng nhận"}
